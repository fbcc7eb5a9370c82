// The yearly requirement, proration, status and pace (docs/domain.md "The yearly requirement",
// "Status of an officer for a year", "Worked examples").
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include "domain/requirement.hpp"

using namespace certhours;
using certhours::testdata::D;
using certhours::testdata::H;

namespace {
CategoryHours earned(double legal, double business, double political = 0) {
  return {H(legal), H(business), H(political)};
}
PostPeriod serving_since(const char* start) { return {D(start), std::nullopt}; }
PostPeriod served(const char* start, const char* end) { return {D(start), D(end)}; }
const std::optional<Policy> k2024 = default_policy(2024);
}  // namespace

TEST_CASE("the default policy is 20 legal and 40 business hours with monthly proration") {
  Policy p;
  CHECK(p.legal == Hours::whole(20));
  CHECK(p.business == Hours::whole(40));
  CHECK(p.proration == Proration::monthly);
}

TEST_CASE("the default policy holds for every year from 2023 on and for no earlier year") {
  CHECK(kFirstPolicyYear == 2023);
  CHECK_FALSE(default_policy(2022).has_value());
  CHECK_FALSE(default_policy(1950).has_value());
  for (int y : {2023, 2024, 2025, 2030, 2099}) {
    CAPTURE(y);
    REQUIRE(default_policy(y).has_value());
    CHECK(*default_policy(y) == Policy{});
  }
}

TEST_CASE("proration keys parse and print") {
  CHECK(parse_proration("monthly") == Proration::monthly);
  CHECK(parse_proration("none") == Proration::none);
  CHECK_FALSE(parse_proration("Monthly").has_value());
  CHECK_FALSE(parse_proration("").has_value());
  CHECK_FALSE(parse_proration("daily").has_value());
  CHECK(std::string(proration_key(Proration::monthly)) == "monthly");
  CHECK(std::string(proration_key(Proration::none)) == "none");
}

TEST_CASE("status keys are met, in_progress, not_met and exempt") {
  CHECK(std::string(status_key(ComplianceStatus::met)) == "met");
  CHECK(std::string(status_key(ComplianceStatus::in_progress)) == "in_progress");
  CHECK(std::string(status_key(ComplianceStatus::not_met)) == "not_met");
  CHECK(std::string(status_key(ComplianceStatus::exempt)) == "exempt");
}

TEST_CASE("a post period is on post from its start through its end, both inclusive") {
  SUBCASE("a closed period") {
    PostPeriod p = served("2024-03-20", "2024-09-05");
    CHECK_FALSE(p.on_post(D("2024-03-19")));
    CHECK(p.on_post(D("2024-03-20")));
    CHECK(p.on_post(D("2024-06-01")));
    CHECK(p.on_post(D("2024-09-05")));
    CHECK_FALSE(p.on_post(D("2024-09-06")));
  }
  SUBCASE("an open period runs on forever") {
    PostPeriod p = serving_since("2016-01-01");
    CHECK_FALSE(p.on_post(D("2015-12-31")));
    CHECK(p.on_post(D("2016-01-01")));
    CHECK(p.on_post(D("2099-12-31")));
  }
}

TEST_CASE("a post period overlaps a year when it holds at least one day of it") {
  CHECK(serving_since("2016-05-01").overlaps(2024));
  CHECK(serving_since("2024-12-31").overlaps(2024));
  CHECK_FALSE(serving_since("2025-01-01").overlaps(2024));
  CHECK(served("2010-01-01", "2024-01-01").overlaps(2024));
  CHECK_FALSE(served("2010-01-01", "2023-12-31").overlaps(2024));
  CHECK(served("2024-06-01", "2024-06-01").overlaps(2024));
  CHECK(served("2023-12-31", "2025-01-01").overlaps(2024));
}

