// Certificate applications (申领) and the qualification review (资格审查): a unit applies for its
// officer, the Justice Bureau reviews and decides, and approval issues the certificate.
// The review is a pure function of plain inputs: the caller reads the officer, their exam
// results, last year's compliance status and grade, and their certificates, as of the date D.
#pragma once
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/calendar.hpp"
#include "domain/certificate.hpp"
#include "domain/enum_names.hpp"
#include "domain/exam.hpp"
#include "domain/id.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/status.hpp"

namespace certhours {

enum class ApplicationKind { first, renewal };
inline constexpr auto kApplicationKinds = names_of<ApplicationKind>(
    {{ApplicationKind::first, "first", "首次申领"}, {ApplicationKind::renewal, "renewal", "换证"}});
inline const char* application_kind_key(ApplicationKind k) { return kApplicationKinds.key(k); }
inline std::optional<ApplicationKind> parse_application_kind(std::string_view s) { return kApplicationKinds.parse(s); }

enum class ApplicationState { submitted, approved, rejected, withdrawn };
inline constexpr ApplicationState kApplicationStates[] = {ApplicationState::submitted, ApplicationState::approved,
                                                          ApplicationState::rejected, ApplicationState::withdrawn};
inline constexpr auto kApplicationStateNames =
    names_of<ApplicationState>({{ApplicationState::submitted, "submitted", "待审核"},
                                {ApplicationState::approved, "approved", "已批准"},
                                {ApplicationState::rejected, "rejected", "已驳回"},
                                {ApplicationState::withdrawn, "withdrawn", "已撤回"}});
inline const char* application_state_key(ApplicationState s) { return kApplicationStateNames.key(s); }
inline std::optional<ApplicationState> parse_application_state(std::string_view s) {
  return kApplicationStateNames.parse(s);
}

enum class ApplicationAction { submit, approve, reject, withdraw };
inline constexpr auto kApplicationActions =
    names_of<ApplicationAction>({{ApplicationAction::submit, "submit", "提交"},
                                 {ApplicationAction::approve, "approve", "批准"},
                                 {ApplicationAction::reject, "reject", "驳回"},
                                 {ApplicationAction::withdraw, "withdraw", "撤回"}});
inline const char* application_action_key(ApplicationAction a) { return kApplicationActions.key(a); }
// The two a decision chooses between (POST /applications/{id}/decision's `decision`).
inline constexpr auto kApplicationDecisions = names_of<ApplicationAction>(
    {{ApplicationAction::approve, "approve", "批准"}, {ApplicationAction::reject, "reject", "驳回"}});

// The state `a` leads to from `from`, or nullopt when the table does not allow it: approve,
// reject and withdraw only from submitted; decided and withdrawn applications are final. Submit
// is never taken on an existing application (a new one is submitted instead).
std::optional<ApplicationState> application_next(ApplicationState from, ApplicationAction a);
// The state a new application starts in.
inline constexpr ApplicationState kSubmitted = ApplicationState::submitted;

// Checks a decision or a withdrawal of application `id`, now in state `from`: a reject needs a
// reason (invalid, field "reason": the body is validated before the state), then the transition
// must be allowed (conflict application_transition naming both states, as certificate_transition
// does). Submit is invalid here (value_not_allowed, field "action").
Status check_application_action(Id id, ApplicationState from, ApplicationAction a, const std::string& reason);

// The five checks of the review, in this order.
enum class CheckCode { on_post, exam_passed, training_met, assessment_ok, certificate_slot };
inline constexpr CheckCode kCheckCodes[] = {CheckCode::on_post, CheckCode::exam_passed, CheckCode::training_met,
                                            CheckCode::assessment_ok, CheckCode::certificate_slot};
inline constexpr auto kCheckCodeNames =
    names_of<CheckCode>({{CheckCode::on_post, "on_post", "在岗"},
                         {CheckCode::exam_passed, "exam_passed", "资格考试合格"},
                         {CheckCode::training_met, "training_met", "上年度学时达标"},
                         {CheckCode::assessment_ok, "assessment_ok", "上年度考核"},
                         {CheckCode::certificate_slot, "certificate_slot", "持证情况"}});
inline const char* check_code_key(CheckCode c) { return kCheckCodeNames.key(c); }

struct Check {
  CheckCode code = CheckCode::on_post;
  bool ok = false;
  std::string detail;  // Chinese, for the bureau and the unit: why it is or is not ok
  bool operator==(const Check&) const = default;
};

struct Review {
  Date on;                    // D
  std::vector<Check> checks;  // one per code, in the order of kCheckCodes
  bool qualified() const;
  std::vector<CheckCode> failed() const;
  const Check& check(CheckCode c) const;  // REQUIRES: a full review
};

// What the review reads, as of D. The caller computes the status and the grade for the year
// before D's year (year_of(D) - 1): the status from every recorded training as of D.
struct QualificationInput {
  Officer officer;
  std::vector<ExamResult> exams;  // every result of the officer, passed or not, in any order
  ComplianceStatus prior_year_status = ComplianceStatus::exempt;
  std::optional<Grade> prior_year_grade;  // none recorded: nullopt
  std::vector<Certificate> certificates;  // every certificate of the officer, with its events
  ApplicationKind kind = ApplicationKind::first;
};

// The checks one by one (each names its code), on `day`.
Check check_on_post(const PostPeriod& post, Date day);
Check check_exam_passed(const std::vector<ExamResult>& exams, Date day);
Check check_training_met(ComplianceStatus prior_year_status, Date day);
Check check_assessment_ok(const std::optional<Grade>& prior_year_grade, Date day);
// first: no certificate valid or suspended on `day`. renewal: a certificate valid on `day`
// expiring within kRenewalWindowDays after it (day < expires_on <= day + 180).
Check check_certificate_slot(ApplicationKind kind, const std::vector<Certificate>& certs, Date day);
inline constexpr int kRenewalWindowDays = 180;

// The review on `day`. Police are refused before any check (conflict police_credentials): no
// application is ever made for them.
Result<Review> review_on(const QualificationInput& in, Date day);

// The certificate a renewal replaces: valid on `day` and expiring within the window; the one
// expiring last when (against the rules of issue) there were two. nullptr when none.
const Certificate* expiring_certificate(const std::vector<Certificate>& certs, Date day);
// The issued_on of an approval that gives none: the decision date for a first certificate; for a
// renewal the day after the expiring certificate's expires_on (so the two never overlap), or the
// decision date when there is none (its certificate_slot check then fails).
Date default_issued_on(ApplicationKind kind, const std::vector<Certificate>& certs, Date decided_on);

// The review an approval is decided on: every check on `issued_on` (the input as of that day),
// except a renewal's certificate_slot, on `decided_on`, since on issued_on the old certificate
// has just expired.
Result<Review> approval_review(const QualificationInput& in, Date issued_on, Date decided_on);
// Approval needs every check ok: otherwise conflict application_not_qualified listing the failed
// codes (comma-separated, in the order of the checks) and the date the review was made on.
Status check_approval(const Review& r);

// An application as the rules see it.
struct Application {
  Id id = 0;
  Id officer_id = 0;
  ApplicationKind kind = ApplicationKind::first;
  ApplicationState state = ApplicationState::submitted;
  Date submitted_on;
  std::vector<Check> checks;  // the review on submitted_on
  bool qualified() const;
};

// Whether an application may be submitted for `o`, given the officer's applications (any state):
// police (conflict police_credentials), an officer who left (issue_to_left_officer), and a second
// submitted application (application_open, naming the open one) are refused, in that order. The
// review's result is not a condition: an unqualified application is still recorded.
Status check_submit(const Officer& o, const std::vector<Application>& officer_applications);

// The next free automatic certificate number of `year`: YYYY then a six-digit sequence from
// 000001, the first that `taken` does not name. `from` is where to start looking: the store
// keeps, per year, a sequence below which every number is known to be taken, so a year of ten
// thousand certificates is not read again for each new one. Conflict
// certificate_numbers_exhausted when every number up to `max_sequence` is taken (it lowers the
// ceiling for the tests: a million taken numbers is no unit test).
inline constexpr int kMaxCertificateSequence = 999999;
struct CertificateNumber {
  std::string number;  // "2025000001"
  int sequence = 0;    // 1
};
Result<CertificateNumber> next_certificate_number(int year, const std::function<bool(const std::string&)>& taken,
                                                  int from = 1, int max_sequence = kMaxCertificateSequence);
// The same over a set of numbers (of any year and form).
Result<std::string> next_certificate_number(int year, const std::set<std::string>& taken,
                                            int max_sequence = kMaxCertificateSequence);

}  // namespace certhours
