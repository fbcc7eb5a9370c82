// Enforcement certificates: issue, act, read, eligibility, the public check, expiring.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "api/rate_limit.hpp"

namespace certhours::api::handlers {

namespace {
Result<std::string> certificate_number(const Fields& f) {
  auto n = f.text("number", 40);
  if (!n) return n.status();
  if (!valid_certificate_number(*n))
    return Status::invalid("number", rules::certificate_number_format);
  return *n;
}
}  // namespace

Response issue_certificate(Ctx& ctx) {
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));
  CH_BODY(body);
  Fields f(body);
  CH_TRY(number, certificate_number(f));
  CH_TRY(issued_on, f.date("issued_on"));
  CH_TRY(expires_on, f.opt_date("expires_on"));
  CH_TRY(cert, ctx.store().issue_certificate(officer.id, number, issued_on, expires_on, ctx.actor()));
  return json_response(201, certificate_json(cert, ctx.today, ctx.is(Role::admin)));
}

Response officer_certificates(Ctx& ctx) {
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));
  json::array items;
  for (const Certificate& c : ctx.store().certificates_of(officer.id)) items.push_back(certificate_json(c, ctx.today, ctx.is(Role::admin)));
  return ctx.list(std::move(items), {});
}

Response certificate_action(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(action_text, f.text("action"));
  auto action = parse_cert_action(action_text);
  if (!action || *action == CertAction::issue)
    return error_response(Status::invalid("action", rules::value_not_allowed, {{"allowed", "suspend,restore,withdraw,cancel"}, {"value", action_text}}));
  CH_TRY(effective_on, f.opt_date("effective_on"));
  CH_TRY(reason, f.opt_text("reason", 500));
  CH_TRY(until, f.opt_date("until"));
  CH_TRY(cert, ctx.store().act_on_certificate(ctx.param_id(0), *action, effective_on.value_or(ctx.today),
                                              reason.value_or(""), until, ctx.actor()));
  return json_response(200, certificate_json(cert, ctx.today, ctx.is(Role::admin)));
}

Response expiring_certificates(Ctx& ctx) {
  CH_TRY(days, ctx.query_int("days", 0, 3650));
  CH_TRY(unit_id, ctx.report_unit());
  auto tree = ctx.store().units();
  Date until = ctx.today + date::days(days.value_or(90));
  json::array items;
  for (const Certificate& c : ctx.store().certificates_in(unit_id)) {
    auto s = state_on(c, ctx.today);
    // Still in force today (valid or suspended) and ending within the window.
    if ((s != CertState::valid && s != CertState::suspended) || c.expires_on > until) continue;
    auto o = ctx.store().officer(c.officer_id);
    if (!o) continue;
    const Unit* u = tree->find(o->unit_id);
    items.push_back(json::object{{"certificate_id", c.id},
                                 {"number", c.number},
                                 {"state", cert_state_key(*s)},
                                 {"officer_id", o->id},
                                 {"name", o->name},
                                 {"unit_id", o->unit_id},
                                 {"unit_name", u ? u->name : ""},
                                 {"expires_on", format_date(c.expires_on)},
                                 {"days_left", (c.expires_on - ctx.today).count()}});
  }
  std::sort(items.begin(), items.end(), [](const json::value& a, const json::value& b) {
    return a.at("expires_on").as_string() < b.at("expires_on").as_string();
  });
  return ctx.list(std::move(items), json::object{{"unit_id", unit_id}, {"days", days.value_or(90)}});
}

Response eligibility(Ctx& ctx) {
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));
  CH_TRY(on, ctx.query_date("on"));
  Date day = on.value_or(ctx.today);
  Eligibility e = eligibility_on(officer, ctx.store().certificates_of(officer.id), day);
  json::array reasons, codes;
  for (const auto& r : e.reasons) reasons.push_back(json::string(r.text(ctx.lang)));
  for (const auto& r : e.reason_codes) codes.push_back(json::string(r));
  json::object out{{"officer_id", officer.id},
                   {"on", format_date(day)},
                   {"can_enforce_independently", e.can_enforce},
                   {"reasons", std::move(reasons)},
                   {"reason_codes", std::move(codes)}};
  out["certificate_number"] = e.certificate_number ? json::value(*e.certificate_number) : json::value();
  return json_response(200, out);
}

Response public_certificate(Ctx& ctx) {
  if (int wait = ctx.svc.public_checks.hit(ctx.req.remote_address); wait > 0) {
    Response r = error_response(429, "rate_limited", rules::public_check_throttled, {{"seconds", std::to_string(wait)}});
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  const std::string& number = ctx.params.at(0);
  auto cert = valid_certificate_number(number) ? ctx.store().certificate_by_number(number) : std::nullopt;
  // The same lookups whether or not the number exists, so the answer time reveals nothing.
  auto officer = ctx.store().officer(cert ? cert->officer_id : 0);
  if (!cert || !officer) return error_response(404, "not_found", rules::certificate_number_unknown);
  auto tree = ctx.store().units();  // keeps `unit` alive if a new unit replaces the tree meanwhile
  const Unit* unit = tree->find(officer->unit_id);
  return json_response(200, json::object{{"number", cert->number},
                                         {"holder", officer->name},
                                         {"unit", unit ? unit->name : ""},
                                         {"state", certificate_state_text(*cert, ctx.today)},
                                         {"valid_today", state_on(*cert, ctx.today) == CertState::valid}});
}

}  // namespace certhours::api::handlers
