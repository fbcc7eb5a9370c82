// Officers: register, list, read, change.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/officers.hpp"

namespace certhours::api::handlers {

namespace {
json::object officer_out(const Ctx& ctx, const Officer& o, const UnitTree& tree) {
  return officer_json(o, sees_full_id_number(*ctx.user, o), tree);
}

Result<std::string> id_number_field(const Fields& f) {
  auto raw = f.text("id_number", 18);
  if (!raw) return raw.status();
  return parse_id_number(*raw, "id_number");
}

Result<OfficerStatus> status_field(const Fields& f) {
  auto text = f.text("status");
  if (!text) return text.status();
  auto status = parse_officer_status(*text);
  if (!status) return Status::invalid("status", rules::value_not_allowed, {{"allowed", "active,left"}, {"value", *text}});
  return *status;
}

// The fields of PATCH /officers/{id} that are present; a unit of the caller's reach.
Result<store::OfficerPatch> officer_patch(const Ctx& ctx, const json::object& body) {
  Fields f(body);
  if (Status s = f.only({"name", "unit_id", "post_end", "status"}); !s) return s;
  if (body.empty()) return Status::invalid("", rules::nothing_to_change);
  store::OfficerPatch p;
  if (body.contains("name")) {
    auto name = f.text("name", 50);
    if (!name) return name.status();
    p.name = *name;
  }
  if (body.contains("unit_id")) {
    auto unit_id = f.id("unit_id");
    if (!unit_id) return unit_id.status();
    if (Status s = app::visible_unit(ctx.app(), ctx.caller(), *unit_id); !s) return s;
    p.unit_id = *unit_id;
  }
  if (body.contains("post_end")) {
    auto post_end = f.opt_date("post_end");
    if (!post_end) return post_end.status();
    p.post_end = *post_end;
  }
  if (body.contains("status")) {
    auto status = status_field(f);
    if (!status) return status.status();
    p.status = *status;
  }
  return p;
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
  CH_TRY(created, app::register_officer(ctx.app(), ctx.caller(), o));
  return json_response(201, officer_out(ctx, created, *app::unit_tree(ctx.app())));
}

Response list_officers(Ctx& ctx) {
  app::OfficerSearch search;
  CH_TRY(paging, ctx.paging());
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  search.unit_id = unit_id;
  if (auto text = ctx.query_text("q")) {
    CH_TRY(clean, clean_text("q", *text, 50));
    search.q = normalize_id_number(clean);
  }
  if (auto status = ctx.query_text("status"); status && !status->empty()) {
    auto s = parse_officer_status(*status);
    if (!s) return error_response(Status::invalid("status", rules::value_not_allowed, {{"allowed", "active,left"}, {"value", *status}}));
    search.status = *s;
  }
  CH_TRY(page, app::find_officers(ctx.app(), ctx.caller(), search, paging));
  auto tree = app::unit_tree(ctx.app());
  json::array items;
  for (const Officer& o : page.items) items.push_back(officer_out(ctx, o, *tree));
  return page_response(std::move(items), page.total, paging);
}

Response get_officer(Ctx& ctx) {
  CH_TRY(o, ctx.visible_officer(ctx.param_id(0)));
  return json_response(200, officer_out(ctx, o, *app::unit_tree(ctx.app())));
}

Response patch_officer(Ctx& ctx) {
  CH_TRY(before, ctx.visible_officer(ctx.param_id(0)));  // 404 before any word about the body
  CH_BODY(body);
  CH_TRY(patch, officer_patch(ctx, body));
  CH_TRY(after, app::change_officer(ctx.app(), ctx.caller(), before.id, patch));
  return json_response(200, officer_out(ctx, after, *app::unit_tree(ctx.app())));
}

}  // namespace certhours::api::handlers
