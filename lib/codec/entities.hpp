// The JSON of units, users, officers, trainings, policies, campaigns and attendances: the
// shapes of docs/api.md, which the audit log records too (one writer per entity).
#pragma once
#include <boost/json.hpp>

#include <optional>

#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/rotation.hpp"
#include "domain/training.hpp"
#include "domain/unit_tree.hpp"

namespace certhours::codec {

namespace json = boost::json;

json::object unit_json(const Unit& u);
json::object user_json(const User& u);
// `full_id`: the whole ID number (the audit; admins and the officer themself), else masked.
// With `units`, unit_name follows unit_id (null when the unit is unknown), as the API shows it.
json::object officer_json(const Officer& o, bool full_id, const UnitTree& units);
// Without: no unit_name, as the audit log records an officer.
json::object officer_json(const Officer& o, bool full_id);
json::object training_json(const Training& t);
// No policy (years before 2023): zero hours and exempt.
json::object policy_json(int year, const std::optional<Policy>& p);
json::object campaign_json(const Campaign& c);
// One officer's hours from one training.
json::object attendance_json(Id training_id, Id officer_id, const CategoryHours& h);

}  // namespace certhours::codec
