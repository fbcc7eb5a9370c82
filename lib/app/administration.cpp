#include "app/administration.hpp"

#include "domain/messages.hpp"
#include "domain/password.hpp"
#include "store/readiness.hpp"

namespace certhours::app {

std::vector<Unit> visible_units(App& app, const Caller& caller) {
  auto tree = app.store.units.tree();
  std::vector<Unit> out;
  if (caller.is(Role::officer)) {
    // An officer sees their own unit only (one lookup, not one per unit).
    auto o = caller.user.officer_id ? app.store.officers.find(*caller.user.officer_id) : std::nullopt;
    if (const Unit* u = o ? tree->find(o->unit_id) : nullptr) out.push_back(*u);
    return out;
  }
  for (const Unit& u : tree->all())
    if (certhours::sees_unit(caller.user, *tree, u.id, std::nullopt)) out.push_back(u);
  return out;
}

Result<Unit> create_unit(App& app, const Caller& caller, const store::NewUnit& u) {
  return app.store.units.create(u, caller.actor);
}

Result<User> create_user(App& app, Auth& auth, const Caller& caller, const NewAccount& a) {
  if (Status s = check_username(a.username); !s) return s;
  if (Status s = check_password(a.password, a.username); !s) return s;
  if (Status s = check_user_links(a.role, a.unit_id, a.officer_id); !s) return s;  // before the costly hash
  store::NewUser n{a.username, auth.hash_password(a.password), a.role, a.unit_id, a.officer_id,
                   a.must_change_password};
  return app.store.users.create(n, caller.actor);
}

Result<store::UserRecord> user_named(App& app, const std::string& username) {
  auto cred = app.store.users.credentials(username);
  if (!cred) return Status::not_found(rules::user_not_found, {{"id", username}});
  return user(app, cred->user.id);
}

Status set_password(App& app, Auth& auth, const Caller& caller, const User& user, const std::string& password,
                    bool must_change) {
  if (Status s = check_password(password, user.username); !s) return s;
  return app.store.users.set_password(user.id, auth.hash_password(password), must_change, {}, caller.actor);
}

store::Page<store::UserRecord> users(App& app, Paging page) { return app.store.users.list(page.limit, page.offset); }

Result<store::UserRecord> user(App& app, Id user_id) {
  auto r = app.store.users.find(user_id);
  if (!r) return Status::not_found(rules::user_not_found, {{"id", std::to_string(user_id)}});
  return *r;
}

Result<store::UserRecord> set_disabled(App& app, const Caller& caller, Id user_id, bool disabled) {
  if (disabled && user_id == caller.user.id) return Status::conflict(rules::cannot_disable_self, {}, "disabled");
  return app.store.users.set_disabled(user_id, disabled, caller.actor);
}

void end_own_sessions(App& app, const Caller& caller) { app.store.sessions.end_all(caller.user.id, {}, caller.actor); }

std::optional<Policy> policy(App& app, int year) { return app.store.policies.get(year); }

Status put_policy(App& app, const Caller& caller, int year, const Policy& p) {
  if (Status s = check_policy_change(year, year_of(caller.today)); !s) return s;
  return app.store.policies.put(year, p, caller.actor);
}

store::Page<store::AuditEntry> audit(App& app, const std::optional<std::string>& entity, std::optional<Id> entity_id,
                                     Paging page) {
  return app.store.audit.page(entity, entity_id, page.limit, page.offset);
}

std::int64_t database_bytes(App& app) { return app.store.size_bytes(); }

std::optional<std::string> database_unreadable(App& app) { return store::unreadable(app.store.path()); }

}  // namespace certhours::app
