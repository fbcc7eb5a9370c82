// An officer's hours for a year, and the compliance of a unit's subtree.
#include "api/codec.hpp"
#include "domain/messages.hpp"
#include "api/handlers.hpp"
#include "app/hours.hpp"

#include <map>

namespace certhours::api::handlers {

namespace {
// ?year= (default: this year) and ?as_of= (default: today), both in Asia/Shanghai.
Result<app::YearQuery> year_query(const Ctx& ctx) {
  auto year = ctx.query_int("year", kMinYear, kMaxYear);
  if (!year) return year.status();
  auto as_of = ctx.query_date("as_of");
  if (!as_of) return as_of.status();
  return app::YearQuery{*year ? std::optional<int>(static_cast<int>(**year)) : std::nullopt, *as_of};
}

// ?q=: a part of a name, or a whole ID number (normalised: a lower-case x made upper).
Result<std::string> search_param(const Ctx& ctx) {
  auto text = ctx.query_text("q");
  if (!text || text->empty()) return std::string();
  auto clean = clean_text("q", *text, 50);
  if (!clean) return clean.status();
  return normalize_id_number(*clean);
}

json::object status_json(const YearStatus& s) {
  return {{"status", status_key(s.status)},
          {"legal", progress_json(s.legal, true)},
          {"business", progress_json(s.business, true)},
          {"political", {{"earned", hours_value(s.political)}}}};
}

json::object counts_json(const ComplianceTally& c) {
  return json::object{{"officers", c.officers},
                      {"met", c.of(ComplianceStatus::met)},
                      {"in_progress", c.of(ComplianceStatus::in_progress)},
                      {"not_met", c.of(ComplianceStatus::not_met)},
                      {"exempt", c.of(ComplianceStatus::exempt)}};
}

json::object compliance_item(const app::ComplianceReport::Item& i, bool full_id) {
  const store::ComplianceRow& r = i.row;
  json::object item{{"officer_id", r.officer_id},
                    {"name", r.name},
                    {"id_number", full_id ? r.id_number : mask_id_number(r.id_number)},
                    {"kind", kind_key(r.kind)},
                    {"officer_status", officer_status_key(r.status)},
                    {"post_start", format_date(r.post.start)},
                    {"post_end", date_value(r.post.end)},
                    {"unit_id", r.unit_id},
                    {"unit_name", i.unit_name}};
  for (auto& kv : status_json(i.status)) item[kv.key()] = kv.value();
  json::array exemptions;
  for (const Exemption& e : r.exemptions)
    exemptions.push_back(json::object{{"from", format_date(e.spec.days.from)},
                                      {"to", format_date(e.spec.days.to)},
                                      {"reason_code", exemption_reason_key(e.spec.reason_code)}});
  item["exemptions"] = std::move(exemptions);
  return item;
}
}  // namespace

Response officer_hours(Ctx& ctx) {
  CH_TRY(when, year_query(ctx));
  CH_TRY(h, app::officer_hours(ctx.app(), ctx.caller(), ctx.param_id(0), when));
  // Written as it goes (JsonWriter), not built as objects first: the busiest answer of all,
  // whose credits were a fifth of its CPU as json::objects.
  JsonWriter w;
  auto credits = [&](const char* key, const std::vector<store::Credit>& list) {
    w.key(key).begin_array();
    for (const store::Credit& c : list) {
      // A session by its id; an approved external claim by its claim_id, with its provider.
      w.begin_object();
      if (c.source == store::CreditSource::session) w.key("id").value(c.training_id);
      w.key("source").value(store::kCreditSources.key(c.source));
      if (c.source == store::CreditSource::external) {
        w.key("claim_id").value(c.claim_id);
        w.key("provider").value(c.provider);
      }
      w.key("title").value(c.title);
      w.key("start_date").value(format_date(c.start_date));
      w.key("end_date").value(format_date(c.end_date));
      w.key("hours").begin_object();
      codec::for_each_category(c.hours, [&](const char* k, Hours v) { w.key(k).value(hours_value(v)); });
      w.end_object().end_object();
    }
    w.end_array();
  };
  w.begin_object();
  w.key("officer_id").value(h.officer.id).key("year").value(h.year).key("as_of").value(format_date(h.as_of));
  for (auto& kv : status_json(h.status)) w.key(kv.key()).value(kv.value());
  credits("trainings", h.trainings);
  credits("upcoming", h.upcoming);
  w.end_object();
  return json_text_response(200, w.take());
}

Response compliance(Ctx& ctx) {
  app::ComplianceQuery q;
  CH_TRY(when, year_query(ctx));
  CH_TRY(paging, ctx.paging());
  CH_TRY(unit_id, ctx.query_int("unit_id", 1, INT64_MAX));
  CH_TRY(only, ctx.query_statuses("status"));
  CH_TRY(search, search_param(ctx));
  q = {unit_id, when, only, search};
  CH_TRY(r, app::compliance_report(ctx.app(), ctx.caller(), q, paging));
  json::array items;
  for (const auto& i : r.items) items.push_back(compliance_item(i, r.full_id_numbers));
  json::array child_rows;
  for (const auto& c : r.children) {
    json::object row{{"unit_id", c.unit_id}, {"unit_name", c.unit_name}};
    for (auto& kv : counts_json(c.figures)) row[kv.key()] = kv.value();
    child_rows.push_back(std::move(row));
  }
  return json_response(200, json::object{{"year", r.year},
                                         {"unit_id", r.unit_id},
                                         {"unit_name", r.unit_name},
                                         {"children", std::move(child_rows)},
                                         {"as_of", format_date(r.as_of)},
                                         {"summary", counts_json(r.summary)},
                                         {"items", std::move(items)},
                                         {"total", r.matched},
                                         {"limit", paging.limit},
                                         {"offset", paging.offset}});
}

}  // namespace certhours::api::handlers
