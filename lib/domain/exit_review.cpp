#include "domain/exit_review.hpp"

namespace certhours {

const char* exit_reason_key(ExitReason r) { return r == ExitReason::not_met ? "not_met" : "incompetent"; }

std::vector<ExitReason> exit_reasons(bool holds_valid_certificate, const YearStatus& status,
                                     std::optional<Grade> grade) {
  std::vector<ExitReason> out;
  if (!holds_valid_certificate) return out;
  if (status.status == ComplianceStatus::not_met) out.push_back(ExitReason::not_met);
  if (grade == Grade::incompetent) out.push_back(ExitReason::incompetent);
  return out;
}

std::string exit_reason_text(ExitReason r, int year, const YearStatus& s) {
  if (r == ExitReason::incompetent)
    return "graded incompetent (不称职) in the " + std::to_string(year) + " assessment";
  return "did not meet the " + std::to_string(year) + " training requirement: legal " + s.legal.earned.to_string() +
         "/" + s.legal.required.to_string() + ", business " + s.business.earned.to_string() + "/" +
         s.business.required.to_string() + " hours";
}

}  // namespace certhours
