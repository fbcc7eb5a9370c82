#include "app/hours.hpp"

#include "app/id_lookup.hpp"
#include "domain/training.hpp"
#include "domain/unit_tree.hpp"

namespace certhours::app {

namespace {
struct YearAsOf {
  int year;
  Date as_of;
};
YearAsOf resolve(const Caller& c, const YearQuery& q) {
  return {q.year.value_or(year_of(c.today)), q.as_of.value_or(c.today)};
}
}  // namespace

Result<OfficerHours> officer_hours(App& app, const Caller& caller, Id officer_id, const YearQuery& q) {
  // The officer, their credits, the year's policy and their exemptions as of one moment.
  store::Snapshot snapshot(app.store);
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  auto when = resolve(caller, q);
  OfficerHours h{*o, when.year, when.as_of};
  CategoryHours earned;
  for (store::Credit& c : app.store.credits.of_officer(o->id, when.year)) {
    if (!ended_by(c.end_date, when.as_of)) {
      h.upcoming.push_back(std::move(c));
      continue;
    }
    earned += c.hours;
    h.trainings.push_back(std::move(c));
  }
  h.status = evaluate_year(app.store.policies.get(when.year), o->post(), when.year, when.as_of, earned,
                           exempt_days(app.store.exemptions.of_officer(o->id)));
  return h;
}

Result<ComplianceReport> compliance_report(App& app, const Caller& caller, const ComplianceQuery& q, Paging page) {
  auto when = resolve(caller, q.when);
  auto unit_id = report_unit(app, caller, q.unit_id);
  if (!unit_id) return unit_id.status();
  if (Status s = id_lookup_allowed(app, caller, q.q); !s) return s;
  auto tree = app.store.units.tree();
  const Unit* root = tree->find(*unit_id);
  ComplianceReport r{when.year, when.as_of, *unit_id, root ? root->name : ""};
  r.full_id_numbers = caller.is(Role::admin);
  ChildUnits children(*tree, r.unit_id);
  for (const Unit* u : children.units) r.children.push_back({u->id, u->name, {}});
  auto policy = app.store.policies.get(when.year);
  auto status_of = [&](const store::ComplianceRow& row) {
    return evaluate_year(policy, row.post, when.year, when.as_of, row.earned, exempt_days(row.exemptions));
  };
  auto listed = [&](const store::ComplianceRow& row) {
    YearStatus s = status_of(row);
    r.summary.add(s.status);
    if (auto i = children.of(row.unit_id)) r.children[*i].figures.add(s.status);
    if (!q.only.allows(s.status)) return false;
    if (!q.q.empty() && row.name.find(q.q) == std::string::npos && row.id_number != q.q) return false;
    ++r.matched;
    return true;
  };
  auto on_page = [&](store::ComplianceRow& row) {
    YearStatus s = status_of(row);
    const Unit* unit = tree->find(row.unit_id);
    r.items.push_back({std::move(row), unit ? unit->name : "", s});
  };
  std::optional<Id> first_match =
      app.store.credits.compliance_page(r.unit_id, when.year, when.as_of, listed, page.offset, page.limit, on_page);
  id_lookup_done(app, caller, q.q, r.matched, first_match);
  return r;
}

}  // namespace certhours::app
