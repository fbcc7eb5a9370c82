// Calendar dates as the rules see them: local dates, no time, no clock.
// "Today" is always passed in by the caller (computed in Asia/Shanghai by the api).
#pragma once
#include <date/date.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace certhours {

using Date = date::sys_days;

// The range of dates the system accepts anywhere (docs/api.md: 1950-01-01 .. 2099-12-31).
inline constexpr int kMinYear = 1950;
inline constexpr int kMaxYear = 2099;

// Parses exactly "YYYY-MM-DD" naming a real calendar date in [kMinYear, kMaxYear].
// Returns nullopt for anything else (2024-02-30, 2024-2-3, trailing text).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date d);

// A UTC time to the second as RFC 3339, as every stamp of the records is written
// ("2024-05-31T08:00:00Z"); and back, exactly that form (its date as parse_date takes it).
std::string format_rfc3339(std::chrono::sys_seconds t);
std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

int year_of(Date d);
Date first_day(int year);
Date last_day(int year);
Date make_date(int y, unsigned m, unsigned d);
// Number of days from a to b, both inclusive. REQUIRES: a <= b.
long days_inclusive(Date a, Date b);

// The dates from `from` to `to`, both inclusive. REQUIRES: from <= to.
struct DateRange {
  Date from, to;
  bool contains(Date d) const { return from <= d && d <= to; }
  bool overlaps(const DateRange& o) const { return from <= o.to && o.from <= to; }
  bool operator==(const DateRange&) const = default;
};

}  // namespace certhours
