#include "domain/requirement.hpp"

#include "domain/messages.hpp"

#include <algorithm>

namespace certhours {

std::optional<Policy> default_policy(int year) {
  if (year < kFirstPolicyYear) return std::nullopt;
  return Policy{};
}

bool PostPeriod::overlaps(int year) const {
  return start <= last_day(year) && (!end || *end >= first_day(year));
}

int months_on_post(const PostPeriod& p, int year) {
  if (!p.overlaps(year)) return 0;
  Date from = std::max(p.start, first_day(year));
  Date to = p.end ? std::min(*p.end, last_day(year)) : last_day(year);
  unsigned m1 = static_cast<unsigned>(date::year_month_day(from).month());
  unsigned m2 = static_cast<unsigned>(date::year_month_day(to).month());
  return static_cast<int>(m2 - m1 + 1);
}

namespace {
Hours prorate(Hours full, int months) {
  // ceil(halves × months / 12), in half hours: exactly "rounded up to the next 0.5".
  std::int64_t n = full.halves() * months;
  return Hours::from_halves((n + 11) / 12);
}
}  // namespace

Requirement required_for(const Policy& policy, const PostPeriod& p, int year) {
  if (policy.proration == Proration::none) return {policy.legal, policy.business};
  int months = months_on_post(p, year);
  return {prorate(policy.legal, months), prorate(policy.business, months)};
}

YearStatus evaluate_year(const std::optional<Policy>& policy, const PostPeriod& post, int year, Date as_of,
                         const CategoryHours& earned) {
  YearStatus out;
  out.legal.earned = earned.legal;
  out.business.earned = earned.business;
  out.political = earned.political;
  if (!policy || !post.overlaps(year)) {
    out.status = ComplianceStatus::exempt;
    return out;
  }
  Requirement req = required_for(*policy, post, year);
  out.legal.required = req.legal;
  out.business.required = req.business;
  for (CategoryProgress* c : {&out.legal, &out.business})
    c->shortfall = c->earned >= c->required ? Hours() : c->required - c->earned;

  bool met = out.legal.shortfall == Hours() && out.business.shortfall == Hours();
  bool year_over = as_of > last_day(year);
  out.status = met ? ComplianceStatus::met : year_over ? ComplianceStatus::not_met : ComplianceStatus::in_progress;

  if (out.status == ComplianceStatus::in_progress) {
    // Pace: required × days elapsed on post ÷ days on post in the year, in integers. Rounded
    // up to the half hour, so that earned (whole halves) < expected exactly when
    // earned × days_on_post < required × elapsed.
    Date first = std::max(post.start, first_day(year));
    Date last = post.end ? std::min(*post.end, last_day(year)) : last_day(year);
    long on_post = days_inclusive(first, last);
    long elapsed = as_of < first ? 0 : days_inclusive(first, std::min(as_of, last));
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
