#include "app/qualification.hpp"

#include <algorithm>

#include "domain/messages.hpp"
#include "domain/training.hpp"

namespace certhours::app {

namespace {
Status exam_not_found(Id id) { return Status::not_found(rules::exam_not_found, {{"id", std::to_string(id)}}); }
Status application_not_found(Id id) {
  return Status::not_found(rules::application_not_found, {{"id", std::to_string(id)}});
}

// The application, when the caller may see its officer (one answer for "none" and "not yours").
Result<store::ApplicationRecord> visible_application(App& app, const Caller& caller, Id id) {
  auto r = app.store.applications.find(id);
  if (!r || !visible_officer(app, caller, r->application.officer_id)) return application_not_found(id);
  return std::move(*r);
}
}  // namespace

// --- exams ---

Result<Exam> create_exam(App& app, const Caller& caller, const std::string& name, Date held_on,
                         std::optional<Score> pass_score) {
  if (Status s = check_exam_date(held_on, caller.today); !s) return s;
  return app.store.exams.create({0, name, held_on, pass_score.value_or(kDefaultPassScore)}, caller.actor);
}

store::Page<Exam> list_exams(App& app, const Paging& page) { return app.store.exams.list(page.limit, page.offset); }

Result<ExamWithResults> exam_with_results(App& app, const Caller& caller, Id exam_id, const Paging& page) {
  auto exam = app.store.exams.find(exam_id);
  if (!exam) return exam_not_found(exam_id);
  return ExamWithResults{*exam, app.store.exams.results(exam_id, caller.scope(), page.limit, page.offset)};
}

Result<store::ExamScore> put_exam_result(App& app, const Caller& caller, Id exam_id, Id officer_id, Score score) {
  if (!app.store.exams.find(exam_id)) return exam_not_found(exam_id);
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.exams.put_result(exam_id, o->id, score, caller.actor);
}

Result<std::vector<store::OfficerExam>> officer_exams(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.exams.of_officer(o->id);
}

// --- the qualification review ---

QualificationInput qualification_input(App& app, const Officer& officer, ApplicationKind kind, Date day) {
  QualificationInput in;
  in.officer = officer;
  in.kind = kind;
  for (const store::OfficerExam& r : app.store.exams.of_officer(officer.id))
    in.exams.push_back({r.exam.name, r.exam.held_on, r.score, r.exam.pass_score});
  const int prior = year_of(day) - 1;
  CategoryHours earned;
  for (const store::Credit& c : app.store.credits.of_officer(officer.id, prior))
    if (ended_by(c.end_date, day)) earned += c.hours;
  in.prior_year_status = evaluate_year(app.store.policies.get(prior), officer.post(), prior, day, earned,
                                       exempt_days(app.store.exemptions.of_officer(officer.id)))
                             .status;
  for (const auto& [year, grade] : app.store.assessments.of_officer(officer.id))
    if (year == prior) in.prior_year_grade = grade;
  in.certificates = app.store.certificates.of_officer(officer.id);
  return in;
}

Result<Review> preview_review(App& app, const Caller& caller, Id officer_id, ApplicationKind kind,
                              std::optional<Date> on) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  Date day = on.value_or(caller.today);
  return review_on(qualification_input(app, *o, kind, day), day);
}

// --- applications ---

Result<store::ApplicationRecord> submit_application(App& app, const Caller& caller, Id officer_id,
                                                    ApplicationKind kind) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  auto review = review_on(qualification_input(app, *o, kind, caller.today), caller.today);
  if (!review) return review.status();  // police
  return app.store.applications.submit(o->id, kind, *review, caller.actor);
}

Result<store::Page<store::ApplicationRecord>> list_applications(App& app, const Caller& caller,
                                                                const ApplicationFilter& f, const Paging& page) {
  auto scope = list_scope(app, caller, f.unit_id);
  if (!scope) return scope.status();
  store::ApplicationQuery q;
  q.scope = *scope;
  q.state = f.state;
  q.kind = f.kind;
  q.oldest_first = f.oldest_first;
  q.limit = page.limit;
  q.offset = page.offset;
  return app.store.applications.list(q);
}

Result<store::ApplicationRecord> get_application(App& app, const Caller& caller, Id id) {
  return visible_application(app, caller, id);
}

Result<std::vector<store::ApplicationRecord>> officer_applications(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  store::ApplicationQuery q;
  q.officer_id = o->id;
  q.limit = 1000;  // an officer applies a few times in a career
  return std::move(app.store.applications.list(q).items);
}

Result<store::ApplicationRecord> decide_application(App& app, const Caller& caller, Id id, const Decision& d) {
  auto r = visible_application(app, caller, id);
  if (!r) return r.status();
  if (d.action == ApplicationAction::reject)
    return app.store.applications.close(id, ApplicationAction::reject, caller.today, d.reason, caller.actor);
  // The state first: approving a decided application is a conflict whatever its review says.
  if (Status s = check_application_action(id, r->application.state, ApplicationAction::approve, ""); !s) return s;
  auto o = app.store.officers.find(r->application.officer_id);
  if (!o) return application_not_found(id);
  const ApplicationKind kind = r->application.kind;
  Date issued_on = d.issued_on.value_or(
      default_issued_on(kind, app.store.certificates.of_officer(o->id), caller.today));
  auto review = approval_review(qualification_input(app, *o, kind, issued_on), issued_on, caller.today);
  if (!review) return review.status();
  if (Status s = check_approval(*review); !s) return s;
  return app.store.applications.approve(id, {d.number, issued_on, d.expires_on, caller.today}, caller.actor);
}

Result<store::ApplicationRecord> withdraw_application(App& app, const Caller& caller, Id id,
                                                      const std::string& reason) {
  auto r = visible_application(app, caller, id);
  if (!r) return r.status();
  return app.store.applications.close(id, ApplicationAction::withdraw, caller.today, reason, caller.actor);
}

std::vector<ApplicationAction> allowed_application_actions(const Caller& caller, const store::ApplicationRecord& r) {
  std::vector<ApplicationAction> out;
  if (r.application.state != ApplicationState::submitted) return out;
  if (caller.is(Role::admin)) out = {ApplicationAction::approve, ApplicationAction::reject};
  if (caller.is(Role::admin) || caller.is(Role::hr)) out.push_back(ApplicationAction::withdraw);
  return out;
}

}  // namespace certhours::app
