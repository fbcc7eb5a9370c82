// The store's shared row helpers (store/rows.hpp).
#include <doctest/doctest.h>

#include <chrono>
#include <regex>

#include "date/date.h"
#include "store/rows.hpp"

using namespace certhours;

TEST_CASE("now_rfc3339: the clock's time in UTC to the second, as RFC 3339 (the audit's and records' stamp)") {
  auto stamp = [] {
    return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  };
  for (int i = 0; i < 3; ++i) {  // twice within a second: the remembered text; then as new
    std::string before = stamp();
    std::string now = store::now_rfc3339();
    std::string after = stamp();
    CHECK(std::regex_match(now, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)")));
    CHECK(before <= now);
    CHECK(now <= after);
  }
}
