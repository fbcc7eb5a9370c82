#include "domain/requirement.hpp"

#include "domain/messages.hpp"

#include <algorithm>

namespace certhours {

std::optional<Policy> default_policy(int year) {
  if (year < kFirstPolicyYear) return std::nullopt;
  return Policy{};
}

std::optional<std::string_view> parse_statuses(std::string_view text, StatusFilter& out) {
  while (!text.empty()) {
    auto comma = text.find(',');
    std::string_view key = text.substr(0, comma);
    auto status = kComplianceStatuses.parse(key);
    if (!status) return key;
    out.add(*status);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

bool PostPeriod::overlaps(int year) const {
  return start <= last_day(year) && (!end || *end >= first_day(year));
}

namespace {
// The days of [from, to] not inside any exempt range (the ranges do not overlap).
long days_not_exempt(Date from, Date to, ExemptDays exempt) {
  if (to < from) return 0;
  long n = days_inclusive(from, to);
  for (const DateRange& r : exempt) {
    Date a = std::max(from, r.from), b = std::min(to, r.to);
    if (a <= b) n -= days_inclusive(a, b);
  }
  return n;
}

// The officer's days on post within `year`, or nullopt when none.
std::optional<DateRange> post_in_year(const PostPeriod& p, int year) {
  if (!p.overlaps(year)) return std::nullopt;
  return DateRange{std::max(p.start, first_day(year)), p.end ? std::min(*p.end, last_day(year)) : last_day(year)};
}
}  // namespace

int months_on_post(const PostPeriod& p, int year, ExemptDays exempt) {
  auto on_post = post_in_year(p, year);
  if (!on_post) return 0;
  int months = 0;
  for (unsigned m = 1; m <= 12; ++m) {
    Date first = make_date(year, m, 1);
    Date last = date::sys_days(date::year_month_day_last(date::year(year), date::month_day_last(date::month(m))));
    if (days_not_exempt(std::max(first, on_post->from), std::min(last, on_post->to), exempt) > 0) ++months;
  }
  return months;
}

long days_on_post(const PostPeriod& p, int year, Date until, ExemptDays exempt) {
  auto on_post = post_in_year(p, year);
  if (!on_post) return 0;
  return days_not_exempt(on_post->from, std::min(until, on_post->to), exempt);
}

namespace {
Hours prorate(Hours full, int months) {
  // ceil(halves × months / 12), in half hours: exactly "rounded up to the next 0.5".
  std::int64_t n = full.halves() * months;
  return Hours::from_halves((n + 11) / 12);
}
}  // namespace

Requirement required_for(const Policy& policy, const PostPeriod& p, int year, ExemptDays exempt) {
  if (policy.proration == Proration::none) return {policy.legal, policy.business};
  int months = months_on_post(p, year, exempt);
  return {prorate(policy.legal, months), prorate(policy.business, months)};
}

YearStatus evaluate_year(const std::optional<Policy>& policy, const PostPeriod& post, int year, Date as_of,
                         const CategoryHours& earned, ExemptDays exempt) {
  YearStatus out;
  out.legal.earned = earned.legal;
  out.business.earned = earned.business;
  out.political = earned.political;
  // Days on post in the year that are not exempt: none (no post, or every one exempt) means no
  // requirement, whatever the policy's proration.
  long on_post = days_on_post(post, year, last_day(year), exempt);
  if (!policy || on_post == 0) {
    out.status = ComplianceStatus::exempt;
    return out;
  }
  Requirement req = required_for(*policy, post, year, exempt);
  out.legal.required = req.legal;
  out.business.required = req.business;
  for (CategoryProgress* c : {&out.legal, &out.business})
    c->shortfall = c->earned >= c->required ? Hours() : c->required - c->earned;

  bool met = out.legal.shortfall == Hours() && out.business.shortfall == Hours();
  bool year_over = as_of > last_day(year);
  out.status = met ? ComplianceStatus::met : year_over ? ComplianceStatus::not_met : ComplianceStatus::in_progress;

  if (out.status == ComplianceStatus::in_progress) {
    // Pace: required × days elapsed on post ÷ days on post in the year (exempt days left out of
    // both), in integers. Rounded up to the half hour, so that earned (whole halves) < expected
    // exactly when earned × days_on_post < required × elapsed.
    long elapsed = days_on_post(post, year, as_of, exempt);
    for (CategoryProgress* c : {&out.legal, &out.business}) {
      c->expected = Hours::from_halves((c->required.halves() * elapsed + on_post - 1) / on_post);
      c->behind_pace = c->earned < c->expected;
    }
  }
  return out;
}

Status check_policy_change(int year, int current_year) {
  if (year < current_year)
    return Status::conflict(rules::policy_frozen, {{"year", std::to_string(year)}, {"current", std::to_string(current_year)}},
                            "year");
  return Status::ok();
}
}  // namespace certhours
