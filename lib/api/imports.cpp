// CSV imports: rosters (officers) and sign-in sheets (attendance), all or nothing.
#include "api/csv_upload.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "api/rate_limit.hpp"
#include "store/imports.hpp"

#include <algorithm>

namespace certhours::api::handlers {

namespace {
Response import_csv(Ctx& ctx, ImportKind kind) {
  std::string_view ct = ctx.req.content_type;
  std::string media(ct.substr(0, ct.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media != "text/csv")
    return error_response(415, "unsupported_media_type", rules::media_type_csv, {{"value", std::string(ct)}});
  // An hr user's sheet that names ID numbers not in their units tells, line by line, that they
  // are not there: like a lookup by ID number that found nobody, each such named line spends the
  // user's daily budget, and once it is spent none are named (docs/security.md).
  store::ImportLimits limits;
  std::string budget_key = std::to_string(ctx.user->id);
  if (ctx.is(Role::hr))
    limits.named_unknown_ids = std::min<std::size_t>(
        limits.named_unknown_ids, static_cast<std::size_t>(ctx.svc.id_lookups.remaining(budget_key)));
  CsvImport r = run_csv_import(ctx.store(), kind, ctx.req.body, ctx.scope(), ctx.today, ctx.actor(), limits);
  if (ctx.is(Role::hr))
    for (std::int64_t i = 0; i < r.named_unknown_ids; ++i) ctx.svc.id_lookups.add(budget_key);
  return csv_import_response(r);
}
}  // namespace

Response import_officers(Ctx& ctx) { return import_csv(ctx, ImportKind::officers); }
Response import_attendance(Ctx& ctx) { return import_csv(ctx, ImportKind::attendance); }

}  // namespace certhours::api::handlers
