// The full-staff rotation (全员轮训, docs/domain.md "The full-staff rotation"): who must be
// rotated in a campaign, which sessions count, the status of a unit as of a date, and
// rates as the API reports them. Pure functions: dates are passed in.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/id.hpp"
#include "domain/requirement.hpp"
#include "domain/status.hpp"

namespace certhours {

// A rotation campaign: every officer on post on `deadline` attends one rotation session
// whose end date lies in [window_start, deadline] (both inclusive).
struct Campaign {
  Id id = 0;
  std::string name;
  Date window_start, deadline;
};

// A new campaign: the deadline may not be before the window start (invalid, field
// "deadline"). The name is checked by the caller (clean_text).
Status check_campaign(Date window_start, Date deadline);

// Whether an officer must be rotated in the campaign: on post on the deadline
// (post_start <= deadline, and post_end empty or >= deadline). Joiners after the
// deadline and leavers before it are not counted.
bool must_rotate(const Campaign& c, const PostPeriod& post);

// Whether a session counts for the campaign as of `as_of`: flagged rotation, its end date
// inside [window_start, deadline], both inclusive, and ended by `as_of` (ended_by).
bool counts_for_rotation(const Campaign& c, bool rotation_flag, Date end_date, Date as_of);

enum class RotationStatus { in_progress, complete, overdue };
inline constexpr auto kRotationStatuses =
    names_of<RotationStatus>({{RotationStatus::in_progress, "in_progress", "进行中"},
                              {RotationStatus::complete, "complete", "已完成"},
                              {RotationStatus::overdue, "overdue", "已逾期"}});
inline const char* rotation_status_key(RotationStatus s) { return kRotationStatuses.key(s); }

// The status of a unit as of `as_of`: in_progress on or before the deadline; after it,
// complete when nobody is pending, else overdue.
RotationStatus rotation_status(const Campaign& c, Date as_of, std::int64_t pending);

// A rate as the API reports it (docs/api.md): part / whole rounded to 4 decimals; nullopt
// when `whole` is zero. REQUIRES: 0 <= part <= whole.
std::optional<double> rounded_rate(std::int64_t part, std::int64_t whole);

// The campaign a report uses when none is named: of the campaigns whose window has
// started on `as_of`, the one that started last (ties: the later deadline, then the
// higher id); when none has started, the one that starts first. nullptr when empty.
const Campaign* default_campaign(const std::vector<Campaign>& all, Date as_of);

// Required / rotated counts of one unit (or subtree).
struct RotationTally {
  std::int64_t required = 0, rotated = 0;
  std::int64_t pending() const { return required - rotated; }
  // Counts one officer who must be rotated.
  void add(bool was_rotated) {
    ++required;
    if (was_rotated) ++rotated;
  }
};

}  // namespace certhours