TEST_CASE("months on post counts the calendar months of the year with at least one day on post") {
  CHECK(months_on_post(serving_since("2016-01-01"), 2024) == 12);
  CHECK(months_on_post(serving_since("2024-01-01"), 2024) == 12);
  CHECK(months_on_post(serving_since("2024-03-20"), 2024) == 10);
  CHECK(months_on_post(served("2016-01-01", "2024-09-05"), 2024) == 9);
  CHECK(months_on_post(served("2024-03-20", "2024-09-05"), 2024) == 7);
  CHECK(months_on_post(serving_since("2024-12-31"), 2024) == 1);
  CHECK(months_on_post(served("2016-01-01", "2024-01-01"), 2024) == 1);
  CHECK(months_on_post(served("2024-06-30", "2024-07-01"), 2024) == 2);
  CHECK(months_on_post(served("2024-06-01", "2024-06-30"), 2024) == 1);
  CHECK(months_on_post(served("2023-12-31", "2025-01-01"), 2024) == 12);
  CHECK(months_on_post(serving_since("2025-01-01"), 2024) == 0);
  CHECK(months_on_post(served("2010-01-01", "2023-12-31"), 2024) == 0);
}

TEST_CASE("the required hours with monthly proration") {
  Policy policy;
  SUBCASE("on post all year owes the full 20 and 40") {
    Requirement r = required_for(policy, serving_since("2016-01-01"), 2024);
    CHECK(r.legal == Hours::whole(20));
    CHECK(r.business == Hours::whole(40));
  }
  SUBCASE("the worked example: joined 2024-03-20 owes 17 legal and 33.5 business hours") {
    Requirement r = required_for(policy, serving_since("2024-03-20"), 2024);
    CHECK(r.legal == H(17));
    CHECK(r.business == H(33.5));
  }
  SUBCASE("the worked example: left 2024-09-05 owes 15 legal and 30 business hours") {
    Requirement r = required_for(policy, served("2016-01-01", "2024-09-05"), 2024);
    CHECK(r.legal == H(15));
    CHECK(r.business == H(30));
  }
  SUBCASE("joined on 31 December owes one month, rounded up to the next 0.5: 2 and 3.5") {
    // legal 20 × 1 / 12 = 1.67 → 2; business 40 × 1 / 12 = 3.33 → 3.5.
    Requirement r = required_for(policy, serving_since("2024-12-31"), 2024);
    CHECK(r.legal == H(2));
    CHECK(r.business == H(3.5));
  }
  SUBCASE("left on 1 January owes one month: 2 and 3.5") {
    Requirement r = required_for(policy, served("2016-01-01", "2024-01-01"), 2024);
    CHECK(r.legal == H(2));
    CHECK(r.business == H(3.5));
  }
  SUBCASE("six months owe exactly half: 10 and 20") {
    Requirement r = required_for(policy, serving_since("2024-07-15"), 2024);
    CHECK(r.legal == H(10));
    CHECK(r.business == H(20));
  }
  SUBCASE("every month count rounds up to the next 0.5, never down") {
    // required × m / 12 rounded up to a multiple of 0.5, computed here independently.
    const double legal[] = {0, 2, 3.5, 5, 7, 8.5, 10, 12, 13.5, 15, 17, 18.5, 20};
    const double business[] = {0, 3.5, 7, 10, 13.5, 17, 20, 23.5, 27, 30, 33.5, 37, 40};
    for (unsigned m = 1; m <= 12; ++m) {
      CAPTURE(m);
      PostPeriod p{make_date(2024, m, 15), std::nullopt};  // on post from month m: 13 - m months
      int months = 13 - static_cast<int>(m);
      REQUIRE(months_on_post(p, 2024) == months);
      Requirement r = required_for(policy, p, 2024);
      CHECK(r.legal == H(legal[months]));
      CHECK(r.business == H(business[months]));
    }
  }
  SUBCASE("an admin-set policy prorates the same way") {
    Policy custom{H(25), H(45), Proration::monthly};
    // 7 months: 25 × 7 / 12 = 14.58 → 15; 45 × 7 / 12 = 26.25 → 26.5.
    Requirement r = required_for(custom, served("2024-03-20", "2024-09-05"), 2024);
    CHECK(r.legal == H(15));
    CHECK(r.business == H(26.5));
  }
}

