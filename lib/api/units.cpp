// The unit tree.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

Response list_units(Ctx& ctx) {
  auto tree = ctx.store().units();
  json::array items;
  if (ctx.is(Role::officer)) {
    // An officer sees their own unit only (one lookup, not one per unit).
    auto o = ctx.user->officer_id ? ctx.store().officer(*ctx.user->officer_id) : std::nullopt;
    if (const Unit* u = o ? tree->find(o->unit_id) : nullptr) items.push_back(unit_json(*u));
  } else {
    for (const Unit& u : tree->all())
      if (ctx.is(Role::admin) || ctx.sees_unit(u.id)) items.push_back(unit_json(u));
  }
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
  CH_TRY(unit, ctx.store().create_unit({code, name, parent_id, *level}, ctx.actor()));
  return json_response(201, unit_json(unit));
}

}  // namespace certhours::api::handlers
