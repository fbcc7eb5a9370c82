// certhours user add|list|password|disable|enable: the accounts, from the command line (the
// recovery door when the last administrator's password is lost). The same use cases as
// /users (lib/app/administration.hpp), acting as "cli".
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/administration.hpp"
#include "app/clock.hpp"
#include "commands.hpp"
#include "domain/password.hpp"

namespace {

using namespace certhours;
using cli::Commands;
using cli::existing_store;
using cli::password_from_stdin;
using cli::UsageError;

// ---- user add|list|password|disable|enable ----

struct UserArgs {
  std::string db, username, role;
  Id unit = 0, officer = 0;
  bool must_change = false;
};

// The command line acts as an administrator (named "cli" in the audit log) on a database file.
struct Session {
  explicit Session(const std::string& db) : store(existing_store(db)), auth(*store) {}
  std::unique_ptr<store::Store> store;
  app::Auth auth;
  app::RateLimiter no_lookups{1, std::chrono::seconds(1)};  // the command line looks nobody up
  app::App app{*store, no_lookups};
  app::Caller caller = app::Caller::command_line(app::today_in_shanghai());
};

// The user a command names, or a usage error.
store::UserRecord named_user(app::App& app, const std::string& username) {
  auto r = app::user_named(app, username);
  if (!r) throw UsageError("no such user: " + username);
  return *r;
}

int run_user_add(const UserArgs& a, const CLI::App& cmd) {
  if (Status s = check_username(a.username); !s) throw UsageError(s.message());
  Role role = *parse_role(a.role);  // --role is checked against the three by CLI11
  std::optional<Id> unit, officer;
  if (cmd.count("--unit")) unit = a.unit;
  if (cmd.count("--officer")) officer = a.officer;
  if (Status s = check_user_links(role, unit, officer); !s)
    throw UsageError(role == Role::hr ? "an hr user needs --unit ID" : "an officer user needs --officer ID");
  std::string password = password_from_stdin("password");
  if (Status s = check_password(password, a.username); !s) throw UsageError(s.message());
  Session s(a.db);
  auto user = app::create_user(s.app, s.auth, s.caller, {a.username, password, role, unit, officer});
  if (!user) throw UsageError(user.status().message());
  std::cout << "user " << user->username << " (" << role_key(user->role) << ") created with id " << user->id << std::endl;
  return 0;
}

int run_user_list(const UserArgs& a) {
  Session s(a.db);
  for (int offset = 0;; offset += 1000) {
    auto page = app::users(s.app, {1000, offset});
    for (const auto& r : page.items)
      std::cout << r.user.id << "\t" << r.user.username << "\t" << role_key(r.user.role) << "\t"
                << (r.disabled ? "disabled" : "enabled") << (r.user.must_change_password ? "\tmust-change" : "")
                << "\t" << r.last_login_at.value_or("never") << "\n";
    if (offset + 1000 >= page.total) break;
  }
  return 0;
}

// The recovery door (an administrator who lost their password): sets a new one, ends sessions.
int run_user_password(const UserArgs& a) {
  Session s(a.db);
  auto user = named_user(s.app, a.username);
  std::string password = password_from_stdin("new password");
  if (Status st = app::set_password(s.app, s.auth, s.caller, user.user, password, a.must_change); !st)
    throw UsageError(st.message());
  std::cout << "password of " << a.username << " changed; their sessions ended" << std::endl;
  return 0;
}

int run_user_disable(const UserArgs& a, bool disable) {
  Session s(a.db);
  auto user = named_user(s.app, a.username);
  auto r = app::set_disabled(s.app, s.caller, user.user.id, disable);
  if (!r) throw UsageError(r.status().message());
  std::cout << "user " << a.username << (disable ? " disabled; their sessions ended" : " enabled") << std::endl;
  return 0;
}

}  // namespace

void certhours::cli::add_user(CLI::App& app, Commands& commands) {
  auto* user = app.add_subcommand("user", "Accounts: add, list, password, disable, enable");
  user->require_subcommand(0, 1);
  auto sub = [&](const char* name, const char* description, std::function<int(const UserArgs&, const CLI::App&)> run,
                 bool with_username = true) {
    auto* cmd = user->add_subcommand(name, description);
    auto a = std::make_shared<UserArgs>();
    cli::add_db(*cmd, a->db);
    if (with_username)
      cmd->add_option("--username", a->username, "the user")->type_name("U")->required()->check(cli::kNonEmpty);
    commands.push_back({cmd, [a, cmd, run] { return run(*a, *cmd); }});
    return std::pair{cmd, a.get()};
  };
  auto [add, a] = sub("add", "Add a user; the password is one line on standard input", run_user_add);
  add->add_option("--role", a->role, "what they may do")
      ->required()
      ->check(CLI::IsMember({"admin", "hr", "officer"}));
  cli::add_int(*add, "--unit", a->unit, Id{1}, Id{INT32_MAX}, "the unit of an hr user")->type_name("ID");
  cli::add_int(*add, "--officer", a->officer, Id{1}, Id{INT32_MAX}, "the officer of an officer user")->type_name("ID");
  sub("list", "List the users: id, username, role, enabled, last login",
      [](const UserArgs& a, const CLI::App&) { return run_user_list(a); }, false);
  auto [password, p] = sub("password", "Set a new password (one line on standard input); ends their sessions",
                           [](const UserArgs& a, const CLI::App&) { return run_user_password(a); });
  password->add_flag("--must-change", p->must_change, "they must change it at their next login");
  sub("disable", "Disable a user; ends their sessions",
      [](const UserArgs& a, const CLI::App&) { return run_user_disable(a, true); });
  sub("enable", "Enable a disabled user", [](const UserArgs& a, const CLI::App&) { return run_user_disable(a, false); });
}

