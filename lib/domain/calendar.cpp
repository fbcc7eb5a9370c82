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

// By hand: date::format goes through an ostringstream and its locale, and an answer of
// /officers/{id}/hours writes ~60 dates (12% of its profile that way).
std::string format_date(Date d) {
  date::year_month_day ymd(d);
  int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999) return date::format("%F", d);
  unsigned m = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
  std::string out(10, '-');
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

namespace {
void put2(char* at, unsigned v) {
  at[0] = static_cast<char>('0' + v / 10 % 10);
  at[1] = static_cast<char>('0' + v % 10);
}
}  // namespace

std::string format_rfc3339(std::chrono::sys_seconds t) {
  auto day = std::chrono::floor<date::days>(t);
  date::hh_mm_ss<std::chrono::seconds> hms(t - day);
  std::string out = format_date(Date(day)) + "T00:00:00Z";
  put2(&out[11], static_cast<unsigned>(hms.hours().count()));
  put2(&out[14], static_cast<unsigned>(hms.minutes().count()));
  put2(&out[17], static_cast<unsigned>(hms.seconds().count()));
  return out;
}

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view t) {
  if (t.size() != 20 || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z') return std::nullopt;
  auto day = parse_date(t.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!day || !parse_digits(t.substr(11, 2), h) || !parse_digits(t.substr(14, 2), m) ||
      !parse_digits(t.substr(17, 2), s) || h > 23 || m > 59 || s > 59)
    return std::nullopt;
  return std::chrono::sys_seconds(date::sys_days(*day)) + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

int year_of(Date d) { return static_cast<int>(date::year_month_day(d).year()); }

Date make_date(int y, unsigned m, unsigned d) {
  return Date(date::year_month_day{date::year{y}, date::month{m}, date::day{d}});
}
Date first_day(int year) { return make_date(year, 1, 1); }
Date last_day(int year) { return make_date(year, 12, 31); }

long days_inclusive(Date a, Date b) { return (b - a).count() + 1; }

}  // namespace certhours
