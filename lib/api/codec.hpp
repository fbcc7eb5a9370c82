// JSON shapes of the domain values (api.md), in one place.
#pragma once
#include "api/json_io.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"
#include "store/store.hpp"

namespace certhours::api {

json::object unit_json(const Unit& u);
json::object user_json(const User& u);
// `full_id` shows the whole ID number (admins, the officer themself); otherwise masked.
json::object officer_json(const Officer& o, bool full_id, const store::UnitTree& units);
json::object training_json(const Training& t);
json::object policy_json(int year, const std::optional<Policy>& p);
// The per-category figures of a status; `with_pace` adds behind_pace.
json::object progress_json(const CategoryProgress& c, bool with_pace);

}  // namespace certhours::api