TEST_CASE("with proration none a part-year officer owes the full year") {
  Policy none{Hours::whole(20), Hours::whole(40), Proration::none};
  for (PostPeriod p : {serving_since("2024-12-31"), served("2016-01-01", "2024-01-01"), serving_since("2024-03-20"),
                       served("2024-06-01", "2024-06-01")}) {
    Requirement r = required_for(none, p, 2024);
    CHECK(r.legal == Hours::whole(20));
    CHECK(r.business == Hours::whole(40));
  }
  YearStatus s = evaluate_year(none, serving_since("2024-12-31"), 2024, D("2024-12-31"), earned(2, 3.5));
  CHECK(s.status == ComplianceStatus::in_progress);
  CHECK(s.legal.required == H(20));
  CHECK(s.legal.shortfall == H(18));
  CHECK(s.business.shortfall == H(36.5));
}

TEST_CASE("the worked example: on post since 2016 with two 2024 trainings") {
  // 法治讲座 2024-03-04..05 (legal 6, business 6, political 3) + 执法技能 2024-09-10..13 (business 30).
  PostPeriod post = serving_since("2016-01-01");
  CategoryHours e = earned(6, 6, 3);
  e += earned(0, 30, 0);

  auto check_figures = [](const YearStatus& s) {
    CHECK(s.legal.earned == H(6));
    CHECK(s.legal.required == H(20));
    CHECK(s.legal.shortfall == H(14));
    CHECK(s.business.earned == H(36));
    CHECK(s.business.required == H(40));
    CHECK(s.business.shortfall == H(4));
    CHECK(s.political == H(3));
  };
  SUBCASE("as of 2024-11-01 it is in_progress") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2024-11-01"), e);
    CHECK(s.status == ComplianceStatus::in_progress);
    check_figures(s);
  }
  SUBCASE("as of 2025-01-01 the same figures are not_met") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2025-01-01"), e);
    CHECK(s.status == ComplianceStatus::not_met);
    check_figures(s);
  }
}

TEST_CASE("the year's status turns from in_progress to not_met on 1 January of the next year") {
  PostPeriod post = serving_since("2016-01-01");
  CategoryHours e = earned(19.5, 40);
  CHECK(evaluate_year(k2024, post, 2024, D("2024-01-01"), e).status == ComplianceStatus::in_progress);
  CHECK(evaluate_year(k2024, post, 2024, D("2024-12-31"), e).status == ComplianceStatus::in_progress);
  CHECK(evaluate_year(k2024, post, 2024, D("2025-01-01"), e).status == ComplianceStatus::not_met);
  CHECK(evaluate_year(k2024, post, 2024, D("2030-06-01"), e).status == ComplianceStatus::not_met);
}

TEST_CASE("a date before the year starts leaves the year in_progress") {
  YearStatus s = evaluate_year(default_policy(2025), serving_since("2016-01-01"), 2025, D("2024-11-01"), earned(0, 0));
  CHECK(s.status == ComplianceStatus::in_progress);
  CHECK_FALSE(s.legal.behind_pace);
  CHECK_FALSE(s.business.behind_pace);
}

