// Authentication: login, the session cookie, logout, bad tokens, the failed-login limit (docs/api.md).
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct AuthEnv {
  Server s;
  Tree t;
  AuthEnv() : t(make_tree(s)) {}
};
AuthEnv& env() {
  static AuthEnv e;
  return e;
}

json::object creds(const std::string& u, const std::string& p) { return {{"username", u}, {"password", p}}; }
}  // namespace

TEST_CASE("auth: login, cookie, logout, bad tokens") {
  Server& s = env().s;

  SUBCASE("login returns a token and the user, and sets an HttpOnly SameSite=Strict session cookie") {
    auto r = s.post("/api/v1/session", creds("admin", "admin-password"));
    REQUIRE(r.status == 200);
    CHECK(r.header("content-type").find("application/json") == 0);
    auto j = r.json();
    REQUIRE(j.is_object());
    REQUIRE(j.at("token").is_string());
    std::string token(j.at("token").as_string());
    CHECK(token.size() >= 32);
    const auto& user = j.at("user").as_object();
    CHECK(user.at("username") == "admin");
    CHECK(user.at("role") == "admin");
    CHECK(user.at("id").is_int64());
    CHECK(user.contains("unit_id"));
    CHECK(user.contains("officer_id"));
    std::string cookie = r.header("set-cookie");
    CHECK(cookie.find("certhours_session=" + token) == 0);
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    // The token works as a bearer token.
    auto me = s.get("/api/v1/me", token);
    CHECK(me.status == 200);
    CHECK(me.json().at("username") == "admin");
  }

  SUBCASE("the cookie alone authenticates") {
    std::string token = s.login("admin", "admin-password");
    auto me = s.request("GET", "/api/v1/me", "", "", "application/json", {{"Cookie", "certhours_session=" + token}});
    CHECK(me.status == 200);
    CHECK(me.json().at("role") == "admin");
    // Among other cookies too.
    auto me2 = s.request("GET", "/api/v1/me", "", "", "application/json",
                         {{"Cookie", "theme=dark; certhours_session=" + token + "; lang=zh"}});
    CHECK(me2.status == 200);
    // A write through the cookie alone.
    auto unit = s.request("POST", "/api/v1/units",
                          json::serialize(json::object{{"code", "COOKIE"}, {"name", "饼干所"}, {"parent_id", env().t.city},
                                                       {"level", "department"}}),
                          "", "application/json", {{"Cookie", "certhours_session=" + token}});
    CHECK(unit.status == 201);
  }

  SUBCASE("a wrong password is 401 unauthenticated, with no token and no cookie") {
    auto r = s.post("/api/v1/session", creds("admin", "wrong-password"));
    CHECK(r.status == 401);
    CHECK(r.error_code() == "unauthenticated");
    CHECK(r.header("set-cookie").empty());
    CHECK_FALSE(r.json().as_object().contains("token"));
    auto unknown = s.post("/api/v1/session", creds("nobody", "whatever-password"));
    CHECK(unknown.status == 401);
    CHECK(unknown.error_code() == "unauthenticated");
  }

  SUBCASE("a login body without a password or with a non-string password is 422 naming it") {
    auto r = s.post("/api/v1/session", json::object{{"username", "admin"}});
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.json().at("error").at("field") == "password");
    auto r2 = s.post("/api/v1/session", json::object{{"username", "admin"}, {"password", 12345678}});
    CHECK(r2.status == 422);
    CHECK(r2.json().at("error").at("field") == "password");
  }

  SUBCASE("no token, a garbage token, a garbage cookie: 401") {
    auto none = s.get("/api/v1/me");
    CHECK(none.status == 401);
    CHECK(none.error_code() == "unauthenticated");
    auto garbage = s.get("/api/v1/me", "not-a-real-token");
    CHECK(garbage.status == 401);
    CHECK(garbage.error_code() == "unauthenticated");
    auto hexy = s.get("/api/v1/me", std::string(64, 'a'));
    CHECK(hexy.status == 401);
    auto cookie = s.request("GET", "/api/v1/me", "", "", "application/json", {{"Cookie", "certhours_session=garbage"}});
    CHECK(cookie.status == 401);
    CHECK(cookie.error_code() == "unauthenticated");
    auto no_write = s.post("/api/v1/units",
                           json::object{{"code", "X1"}, {"name", "无权"}, {"parent_id", env().t.city}, {"level", "town"}});
    CHECK(no_write.status == 401);
    // Nothing was written.
    auto units = s.get("/api/v1/units", s.admin_token());
    REQUIRE_FALSE(units.json().at("items").as_array().empty());
    for (const auto& u : json::array(units.json().at("items").as_array())) CHECK(u.at("code") != "X1");
  }

  SUBCASE("after DELETE /session the token (and its cookie) no longer work; other sessions do") {
    std::string token = s.login("admin", "admin-password");
    CHECK(s.get("/api/v1/me", token).status == 200);
    auto out = s.del("/api/v1/session", token);
    CHECK(out.status == 204);
    CHECK(out.body.empty());
    auto me = s.get("/api/v1/me", token);
    CHECK(me.status == 401);
    CHECK(me.error_code() == "unauthenticated");
    auto by_cookie =
        s.request("GET", "/api/v1/me", "", "", "application/json", {{"Cookie", "certhours_session=" + token}});
    CHECK(by_cookie.status == 401);
    CHECK(s.get("/api/v1/me", s.admin_token()).status == 200);
    // DELETE /session without a token is 401.
    CHECK(s.del("/api/v1/session").status == 401);
  }

  // GET /officers/{id}/hours checks its session inside the answer's read transaction
  // (Route::one_snapshot): an ended session is refused there as on every other route.
  SUBCASE("an officer's hours: 200 with the session, 401 once it ended, by token or cookie") {
    long long officer = make_officer(s, "时数", env().t.qinnan, "2015-03-01", 901);
    const std::string hours = "/api/v1/officers/" + std::to_string(officer) + "/hours?year=2024";
    std::string token = s.login("admin", "admin-password");
    auto before = s.get(hours, token);
    CHECK(before.status == 200);
    CHECK(before.json().at("officer_id") == officer);
    REQUIRE(s.del("/api/v1/session", token).status == 204);
    auto after = s.get(hours, token);
    CHECK(after.status == 401);
    CHECK(after.error_code() == "unauthenticated");
    CHECK(after.header("www-authenticate").find("Bearer") == 0);
    auto by_cookie = s.request("GET", hours, "", "", "application/json", {{"Cookie", "certhours_session=" + token}});
    CHECK(by_cookie.status == 401);
    CHECK(s.get(hours).status == 401);
    CHECK(s.get(hours, s.admin_token()).status == 200);
  }
}

