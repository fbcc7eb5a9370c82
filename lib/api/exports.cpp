// GET /compliance/export: the annual compliance sheet as a file download; GET
// /rotation/export: the rotation pending list of a campaign, likewise; GET /officers/export
// and GET /attendance/export: the roster and the sign-in records in the import columns.
#include <unistd.h>
#include "domain/messages.hpp"

#include <cstdlib>
#include <filesystem>

#include "api/compliance_sheet.hpp"
#include "api/handlers.hpp"
#include "api/import_sheets.hpp"
#include "api/rotation_report.hpp"
#include "api/rotation_sheet.hpp"
#include "store/exports.hpp"

namespace certhours::api::handlers {

namespace {
// A new empty file in the temporary directory, for the server to stream and delete.
std::string temp_export_file() {
  std::string path = (std::filesystem::temp_directory_path() / "certhours-export-XXXXXX").string();
  int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the export");
  ::close(fd);
  return path;
}

// RFC 5987 ext-value: UTF-8, percent-encoded except attr-chars.
std::string rfc5987(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// ?format=: csv when absent or empty; nullopt (after setting `error`) when unknown.
std::optional<ExportFormat> format_param(const Ctx& ctx, Response& error) {
  auto f = ctx.query_text("format");
  if (!f || f->empty()) return ExportFormat::csv;
  auto parsed = parse_export_format(*f);
  if (!parsed) error = error_response(Status::invalid("format", rules::value_not_allowed, {{"allowed", "csv,xlsx"}, {"value", *f}}));
  return parsed;
}

// Writes a file with `write(path)` into a new temporary file and records it with
// `record(result)`; the temporary file is removed when either throws.
template <class Write, class Record>
std::string written_and_recorded(Write&& write, Record&& record) {
  std::string path = temp_export_file();
  try {
    record(write(path));
  } catch (...) {
    std::filesystem::remove(path);  // no audit entry, no file
    throw;
  }
  return path;
}

// The download of `path` (deleted once sent): `name` is the ASCII file name, `local` the
// readable one for browsers that take filename*.
Response download(const std::string& path, ExportFormat format, const std::string& name, const std::string& local,
                  std::int64_t rows) {
  Response r;
  r.status = 200;
  r.content_type = export_content_type(format);
  r.file_path = path;
  r.delete_file_after = true;
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + rfc5987(local));
  r.headers.emplace_back("Cache-Control", "no-store");  // personal data
  r.headers.emplace_back("X-Export-Rows", std::to_string(rows));
  return r;
}
}  // namespace

Response compliance_export(Ctx& ctx) {
  CH_TRY(year_param, ctx.query_int("year", kMinYear, kMaxYear));
  int year = year_param ? static_cast<int>(*year_param) : year_of(ctx.today);
  Response error;
  auto format_opt = format_param(ctx, error);
  if (!format_opt) return error;
  ExportFormat format = *format_opt;
  CH_TRY(unit_id, ctx.report_unit());
  if (unit_id == 0) return error_response(Status::not_found(rules::no_units));

  SheetResult sheet;
  std::string name;
  std::string path = written_and_recorded(
      [&](const std::string& p) {
        sheet = write_compliance_sheet(ctx.store(), {unit_id, year, ctx.today, ctx.user->username, shanghai_time_text()},
                                       format, p);
        name = export_file_name(sheet.unit_code, year, ctx.today, format);
        return sheet;
      },
      [&](const SheetResult& s) {
        store::record_export(ctx.store(),
                             {"compliance", unit_id, s.unit_code, year, std::nullopt, export_format_key(format), s.rows,
                              name},
                             ctx.actor());
      });

  // A readable name for browsers that take filename* (the unit's Chinese name), the ASCII
  // one for the rest.
  std::string local = sheet.unit_name + "-" + std::to_string(year) + "年度培训学时统计-" + compact_date(ctx.today) +
                      "." + export_format_key(format);
  return download(path, format, name, local, sheet.rows);
}

Response rotation_export(Ctx& ctx) {
  CH_TRY(as_of_param, ctx.query_date("as_of"));
  Date as_of = as_of_param.value_or(ctx.today);
  Response error;
  auto format_opt = format_param(ctx, error);
  if (!format_opt) return error;
  ExportFormat format = *format_opt;
  CH_TRY(unit_id, ctx.report_unit());
  if (unit_id == 0) return error_response(Status::not_found(rules::no_units));
  CH_TRY(chosen, chosen_campaign(ctx, as_of));
  if (!chosen) return error_response(Status::not_found(rules::no_campaign));
  const Campaign& campaign = *chosen;

  SheetResult sheet;
  std::string name;
  std::string path = written_and_recorded(
      [&](const std::string& p) {
        sheet = write_rotation_sheet(ctx.store(),
                                     {unit_id, campaign, as_of, ctx.user->username, shanghai_time_text()}, format, p);
        name = rotation_file_name(sheet.unit_code, campaign.id, ctx.today, format);
        return sheet;
      },
      [&](const SheetResult& s) {
        // The year of a rotation export is its campaign's deadline year.
        store::record_export(ctx.store(),
                             {"rotation", unit_id, s.unit_code, year_of(campaign.deadline), campaign.id,
                              export_format_key(format), s.rows, name},
                             ctx.actor());
      });

  std::string local = sheet.unit_name + "-" + campaign.name + "-未轮训人员-" + compact_date(ctx.today) + "." +
                      export_format_key(format);
  return download(path, format, name, local, sheet.rows);
}

namespace {
// The roster (officers) or the sign-in records (attendance, of `year` or every year) of the
// asked unit's subtree as a CSV download in the import's columns. CSV only: it is the
// import's format.
Response import_columns_export(Ctx& ctx, bool attendance, std::optional<int> year) {
  if (auto f = ctx.query_text("format"); f && !f->empty() && *f != "csv")
    return error_response(Status::invalid("format", rules::export_csv_only, {{"value", *f}}));
  CH_TRY(unit_id, ctx.report_unit());
  if (unit_id == 0) return error_response(Status::not_found(rules::no_units));
  auto tree = ctx.store().units();  // keeps `unit` alive
  const Unit* unit = tree->find(unit_id);
  std::string name = attendance ? attendance_file_name(unit->code, year, ctx.today) : roster_file_name(unit->code, ctx.today);
  std::string local = unit->name + (year ? "-" + std::to_string(*year) + "年" : std::string()) +
                      (attendance ? "-培训签到记录-" : "-人员名册-") + compact_date(ctx.today) + ".csv";
  std::int64_t rows = 0;
  std::string path = written_and_recorded(
      [&](const std::string& p) {
        return rows = attendance ? write_attendance_csv(ctx.store(), unit_id, year, p)
                                 : write_roster_csv(ctx.store(), unit_id, p);
      },
      [&](std::int64_t n) {
        store::record_export(ctx.store(),
                             {attendance ? "attendance" : "officers", unit_id, unit->code, year, std::nullopt, "csv", n,
                              name},
                             ctx.actor());
      });
  return download(path, ExportFormat::csv, name, local, rows);
}
}  // namespace

Response officers_export(Ctx& ctx) { return import_columns_export(ctx, false, std::nullopt); }

Response attendance_export(Ctx& ctx) {
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  return import_columns_export(ctx, true, year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt);
}

}  // namespace certhours::api::handlers
