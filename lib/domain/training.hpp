// Training sessions and attendance credits (docs/domain.md "Training hours").
#pragma once
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/hours.hpp"
#include "domain/id.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class TrainingMode { in_person, online };
inline constexpr auto kTrainingModes =
    names_of<TrainingMode>({{TrainingMode::in_person, "in_person"}, {TrainingMode::online, "online"}});
inline const char* mode_key(TrainingMode m) { return kTrainingModes.key(m); }
inline std::optional<TrainingMode> parse_mode(std::string_view s) { return kTrainingModes.parse(s); }

// The most hours a session may carry per calendar day it spans.
inline constexpr Hours kMaxHoursPerDay = Hours::whole(10);

struct TrainingSpec {
  std::string title;
  Date start_date, end_date;
  CategoryHours hours;
};

// A recorded session.
struct Training {
  Id id = 0;
  TrainingSpec spec;
  Id organizer_unit_id = 0;
  bool rotation = false;
  TrainingMode mode = TrainingMode::in_person;
};

// Checks the dates and hours of a session: end not before start, at least one hour
// in some category, total <= 10 per calendar day spanned.
Status check_training(const TrainingSpec& t);

// The year a session counts in: the year of its end date.
inline int counted_year(const TrainingSpec& t) { return year_of(t.end_date); }

// Whether a session has happened as of `as_of`: it ended on or before that day, whenever it
// was entered (docs/domain.md "Annual requirement"). A session logged ahead, or one still
// running on `as_of`, counts neither for hours nor for rotation yet.
inline bool ended_by(Date end_date, Date as_of) { return end_date <= as_of; }

// A partial credit: each category given, or nullopt for "the session's hours".
struct PartialCredit {
  std::optional<Hours> legal, business, political;
};

// The hours one attendee is credited: the session's by default, fewer when given,
// never more than the session offers in that category (field names "hours.<category>").
Result<CategoryHours> credit_for(const CategoryHours& session, const PartialCredit& partial);

// A correction of a session's hours: credits are fixed when recorded, so the session may not
// offer less, in any category, than the largest credit recorded in it (`largest`, per category):
// conflict credit_exceeds_session, field "hours.<category>".
Status check_holds_credits(const CategoryHours& session, const CategoryHours& largest);

// A correction of one attendee's credit: each category given replaces the recorded one, the others
// stay; never more than the session offers (credit_for's rule and fields).
Result<CategoryHours> corrected_credit(const CategoryHours& session, const CategoryHours& recorded,
                                       const PartialCredit& change);

}  // namespace certhours