TEST_CASE("auth: 5 failed logins, then 429 with Retry-After, even for the right password") {
  Server& s = env().s;
  std::string token = s.make_user("lockme", "admin", std::nullopt, std::nullopt);
  for (int i = 0; i < 5; ++i) {
    auto r = s.post("/api/v1/session", creds("lockme", "wrong-" + std::to_string(i)));
    CHECK_MESSAGE(r.status == 401, "attempt " << i + 1);
    CHECK(r.error_code() == "unauthenticated");
  }
  auto limited = s.post("/api/v1/session", creds("lockme", "wrong-again"));
  CHECK(limited.status == 429);
  CHECK(limited.error_code() == "rate_limited");
  std::string retry = limited.header("retry-after");
  REQUIRE_FALSE(retry.empty());
  int seconds = std::atoi(retry.c_str());
  CHECK(seconds > 0);
  CHECK(seconds <= 15 * 60);

  auto right = s.post("/api/v1/session", creds("lockme", "lockme-password"));
  CHECK(right.status == 429);
  CHECK(right.error_code() == "rate_limited");
  CHECK_FALSE(right.header("retry-after").empty());
  CHECK(right.header("set-cookie").empty());

  // The limit is per username: another user still logs in.
  auto other = s.post("/api/v1/session", creds("admin", "admin-password"));
  CHECK(other.status == 200);
}
