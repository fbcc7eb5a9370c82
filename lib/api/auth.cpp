#include "api/auth.hpp"

#include <sodium.h>

#include <stdexcept>

#include "date/date.h"

namespace certhours::api {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u << 20;  // 19 MiB

std::string rfc3339(std::chrono::system_clock::time_point t) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(t));
}

// Releases the hashing semaphore on every path.
struct HashingSlot {
  explicit HashingSlot(std::counting_semaphore<2>& s) : s_(s) { s_.acquire(); }
  ~HashingSlot() { s_.release(); }
  std::counting_semaphore<2>& s_;
};
}  // namespace

Auth::Auth(store::Store& store) : store_(store) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  dummy_hash_ = hash_password("certhours-dummy-password");
}

std::string Auth::hash_password(const std::string& password) {
  HashingSlot slot(hashing_);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool Auth::verify_password(const std::string& hash, const std::string& password) {
  HashingSlot slot(hashing_);
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string Auth::hash_token(const std::string& token) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return std::string(reinterpret_cast<const char*>(h), sizeof h);
}

int Auth::retry_after_locked(const std::string& username, std::chrono::steady_clock::time_point now) {
  auto it = failures_.find(username);
  if (it == failures_.end()) return 0;
  auto& q = it->second;
  while (!q.empty() && now - q.front() >= kFailureWindow) q.pop_front();
  if (q.empty()) {
    failures_.erase(it);
    return 0;
  }
  if (static_cast<int>(q.size()) < kMaxFailures) return 0;
  // Limited until the oldest failure of the window leaves it.
  auto left = std::chrono::ceil<std::chrono::seconds>(q.front() + kFailureWindow - now).count();
  return static_cast<int>(std::max<long long>(1, left));
}

Auth::Login Auth::login(const std::string& username, const std::string& password) {
  Login out;
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    if (int wait = retry_after_locked(username, now); wait > 0) {
      out.status = Status::unauthenticated("too many failed logins for " + username + "; try again in " +
                                           std::to_string(wait) + " seconds");
      out.retry_after = wait;
      return out;
    }
  }
  auto cred = store_.credentials(username);
  bool ok = cred ? verify_password(cred->password_hash, password) : (verify_password(dummy_hash_, password), false);
  if (!ok) {
    std::lock_guard lock(mu_);
    if (failures_.size() > 100000) failures_.clear();  // a flood of usernames must not grow memory forever
    failures_[username].push_back(now);
    out.status = Status::unauthenticated("wrong username or password");
    return out;
  }
  unsigned char raw[32];  // 256 random bits
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  out.token = hex;
  out.user = cred->user;
  store_.create_session(hash_token(out.token), cred->user.id,
                        rfc3339(std::chrono::system_clock::now() + kSessionLifetime));
  return out;
}

std::optional<User> Auth::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  std::string key = hash_token(token);
  std::string now = rfc3339(std::chrono::system_clock::now());
  std::uint64_t gen = 0;
  {
    std::lock_guard lock(sessions_mu_);
    gen = sessions_gen_;
    auto it = sessions_.find(key);
    if (it != sessions_.end()) {
      if (it->second.expires_at > now) return it->second.user;
      sessions_.erase(it);
      return std::nullopt;
    }
  }
  auto session = store_.session(key, now);
  if (!session) return std::nullopt;
  std::lock_guard lock(sessions_mu_);
  if (sessions_.size() > 100000) sessions_.clear();  // bounded; a miss only costs a query
  if (gen == sessions_gen_) sessions_[key] = {session->first, session->second};
  return session->first;
}

void Auth::logout(const std::string& token) {
  std::string key = hash_token(token);
  store_.delete_session(key);
  std::lock_guard lock(sessions_mu_);
  ++sessions_gen_;
  sessions_.erase(key);
}

std::string Auth::token_of(const Request& req) {
  std::string_view a = req.authorization;
  if (a.size() > 7 && (a.substr(0, 7) == "Bearer " || a.substr(0, 7) == "bearer ")) {
    a.remove_prefix(7);
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    while (!a.empty() && a.back() == ' ') a.remove_suffix(1);
    return std::string(a);
  }
  // Cookie: a=b; certhours_session=TOKEN; c=d
  std::string_view c = req.cookie;
  while (!c.empty()) {
    auto semi = c.find(';');
    std::string_view part = c.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    constexpr std::string_view kName = "certhours_session=";
    if (part.substr(0, kName.size()) == kName) return std::string(part.substr(kName.size()));
    if (semi == std::string_view::npos) break;
    c.remove_prefix(semi + 1);
  }
  return {};
}

}  // namespace certhours::api
