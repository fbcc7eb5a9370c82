// GET /api/v1/openapi.json: OpenAPI 3.1, lists the contract's routes (written out here from
// api.md, for the routes this slice implements), and every path it lists is really served.
#include <doctest/doctest.h>

#include <set>
#include <utility>

#include "harness.hpp"

using namespace certhours::test;

namespace {
// api.md's endpoints implemented so far, with their methods (all under /api/v1).
const std::vector<std::pair<std::string, std::string>> kContract = {
    {"/api/v1/session", "post"},
    {"/api/v1/session", "delete"},
    {"/api/v1/me", "get"},
    {"/api/v1/users", "post"},
    {"/api/v1/users", "get"},
    {"/api/v1/users/{id}", "patch"},
    {"/api/v1/users/{id}/password", "post"},
    {"/api/v1/me/password", "put"},
    {"/api/v1/me/sessions", "delete"},
    {"/api/v1/units", "get"},
    {"/api/v1/units", "post"},
    {"/api/v1/officers", "get"},
    {"/api/v1/officers", "post"},
    {"/api/v1/officers/{id}", "get"},
    {"/api/v1/officers/{id}", "patch"},
    {"/api/v1/officers/{id}/hours", "get"},
    {"/api/v1/policies/{year}", "get"},
    {"/api/v1/policies/{year}", "put"},
    {"/api/v1/trainings", "get"},
    {"/api/v1/trainings", "post"},
    {"/api/v1/trainings/{id}", "get"},
    {"/api/v1/trainings/{id}/attendance", "post"},
    {"/api/v1/trainings/{id}/attendance/{officer_id}", "delete"},
    {"/api/v1/compliance", "get"},
    {"/api/v1/healthz", "get"},
    {"/api/v1/metrics", "get"},
    {"/api/v1/openapi.json", "get"},
};
// Public routes (api.md role P): answered without a token.
const std::set<std::string> kPublic = {"/healthz", "/metrics", "/api/v1/healthz", "/api/v1/metrics",
                                       "/api/v1/openapi.json", "post /api/v1/session"};

std::string fill(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      auto end = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, end - i - 1);
      out += name == "year" ? "2024" : "1";
      i = end + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

TEST_CASE("openapi: the document is OpenAPI 3.1 and lists every route of the contract") {
  Server s;
  auto r = s.get("/api/v1/openapi.json");
  REQUIRE(r.status == 200);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
  auto doc = r.json();
  REQUIRE(doc.is_object());
  REQUIRE(doc.at("openapi").is_string());
  CHECK(std::string(doc.at("openapi").as_string()).rfind("3.1", 0) == 0);
  CHECK(doc.at("info").at("title").is_string());
  CHECK(doc.at("info").at("version").is_string());
  REQUIRE(doc.at("paths").is_object());
  const auto& paths = doc.at("paths").as_object();

  for (const auto& [path, method] : kContract) {
    INFO(method << " " << path);
    REQUIRE_MESSAGE(paths.contains(path), "missing path " << path);
    const auto& item = paths.at(path).as_object();
    CHECK_MESSAGE(item.contains(method), "missing " << method << " " << path);
    if (!item.contains(method)) continue;
    const auto& op = item.at(method).as_object();
    CHECK(op.contains("responses"));
    // Path parameters are declared.
    if (path.find('{') != std::string::npos) {
      REQUIRE(op.contains("parameters"));
      std::set<std::string> declared;
      for (const auto& p : op.at("parameters").as_array())
        if (p.at("in") == "path") declared.insert(std::string(p.at("name").as_string()));
      for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1))
        CHECK(declared.count(path.substr(i + 1, path.find('}', i) - i - 1)) == 1);
    }
  }
  // The absolute forms of healthz and metrics are served too.
  CHECK(s.get("/healthz").status == 200);
  CHECK(s.get("/metrics").status == 200);
}

TEST_CASE("openapi: every path and method in the document is really routed") {
  Server s;
  auto r = s.get("/api/v1/openapi.json");
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto doc = r.json();
  REQUIRE(doc.at("paths").is_object());
  const auto& paths = doc.at("paths").as_object();
  std::string other_admin = s.make_user("other-admin", "admin", std::nullopt, std::nullopt);
  int checked = 0;
  for (const auto& kv : paths) {
    std::string pattern(kv.key());
    for (const auto& op : kv.value().as_object()) {
      std::string method = upper(std::string(op.key()));
      if (method != "GET" && method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE" &&
          method != "HEAD")
        continue;
      INFO(method << " " << pattern);
      std::string body = method == "GET" || method == "DELETE" || method == "HEAD" ? "" : "{}";
      // Without a token: a routed, non-public call is 401; a public one anything but 404/405.
      auto r = s.request(method, fill(pattern), body);
      bool is_public = kPublic.count(pattern) || kPublic.count(std::string(op.key()) + " " + pattern) ||
                       (op.value().as_object().contains("x-roles") && op.value().at("x-roles") == "public");
      CHECK(r.status != 405);
      CHECK_FALSE((r.status == 404 && r.body.find("no such resource") != std::string::npos));
      if (is_public)
        CHECK(r.status != 401);
      else
        CHECK(r.status == 401);
      // With the admin token: still routed (a handler's own 404 names the thing, not the route).
      // (DELETE /session and /me/sessions end the session they are called with: use a fresh one.)
      // (DELETE /me/sessions ends every session of its user: another admin's.)
      std::string tok = method == "DELETE" && pattern == "/api/v1/session"       ? s.login("admin", "admin-password")
                        : method == "DELETE" && pattern == "/api/v1/me/sessions" ? other_admin
                                                                                 : s.admin_token();
      auto a = s.request(method, fill(pattern), body, tok);
      CHECK(a.status != 405);
      CHECK(a.status != 401);
      CHECK(a.status != 500);
      CHECK_FALSE((a.status == 404 && a.body.find("no such resource") != std::string::npos));
      // The document names who may call it.
      if (op.value().as_object().contains("security") && !is_public) CHECK(op.value().at("security").is_array());
      ++checked;
    }
  }
  CHECK(checked >= static_cast<int>(kContract.size()));
}
