// Passwords (Argon2id via libsodium), login tokens, sessions (absolute and idle expiry) and
// the failed-login limits (docs/api.md "Failed logins", docs/security.md).
#pragma once
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>
#include <unordered_map>

#include "app/rate_limit.hpp"
#include "domain/officer.hpp"
#include "store/store.hpp"

namespace certhours::app {

class Auth {
 public:
  // How long a login token lives at most.
  static constexpr std::chrono::hours kSessionLifetime{12};
  // Failed logins within kFailureWindow: per username from one address, and per address
  // whatever the usernames, before further attempts there get 429.
  static constexpr int kMaxFailuresPerUsername = 5;
  static constexpr int kMaxFailuresPerAddress = 30;
  static constexpr std::chrono::minutes kFailureWindow{15};
  // Keys each failure table remembers at most (docs/limits.md).
  static constexpr std::size_t kMaxThrottleKeys = 20000;
  // Longer usernames are refused before any lookup (none can exist: check_username).
  static constexpr std::size_t kMaxUsernameBytes = 64;

  using Now = std::function<std::chrono::system_clock::time_point()>;
  // `idle`: a session unused this long ends (serve --session-idle, default 30 minutes).
  // `now`: the wall clock of sessions (a test's own clock).
  explicit Auth(store::Store& store, std::chrono::minutes idle = std::chrono::minutes(30),
                Now now = std::chrono::system_clock::now);

  // Argon2id with m = 19 MiB, t = 2 (OWASP's minimum). Takes ~80 ms of one core; at most
  // two hashes run at once so a burst cannot exhaust memory.
  std::string hash_password(const std::string& password);
  bool verify_password(const std::string& hash, const std::string& password);

  struct Login {
    Status status;         // ok; invalid (username too long); unauthenticated; or rate limited:
    int retry_after = 0;   // seconds, when rate limited (429)
    std::string token;     // the new token, when ok
    User user;
  };
  Login login(const std::string& username, const std::string& password, const std::string& client_address);
  // Seconds until `username` may try a password again from `client_address` (0: now).
  int login_wait(const std::string& username, const std::string& client_address);

  // The user of a live token, or nullopt: expired, idle too long, logged out, user disabled,
  // officer left. Every call reads the session from the database, so a revocation made by
  // any door (API, command line) is seen by the next request.
  std::optional<User> authenticate(const std::string& token);
  void logout(const std::string& token);

  // PUT /me/password: the current password is required (wrong: invalid, field
  // current_password, counted as a failed login of that username from that address — not
  // against the address as a whole: check login_wait first);
  // every other session of the user ends.
  Status change_password(const User& user, const std::string& token, const std::string& current,
                         const std::string& fresh, const std::string& client_address);
  // POST /users/{id}/password: a new password chosen by an admin; the user must change it at
  // the next login; all their sessions end.
  Status reset_password(Id user_id, const std::string& fresh, const store::Actor& by);

  static std::string hash_token(const std::string& token);
  // A new secret token: 256 random bits as 64 hex digits (login tokens, calendar feeds).
  static std::string new_token();

 private:
  static std::string pair_key(const std::string& username, const std::string& address);
  void forget_seen(const std::string& token_hash);

  store::Store& store_;
  const std::chrono::minutes idle_;
  const Now now_;
  std::counting_semaphore<2> hashing_{2};
  RateLimiter per_username_{kMaxFailuresPerUsername, kFailureWindow, kMaxThrottleKeys};
  RateLimiter per_address_{kMaxFailuresPerAddress, kFailureWindow, kMaxThrottleKeys};
  // When each live session was last used, by token hash: exact idle expiry in this process;
  // the database keeps it to within a minute for a restart (touch_session).
  std::mutex seen_mu_;
  std::unordered_map<std::string, std::chrono::system_clock::time_point> last_seen_;
  std::string dummy_hash_;  // verified against for unknown usernames, so they take as long
};

}  // namespace certhours::app
