// The annual compliance sheet as a file (docs/domain.md "Reports the plan asks for", "Exports
// are records too"): one row per officer on post in the year, as GET /compliance counts
// them, written as CSV or XLSX. Shared by GET /compliance/export and `certhours export`.
//
// ID numbers are masked on the sheet for every caller, admins included: the sheet is
// printed, filed and mailed, which is exactly where a full 身份证号 should not travel.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "store/store.hpp"

namespace certhours::app {

enum class ExportFormat { csv, xlsx };
inline constexpr auto kExportFormats =
    names_of<ExportFormat>({{ExportFormat::csv, "csv"}, {ExportFormat::xlsx, "xlsx"}});
inline std::optional<ExportFormat> parse_export_format(std::string_view s) { return kExportFormats.parse(s); }
inline const char* export_format_key(ExportFormat f) { return kExportFormats.key(f); }
const char* export_content_type(ExportFormat f);   // the HTTP Content-Type

struct SheetRequest {
  Id unit_id = 0;  // the root of the subtree; must exist
  int year = 0;
  Date as_of;                 // today: the sessions ended by then, in_progress vs not_met, the certificate state
  std::string generated_by;   // username (or "cli"), on the XLSX's second line
  std::string generated_at;   // Asia/Shanghai local time, "2024-11-01 09:30:00"
  StatusFilter only;          // the officers listed (none: all); the 按单位汇总 counts everyone
};

struct SheetResult {
  std::int64_t rows = 0;  // officers on the sheet
  std::string unit_code, unit_name;
};

// Writes the sheet of `req` to `path` (created or truncated) in `format` and returns what
// it held. Rows are written one at a time as they are evaluated (CSV through a buffered
// file, XLSX through libxlsxwriter's constant-memory mode), so the file is never held in
// memory. Throws std::runtime_error on I/O failure; REQUIRES: req.unit_id exists.
SheetResult write_compliance_sheet(store::Store& store, const SheetRequest& req, ExportFormat format,
                                   const std::string& path);

// "compliance-<unit code>-<year>-<YYYYMMDD>.<csv|xlsx>" (the date: `on`); the unit code is
// reduced to letters, digits, '-' and '_' so the name is safe in a header and on any disk.
std::string export_file_name(std::string_view unit_code, int year, Date on, ExportFormat f);

// Shared by every sheet (compliance, rotation):
// The unit code reduced to letters, digits, '-' and '_' (other bytes become '_').
std::string file_name_code(std::string_view unit_code);
// "YYYYMMDD".
std::string compact_date(Date d);
// The XLSX's second line: "生成人：… 生成时间：…（北京时间） 统计截至：…" (sheets are printed and filed).
std::string sheet_byline(const std::string& generated_by, const std::string& generated_at, Date as_of);

// The local time in Asia/Shanghai at `t` (default: now) as "YYYY-MM-DD HH:MM:SS".
std::string shanghai_time_text(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

}  // namespace certhours::app
