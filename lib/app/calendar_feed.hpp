// Each user's private iCalendar feed (docs/api.md "Calendar feed"): certificate expiry dates
// and training dates, so they land in the phone's calendar. The URL's secret is the only
// credential of GET /calendar/{secret}.ics; the feed is computed on every fetch.
#pragma once
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "app/ical_writer.hpp"

namespace certhours::app {

// At most this many events of each kind in one feed (docs/limits.md): trainings the most
// recent by end date, certificates the soonest to expire.
inline constexpr std::size_t kFeedTrainings = 1000;
inline constexpr std::size_t kFeedCertificates = 2000;
// A certificate's event carries an alarm this many days before its expiry.
inline constexpr int kFeedAlarmDays = 30;

// The caller's feed secret: the one kept, or a new one kept from now on.
std::string calendar_secret(App& app, const Caller& caller);
// A new secret for the caller; the old URL stops working (audited).
std::string reset_calendar_secret(App& app, const Caller& caller);

// The feed a secret names, as of `today`: for an officer, their certificates in force and
// the sessions credited to them; for hr and admins, the certificates of their units in force
// that expire within the next 12 months and the sessions their units organise. not_found
// (calendar_feed_not_found) when the secret names no feed or its user may no longer sign in.
Result<ical::Calendar> calendar_feed(App& app, std::string_view secret, Date today);

}  // namespace certhours::app
