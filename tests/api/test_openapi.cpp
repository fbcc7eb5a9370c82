// GET /api/v1/openapi.json against the router's own route table (api::Api::routes()):
// every route is documented with its schemas; every documented operation is served, to the
// roles the table names (never taken from the document under test); request bodies are read in
// the documented media type; documented query parameters are read; real answers match their
// documented schemas; and docs/api.md names every documented path and nothing the router lacks.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <utility>

#include "api/api.hpp"
#include "harness.hpp"

using namespace certhours::test;
using certhours::api::Api;
using certhours::api::RouteInfo;

namespace {

const char* const kMethods[] = {"get", "post", "put", "patch", "delete"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool allows(const RouteInfo& r, const std::string& role) {
  std::stringstream ss(r.roles);
  for (std::string item; std::getline(ss, item, ',');)
    if (item == role) return true;
  return false;
}

// The pattern with its {…} segments filled: `values` by name, else 2024 for a year, 1 for the rest.
std::string fill(const std::string& pattern, const std::map<std::string, std::string>& values = {}) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      auto end = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, end - i - 1);
      auto it = values.find(name);
      out += it != values.end() ? it->second : name == "year" ? "2024" : "1";
      i = end + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

const json::object* operation(const json::value& doc, const std::string& method, const std::string& pattern) {
  const auto& paths = doc.at("paths").as_object();
  auto p = paths.find(pattern);
  if (p == paths.end()) return nullptr;
  auto m = p->value().as_object().find(lower(method));
  return m == p->value().as_object().end() ? nullptr : &m->value().as_object();
}

// The success entry of an operation's responses: {status, response object}.
std::pair<int, const json::object*> success(const json::object& op) {
  for (const auto& kv : op.at("responses").as_object()) {
    std::string k(kv.key());
    if (k.size() == 3 && k[0] == '2' && std::isdigit(static_cast<unsigned char>(k[1])))
      return {std::stoi(k), &kv.value().as_object()};
  }
  return {0, nullptr};
}

std::string media_of(const std::string& content_type) {
  std::string m = content_type.substr(0, content_type.find(';'));
  while (!m.empty() && m.back() == ' ') m.pop_back();
  return lower(m);
}

// The router's own "no route" 404, told apart from a handler's 404 (which names the thing) by
// comparing with the answer to a path no route matches: the same rule and the same words.
struct Unrouted {
  std::string rule, prefix;
  explicit Unrouted(Server& s) {
    const std::string path = "/api/v1/no-such-route";
    auto r = s.get(path);
    REQUIRE(r.status == 404);
    rule = r.error_rule();
    std::string message = str(r.json().at("error").at("message"));
    prefix = message.substr(0, message.find(path));
  }
  bool is(const HttpResult& r) const {
    if (r.status != 404 || r.error_rule() != rule) return false;
    auto v = r.json();
    if (!v.is_object() || !v.as_object().contains("error")) return false;
    return rule.size() > 0 || str(v.at("error").at("message")).rfind(prefix, 0) == 0;
  }
};

// --- the subset of JSON Schema the document uses: $ref, allOf, anyOf, type, enum, properties,
// required, items, minimum, maximum, multipleOf, format date / date-time. Objects are checked
// strictly: a field the schema does not name is an error (an answer carries nothing undocumented).
class SchemaCheck {
 public:
  explicit SchemaCheck(const json::value& doc) : schemas_(doc.at("components").at("schemas").as_object()) {}

  std::vector<std::string> errors(const json::value& schema, const json::value& v) {
    std::vector<std::string> out;
    check(schema.as_object(), v, "$", out, true);
    return out;
  }

  const json::object& resolve(const json::object& s) const {
    auto it = s.find("$ref");
    if (it == s.end()) return s;
    std::string ref(it->value().as_string());
    const std::string prefix = "#/components/schemas/";
    REQUIRE_MESSAGE(ref.rfind(prefix, 0) == 0, ref);
    auto target = schemas_.find(ref.substr(prefix.size()));
    REQUIRE_MESSAGE(target != schemas_.end(), "unresolved " << ref);
    return resolve(target->value().as_object());
  }

 private:
  // The property names an object schema declares (through $ref and allOf); false when it names none.
  bool names(const json::object& raw, std::set<std::string>& out) const {
    const json::object& s = resolve(raw);
    bool any = false;
    if (auto* p = s.if_contains("properties")) {
      any = true;
      for (const auto& kv : p->as_object()) out.insert(std::string(kv.key()));
    }
    if (auto* all = s.if_contains("allOf"))
      for (const auto& part : all->as_array()) any = names(part.as_object(), out) || any;
    return any;
  }

  static bool has_type(const json::value& v, std::string_view t) {
    if (t == "null") return v.is_null();
    if (t == "boolean") return v.is_bool();
    if (t == "integer") return v.is_int64() || v.is_uint64();
    if (t == "number") return v.is_int64() || v.is_uint64() || v.is_double();
    if (t == "string") return v.is_string();
    if (t == "array") return v.is_array();
    if (t == "object") return v.is_object();
    return false;
  }

