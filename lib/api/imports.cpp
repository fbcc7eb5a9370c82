// CSV imports: rosters (officers), sign-in sheets (attendance) and score sheets, all or nothing.
#include "api/csv_upload.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

namespace {
Response import_csv(Ctx& ctx, app::ImportKind kind) {
  std::string_view ct = ctx.req.content_type;
  std::string media(ct.substr(0, ct.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "text/csv")
    return error_response(415, "unsupported_media_type", rules::media_type_csv, {{"value", std::string(ct)}});
  CsvImport r = app::import_csv(ctx.app(), ctx.caller(), kind, ctx.req.body);
  return csv_import_response(r);
}
}  // namespace

Response import_officers(Ctx& ctx) { return import_csv(ctx, app::ImportKind::officers); }
Response import_attendance(Ctx& ctx) { return import_csv(ctx, app::ImportKind::attendance); }
Response import_exam_results(Ctx& ctx) { return import_csv(ctx, app::ImportKind::exam_results); }

}  // namespace certhours::api::handlers
