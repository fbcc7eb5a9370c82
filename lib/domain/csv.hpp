// Reading CSV files (RFC 4180) as spreadsheets write them: the records of a sign-in sheet
// or a roster, each with the line of the file where it starts. Pure: text in, records out;
// the decoding of bytes (UTF-8, GB18030) is the app's (lib/app/csv_import.hpp).
//
// Imports read a file one record at a time (Reader), so what they hold does not grow with
// the file beyond what they keep of each good record; parse() collects a whole (small)
// table. The bounds are in docs/limits.md, "Imports".
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.hpp"

namespace certhours::csv {

// Fields one record may have (the header included): more is refused on that line. Sheets
// have tens of columns; the bound keeps one line of commas from becoming millions of fields.
inline constexpr std::size_t kMaxFields = 1000;

// One record: its fields (unquoted, "" turned into ") and the 1-based line where it starts.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// A file: the header record (line 1) and the records below it.
struct Table {
  std::vector<std::string> header;
  std::vector<Record> records;
};

// A refusal tied to a line of the file (line 0: the file as a whole): why, one reason or
// more (a line is checked whole, so every broken rule of it is told at once).
struct LineError {
  int line = 0;
  std::vector<Message> reasons;
};

// Reads UTF-8 text (a leading BOM is skipped) per RFC 4180, one record at a time: fields
// separated by commas, records by CRLF, LF or a lone CR; a field in double quotes may hold
// commas, line breaks (read as LF) and "" (one quote). Records that are empty or hold only
// blank fields (",,,," rows Excel writes for formatted blank rows) are skipped. Records keep
// the fields they have: width_error tells when that is not the header's count.
// REQUIRES: `text` is valid UTF-8 without NUL bytes (the caller checked) and outlives the Reader.
class Reader {
 public:
  explicit Reader(std::string_view text, std::size_t max_fields = kMaxFields);

  // Reads the next record that is not blank into `r` (its line and fields; the buffers of
  // `r` are reused) and returns true, or returns false at the end of the text.
  // `error` is reset, or says why the record cannot be used (then its fields are not to be
  // used): text after a closing quote, more than max_fields fields, or a quote left open,
  // which takes the rest of the text with it (the next call returns false).
  bool next(Record& r, std::optional<Message>& error);

 private:
  std::string_view text_;
  std::size_t max_fields_;
  std::size_t i_ = 0;
  int line_ = 1;
};

// The whole text at once, as a Table: the header record and the records below it.
// Errors: an empty file, a file with no record below the header (line 0), and each record
// Reader::next refuses (its line). For small texts (tests); imports read with Reader.
struct ParseResult {
  Table table;
  std::vector<LineError> errors;  // non-empty: the table is not to be used
};
ParseResult parse(std::string_view text);

// Why `r` cannot be read against the header (its field count differs), or nullopt.
std::optional<Message> width_error(const Table& t, const Record& r);
std::optional<Message> width_error(std::size_t header_fields, const Record& r);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view s);

// The formula guard (docs/domain.md "Exports are records too"). A spreadsheet may run a text cell
// as a formula when it begins with a tab or a carriage return, or when its first character
// after white space (space, tab, CR, LF, no-break space U+00A0, ideographic space U+3000) is
// = + - @ or their full-width forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
bool looks_like_formula(std::string_view cell);

// Whether an export prefixes `cell` with ': it looks like a formula, or it is ' (one or
// more) before something that does. Guarding the second kind too makes the round trip
// exact: unguarded(guarded(x)) == x for every x.
bool needs_guard(std::string_view cell);
// `cell` as an export writes it: "'" + cell when needs_guard(cell), else unchanged.
std::string guarded(std::string_view cell);
// A cell as it was before an export guarded it: a ' followed by what needs_guard loses the
// '. So a sheet this system exported imports as it was.
inline std::string_view unguarded(std::string_view cell) {
  if (!cell.empty() && cell.front() == '\'' && needs_guard(cell.substr(1))) cell.remove_prefix(1);
  return cell;
}

// The columns an import needs, found in a header by name or by its Chinese alias (as sign-in
// sheets head them: 身份证号 for id_number): case-insensitive, surrounding white space ignored.
// Columns not asked for are ignored (a sheet may carry 序号, 签名, 备注…).
struct ColumnSpec {
  const char* name;
  bool required;
  const char* alias = nullptr;
};
struct ColumnMap {
  // index[i]: the header position of spec[i], or nullopt when the file lacks it.
  std::vector<std::optional<std::size_t>> index;
  // The cell of column i of `r` (unguarded): "" when the column is absent.
  std::string_view cell(const Record& r, std::size_t i) const {
    return index[i] && *index[i] < r.fields.size() ? unguarded(r.fields[*index[i]]) : std::string_view();
  }
};
// Errors (line 1): missing required columns (all named), a column named twice (by its name, its
// alias, or both).
Result<ColumnMap> map_columns(const std::vector<std::string>& header, const std::vector<ColumnSpec>& spec);

}  // namespace certhours::csv
