// Calendar dates: strict YYYY-MM-DD in 1950-01-01 .. 2099-12-31 (docs/api.md, docs/domain.md).
#include <doctest/doctest.h>

#include "domain/calendar.hpp"

using namespace certhours;

template <>
struct doctest::StringMaker<certhours::Date> {
  static doctest::String convert(const certhours::Date& d) { return certhours::format_date(d).c_str(); }
};

TEST_CASE("parse_date accepts real calendar dates written YYYY-MM-DD") {
  SUBCASE("an ordinary date") {
    auto d = parse_date("2024-03-20");
    REQUIRE(d.has_value());
    CHECK(*d == make_date(2024, 3, 20));
  }
  SUBCASE("29 February of a leap year") {
    auto d = parse_date("2024-02-29");
    REQUIRE(d.has_value());
    CHECK(*d == make_date(2024, 2, 29));
  }
  SUBCASE("29 February of 2000, a leap year divisible by 400") { CHECK(parse_date("2000-02-29").has_value()); }
  SUBCASE("the last day of a 31-day month and of a 30-day month") {
    CHECK(parse_date("2024-01-31").has_value());
    CHECK(parse_date("2024-04-30").has_value());
    CHECK(parse_date("2024-12-31").has_value());
  }
}

TEST_CASE("parse_date refuses dates that do not exist") {
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK_FALSE(parse_date("2024-02-30").has_value());
  CHECK_FALSE(parse_date("2024-04-31").has_value());
  CHECK_FALSE(parse_date("2024-13-01").has_value());
  CHECK_FALSE(parse_date("2024-00-10").has_value());
  CHECK_FALSE(parse_date("2024-01-00").has_value());
  CHECK_FALSE(parse_date("2024-01-32").has_value());
}

TEST_CASE("parse_date accepts exactly the years 1950 through 2099") {
  SUBCASE("the first and last accepted days") {
    auto lo = parse_date("1950-01-01");
    auto hi = parse_date("2099-12-31");
    REQUIRE(lo.has_value());
    REQUIRE(hi.has_value());
    CHECK(*lo == make_date(1950, 1, 1));
    CHECK(*hi == make_date(2099, 12, 31));
  }
  SUBCASE("the day before the range and the day after it are refused") {
    CHECK_FALSE(parse_date("1949-12-31").has_value());
    CHECK_FALSE(parse_date("2100-01-01").has_value());
  }
  SUBCASE("far-off years are refused") {
    CHECK_FALSE(parse_date("0000-01-01").has_value());
    CHECK_FALSE(parse_date("9999-12-31").has_value());
  }
}

TEST_CASE("parse_date refuses anything that is not exactly YYYY-MM-DD") {
  CHECK_FALSE(parse_date("").has_value());
  CHECK_FALSE(parse_date("2024-2-3").has_value());
  CHECK_FALSE(parse_date("2024-02-3").has_value());
  CHECK_FALSE(parse_date(" 2024-02-03").has_value());
  CHECK_FALSE(parse_date("2024-02-03 ").has_value());
  CHECK_FALSE(parse_date("2024-02-03x").has_value());
  CHECK_FALSE(parse_date("2024/02/03").has_value());
  CHECK_FALSE(parse_date("20240203").has_value());
  CHECK_FALSE(parse_date("2024-02-03T00:00:00").has_value());
  CHECK_FALSE(parse_date("2024-+2-03").has_value());
  CHECK_FALSE(parse_date("2024--2-03").has_value());
  CHECK_FALSE(parse_date("2024-02- 3").has_value());
  CHECK_FALSE(parse_date("+024-02-03").has_value());
  CHECK_FALSE(parse_date("２０２４-02-03").has_value());
  CHECK_FALSE(parse_date("abcd-ef-gh").has_value());
}

TEST_CASE("format_date writes YYYY-MM-DD and round-trips with parse_date") {
  CHECK(format_date(make_date(2024, 2, 3)) == "2024-02-03");
  CHECK(format_date(make_date(1950, 1, 1)) == "1950-01-01");
  CHECK(format_date(make_date(2099, 12, 31)) == "2099-12-31");
  for (const char* s : {"2024-02-29", "2023-12-28", "2024-01-03", "1999-07-01"}) {
    CAPTURE(s);
    auto d = parse_date(s);
    REQUIRE(d.has_value());
    CHECK(format_date(*d) == s);
  }
}

TEST_CASE("format_rfc3339 and parse_rfc3339: a UTC second, both ways, as date::format writes it") {
  using namespace std::chrono;
  for (sys_seconds t = sys_days(make_date(2023, 12, 31)) + hours(23) + minutes(59); t < sys_days(make_date(2024, 1, 2));
       t += seconds(7)) {
    std::string expected = date::format("%FT%TZ", t);
    if (format_rfc3339(t) != expected) FAIL_CHECK(expected);
    auto back = parse_rfc3339(expected);
    if (!back || *back != t) FAIL_CHECK(expected);
  }
  CHECK(format_rfc3339(sys_days(make_date(2024, 2, 29)) + hours(8)) == "2024-02-29T08:00:00Z");
  for (const char* bad : {"2024-02-29T08:00:00", "2024-02-29 08:00:00Z", "2024-02-30T08:00:00Z", "2024-02-29T24:00:00Z",
                          "2024-02-29T08:60:00Z", "2024-02-29T08:00:0aZ", "2024-02-29T08:00:00.5Z", ""}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_rfc3339(bad).has_value());
  }
}

TEST_CASE("format_date writes every day of 1900-2100 as date::format's %F does") {
  for (Date d = make_date(1900, 1, 1); d <= make_date(2100, 12, 31); d += date::days(1)) {
    std::string expected = date::format("%F", d);
    if (format_date(d) != expected) FAIL_CHECK(expected);
  }
  CHECK(format_date(make_date(10000, 1, 1)) == date::format("%F", make_date(10000, 1, 1)));
}

TEST_CASE("year_of, first_day and last_day name the calendar year") {
  CHECK(year_of(make_date(2024, 1, 1)) == 2024);
  CHECK(year_of(make_date(2024, 12, 31)) == 2024);
  CHECK(year_of(make_date(2023, 12, 31)) == 2023);
  CHECK(first_day(2024) == make_date(2024, 1, 1));
  CHECK(last_day(2024) == make_date(2024, 12, 31));
  CHECK(last_day(2023) + date::days{1} == first_day(2024));
}

TEST_CASE("days_inclusive counts both ends") {
  CHECK(days_inclusive(make_date(2024, 3, 4), make_date(2024, 3, 4)) == 1);
  CHECK(days_inclusive(make_date(2024, 3, 4), make_date(2024, 3, 5)) == 2);
  CHECK(days_inclusive(first_day(2024), last_day(2024)) == 366);
  CHECK(days_inclusive(first_day(2023), last_day(2023)) == 365);
  CHECK(days_inclusive(make_date(2024, 1, 1), make_date(2024, 7, 1)) == 183);
  CHECK(days_inclusive(make_date(2023, 12, 28), make_date(2024, 1, 3)) == 7);
}
