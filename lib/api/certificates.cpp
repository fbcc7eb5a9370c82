// Enforcement certificates: issue, act, read, eligibility, the public check, expiring.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/certificates.hpp"
#include "app/rate_limit.hpp"

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
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));  // 404 before any word about the body
  CH_BODY(body);
  Fields f(body);
  CH_TRY(number, certificate_number(f));
  CH_TRY(issued_on, f.date("issued_on"));
  CH_TRY(expires_on, f.opt_date("expires_on"));
  CH_TRY(cert, app::issue_certificate(ctx.app(), ctx.caller(), officer.id, number, issued_on, expires_on));
  return json_response(201, certificate_json(cert, ctx.today, ctx.is(Role::admin)));
}

Response officer_certificates(Ctx& ctx) {
  CH_TRY(certificates, app::certificates_of(ctx.app(), ctx.caller(), ctx.param_id(0)));
  json::array items;
  for (const Certificate& c : certificates) items.push_back(certificate_json(c, ctx.today, ctx.is(Role::admin)));
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
  CH_TRY(cert, app::act_on_certificate(ctx.app(), ctx.caller(), ctx.param_id(0), *action,
                                       effective_on.value_or(ctx.today), reason.value_or(""), until));
  return json_response(200, certificate_json(cert, ctx.today, ctx.is(Role::admin)));
}

Response expiring_certificates(Ctx& ctx) {
  CH_TRY(days, ctx.query_int("days", 0, 3650));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(list, app::expiring_certificates(ctx.app(), ctx.caller(), unit_id,
                                          days ? std::optional<int>(static_cast<int>(*days)) : std::nullopt));
  json::array items;
  for (const app::ExpiringCertificate& e : list.items)
    items.push_back(json::object{{"certificate_id", e.certificate.id},
                                 {"number", e.certificate.number},
                                 {"state", cert_state_key(e.state)},
                                 {"officer_id", e.officer.id},
                                 {"name", e.officer.name},
                                 {"unit_id", e.officer.unit_id},
                                 {"unit_name", e.unit_name},
                                 {"expires_on", format_date(e.certificate.expires_on)},
                                 {"days_left", e.days_left}});
  return ctx.list(std::move(items), json::object{{"unit_id", list.unit_id}, {"days", list.days}});
}

Response eligibility(Ctx& ctx) {
  CH_TRY(on, ctx.query_date("on"));
  CH_TRY(r, app::eligibility(ctx.app(), ctx.caller(), ctx.param_id(0), on));
  const Eligibility& e = r.eligibility;
  json::array reasons, codes;
  for (const auto& m : e.reasons) reasons.push_back(json::string(m.text(ctx.lang)));
  for (const auto& c : e.reason_codes) codes.push_back(json::string(c));
  json::object out{{"officer_id", r.officer.id},
                   {"on", format_date(r.on)},
                   {"can_enforce_independently", e.can_enforce},
                   {"reasons", std::move(reasons)},
                   {"reason_codes", std::move(codes)}};
  out["certificate_number"] = e.certificate_number ? json::value(*e.certificate_number) : json::value();
  return json_response(200, out);
}

Response public_certificate(Ctx& ctx) {
  if (int wait = ctx.svc.public_checks.hit(ctx.req.remote_address); wait > 0)
    return error_response(Status::rate_limited(rules::public_check_throttled, wait, {{"seconds", std::to_string(wait)}}));
  CH_TRY(found, app::public_certificate(ctx.app(), ctx.params.at(0)));
  const Certificate& cert = found.certificate;
  return json_response(200, json::object{{"number", cert.number},
                                         {"holder", found.holder},
                                         {"unit", found.unit_name},
                                         {"state", certificate_state_text(cert, ctx.today)},
                                         {"valid_today", state_on(cert, ctx.today) == CertState::valid}});
}

}  // namespace certhours::api::handlers
