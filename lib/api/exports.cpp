// GET /compliance/export: the annual compliance sheet as a file download; GET
// /rotation/export: the rotation pending list of a campaign, likewise; GET /officers/export
// and GET /attendance/export: the roster and the sign-in records in the import columns; the
// exit review and the progress report; and the blank templates of the two imports.
#include "app/exports.hpp"

#include <filesystem>

#include "api/handlers.hpp"
#include "api/temp_file.hpp"
#include "app/import_templates.hpp"
#include "domain/messages.hpp"

namespace certhours::api::handlers {

namespace {
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

// Content-Disposition of a download: the ASCII name, and the readable one for browsers that
// take filename*.
std::string attachment(const std::string& ascii_name, const std::string& local_name) {
  return "attachment; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + rfc5987(local_name);
}

// ?format=: csv when absent or empty; invalid when unknown.
Result<app::ExportFormat> format_param(const Ctx& ctx) {
  auto f = ctx.query_text("format");
  if (!f || f->empty()) return app::ExportFormat::csv;
  auto parsed = app::parse_export_format(*f);
  if (!parsed) return Status::invalid("format", rules::value_not_allowed, {{"allowed", "csv,xlsx"}, {"value", *f}});
  return *parsed;
}

// Writes the export into a new temporary file, records it, and answers the download (the
// file deleted once sent): the ASCII name, and the readable one for browsers that take
// filename*. No audit entry and no file when writing fails.
Response download(Ctx& ctx, const app::ExportRequest& req) {
  std::string path = new_temp_file();
  app::ExportedFile f;
  try {
    auto written = app::write_export(ctx.app(), ctx.caller(), req, path);
    if (!written) {
      std::filesystem::remove(path);
      return error_response(written.status());
    }
    f = std::move(*written);
    app::record_export(ctx.app(), ctx.caller(), f, f.file_name);
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  Response r;
  r.status = 200;
  r.content_type = app::export_content_type(f.format);
  r.file_path = path;
  r.delete_file_after = true;
  r.headers.emplace_back("Content-Disposition", attachment(f.file_name, f.local_name));
  r.headers.emplace_back("Cache-Control", "no-store");  // personal data
  r.headers.emplace_back("X-Export-Rows", std::to_string(f.rows));
  return r;
}
}  // namespace

namespace {
app::ExportRequest export_request(app::ExportKind kind, std::optional<Id> unit_id, std::optional<int> year,
                                  app::ExportFormat format) {
  app::ExportRequest r;
  r.kind = kind;
  r.unit_id = unit_id;
  r.year = year;
  r.format = format;
  return r;
}

std::optional<int> as_year(const std::optional<std::int64_t>& y) {
  return y ? std::optional<int>(static_cast<int>(*y)) : std::nullopt;
}

// The roster and the sign-ins: CSV only, the import's format (?format=xlsx is refused).
Result<app::ExportFormat> import_format_param(const Ctx& ctx) {
  auto f = ctx.query_text("format");
  if (f && !f->empty() && *f != "csv") return Status::invalid("format", rules::export_csv_only, {{"value", *f}});
  return app::ExportFormat::csv;
}
}  // namespace

Response compliance_export(Ctx& ctx) {
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  CH_TRY(format, format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(only, ctx.query_statuses("status"));
  auto req = export_request(app::ExportKind::compliance, unit_id, as_year(year), format);
  req.only = only;
  return download(ctx, req);
}

Response rotation_export(Ctx& ctx) {
  CH_TRY(as_of, ctx.query_date("as_of"));
  CH_TRY(format, format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(campaign_id, ctx.query_int("campaign_id", 1, INT64_MAX));
  auto req = export_request(app::ExportKind::rotation, unit_id, std::nullopt, format);
  req.campaign_id = campaign_id;
  req.as_of = as_of;
  return download(ctx, req);
}

Response officers_export(Ctx& ctx) {
  CH_TRY(format, import_format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  return download(ctx, export_request(app::ExportKind::officers, unit_id, std::nullopt, format));
}

Response attendance_export(Ctx& ctx) {
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  CH_TRY(format, import_format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  return download(ctx, export_request(app::ExportKind::attendance, unit_id, as_year(year), format));
}

Response exit_review_export(Ctx& ctx) {
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  CH_TRY(format, format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  return download(ctx, export_request(app::ExportKind::exit_review, unit_id, as_year(year), format));
}

Response progress_export(Ctx& ctx) {
  CH_TRY(as_of, ctx.query_date("as_of"));
  CH_TRY(format, format_param(ctx));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(campaign_id, ctx.query_int("campaign_id", 1, INT64_MAX));
  auto req = export_request(app::ExportKind::progress, unit_id, std::nullopt, format);
  req.campaign_id = campaign_id;
  req.as_of = as_of;
  return download(ctx, req);
}

namespace {
Response import_template(Ctx& ctx, app::ImportKind kind) {
  CH_TRY(format, format_param(ctx));
  std::string path = new_temp_file();
  app::TemplateFile f;
  try {
    f = app::write_import_template(kind, format, path);
  } catch (...) {
    std::filesystem::remove(path);
    throw;
  }
  Response r;
  r.content_type = app::export_content_type(format);
  r.file_path = path;
  r.delete_file_after = true;
  r.headers.emplace_back("Content-Disposition", attachment(f.file_name, f.local_name));
  return r;
}
}  // namespace

Response officers_template(Ctx& ctx) { return import_template(ctx, app::ImportKind::officers); }
Response attendance_template(Ctx& ctx) { return import_template(ctx, app::ImportKind::attendance); }

}  // namespace certhours::api::handlers
