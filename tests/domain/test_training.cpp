// Training sessions and attendance credits (docs/domain.md "Training hours").
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include "domain/messages.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"

using namespace certhours;
using certhours::testdata::D;
using certhours::testdata::H;

namespace {
CategoryHours hours(double legal, double business, double political) { return {H(legal), H(business), H(political)}; }
TrainingSpec session(const char* start, const char* end, CategoryHours h) {
  return TrainingSpec{"法治讲座", D(start), D(end), h};
}
}  // namespace

TEST_CASE("a session with dates in order and hours within the daily limit is accepted") {
  CHECK(check_training(session("2024-03-04", "2024-03-05", hours(6, 6, 3))).is_ok());
  CHECK(check_training(session("2024-09-10", "2024-09-13", hours(0, 30, 0))).is_ok());
  CHECK(check_training(session("2024-05-01", "2024-05-01", hours(0, 0, 0.5))).is_ok());
}

TEST_CASE("a session ending before it starts is refused, naming end_date") {
  Status s = check_training(session("2024-03-05", "2024-03-04", hours(6, 0, 0)));
  CHECK_FALSE(s.is_ok());
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "end_date");
}

TEST_CASE("a session with no hours in any category is refused") {
  Status s = check_training(session("2024-03-04", "2024-03-05", hours(0, 0, 0)));
  CHECK_FALSE(s.is_ok());
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.field() == "hours");
}

TEST_CASE("a session may carry at most 10 hours per calendar day it spans") {
  SUBCASE("one day: 10 hours is accepted, 10.5 refused") {
    CHECK(check_training(session("2024-03-04", "2024-03-04", hours(10, 0, 0))).is_ok());
    Status s = check_training(session("2024-03-04", "2024-03-04", hours(10.5, 0, 0)));
    CHECK_FALSE(s.is_ok());
    CHECK(s.code() == Status::Code::invalid);
    CHECK(s.field() == "hours");
  }
  SUBCASE("the limit applies to the total of all three categories") {
    CHECK(check_training(session("2024-03-04", "2024-03-04", hours(4, 4, 2))).is_ok());
    CHECK_FALSE(check_training(session("2024-03-04", "2024-03-04", hours(4, 4, 2.5))).is_ok());
    CHECK_FALSE(check_training(session("2024-03-04", "2024-03-04", hours(0, 0, 10.5))).is_ok());
  }
  SUBCASE("three days: 30 hours is accepted, 30.5 refused") {
    CHECK(check_training(session("2024-09-10", "2024-09-12", hours(0, 30, 0))).is_ok());
    CHECK(check_training(session("2024-09-10", "2024-09-12", hours(10, 10, 10))).is_ok());
    Status s = check_training(session("2024-09-10", "2024-09-12", hours(0, 30.5, 0)));
    CHECK_FALSE(s.is_ok());
    CHECK(s.field() == "hours");
  }
  SUBCASE("the days spanned are counted across a month and a year end") {
    // 2024-02-28..2024-03-01 spans 3 days (a leap year): 30 ok, 30.5 refused.
    CHECK(check_training(session("2024-02-28", "2024-03-01", hours(30, 0, 0))).is_ok());
    CHECK_FALSE(check_training(session("2024-02-28", "2024-03-01", hours(30.5, 0, 0))).is_ok());
    // 2023-12-28..2024-01-03 spans 7 days: 70 ok, 70.5 refused.
    CHECK(check_training(session("2023-12-28", "2024-01-03", hours(20, 40, 10))).is_ok());
    CHECK_FALSE(check_training(session("2023-12-28", "2024-01-03", hours(20, 40, 10.5))).is_ok());
  }
}

TEST_CASE("a session counts in the calendar year of its end date") {
  SUBCASE("the worked example: a course 2023-12-28..2024-01-03 counts in 2024") {
    CHECK(counted_year(session("2023-12-28", "2024-01-03", hours(6, 6, 0))) == 2024);
  }
  SUBCASE("a session ending on 31 December counts in that year") {
    CHECK(counted_year(session("2024-12-30", "2024-12-31", hours(6, 0, 0))) == 2024);
  }
  SUBCASE("a session on 1 January counts in the new year") {
    CHECK(counted_year(session("2025-01-01", "2025-01-01", hours(6, 0, 0))) == 2025);
  }
  SUBCASE("the cross-year course's hours all count toward 2024 and none toward 2023") {
    TrainingSpec t = session("2023-12-28", "2024-01-03", hours(20, 40, 0));
    REQUIRE(check_training(t).is_ok());
    REQUIRE(counted_year(t) == 2024);
    CategoryHours y2023, y2024;
    (counted_year(t) == 2023 ? y2023 : y2024) += t.hours;
    PostPeriod post{D("2016-01-01"), std::nullopt};
    YearStatus s2024 = evaluate_year(default_policy(2024), post, 2024, D("2025-01-01"), y2024);
    YearStatus s2023 = evaluate_year(default_policy(2023), post, 2023, D("2024-01-01"), y2023);
    CHECK(s2024.status == ComplianceStatus::met);
    CHECK(s2023.status == ComplianceStatus::not_met);
    CHECK(s2023.legal.earned == Hours());
  }
}

TEST_CASE("an attendance credits the session's hours by default") {
  CategoryHours offered = hours(6, 6, 3);
  auto r = credit_for(offered, PartialCredit{});
  REQUIRE(r.is_ok());
  CHECK(*r == offered);
}

