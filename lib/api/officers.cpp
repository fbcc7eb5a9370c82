// Officers: register, list, read, change.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

namespace {
bool full_id_for(const Ctx& ctx, const Officer& o) {
  return ctx.is(Role::admin) || (ctx.is(Role::officer) && ctx.user->officer_id == o.id);
}

// A unit the caller may place officers in: exists and lies in the caller's scope. Otherwise
// 404, the same answer for a unit that does not exist and one outside an hr user's units
// (docs/api.md: never leak existence).
Status writable_unit(const Ctx& ctx, Id unit_id, const char* field) {
  if (!ctx.sees_unit(unit_id))  // false too for a unit that does not exist
    return Status::not_found(rules::unit_not_found, {{"id", std::to_string(unit_id)}}, field);
  return Status::ok();
}

Result<std::string> id_number_field(const Fields& f) {
  auto raw = f.text("id_number", 18);
  if (!raw) return raw.status();
  return parse_id_number(*raw, "id_number");
}
}  // namespace

Response create_officer(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(name, f.text("name", 50));
  CH_TRY(id_number, id_number_field(f));
  CH_TRY(unit_id, f.id("unit_id"));
  CH_TRY(kind_text, f.text("kind"));
  auto kind = parse_kind(kind_text);
  if (!kind) return error_response(Status::invalid("kind", rules::value_not_allowed, {{"allowed", "enforcement,police"}, {"value", kind_text}}));
  CH_TRY(post_start, f.date("post_start"));
  CH_TRY(post_end, f.opt_date("post_end"));
  Officer o;
  o.name = name;
  o.id_number = id_number;
  o.unit_id = unit_id;
  o.kind = *kind;
  o.post_start = post_start;
  o.post_end = post_end;
  o.status = initial_status(o.post(), ctx.today);
  CH_CHECK(check_post_period(o.post()));
  CH_CHECK(writable_unit(ctx, unit_id, "unit_id"));
  CH_TRY(created, ctx.store().create_officer(o, ctx.actor()));
  return json_response(201, officer_json(created, full_id_for(ctx, created), *ctx.store().units()));
}

Response list_officers(Ctx& ctx) {
  store::OfficerQuery q;
  CH_TRY(paging, ctx.paging());
  q.limit = paging.limit;
  q.offset = paging.offset;
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  if (unit_id) {
    if (!ctx.sees_unit(*unit_id)) return error_response(Status::not_found(rules::unit_not_found, {{"id", std::to_string(*unit_id)}}));
    q.unit_id = *unit_id;
  } else {
    q.unit_id = ctx.scope();
  }
  if (auto text = ctx.query_text("q")) {
    CH_TRY(clean, clean_text("q", *text, 50));
    q.q = normalize_id_number(clean);
  }
  if (auto status = ctx.query_text("status"); status && !status->empty()) {
    auto s = parse_officer_status(*status);
    if (!s) return error_response(Status::invalid("status", rules::value_not_allowed, {{"allowed", "active,left"}, {"value", *status}}));
    q.status = *s;
  }
  if (auto refused = ctx.id_lookup_allowed(q.q)) return std::move(*refused);
  auto page = ctx.store().officers(q);
  ctx.id_lookup_done(q.q, page.total, page.items.empty() ? std::nullopt : std::optional<Id>(page.items.front().id));
  auto tree = ctx.store().units();
  json::array items;
  for (const Officer& o : page.items) items.push_back(officer_json(o, full_id_for(ctx, o), *tree));
  return json_response(200, json::object{{"items", std::move(items)},
                                         {"total", page.total},
                                         {"limit", q.limit},
                                         {"offset", q.offset}});
}

Response get_officer(Ctx& ctx) {
  CH_TRY(o, ctx.visible_officer(ctx.param_id(0)));
  return json_response(200, officer_json(o, full_id_for(ctx, o), *ctx.store().units()));
}

Response patch_officer(Ctx& ctx) {
  CH_TRY(before, ctx.visible_officer(ctx.param_id(0)));
  CH_BODY(body);
  Fields f(body);
  CH_CHECK(f.only({"name", "unit_id", "post_end", "status"}));
  if (body.empty()) return error_response(Status::invalid("", rules::nothing_to_change));
  store::OfficerPatch p;
  if (body.contains("name")) {
    CH_TRY(name, f.text("name", 50));
    p.name = name;
  }
  if (body.contains("unit_id")) {
    CH_TRY(unit_id, f.id("unit_id"));
    CH_CHECK(writable_unit(ctx, unit_id, "unit_id"));
    p.unit_id = unit_id;
  }
  if (body.contains("post_end")) {
    CH_TRY(post_end, f.opt_date("post_end"));
    p.post_end = post_end;
  }
  if (body.contains("status")) {
    CH_TRY(status_text, f.text("status"));
    auto status = parse_officer_status(status_text);
    if (!status) return error_response(Status::invalid("status", rules::value_not_allowed, {{"allowed", "active,left"}, {"value", status_text}}));
    p.status = *status;
  }
  CH_TRY(change, resolve_post_change({p.status, p.post_end}, ctx.today));  // today: Asia/Shanghai
  p.status = change.status;
  p.post_end = change.post_end;
  CH_TRY(after, ctx.store().update_officer(before.id, p, ctx.actor()));
  return json_response(200, officer_json(after, full_id_for(ctx, after), *ctx.store().units()));
}

}  // namespace certhours::api::handlers
