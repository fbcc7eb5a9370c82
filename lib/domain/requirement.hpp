// The yearly requirement (docs/domain.md "The yearly requirement") and an officer's status
// for a year as of a date. Pure functions: the caller supplies the policy, the post
// period, the hours earned and the date.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/hours.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class Proration { monthly, none };
inline constexpr auto kProrations = names_of<Proration>({{Proration::monthly, "monthly"}, {Proration::none, "none"}});
inline const char* proration_key(Proration p) { return kProrations.key(p); }
inline std::optional<Proration> parse_proration(std::string_view s) { return kProrations.parse(s); }

struct Policy {
  Hours legal = Hours::whole(20);
  Hours business = Hours::whole(40);
  Proration proration = Proration::monthly;
  bool operator==(const Policy&) const = default;
};

// The first year that carries a requirement; earlier years are exempt for everyone.
inline constexpr int kFirstPolicyYear = 2023;
// The policy that holds for `year` when none was set: 20/40 monthly from 2023 on ("长期坚持"),
// nothing before.
std::optional<Policy> default_policy(int year);

// An officer's time on post: from `start` to `end` inclusive (no end while serving).
struct PostPeriod {
  Date start;
  std::optional<Date> end;
  bool on_post(Date d) const { return start <= d && (!end || d <= *end); }
  // True when the officer was on post on at least one day of `year`.
  bool overlaps(int year) const;
};

// Days excused from the requirement (docs/domain.md "Exemptions"): each counts as a day not
// on post. The ranges of one officer never overlap (the store refuses it).
using ExemptDays = std::span<const DateRange>;

// Calendar months of `year` with at least one day on post that is not exempt (0..12).
int months_on_post(const PostPeriod& p, int year, ExemptDays exempt = {});
// Days on post in `year` from its first day to `until` (inclusive) that are not exempt.
long days_on_post(const PostPeriod& p, int year, Date until, ExemptDays exempt = {});

struct Requirement {
  Hours legal, business;
};
// What the officer owes for `year`: the full policy, or with monthly proration
// required × months / 12 rounded up to the next 0.5 (months with a day on post not exempt).
// REQUIRES: p.overlaps(year).
Requirement required_for(const Policy& policy, const PostPeriod& p, int year, ExemptDays exempt = {});

enum class ComplianceStatus { met, in_progress, not_met, exempt };
inline constexpr auto kComplianceStatuses =
    names_of<ComplianceStatus>({{ComplianceStatus::met, "met", "已达标"},
                                {ComplianceStatus::in_progress, "in_progress", "进行中"},
                                {ComplianceStatus::not_met, "not_met", "未达标"},
                                {ComplianceStatus::exempt, "exempt", "免于考核"}});
inline const char* status_key(ComplianceStatus s) { return kComplianceStatuses.key(s); }

// Some of the statuses (?status=in_progress,not_met: 未完成, a shortfall open or final); none
// named means every status.
class StatusFilter {
 public:
  StatusFilter() = default;
  StatusFilter(std::initializer_list<ComplianceStatus> statuses) {
    for (ComplianceStatus s : statuses) add(s);
  }
  void add(ComplianceStatus s) { bits_ |= 1u << static_cast<unsigned>(s); }
  bool empty() const { return bits_ == 0; }
  bool allows(ComplianceStatus s) const { return bits_ == 0 || ((bits_ >> static_cast<unsigned>(s)) & 1u) != 0; }

 private:
  unsigned bits_ = 0;
};

// ?status= and `certhours export compliance --status`: keys joined by commas
// ("in_progress,not_met"; "" is every status). Adds each to `out`; returns the first key that
// names no status, if any (`out` then holds the keys before it).
std::optional<std::string_view> parse_statuses(std::string_view text, StatusFilter& out);

// Officers counted by status (a compliance summary). The rate is met among those assessed —
// exempt officers have no requirement — and nullopt when nobody is assessed.
struct ComplianceTally {
  std::int64_t officers = 0;
  std::int64_t by_status[4] = {0, 0, 0, 0};
  void add(ComplianceStatus s) {
    ++officers;
    ++by_status[static_cast<int>(s)];
  }
  std::int64_t of(ComplianceStatus s) const { return by_status[static_cast<int>(s)]; }
  std::int64_t assessed() const { return officers - of(ComplianceStatus::exempt); }
  std::optional<double> rate() const {
    if (assessed() <= 0) return std::nullopt;
    return static_cast<double>(of(ComplianceStatus::met)) / static_cast<double>(assessed());
  }
};

struct CategoryProgress {
  Hours earned, required, shortfall;
  // While in progress: the hours an even pace reaches by as_of (required × days elapsed on post
  // ÷ days on post in the year, up to the half hour); behind_pace is earned < expected. Zero
  // otherwise.
  Hours expected;
  bool behind_pace = false;
};

struct YearStatus {
  ComplianceStatus status = ComplianceStatus::exempt;
  CategoryProgress legal, business;
  Hours political;
};

// The status of one officer for `year` as of date `as_of`.
// `policy` is nullopt for years without a requirement (exempt). `earned` holds the hours of
// the year's sessions (and approved claims) that ended by `as_of` (ended_by,
// domain/training.hpp): the caller leaves the others out; `as_of` decides in_progress vs
// not_met and pace. `exempt`: the officer's exempt days; an officer whose every day on post in
// `year` is exempt is exempt for the year, and pace counts only days on post not exempt.
YearStatus evaluate_year(const std::optional<Policy>& policy, const PostPeriod& post, int year, Date as_of,
                         const CategoryHours& earned, ExemptDays exempt = {});

// The policy of a year may be set for the current year and later ones; earlier years
// are frozen (conflict), since their compliance is on record.
Status check_policy_change(int year, int current_year);
}  // namespace certhours
