// The unit tree.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/administration.hpp"

namespace certhours::api::handlers {

Response list_units(Ctx& ctx) {
  json::array items;
  for (const Unit& u : app::visible_units(ctx.app(), ctx.caller())) items.push_back(unit_json(u));
  return ctx.list(std::move(items), {});
}

Response create_unit(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(code, f.text("code", 64));
  CH_TRY(name, f.text("name"));
  if (!body.contains("parent_id"))
    return error_response(Status::invalid("parent_id", rules::parent_required));
  CH_TRY(parent_id, f.opt_id("parent_id"));
  CH_TRY(level_text, f.text("level"));
  auto level = parse_level(level_text);
  if (!level) return error_response(Status::invalid("level", rules::value_not_allowed, {{"allowed", "city,county,department,town"}, {"value", level_text}}));
  CH_TRY(unit, app::create_unit(ctx.app(), ctx.caller(), {code, name, parent_id, *level}));
  return json_response(201, unit_json(unit));
}

}  // namespace certhours::api::handlers