TEST_CASE("the status is met once both categories reach the requirement") {
  PostPeriod post = serving_since("2016-01-01");
  SUBCASE("the last half hour of business turns in_progress into met") {
    CategoryHours e = earned(20, 39.5);
    YearStatus before = evaluate_year(k2024, post, 2024, D("2024-10-15"), e);
    CHECK(before.status == ComplianceStatus::in_progress);
    CHECK(before.business.shortfall == H(0.5));
    e.business += H(0.5);
    YearStatus after = evaluate_year(k2024, post, 2024, D("2024-10-15"), e);
    CHECK(after.status == ComplianceStatus::met);
    CHECK(after.legal.shortfall == Hours());
    CHECK(after.business.shortfall == Hours());
  }
  SUBCASE("the last half hour of legal turns in_progress into met") {
    CHECK(evaluate_year(k2024, post, 2024, D("2024-10-15"), earned(19.5, 40)).status == ComplianceStatus::in_progress);
    CHECK(evaluate_year(k2024, post, 2024, D("2024-10-15"), earned(20, 40)).status == ComplianceStatus::met);
  }
  SUBCASE("met stays met after the year is over") {
    CHECK(evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(20, 40)).status == ComplianceStatus::met);
    CHECK(evaluate_year(k2024, post, 2024, D("2030-01-01"), earned(20, 40)).status == ComplianceStatus::met);
  }
  SUBCASE("met can be reached early in the year") {
    CHECK(evaluate_year(k2024, post, 2024, D("2024-01-02"), earned(20, 40)).status == ComplianceStatus::met);
  }
  SUBCASE("more than required is met with no shortfall") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2024-12-31"), earned(25, 80, 10));
    CHECK(s.status == ComplianceStatus::met);
    CHECK(s.legal.shortfall == Hours());
    CHECK(s.business.shortfall == Hours());
    CHECK(s.legal.earned == H(25));
    CHECK(s.business.earned == H(80));
  }
  SUBCASE("a prorated requirement is met by the prorated hours") {
    YearStatus s = evaluate_year(k2024, serving_since("2024-03-20"), 2024, D("2025-01-01"), earned(17, 33.5));
    CHECK(s.status == ComplianceStatus::met);
    YearStatus short_s = evaluate_year(k2024, serving_since("2024-03-20"), 2024, D("2025-01-01"), earned(17, 33));
    CHECK(short_s.status == ComplianceStatus::not_met);
    CHECK(short_s.business.shortfall == H(0.5));
  }
}

TEST_CASE("surplus in one category never covers a shortfall in the other") {
  PostPeriod post = serving_since("2016-01-01");
  SUBCASE("legal 60 and business 0") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(60, 0));
    CHECK(s.status == ComplianceStatus::not_met);
    CHECK(s.legal.shortfall == Hours());
    CHECK(s.business.shortfall == H(40));
  }
  SUBCASE("legal 0 and business 60") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(0, 60));
    CHECK(s.status == ComplianceStatus::not_met);
    CHECK(s.legal.shortfall == H(20));
    CHECK(s.business.shortfall == Hours());
  }
}

TEST_CASE("political hours are shown but never counted toward legal or business") {
  PostPeriod post = serving_since("2016-01-01");
  YearStatus s = evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(0, 0, 100));
  CHECK(s.status == ComplianceStatus::not_met);
  CHECK(s.political == H(100));
  CHECK(s.legal.earned == Hours());
  CHECK(s.business.earned == Hours());
  CHECK(s.legal.shortfall == H(20));
  CHECK(s.business.shortfall == H(40));

  YearStatus almost = evaluate_year(k2024, post, 2024, D("2024-12-31"), earned(19.5, 39.5, 100));
  CHECK(almost.status == ComplianceStatus::in_progress);
  CHECK(almost.legal.shortfall == H(0.5));
  CHECK(almost.business.shortfall == H(0.5));
}

