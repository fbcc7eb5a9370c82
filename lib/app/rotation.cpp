#include "app/rotation.hpp"

#include "domain/messages.hpp"
#include "domain/requirement.hpp"
#include "domain/unit_tree.hpp"
#include "store/campaigns.hpp"

namespace certhours::app {

Result<std::optional<Campaign>> chosen_campaign(App& app, std::optional<Id> id, Date as_of) {
  if (id) {
    auto c = app.store.campaigns.find(*id);
    if (!c) return Status::not_found(rules::campaign_not_found, {{"id", std::to_string(*id)}});
    return std::optional<Campaign>(std::move(*c));
  }
  auto all = app.store.campaigns.list();
  const Campaign* c = default_campaign(all, as_of);
  return c ? std::optional<Campaign>(*c) : std::optional<Campaign>();
}

std::vector<Campaign> campaigns(App& app) { return app.store.campaigns.list(); }

Result<Campaign> create_campaign(App& app, const Caller& caller, const Campaign& c) {
  return app.store.campaigns.create(c, caller.actor);
}

namespace {
std::string unit_name(const UnitTree& tree, Id id) {
  const Unit* u = tree.find(id);
  return u ? u->name : "";
}

template <class Figures>
std::vector<UnitFigures<Figures>> child_rows(const ChildUnits& children) {
  std::vector<UnitFigures<Figures>> rows;
  for (const Unit* u : children.units) rows.push_back({u->id, u->name, {}});
  return rows;
}
}  // namespace

Result<RotationReport> rotation_report(App& app, const Caller& caller, const ReportQuery& q, Paging page) {
  Date as_of = q.as_of.value_or(caller.today);
  auto unit_id = report_unit(app, caller, q.unit_id);
  if (!unit_id) return unit_id.status();
  auto chosen = chosen_campaign(app, q.campaign_id, as_of);
  if (!chosen) return chosen.status();
  if (!*chosen) return Status::not_found(rules::no_campaign);
  auto tree = app.store.units.tree();
  RotationReport r{**chosen, *unit_id, unit_name(*tree, *unit_id), as_of};
  ChildUnits children(*tree, r.unit_id);
  r.children = child_rows<RotationReport::Child>(children);
  for (const store::RotationRow& row : app.store.campaigns.rotation_rows(r.unit_id, r.campaign, as_of)) {
    r.total.add(row.rotated);
    if (auto i = children.of(row.unit_id)) r.children[*i].figures.tally.add(row.rotated);
    if (!row.rotated && page.holds(r.total.pending() - 1))
      r.pending.push_back({row.officer_id, row.name, row.unit_id, unit_name(*tree, row.unit_id)});
  }
  for (auto& c : r.children) c.figures.status = rotation_status(r.campaign, as_of, c.figures.tally.pending());
  return r;
}

namespace {
// Compliance of the current and previous year, as /compliance evaluates it as of as_of.
template <class Each>
void add_compliance(App& app, Id unit_id, Date as_of, Each&& each) {
  int year = year_of(as_of);
  for (int y : {year - 1, year}) {
    auto policy = app.store.policies.get(y);
    app.store.credits.each_compliance_row(unit_id, y, as_of, [&](const store::ComplianceRow& r) {
      YearStatus s = evaluate_year(policy, r.post, y, as_of, r.earned, exempt_days(r.exemptions));
      bool on_post = y == year && r.post.on_post(as_of);
      each(r.unit_id, [&](ProgressFigures& f) {
        if (on_post) ++f.officers;
        if (s.status == ComplianceStatus::exempt) return;
        ProgressFigures::Year& yf = y == year ? f.current_year : f.previous_year;
        ++yf.officers;
        if (s.status == ComplianceStatus::met) ++yf.met;
      });
    });
  }
}

void count_certificates(App& app, Id unit_id, Date as_of, ProgressFigures& f) {
  for (const Certificate& c : app.store.certificates.in_unit(unit_id))
    if (auto s = state_on(c, as_of)) ++f.certificates[static_cast<std::size_t>(*s)];
}
}  // namespace

Result<ProgressReport> progress_report(App& app, const Caller& caller, const ReportQuery& q) {
  Date as_of = q.as_of.value_or(caller.today);
  auto unit_id = report_unit(app, caller, q.unit_id);
  if (!unit_id) return unit_id.status();
  auto campaign = chosen_campaign(app, q.campaign_id, as_of);
  if (!campaign) return campaign.status();
  auto tree = app.store.units.tree();
  ProgressReport r{*unit_id, unit_name(*tree, *unit_id), as_of, year_of(as_of), *campaign};
  ChildUnits children(*tree, r.unit_id);
  r.children = child_rows<ProgressFigures>(children);
  auto each = [&](Id unit, auto&& fn) {
    fn(r.total);
    if (auto i = children.of(unit)) fn(r.children[*i].figures);
  };
  add_compliance(app, r.unit_id, as_of, each);
  if (r.campaign)
    for (const store::RotationRow& row : app.store.campaigns.rotation_rows(r.unit_id, *r.campaign, as_of))
      each(row.unit_id, [&](ProgressFigures& f) { f.rotation.add(row.rotated); });
  if (tree->find(r.unit_id)) {
    count_certificates(app, r.unit_id, as_of, r.total);
    for (auto& c : r.children) count_certificates(app, c.unit_id, as_of, c.figures);
  }
  return r;
}

}  // namespace certhours::app
