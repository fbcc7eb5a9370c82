// Annual assessments (年度考核) and the exit review (退出机制) they feed.
#include <map>
#include "domain/messages.hpp"

#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "app/certificates.hpp"
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
  CH_CHECK(app::put_assessment(ctx.app(), ctx.caller(), officer.id, static_cast<int>(year), *grade));
  return json_response(200, json::object{{"officer_id", officer.id},
                                         {"year", year},
                                         {"grade", grade_key(*grade)},
                                         {"grade_name", grade_name(*grade)}});
}

Response officer_assessments(Ctx& ctx) {
  CH_TRY(grades, app::assessments_of(ctx.app(), ctx.caller(), ctx.param_id(0)));
  json::array items;
  for (const auto& [year, grade] : grades)
    items.push_back(json::object{{"year", year}, {"grade", grade_key(grade)}, {"grade_name", grade_name(grade)}});
  return ctx.list(std::move(items), json::object{{"officer_id", ctx.param_id(0)}});
}

namespace {
json::value mark_json(const store::ExitMark& m) {
  return json::object{{"year", m.year},
                      {"officer_id", m.officer_id},
                      {"decision", kExitDecisions.key(m.decision)},
                      {"decision_name", kExitDecisions.label(m.decision)},
                      {"note", m.note},
                      {"by", m.marked_by},
                      {"at", m.marked_at}};
}
}  // namespace

Response exit_review(Ctx& ctx) {
  CH_TRY(year, ctx.query_int("year", kMinYear, kMaxYear));
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  // ?handled=true: only those marked 已处理; false: only those still to decide; absent: all.
  std::optional<bool> handled;
  if (ctx.query.count("handled")) {
    CH_TRY(flag, ctx.query_flag("handled"));
    handled = flag;
  }
  CH_TRY(r, app::exit_review(ctx.app(), ctx.caller(), unit_id,
                             year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt));
  json::array items;
  std::int64_t marked = 0;
  for (const app::ExitCandidate& c : r.items) {
    marked += c.mark.has_value();
    if (handled && *handled != c.mark.has_value()) continue;
    json::array reasons, codes;
    for (ExitReason why : c.reasons) {
      reasons.push_back(json::string(exit_reason_message(why, r.year, c.status).text(ctx.lang)));
      codes.push_back(json::string(exit_reason_key(why)));
    }
    json::object figures;
    if (c.status.status == ComplianceStatus::not_met)
      figures = {{"legal", progress_json(c.status.legal, false)}, {"business", progress_json(c.status.business, false)}};
    items.push_back(json::object{{"officer_id", c.officer_id},
                                 {"name", c.name},
                                 {"unit_id", c.unit_id},
                                 {"unit_name", c.unit_name},
                                 {"certificate_id", c.certificate_id},
                                 {"certificate_number", c.certificate_number},
                                 {"certificate_state", cert_state_key(c.certificate_state)},
                                 {"status", status_key(c.status.status)},
                                 {"grade", c.grade ? json::value(grade_key(*c.grade)) : json::value()},
                                 {"reasons", std::move(reasons)},
                                 {"reason_codes", std::move(codes)},
                                 {"hours", std::move(figures)},
                                 {"handled", c.mark ? mark_json(*c.mark) : json::value()}});
  }
  const auto listed = static_cast<std::int64_t>(r.items.size());
  return ctx.list(std::move(items),
                  json::object{{"year", r.year},
                               {"unit_id", r.unit_id},
                               {"as_of", format_date(r.as_of)},
                               {"counts", {{"listed", listed}, {"handled", marked}, {"pending", listed - marked}}}});
}

Response put_exit_mark(Ctx& ctx) {
  // A year past 2099 reads as 2100: out of range like any later year.
  const int year = static_cast<int>(std::min<Id>(ctx.param_id(0), kMaxYear + 1));
  CH_BODY(body);
  Fields f(body);
  CH_CHECK(f.only({"decision", "note"}));
  CH_TRY(decision_text, f.text("decision"));
  auto decision = kExitDecisions.parse(decision_text);
  if (!decision)
    return error_response(
        Status::invalid("decision", rules::value_not_allowed,
                        {{"allowed", "no_action,suspend,withdraw,cancel"}, {"value", decision_text}}));
  CH_TRY(note, f.opt_text("note", kExitNoteMaxChars));
  CH_TRY(mark, app::mark_exit_review(ctx.app(), ctx.caller(), year, ctx.param_id(1), *decision, note.value_or("")));
  return json_response(200, mark_json(mark));
}

Response delete_exit_mark(Ctx& ctx) {
  // A year past 2099 reads as 2100: out of range like any later year.
  const int year = static_cast<int>(std::min<Id>(ctx.param_id(0), kMaxYear + 1));
  CH_CHECK(app::unmark_exit_review(ctx.app(), ctx.caller(), year, ctx.param_id(1)));
  return no_content();
}

}  // namespace certhours::api::handlers
