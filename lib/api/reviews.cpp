// Annual assessments (年度考核) and the exit review (退出机制) they feed.
#include <map>
#include "domain/messages.hpp"

#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "domain/exit_review.hpp"

namespace certhours::api::handlers {

Response put_assessment(Ctx& ctx) {
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));
  Id year = ctx.param_id(1);
  CH_CHECK(check_assessment_year(static_cast<int>(std::min<Id>(year, kMaxYear + 1)), year_of(ctx.today)));
  CH_BODY(body);
  Fields f(body);
  CH_TRY(grade_text, f.text("grade"));
  auto grade = parse_grade(grade_text);
  if (!grade)
    return error_response(Status::invalid("grade", rules::value_not_allowed, {{"allowed", "excellent,competent,basically_competent,incompetent"}, {"value", grade_text}}));
  CH_CHECK(ctx.store().put_assessment(officer.id, static_cast<int>(year), *grade, ctx.actor()));
  return json_response(200, json::object{{"officer_id", officer.id},
                                         {"year", year},
                                         {"grade", grade_key(*grade)},
                                         {"grade_name", grade_name(*grade)}});
}

Response officer_assessments(Ctx& ctx) {
  CH_TRY(officer, ctx.visible_officer(ctx.param_id(0)));
  json::array items;
  for (const auto& [year, grade] : ctx.store().assessments_of(officer.id))
    items.push_back(json::object{{"year", year}, {"grade", grade_key(grade)}, {"grade_name", grade_name(grade)}});
  return ctx.list(std::move(items), json::object{{"officer_id", officer.id}});
}

Response exit_review(Ctx& ctx) {
  CH_TRY(year_param, ctx.query_int("year", kMinYear, kMaxYear));
  auto tree = ctx.store().units();
  int year = year_param ? static_cast<int>(*year_param) : year_of(ctx.today) - 1;
  CH_TRY(unit_id, ctx.report_unit());  // admin only: any unit, default the whole region
  // Who holds a certificate valid today.
  std::map<Id, const Certificate*> valid_cert;
  auto certs = ctx.store().certificates_in(unit_id);
  for (const Certificate& c : certs)
    if (state_on(c, ctx.today) == CertState::valid) valid_cert[c.officer_id] = &c;
  auto grades = ctx.store().assessments_in(unit_id, year);
  auto policy = ctx.store().policy(year);

  // Everyone the review looks at: the year's compliance sheet, plus anyone graded for the year
  // who was not on it (graded, yet not on post that year: exempt).
  struct Candidate {
    std::string name;
    Id unit_id = 0;
    YearStatus status;  // exempt unless on the sheet
  };
  std::map<Id, Candidate> candidates;
  for (const store::ComplianceRow& r : ctx.store().compliance_rows(unit_id, year))
    candidates[r.officer_id] = {r.name, r.unit_id, evaluate_year(policy, r.post, year, ctx.today, r.earned)};
  for (const auto& [officer_id, grade] : grades) {
    if (candidates.count(officer_id) || !valid_cert.count(officer_id)) continue;  // a lookup only when listed
    if (auto o = ctx.store().officer(officer_id)) candidates[officer_id] = {o->name, o->unit_id, YearStatus{}};
  }

  json::array items;
  for (const auto& [officer_id, c] : candidates) {
    auto g = grades.find(officer_id);
    std::optional<Grade> grade;
    if (g != grades.end()) grade = g->second;
    auto why = exit_reasons(valid_cert.count(officer_id) > 0, c.status, grade);
    if (why.empty()) continue;
    json::array reasons, codes;
    for (ExitReason r : why) {
      reasons.push_back(json::string(exit_reason_message(r, year, c.status).text(ctx.lang)));
      codes.push_back(json::string(exit_reason_key(r)));
    }
    json::object figures;
    if (c.status.status == ComplianceStatus::not_met)
      figures = {{"legal", progress_json(c.status.legal, false)}, {"business", progress_json(c.status.business, false)}};
    const Unit* u = tree->find(c.unit_id);
    items.push_back(json::object{{"officer_id", officer_id},
                                 {"name", c.name},
                                 {"unit_id", c.unit_id},
                                 {"unit_name", u ? u->name : ""},
                                 {"certificate_id", valid_cert[officer_id]->id},
                                 {"certificate_number", valid_cert[officer_id]->number},
                                 {"status", status_key(c.status.status)},
                                 {"grade", grade ? json::value(grade_key(*grade)) : json::value()},
                                 {"reasons", std::move(reasons)},
                                 {"reason_codes", std::move(codes)},
                                 {"hours", std::move(figures)}});
  }
  return ctx.list(std::move(items),
                  json::object{{"year", year}, {"unit_id", unit_id}, {"as_of", format_date(ctx.today)}});
}

}  // namespace certhours::api::handlers
