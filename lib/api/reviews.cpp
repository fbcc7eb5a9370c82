// Annual assessments (年度考核) and the exit review (退出机制) they feed.
#include <map>

#include "api/codec.hpp"
#include "api/handlers.hpp"

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
    return error_response(
        Status::invalid("grade", "grade must be excellent, competent, basically_competent or incompetent"));
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

  struct Row {
    std::string name;
    Id unit_id = 0;
    std::string status = "exempt";
    std::vector<std::string> reasons;
    std::vector<std::string> codes;  // not_met, incompetent
    json::object figures;            // legal/business earned and required, when not_met
  };
  std::map<Id, Row> rows;
  for (const store::ComplianceRow& r : ctx.store().compliance_rows(unit_id, year)) {
    if (!valid_cert.count(r.officer_id)) continue;
    YearStatus s = evaluate_year(policy, r.post, year, ctx.today, r.earned);
    Row row{r.name, r.unit_id, status_key(s.status), {}, {}, {}};
    if (s.status == ComplianceStatus::not_met) {
      row.codes.push_back("not_met");
      row.figures = {{"legal", progress_json(s.legal, false)}, {"business", progress_json(s.business, false)}};
    }
    if (s.status == ComplianceStatus::not_met)
      row.reasons.push_back("did not meet the " + std::to_string(year) + " training requirement: legal " +
                            s.legal.earned.to_string() + "/" + s.legal.required.to_string() + ", business " +
                            s.business.earned.to_string() + "/" + s.business.required.to_string() + " hours");
    rows[r.officer_id] = std::move(row);
  }
  for (const auto& [officer_id, grade] : grades) {
    if (grade != Grade::incompetent || !valid_cert.count(officer_id)) continue;
    if (!rows.count(officer_id)) {
      auto o = ctx.store().officer(officer_id);
      if (!o) continue;
      rows[officer_id] = Row{o->name, o->unit_id, "exempt", {}, {}, {}};
    }
    rows[officer_id].codes.push_back("incompetent");
    rows[officer_id].reasons.push_back("graded incompetent (不称职) in the " + std::to_string(year) + " assessment");
  }
  json::array items;
  for (auto& [officer_id, row] : rows) {
    if (row.reasons.empty()) continue;
    const Unit* u = tree->find(row.unit_id);
    json::array reasons, codes;
    for (auto& r : row.reasons) reasons.push_back(json::string(r));
    for (auto& c : row.codes) codes.push_back(json::string(c));
    auto g = grades.find(officer_id);
    items.push_back(json::object{{"officer_id", officer_id},
                                 {"name", row.name},
                                 {"unit_id", row.unit_id},
                                 {"unit_name", u ? u->name : ""},
                                 {"certificate_id", valid_cert[officer_id]->id},
                                 {"certificate_number", valid_cert[officer_id]->number},
                                 {"status", row.status},
                                 {"grade", g == grades.end() ? json::value() : json::value(grade_key(g->second))},
                                 {"reasons", std::move(reasons)},
                                 {"reason_codes", std::move(codes)},
                                 {"hours", std::move(row.figures)}});
  }
  return ctx.list(std::move(items),
                  json::object{{"year", year}, {"unit_id", unit_id}, {"as_of", format_date(ctx.today)}});
}

}  // namespace certhours::api::handlers
