// The full-staff rotation (GET /rotation, rotation campaigns) and the mid-term/final
// progress report (GET /reports/progress), which reuses the rotation and compliance figures.
#include <array>
#include "domain/messages.hpp"
#include <map>

#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "api/rotation_report.hpp"
#include "domain/rotation.hpp"
#include "store/rotation_store.hpp"

namespace certhours::api {

Result<std::optional<Campaign>> chosen_campaign(const Ctx& ctx, Date as_of) {
  auto id = ctx.query_int("campaign_id", 1, INT64_MAX);
  if (!id) return id.status();
  if (*id) {
    auto c = store::find_campaign(ctx.store(), **id);
    if (!c) return Status::not_found(rules::campaign_not_found, {{"id", std::to_string(**id)}});
    return std::optional<Campaign>(std::move(*c));
  }
  auto all = store::list_campaigns(ctx.store());
  const Campaign* c = default_campaign(all, as_of);
  return c ? std::optional<Campaign>(*c) : std::optional<Campaign>();
}

}  // namespace certhours::api

namespace certhours::api::handlers {

namespace {

json::value rate_value(std::int64_t part, std::int64_t whole) {
  auto r = rounded_rate(part, whole);
  return r ? json::value(*r) : json::value();
}

json::object campaign_json(const Campaign& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"window_start", format_date(c.window_start)},
          {"deadline", format_date(c.deadline)}};
}

json::object tally_json(const RotationTally& t) {
  return {{"required", t.required},
          {"rotated", t.rotated},
          {"pending", t.pending()},
          {"rate", rate_value(t.rotated, t.required)}};
}

// --- the progress report ---
struct YearFigures {
  std::int64_t officers = 0, met = 0;  // non-exempt officers of the year's compliance sheet
};

struct Figures {
  std::int64_t officers = 0;  // on post on as_of
  RotationTally rotation;
  YearFigures previous_year, current_year;
  std::array<std::int64_t, 5> certificates{};  // by CertState
};

json::object figures_json(const Figures& f, const json::value& campaign_id, int year) {
  auto year_json = [](int y, const YearFigures& yf) {
    return json::object{{"year", y}, {"officers", yf.officers}, {"met", yf.met}, {"rate", rate_value(yf.met, yf.officers)}};
  };
  json::object certs;
  for (CertState s : {CertState::valid, CertState::suspended, CertState::withdrawn, CertState::cancelled,
                      CertState::expired})
    certs[cert_state_key(s)] = f.certificates[static_cast<std::size_t>(s)];
  return {{"officers", f.officers},
          {"rotation",
           {{"campaign_id", campaign_id},
            {"required", f.rotation.required},
            {"rotated", f.rotation.rotated},
            {"pending", f.rotation.pending()},
            {"rate", rate_value(f.rotation.rotated, f.rotation.required)}}},
          {"compliance",
           {{"previous_year", year_json(year - 1, f.previous_year)}, {"current_year", year_json(year, f.current_year)}}},
          {"certificates", std::move(certs)}};
}

void count_certificates(store::Store& store, Id unit_id, Date as_of, Figures& f) {
  for (const Certificate& c : store.certificates_in(unit_id))
    if (auto s = state_on(c, as_of)) ++f.certificates[static_cast<std::size_t>(*s)];
}

}  // namespace

Response rotation(Ctx& ctx) {
  CH_TRY(as_of_param, ctx.query_date("as_of"));
  Date as_of = as_of_param.value_or(ctx.today);
  CH_TRY(unit_id, ctx.report_unit());
  CH_TRY(chosen, chosen_campaign(ctx, as_of));
  CH_TRY(paging, ctx.paging());
  if (!chosen) return error_response(Status::not_found(rules::no_campaign));
  const Campaign& campaign = *chosen;

  auto tree = ctx.store().units();
  const Unit* root = tree->find(unit_id);
  ChildUnits children(*tree, unit_id);
  std::vector<RotationTally> per_child(children.units.size());
  RotationTally total;
  json::array pending;
  for (const store::RotationRow& r : store::rotation_rows(ctx.store(), unit_id, campaign)) {
    total.add(r.rotated);
    if (auto i = children.of(r.unit_id)) per_child[*i].add(r.rotated);
    if (r.rotated) continue;
    // Pending names, paged; summary.pending counts them all.
    std::int64_t nth = total.pending();  // 1-based position of this pending officer
    if (nth <= paging.offset || static_cast<int>(pending.size()) >= paging.limit) continue;
    const Unit* u = tree->find(r.unit_id);
    pending.push_back(json::object{
        {"officer_id", r.officer_id}, {"name", r.name}, {"unit_id", r.unit_id}, {"unit_name", u ? u->name : ""}});
  }
  json::array child_rows;
  for (std::size_t i = 0; i < children.units.size(); ++i) {
    json::object row{{"unit_id", children.units[i]->id}, {"unit_name", children.units[i]->name}};
    for (auto& kv : tally_json(per_child[i])) row[kv.key()] = kv.value();
    row["status"] = rotation_status_key(rotation_status(campaign, as_of, per_child[i].pending()));
    child_rows.push_back(std::move(row));
  }
  return json_response(200, json::object{{"campaign", campaign_json(campaign)},
                                         {"unit_id", unit_id},
                                         {"unit_name", root ? root->name : ""},
                                         {"as_of", format_date(as_of)},
                                         {"status", rotation_status_key(rotation_status(campaign, as_of, total.pending()))},
                                         {"summary", tally_json(total)},
                                         {"children", std::move(child_rows)},
                                         {"pending", std::move(pending)},
                                         {"limit", paging.limit},
                                         {"offset", paging.offset}});
}