  void check(const json::object& raw, const json::value& v, const std::string& at, std::vector<std::string>& out,
             bool strict) {
    const json::object& s = resolve(raw);
    if (auto* any = s.if_contains("anyOf")) {
      for (const auto& alt : any->as_array()) {
        std::vector<std::string> e;
        check(alt.as_object(), v, at, e, strict);
        if (e.empty()) return;
      }
      out.push_back(at + ": matches none of anyOf");
      return;
    }
    if (auto* all = s.if_contains("allOf")) {
      for (const auto& part : all->as_array()) check(part.as_object(), v, at, out, false);
      if (strict && v.is_object()) strict_keys(s, v, at, out);
    }
    if (auto* t = s.if_contains("type")) {
      bool ok = false;
      if (t->is_string()) ok = has_type(v, t->as_string());
      else
        for (const auto& alt : t->as_array()) ok = ok || has_type(v, alt.as_string());
      if (!ok) {
        out.push_back(at + ": " + json::serialize(v).substr(0, 80) + " is not of type " + json::serialize(*t));
        return;
      }
    }
    if (auto* e = s.if_contains("enum")) {
      bool ok = false;
      for (const auto& item : e->as_array()) ok = ok || item == v;
      if (!ok) out.push_back(at + ": " + json::serialize(v) + " not in " + json::serialize(*e));
    }
    if (v.is_number()) {
      double d = num(v);
      if (auto* m = s.if_contains("minimum"); m && d < num(*m)) out.push_back(at + ": below its minimum");
      if (auto* m = s.if_contains("maximum"); m && d > num(*m)) out.push_back(at + ": above its maximum");
      if (auto* m = s.if_contains("multipleOf")) {
        double q = d / num(*m);
        if (q != static_cast<double>(static_cast<long long>(q))) out.push_back(at + ": not a multiple of its step");
      }
    }
    if (v.is_string()) {
      std::string text(v.as_string());
      if (auto* f = s.if_contains("format")) {
        static const std::regex date_re(R"(\d{4}-\d{2}-\d{2})"), time_re(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
        if (*f == "date" && !std::regex_match(text, date_re)) out.push_back(at + ": '" + text + "' is not a date");
        if (*f == "date-time" && !std::regex_match(text, time_re)) out.push_back(at + ": '" + text + "' is not a time");
      }
    }
    if (v.is_object()) {
      const auto& o = v.as_object();
      if (auto* req = s.if_contains("required"))
        for (const auto& name : req->as_array())
          if (!o.contains(name.as_string())) out.push_back(at + ": missing " + std::string(name.as_string()));
      if (auto* props = s.if_contains("properties"))
        for (const auto& kv : props->as_object())
          if (auto* field = o.if_contains(kv.key()))
            check(kv.value().as_object(), *field, at + "." + std::string(kv.key()), out, true);
      if (strict && !s.contains("allOf")) strict_keys(s, v, at, out);
    }
    if (v.is_array())
      if (auto* items = s.if_contains("items"))
        for (std::size_t i = 0; i < v.as_array().size(); ++i)
          check(items->as_object(), v.as_array()[i], at + "[" + std::to_string(i) + "]", out, true);
  }

  void strict_keys(const json::object& s, const json::value& v, const std::string& at, std::vector<std::string>& out) {
    std::set<std::string> declared;
    if (!names(s, declared)) return;  // an open object ({"type":"object"}): anything
    for (const auto& kv : v.as_object())
      if (!declared.count(std::string(kv.key()))) out.push_back(at + ": undocumented field " + std::string(kv.key()));
  }

  const json::object& schemas_;
};

// Every "$ref" anywhere in `v`.
void refs(const json::value& v, std::vector<std::string>& out) {
  if (v.is_object()) {
    for (const auto& kv : v.as_object()) {
      if (kv.key() == "$ref" && kv.value().is_string()) out.emplace_back(kv.value().as_string());
      else refs(kv.value(), out);
    }
  } else if (v.is_array()) {
    for (const auto& e : v.as_array()) refs(e, out);
  }
}

json::value openapi_doc(Server& s) {
  auto r = s.get("/api/v1/openapi.json");
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.header("content-type").rfind("application/json", 0) == 0);
  auto doc = r.json();
  REQUIRE(doc.is_object());
  REQUIRE(doc.at("paths").is_object());
  REQUIRE(doc.at("components").at("schemas").is_object());
  return doc;
}

// A unit tree, two officers (the first is id 1), an hr user of 钦南区 and an officer user.
struct Fixture {
  Tree tree;
  long long officer = 0, other = 0;
  std::string hr, officer_user;
  explicit Fixture(Server& s) {
    tree = make_tree(s);
    officer = make_officer(s, "张三", tree.qinnan, "2016-01-01", 1);
    other = make_officer(s, "李四", tree.jianshan, "2016-01-01", 2);
    hr = s.make_user("hr-qinnan", "hr", tree.qinnan, std::nullopt);
    officer_user = s.make_user("officer-zhang", "officer", std::nullopt, officer);
  }
};

}  // namespace

