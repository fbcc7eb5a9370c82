#include "domain/assessment.hpp"

#include "domain/messages.hpp"

#include <string>

namespace certhours {

Status check_assessment_year(int year, int current_year) {
  if (year < 1950 || year > current_year)
    return Status::invalid("year", rules::assessment_year_range, {{"min", "1950"}, {"max", std::to_string(current_year)}});
  return Status::ok();
}

}  // namespace certhours
