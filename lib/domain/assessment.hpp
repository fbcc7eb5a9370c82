// Annual assessment (年度考核) grades.
#pragma once
#include <optional>
#include <string_view>

#include "domain/status.hpp"

namespace certhours {

enum class Grade { excellent, competent, basically_competent, incompetent };
const char* grade_key(Grade g);   // "excellent", …
const char* grade_name(Grade g);  // 优秀, 称职, 基本称职, 不称职
std::optional<Grade> parse_grade(std::string_view s);

// A grade is recorded for a year that has begun (up to the current one), from 1950 on.
Status check_assessment_year(int year, int current_year);

}  // namespace certhours