TEST_CASE("openapi: every route of the table is documented, with its parameters and schemas") {
  Server s;
  auto doc = openapi_doc(s);
  CHECK(str(doc.at("openapi")).rfind("3.1", 0) == 0);
  CHECK(doc.at("info").at("title").is_string());
  // info.version is the program's version (project() VERSION), as `certhours --version` prints it.
  REQUIRE(doc.at("info").at("version").is_string());
  std::string version_line;
  CHECK(Server::run_cli({"--version"}, &version_line) == 0);
  CHECK(version_line.rfind("certhours " + str(doc.at("info").at("version")) + " (commit ", 0) == 0);
  SchemaCheck schemas(doc);

  // Relative servers: the API is wherever the document was read from.
  REQUIRE(doc.at("servers").is_array());
  CHECK(doc.at("servers").at(0).at("url") == "/");

  const auto routes = Api::routes();
  REQUIRE(routes.size() >= 40);
  std::set<std::string> operation_ids;
  static const std::regex url_safe("[a-z][A-Za-z0-9]*");
  std::size_t documented = 0;
  for (const auto& kv : doc.at("paths").as_object())
    for (const auto& m : kv.value().as_object()) documented += std::find(std::begin(kMethods), std::end(kMethods), std::string(m.key())) != std::end(kMethods);
  CHECK_MESSAGE(documented == routes.size(), "the document has operations the route table lacks, or misses some");

  for (const RouteInfo& r : routes) {
    INFO(r.method << " " << r.pattern);
    const json::object* op = operation(doc, r.method, r.pattern);
    REQUIRE_MESSAGE(op != nullptr, "missing from the document");
    CHECK(op->at("x-roles") == r.roles.c_str());
    CHECK(op->at("summary") == r.summary.c_str());
    // Public routes say so with an empty list; the others take the bearer token or the cookie.
    REQUIRE(op->at("security").is_array());
    CHECK(op->at("security").as_array().empty() == (r.roles == "public"));
    // operationIds: camelCase (URL-safe, a generated client's method names), unique.
    std::string operation_id = str(op->at("operationId"));
    CHECK_MESSAGE(std::regex_match(operation_id, url_safe), operation_id);
    CHECK_MESSAGE(operation_ids.insert(operation_id).second, "operationId used twice: " << operation_id);

    // Path parameters are declared; query parameters have a name and a schema.
    std::set<std::string> in_path;
    if (auto* params = op->if_contains("parameters"))
      for (const auto& p : params->as_array()) {
        REQUIRE(p.at("schema").is_object());
        if (p.at("in") == "path") in_path.insert(str(p.at("name")));
        else CHECK(p.at("in") == "query");
      }
    for (std::size_t i = r.pattern.find('{'); i != std::string::npos; i = r.pattern.find('{', i + 1))
      CHECK_MESSAGE(in_path.count(r.pattern.substr(i + 1, r.pattern.find('}', i) - i - 1)) == 1, "path parameter");

    // A success answer with its schema (none only for 204).
    auto [status, ok] = success(*op);
    REQUIRE_MESSAGE(ok != nullptr, "no success response");
    if (status == 204) {
      CHECK_FALSE(ok->contains("content"));
    } else {
      REQUIRE_MESSAGE(ok->contains("content"), "no response schema");
      for (const auto& media : ok->at("content").as_object()) {
        const auto& schema = media.value().at("schema").as_object();
        CHECK_MESSAGE(!schema.empty(), "empty response schema for " << std::string(media.key()));
        if (media.key() == "application/json") {
          const auto& resolved = schemas.resolve(schema);
          CHECK_MESSAGE((resolved.contains("type") || resolved.contains("allOf")), "untyped response schema");
        }
      }
    }
    // Errors status by status, each the shared Error (the import report is its own), as the
    // route's facts say: 401 without a token, 403 for roles left out, 404 for path ids, 415 and
    // 413 for bodies, 500 always; never a range such as 4XX.
    const auto& responses = op->at("responses").as_object();
    for (const auto& kv : responses) {
      std::string code(kv.key());
      INFO("response " << code);
      CHECK((code.size() == 3 && std::isdigit(static_cast<unsigned char>(code[1])) &&
             std::isdigit(static_cast<unsigned char>(code[2]))));
      if (code[0] != '4' && code[0] != '5') continue;
      CHECK(!str(kv.value().at("description")).empty());
      const auto& schema = kv.value().at("content").at("application/json").at("schema");
      bool report = code == "422" && r.method == "POST" && r.pattern.rfind("/api/v1/imports/", 0) == 0;
      CHECK(schema.at("$ref") == (report ? "#/components/schemas/ImportReport" : "#/components/schemas/Error"));
      if (code == "429" || code == "503") CHECK(kv.value().at("headers").as_object().contains("Retry-After"));
    }
    bool has_body = op->contains("requestBody");
    // A file (a claim's evidence): PDF, JPEG or PNG, its bytes deciding; no JSON to refuse (422).
    bool file_body = has_body && op->at("requestBody").at("content").as_object().contains("application/pdf");
    CHECK(responses.contains("401") == (r.roles != "public" || r.pattern == "/api/v1/session"));
    if (r.roles != "public" && r.roles != "admin,hr,officer") CHECK(responses.contains("403"));
    if (r.pattern.find('{') != std::string::npos) CHECK(responses.contains("404"));
    CHECK(responses.contains("413") == has_body);
    CHECK(responses.contains("415") == has_body);
    if (has_body && !file_body) CHECK(responses.contains("422"));
    CHECK(responses.contains("500"));
    // 503: a body over the budget, a login queue full, or (/readyz) a database that cannot be read.
    CHECK(responses.contains("503") == (has_body || r.pool == certhours::api::Pool::logins || r.pattern.ends_with("/readyz")));

    // Writes have a request body, and a JSON one is an object with its fields.
    bool write = r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
    if (write) {
      REQUIRE_MESSAGE(op->contains("requestBody"), "no request schema");
      const auto& content = op->at("requestBody").at("content").as_object();
      if (file_body) {
        CHECK(content.size() == 3);
        for (const char* media : {"application/pdf", "image/jpeg", "image/png"})
          CHECK(schemas.resolve(content.at(media).at("schema").as_object()).at("format") == "binary");
        continue;
      }
      REQUIRE(content.size() == 1);
      const auto& media = *content.begin();
      CHECK((media.key() == "application/json" || media.key() == "text/csv"));
      const auto& schema = schemas.resolve(media.value().at("schema").as_object());
      if (media.key() == "application/json") {
        CHECK(schema.at("type") == "object");
        CHECK_MESSAGE(schema.contains("properties"), "a JSON body without its fields");
      } else {
        CHECK(schema.at("type") == "string");
      }
    } else {
      CHECK_FALSE(op->contains("requestBody"));
    }
  }

  // Every $ref resolves.
  std::vector<std::string> all_refs;
  refs(doc, all_refs);
  CHECK(all_refs.size() > 50);
  for (const auto& ref : all_refs) {
    INFO(ref);
    // Response headers (Retry-After) are shared in components/headers, schemas in components/schemas.
    const std::string headers = "#/components/headers/";
    if (ref.rfind(headers, 0) == 0)
      CHECK(doc.at("components").at("headers").as_object().contains(ref.substr(headers.size())));
    else
      schemas.resolve(json::object{{"$ref", ref}});  // fails the test when it does not resolve
  }
}

