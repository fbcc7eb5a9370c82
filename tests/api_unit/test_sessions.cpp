// Sessions and login limits on a real SQLite file, with a clock the test moves: idle and
// absolute expiry (also across a restart), throttling per username+address and per address,
// and the bounded failure tables.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>

#include "app/auth.hpp"
#include "app/rate_limit.hpp"
#include "store/store.hpp"

using namespace certhours;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

struct TempDb {
  fs::path path;
  TempDb() {
    static std::atomic<int> counter{0};
    path = fs::temp_directory_path() / ("certhours-sessions-" +
                                        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) +
                                        "-" + std::to_string(counter++) + ".db");
  }
  ~TempDb() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix, ec);
  }
};

// A wall clock that moves only when the test says so.
struct TestClock {
  std::chrono::system_clock::time_point t = std::chrono::system_clock::now();
  app::Auth::Now fn() {
    return [this] { return t; };
  }
};

struct Fixture {
  TempDb db;
  store::Store store{db.path.string(), 2};
  TestClock clock;
  app::Auth auth{store, 30min, clock.fn()};
  Id user_id = 0;
  Fixture() {
    auto u = store.users.create({"clerk", auth.hash_password("Clerk-pass-2024"), Role::admin, {}, {}}, {{}, "test"});
    REQUIRE(u.is_ok());
    user_id = u->id;
  }
  std::string login(const std::string& address = "10.0.0.1") {
    auto l = auth.login("clerk", "Clerk-pass-2024", address);
    REQUIRE_MESSAGE(l.status.is_ok(), l.status.message());
    return l.token;
  }
};

}  // namespace

TEST_CASE("sessions end after 30 minutes without a request, and a request restarts the count") {
  Fixture f;
  std::string token = f.login();
  f.clock.t += 29min;
  CHECK(f.auth.authenticate(token));
  f.clock.t += 29min;  // 58 minutes after the login, 29 after the last request
  CHECK(f.auth.authenticate(token));
  f.clock.t += 30min;
  CHECK_FALSE(f.auth.authenticate(token));
  f.clock.t += 1min;  // gone for good, not revived by time
  CHECK_FALSE(f.auth.authenticate(token));
}

TEST_CASE("the idle count survives a restart: the database remembers the last request") {
  Fixture f;
  std::string token = f.login();
  f.clock.t += 10min;
  CHECK(f.auth.authenticate(token));
  // A new process on the same database: 25 minutes after the last request is still live...
  app::Auth restarted(f.store, 30min, f.clock.fn());
  f.clock.t += 25min;
  CHECK(restarted.authenticate(token));
  // ...and 31 minutes after it is not.
  app::Auth again(f.store, 30min, f.clock.fn());
  f.clock.t += 31min;
  CHECK_FALSE(again.authenticate(token));
}

TEST_CASE("sessions end after 12 hours however busy") {
  Fixture f;
  std::string token = f.login();
  for (int i = 0; i < 35; ++i) {  // every 20 minutes: 11 h 40 min
    f.clock.t += 20min;
    REQUIRE(f.auth.authenticate(token));
  }
  f.clock.t += 20min;  // 12 h
  CHECK_FALSE(f.auth.authenticate(token));
}