TEST_CASE("years before 2023 are exempt for everyone") {
  PostPeriod post = serving_since("2016-01-01");
  for (int y : {2016, 2020, 2022}) {
    CAPTURE(y);
    YearStatus s = evaluate_year(default_policy(y), post, y, D("2025-01-01"), earned(0, 0, 2));
    CHECK(s.status == ComplianceStatus::exempt);
    CHECK(s.legal.required == Hours());
    CHECK(s.business.required == Hours());
    CHECK(s.legal.shortfall == Hours());
    CHECK(s.business.shortfall == Hours());
    CHECK_FALSE(s.legal.behind_pace);
    CHECK_FALSE(s.business.behind_pace);
    CHECK(s.political == H(2));
  }
  SUBCASE("2023 is the first year with a requirement") {
    YearStatus s = evaluate_year(default_policy(2023), post, 2023, D("2024-01-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::not_met);
    CHECK(s.legal.required == H(20));
    CHECK(s.business.required == H(40));
  }
}

TEST_CASE("an officer not on post on any day of the year is exempt with nothing required") {
  SUBCASE("joined after the year") {
    YearStatus s = evaluate_year(k2024, serving_since("2025-01-01"), 2024, D("2025-06-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::exempt);
    CHECK(s.legal.required == Hours());
    CHECK(s.business.required == Hours());
    CHECK(s.legal.shortfall == Hours());
    CHECK(s.business.shortfall == Hours());
  }
  SUBCASE("left before the year") {
    YearStatus s = evaluate_year(k2024, served("2016-01-01", "2023-12-31"), 2024, D("2024-06-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::exempt);
    CHECK(s.legal.required == Hours());
    CHECK(s.business.required == Hours());
  }
  SUBCASE("one day on post is enough to owe a requirement") {
    YearStatus s = evaluate_year(k2024, serving_since("2024-12-31"), 2024, D("2025-01-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::not_met);
    CHECK(s.legal.required == H(2));
    CHECK(s.business.required == H(3.5));
  }
}

TEST_CASE("behind_pace compares earned with required × days elapsed on post ÷ days on post") {
  PostPeriod post = serving_since("2016-01-01");
  Date july1 = D("2024-07-01");  // day 183 of 366
  SUBCASE("the worked example: legal pace on 2024-07-01 is 10, so 9.5 is behind and 10 is not") {
    CHECK(evaluate_year(k2024, post, 2024, july1, earned(9.5, 40)).legal.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, post, 2024, july1, earned(10, 0)).legal.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, post, 2024, july1, earned(10.5, 0)).legal.behind_pace);
  }
  SUBCASE("business pace on 2024-07-01 is 20") {
    CHECK(evaluate_year(k2024, post, 2024, july1, earned(20, 19.5)).business.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, post, 2024, july1, earned(0, 20)).business.behind_pace);
  }
  SUBCASE("each category has its own pace") {
    YearStatus s = evaluate_year(k2024, post, 2024, july1, earned(9.5, 20));
    CHECK(s.legal.behind_pace);
    CHECK_FALSE(s.business.behind_pace);
    YearStatus t = evaluate_year(k2024, post, 2024, july1, earned(10, 19.5));
    CHECK_FALSE(t.legal.behind_pace);
    CHECK(t.business.behind_pace);
  }
  SUBCASE("on 1 January nothing earned is already behind and half an hour keeps pace") {
    // pace on day 1 = 20 × 1 / 366 = 0.05: 0 earned is behind, 0.5 is not.
    CHECK(evaluate_year(k2024, post, 2024, D("2024-01-01"), earned(0, 0)).legal.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, post, 2024, D("2024-01-01"), earned(0.5, 0.5)).legal.behind_pace);
  }
  SUBCASE("on 31 December the pace is the full requirement") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2024-12-31"), earned(19.5, 40));
    CHECK(s.status == ComplianceStatus::in_progress);
    CHECK(s.legal.behind_pace);
  }
  SUBCASE("days are counted from the first day on post in the year") {
    // Joined 2024-03-20: 287 days on post (to 2024-12-31), legal required 17.
    // As of 2024-08-04: 138 days elapsed; pace = 17 × 138 / 287 = 8.17.
    PostPeriod joined = serving_since("2024-03-20");
    CHECK(evaluate_year(k2024, joined, 2024, D("2024-08-04"), earned(8, 40)).legal.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, joined, 2024, D("2024-08-04"), earned(8.5, 40)).legal.behind_pace);
  }
  SUBCASE("days on post end on the last day on post in the year") {
    // Left 2024-09-05: 249 days on post, legal required 15. As of 2024-05-04: 125 days elapsed;
    // pace = 15 × 125 / 249 = 7.53.
    PostPeriod left = served("2016-01-01", "2024-09-05");
    CHECK(evaluate_year(k2024, left, 2024, D("2024-05-04"), earned(7.5, 30)).legal.behind_pace);
    CHECK_FALSE(evaluate_year(k2024, left, 2024, D("2024-05-04"), earned(8, 30)).legal.behind_pace);
  }
}

TEST_CASE("expected: the hours an even pace reaches by as_of, up to the half hour") {
  PostPeriod post = serving_since("2016-01-01");
  // 2024-07-01, day 183 of 366: legal 20 × 183 / 366 = 10 exactly, business 20.
  YearStatus july = evaluate_year(k2024, post, 2024, D("2024-07-01"), earned(3, 0));
  CHECK(july.legal.expected == H(10));
  CHECK(july.business.expected == H(20));
  // Day 1: 20 / 366 = 0.05, up to 0.5; 40 / 366 = 0.11, up to 0.5.
  YearStatus jan1 = evaluate_year(k2024, post, 2024, D("2024-01-01"), earned(0, 0));
  CHECK(jan1.legal.expected == H(0.5));
  CHECK(jan1.business.expected == H(0.5));
  // Joined 2024-03-20 (287 days, legal 17): as of 2024-08-04, 17 × 138 / 287 = 8.17, up to 8.5.
  CHECK(evaluate_year(k2024, serving_since("2024-03-20"), 2024, D("2024-08-04"), earned(0, 0)).legal.expected == H(8.5));
  // Before the first day on post, nothing is expected yet; on 31 December, everything.
  CHECK(evaluate_year(k2024, serving_since("2024-03-20"), 2024, D("2024-03-19"), earned(0, 0)).legal.expected == H(0));
  CHECK(evaluate_year(k2024, post, 2024, D("2024-12-31"), earned(0, 0)).business.expected == H(40));
  // Not in progress: no pace, nothing expected.
  CHECK(evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(0, 0)).legal.expected == H(0));
  CHECK(evaluate_year(k2024, post, 2024, D("2024-07-01"), earned(20, 40)).legal.expected == H(0));
  // Rounding up loses nothing: on every day of the year, earned < expected exactly when the
  // unrounded pace says behind (earned × 366 < 20 × days elapsed, in half hours).
  for (Date day = D("2024-01-01"); day <= D("2024-12-31"); day += date::days(1)) {
    long elapsed = (day - D("2024-01-01")).count() + 1;
    for (double e : {0.0, 4.5, 9.5, 10.0, 19.5}) {
      YearStatus s = evaluate_year(k2024, post, 2024, day, earned(e, 0));
      bool behind = static_cast<long>(e * 2) * 366 < 40 * elapsed;
      CHECK(s.legal.behind_pace == behind);
      CHECK((s.legal.earned < s.legal.expected) == behind);
    }
  }
}

TEST_CASE("behind_pace is false before the officer's first day on post in the year") {
  PostPeriod joined = serving_since("2024-03-20");
  YearStatus s = evaluate_year(k2024, joined, 2024, D("2024-03-19"), earned(0, 0));
  CHECK(s.status == ComplianceStatus::in_progress);
  CHECK_FALSE(s.legal.behind_pace);
  CHECK_FALSE(s.business.behind_pace);
  YearStatus first_day = evaluate_year(k2024, joined, 2024, D("2024-03-20"), earned(0, 0));
  CHECK(first_day.legal.behind_pace);
  CHECK(first_day.business.behind_pace);
}

TEST_CASE("behind_pace is false once the year is over or the requirement is met") {
  PostPeriod post = serving_since("2016-01-01");
  SUBCASE("a not_met year is not behind pace: it is over") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2025-01-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::not_met);
    CHECK_FALSE(s.legal.behind_pace);
    CHECK_FALSE(s.business.behind_pace);
  }
  SUBCASE("a met year is not behind pace") {
    YearStatus s = evaluate_year(k2024, post, 2024, D("2024-07-01"), earned(20, 40));
    CHECK(s.status == ComplianceStatus::met);
    CHECK_FALSE(s.legal.behind_pace);
    CHECK_FALSE(s.business.behind_pace);
  }
  SUBCASE("an exempt year is not behind pace") {
    YearStatus s = evaluate_year(default_policy(2022), post, 2022, D("2022-07-01"), earned(0, 0));
    CHECK(s.status == ComplianceStatus::exempt);
    CHECK_FALSE(s.legal.behind_pace);
    CHECK_FALSE(s.business.behind_pace);
  }
}

