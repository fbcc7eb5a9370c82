// Qualification exams: scores, passing, and how long a pass counts.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/exam.hpp"
#include "domain/messages.hpp"

using namespace certhours;

namespace {
Date D(const char* s) {
  auto d = parse_date(s);
  REQUIRE_MESSAGE(d.has_value(), s);
  return *d;
}

Score S(double v) {
  auto s = Score::from_number(v);
  REQUIRE_MESSAGE(s.has_value(), v);
  return *s;
}

ExamResult exam(const char* held_on, double score, double pass = 60, std::string name = "") {
  return ExamResult{std::move(name), D(held_on), S(score), S(pass)};
}

}  // namespace

// --- exams ---

TEST_CASE("a score is 0 to 100 in steps of 0.5, held exactly") {
  for (double ok : {0.0, 0.5, 59.5, 60.0, 72.5, 99.5, 100.0}) {
    CAPTURE(ok);
    auto s = Score::from_number(ok);
    REQUIRE(s.has_value());
    CHECK(s->as_double() == ok);
  }
  for (double bad : {100.5, 101.0, -1.0, -0.5, 60.3, 60.25, 1e9, std::nan(""), HUGE_VAL, -HUGE_VAL}) {
    CAPTURE(bad);
    CHECK_FALSE(Score::from_number(bad).has_value());
  }
  CHECK(S(72.5).halves() == 145);
  CHECK(Score::whole(60) == S(60));
  CHECK(kDefaultPassScore == S(60));
  CHECK(S(72).to_string() == "72");
  CHECK(S(72.5).to_string() == "72.5");
  CHECK(S(0).to_string() == "0");
  CHECK(S(59.5) < S(60));
}

TEST_CASE("a score from a CSV cell: digits, a .5 or .0 fraction, at most 100") {
  CHECK(Score::parse("72") == S(72));
  CHECK(Score::parse("72.5") == S(72.5));
  CHECK(Score::parse("72.50") == S(72.5));
  CHECK(Score::parse("100") == S(100));
  CHECK(Score::parse("100.0") == S(100));
  CHECK(Score::parse("0") == S(0));
  for (const char* bad : {"100.5", "101", "-1", "60.3", "", " 72", "72 ", "72.", ".5", "abc", "1e2", "七十二", "+72"}) {
    CAPTURE(bad);
    CHECK_FALSE(Score::parse(bad).has_value());
  }
}

TEST_CASE("a refused score names its field and quotes the input, in both languages") {
  auto r = score_from_number(60.3, "score");
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Status::Code::invalid);
  CHECK(r.status().rule() == "score_invalid");
  CHECK(r.status().field() == "score");
  CHECK(r.status().what().param("value") == "60.3");
  CHECK(r.status().message(Lang::zh) ==
        "成绩“60.3”不正确：须为 0 至 100 之间的分数，且为 0.5 的整数倍（如 72 或 72.5）");
  CHECK(r.status().message(Lang::en) == "score '60.3' must be between 0 and 100 in steps of 0.5 (e.g. 72 or 72.5)");
  CHECK(score_from_number(100.5, "pass_score").status().message(Lang::zh).starts_with("及格分数“100.5”不正确"));
  CHECK(score_from_number(-1, "score").status().what().param("value") == "-1");
  CHECK(score_from_text("abc", "score").status().what().param("value") == "abc");
  CHECK(score_from_text("72.5", "score").value() == S(72.5));
  CHECK(score_from_number(72, "score").value() == S(72));
}

TEST_CASE("passed: a score at the pass mark passes, half a point below does not") {
  CHECK(passed(S(60), S(60)));
  CHECK_FALSE(passed(S(59.5), S(60)));
  CHECK(passed(S(60.5), S(60)));
  CHECK(passed(S(0), S(0)));  // a pass mark of 0: everyone passes
  CHECK(passed(S(100), S(100)));
  CHECK_FALSE(passed(S(99.5), S(100)));
  CHECK(exam("2024-01-01", 60).passed());
  CHECK_FALSE(exam("2024-01-01", 59.5).passed());
  CHECK(exam("2024-01-01", 75, 75).passed());
}

TEST_CASE("a pass counts through the day before the exam's second anniversary") {
  CHECK(counts_until(D("2024-06-15")) == D("2026-06-14"));
  CHECK(counts_until(D("2023-04-01")) == D("2025-03-31"));  // the worked example
  CHECK(counts_until(D("2023-01-01")) == D("2024-12-31"));
  CHECK(counts_until(D("2023-12-31")) == D("2025-12-30"));
  CHECK(counts_until(D("2023-03-01")) == D("2025-02-28"));
  CHECK(counts_until(D("2022-03-01")) == D("2024-02-29"));  // through a leap day
  // 29 February's anniversary is 1 March: counts through 28 February.
  CHECK(counts_until(D("2024-02-29")) == D("2026-02-28"));
  CHECK(counts_until(D("2020-02-29")) == D("2022-02-28"));
  // The day before the anniversary, whether or not the year of the anniversary is a leap year.
  CHECK(counts_until(D("2022-02-28")) == D("2024-02-27"));
}

TEST_CASE("counts_on: from the exam day through counts_until; never before the exam") {
  Date held = D("2024-06-15");
  CHECK_FALSE(counts_on(held, D("2024-06-14")));  // held after D: never counts on D
  CHECK(counts_on(held, D("2024-06-15")));
  CHECK(counts_on(held, D("2025-06-15")));
  CHECK(counts_on(held, D("2026-06-14")));
  CHECK_FALSE(counts_on(held, D("2026-06-15")));
  Date leap = D("2024-02-29");
  CHECK(counts_on(leap, D("2026-02-28")));
  CHECK_FALSE(counts_on(leap, D("2026-03-01")));
}

TEST_CASE("an exam held after today is refused; today and earlier are recorded") {
  CHECK(check_exam_date(D("2025-03-10"), D("2025-03-10")).is_ok());
  CHECK(check_exam_date(D("2020-01-01"), D("2025-03-10")).is_ok());
  Status s = check_exam_date(D("2025-03-11"), D("2025-03-10"));
  CHECK(s.code() == Status::Code::invalid);
  CHECK(s.rule() == "exam_in_future");
  CHECK(s.field() == "held_on");
  CHECK(s.params() == Params{{"held_on", "2025-03-11"}, {"today", "2025-03-10"}});
  CHECK(s.message(Lang::zh) == "考试日期（2025-03-11）不能晚于今天（2025-03-10）：考试举行后才能登记");
  CHECK(s.message(Lang::en) ==
        "held_on 2025-03-11 is after today (2025-03-10): an exam is recorded once it has been held");
}
