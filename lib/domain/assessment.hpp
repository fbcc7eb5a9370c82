// Annual assessment (年度考核) grades.
#pragma once
#include <optional>
#include <string_view>

#include "domain/enum_names.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class Grade { excellent, competent, basically_competent, incompetent };
inline constexpr auto kGrades = names_of<Grade>({{Grade::excellent, "excellent", "优秀"},
                                                 {Grade::competent, "competent", "称职"},
                                                 {Grade::basically_competent, "basically_competent", "基本称职"},
                                                 {Grade::incompetent, "incompetent", "不称职"}});
inline const char* grade_key(Grade g) { return kGrades.key(g); }
inline const char* grade_name(Grade g) { return kGrades.label(g); }
inline std::optional<Grade> parse_grade(std::string_view s) { return kGrades.parse(s); }

// A grade is recorded for a year that has begun (up to the current one), from 1950 on.
Status check_assessment_year(int year, int current_year);

}  // namespace certhours
