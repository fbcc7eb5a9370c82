// Accounts and sessions through the API (docs/api.md "Sessions", "Passwords"; PUT /me/password,
// DELETE /me/sessions, GET/PATCH /users, POST /users/{id}/password) and the command line.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {

json::object user_item(Server& s, long long id) {
  auto r = s.get("/api/v1/users?limit=1000", s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto doc = r.json();
  for (const auto& u : doc.at("items").as_array())
    if (u.at("id").as_int64() == id) return u.as_object();
  FAIL("user " << id << " not listed");
  return {};
}

long long user_id(Server& s, const std::string& token) { return s.get("/api/v1/me", token).json().at("id").as_int64(); }

std::vector<std::string> audit_actions(Server& s, long long id) {
  auto r = s.get("/api/v1/audit?entity=user&entity_id=" + S(id) + "&limit=1000", s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  std::vector<std::string> out;
  auto doc = r.json();
  for (const auto& e : doc.at("items").as_array()) out.push_back(str(e.at("action")));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

TEST_CASE("PUT /me/password: the current one is required, the new one checked; the other sessions end") {
  Server s;
  Tree t = make_tree(s);
  std::string a = s.make_user("clerk1", "hr", t.qinnan, std::nullopt);
  std::string b = s.login("clerk1", "clerk1-password");
  auto change = [&](const std::string& tok, const std::string& cur, const std::string& fresh) {
    return s.put("/api/v1/me/password", json::object{{"current_password", cur}, {"new_password", fresh}}, tok);
  };
  auto wrong = change(a, "not-my-password", "Brand-new-pass-1");
  CHECK(wrong.status == 422);
  CHECK(wrong.error_rule() == "current_password_wrong");
  CHECK(wrong.json().at("error").at("field") == "current_password");
  auto common = change(a, "clerk1-password", "password123");
  CHECK(common.status == 422);
  CHECK(common.error_rule() == "password_too_common");
  CHECK(common.json().at("error").at("field") == "new_password");
  CHECK(change(a, "clerk1-password", "        ").error_rule() == "password_too_common");
  CHECK(change(a, "clerk1-password", "short").error_rule() == "password_too_short");
  CHECK(change(a, "clerk1-password", "clerk1-password").error_rule() == "password_unchanged");
  CHECK(change(a, "clerk1-password", "Brand-new-pass-1").status == 204);
  CHECK(s.get("/api/v1/me", a).status == 200);   // the session that changed it stays
  CHECK(s.get("/api/v1/me", b).status == 401);   // every other one ends
  CHECK(s.post("/api/v1/session", json::object{{"username", "clerk1"}, {"password", "clerk1-password"}}).status == 401);
  s.login("clerk1", "Brand-new-pass-1");
  CHECK(has(audit_actions(s, user_id(s, a)), "password_change"));
  // the audit never holds a hash
  auto log = s.get("/api/v1/audit?entity=user&limit=1000", s.admin_token()).body;
  CHECK_FALSE(contains(log, "$argon2"));
}

TEST_CASE("an admin reset: sessions end, the user must choose a new password before anything else") {
  Server s;
  Tree t = make_tree(s);
  std::string tok = s.make_user("clerk2", "hr", t.qinnan, std::nullopt);
  long long id = user_id(s, tok);
  auto reset = s.post("/api/v1/users/" + S(id) + "/password", json::object{{"new_password", "Temp-reset-2024"}},
                      s.admin_token());
  CHECK(reset.status == 204);
  CHECK(s.get("/api/v1/me", tok).status == 401);
  CHECK(s.post("/api/v1/users/" + S(id) + "/password", json::object{{"new_password", "12345678"}},
                       s.admin_token()).error_rule() == "password_too_common");
  CHECK(s.post("/api/v1/users/99999/password", json::object{{"new_password", "Temp-reset-2024"}}, s.admin_token())
            .status == 404);
  CHECK(s.post("/api/v1/users/" + S(id) + "/password", json::object{{"new_password", "Temp-reset-2024"}}, tok).status ==
        401);

  auto login = s.post("/api/v1/session", json::object{{"username", "clerk2"}, {"password", "Temp-reset-2024"}});
  REQUIRE(login.status == 200);
  CHECK(login.json().at("user").at("must_change_password") == true);
  std::string t2 = str(login.json().at("token"));
  CHECK(s.get("/api/v1/me", t2).json().at("must_change_password") == true);
  auto blocked = s.get("/api/v1/officers", t2);
  CHECK(blocked.status == 403);
  CHECK(blocked.error_rule() == "password_change_required");
  CHECK(user_item(s, id).at("must_change_password") == true);
  REQUIRE(s.put("/api/v1/me/password", json::object{{"current_password", "Temp-reset-2024"}, {"new_password", "Mine-again-2024"}},
                t2)
              .status == 204);
  CHECK(s.get("/api/v1/officers", t2).status == 200);
  CHECK(s.get("/api/v1/me", t2).json().at("must_change_password") == false);
  CHECK(has(audit_actions(s, id), "password_reset"));
}

TEST_CASE("disable and enable a user; an admin cannot disable themself; hr may not manage users") {
  Server s;
  Tree t = make_tree(s);
  std::string tok = s.make_user("clerk3", "hr", t.qinnan, std::nullopt);
  long long id = user_id(s, tok);
  CHECK(s.get("/api/v1/users", tok).status == 403);
  CHECK(s.patch("/api/v1/users/" + S(id), json::object{{"disabled", true}}, tok).status == 403);

  auto off = s.patch("/api/v1/users/" + S(id), json::object{{"disabled", true}}, s.admin_token());
  REQUIRE_MESSAGE(off.status == 200, off.body);
  CHECK(off.json().at("disabled") == true);
  CHECK(s.get("/api/v1/me", tok).status == 401);  // at once
  auto refused = s.post("/api/v1/session", json::object{{"username", "clerk3"}, {"password", "clerk3-password"}});
  CHECK(refused.status == 401);
  CHECK(refused.error_rule() == "account_disabled");
  CHECK(user_item(s, id).at("disabled") == true);
  CHECK(s.patch("/api/v1/users/" + S(id), json::object{{"disabled", "yes"}}, s.admin_token()).status == 422);
  CHECK(s.patch("/api/v1/users/" + S(id), json::object{{"role", "admin"}}, s.admin_token()).status == 422);
  CHECK(s.patch("/api/v1/users/99999", json::object{{"disabled", true}}, s.admin_token()).status == 404);

  auto on = s.patch("/api/v1/users/" + S(id), json::object{{"disabled", false}}, s.admin_token());
  CHECK(on.json().at("disabled") == false);
  s.login("clerk3", "clerk3-password");
  auto self = s.patch("/api/v1/users/" + S(user_id(s, s.admin_token())), json::object{{"disabled", true}}, s.admin_token());
  CHECK(self.status == 409);
  CHECK(self.error_rule() == "cannot_disable_self");
  auto actions = audit_actions(s, id);
  CHECK(has(actions, "disable"));
  CHECK(has(actions, "enable"));
  CHECK(has(actions, "login"));
}

TEST_CASE("GET /users lists every account with its state; last_login_at follows a login") {
  Server s;
  Tree t = make_tree(s);
  s.post("/api/v1/users", json::object{{"username", "fresh"}, {"password", "Fresh-user-2024"}, {"role", "hr"},
                                      {"unit_id", t.qinbei}, {"must_change_password", true}},
         s.admin_token());
  auto r = s.get("/api/v1/users", s.admin_token());
  REQUIRE(r.status == 200);
  auto doc = r.json();
  CHECK(doc.at("total") == 2);
  const auto& items = doc.at("items").as_array();
  REQUIRE(items.size() == 2);
  const auto& admin = items[0].as_object();
  CHECK(admin.at("username") == "admin");
  CHECK(admin.at("last_login_at").is_string());
  const auto& fresh = items[1].as_object();
  for (const char* k : {"id", "username", "role", "unit_id", "officer_id", "disabled", "must_change_password", "last_login_at"})
    CHECK_MESSAGE(fresh.contains(k), k);
  CHECK(fresh.at("must_change_password") == true);
  CHECK(fresh.at("last_login_at").is_null());
  CHECK(fresh.at("unit_id") == t.qinbei);
  CHECK(s.post("/api/v1/users", json::object{{"username", "weak"}, {"password", "iloveyou"}, {"role", "admin"}},
                       s.admin_token()).error_rule() == "password_too_common");
}

TEST_CASE("DELETE /me/sessions logs the user out everywhere") {
  Server s;
  Tree t = make_tree(s);
  std::string a = s.make_user("clerk4", "hr", t.qinnan, std::nullopt);
  std::string b = s.login("clerk4", "clerk4-password");
  auto r = s.del("/api/v1/me/sessions", a);
  CHECK(r.status == 204);
  CHECK(contains(r.header("set-cookie"), "Max-Age=0"));
  CHECK(s.get("/api/v1/me", a).status == 401);
  CHECK(s.get("/api/v1/me", b).status == 401);
  s.login("clerk4", "clerk4-password");
  CHECK(has(audit_actions(s, user_id(s, s.login("clerk4", "clerk4-password"))), "logout_all"));
}

TEST_CASE("an officer who leaves post is logged out at once and cannot log in again") {
  Server s;
  Tree t = make_tree(s);
  long long officer = make_officer(s, "离岗者", t.qinnan, "2016-01-01", 31);
  std::string tok = s.make_user("leaver", "officer", std::nullopt, officer);
  CHECK(s.get("/api/v1/me", tok).status == 200);
  auto left = s.patch("/api/v1/officers/" + S(officer), json::object{{"status", "left"}, {"post_end", "2024-06-30"}},
                      s.admin_token());
  REQUIRE_MESSAGE(left.status == 200, left.body);
  CHECK(s.get("/api/v1/me", tok).status == 401);
  auto again = s.post("/api/v1/session", json::object{{"username", "leaver"}, {"password", "leaver-password"}});
  CHECK(again.status == 401);
  CHECK(again.error_rule() == "officer_left");
}

TEST_CASE("command line: user list, password (ends sessions), disable and enable") {
  Server s;
  std::string tok = s.admin_token();
  std::string out;
  CHECK(Server::run_cli({"user", "list", "--db", s.db_path()}, &out) == 0);
  CHECK(contains(out, "admin\tadmin\tenabled"));
  CHECK(Server::run_cli({"user", "password", "--db", s.db_path(), "--username", "admin"}, &out, "qwertyuiop\n") == 2);
  CHECK(contains(out, "too common"));
  CHECK(Server::run_cli({"user", "password", "--db", s.db_path(), "--username", "nobody"}, &out, "Good-pass-2024\n") == 2);
  CHECK(Server::run_cli({"user", "password", "--db", s.db_path(), "--username", "admin"}, &out, "Recovered-2024\n") == 0);
  CHECK(s.get("/api/v1/me", tok).status == 401);
  s.login("admin", "Recovered-2024");
  CHECK(Server::run_cli({"user", "disable", "--db", s.db_path(), "--username", "admin"}, &out) == 0);
  CHECK(s.post("/api/v1/session", json::object{{"username", "admin"}, {"password", "Recovered-2024"}}).status == 401);
  CHECK(Server::run_cli({"user", "enable", "--db", s.db_path(), "--username", "admin"}, &out) == 0);
  s.login("admin", "Recovered-2024");
  CHECK(Server::run_cli({"user", "frobnicate", "--db", s.db_path()}, &out) == 2);
}
