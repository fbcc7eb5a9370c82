#include "codec/claims.hpp"

#include "codec/hours.hpp"

namespace certhours::codec {

json::object claim_json(const Claim& c) {
  json::object o{{"id", c.id},
                 {"officer_id", c.officer_id},
                 {"title", c.spec.title},
                 {"provider", c.spec.provider},
                 {"start_date", format_date(c.spec.start_date)},
                 {"end_date", format_date(c.spec.end_date)},
                 {"hours", category_hours_value(c.spec.hours)}};
  if (c.credited) o["credited"] = category_hours_value(*c.credited);
  o["state"] = claim_state_key(c.state);
  o["state_name"] = kClaimStateNames.label(c.state);
  if (c.evidence)
    o["evidence"] = json::object{{"type", evidence_media_type(c.evidence->type)},
                                 {"bytes", c.evidence->bytes},
                                 {"sha256", c.evidence->sha256}};
  o["created_by"] = c.created_by;
  o["created_at"] = c.created_at;
  if (!c.submitted_at.empty()) o["submitted_at"] = c.submitted_at;
  if (!c.decided_by.empty()) o["decided_by"] = c.decided_by;
  if (!c.decided_at.empty()) o["decided_at"] = c.decided_at;
  if (!c.reason.empty()) o["reason"] = c.reason;
  return o;
}

json::object exemption_json(const Exemption& e) {
  return {{"id", e.id},
          {"officer_id", e.officer_id},
          {"from", format_date(e.spec.days.from)},
          {"to", format_date(e.spec.days.to)},
          {"reason_code", exemption_reason_key(e.spec.reason_code)},
          {"reason_name", kExemptionReasons.label(e.spec.reason_code)},
          {"reason", e.spec.reason},
          {"created_by", e.created_by},
          {"at", e.at}};
}

}  // namespace certhours::codec