TEST_CASE("openapi: every documented operation is served, to the roles of the route table") {
  Server s;
  Fixture f(s);
  auto doc = openapi_doc(s);
  Unrouted unrouted(s);
  std::map<std::pair<std::string, std::string>, RouteInfo> table;
  for (const RouteInfo& r : Api::routes()) table[{r.method, r.pattern}] = r;
  std::string other_admin = s.make_user("other-admin", "admin", std::nullopt, std::nullopt);
  const std::map<std::string, std::string> passwords = {{"admin", "admin-password"},
                                                        {"hr", "hr-qinnan-password"},
                                                        {"officer", "officer-zhang-password"}};
  const std::map<std::string, std::string> usernames = {{"admin", "admin"}, {"hr", "hr-qinnan"}, {"officer", "officer-zhang"}};
  std::map<std::string, std::string> tokens = {{"admin", s.admin_token()}, {"hr", f.hr}, {"officer", f.officer_user}};

  int checked = 0;
  for (const auto& kv : doc.at("paths").as_object()) {
    std::string pattern(kv.key());
    for (const auto& m : kv.value().as_object()) {
      std::string method = upper(std::string(m.key()));
      INFO(method << " " << pattern);
      auto it = table.find({method, pattern});
      REQUIRE_MESSAGE(it != table.end(), "documented but not in the route table");
      const RouteInfo& route = it->second;
      std::string body = method == "GET" || method == "DELETE" ? "" : "{}";

      // Without a token: a public route is answered, any other is 401.
      auto r = s.request(method, fill(pattern), body);
      CHECK(r.status != 405);
      CHECK_FALSE(unrouted.is(r));
      if (route.roles == "public") CHECK(r.status != 401);
      else CHECK(r.status == 401);
      if (route.roles == "public") {
        ++checked;
        continue;
      }

      // With a token: each role is refused (403) exactly when the table leaves it out.
      for (const std::string role : {"admin", "hr", "officer"}) {
        INFO("as " << role);
        // Logging out ends the session it is called with: those two use a session of their own
        // (DELETE /me/sessions ends every session of its user: the admin's is another admin's).
        bool ends_sessions = method == "DELETE" && (pattern == "/api/v1/session" || pattern == "/api/v1/me/sessions");
        std::string token = !ends_sessions        ? tokens.at(role)
                            : role == "admin" && pattern == "/api/v1/me/sessions" ? other_admin
                                                                                  : s.login(usernames.at(role), passwords.at(role));
        auto a = s.request(method, fill(pattern), body, token);
        CHECK(a.status != 405);
        CHECK(a.status != 401);
        CHECK(a.status != 500);
        CHECK_FALSE(unrouted.is(a));
        if (allows(route, role)) CHECK_MESSAGE(a.status != 403, a.body);
        else CHECK_MESSAGE(a.status == 403, a.body);
        // Logging out everywhere ended the role's usual session too (the admin's: another admin's).
        if (method == "DELETE" && pattern == "/api/v1/me/sessions") {
          if (role == "admin") other_admin = s.login("other-admin", "other-admin-password");
          else tokens[role] = s.login(usernames.at(role), passwords.at(role));
        }
      }
      ++checked;
    }
  }
  CHECK(checked == static_cast<int>(table.size()));
}

TEST_CASE("openapi: request bodies are read in the documented media type") {
  Server s;
  Fixture f(s);
  auto doc = openapi_doc(s);
  std::string admin = s.admin_token();
  int checked = 0;
  for (const RouteInfo& r : Api::routes()) {
    const json::object* op = operation(doc, r.method, r.pattern);
    if (!op || !op->contains("requestBody")) continue;
    INFO(r.method << " " << r.pattern);
    std::string media(op->at("requestBody").at("content").as_object().begin()->key());
    // A file (a claim's evidence) is read whatever its type says: its bytes decide (test_claims.cpp).
    if (media != "application/json" && media != "text/csv") continue;
    std::string other = media == "application/json" ? "text/csv" : "application/json";
    // (The ids of the fixture exist, so each handler reaches its body.)
    auto documented = s.request(r.method, fill(r.pattern), "{}", admin, media);
    CHECK_MESSAGE(documented.status != 415, documented.body);
    auto refused = s.request(r.method, fill(r.pattern), "{}", admin, other);
    CHECK_MESSAGE(refused.status == 415, refused.body);
    ++checked;
  }
  CHECK(checked >= 15);
}

