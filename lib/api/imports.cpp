// CSV imports: rosters (officers) and sign-in sheets (attendance), all or nothing.
#include "api/csv_upload.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

namespace {
Response import_csv(Ctx& ctx, ImportKind kind) {
  std::string_view ct = ctx.req.content_type;
  std::string media(ct.substr(0, ct.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "text/csv")
    return error_response(415, "unsupported_media_type",
                          "an import body must be text/csv (the file itself), not '" + std::string(ct) + "'");
  CsvImport r = run_csv_import(ctx.store(), kind, ctx.req.body, ctx.scope(), ctx.today, ctx.actor());
  return json_response(r.refused ? 422 : 200, csv_import_json(r));
}
}  // namespace

Response import_officers(Ctx& ctx) { return import_csv(ctx, ImportKind::officers); }
Response import_attendance(Ctx& ctx) { return import_csv(ctx, ImportKind::attendance); }

}  // namespace certhours::api::handlers