TEST_CASE("logout, a disabled user and a password change end sessions at the next request") {
  Fixture f;
  std::string a = f.login(), b = f.login(), c = f.login();
  f.auth.logout(a);
  CHECK_FALSE(f.auth.authenticate(a));
  CHECK(f.auth.authenticate(b));
  // PUT /me/password from session b: b stays, c ends
  auto user = *f.auth.authenticate(b);
  REQUIRE(f.auth.change_password(user, b, "Clerk-pass-2024", "Another-pass-2025", "10.0.0.1").is_ok());
  CHECK(f.auth.authenticate(b));
  CHECK_FALSE(f.auth.authenticate(c));
  CHECK_FALSE(f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.1").status.is_ok());
  CHECK(f.auth.login("clerk", "Another-pass-2025", "10.0.0.1").status.is_ok());
  // disabled: every session ends; the right password is refused with its own rule
  REQUIRE(f.store.users.set_disabled(f.user_id, true, {{}, "test"}).is_ok());
  CHECK_FALSE(f.auth.authenticate(b));
  auto refused = f.auth.login("clerk", "Another-pass-2025", "10.0.0.1");
  CHECK(refused.status.rule() == "account_disabled");
  CHECK(refused.token.empty());
  REQUIRE(f.store.users.set_disabled(f.user_id, false, {{}, "test"}).is_ok());
  CHECK(f.auth.login("clerk", "Another-pass-2025", "10.0.0.1").status.is_ok());
}

TEST_CASE("an admin reset forces a new password at the next login") {
  Fixture f;
  std::string token = f.login();
  REQUIRE(f.auth.reset_password(f.user_id, "Reset-by-admin-1", {{}, "admin"}).is_ok());
  CHECK_FALSE(f.auth.authenticate(token));
  auto l = f.auth.login("clerk", "Reset-by-admin-1", "10.0.0.1");
  REQUIRE(l.status.is_ok());
  CHECK(l.user.must_change_password);
  CHECK(f.auth.reset_password(f.user_id, "password123", {{}, "admin"}).rule() == "password_too_common");
  CHECK(f.auth.reset_password(9999, "Reset-by-admin-1", {{}, "admin"}).code() == Status::Code::not_found);
}

TEST_CASE("failed logins: 5 per username from one address, 30 per address; another address is not locked out") {
  Fixture f;
  for (int i = 0; i < 5; ++i) {
    auto l = f.auth.login("clerk", "wrong-password", "10.0.0.9");
    CHECK(l.status.rule() == "login_failed");
    CHECK(l.retry_after == 0);
  }
  // the right password from that address waits too...
  auto locked = f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.9");
  CHECK(locked.retry_after > 0);
  CHECK(locked.retry_after <= 15 * 60);
  CHECK(locked.status.rule() == "login_throttled");
  // ...but not from another one
  CHECK(f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.10").status.is_ok());

  // one address trying many usernames
  for (int i = 0; i < 30; ++i) CHECK(f.auth.login("user" + std::to_string(i), "wrong-password", "10.0.0.77").retry_after == 0);
  auto flood = f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.77");
  CHECK(flood.retry_after > 0);
  CHECK(f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.78").status.is_ok());
}

TEST_CASE("usernames over 64 bytes are refused before any lookup or count") {
  Fixture f;
  for (int i = 0; i < 40; ++i) {
    auto l = f.auth.login(std::string(65 + i, 'x'), "whatever-password", "10.0.0.5");
    CHECK(l.status.rule() == "username_too_long");
    CHECK(l.status.field() == "username");
  }
  // refused ones did not count against the address
  CHECK(f.auth.login("clerk", "Clerk-pass-2024", "10.0.0.5").status.is_ok());
}

TEST_CASE("a rate limiter remembers at most max_keys keys, dropping the expired first, then the idlest") {
  using Clock = app::RateLimiter::Clock;
  app::RateLimiter lim(3, std::chrono::seconds(60), 100);
  auto t0 = Clock::now();
  for (int i = 0; i < 10000; ++i) lim.add("k" + std::to_string(i), t0 + std::chrono::milliseconds(i));
  CHECK(lim.size() == 100);
  // the most recent keys are kept (k9999), the oldest went (k0)
  for (int i = 0; i < 3; ++i) lim.add("k9999", t0 + 11s);
  CHECK(lim.blocked("k9999", t0 + 11s) > 0);
  CHECK(lim.blocked("k0", t0 + 11s) == 0);
  // a window passes: a new key takes the place of an expired one, not of a live one
  lim.add("fresh", t0 + 70s);
  CHECK(lim.size() <= 100);
  CHECK(lim.blocked("k9999", t0 + 70s) > 0);  // still 3 events within 60 s of t0+11s
  CHECK(lim.blocked("k9999", t0 + 72s) == 0);
  // remaining(): what is left of the budget now
  app::RateLimiter budget(20, std::chrono::hours(24), 10);
  CHECK(budget.remaining("u", t0) == 20);
  for (int i = 0; i < 15; ++i) budget.add("u", t0 + std::chrono::minutes(i));
  CHECK(budget.remaining("u", t0 + 1h) == 5);
  CHECK(budget.remaining("u", t0 + 24h + 5min) == 11);  // those of minutes 0..5 left the window
  // hit() counts only while allowed and says how long to wait
  app::RateLimiter two(2, std::chrono::seconds(10), 10);
  CHECK(two.hit("a", t0) == 0);
  CHECK(two.hit("a", t0 + 1s) == 0);
  CHECK(two.hit("a", t0 + 2s) == 8);
  CHECK(two.hit("a", t0 + 10s) == 0);
}
