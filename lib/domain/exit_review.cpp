#include "domain/exit_review.hpp"

#include "domain/messages.hpp"

namespace certhours {

std::vector<ExitReason> exit_reasons(bool holds_valid_certificate, const YearStatus& status,
                                     std::optional<Grade> grade) {
  std::vector<ExitReason> out;
  if (!holds_valid_certificate) return out;
  if (status.status == ComplianceStatus::not_met) out.push_back(ExitReason::not_met);
  if (grade == Grade::incompetent) out.push_back(ExitReason::incompetent);
  return out;
}

Message exit_reason_message(ExitReason r, int year, const YearStatus& s) {
  if (r == ExitReason::incompetent) return {rules::exit_incompetent.name, {}, {{"year", std::to_string(year)}}};
  return {rules::exit_not_met.name,
          {},
          {{"year", std::to_string(year)},
           {"legal", s.legal.earned.to_string()},
           {"legal_required", s.legal.required.to_string()},
           {"business", s.business.earned.to_string()},
           {"business_required", s.business.required.to_string()}}};
}

}  // namespace certhours
