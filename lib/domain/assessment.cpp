#include "domain/assessment.hpp"

#include "domain/messages.hpp"

#include <string>

namespace certhours {

const char* grade_key(Grade g) {
  switch (g) {
    case Grade::excellent: return "excellent";
    case Grade::competent: return "competent";
    case Grade::basically_competent: return "basically_competent";
    case Grade::incompetent: return "incompetent";
  }
  return "";
}

const char* grade_name(Grade g) {
  switch (g) {
    case Grade::excellent: return "优秀";
    case Grade::competent: return "称职";
    case Grade::basically_competent: return "基本称职";
    case Grade::incompetent: return "不称职";
  }
  return "";
}

std::optional<Grade> parse_grade(std::string_view s) {
  for (Grade g : {Grade::excellent, Grade::competent, Grade::basically_competent, Grade::incompetent})
    if (s == grade_key(g)) return g;
  return std::nullopt;
}

Status check_assessment_year(int year, int current_year) {
  if (year < 1950 || year > current_year)
    return Status::invalid("year", rules::assessment_year_range, {{"min", "1950"}, {"max", std::to_string(current_year)}});
  return Status::ok();
}

}  // namespace certhours
