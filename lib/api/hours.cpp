// An officer's hours for a year, and the compliance of a unit's subtree.
#include "api/codec.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

namespace {
struct YearAsOf {
  int year;
  Date as_of;
};

// ?year= (default: this year) and ?as_of= (default: today), both in Asia/Shanghai.
Result<YearAsOf> year_as_of(const Ctx& ctx) {
  auto year = ctx.query_int("year", kMinYear, kMaxYear);
  if (!year) return year.status();
  auto as_of = ctx.query_date("as_of");
  if (!as_of) return as_of.status();
  return YearAsOf{year->has_value() ? static_cast<int>(**year) : year_of(ctx.today), as_of->value_or(ctx.today)};
}

json::object status_json(const YearStatus& s) {
  return {{"status", status_key(s.status)},
          {"legal", progress_json(s.legal, true)},
          {"business", progress_json(s.business, true)},
          {"political", {{"earned", hours_value(s.political)}}}};
}
}  // namespace

Response officer_hours(Ctx& ctx) {
  CH_TRY(o, ctx.visible_officer(ctx.param_id(0)));
  CH_TRY(when, year_as_of(ctx));
  auto credits = ctx.store().credits(o.id, when.year);
  CategoryHours earned;
  json::array trainings;
  for (const store::Credit& c : credits) {
    earned += c.hours;
    trainings.push_back(json::object{{"id", c.training_id},
                                     {"title", c.title},
                                     {"start_date", format_date(c.start_date)},
                                     {"end_date", format_date(c.end_date)},
                                     {"hours", category_hours_value(c.hours)}});
  }
  YearStatus s = evaluate_year(ctx.store().policy(when.year), o.post(), when.year, when.as_of, earned);
  json::object out{{"officer_id", o.id}, {"year", when.year}, {"as_of", format_date(when.as_of)}};
  for (auto& kv : status_json(s)) out[kv.key()] = kv.value();
  out["trainings"] = std::move(trainings);
  return json_response(200, out);
}

Response compliance(Ctx& ctx) {
  CH_TRY(when, year_as_of(ctx));
  CH_TRY(paging, ctx.paging());
  CH_TRY(unit_param, ctx.query_int("unit_id", 1, INT64_MAX));
  auto tree = ctx.store().units();
  Id unit_id = 0;
  if (unit_param) {
    if (!ctx.sees_unit(*unit_param))
      return error_response(Status::not_found("unit " + std::to_string(*unit_param) + " not found"));
    unit_id = *unit_param;
  } else if (auto scope = ctx.scope()) {
    unit_id = *scope;
  } else if (!tree->all().empty()) {
    unit_id = tree->all().front().id;  // the root: the whole region
  }
  std::optional<ComplianceStatus> only;
  if (auto s = ctx.query_text("status"); s && !s->empty()) {
    for (ComplianceStatus c : {ComplianceStatus::met, ComplianceStatus::in_progress, ComplianceStatus::not_met,
                               ComplianceStatus::exempt})
      if (*s == status_key(c)) only = c;
    if (!only) return error_response(Status::invalid("status", "status must be met, in_progress, not_met or exempt"));
  }
  auto policy = ctx.store().policy(when.year);
  auto rows = ctx.store().compliance_rows(unit_id, when.year);
  bool full_id = ctx.is(Role::admin);
  std::int64_t counts[4] = {0, 0, 0, 0};
  std::int64_t matched = 0;
  json::array items;
  for (const store::ComplianceRow& r : rows) {
    YearStatus s = evaluate_year(policy, r.post, when.year, when.as_of, r.earned);
    ++counts[static_cast<int>(s.status)];
    if (only && s.status != *only) continue;
    ++matched;
    if (matched <= paging.offset || static_cast<int>(items.size()) >= paging.limit) continue;
    const Unit* unit = tree->find(r.unit_id);
    json::object item{{"officer_id", r.officer_id},
                      {"name", r.name},
                      {"id_number", full_id ? r.id_number : mask_id_number(r.id_number)},
                      {"kind", kind_key(r.kind)},
                      {"unit_id", r.unit_id},
                      {"unit_name", unit ? unit->name : ""}};
    for (auto& kv : status_json(s)) item[kv.key()] = kv.value();
    items.push_back(std::move(item));
  }
  json::object summary{{"officers", static_cast<std::int64_t>(rows.size())},
                       {"met", counts[static_cast<int>(ComplianceStatus::met)]},
                       {"in_progress", counts[static_cast<int>(ComplianceStatus::in_progress)]},
                       {"not_met", counts[static_cast<int>(ComplianceStatus::not_met)]},
                       {"exempt", counts[static_cast<int>(ComplianceStatus::exempt)]}};
  return json_response(200, json::object{{"year", when.year},
                                         {"unit_id", unit_id},
                                         {"as_of", format_date(when.as_of)},
                                         {"summary", std::move(summary)},
                                         {"items", std::move(items)},
                                         {"total", matched},
                                         {"limit", paging.limit},
                                         {"offset", paging.offset}});
}

}  // namespace certhours::api::handlers
