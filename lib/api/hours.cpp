// An officer's hours for a year, and the compliance of a unit's subtree.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"

#include <map>

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
  CH_TRY(unit_id, ctx.report_unit());
  auto tree = ctx.store().units();
  std::optional<ComplianceStatus> only;
  if (auto s = ctx.query_text("status"); s && !s->empty()) {
    for (ComplianceStatus c : {ComplianceStatus::met, ComplianceStatus::in_progress, ComplianceStatus::not_met,
                               ComplianceStatus::exempt})
      if (*s == status_key(c)) only = c;
    if (!only) return error_response(Status::invalid("status", rules::value_not_allowed, {{"allowed", "met,in_progress,not_met,exempt"}, {"value", *s}}));
  }
  std::string q;
  if (auto text = ctx.query_text("q"); text && !text->empty()) {
    CH_TRY(clean, clean_text("q", *text, 50));
    q = normalize_id_number(clean);
  }
  if (auto refused = ctx.id_lookup_allowed(q)) return std::move(*refused);
  auto policy = ctx.store().policy(when.year);
  auto rows = ctx.store().compliance_rows(unit_id, when.year);
  bool full_id = ctx.is(Role::admin);

  // The same counts per direct child unit, so a report shows which one lags.
  using Counts = ComplianceTally;
  const Unit* root = tree->find(unit_id);
  std::vector<const Unit*> children = tree->children(unit_id);
  std::vector<Counts> child_counts(children.size());
  std::map<Id, std::size_t> child_of;  // unit id -> index in children
  for (std::size_t i = 0; i < children.size(); ++i)
    for (const Unit* u : tree->subtree(children[i]->id)) child_of[u->id] = i;

  Counts total;
  std::int64_t matched = 0;
  std::optional<Id> first_match;
  json::array items;
  for (const store::ComplianceRow& r : rows) {
    YearStatus s = evaluate_year(policy, r.post, when.year, when.as_of, r.earned);
    total.add(s.status);
    if (auto it = child_of.find(r.unit_id); it != child_of.end()) child_counts[it->second].add(s.status);
    if (only && s.status != *only) continue;
    if (!q.empty() && r.name.find(q) == std::string::npos && r.id_number != q) continue;
    if (!first_match) first_match = r.officer_id;
    ++matched;
    if (matched <= paging.offset || static_cast<int>(items.size()) >= paging.limit) continue;
    const Unit* unit = tree->find(r.unit_id);
    json::object item{{"officer_id", r.officer_id},
                      {"name", r.name},
                      {"id_number", full_id ? r.id_number : mask_id_number(r.id_number)},
                      {"kind", kind_key(r.kind)},
                      {"officer_status", officer_status_key(r.status)},
                      {"post_start", format_date(r.post.start)},
                      {"post_end", date_value(r.post.end)},
                      {"unit_id", r.unit_id},
                      {"unit_name", unit ? unit->name : ""}};
    for (auto& kv : status_json(s)) item[kv.key()] = kv.value();
    items.push_back(std::move(item));
  }
  ctx.id_lookup_done(q, matched, first_match);
  auto counts_json = [](const Counts& c) {
    return json::object{{"officers", c.officers},
                        {"met", c.of(ComplianceStatus::met)},
                        {"in_progress", c.of(ComplianceStatus::in_progress)},
                        {"not_met", c.of(ComplianceStatus::not_met)},
                        {"exempt", c.of(ComplianceStatus::exempt)}};
  };
  json::object summary = counts_json(total);
  json::array child_rows;
  for (std::size_t i = 0; i < children.size(); ++i) {
    json::object row{{"unit_id", children[i]->id}, {"unit_name", children[i]->name}};
    for (auto& kv : counts_json(child_counts[i])) row[kv.key()] = kv.value();
    child_rows.push_back(std::move(row));
  }
  return json_response(200, json::object{{"year", when.year},
                                         {"unit_id", unit_id},
                                         {"unit_name", root ? root->name : ""},
                                         {"children", std::move(child_rows)},
                                         {"as_of", format_date(when.as_of)},
                                         {"summary", std::move(summary)},
                                         {"items", std::move(items)},
                                         {"total", matched},
                                         {"limit", paging.limit},
                                         {"offset", paging.offset}});
}

}  // namespace certhours::api::handlers
