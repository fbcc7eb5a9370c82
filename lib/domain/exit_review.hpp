// The exit mechanism (docs/domain.md "Enforcement certificates", 退出机制): a holder of a certificate
// valid today is recommended for review when, in the reviewed year, they did not meet the
// training requirement or were graded incompetent (不称职).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/enum_names.hpp"
#include "domain/requirement.hpp"

namespace certhours {

enum class ExitReason { not_met, incompetent };
inline constexpr auto kExitReasons =
    names_of<ExitReason>({{ExitReason::not_met, "not_met"}, {ExitReason::incompetent, "incompetent"}});
inline const char* exit_reason_key(ExitReason r) { return kExitReasons.key(r); }

// Why an officer is listed for `year`, in that order; empty: not listed. Only holders of a
// certificate valid today are reviewed. `status` is the year's status as of today (an open
// shortfall of the current year is in_progress, not a reason); `grade` the year's grade.
std::vector<ExitReason> exit_reasons(bool holds_valid_certificate, const YearStatus& status,
                                     std::optional<Grade> grade);

// The reason to tell a person: the year and, for not_met, the hours earned and required.
Message exit_reason_message(ExitReason r, int year, const YearStatus& status);

}  // namespace certhours

namespace certhours {

// What was decided about a listed holder: the review's 已处理 mark (docs/domain.md "The exit
// mechanism"). Only a record of the decision: the certificate action itself is taken apart
// (POST /certificates/{id}/actions), with its own effective date and reason.
enum class ExitDecision { no_action, suspend, withdraw, cancel };
inline constexpr auto kExitDecisions = names_of<ExitDecision>({{ExitDecision::no_action, "no_action", "不予处理"},
                                                               {ExitDecision::suspend, "suspend", "暂扣"},
                                                               {ExitDecision::withdraw, "withdraw", "收回"},
                                                               {ExitDecision::cancel, "cancel", "注销"}});
// The note of a mark, in characters (code points).
inline constexpr std::size_t kExitNoteMaxChars = 500;

}  // namespace certhours
