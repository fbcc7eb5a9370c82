#include "domain/calendar.hpp"

#include <charconv>

namespace certhours {

namespace {
bool parse_digits(std::string_view s, int& out) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
}  // namespace

std::optional<Date> parse_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(t.substr(0, 4), y) || !parse_digits(t.substr(5, 2), m) || !parse_digits(t.substr(8, 2), d))
    return std::nullopt;
  if (y < kMinYear || y > kMaxYear) return std::nullopt;
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date(ymd);
}

std::string format_date(Date d) { return date::format("%F", d); }

int year_of(Date d) { return static_cast<int>(date::year_month_day(d).year()); }

Date make_date(int y, unsigned m, unsigned d) {
  return Date(date::year_month_day{date::year{y}, date::month{m}, date::day{d}});
}
Date first_day(int year) { return make_date(year, 1, 1); }
Date last_day(int year) { return make_date(year, 12, 31); }

long days_inclusive(Date a, Date b) { return (b - a).count() + 1; }

}  // namespace certhours
