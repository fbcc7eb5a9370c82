#include "api/codec.hpp"

namespace certhours::api {

json::object unit_json(const Unit& u) {
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"parent_id", u.parent_id ? json::value(*u.parent_id) : json::value()},
          {"level", level_key(u.level)}};
}

json::object user_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"role", role_key(u.role)},
          {"unit_id", u.unit_id ? json::value(*u.unit_id) : json::value()},
          {"officer_id", u.officer_id ? json::value(*u.officer_id) : json::value()},
          {"must_change_password", u.must_change_password}};
}

json::object officer_json(const Officer& o, bool full_id, const UnitTree& units) {
  const Unit* unit = units.find(o.unit_id);
  return {{"id", o.id},
          {"name", o.name},
          {"id_number", full_id ? o.id_number : mask_id_number(o.id_number)},
          {"unit_id", o.unit_id},
          {"unit_name", unit ? json::value(unit->name) : json::value()},
          {"kind", kind_key(o.kind)},
          {"status", officer_status_key(o.status)},
          {"post_start", format_date(o.post_start)},
          {"post_end", date_value(o.post_end)}};
}

json::object training_json(const Training& t) {
  return {{"id", t.id},
          {"title", t.spec.title},
          {"organizer_unit_id", t.organizer_unit_id},
          {"start_date", format_date(t.spec.start_date)},
          {"end_date", format_date(t.spec.end_date)},
          {"year", counted_year(t.spec)},
          {"hours", category_hours_value(t.spec.hours)},
          {"rotation", t.rotation},
          {"mode", mode_key(t.mode)}};
}

json::object policy_json(int year, const std::optional<Policy>& p) {
  // Years before 2023 carry no requirement: shown as zero hours and exempt.
  Policy shown = p.value_or(Policy{Hours(), Hours(), Proration::none});
  return {{"year", year},
          {"legal_hours", hours_value(shown.legal)},
          {"business_hours", hours_value(shown.business)},
          {"proration", proration_key(shown.proration)},
          {"exempt", !p.has_value()}};
}

const char* certificate_state_text(const Certificate& c, Date day) {
  auto s = state_on(c, day);
  return s ? cert_state_key(*s) : "pending";
}

json::object certificate_json(const Certificate& c, Date today, bool may_act) {
  json::array events;
  for (const CertEvent& e : c.events) {
    json::object ev{{"action", cert_action_key(e.action)},
                    {"effective_on", format_date(e.effective_on)},
                    {"reason", e.reason},
                    {"actor", e.actor},
                    {"at", e.at}};
    if (e.until) ev["until"] = format_date(*e.until);
    events.push_back(std::move(ev));
  }
  json::object out{{"id", c.id},
                   {"officer_id", c.officer_id},
                   {"number", c.number},
                   {"state", certificate_state_text(c, today)},
                   {"valid_today", state_on(c, today) == CertState::valid},
                   {"issued_on", format_date(c.issued_on)},
                   {"expires_on", format_date(c.expires_on)},
                   {"events", std::move(events)}};
  json::array allowed;
  if (may_act)
    for (CertAction a : allowed_actions(c, today)) allowed.push_back(json::string(cert_action_key(a)));
  out["allowed_actions"] = std::move(allowed);
  if (auto s = suspension_on(c, today); s && s->until) out["suspended_until"] = format_date(*s->until);
  return out;
}

json::object progress_json(const CategoryProgress& c, bool with_pace) {
  json::object o{{"earned", hours_value(c.earned)},
                 {"required", hours_value(c.required)},
                 {"shortfall", hours_value(c.shortfall)}};
  if (with_pace) o["behind_pace"] = c.behind_pace;
  return o;
}

}  // namespace certhours::api
