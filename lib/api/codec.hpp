// JSON shapes of the domain values (docs/api.md), in one place.
#pragma once
#include "api/json_io.hpp"
#include "domain/certificate.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"
#include "app/app.hpp"

namespace certhours::api {

json::object unit_json(const Unit& u);
json::object user_json(const User& u);
// `full_id` shows the whole ID number (admins, the officer themself); otherwise masked.
json::object officer_json(const Officer& o, bool full_id, const UnitTree& units);
json::object training_json(const Training& t);
json::object policy_json(int year, const std::optional<Policy>& p);
// A certificate with its state today and its full history.
// `may_act`: the caller's role may act on certificates (admin); allowed_actions lists what
// the transition table allows today then, and nothing otherwise (docs/api.md).
json::object certificate_json(const Certificate& c, Date today, bool may_act);
// The state of a certificate on `day` as its key ("pending" before the issue date).
const char* certificate_state_text(const Certificate& c, Date day);

// The per-category figures of a status; `with_pace` adds behind_pace.
json::object progress_json(const CategoryProgress& c, bool with_pace);

}  // namespace certhours::api
