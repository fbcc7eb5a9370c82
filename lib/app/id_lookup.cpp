#include "app/id_lookup.hpp"

#include "domain/messages.hpp"

namespace certhours::app {

namespace {
bool budgeted(const Caller& c, const std::string& q) {
  return c.is(Role::hr) && q.size() == 18 && valid_id_number(q);
}
}  // namespace

Status id_lookup_allowed(App& app, const Caller& caller, const std::string& q) {
  if (!budgeted(caller, q)) return Status::ok();
  int wait = app.id_lookups.blocked(std::to_string(caller.user.id));
  if (wait == 0) return Status::ok();
  return Status::rate_limited(rules::id_lookup_budget, wait, {{"hours", std::to_string((wait + 3599) / 3600)}}, "q");
}

void id_lookup_done(App& app, const Caller& caller, const std::string& q, std::int64_t found,
                    std::optional<Id> first_officer) {
  if (!budgeted(caller, q)) return;
  if (found == 0) app.id_lookups.add(std::to_string(caller.user.id));
  app.store.audit.id_lookup(mask_id_number(q), first_officer, found, caller.actor);
}

}  // namespace certhours::app
