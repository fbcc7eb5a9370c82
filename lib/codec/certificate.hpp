// The JSON of an enforcement certificate: its record with every event (the audit log), and
// the same as seen on a day by a caller (the API adds its state and the actions allowed).
#pragma once
#include <boost/json.hpp>

#include "domain/calendar.hpp"
#include "domain/certificate.hpp"

namespace certhours::codec {

namespace json = boost::json;

// The record: id, officer_id, number, issued_on, expires_on and the events, each with
// every key (until null when there is none).
json::object certificate_json(const Certificate& c);
// As seen on `today` (docs/api.md): the record with its state and valid_today, the events
// without an absent until, allowed_actions (none unless `may_act`: the caller's role may act
// on certificates) and suspended_until when suspended with an end.
json::object certificate_json(const Certificate& c, Date today, bool may_act);
// The state of a certificate on `day` as its key ("pending" before the issue date).
const char* certificate_state_text(const Certificate& c, Date day);

}  // namespace certhours::codec
