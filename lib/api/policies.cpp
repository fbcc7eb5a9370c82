// The yearly requirement.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/administration.hpp"

namespace certhours::api::handlers {

namespace {
Result<int> year_param(const Ctx& ctx) {
  Id y = ctx.param_id(0);
  if (y < kMinYear || y > kMaxYear)
    return Status::invalid("year", rules::out_of_range, {{"min", std::to_string(kMinYear)}, {"max", std::to_string(kMaxYear)}});
  return static_cast<int>(y);
}
}  // namespace

Response get_policy(Ctx& ctx) {
  CH_TRY(year, year_param(ctx));
  return json_response(200, policy_json(year, app::policy(ctx.app(), year)));
}

Response put_policy(Ctx& ctx) {
  CH_TRY(year, year_param(ctx));
  CH_BODY(body);
  Fields f(body);
  CH_TRY(legal, f.opt_hours("legal_hours"));
  CH_TRY(business, f.opt_hours("business_hours"));
  if (!legal) return error_response(Status::invalid("legal_hours", rules::required));
  if (!business) return error_response(Status::invalid("business_hours", rules::required));
  Policy p{*legal, *business, Proration::monthly};
  CH_TRY(proration_text, f.opt_text("proration"));
  if (proration_text) {
    auto pr = parse_proration(*proration_text);
    if (!pr) return error_response(Status::invalid("proration", rules::value_not_allowed, {{"allowed", "monthly,none"}, {"value", *proration_text}}));
    p.proration = *pr;
  }
  CH_CHECK(app::put_policy(ctx.app(), ctx.caller(), year, p));
  return json_response(200, policy_json(year, p));
}

}  // namespace certhours::api::handlers
