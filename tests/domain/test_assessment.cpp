#include <doctest/doctest.h>

#include "domain/assessment.hpp"
#include "domain/exit_review.hpp"

using namespace certhours;

TEST_CASE("assessment grades parse from their exact keys only") {
  CHECK(parse_grade("excellent") == Grade::excellent);
  CHECK(parse_grade("basically_competent") == Grade::basically_competent);
  CHECK(parse_grade("incompetent") == Grade::incompetent);
  CHECK_FALSE(parse_grade("Incompetent").has_value());
  CHECK_FALSE(parse_grade("").has_value());
  CHECK(std::string(grade_name(Grade::incompetent)) == "不称职");
}

TEST_CASE("an assessment year must have begun: 1950 up to the current year") {
  CHECK(check_assessment_year(2024, 2026).is_ok());
  CHECK(check_assessment_year(2026, 2026).is_ok());
  CHECK(check_assessment_year(2027, 2026).field() == "year");
  CHECK(check_assessment_year(1949, 2026).code() == Status::Code::invalid);
}

TEST_CASE("exit review: a valid-certificate holder is listed for not_met, for incompetent, or both") {
  YearStatus not_met{ComplianceStatus::not_met, {Hours::whole(6), Hours::whole(20), Hours::whole(14)},
                     {Hours::whole(36), Hours::whole(40), Hours::whole(4)}, Hours()};
  YearStatus met{ComplianceStatus::met, {}, {}, Hours()};
  YearStatus open{ComplianceStatus::in_progress, {}, {}, Hours()};
  using R = std::vector<ExitReason>;
  CHECK(exit_reasons(true, not_met, std::nullopt) == R{ExitReason::not_met});
  CHECK(exit_reasons(true, met, Grade::incompetent) == R{ExitReason::incompetent});
  CHECK(exit_reasons(true, not_met, Grade::incompetent) == R{ExitReason::not_met, ExitReason::incompetent});
  // Not listed: met and competent; a shortfall of a year still open; no valid certificate.
  CHECK(exit_reasons(true, met, Grade::basically_competent).empty());
  CHECK(exit_reasons(true, open, std::nullopt).empty());
  CHECK(exit_reasons(false, not_met, Grade::incompetent).empty());
  CHECK(exit_reasons(true, YearStatus{}, Grade::incompetent) == R{ExitReason::incompetent});  // exempt, graded
  // The sentences name the year and the figures.
  CHECK(exit_reason_message(ExitReason::not_met, 2024, not_met).text(Lang::en) ==
        "did not meet the 2024 training requirement: legal 6/20, business 36/40 hours");
  CHECK(exit_reason_message(ExitReason::not_met, 2024, not_met).text(Lang::zh) ==
        "2024 年度学时未达标：公共法律知识 6/20 学时，业务知识和行政执法技能 36/40 学时");
  CHECK(exit_reason_message(ExitReason::incompetent, 2024, met).text(Lang::zh) == "2024 年度考核为不称职");
  CHECK(std::string(exit_reason_key(ExitReason::incompetent)) == "incompetent");
}
