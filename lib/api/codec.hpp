// JSON shapes of the domain values (docs/api.md), in one place: the entities' are lib/codec's,
// which the audit log records too.
#pragma once
#include "api/json_io.hpp"
#include "codec/certificate.hpp"
#include "codec/entities.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"
#include "app/app.hpp"

namespace certhours::api {

using codec::campaign_json;
using codec::certificate_json;  // (c, today, may_act): as the caller sees it today
using codec::certificate_state_text;
using codec::officer_json;  // (o, full_id, units): the ID number masked unless full_id
using codec::policy_json;
using codec::training_json;
using codec::unit_json;
using codec::user_json;

// The per-category figures of a status; `with_pace` adds behind_pace.
json::object progress_json(const CategoryProgress& c, bool with_pace);

// The body's hours:{legal?, business?, political?} of a session or a claim: required, an
// object of those keys only; a category left out is zero.
Result<CategoryHours> session_hours(const json::object& body);
// Hours per category where given (a credit, an approval): an object of those keys only, under
// the field name `prefix`.
Result<PartialCredit> partial_credit(const json::value& v, const std::string& prefix);

}  // namespace certhours::api
