#include "domain/rotation.hpp"

#include <cmath>

#include "domain/messages.hpp"
#include "domain/training.hpp"

namespace certhours {

Status check_campaign(Date window_start, Date deadline) {
  if (deadline < window_start)
    return Status::invalid("deadline", rules::campaign_dates_reversed,
                           {{"end", format_date(deadline)}, {"start", format_date(window_start)}});
  return Status::ok();
}

bool must_rotate(const Campaign& c, const PostPeriod& post) { return post.on_post(c.deadline); }

bool counts_for_rotation(const Campaign& c, bool rotation_flag, Date end_date, Date as_of) {
  return rotation_flag && c.window_start <= end_date && end_date <= c.deadline && ended_by(end_date, as_of);
}

RotationStatus rotation_status(const Campaign& c, Date as_of, std::int64_t pending) {
  if (as_of <= c.deadline) return RotationStatus::in_progress;
  return pending > 0 ? RotationStatus::overdue : RotationStatus::complete;
}

std::optional<double> rounded_rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  // Rounded in integers (ten-thousandths, half up) so that 1/8 is 0.125 and 2/3 is 0.6667 exactly
  // as a decimal reader expects, without the drift of round(x * 1e4) on binary fractions.
  std::int64_t tenth_millis = (part * 20000 + whole) / (2 * whole);
  return static_cast<double>(tenth_millis) / 10000.0;
}

const Campaign* default_campaign(const std::vector<Campaign>& all, Date as_of) {
  const Campaign* started = nullptr;
  const Campaign* upcoming = nullptr;
  for (const Campaign& c : all) {
    if (c.window_start <= as_of) {
      if (!started || c.window_start > started->window_start ||
          (c.window_start == started->window_start &&
           (c.deadline > started->deadline || (c.deadline == started->deadline && c.id > started->id))))
        started = &c;
    } else if (!upcoming || c.window_start < upcoming->window_start ||
               (c.window_start == upcoming->window_start && c.id < upcoming->id)) {
      upcoming = &c;
    }
  }
  return started ? started : upcoming;
}

}  // namespace certhours