TEST_CASE("openapi: the documented query parameters are the ones each route reads") {
  Server s;
  Fixture f(s);
  auto doc = openapi_doc(s);
  std::string admin = s.admin_token();
  int checked = 0;
  for (const RouteInfo& r : Api::routes()) {
    const json::object* op = operation(doc, r.method, r.pattern);
    if (!op || !op->contains("parameters")) continue;
    for (const auto& p : op->at("parameters").as_array()) {
      if (p.at("in") != "query") continue;
      const auto& schema = p.at("schema").as_object();
      bool checkable = schema.contains("enum") || schema.at("type") == "integer" ||
                       (schema.contains("format") && schema.at("format") == "date");
      if (!checkable) continue;  // free text (q): any value is taken
      std::string name = str(p.at("name"));
      INFO(r.method << " " << r.pattern << "?" << name);
      // A value no integer, date or enum admits is refused naming the parameter: it is read.
      auto a = s.request(r.method, fill(r.pattern) + "?" + name + "=zz", "", admin);
      CHECK_MESSAGE(a.status == 422, a.body);
      auto v = a.json();
      if (v.is_object() && v.as_object().contains("error") && v.at("error").as_object().contains("field"))
        CHECK(v.at("error").at("field") == name.c_str());
      else
        FAIL_CHECK("no error field: " << a.body);
      ++checked;
    }
  }
  CHECK(checked >= 30);
}

