#include "domain/assessment.hpp"

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

}  // namespace certhours
