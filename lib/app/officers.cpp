#include "app/officers.hpp"

#include "app/id_lookup.hpp"

namespace certhours::app {

std::shared_ptr<const UnitTree> unit_tree(App& app) { return app.store.units.tree(); }

Result<Officer> register_officer(App& app, const Caller& caller, Officer o) {
  o.status = initial_status(o.post(), caller.today);
  if (Status s = check_post_period(o.post()); !s) return s;
  if (Status s = visible_unit(app, caller, o.unit_id); !s) return s;
  return app.store.officers.create(o, caller.actor);
}

Result<store::Page<Officer>> find_officers(App& app, const Caller& caller, const OfficerSearch& s, Paging page) {
  store::OfficerQuery q{s.unit_id, s.q, s.status, page.limit, page.offset};
  if (s.unit_id) {
    if (Status v = visible_unit(app, caller, *s.unit_id, ""); !v) return v;
  } else {
    q.unit_id = caller.scope();
  }
  if (Status allowed = id_lookup_allowed(app, caller, q.q); !allowed) return allowed;
  auto found = app.store.officers.search(q);
  id_lookup_done(app, caller, q.q, found.total,
                 found.items.empty() ? std::nullopt : std::optional<Id>(found.items.front().id));
  return found;
}

Result<Officer> change_officer(App& app, const Caller& caller, Id officer_id, store::OfficerPatch p) {
  auto before = visible_officer(app, caller, officer_id);
  if (!before) return before.status();
  if (p.unit_id)
    if (Status s = visible_unit(app, caller, *p.unit_id); !s) return s;
  auto change = resolve_post_change({p.status, p.post_end}, caller.today);
  if (!change) return change.status();
  p.status = change->status;
  p.post_end = change->post_end;
  return app.store.officers.update(before->id, p, caller.actor);
}

}  // namespace certhours::app
