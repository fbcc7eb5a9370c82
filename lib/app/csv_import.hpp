// The CSV imports (ImportRoster, ImportAttendance, ImportExamResults) as the HTTP handlers and `certhours import`
// share them: the bytes of an
// uploaded file decoded to UTF-8, parsed (domain/csv.hpp), and imported by the store
// (store/imports.hpp) with the same report on both paths.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "domain/csv.hpp"
#include "domain/enum_names.hpp"
#include "domain/messages.hpp"
#include "store/imports.hpp"

namespace certhours::app {

// The largest CSV file an import takes (HTTP body and `certhours import` alike; docs/limits.md).
inline constexpr std::size_t kCsvFileLimit = 20 << 20;  // 20 MiB

struct DecodedText {
  std::string text;      // UTF-8, without a BOM
  std::string encoding;  // "utf-8" or "gb18030"
};

// Accepts UTF-8 (with or without BOM) as it is (copied), and converts GB18030 (which includes GBK
// and GB2312, what Chinese Excel and WPS write for "CSV (逗号分隔)") with iconv when the
// bytes decode cleanly as GB18030. Refuses (invalid Status, message for the user): an
// empty file, a binary file (NUL bytes: .xlsx, .xls, images, UTF-16 text), and bytes that
// are neither UTF-8 nor GB18030 (each message says how to save the sheet as CSV UTF-8).
Result<DecodedText> decode_csv_bytes(std::string_view bytes);

enum class ImportKind { officers, attendance, exam_results };
inline constexpr auto kImportKinds = names_of<ImportKind>(
    {{ImportKind::officers, "officers"}, {ImportKind::attendance, "attendance"}, {ImportKind::exam_results, "exam-results"}});
inline std::optional<ImportKind> parse_import_kind(std::string_view s) { return kImportKinds.parse(s); }
inline const char* import_kind_key(ImportKind k) { return kImportKinds.key(k); }

// The outcome of one import: `refused` when the file as a whole or some lines were refused
// (then nothing was written): `message` says why, `rows` lists the first refused lines (at
// most store::ImportLimits::listed_lines, in line order) and `more_rows` counts the others.
struct CsvImport {
  bool refused = false;
  Message message;
  std::vector<csv::LineError> rows;
  std::int64_t more_rows = 0;
  int imported = 0, skipped_duplicates = 0;
  std::string encoding;
  std::int64_t named_unknown_ids = 0;  // store::ImportOutcome::named_unknown_ids
};

// Decodes, parses and imports `bytes` for a caller scoped to `scope` (nullopt: admin). UTF-8
// is read where it lies (no copy); what is held beside `bytes` does not grow with the number
// of bad lines (store/imports.hpp).
CsvImport run_csv_import(store::Store& store, ImportKind kind, std::string_view bytes, std::optional<Id> scope,
                         Date today, const store::Actor& by, const store::ImportLimits& limits = {});

// ImportRoster / ImportAttendance for a caller (admin: anywhere; hr: their units), on the
// caller's day. An hr caller's report names ID numbers outside their units only while their
// daily lookup budget lasts (app.id_lookups; docs/security.md), and each one named spends it.
CsvImport import_csv(App& app, const Caller& caller, ImportKind kind, std::string_view bytes);

// A line of an import report as one text: its reasons one after another.
std::string line_text(const csv::LineError& e, Lang lang);

}  // namespace certhours::app
