// Qualification exams and certificate applications as their users ask for them
// (docs/api.md "Qualification exams and certificate applications"): the bureau records exams
// and scores; a unit applies for its officer; the bureau reviews (资格审查) and decides (审核),
// and approval issues the certificate (发证).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/exam.hpp"
#include "domain/qualification.hpp"

namespace certhours::app {

// --- exams ---

// Records an exam: invalid (exam_in_future) when held after today. The name is read by the
// caller's door (at most kExamNameMaxChars).
Result<Exam> create_exam(App& app, const Caller& caller, const std::string& name, Date held_on,
                         std::optional<Score> pass_score);
store::Page<Exam> list_exams(App& app, const Paging& page);
struct ExamWithResults {
  Exam exam;
  store::Page<store::ExamScore> results;  // hr: the officers of their units only
};
// not_found (exam_not_found) for an unknown exam.
Result<ExamWithResults> exam_with_results(App& app, const Caller& caller, Id exam_id, const Paging& page);
// Records or replaces a score (audited before/after). not_found for an unknown exam or officer.
Result<store::ExamScore> put_exam_result(App& app, const Caller& caller, Id exam_id, Id officer_id, Score score);
// The officer's results, newest exam first (not_found for one the caller may not see).
Result<std::vector<store::OfficerExam>> officer_exams(App& app, const Caller& caller, Id officer_id);

// --- the qualification review ---

// What the review reads of the officer as of `day`: every exam result, the status and grade of
// the year before `day`'s year (the status from every training recorded, as of `day`), and
// every certificate.
QualificationInput qualification_input(App& app, const Officer& officer, ApplicationKind kind, Date day);
// The review an application submitted on `on` (default today) would get: for the unit to see
// before it applies. not_found for an officer out of reach; conflict for police.
Result<Review> preview_review(App& app, const Caller& caller, Id officer_id, ApplicationKind kind,
                              std::optional<Date> on);

// --- applications ---

// Submits an application for an officer of the caller's reach, with the review of today
// (recorded even when not qualified). not_found out of reach; conflict for police, an officer
// who left, a second open application.
Result<store::ApplicationRecord> submit_application(App& app, const Caller& caller, Id officer_id,
                                                    ApplicationKind kind);
struct ApplicationFilter {
  std::optional<Id> unit_id;  // default: the caller's reach
  std::optional<ApplicationState> state;
  std::optional<ApplicationKind> kind;
  bool oldest_first = false;
};
// not_found for a unit out of reach.
Result<store::Page<store::ApplicationRecord>> list_applications(App& app, const Caller& caller,
                                                                const ApplicationFilter& f, const Paging& page);
// One application: admins any, hr those of their units' officers, an officer their own; else
// not_found (application_not_found).
Result<store::ApplicationRecord> get_application(App& app, const Caller& caller, Id id);
// The officer's applications, newest first.
Result<std::vector<store::ApplicationRecord>> officer_applications(App& app, const Caller& caller, Id officer_id);

struct Decision {
  ApplicationAction action = ApplicationAction::approve;  // approve or reject
  std::string reason;
  std::optional<std::string> number;
  std::optional<Date> issued_on, expires_on;
};
// Approve re-runs the review on issued_on (approval_review; default: default_issued_on) and
// issues the certificate; reject needs a reason. conflict for a decided application, a failed
// review (application_not_qualified), a taken number.
Result<store::ApplicationRecord> decide_application(App& app, const Caller& caller, Id id, const Decision& d);
// Withdraws a submitted application of the caller's reach.
Result<store::ApplicationRecord> withdraw_application(App& app, const Caller& caller, Id id,
                                                      const std::string& reason);
// What the caller may do next with the application (keys of ApplicationAction).
std::vector<ApplicationAction> allowed_application_actions(const Caller& caller, const store::ApplicationRecord& r);

}  // namespace certhours::app