Response list_rotation_campaigns(Ctx& ctx) {
  json::array items;
  for (const Campaign& c : store::list_campaigns(ctx.store())) items.push_back(campaign_json(c));
  return ctx.list(std::move(items), {});
}

Response create_rotation_campaign(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(name, f.text("name"));
  CH_TRY(window_start, f.date("window_start"));
  CH_TRY(deadline, f.date("deadline"));
  CH_TRY(created, store::create_campaign(ctx.store(), Campaign{0, name, window_start, deadline}, ctx.actor()));
  return json_response(201, campaign_json(created));
}

Response progress_report(Ctx& ctx) {
  CH_TRY(as_of_param, ctx.query_date("as_of"));
  Date as_of = as_of_param.value_or(ctx.today);
  CH_TRY(unit_id, ctx.report_unit());
  CH_TRY(campaign, chosen_campaign(ctx, as_of));
  int year = year_of(as_of);

  auto tree = ctx.store().units();
  const Unit* root = tree->find(unit_id);
  ChildUnits children(*tree, unit_id);
  Figures total;
  std::vector<Figures> per_child(children.units.size());
  auto each = [&](Id unit, auto&& fn) {
    fn(total);
    if (auto i = children.of(unit)) fn(per_child[*i]);
  };

  // Compliance of the current and previous year, as /compliance evaluates it as of as_of.
  for (int y : {year - 1, year}) {
    auto policy = ctx.store().policy(y);
    for (const store::ComplianceRow& r : ctx.store().compliance_rows(unit_id, y)) {
      YearStatus s = evaluate_year(policy, r.post, y, as_of, r.earned);
      bool on_post = y == year && r.post.on_post(as_of);
      each(r.unit_id, [&](Figures& f) {
        if (on_post) ++f.officers;
        if (s.status == ComplianceStatus::exempt) return;
        YearFigures& yf = y == year ? f.current_year : f.previous_year;
        ++yf.officers;
        if (s.status == ComplianceStatus::met) ++yf.met;
      });
    }
  }
  if (campaign)
    for (const store::RotationRow& r : store::rotation_rows(ctx.store(), unit_id, *campaign))
      each(r.unit_id, [&](Figures& f) { f.rotation.add(r.rotated); });
  if (root) {
    count_certificates(ctx.store(), unit_id, as_of, total);
    for (std::size_t i = 0; i < children.units.size(); ++i)
      count_certificates(ctx.store(), children.units[i]->id, as_of, per_child[i]);
  }

  json::value campaign_id = campaign ? json::value(campaign->id) : json::value();
  json::array child_rows;
  for (std::size_t i = 0; i < children.units.size(); ++i) {
    json::object row{{"unit_id", children.units[i]->id}, {"unit_name", children.units[i]->name}};
    for (auto& kv : figures_json(per_child[i], campaign_id, year)) row[kv.key()] = kv.value();
    child_rows.push_back(std::move(row));
  }
  json::object out{{"unit_id", unit_id},
                   {"unit_name", root ? root->name : ""},
                   {"as_of", format_date(as_of)},
                   {"campaign", campaign ? json::value(campaign_json(*campaign)) : json::value()}};
  for (auto& kv : figures_json(total, campaign_id, year)) out[kv.key()] = kv.value();
  out["children"] = std::move(child_rows);
  return json_response(200, out);
}

}  // namespace certhours::api::handlers
