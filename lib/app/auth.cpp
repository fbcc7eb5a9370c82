#include "app/auth.hpp"
#include "domain/messages.hpp"

#include <sodium.h>

#include <stdexcept>

#include "date/date.h"
#include "domain/password.hpp"

namespace certhours::app {

namespace {
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19u << 20;  // 19 MiB
using SysClock = std::chrono::system_clock;

std::string rfc3339(SysClock::time_point t) { return format_rfc3339(std::chrono::floor<std::chrono::seconds>(t)); }

// Releases the hashing semaphore on every path.
struct HashingSlot {
  explicit HashingSlot(std::counting_semaphore<2>& s) : s_(s) { s_.acquire(); }
  ~HashingSlot() { s_.release(); }
  std::counting_semaphore<2>& s_;
};

Status throttled(int wait) {
  return Status::unauthenticated(rules::login_throttled,
                                 {{"seconds", std::to_string(wait)}, {"minutes", std::to_string((wait + 59) / 60)}});
}
}  // namespace

Auth::Auth(store::Store& store, std::chrono::minutes idle, Now now) : store_(store), idle_(idle), now_(std::move(now)) {
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

std::string Auth::pair_key(const std::string& username, const std::string& address) {
  return username + '\n' + address;  // a username holds no newline (check_username)
}

int Auth::login_wait(const std::string& username, const std::string& address) {
  return std::max(per_address_.blocked(address), per_username_.blocked(pair_key(username, address)));
}

Auth::Login Auth::login(const std::string& username, const std::string& password, const std::string& address) {
  Login out;
  if (username.size() > kMaxUsernameBytes) {
    out.status = Status::invalid("username", rules::username_too_long);
    return out;
  }
  std::string pair = pair_key(username, address);
  if (int wait = login_wait(username, address); wait > 0) {
    out.status = throttled(wait);
    out.retry_after = wait;
    return out;
  }
  auto cred = store_.users.credentials(username);
  bool ok = cred ? verify_password(cred->password_hash, password) : (verify_password(dummy_hash_, password), false);
  if (!ok) {
    per_address_.add(address);
    per_username_.add(pair);
    out.status = Status::unauthenticated(rules::login_failed);
    return out;
  }
  per_username_.forget(pair);
  if (cred->disabled) {
    out.status = Status::unauthenticated(rules::account_disabled);
    return out;
  }
  if (cred->officer_left) {
    out.status = Status::unauthenticated(rules::officer_left);
    return out;
  }
  out.token = new_token();
  out.user = cred->user;
  auto now = now_();
  store_.sessions.create(hash_token(out.token), cred->user.id, rfc3339(now + kSessionLifetime), address);
  std::lock_guard lock(seen_mu_);
  last_seen_[hash_token(out.token)] = now;
  return out;
}

std::string Auth::new_token() {
  unsigned char raw[32];  // 256 random bits
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

void Auth::forget_seen(const std::string& key) {
  std::lock_guard lock(seen_mu_);
  last_seen_.erase(key);
}

std::optional<User> Auth::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 256) return std::nullopt;
  std::string key = hash_token(token);
  auto now = now_();
  auto session = store_.sessions.find(key, rfc3339(now));
  if (!session) {
    forget_seen(key);
    return std::nullopt;
  }
  // Last used: in this process exactly; otherwise as the database remembers it.
  auto recorded = parse_rfc3339(session->last_seen_at ? *session->last_seen_at : session->created_at);
  SysClock::time_point stored = recorded ? SysClock::time_point(*recorded) : now;
  auto last = stored;
  {
    std::lock_guard lock(seen_mu_);
    if (auto it = last_seen_.find(key); it != last_seen_.end()) last = std::max(last, it->second);
  }
  if (now - last >= idle_) {
    forget_seen(key);
    store_.sessions.remove(key);
    return std::nullopt;
  }
  {
    std::lock_guard lock(seen_mu_);
    // Bounded by the live sessions; entries of sessions that ended elsewhere go in a sweep.
    if (last_seen_.size() >= 100000)
      std::erase_if(last_seen_, [&](const auto& kv) { return now - kv.second >= idle_; });
    last_seen_[key] = now;
  }
  // Persisted at most once a minute (or a quarter of the idle time) per session.
  if (now - stored >= std::min<SysClock::duration>(std::chrono::minutes(1), idle_ / 4))
    store_.sessions.touch(key, rfc3339(now));
  return session->user;
}

void Auth::logout(const std::string& token) {
  std::string key = hash_token(token);
  store_.sessions.remove(key);
  forget_seen(key);
}

Status Auth::change_password(const User& user, const std::string& token, const std::string& current,
                             const std::string& fresh, const std::string& address) {
  std::string pair = pair_key(user.username, address);
  if (Status s = check_password(fresh, user.username, "new_password"); !s) return s;
  auto cred = store_.users.credentials(user.username);
  if (!cred || !verify_password(cred->password_hash, current)) {
    // Counted for this username at this address only: a user mistyping behind an office's
    // shared address must not lock that address out of logging in.
    per_username_.add(pair);
    return Status::invalid("current_password", rules::current_password_wrong);
  }
  if (fresh == current)
    return Status::invalid("new_password", rules::password_unchanged);
  return store_.users.set_password(user.id, hash_password(fresh), false, hash_token(token), {user.id, user.username});
}

Status Auth::reset_password(Id user_id, const std::string& fresh, const store::Actor& by) {
  auto target = store_.users.find(user_id);
  if (!target) return Status::not_found(rules::user_not_found, {{"id", std::to_string(user_id)}});
  if (Status s = check_password(fresh, target->user.username, "new_password"); !s) return s;
  return store_.users.set_password(user_id, hash_password(fresh), true, {}, by);
}

}  // namespace certhours::app
