#include <doctest/doctest.h>

#include "domain/assessment.hpp"

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
