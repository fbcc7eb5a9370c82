// GET /compliance/export: the annual compliance sheet as a file download.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "api/compliance_sheet.hpp"
#include "api/handlers.hpp"
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
}  // namespace

Response compliance_export(Ctx& ctx) {
  CH_TRY(year_param, ctx.query_int("year", kMinYear, kMaxYear));
  int year = year_param ? static_cast<int>(*year_param) : year_of(ctx.today);
  ExportFormat format = ExportFormat::csv;
  if (auto f = ctx.query_text("format"); f && !f->empty()) {
    auto parsed = parse_export_format(*f);
    if (!parsed) return error_response(Status::invalid("format", "format must be csv or xlsx, not '" + *f + "'"));
    format = *parsed;
  }
  CH_TRY(unit_id, ctx.report_unit());
  if (unit_id == 0) return error_response(Status::not_found("there are no units yet"));

  std::string path = temp_export_file();
  SheetResult sheet;
  try {
    sheet = write_compliance_sheet(ctx.store(), {unit_id, year, ctx.today, ctx.user->username, shanghai_time_text()},
                                   format, path);
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  std::string name = export_file_name(sheet.unit_code, year, ctx.today, format);
  try {
    store::record_export(ctx.store(), {unit_id, sheet.unit_code, year, export_format_key(format), sheet.rows, name},
                         ctx.actor());
  } catch (...) {
    std::filesystem::remove(path);  // no audit entry, no file
    throw;
  }

  // A readable name for browsers that take filename* (the unit's Chinese name), the ASCII
  // one for the rest.
  std::string day = format_date(ctx.today);
  std::erase(day, '-');
  std::string local = sheet.unit_name + "-" + std::to_string(year) + "年度培训学时统计-" + day + "." +
                      export_format_key(format);
  Response r;
  r.status = 200;
  r.content_type = export_content_type(format);
  r.file_path = path;
  r.delete_file_after = true;
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + name + "\"; filename*=UTF-8''" + rfc5987(local));
  r.headers.emplace_back("Cache-Control", "no-store");  // personal data
  r.headers.emplace_back("X-Export-Rows", std::to_string(sheet.rows));
  return r;
}

}  // namespace certhours::api::handlers
