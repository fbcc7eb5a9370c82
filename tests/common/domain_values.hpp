// What the domain tests share: dates and hours written as text and numbers (a typo fails the
// test that wrote it), and doctest printing hours and statuses as people read them.
#pragma once
#include <doctest/doctest.h>

#include "domain/calendar.hpp"
#include "domain/hours.hpp"
#include "domain/requirement.hpp"

template <>
struct doctest::StringMaker<certhours::Hours> {
  static doctest::String convert(const certhours::Hours& h) { return h.to_string().c_str(); }
};
template <>
struct doctest::StringMaker<certhours::ComplianceStatus> {
  static doctest::String convert(const certhours::ComplianceStatus& s) { return certhours::status_key(s); }
};

namespace certhours::testdata {

// "2024-05-31" as a Date; the test fails on anything else.
inline Date D(const char* s) {
  auto d = parse_date(s);
  REQUIRE_MESSAGE(d.has_value(), s);
  return *d;
}

// 16.5 as Hours; the test fails on a number hours cannot be (not a multiple of 0.5, negative…).
inline Hours H(double v) {
  auto h = Hours::from_number(v);
  REQUIRE_MESSAGE(h.has_value(), v);
  return *h;
}

}  // namespace certhours::testdata
