// The full-staff rotation (docs/domain.md "The full-staff rotation"): who must be rotated,
// which sessions count, the status around the deadline, rates and the default campaign.
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include "domain/rotation.hpp"

using namespace certhours;
using certhours::testdata::D;

template <>
struct doctest::StringMaker<certhours::RotationStatus> {
  static doctest::String convert(const certhours::RotationStatus& s) { return certhours::rotation_status_key(s); }
};

namespace {
// The plan's campaign: 2023-08-09 .. 2024-05-31.
const Campaign kPlan{1, "全员轮训", *parse_date("2023-08-09"), *parse_date("2024-05-31")};
PostPeriod serving_since(const char* start) { return {D(start), std::nullopt}; }
PostPeriod served(const char* start, const char* end) { return {D(start), D(end)}; }
}  // namespace

TEST_CASE("rotation: an officer on post on the deadline must be rotated") {
  CHECK(must_rotate(kPlan, serving_since("2016-01-01")));
  CHECK(must_rotate(kPlan, serving_since("2024-05-31")));       // joined on the deadline day
  CHECK(must_rotate(kPlan, served("2016-01-01", "2024-05-31")));  // left on the deadline day
  CHECK(must_rotate(kPlan, served("2016-01-01", "2025-03-01")));  // left after the deadline
  CHECK(must_rotate(kPlan, serving_since("2024-01-10")));       // joined inside the window
}

TEST_CASE("rotation: a joiner after the deadline is not counted in the campaign") {
  CHECK_FALSE(must_rotate(kPlan, serving_since("2024-06-01")));
  CHECK_FALSE(must_rotate(kPlan, serving_since("2025-01-01")));
}

TEST_CASE("rotation: an officer who left before the deadline is not counted") {
  CHECK_FALSE(must_rotate(kPlan, served("2016-01-01", "2024-05-30")));
  CHECK_FALSE(must_rotate(kPlan, served("2016-01-01", "2023-06-30")));
}

TEST_CASE("rotation: a session counts when flagged and ending inside the window, boundaries inclusive") {
  const Date after = D("2025-01-01");  // long after: every session has ended
  CHECK(counts_for_rotation(kPlan, true, D("2023-08-09"), after));   // first day of the window
  CHECK(counts_for_rotation(kPlan, true, D("2024-05-31"), after));   // the deadline itself
  CHECK(counts_for_rotation(kPlan, true, D("2024-01-15"), after));
  CHECK_FALSE(counts_for_rotation(kPlan, true, D("2023-08-08"), after));  // the day before the window
  CHECK_FALSE(counts_for_rotation(kPlan, true, D("2024-06-01"), after));  // the day after the deadline
  CHECK_FALSE(counts_for_rotation(kPlan, false, D("2024-01-15"), after));  // not a rotation session
}

TEST_CASE("rotation: as of a date, only a session that ended by then counts") {
  CHECK(counts_for_rotation(kPlan, true, D("2024-01-15"), D("2024-01-15")));        // ends that day
  CHECK_FALSE(counts_for_rotation(kPlan, true, D("2024-01-15"), D("2024-01-14")));  // ends the day after
  CHECK_FALSE(counts_for_rotation(kPlan, true, D("2024-05-31"), D("2024-03-01")));  // logged ahead
  CHECK(counts_for_rotation(kPlan, true, D("2023-08-09"), D("2023-08-09")));
  CHECK_FALSE(counts_for_rotation(kPlan, true, D("2023-08-09"), D("2023-08-08")));  // before the window opens
}

TEST_CASE("rotation status: in_progress on the deadline day, then complete or overdue the day after") {
  CHECK(rotation_status(kPlan, D("2024-01-01"), 5) == RotationStatus::in_progress);
  CHECK(rotation_status(kPlan, D("2024-05-31"), 5) == RotationStatus::in_progress);
  CHECK(rotation_status(kPlan, D("2024-05-31"), 0) == RotationStatus::in_progress);
  CHECK(rotation_status(kPlan, D("2024-06-01"), 1) == RotationStatus::overdue);
  CHECK(rotation_status(kPlan, D("2024-06-01"), 0) == RotationStatus::complete);
  CHECK(rotation_status(kPlan, D("2025-08-15"), 0) == RotationStatus::complete);
  CHECK(std::string(rotation_status_key(RotationStatus::in_progress)) == "in_progress");
  CHECK(std::string(rotation_status_key(RotationStatus::complete)) == "complete");
  CHECK(std::string(rotation_status_key(RotationStatus::overdue)) == "overdue");
}

TEST_CASE("rotation rate: a fraction rounded to 4 decimals, nullopt over zero officers") {
  CHECK_FALSE(rounded_rate(0, 0).has_value());
  CHECK(rounded_rate(0, 5) == 0.0);
  CHECK(rounded_rate(5, 5) == 1.0);
  CHECK(rounded_rate(7, 8) == 0.875);
  CHECK(rounded_rate(1, 8) == 0.125);
  CHECK(rounded_rate(2, 3) == 0.6667);      // rounded up
  CHECK(rounded_rate(1, 3) == 0.3333);      // rounded down
  CHECK(rounded_rate(1, 7) == 0.1429);
  CHECK(rounded_rate(1, 20000) == 0.0001);  // exactly half a ten-thousandth rounds up
  CHECK(rounded_rate(1, 30000) == 0.0);
  CHECK(rounded_rate(29999, 30000) == 1.0);
}

TEST_CASE("rotation tally: pending is required minus rotated") {
  RotationTally t;
  t.add(true);
  t.add(false);
  t.add(false);
  CHECK(t.required == 3);
  CHECK(t.rotated == 1);
  CHECK(t.pending() == 2);
}

TEST_CASE("rotation campaigns: a new campaign's deadline may not be before its window start") {
  CHECK(check_campaign(D("2023-08-09"), D("2024-05-31")).is_ok());
  CHECK(check_campaign(D("2024-06-01"), D("2024-06-01")).is_ok());  // a one-day window
  Status s = check_campaign(D("2024-06-02"), D("2024-06-01"));
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "deadline");
}

TEST_CASE("rotation campaigns: the default campaign is the latest one whose window has started") {
  Campaign later{2, "第二轮", D("2025-01-01"), D("2025-12-31")};
  std::vector<Campaign> all{kPlan, later};
  CHECK(default_campaign({}, D("2024-01-01")) == nullptr);
  CHECK(default_campaign(all, D("2024-08-15"))->id == 1);
  CHECK(default_campaign(all, D("2024-12-31"))->id == 1);
  CHECK(default_campaign(all, D("2025-01-01"))->id == 2);  // the window starts that day
  CHECK(default_campaign(all, D("2026-08-15"))->id == 2);
  CHECK(default_campaign(all, D("2023-01-01"))->id == 1);  // none started: the first to start
  Campaign same_start{3, "同期", D("2025-01-01"), D("2026-06-30")};
  all.push_back(same_start);
  CHECK(default_campaign(all, D("2025-06-01"))->id == 3);  // same start: the later deadline
}