TEST_CASE("a partial credit may give fewer hours, never more than the session offers") {
  CategoryHours offered = hours(6, 6, 3);
  SUBCASE("fewer hours in every category") {
    auto r = credit_for(offered, PartialCredit{H(3), H(2.5), H(0)});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(3, 2.5, 0));
  }
  SUBCASE("exactly the session's hours") {
    auto r = credit_for(offered, PartialCredit{H(6), H(6), H(3)});
    REQUIRE(r.is_ok());
    CHECK(*r == offered);
  }
  SUBCASE("zero hours in every category") {
    auto r = credit_for(offered, PartialCredit{H(0), H(0), H(0)});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(0, 0, 0));
  }
  SUBCASE("more legal hours than offered is refused naming hours.legal") {
    auto r = credit_for(offered, PartialCredit{H(6.5), std::nullopt, std::nullopt});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "hours.legal");
  }
  SUBCASE("more business hours than offered is refused naming hours.business") {
    auto r = credit_for(offered, PartialCredit{H(1), H(6.5), H(1)});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "hours.business");
  }
  SUBCASE("more political hours than offered is refused naming hours.political") {
    auto r = credit_for(offered, PartialCredit{std::nullopt, std::nullopt, H(3.5)});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().field() == "hours.political");
  }
  SUBCASE("any hour in a category the session does not offer is refused") {
    auto r = credit_for(hours(0, 30, 0), PartialCredit{H(0.5), std::nullopt, std::nullopt});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().field() == "hours.legal");
  }
  SUBCASE("hours moved from one category to another are refused, even with the same total") {
    auto r = credit_for(offered, PartialCredit{H(9), H(3), H(3)});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().field() == "hours.legal");
  }
}

TEST_CASE("a category left out of a partial credit gets the session's hours") {
  CategoryHours offered = hours(6, 6, 3);
  SUBCASE("only legal given") {
    auto r = credit_for(offered, PartialCredit{H(2), std::nullopt, std::nullopt});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(2, 6, 3));
  }
  SUBCASE("only business given") {
    auto r = credit_for(offered, PartialCredit{std::nullopt, H(4.5), std::nullopt});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(6, 4.5, 3));
  }
  SUBCASE("only political given") {
    auto r = credit_for(offered, PartialCredit{std::nullopt, std::nullopt, H(1)});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(6, 6, 1));
  }
  SUBCASE("legal and political given, business left out") {
    auto r = credit_for(offered, PartialCredit{H(0), std::nullopt, H(0)});
    REQUIRE(r.is_ok());
    CHECK(*r == hours(0, 6, 0));
  }
}

TEST_CASE("the worked example's two sessions credited in full give legal 6, business 36, political 3") {
  TrainingSpec lecture = session("2024-03-04", "2024-03-05", hours(6, 6, 3));
  TrainingSpec skills = session("2024-09-10", "2024-09-13", hours(0, 30, 0));
  REQUIRE(check_training(lecture).is_ok());
  REQUIRE(check_training(skills).is_ok());
  CHECK(counted_year(lecture) == 2024);
  CHECK(counted_year(skills) == 2024);
  CategoryHours total;
  for (const TrainingSpec* t : {&lecture, &skills}) {
    auto c = credit_for(t->hours, PartialCredit{});
    REQUIRE(c.is_ok());
    total += *c;
  }
  CHECK(total == hours(6, 36, 3));
}

TEST_CASE("training modes parse and print") {
  CHECK(parse_mode("in_person") == TrainingMode::in_person);
  CHECK(parse_mode("online") == TrainingMode::online);
  CHECK_FALSE(parse_mode("Online").has_value());
  CHECK_FALSE(parse_mode("in-person").has_value());
  CHECK_FALSE(parse_mode("").has_value());
  CHECK(std::string(mode_key(TrainingMode::in_person)) == "in_person");
  CHECK(std::string(mode_key(TrainingMode::online)) == "online");
}

TEST_CASE("Status and Result carry a failure's code, field and message") {
  SUBCASE("ok") {
    Status s = Status::ok();
    CHECK(s.is_ok());
    CHECK(static_cast<bool>(s));
    CHECK(s.code() == Status::Code::ok);
  }
  SUBCASE("invalid names its field, its rule and the values it is about, in both languages") {
    Status s = Status::invalid("end_date", rules::training_dates_reversed, {{"end", "2024-03-01"}, {"start", "2024-03-02"}});
    CHECK_FALSE(s.is_ok());
    CHECK(s.code() == Status::Code::invalid);
    CHECK(s.field() == "end_date");
    CHECK(s.rule() == "training_dates_reversed");
    CHECK(s.message() == "end_date 2024-03-01 is before start_date 2024-03-02");
    CHECK(s.message(Lang::zh) == "结束日期（2024-03-01）不能早于开始日期（2024-03-02）");
  }
  SUBCASE("a Result holds either a value or a failure") {
    Result<int> good(7);
    REQUIRE(good.is_ok());
    CHECK(*good == 7);
    CHECK(good.status().is_ok());  // readable either way (a test's message reads it on success)
    Result<int> bad(Status::conflict(rules::unit_code_taken, {{"code", "QZ"}}));
    CHECK_FALSE(bad.is_ok());
    CHECK(bad.status().code() == Status::Code::conflict);
  }
}
