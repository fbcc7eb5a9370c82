#include "app/certificates.hpp"

#include <algorithm>
#include <map>

#include "domain/messages.hpp"

namespace certhours::app {

namespace {
std::string unit_name(const UnitTree& tree, Id id) {
  const Unit* u = tree.find(id);
  return u ? u->name : "";
}
}  // namespace

Result<ExpiringList> expiring_certificates(App& app, const Caller& caller, std::optional<Id> unit_id,
                                           std::optional<int> days) {
  auto unit = report_unit(app, caller, unit_id);
  if (!unit) return unit.status();
  ExpiringList out{*unit, days.value_or(90), {}};
  auto tree = app.store.units.tree();
  Date until = caller.today + date::days(out.days);
  for (Certificate& c : app.store.certificates.in_unit(out.unit_id)) {
    auto s = state_on(c, caller.today);
    // Still in force today (valid or suspended) and ending within the window.
    if ((s != CertState::valid && s != CertState::suspended) || c.expires_on > until) continue;
    auto o = app.store.officers.find(c.officer_id);
    if (!o) continue;
    std::int64_t left = (c.expires_on - caller.today).count();
    out.items.push_back({std::move(c), *s, *o, unit_name(*tree, o->unit_id), left});
  }
  std::stable_sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
    return a.certificate.expires_on < b.certificate.expires_on;
  });
  return out;
}

Result<ExitReview> exit_review(App& app, const Caller& caller, std::optional<Id> unit_id, std::optional<int> year) {
  auto unit = report_unit(app, caller, unit_id);
  if (!unit) return unit.status();
  ExitReview r{year.value_or(year_of(caller.today) - 1), *unit, caller.today, {}};
  // Who holds a certificate valid today.
  auto certificates = app.store.certificates.in_unit(r.unit_id);
  std::map<Id, const Certificate*> valid_cert;
  for (const Certificate& c : certificates)
    if (state_on(c, caller.today) == CertState::valid) valid_cert[c.officer_id] = &c;
  auto grades = app.store.assessments.in_unit(r.unit_id, r.year);
  auto marks = app.store.exit_marks.in_unit(r.unit_id, r.year);
  auto policy = app.store.policies.get(r.year);
  auto tree = app.store.units.tree();
  auto reviewed = [&](Id officer_id) { return valid_cert.count(officer_id) || marks.count(officer_id); };

  // Everyone the review looks at: the year's compliance sheet, plus anyone graded for the year
  // who was not on it (graded, yet not on post that year: exempt).
  std::map<Id, ExitCandidate> candidates;
  app.store.credits.each_compliance_row(r.unit_id, r.year, caller.today, [&](const store::ComplianceRow& row) {
    candidates[row.officer_id] = {row.officer_id, row.name, row.unit_id, "",
                                  evaluate_year(policy, row.post, r.year, caller.today, row.earned, exempt_days(row.exemptions))};
  });
  for (const auto& [officer_id, grade] : grades) {
    if (candidates.count(officer_id) || !reviewed(officer_id)) continue;  // a lookup only when listed
    if (auto o = app.store.officers.find(officer_id)) candidates[officer_id] = {officer_id, o->name, o->unit_id};
  }
  for (auto& [officer_id, c] : candidates) {
    if (auto g = grades.find(officer_id); g != grades.end()) c.grade = g->second;
    if (!reviewed(officer_id)) continue;
    c.reasons = exit_reasons(true, c.status, c.grade);
    if (c.reasons.empty()) continue;
    const Certificate* cert = nullptr;
    if (auto v = valid_cert.find(officer_id); v != valid_cert.end()) {
      cert = v->second;
    } else {  // marked, no longer holding a valid certificate: their latest one, as it is today
      for (const Certificate& other : certificates)
        if (other.officer_id == officer_id && (!cert || other.issued_on >= cert->issued_on)) cert = &other;
    }
    if (cert) {
      c.certificate_id = cert->id;
      c.certificate_number = cert->number;
      c.certificate_state = state_on(*cert, caller.today).value_or(CertState::valid);
    }
    if (auto m = marks.find(officer_id); m != marks.end()) c.mark = m->second;
    c.unit_name = unit_name(*tree, c.unit_id);
    r.items.push_back(std::move(c));
  }
  return r;
}

Result<store::ExitMark> mark_exit_review(App& app, const Caller& caller, int year, Id officer_id, ExitDecision decision,
                                         const std::string& note) {
  if (Status s = check_assessment_year(year, year_of(caller.today)); !s) return s;
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  // Listed today, or marked before (then listed as well): the review of the officer's own unit.
  auto review = exit_review(app, caller, o->unit_id, year);
  if (!review) return review.status();
  bool listed = std::any_of(review->items.begin(), review->items.end(),
                            [&](const ExitCandidate& c) { return c.officer_id == officer_id; });
  if (!listed)
    return Status::conflict(rules::exit_review_not_listed,
                            {{"officer_id", std::to_string(officer_id)}, {"year", std::to_string(year)}});
  return app.store.exit_marks.put(year, officer_id, decision, note, caller.actor);
}

Status unmark_exit_review(App& app, const Caller& caller, int year, Id officer_id) {
  if (Status s = check_assessment_year(year, year_of(caller.today)); !s) return s;
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.exit_marks.remove(year, officer_id, caller.actor);
}

Result<Certificate> issue_certificate(App& app, const Caller& caller, Id officer_id, const std::string& number,
                                      Date issued_on, const std::optional<Date>& expires_on) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.certificates.issue(o->id, number, issued_on, expires_on, caller.actor);
}

Result<std::vector<Certificate>> certificates_of(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.certificates.of_officer(o->id);
}

Result<Certificate> act_on_certificate(App& app, const Caller& caller, Id certificate_id, CertAction action,
                                       Date effective_on, const std::string& reason, const std::optional<Date>& until) {
  return app.store.certificates.act(certificate_id, action, effective_on, reason, until, caller.actor);
}

Result<OfficerEligibility> eligibility(App& app, const Caller& caller, Id officer_id, std::optional<Date> on) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  Date day = on.value_or(caller.today);
  return OfficerEligibility{*o, day, eligibility_on(*o, app.store.certificates.of_officer(o->id), day)};
}

Result<PublicCertificate> public_certificate(App& app, const std::string& number) {
  auto cert = valid_certificate_number(number) ? app.store.certificates.find_number(number) : std::nullopt;
  // The same lookups whether or not the number exists, so the answer time reveals nothing.
  auto officer = app.store.officers.find(cert ? cert->officer_id : 0);
  if (!cert || !officer) return Status::not_found(rules::certificate_number_unknown);
  auto tree = app.store.units.tree();
  return PublicCertificate{std::move(*cert), officer->name, unit_name(*tree, officer->unit_id)};
}

Status put_assessment(App& app, const Caller& caller, Id officer_id, int year, Grade grade) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.assessments.put(o->id, year, grade, caller.actor);
}

Result<std::vector<std::pair<int, Grade>>> assessments_of(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.assessments.of_officer(o->id);
}

}  // namespace certhours::app
