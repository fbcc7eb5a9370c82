// Qualification exams, scores and certificate applications (docs/api.md "Qualification exams
// and certificate applications").
#include "api/handlers.hpp"
#include "app/officers.hpp"
#include "app/qualification.hpp"
#include "codec/qualification.hpp"
#include "domain/messages.hpp"

namespace certhours::api::handlers {

using codec::exam_json;
using codec::score_value;

namespace {

json::object application_json(const Ctx& ctx, const store::ApplicationRecord& r, const UnitTree& tree) {
  const Application& a = r.application;
  const Unit* unit = tree.find(r.unit_id);
  json::array allowed;
  for (ApplicationAction act : app::allowed_application_actions(ctx.caller(), r))
    allowed.push_back(json::string(application_action_key(act)));
  json::object o{{"id", a.id},
                 {"officer_id", a.officer_id},
                 {"name", r.name},
                 {"unit_id", r.unit_id},
                 {"unit_name", unit ? json::value(unit->name) : json::value()},
                 {"kind", application_kind_key(a.kind)},
                 {"kind_name", kApplicationKinds.label(a.kind)},
                 {"state", application_state_key(a.state)},
                 {"state_name", kApplicationStateNames.label(a.state)},
                 {"submitted_on", format_date(a.submitted_on)},
                 {"submitted_by", r.submitted_by},
                 {"checks", codec::checks_json(a.checks)},
                 {"qualified", a.qualified()},
                 {"allowed_actions", std::move(allowed)}};
  if (r.decided_on) {
    o["decided_on"] = format_date(*r.decided_on);
    o["decided_by"] = r.decided_by;
  }
  if (!r.reason.empty()) o["reason"] = r.reason;
  if (r.certificate)
    o["certificate"] = json::object{{"id", r.certificate->id},
                                    {"number", r.certificate->number},
                                    {"issued_on", format_date(r.certificate->issued_on)},
                                    {"expires_on", format_date(r.certificate->expires_on)}};
  return o;
}

Response application_response(Ctx& ctx, int status, const store::ApplicationRecord& r) {
  return json_response(status, application_json(ctx, r, *app::unit_tree(ctx.app())));
}

Result<ApplicationKind> kind_field(const Fields& f, const char* field = "kind") {
  auto text = f.text(field, 20);
  if (!text) return text.status();
  auto k = parse_application_kind(*text);
  if (!k) return Status::invalid(field, rules::value_not_allowed, {{"allowed", allowed_keys(kApplicationKinds)}, {"value", *text}});
  return *k;
}

}  // namespace

// --- exams ---

Response create_exam(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(name, f.text("name", kExamNameMaxChars));
  CH_TRY(held_on, f.date("held_on"));
  CH_TRY(pass_score, f.opt_score("pass_score"));
  CH_TRY(exam, app::create_exam(ctx.app(), ctx.caller(), name, held_on, pass_score));
  return json_response(201, exam_json(exam));
}

Response list_exams(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  auto page = app::list_exams(ctx.app(), paging);
  json::array items;
  for (const Exam& e : page.items) items.push_back(exam_json(e));
  return page_response(std::move(items), page.total, paging);
}

Response get_exam(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  CH_TRY(r, app::exam_with_results(ctx.app(), ctx.caller(), ctx.param_id(0), paging));
  json::array results;
  for (const store::ExamScore& s : r.results.items)
    results.push_back(json::object{{"officer_id", s.officer_id},
                                   {"name", s.name},
                                   {"unit_id", s.unit_id},
                                   {"score", score_value(s.score)},
                                   {"passed", s.passed}});
  json::object out = exam_json(r.exam);
  out["counts_until"] = format_date(counts_until(r.exam.held_on));
  out["results"] = std::move(results);
  out["total"] = r.results.total;
  out["limit"] = paging.limit;
  out["offset"] = paging.offset;
  return json_response(200, out);
}

Response put_exam_result(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(score, f.score("score"));
  CH_TRY(r, app::put_exam_result(ctx.app(), ctx.caller(), ctx.param_id(0), ctx.param_id(1), score));
  return json_response(200, codec::exam_result_json(r.exam_id, r.officer_id, r.score, r.passed));
}

Response officer_exams(Ctx& ctx) {
  CH_TRY(results, app::officer_exams(ctx.app(), ctx.caller(), ctx.param_id(0)));
  json::array items;
  for (const store::OfficerExam& r : results) {
    bool ok = passed(r.score, r.exam.pass_score);
    json::object o{{"exam_id", r.exam.id},
                   {"name", r.exam.name},
                   {"held_on", format_date(r.exam.held_on)},
                   {"pass_score", score_value(r.exam.pass_score)},
                   {"score", score_value(r.score)},
                   {"passed", ok}};
    if (ok) {
      o["counts_until"] = format_date(counts_until(r.exam.held_on));
      o["counts_today"] = counts_on(r.exam.held_on, ctx.today);
    }
    items.push_back(std::move(o));
  }
  return ctx.list(std::move(items), {});
}

// --- the qualification review and applications ---

Response officer_qualification(Ctx& ctx) {
  CH_TRY(asked, query_key(ctx, "kind", kApplicationKinds));
  const ApplicationKind kind = asked.value_or(ApplicationKind::first);
  CH_TRY(on, ctx.query_date("on"));
  CH_TRY(review, app::preview_review(ctx.app(), ctx.caller(), ctx.param_id(0), kind, on));
  return json_response(200, json::object{{"officer_id", ctx.param_id(0)},
                                         {"kind", application_kind_key(kind)},
                                         {"on", format_date(review.on)},
                                         {"qualified", review.qualified()},
                                         {"checks", codec::checks_json(review.checks)}});
}

Response submit_application(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(officer_id, f.id("officer_id"));
  CH_TRY(kind, kind_field(f));
  CH_TRY(r, app::submit_application(ctx.app(), ctx.caller(), officer_id, kind));
  return application_response(ctx, 201, r);
}

Response list_applications(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  app::ApplicationFilter filter;
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  filter.unit_id = unit_id;
  CH_TRY(state, query_key(ctx, "state", kApplicationStateNames));
  filter.state = state;
  CH_TRY(kind, query_key(ctx, "kind", kApplicationKinds));
  filter.kind = kind;
  auto order = ctx.query_text("order").value_or("newest");
  if (order != "newest" && order != "oldest")
    return error_response(
        Status::invalid("order", rules::value_not_allowed, {{"allowed", "newest,oldest"}, {"value", order}}));
  filter.oldest_first = order == "oldest";
  CH_TRY(page, app::list_applications(ctx.app(), ctx.caller(), filter, paging));
  auto tree = app::unit_tree(ctx.app());
  json::array items;
  for (const store::ApplicationRecord& r : page.items) items.push_back(application_json(ctx, r, *tree));
  return page_response(std::move(items), page.total, paging);
}

Response get_application(Ctx& ctx) {
  CH_TRY(r, app::get_application(ctx.app(), ctx.caller(), ctx.param_id(0)));
  return application_response(ctx, 200, r);
}

Response officer_applications(Ctx& ctx) {
  CH_TRY(list, app::officer_applications(ctx.app(), ctx.caller(), ctx.param_id(0)));
  auto tree = app::unit_tree(ctx.app());
  json::array items;
  for (const store::ApplicationRecord& r : list) items.push_back(application_json(ctx, r, *tree));
  return ctx.list(std::move(items), {});
}

Response decide_application(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(decision, f.key("decision", kApplicationDecisions));
  app::Decision d;
  d.action = decision;
  CH_TRY(reason, f.opt_text("reason", 500));
  d.reason = reason.value_or("");
  CH_TRY(number, f.opt_text("number", 40));
  if (number && !valid_certificate_number(*number))
    return error_response(Status::invalid("number", rules::certificate_number_format));
  d.number = number;
  CH_TRY(issued_on, f.opt_date("issued_on"));
  d.issued_on = issued_on;
  CH_TRY(expires_on, f.opt_date("expires_on"));
  d.expires_on = expires_on;
  CH_TRY(r, app::decide_application(ctx.app(), ctx.caller(), ctx.param_id(0), d));
  return application_response(ctx, 200, r);
}

Response withdraw_application(Ctx& ctx) {
  std::string reason;
  if (!ctx.req.body.empty()) {  // the body is optional: {reason?}
    CH_BODY(body);
    Fields f(body);
    CH_TRY(text, f.opt_text("reason", 500));
    reason = text.value_or("");
  }
  CH_TRY(r, app::withdraw_application(ctx.app(), ctx.caller(), ctx.param_id(0), reason));
  return application_response(ctx, 200, r);
}

}  // namespace certhours::api::handlers
