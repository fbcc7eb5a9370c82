// Running the service: the unit tree, user accounts, the yearly requirement, the audit log and
// sessions. Roles are checked by the doors (the route table, the command line); reach is
// checked here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"

namespace certhours::app {

// --- units ---
// The units the caller sees: every one (admin), their subtree (hr), their own unit (officer).
std::vector<Unit> visible_units(App& app, const Caller& caller);
Result<Unit> create_unit(App& app, const Caller& caller, const store::NewUnit& u);

// --- users ---
struct NewAccount {
  std::string username, password;
  Role role = Role::officer;
  std::optional<Id> unit_id, officer_id;
  bool must_change_password = false;
};
// Checks the name, the password rules and the role's link before hashing (slow on purpose).
Result<User> create_user(App& app, Auth& auth, const Caller& caller, const NewAccount& a);
store::Page<store::UserRecord> users(App& app, Paging page);
Result<store::UserRecord> user(App& app, Id user_id);
// The user of a username (not_found, user_not_found, when there is none).
Result<store::UserRecord> user_named(App& app, const std::string& username);
// A new password chosen for the user (the password rules apply); `must_change`: they must choose
// their own at the next login. Every session of theirs ends; audited, never the hash.
Status set_password(App& app, Auth& auth, const Caller& caller, const User& user, const std::string& password,
                    bool must_change);
// Disables (every session ends) or enables a user; nobody disables themself.
Result<store::UserRecord> set_disabled(App& app, const Caller& caller, Id user_id, bool disabled);
// Logs the caller out everywhere (every session of theirs ends; audited).
void end_own_sessions(App& app, const Caller& caller);

// --- the yearly requirement ---
std::optional<Policy> policy(App& app, int year);
// Only the current year and later may change (check_policy_change on the caller's day).
Status put_policy(App& app, const Caller& caller, int year, const Policy& p);

// --- the audit log ---
// The entities the audit log records (GET /audit?entity=, and the OpenAPI document's list).
inline constexpr const char* kAuditEntities[] = {
    "unit",   "user",   "officer",     "policy", "training",    "attendance", "campaign", "certificate",
    "assessment", "import", "export", "exit_review", "exam", "application", "claim",      "exemption"};
store::Page<store::AuditEntry> audit(App& app, const std::optional<std::string>& entity, std::optional<Id> entity_id,
                                     Paging page);

// The size of the database file and its WAL in bytes (GET /metrics).
std::int64_t database_bytes(App& app);
// nullopt when the database file can be read now (GET /readyz); else why not.
std::optional<std::string> database_unreadable(App& app);

}  // namespace certhours::app
