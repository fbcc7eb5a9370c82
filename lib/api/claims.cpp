// External training claims with their evidence, and exemptions (docs/api.md "External training
// claims and exemptions").
#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "api/temp_file.hpp"
#include "app/claims.hpp"
#include "app/officers.hpp"
#include "codec/claims.hpp"

namespace certhours::api::handlers {

namespace {

// The claim as docs/api.md shows it: the codec's, with the officer's name and unit, and what the
// caller may do with it now.
json::object claim_json(const Ctx& ctx, const store::ClaimRecord& r, const UnitTree& tree) {
  json::object o = codec::claim_json(r.claim);
  const Unit* unit = tree.find(r.unit_id);
  o["name"] = r.name;
  o["unit_id"] = r.unit_id;
  o["unit_name"] = unit ? json::value(unit->name) : json::value();
  json::array allowed;
  for (ClaimAction a : app::allowed_claim_actions(ctx.caller(), r)) allowed.push_back(json::string(claim_action_key(a)));
  o["allowed_actions"] = std::move(allowed);
  return o;
}

Response claim_response(Ctx& ctx, int status, const store::ClaimRecord& r) {
  return json_response(status, claim_json(ctx, r, *app::unit_tree(ctx.app())));
}

Result<ClaimSpec> claim_spec(const json::object& body) {
  Fields f(body);
  auto title = f.text("title", kClaimTextMaxChars);
  if (!title) return title.status();
  auto provider = f.text("provider", kClaimTextMaxChars);
  if (!provider) return provider.status();
  auto start = f.date("start_date");
  if (!start) return start.status();
  auto end = f.date("end_date");
  if (!end) return end.status();
  auto hours = session_hours(body);
  if (!hours) return hours.status();
  return ClaimSpec{*title, *provider, *start, *end, *hours};
}

// Optional here: the domain says when a reason is required (check_claim_action, check_exemption).
Result<std::string> reason_field(const Fields& f) {
  auto text = f.opt_text("reason", 500);
  if (!text) return text.status();
  return text->value_or("");
}
}  // namespace

// --- claims ---

Response create_claim(Ctx& ctx) {
  CH_BODY(body);
  CH_TRY(spec, claim_spec(body));
  CH_TRY(r, app::create_claim(ctx.app(), ctx.caller(), ctx.param_id(0), spec));
  return claim_response(ctx, 201, r);
}

// The body is the file itself, whatever Content-Type it came with: its first bytes decide.
Response put_claim_evidence(Ctx& ctx) {
  CH_TRY(r, app::attach_evidence(ctx.app(), ctx.caller(), ctx.param_id(0), ctx.req.body));
  return claim_response(ctx, 200, r);
}

Response get_claim_evidence(Ctx& ctx) {
  Id id = ctx.param_id(0);
  CH_TRY(file, app::claim_evidence(ctx.app(), ctx.caller(), id));
  Response r;
  r.content_type = evidence_media_type(file.type);
  // Streamed from a temporary copy: the up to 5 MiB are freed before a slow reader starts.
  r.file_path = temp_file_holding(file.content, "certhours-evidence-");
  r.delete_file_after = true;
  // Never shown in the API's origin as a page: saved, and never sniffed as another type
  // (X-Content-Type-Options: nosniff is on every answer, api/common_headers.cpp).
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + evidence_file_name(id, file.type) + "\"");
  return r;
}

Response list_claims(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(state, query_key(ctx, "state", kClaimStateNames));
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  app::ClaimFilter f{unit_id, state, year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt};
  CH_TRY(page, app::list_claims(ctx.app(), ctx.caller(), f, paging));
  auto tree = app::unit_tree(ctx.app());
  json::array items;
  for (const store::ClaimRecord& r : page.items) items.push_back(claim_json(ctx, r, *tree));
  return page_response(std::move(items), page.total, paging);
}

Response get_claim(Ctx& ctx) {
  CH_TRY(r, app::get_claim(ctx.app(), ctx.caller(), ctx.param_id(0)));
  return claim_response(ctx, 200, r);
}

Response officer_claims(Ctx& ctx) {
  CH_TRY(list, app::officer_claims(ctx.app(), ctx.caller(), ctx.param_id(0)));
  auto tree = app::unit_tree(ctx.app());
  json::array items;
  for (const store::ClaimRecord& r : list) items.push_back(claim_json(ctx, r, *tree));
  return ctx.list(std::move(items), {});
}

Response decide_claim(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(action, f.key("decision", kClaimDecisions));
  store::ClaimDecision d;
  CH_TRY(reason, reason_field(f));
  d.reason = reason;
  if (auto it = body.find("hours"); it != body.end() && !it->value().is_null()) {
    CH_TRY(hours, partial_credit(it->value(), "hours"));
    d.hours = hours;
  }
  CH_TRY(r, app::decide_claim(ctx.app(), ctx.caller(), ctx.param_id(0), action, d));
  return claim_response(ctx, 200, r);
}

Response withdraw_claim(Ctx& ctx) {
  if (!ctx.req.body.empty()) {  // the body is optional and carries nothing: {} or none
    CH_BODY(body);
    (void)body;
  }
  CH_TRY(r, app::withdraw_claim(ctx.app(), ctx.caller(), ctx.param_id(0)));
  return claim_response(ctx, 200, r);
}

Response revoke_claim(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(reason, reason_field(f));
  CH_TRY(r, app::revoke_claim(ctx.app(), ctx.caller(), ctx.param_id(0), reason));
  return claim_response(ctx, 200, r);
}

// --- exemptions ---

Response create_exemption(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(from, f.date("from"));
  CH_TRY(to, f.date("to"));
  CH_TRY(reason_code, f.key("reason_code", kExemptionReasons));
  CH_TRY(reason, reason_field(f));
  CH_TRY(e, app::create_exemption(ctx.app(), ctx.caller(), ctx.param_id(0), {{from, to}, reason_code, reason}));
  return json_response(201, codec::exemption_json(e));
}

Response officer_exemptions(Ctx& ctx) {
  CH_TRY(list, app::officer_exemptions(ctx.app(), ctx.caller(), ctx.param_id(0)));
  json::array items;
  for (const Exemption& e : list) items.push_back(codec::exemption_json(e));
  return ctx.list(std::move(items), {});
}

Response delete_exemption(Ctx& ctx) {
  CH_CHECK(app::delete_exemption(ctx.app(), ctx.caller(), ctx.param_id(0)));
  return no_content();
}

}  // namespace certhours::api::handlers
