// The user accounts: created, signed in with, listed, their passwords set and reset, disabled.
#pragma once
#include <optional>
#include <string>

#include "domain/officer.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;

struct NewUser {
  std::string username;
  std::string password_hash;  // libsodium crypto_pwhash_str output
  Role role = Role::officer;
  std::optional<Id> unit_id, officer_id;
  bool must_change_password = false;  // POST /users with must_change_password: true
};

struct Credentials {
  User user;
  std::string password_hash;
  bool disabled = false;
  bool officer_left = false;  // an officer user whose officer has left post
};

// A user as the administrator manages it (GET /users).
struct UserRecord {
  User user;
  bool disabled = false;
  std::optional<std::string> last_login_at;  // RFC 3339 UTC
};

class Users {
 public:
  explicit Users(Database& db);
  // Conflict when the username is taken; invalid when unit/officer do not exist.
  // Invalid when the role lacks its link (check_user_links); a link the role does not use is
  // not stored.
  Result<User> create(const NewUser& u, const Actor& by);
  std::optional<Credentials> credentials(const std::string& username);
  std::optional<UserRecord> find(Id id);
  Page<UserRecord> list(int limit, int offset);
  // A new password hash; `must_change` as given; every session but `keep_token_hash` ends.
  // Audited (`password_change` by the user, `password_reset` by an admin); never the hash.
  Status set_password(Id user_id, const std::string& password_hash, bool must_change,
                      const std::string& keep_token_hash, const Actor& by);
  // Disables (every session ends) or enables a user; audited. not_found when there is none.
  Result<UserRecord> set_disabled(Id user_id, bool disabled, const Actor& by);

 private:
  Database& db_;
};

}  // namespace certhours::store
