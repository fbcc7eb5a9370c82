// The JSON of units, users, officers, trainings, policies, campaigns and attendances.
#include "codec/entities.hpp"

#include "codec/hours.hpp"

namespace certhours::codec {

namespace {
json::value opt_id(const std::optional<Id>& id) { return id ? json::value(*id) : json::value(); }

// The one writer of an officer; `units` null: no unit_name key.
json::object write_officer(const Officer& o, bool full_id, const UnitTree* units) {
  json::object out{{"id", o.id},
                   {"name", o.name},
                   {"id_number", full_id ? o.id_number : mask_id_number(o.id_number)},
                   {"unit_id", o.unit_id}};
  if (units) {
    const Unit* unit = units->find(o.unit_id);
    out["unit_name"] = unit ? json::value(unit->name) : json::value();
  }
  out["kind"] = kind_key(o.kind);
  out["status"] = officer_status_key(o.status);
  out["post_start"] = format_date(o.post_start);
  out["post_end"] = date_value(o.post_end);
  return out;
}
}  // namespace

json::object unit_json(const Unit& u) {
  return {{"id", u.id},
          {"code", u.code},
          {"name", u.name},
          {"parent_id", opt_id(u.parent_id)},
          {"level", level_key(u.level)}};
}

json::object user_json(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"role", role_key(u.role)},
          {"unit_id", opt_id(u.unit_id)},
          {"officer_id", opt_id(u.officer_id)},
          {"must_change_password", u.must_change_password}};
}

json::object officer_json(const Officer& o, bool full_id, const UnitTree& units) {
  return write_officer(o, full_id, &units);
}

json::object officer_json(const Officer& o, bool full_id) { return write_officer(o, full_id, nullptr); }

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
  Policy shown = p.value_or(Policy{Hours(), Hours(), Proration::none});
  return {{"year", year},
          {"legal_hours", hours_value(shown.legal)},
          {"business_hours", hours_value(shown.business)},
          {"proration", proration_key(shown.proration)},
          {"exempt", !p.has_value()}};
}

json::object campaign_json(const Campaign& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"window_start", format_date(c.window_start)},
          {"deadline", format_date(c.deadline)}};
}

json::object attendance_json(Id training_id, Id officer_id, const CategoryHours& h) {
  return {{"training_id", training_id}, {"officer_id", officer_id}, {"hours", category_hours_value(h)}};
}

}  // namespace certhours::codec
