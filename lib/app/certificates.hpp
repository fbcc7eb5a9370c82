// Enforcement certificates as their users ask about them: the list of those about to expire
// (GET /certificates/expiring) and the exit review (GET /reviews/exit, docs/domain.md "The
// exit mechanism"), which lists holders of a valid certificate whom a year's hours or grade
// put up for review.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/assessment.hpp"
#include "domain/certificate.hpp"
#include "domain/exit_review.hpp"
#include "domain/requirement.hpp"

namespace certhours::app {

struct ExpiringCertificate {
  Certificate certificate;
  CertState state = CertState::valid;  // today: valid or suspended
  Officer officer;
  std::string unit_name;
  std::int64_t days_left = 0;
};
struct ExpiringList {
  Id unit_id = 0;
  int days = 90;
  std::vector<ExpiringCertificate> items;  // soonest first
};
// Certificates of the subtree still in force today that end within `days` (default 90).
Result<ExpiringList> expiring_certificates(App& app, const Caller& caller, std::optional<Id> unit_id,
                                           std::optional<int> days);

struct ExitCandidate {
  Id officer_id = 0;
  std::string name;
  Id unit_id = 0;
  std::string unit_name;
  YearStatus status;                          // exempt unless on the year's compliance sheet
  std::optional<Grade> grade;
  std::vector<ExitReason> reasons;
  Id certificate_id = 0;  // the certificate valid today (for one marked since: their latest)
  std::string certificate_number;
  CertState certificate_state = CertState::valid;  // today
  std::optional<store::ExitMark> mark;             // 已处理: what was decided, by whom, when
};
struct ExitReview {
  int year = 0;
  Id unit_id = 0;
  Date as_of;
  std::vector<ExitCandidate> items;  // by officer id
};
// The review of `year` (default: last year) for the subtree: every holder of a certificate
// valid today whom exit_reasons names, and everyone marked for the year whom it names as if
// they still held one (a mark of 暂扣 or 收回 must not make the person vanish from the list).
Result<ExitReview> exit_review(App& app, const Caller& caller, std::optional<Id> unit_id, std::optional<int> year);

// Marks an officer on the review of `year` as handled with `decision` (replacing an earlier
// mark); invalid when `year` is after this year (assessment_year_range), conflict
// (exit_review_not_listed) when the review does not list them; the note at most
// kExitNoteMaxChars (read by the caller's door as any text field). Audited.
Result<store::ExitMark> mark_exit_review(App& app, const Caller& caller, int year, Id officer_id, ExitDecision decision,
                                         const std::string& note);
// Removes the mark (invalid for a year after this one; not_found exit_mark_not_found when
// there is none). Audited.
Status unmark_exit_review(App& app, const Caller& caller, int year, Id officer_id);

// --- one officer's certificates ---

// Issues a certificate to an officer of the caller's reach (check_issue's rules; a duplicate
// number is a conflict on field number).
Result<Certificate> issue_certificate(App& app, const Caller& caller, Id officer_id, const std::string& number,
                                      Date issued_on, const std::optional<Date>& expires_on);
Result<std::vector<Certificate>> certificates_of(App& app, const Caller& caller, Id officer_id);
// Suspend, restore, withdraw or cancel (check_action's rules, on effective_on).
Result<Certificate> act_on_certificate(App& app, const Caller& caller, Id certificate_id, CertAction action,
                                       Date effective_on, const std::string& reason, const std::optional<Date>& until);
// Whether the officer may enforce alone on `day` (default today), and why not.
struct OfficerEligibility {
  Officer officer;
  Date on;
  Eligibility eligibility;
};
Result<OfficerEligibility> eligibility(App& app, const Caller& caller, Id officer_id, std::optional<Date> on);

// The public check of a certificate number (no login): its holder, unit and state today.
struct PublicCertificate {
  Certificate certificate;
  std::string holder, unit_name;
};
// not_found (certificate_number_unknown) for a malformed or unknown number; the same lookups
// either way, so the time of the answer tells nothing.
Result<PublicCertificate> public_certificate(App& app, const std::string& number);

// --- annual assessments (年度考核) ---
Status put_assessment(App& app, const Caller& caller, Id officer_id, int year, Grade grade);
Result<std::vector<std::pair<int, Grade>>> assessments_of(App& app, const Caller& caller, Id officer_id);

}  // namespace certhours::app
