// The full-staff rotation (GET /rotation, rotation campaigns) and the mid-term/final
// progress report (GET /reports/progress), which reuses the rotation and compliance figures.
#include <array>
#include "domain/messages.hpp"
#include <map>

#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "app/rotation.hpp"
#include "domain/rotation.hpp"

namespace certhours::api::handlers {

namespace {

json::value rate_value(std::int64_t part, std::int64_t whole) {
  auto r = rounded_rate(part, whole);
  return r ? json::value(*r) : json::value();
}

json::object tally_json(const RotationTally& t) {
  return {{"required", t.required},
          {"rotated", t.rotated},
          {"pending", t.pending()},
          {"rate", rate_value(t.rotated, t.required)}};
}

json::object figures_json(const app::ProgressFigures& f, const json::value& campaign_id, int year) {
  auto year_json = [](int y, const app::ProgressFigures::Year& yf) {
    return json::object{{"year", y}, {"officers", yf.officers}, {"met", yf.met}, {"rate", rate_value(yf.met, yf.officers)}};
  };
  json::object certs;
  for (CertState s : {CertState::valid, CertState::suspended, CertState::withdrawn, CertState::cancelled,
                      CertState::expired})
    certs[cert_state_key(s)] = f.certificates[static_cast<std::size_t>(s)];
  json::object rotation{{"campaign_id", campaign_id}};
  for (auto& kv : tally_json(f.rotation)) rotation[kv.key()] = kv.value();
  return {{"officers", f.officers},
          {"rotation", std::move(rotation)},
          {"compliance",
           {{"previous_year", year_json(year - 1, f.previous_year)}, {"current_year", year_json(year, f.current_year)}}},
          {"certificates", std::move(certs)}};
}

// ?unit_id=, ?campaign_id=, ?as_of=.
Result<app::ReportQuery> report_query(const Ctx& ctx) {
  auto unit_id = ctx.query_int("unit_id", 1, INT64_MAX);
  if (!unit_id) return unit_id.status();
  auto campaign_id = ctx.query_int("campaign_id", 1, INT64_MAX);
  if (!campaign_id) return campaign_id.status();
  auto as_of = ctx.query_date("as_of");
  if (!as_of) return as_of.status();
  return app::ReportQuery{*unit_id, *campaign_id, *as_of};
}
}  // namespace

Response rotation(Ctx& ctx) {
  CH_TRY(q, report_query(ctx));
  CH_TRY(paging, ctx.paging());
  CH_TRY(r, app::rotation_report(ctx.app(), ctx.caller(), q, paging));
  json::array pending;
  for (const auto& p : r.pending)
    pending.push_back(json::object{
        {"officer_id", p.officer_id}, {"name", p.name}, {"unit_id", p.unit_id}, {"unit_name", p.unit_name}});
  json::array child_rows;
  for (const auto& c : r.children) {
    json::object row{{"unit_id", c.unit_id}, {"unit_name", c.unit_name}};
    for (auto& kv : tally_json(c.figures.tally)) row[kv.key()] = kv.value();
    row["status"] = rotation_status_key(c.figures.status);
    child_rows.push_back(std::move(row));
  }
  return json_response(200, json::object{{"campaign", campaign_json(r.campaign)},
                                         {"unit_id", r.unit_id},
                                         {"unit_name", r.unit_name},
                                         {"as_of", format_date(r.as_of)},
                                         {"status", rotation_status_key(r.status())},
                                         {"summary", tally_json(r.total)},
                                         {"children", std::move(child_rows)},
                                         {"pending", std::move(pending)},
                                         {"limit", paging.limit},
                                         {"offset", paging.offset}});
}

Response list_rotation_campaigns(Ctx& ctx) {
  json::array items;
  for (const Campaign& c : app::campaigns(ctx.app())) items.push_back(campaign_json(c));
  return ctx.list(std::move(items), {});
}

Response create_rotation_campaign(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(name, f.text("name"));
  CH_TRY(window_start, f.date("window_start"));
  CH_TRY(deadline, f.date("deadline"));
  CH_TRY(created, app::create_campaign(ctx.app(), ctx.caller(), Campaign{0, name, window_start, deadline}));
  return json_response(201, campaign_json(created));
}

Response progress_report(Ctx& ctx) {
  CH_TRY(q, report_query(ctx));
  CH_TRY(r, app::progress_report(ctx.app(), ctx.caller(), q));
  json::value campaign_id = r.campaign ? json::value(r.campaign->id) : json::value();
  json::array child_rows;
  for (const auto& c : r.children) {
    json::object row{{"unit_id", c.unit_id}, {"unit_name", c.unit_name}};
    for (auto& kv : figures_json(c.figures, campaign_id, r.year)) row[kv.key()] = kv.value();
    child_rows.push_back(std::move(row));
  }
  json::object out{{"unit_id", r.unit_id},
                   {"unit_name", r.unit_name},
                   {"as_of", format_date(r.as_of)},
                   {"campaign", r.campaign ? json::value(campaign_json(*r.campaign)) : json::value()}};
  for (auto& kv : figures_json(r.total, campaign_id, r.year)) out[kv.key()] = kv.value();
  out["children"] = std::move(child_rows);
  return json_response(200, out);
}

}  // namespace certhours::api::handlers
