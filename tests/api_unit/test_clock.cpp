#include <doctest/doctest.h>

#include "app/clock.hpp"

using namespace certhours;

namespace {
std::chrono::system_clock::time_point utc(const char* ymd, int h, int m, int s) {
  return *parse_date(ymd) + std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s);
}
}  // namespace

TEST_CASE("today is the date in Asia/Shanghai, not in UTC or the server's zone") {
  // 15:59:59 UTC on 31 December is 23:59:59 in Shanghai: still the old year.
  CHECK(app::shanghai_date(utc("2024-12-31", 15, 59, 59)) == *parse_date("2024-12-31"));
  // 16:00 UTC is midnight in Shanghai: the new year has begun there while UTC is still in 2024.
  CHECK(app::shanghai_date(utc("2024-12-31", 16, 0, 0)) == *parse_date("2025-01-01"));
  // The rotation deadline day ends at 16:00 UTC.
  CHECK(app::shanghai_date(utc("2024-05-31", 15, 30, 0)) == *parse_date("2024-05-31"));
  CHECK(app::shanghai_date(utc("2024-05-31", 16, 30, 0)) == *parse_date("2024-06-01"));
}
