// The JSON of external training claims and exemptions: the shapes of docs/api.md ("External
// training claims and exemptions"), which the audit log records too.
#pragma once
#include <boost/json.hpp>

#include "domain/claim.hpp"
#include "domain/exemption.hpp"

namespace certhours::codec {

namespace json = boost::json;

// {id, officer_id, title, provider, start_date, end_date, hours, credited?, state, state_name,
//  evidence?: {type, bytes, sha256}, created_by, created_at, submitted_at?, decided_by?,
//  decided_at?, reason?} — the optional members present only when set.
json::object claim_json(const Claim& c);
// {id, officer_id, from, to, reason_code, reason_name, reason, created_by, at}
json::object exemption_json(const Exemption& e);

}  // namespace certhours::codec