TEST_CASE("a part-year officer whose post ended before the date is behind pace when short") {
  PostPeriod left = served("2016-01-01", "2024-09-05");  // owes 15 / 30
  SUBCASE("short in both categories") {
    YearStatus s = evaluate_year(k2024, left, 2024, D("2024-11-01"), earned(14.5, 29.5));
    CHECK(s.status == ComplianceStatus::in_progress);
    CHECK(s.legal.behind_pace);
    CHECK(s.business.behind_pace);
  }
  SUBCASE("short in business only") {
    YearStatus s = evaluate_year(k2024, left, 2024, D("2024-11-01"), earned(15, 29.5));
    CHECK(s.status == ComplianceStatus::in_progress);
    CHECK_FALSE(s.legal.behind_pace);
    CHECK(s.business.behind_pace);
  }
}

TEST_CASE("every recorded hour counts whatever the date of the status") {
  // The date decides only in_progress vs not_met and pace, never which hours count.
  PostPeriod post = serving_since("2016-01-01");
  CategoryHours e = earned(20, 40);
  CHECK(evaluate_year(k2024, post, 2024, D("2024-01-01"), e).legal.earned == H(20));
  CHECK(evaluate_year(k2024, post, 2024, D("2024-01-01"), e).status == ComplianceStatus::met);
}

