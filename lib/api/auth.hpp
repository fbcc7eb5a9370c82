// Passwords (Argon2id via libsodium), login tokens and the failed-login limit.
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>
#include <string>

#include "api/http.hpp"
#include "domain/officer.hpp"
#include "store/store.hpp"

namespace certhours::api {

class Auth {
 public:
  // How long a login token lives.
  static constexpr std::chrono::hours kSessionLifetime{12};
  // Failed logins per username within kFailureWindow before further attempts get 429.
  static constexpr int kMaxFailures = 5;
  static constexpr std::chrono::minutes kFailureWindow{15};

  explicit Auth(store::Store& store);

  // Argon2id with m = 19 MiB, t = 2 (OWASP's minimum). Takes ~80 ms of one core; at most
  // two hashes run at once so a burst of logins cannot exhaust memory or starve requests.
  std::string hash_password(const std::string& password);
  bool verify_password(const std::string& hash, const std::string& password);

  struct Login {
    Status status;         // ok, unauthenticated, or (with retry_after > 0) rate limited
    int retry_after = 0;   // seconds, when rate limited
    std::string token;     // the new token, when ok
    User user;
  };
  Login login(const std::string& username, const std::string& password);
  // The user of a live token, or nullopt.
  std::optional<User> authenticate(const std::string& token);
  void logout(const std::string& token);

  // The token of a request: "Authorization: Bearer …", else the certhours_session cookie.
  static std::string token_of(const Request& req);

 private:
  static std::string hash_token(const std::string& token);
  // Seconds until `username` may try again (0 when not limited). REQUIRES: mu_ held.
  int retry_after_locked(const std::string& username, std::chrono::steady_clock::time_point now);

  store::Store& store_;
  std::counting_semaphore<2> hashing_{2};
  // Live sessions already looked up, by token hash: most requests then cost no query.
  // This process is the only writer of sessions, so logout can evict here first.
  struct CachedSession {
    User user;
    std::string expires_at;  // RFC 3339, as stored
  };
  std::mutex sessions_mu_;
  std::map<std::string, CachedSession> sessions_;
  std::uint64_t sessions_gen_ = 0;  // bumped by logout: a lookup that raced it is not cached
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
  std::string dummy_hash_;  // verified against for unknown usernames, so they take as long
};

}  // namespace certhours::api