TEST_CASE("openapi: real answers match their documented schemas, for every route") {
  Server s({"CERTHOURS_TODAY=2024-07-01"});
  auto doc = openapi_doc(s);
  SchemaCheck schemas(doc);
  std::set<std::pair<std::string, std::string>> seen;

  // Checks `r` against the documented success answer of (method, pattern).
  auto conforms = [&](const std::string& method, const std::string& pattern, const HttpResult& r) {
    INFO(method << " " << pattern << " -> " << r.status << " " << r.body.substr(0, 300));
    const json::object* op = operation(doc, method, pattern);
    REQUIRE(op != nullptr);
    auto [status, ok] = success(*op);
    REQUIRE(ok != nullptr);
    REQUIRE(r.status == status);
    seen.insert({method, pattern});
    if (status == 204) return;
    const auto& content = ok->at("content").as_object();
    std::string media = media_of(r.header("content-type"));
    const json::value* schema = nullptr;
    for (const auto& kv : content)
      if (media_of(std::string(kv.key())) == media) schema = &kv.value().at("schema");
    REQUIRE_MESSAGE(schema != nullptr, "undocumented media type " << r.header("content-type"));
    if (media != "application/json") return;
    for (const auto& e : schemas.errors(*schema, r.json())) FAIL_CHECK(e);
  };

  std::string admin = s.admin_token();
  auto call = [&](const std::string& method, const std::string& pattern, const std::map<std::string, std::string>& ids,
                  const json::value& body, const std::string& token) {
    auto r = s.request(method, fill(pattern, ids), body.is_null() ? "" : json::serialize(body), token);
    conforms(method, pattern, r);
    return r;
  };
  auto id_of = [](const HttpResult& r) { return std::to_string(r.json().at("id").as_int64()); };

  // Units, officers, users.
  auto root = call("POST", "/api/v1/units", {},
                   json::object{{"code", "QZ"}, {"name", "钦州市"}, {"parent_id", nullptr}, {"level", "city"}}, admin);
  auto qinnan = call("POST", "/api/v1/units", {},
                     json::object{{"code", "QN"}, {"name", "钦南区"}, {"parent_id", root.json().at("id")}, {"level", "county"}},
                     admin);
  std::string unit = id_of(qinnan);
  auto officer_json = [&](const char* name, int n) {
    return json::object{{"name", name}, {"id_number", id_number(n)}, {"unit_id", std::stoll(unit)},
                        {"kind", "enforcement"}, {"post_start", "2016-01-01"}};
  };
  std::string o1 = id_of(call("POST", "/api/v1/officers", {}, officer_json("张三", 1), admin));
  std::string o2 = id_of(call("POST", "/api/v1/officers", {}, officer_json("李四", 2), admin));
  call("PATCH", "/api/v1/officers/{id}", {{"id", o2}}, json::object{{"name", "李四四"}}, admin);
  auto hr_user = call("POST", "/api/v1/users", {},
                      json::object{{"username", "hr1"}, {"password", "Qinnan-hr-2024"}, {"role", "hr"},
                                   {"unit_id", std::stoll(unit)}},
                      admin);
  auto officer_user = call("POST", "/api/v1/users", {},
                           json::object{{"username", "zhang"}, {"password", "Zhang-officer-2024"}, {"role", "officer"},
                                        {"officer_id", std::stoll(o1)}},
                           admin);
  call("PATCH", "/api/v1/users/{id}", {{"id", id_of(hr_user)}}, json::object{{"disabled", false}}, admin);
  call("POST", "/api/v1/users/{id}/password", {{"id", id_of(officer_user)}},
       json::object{{"new_password", "Zhang-reset-2024"}}, admin);
  auto login = call("POST", "/api/v1/session", {}, json::object{{"username", "hr1"}, {"password", "Qinnan-hr-2024"}}, "");
  std::string hr = str(login.json().at("token"));
  call("GET", "/api/v1/me", {}, nullptr, hr);
  call("PUT", "/api/v1/me/password", {},
       json::object{{"current_password", "Qinnan-hr-2024"}, {"new_password", "Qinnan-hr-2025"}}, hr);

  // Policies, trainings, attendance.
  call("PUT", "/api/v1/policies/{year}", {{"year", "2025"}}, json::object{{"legal_hours", 20}, {"business_hours", 40.5}},
       admin);
  auto training = [&](const char* title, const char* start, const char* end) {
    return id_of(call("POST", "/api/v1/trainings", {},
                      json::object{{"title", title},
                                   {"organizer_unit_id", std::stoll(unit)},
                                   {"start_date", start},
                                   {"end_date", end},
                                   {"hours", json::object{{"legal", 6}, {"business", 6.5}, {"political", 3}}},
                                   {"rotation", true}},
                      admin));
  };
  std::string t1 = training("法治讲座", "2024-03-04", "2024-03-05");
  std::string t2 = training("执法技能", "2024-04-10", "2024-04-11");
  for (const std::string& t : {t1, t2})
    call("POST", "/api/v1/trainings/{id}/attendance", {{"id", t}},
         json::object{{"records", json::array{json::object{{"officer_id", std::stoll(o1)}},
                                              json::object{{"officer_id", std::stoll(o2)},
                                                           {"hours", json::object{{"legal", 2}}}}}}},
         admin);
  call("DELETE", "/api/v1/trainings/{id}/attendance/{officer_id}", {{"id", t2}, {"officer_id", o2}}, nullptr, admin);
  call("PATCH", "/api/v1/trainings/{id}/attendance/{officer_id}", {{"id", t1}, {"officer_id", o2}},
       json::object{{"hours", json::object{{"business", 4}}}}, admin);
  call("PATCH", "/api/v1/trainings/{id}", {{"id", t2}}, json::object{{"title", "执法技能（更正）"}, {"mode", "online"}},
       admin);
  std::string t3 = training("误录的培训", "2024-05-06", "2024-05-07");
  call("DELETE", "/api/v1/trainings/{id}", {{"id", t3}}, nullptr, admin);

  // Certificates, assessments, campaigns.
  auto cert = call("POST", "/api/v1/officers/{id}/certificates", {{"id", o1}},
                   json::object{{"number", "QZ-2023-0001"}, {"issued_on", "2020-01-01"}}, admin);
  auto cert2 = call("POST", "/api/v1/officers/{id}/certificates", {{"id", o2}},
                    json::object{{"number", "QZ-2023-0002"}, {"issued_on", "2023-01-01"}}, admin);
  call("POST", "/api/v1/certificates/{id}/actions", {{"id", id_of(cert2)}},
       json::object{{"action", "suspend"}, {"effective_on", "2024-06-01"}, {"reason", "调查中"}, {"until", "2024-12-31"}},
       admin);
  call("PUT", "/api/v1/officers/{id}/assessments/{year}", {{"id", o1}, {"year", "2023"}},
       json::object{{"grade", "incompetent"}}, admin);
  call("POST", "/api/v1/rotation/campaigns", {},
       json::object{{"name", "2024年全员轮训"}, {"window_start", "2024-01-01"}, {"deadline", "2024-12-31"}}, admin);

  // Imports: accepted, and refused with their report.
  auto imported = s.request("POST", "/api/v1/imports/officers",
                            "name,id_number,unit_code,kind,post_start,post_end\r\n王五," + id_number(3) +
                                ",QN,enforcement,2020-01-01,\r\n",
                            admin, "text/csv");
  conforms("POST", "/api/v1/imports/officers", imported);
  auto attendance = s.request("POST", "/api/v1/imports/attendance",
                              "training_id,id_number,legal,business,political\r\n" + t2 + "," + id_number(3) + ",,,\r\n",
                              admin, "text/csv");
  conforms("POST", "/api/v1/imports/attendance", attendance);
  {
    auto refused = s.request("POST", "/api/v1/imports/attendance",
                             "training_id,id_number,legal,business,political\r\n999," + id_number(3) + ",,,\r\n", admin,
                             "text/csv");
    REQUIRE(refused.status == 422);
    const json::object* op = operation(doc, "POST", "/api/v1/imports/attendance");
    const auto& schema = op->at("responses").at("422").at("content").at("application/json").at("schema");
    for (const auto& e : schemas.errors(schema, refused.json())) FAIL_CHECK("import report: " << e);
  }

  // Qualification: an exam with scores (one from a score sheet), applications withdrawn and rejected.
  std::string exam = id_of(call("POST", "/api/v1/exams", {},
                                json::object{{"name", "2024年度行政执法资格考试"}, {"held_on", "2024-03-01"}}, admin));
  call("PUT", "/api/v1/exams/{id}/results/{officer_id}", {{"id", exam}, {"officer_id", o1}},
       json::object{{"score", 72.5}}, admin);
  conforms("POST", "/api/v1/imports/exam-results",
           s.request("POST", "/api/v1/imports/exam-results",
                     "exam_id,id_number,score\r\n" + exam + "," + id_number(3) + ",58\r\n", admin, "text/csv"));
  std::string application = id_of(call("POST", "/api/v1/applications", {},
                                       json::object{{"officer_id", std::stoll(o1)}, {"kind", "renewal"}}, admin));
  call("POST", "/api/v1/applications/{id}/withdraw", {{"id", application}}, json::object{{"reason", "材料重报"}}, admin);
  std::string rejected = id_of(call("POST", "/api/v1/applications", {},
                                    json::object{{"officer_id", std::stoll(o2)}, {"kind", "first"}}, admin));
  call("POST", "/api/v1/applications/{id}/decision", {{"id", rejected}},
       json::object{{"decision", "reject"}, {"reason", "证件暂扣期间不予申领"}}, admin);

  // External training claims (approved with a PNG, withdrawn, revoked) and exemptions.
  auto claim_body = [](const char* title) {
    return json::object{{"title", title},
                        {"provider", "省司法厅"},
                        {"start_date", "2024-03-01"},
                        {"end_date", "2024-03-02"},
                        {"hours", json::object{{"legal", 4}, {"business", 2.5}}}};
  };
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16);
  auto evidence = [&](const std::string& claim) {
    conforms("PUT", "/api/v1/claims/{id}/evidence",
             s.request("PUT", "/api/v1/claims/" + claim + "/evidence", png, admin, "image/png"));
  };
  std::string claim = id_of(call("POST", "/api/v1/officers/{id}/claims", {{"id", o1}}, claim_body("行政复议法专题"), admin));
  evidence(claim);
  call("POST", "/api/v1/claims/{id}/decision", {{"id", claim}},
       json::object{{"decision", "approve"}, {"hours", json::object{{"legal", 3}}}}, hr);
  std::string withdrawn = id_of(call("POST", "/api/v1/officers/{id}/claims", {{"id", o2}}, claim_body("网络课程"), admin));
  call("POST", "/api/v1/claims/{id}/withdraw", {{"id", withdrawn}}, nullptr, admin);
  std::string revoked = id_of(call("POST", "/api/v1/officers/{id}/claims", {{"id", o2}}, claim_body("证书存疑"), admin));
  evidence(revoked);
  call("POST", "/api/v1/claims/{id}/decision", {{"id", revoked}}, json::object{{"decision", "approve"}}, admin);
  call("POST", "/api/v1/claims/{id}/revoke", {{"id", revoked}}, json::object{{"reason", "证书系伪造"}}, admin);
  call("POST", "/api/v1/officers/{id}/exemptions", {{"id", o1}},
       json::object{{"from", "2024-03-10"}, {"to", "2024-03-20"}, {"reason_code", "illness"}}, admin);
  std::string gone = id_of(call("POST", "/api/v1/officers/{id}/exemptions", {{"id", o1}},
                                json::object{{"from", "2023-05-01"}, {"to", "2023-05-02"}, {"reason_code", "other"},
                                             {"reason", "误录"}},
                                admin));
  call("DELETE", "/api/v1/exemptions/{id}", {{"id", gone}}, nullptr, admin);

  // Every GET of the table, as the admin, with ids that exist and queries that find something.
  // The admin's calendar feed: "/api/v1/calendar/SECRET.ics".
  std::string feed = s.get("/api/v1/me/calendar", admin).json().at("path").as_string().c_str();
  const std::string secret = feed.substr(feed.rfind('/') + 1, 64);
  const std::map<std::string, std::string> ids = {
      {"id", o1}, {"year", "2024"}, {"number", "QZ-2023-0001"}, {"secret", secret}};
  const std::map<std::string, std::string> queries = {{"/api/v1/reviews/exit", "?year=2023"},
                                                      {"/api/v1/certificates/expiring", "?days=3650"},
                                                      {"/api/v1/compliance", "?year=2024"},
                                                      {"/api/v1/compliance/export", "?format=xlsx"}};
  for (const RouteInfo& r : Api::routes()) {
    if (r.method != "GET") continue;
    std::map<std::string, std::string> these = ids;
    if (r.pattern == "/api/v1/trainings/{id}") these["id"] = t1;
    if (r.pattern == "/api/v1/exams/{id}") these["id"] = exam;
    if (r.pattern == "/api/v1/applications/{id}") these["id"] = application;
    if (r.pattern.rfind("/api/v1/claims/{id}", 0) == 0) these["id"] = claim;
    auto q = queries.find(r.pattern);
    auto answer = s.request("GET", fill(r.pattern, these) + (q == queries.end() ? "" : q->second), "", admin);
    conforms("GET", r.pattern, answer);
    // Lists are not empty here, so their items were checked too.
    auto v = answer.json();
    if (v.is_object() && v.as_object().contains("items") && r.pattern != "/api/v1/audit") {
      INFO(r.pattern);
      CHECK(!v.at("items").as_array().empty());
    }
  }
  // Errors answer the documented Error body.
  auto error_conforms = [&](const std::string& method, const std::string& pattern, const HttpResult& r) {
    INFO(method << " " << pattern << " -> " << r.status << " " << r.body);
    REQUIRE((r.status >= 400 && r.status < 500));
    const auto& responses = operation(doc, method, pattern)->at("responses").as_object();
    REQUIRE_MESSAGE(responses.contains(std::to_string(r.status)), "status not documented");
    const auto& schema = responses.at(std::to_string(r.status)).at("content").at("application/json").at("schema");
    for (const auto& e : schemas.errors(schema, r.json())) FAIL_CHECK(e);
  };
  error_conforms("GET", "/api/v1/me", s.get("/api/v1/me"));
  error_conforms("POST", "/api/v1/session",
                 s.post("/api/v1/session", json::object{{"username", "hr1"}, {"password", "wrong-password"}}));
  error_conforms("GET", "/api/v1/officers/{id}", s.get("/api/v1/officers/999", admin));
  error_conforms("GET", "/api/v1/compliance", s.get("/api/v1/compliance?year=zz", admin));
  error_conforms("POST", "/api/v1/officers/{id}/certificates",
                 s.post("/api/v1/officers/" + o1 + "/certificates",
                        json::object{{"number", "QZ-2023-0001"}, {"issued_on", "2024-01-01"}}, admin));
  error_conforms("POST", "/api/v1/trainings/{id}/attendance",
                 s.post("/api/v1/trainings/" + t1 + "/attendance",
                        json::object{{"records", json::array{json::object{{"officer_id", std::stoll(o1)},
                                                                          {"hours", json::object{{"legal", 99}}}}}}},
                        admin));
  error_conforms("GET", "/api/v1/audit", s.get("/api/v1/audit", hr));

  call("GET", "/api/v1/me/reminders", {}, nullptr, hr);
  call("POST", "/api/v1/me/calendar/reset", {}, json::object{}, hr);
  {
    auto listed = s.get("/api/v1/reviews/exit?year=2023", admin).json();
    const std::map<std::string, std::string> mark = {
        {"year", "2023"}, {"officer_id", std::to_string(listed.at("items").at(0).at("officer_id").as_int64())}};
    call("PUT", "/api/v1/reviews/exit/{year}/officers/{officer_id}", mark, json::object{{"decision", "no_action"}},
         admin);
    call("DELETE", "/api/v1/reviews/exit/{year}/officers/{officer_id}", mark, nullptr, admin);
  }
  call("DELETE", "/api/v1/me/sessions", {}, nullptr, hr);
  call("DELETE", "/api/v1/session", {}, nullptr, s.login("hr1", "Qinnan-hr-2025"));

  for (const RouteInfo& r : Api::routes()) {
    INFO(r.method << " " << r.pattern);
    CHECK_MESSAGE(seen.count({r.method, r.pattern}) == 1, "no answer of this route was checked");
  }
}

