// "As of D" (docs/domain.md "Annual requirement" and "The full-staff rotation"): a session
// counts only once it has ended, whenever it was entered. Every report is asked the same
// question on both sides of a session's end date: /hours, /compliance, /rotation and the
// progress report must agree.
#include <doctest/doctest.h>

#include "app/hours.hpp"
#include "app/rotation.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

constexpr Id kPlanCampaign = 1;  // 2023-08-09..2024-05-31, from the first migration

// One unit, two officers on post all of 2024. o1 attends:
//   早春讲座   2024-02-10            legal 6
//   轮训班     2024-05-20..05-22     business 12, flagged rotation (the plan's campaign)
//   冬季课程   2024-12-01..12-05     legal 14, business 28 (logged in advance)
// which is 20 / 40 by the year's end: met. o2 attends nothing.
struct Year2024 {
  Env env{"as-of"};
  Id unit = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
  Officer o1 = env.officer(1, "张三", unit, d(2016, 1, 1));
  Officer o2 = env.officer(2, "李四", unit, d(2016, 1, 1));
  User admin_user = env.user("admin", Role::admin);
  Training spring = env.training("早春讲座", unit, d(2024, 2, 10), d(2024, 2, 10), hours(6, 0));
  Training rotation = env.training("轮训班", unit, d(2024, 5, 20), d(2024, 5, 22), hours(0, 12), true);
  Training winter = env.training("冬季课程", unit, d(2024, 12, 1), d(2024, 12, 5), hours(14, 28));
  Year2024() {
    // Entered on any day, in any order: only the sessions' end dates matter.
    env.attend(winter, {o1.id});
    env.attend(spring, {o1.id});
    env.attend(rotation, {o1.id});
  }
  app::Caller admin(Date today) const { return app::Caller::of(admin_user, today); }
};

CategoryHours earned_in_compliance(Year2024& w, Date as_of) {
  auto r = app::compliance_report(w.env.app, w.admin(as_of), {w.unit, {2024, as_of}, {}, ""}, {});
  REQUIRE(r.is_ok());
  for (const auto& i : r->items)
    if (i.row.officer_id == w.o1.id) return {i.status.legal.earned, i.status.business.earned, i.status.political};
  FAIL("o1 is not on the sheet");
  return {};
}

}  // namespace

TEST_CASE("as of D, an officer's hours count only the sessions that ended on or before D") {
  Year2024 w;
  auto at = [&](Date as_of) {
    auto r = app::officer_hours(w.env.app, w.admin(as_of), w.o1.id, {2024, as_of});
    REQUIRE(r.is_ok());
    return *r;
  };

  auto march = at(d(2024, 3, 1));
  REQUIRE(march.trainings.size() == 1);
  CHECK(march.trainings[0].title == "早春讲座");
  REQUIRE(march.upcoming.size() == 2);  // entered, not yet happened: shown apart, not counted
  CHECK(march.upcoming[0].title == "轮训班");
  CHECK(march.upcoming[1].title == "冬季课程");
  CHECK(march.status.legal.earned == h(6));
  CHECK(march.status.business.earned == h(0));

  // The rotation course runs 20..22 May: on its second day it has not ended.
  CHECK(at(d(2024, 5, 21)).status.business.earned == h(0));
  CHECK(at(d(2024, 5, 22)).status.business.earned == h(12));  // its end date counts

  // Before the winter course ends the year is short; the day it ends, met.
  auto dec4 = at(d(2024, 12, 4));
  CHECK(dec4.status.status == ComplianceStatus::in_progress);
  CHECK(dec4.status.legal.earned == h(6));
  CHECK(dec4.upcoming.size() == 1);
  auto dec5 = at(d(2024, 12, 5));
  CHECK(dec5.status.status == ComplianceStatus::met);
  CHECK(dec5.status.legal.earned == h(20));
  CHECK(dec5.status.business.earned == h(40));
  CHECK(dec5.upcoming.empty());
  CHECK(dec5.trainings.size() == 3);
}

TEST_CASE("as of D, the compliance report agrees with the officer's hours") {
  Year2024 w;
  for (Date as_of : {d(2024, 1, 1), d(2024, 2, 9), d(2024, 2, 10), d(2024, 5, 21), d(2024, 5, 22), d(2024, 12, 4),
                     d(2024, 12, 5), d(2024, 12, 31), d(2025, 6, 1)}) {
    CAPTURE(format_date(as_of));
    auto mine = app::officer_hours(w.env.app, w.admin(as_of), w.o1.id, {2024, as_of});
    REQUIRE(mine.is_ok());
    CHECK(earned_in_compliance(w, as_of) ==
          CategoryHours{mine->status.legal.earned, mine->status.business.earned, mine->status.political});
  }
  CHECK(earned_in_compliance(w, d(2024, 3, 1)) == hours(6, 0));
  CHECK(earned_in_compliance(w, d(2025, 1, 1)) == hours(20, 40));
}

TEST_CASE("as of D, the rotation counts a session only once it has ended") {
  Year2024 w;
  auto rotated = [&](Date as_of) {
    auto r = app::rotation_report(w.env.app, w.admin(as_of), {w.unit, kPlanCampaign, as_of}, {});
    REQUIRE(r.is_ok());
    return r->total.rotated;
  };
  CHECK(rotated(d(2024, 5, 21)) == 0);  // the course is still running
  CHECK(rotated(d(2024, 5, 22)) == 1);
  CHECK(rotated(d(2024, 6, 30)) == 1);
}

TEST_CASE("the progress report as of a date early in the year shows a lower rate than the final one") {
  Year2024 w;
  auto current_met = [&](Date as_of) {
    auto r = app::progress_report(w.env.app, w.admin(as_of), {w.unit, kPlanCampaign, as_of});
    REQUIRE(r.is_ok());
    CHECK(r->total.current_year.officers == 2);
    return r->total.current_year.met;
  };
  CHECK(current_met(d(2024, 3, 1)) == 0);
  CHECK(current_met(d(2024, 12, 31)) == 1);
}
