// Sign-in sessions, by the hash of their token (the token itself is never stored).
#pragma once
#include <optional>
#include <string>

#include "domain/officer.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;

// A live session: its user (enabled, officer on post), when it ends, when it was last used.
struct SessionRecord {
  User user;
  std::string created_at, expires_at;
  std::optional<std::string> last_seen_at;
};

class Sessions {
 public:
  explicit Sessions(Database& db);
  // A new session; the user's last_login_at is set and the login audited in the same transaction.
  void create(const std::string& token_hash, Id user_id, const std::string& expires_at,
              const std::string& client_address);
  // The session of a token when it has not expired (expires_at > now_rfc3339), its user is
  // not disabled and, for an officer user, the officer has not left; else nullopt.
  std::optional<SessionRecord> find(const std::string& token_hash, const std::string& now_rfc3339);
  // Remembers when a session was last used (for the idle timeout after a restart).
  void touch(const std::string& token_hash, const std::string& at);
  void remove(const std::string& token_hash);
  // Every session of the user but `keep` (a token hash; empty: every one). Audited as
  // `logout_all` when `by` is given.
  void end_all(Id user_id, const std::string& keep_token_hash, const std::optional<Actor>& by);

 private:
  Database& db_;
};

}  // namespace certhours::store
