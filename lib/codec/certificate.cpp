// The JSON of an enforcement certificate.
#include "codec/certificate.hpp"

#include <optional>

#include "codec/hours.hpp"

namespace certhours::codec {

namespace {
struct Seen {
  Date today;
  bool may_act;
};

json::object event_json(const CertEvent& e, bool null_until) {
  json::object ev{{"action", cert_action_key(e.action)},
                  {"effective_on", format_date(e.effective_on)},
                  {"reason", e.reason},
                  {"actor", e.actor},
                  {"at", e.at}};
  if (e.until || null_until) ev["until"] = date_value(e.until);
  return ev;
}

// The one writer of a certificate; `seen` empty: the record alone.
json::object write_certificate(const Certificate& c, const std::optional<Seen>& seen) {
  json::array events;
  for (const CertEvent& e : c.events) events.push_back(event_json(e, !seen));
  json::object out{{"id", c.id}, {"officer_id", c.officer_id}, {"number", c.number}};
  if (seen) {
    out["state"] = certificate_state_text(c, seen->today);
    out["valid_today"] = state_on(c, seen->today) == CertState::valid;
  }
  out["issued_on"] = format_date(c.issued_on);
  out["expires_on"] = format_date(c.expires_on);
  out["events"] = std::move(events);
  if (seen) {
    json::array allowed;
    if (seen->may_act)
      for (CertAction a : allowed_actions(c, seen->today)) allowed.push_back(json::string(cert_action_key(a)));
    out["allowed_actions"] = std::move(allowed);
    if (auto s = suspension_on(c, seen->today); s && s->until) out["suspended_until"] = format_date(*s->until);
  }
  return out;
}
}  // namespace

json::object certificate_json(const Certificate& c) { return write_certificate(c, std::nullopt); }

json::object certificate_json(const Certificate& c, Date today, bool may_act) {
  return write_certificate(c, Seen{today, may_act});
}

const char* certificate_state_text(const Certificate& c, Date day) {
  auto s = state_on(c, day);
  return s ? cert_state_key(*s) : "pending";
}

}  // namespace certhours::codec