TEST_CASE("openapi: docs/api.md names every documented path, and only served ones outside its plans") {
  Server s;
  auto doc = openapi_doc(s);
  std::string md = read_file(std::string(CERTHOURS_SOURCE_DIR) + "/docs/api.md");
  REQUIRE_MESSAGE(!md.empty(), "cannot read docs/api.md");

  // The "Planned (not served yet)" section, up to the next "## " heading.
  const std::string planned_heading = "\n## Planned (not served yet)";
  auto start = md.find(planned_heading);
  REQUIRE_MESSAGE(start != std::string::npos, "docs/api.md has no Planned (not served yet) section");
  auto end = md.find("\n## ", start + 1);
  if (end == std::string::npos) end = md.size();
  std::string planned = md.substr(start, end - start);
  std::string served = md.substr(0, start) + md.substr(end);
  CHECK(md.find("\n## Error rules") != std::string::npos);

  // `METHOD /path` mentions (a query string or the closing backtick ends the path).
  auto mentions = [](const std::string& text) {
    std::set<std::pair<std::string, std::string>> out;
    static const std::regex re(R"(`(GET|POST|PUT|PATCH|DELETE) (/[^`?\s]*))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
      out.insert({(*it)[1].str(), (*it)[2].str()});
    return out;
  };
  auto in_served = mentions(served), in_planned = mentions(planned);
  REQUIRE(in_served.size() >= 40);
  REQUIRE(!in_planned.empty());

  std::set<std::pair<std::string, std::string>> table;
  for (const RouteInfo& r : Api::routes()) table.insert({r.method, r.pattern});
  // docs/api.md writes paths under /api/v1 without the prefix; /healthz and /metrics are served both ways.
  auto routed = [&](const std::string& method, const std::string& path) {
    return table.count({method, path}) || table.count({method, "/api/v1" + path});
  };

  for (const auto& kv : doc.at("paths").as_object()) {
    std::string path(kv.key());
    std::string short_path = path.rfind("/api/v1/", 0) == 0 ? path.substr(7) : path;
    for (const auto& m : kv.value().as_object()) {
      std::string method = upper(std::string(m.key()));
      INFO(method << " " << path);
      CHECK_MESSAGE(in_served.count({method, short_path}) + in_served.count({method, path}) > 0,
                    "not named in docs/api.md outside its plans");
    }
  }
  for (const auto& [method, path] : in_served) {
    INFO("docs/api.md names " << method << " " << path);
    CHECK_MESSAGE(routed(method, path), "named as served, but the route table has no such route");
  }
  for (const auto& [method, path] : in_planned) {
    INFO("docs/api.md plans " << method << " " << path);
    CHECK_MESSAGE(!routed(method, path), "served now: move it out of Planned (not served yet)");
  }
}