TEST_CASE("a policy may be changed for the current year and later ones; earlier years are frozen") {
  CHECK(check_policy_change(2024, 2024).is_ok());
  CHECK(check_policy_change(2026, 2024).is_ok());
  Status frozen = check_policy_change(2023, 2024);
  CHECK(frozen.code() == Status::Code::conflict);
  CHECK(frozen.field() == "year");
  CHECK(frozen.message().find("2023") != std::string::npos);
}

TEST_CASE("a compliance tally counts by status; its rate leaves exempt officers out, null over nobody") {
  ComplianceTally t;
  CHECK_FALSE(t.rate().has_value());
  t.add(ComplianceStatus::exempt);
  CHECK_FALSE(t.rate().has_value());  // nobody assessed
  for (auto s : {ComplianceStatus::met, ComplianceStatus::met, ComplianceStatus::met, ComplianceStatus::not_met,
                 ComplianceStatus::in_progress, ComplianceStatus::met, ComplianceStatus::met, ComplianceStatus::met,
                 ComplianceStatus::met})
    t.add(s);
  CHECK(t.officers == 10);
  CHECK(t.of(ComplianceStatus::met) == 7);
  CHECK(t.assessed() == 9);
  CHECK(*t.rate() == doctest::Approx(7.0 / 9.0));
}

TEST_CASE("parse_statuses: keys joined by commas, every status when empty, the first unknown key named") {
  using S = ComplianceStatus;
  const S all[] = {S::met, S::in_progress, S::not_met, S::exempt};
  auto allowed = [&](const StatusFilter& f) {
    std::string out;
    for (S s : all) out += f.allows(s) ? "1" : "0";
    return out;
  };
  struct Case {
    const char* text;
    const char* allows;  // met, in_progress, not_met, exempt
  };
  for (Case c : {Case{"", "1111"}, Case{"met", "1000"}, Case{"in_progress,not_met", "0110"},
                 Case{"exempt,met,exempt", "1001"}, Case{"not_met,", "0010"},
                 Case{"met,in_progress,not_met,exempt", "1111"}}) {
    CAPTURE(c.text);
    StatusFilter f;
    CHECK_FALSE(parse_statuses(c.text, f).has_value());
    CHECK(allowed(f) == c.allows);
  }
  struct Bad {
    const char* text;
    const char* key;
  };
  for (Bad b : {Bad{"bogus", "bogus"}, Bad{"met,bogus", "bogus"}, Bad{",met", ""}, Bad{"met,,exempt", ""},
                Bad{"MET", "MET"}, Bad{"met ", "met "}, Bad{"已达标", "已达标"}}) {
    CAPTURE(b.text);
    StatusFilter f;
    auto bad = parse_statuses(b.text, f);
    REQUIRE(bad.has_value());
    CHECK(*bad == b.key);
  }
}
