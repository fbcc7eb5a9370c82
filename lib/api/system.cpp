// /healthz, /metrics, /api/v1/openapi.json.
#include <algorithm>
#include <cctype>
#include <map>

#include "api/api.hpp"
#include "api/handlers.hpp"
#include "api/metrics.hpp"
#include "api/openapi_schemas.hpp"
#include "app/administration.hpp"
#include "certhours/version.hpp"
#include "domain/messages.hpp"

namespace certhours::api::handlers {

// Liveness: the process answers. It never touches the database (a slow disk must not get a
// live server restarted); /readyz does.
Response healthz(Ctx&) { return json_response(200, json::object{{"status", "ok"}}); }

// Readiness: the database file can be read now; 503 otherwise (a load balancer stops sending).
Response readyz(Ctx& ctx) {
  if (auto why = app::database_unreadable(ctx.app())) {
    Response r = error_response(503, "unavailable", rules::database_unreadable, {{"detail", *why}});
    r.headers.emplace_back("Retry-After", "5");
    return r;
  }
  return json_response(200, json::object{{"status", "ready"}});
}

Response metrics(Ctx& ctx) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.svc.metrics.render(app::database_bytes(ctx.app()));
  return r;
}

// The document is made from the route table itself, so it lists exactly what the router serves;
// each route's bodies, query parameters and answers come from openapi_schemas.cpp.
namespace {
bool numeric_param(std::string_view name) { return name == "id" || name == "year" || name.ends_with("_id"); }

// The path parameters of a route pattern ("{id}", "{year}"…).
json::array path_parameters(const std::string& pattern) {
  json::array params;
  for (std::size_t pos = pattern.find('{'); pos != std::string::npos; pos = pattern.find('{', pos + 1)) {
    std::string name = pattern.substr(pos + 1, pattern.find('}', pos) - pos - 1);
    json::object schema{{"type", numeric_param(name) ? "integer" : "string"}};
    if (numeric_param(name)) schema["minimum"] = 1;
    params.push_back(json::object{{"name", name}, {"in", "path"}, {"required", true}, {"schema", std::move(schema)}});
  }
  return params;
}

// A fallback operationId for a route whose schemas name none: "GET /api/v1/a_b/{id}" -> getApiV1ABId.
std::string derived_name(const RouteInfo& r) {
  std::string out;
  for (char c : r.method) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool upper = true;
  for (char c : r.pattern) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// The "…_not_found" rules of a pattern's ids that messages.def has: /officers/{id} -> officer_not_found,
// {officer_id} -> officer_not_found, /trainings/{id} -> training_not_found.
std::vector<std::string> not_found_rules(const std::string& pattern) {
  std::vector<std::string> out;
  for (std::size_t pos = pattern.find('{'); pos != std::string::npos; pos = pattern.find('{', pos + 1)) {
    std::string name = pattern.substr(pos + 1, pattern.find('}', pos) - pos - 1), thing;
    if (name == "id") {
      std::size_t start = pattern.rfind('/', pos - 2) + 1;  // the segment before "/{id}": "officers"
      thing = pattern.substr(start, pos - 1 - start);
      if (thing.ends_with('s')) thing.pop_back();
    } else if (name.ends_with("_id")) {
      thing = name.substr(0, name.size() - 3);
    }
    std::string rule = thing + "_not_found";
    if (thing.empty() || std::find(out.begin(), out.end(), rule) != out.end()) continue;
    for (const RuleText& t : all_rules())
      if (t.rule == rule) out.push_back(rule);
  }
  return out;
}

// The error answers of a route, status -> why and which rules (docs/api.md, "Errors").
struct ErrorAnswer {
  std::vector<std::string> why;
  std::vector<std::string> rules;
};

// What a route can answer besides its success, derived from facts of the route: public or not,
// the roles, a body and its media type, path ids, query parameters, the login pool; plus what its
// handler answers of its own (OperationSchema::errors: a 409, a 429…).
std::map<int, ErrorAnswer> error_answers(const RouteInfo& r, const openapi::OperationSchema* schema) {
  std::map<int, ErrorAnswer> out;
  auto add = [&](int status, const char* why, std::initializer_list<Rule> named) {
    ErrorAnswer& e = out[status];
    if (*why) e.why.emplace_back(why);
    for (Rule rule : named) e.rules.emplace_back(rule.name);
  };
  const bool is_public = r.roles == "public";
  const bool body = schema && !schema->request_media.empty();
  const bool json_body = body && schema->request_media == "application/json";
  const bool path_params = r.pattern.find('{') != std::string::npos;
  bool query = false, unit_scope = false;
  if (schema)
    for (const auto& q : schema->query) {
      query = true;
      unit_scope = unit_scope || q.at("name") == "unit_id" || q.at("name") == "campaign_id";
    }

  add(400, "the request target is not a valid URL (a bad %-escape), or an HTTP/1.1 request lacks its one Host header",
      {rules::bad_target, rules::host_required});
  if (json_body) add(400, "the body is not JSON, or not a JSON object", {rules::invalid_json, rules::body_not_object});
  if (!is_public) {
    add(401, "no valid session token: none, expired, idle too long, or ended (logout, password change, disabled)",
        {rules::login_required});
    if (r.roles != "admin,hr,officer") add(403, "the caller's role is not one of x-roles", {rules::role_forbidden});
    if (!r.open_while_changing_password)
      add(403, "an administrator reset the caller's password: it must be changed first (PUT /api/v1/me/password)",
          {rules::password_change_required});
  }
  if (path_params) {
    add(404,
        "a path parameter names nothing, or something outside the caller's units (never told apart); an id that is "
        "not a positive integer names no route",
        {rules::route_not_found});
    for (const auto& rule : not_found_rules(r.pattern)) out[404].rules.push_back(rule);
  }
  if (unit_scope)
    add(404, "unit_id (or campaign_id) names nothing the caller may see, or there are no units yet",
        {rules::unit_not_found, rules::no_units});
  if (body) {
    bool csv = schema->request_media == "text/csv";
    if (!json_body && !csv) {  // a file (the evidence of a claim): its bytes decide
      add(413, "the body is over 5 MiB", {rules::body_too_large});
      add(415, "the bytes are no PDF, JPEG or PNG, whatever the Content-Type says", {rules::evidence_type});
    } else {
      add(413, csv ? "the body is over 20 MiB" : "the body is over 1 MiB", {rules::body_too_large});
      add(415, csv ? "the body is not sent as text/csv" : "the body is not sent as application/json",
          {csv ? rules::media_type_csv : rules::media_type_json});
    }
  }
  if (json_body || query || r.pattern.find("{year}") != std::string::npos)
    add(422, "a value is refused: the field or query parameter at fault is named in error.field", {});
  if (schema)
    for (const auto& [status, named] : schema->errors) {
      ErrorAnswer& e = out[status];
      for (const auto& rule : named)
        if (std::find(e.rules.begin(), e.rules.end(), rule) == e.rules.end()) e.rules.push_back(rule);
    }
  add(500, "a bug: logged with the request id named in error.params", {rules::internal_error});
  if (body) add(503, "the bodies being received exceed the server's budget (Retry-After: 5)", {rules::server_busy});
  if (r.pool == Pool::logins) add(503, "too many password hashes are waiting (Retry-After: 1)", {rules::login_busy});
  // Every authenticated request may write (its session's last use), and so may every body.
  if (!is_public || body) add(507, "the disk is full: nothing was written", {rules::disk_full});
  return out;
}

const char* reason_phrase(int status) {
  static const std::map<int, const char*> phrases = {{400, "Bad request"},
                                                     {401, "Unauthenticated"},
                                                     {403, "Forbidden"},
                                                     {404, "Not found"},
                                                     {409, "Conflict"},
                                                     {413, "Body too large"},
                                                     {415, "Unsupported media type"},
                                                     {422, "Validation failed"},
                                                     {429, "Too many requests"},
                                                     {500, "Internal error"},
                                                     {503, "Busy"},
                                                     {507, "Insufficient storage"}};
  auto it = phrases.find(status);
  return it == phrases.end() ? "Error" : it->second;
}

json::object error_response_object(int status, const ErrorAnswer& e) {
  std::string text = reason_phrase(status);
  for (std::size_t i = 0; i < e.why.size(); ++i) text += (i == 0 ? ": " : "; ") + e.why[i];
  if (!e.rules.empty()) {
    text += e.rules.size() == 1 ? ". Rule: " : ". Rules: ";
    for (std::size_t i = 0; i < e.rules.size(); ++i) text += (i ? ", `" : "`") + e.rules[i] + "`";
  }
  text += " (docs/api.md, Error rules).";
  json::object res{{"description", std::move(text)},
                   {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  if (status == 429 || status == 503) res["headers"] = {{"Retry-After", {{"$ref", "#/components/headers/RetryAfter"}}}};
  if (status == 401 &&
      std::find(e.rules.begin(), e.rules.end(), std::string(rules::login_required.name)) != e.rules.end())
    res["headers"] = {{"WWW-Authenticate", {{"$ref", "#/components/headers/WWWAuthenticate"}}}};
  return res;
}

json::object responses_of(const RouteInfo& r, const openapi::OperationSchema* schema) {
  json::object responses;
  if (schema) {
    json::object success{{"description", schema->response_description}};
    if (!schema->response_media.empty()) {
      json::object content;
      for (const auto& media : schema->response_media) content[media] = {{"schema", schema->response}};
      success["content"] = std::move(content);
    }
    if (!schema->response_headers.empty()) success["headers"] = schema->response_headers;
    responses[std::to_string(schema->status)] = std::move(success);
  } else {
    responses[r.method == "DELETE" ? "204" : "200"] = {{"description", "success"}};
  }
  for (const auto& [status, e] : error_answers(r, schema)) {
    std::string key = std::to_string(status);
    // An answer written out in full (the 422 import report) keeps its own body and gains the rules.
    if (schema && schema->other_responses.contains(key)) continue;
    responses[key] = error_response_object(status, e);
  }
  if (schema)
    for (const auto& kv : schema->other_responses) responses[kv.key()] = kv.value();
  return responses;
}

// One operation of the document, from its row of the route table and its schemas.
json::object operation(const RouteInfo& r) {
  const openapi::OperationSchema* schema = openapi::operation_schema(r.method, r.pattern);
  json::array params = path_parameters(r.pattern);
  if (schema)
    for (const auto& q : schema->query) params.push_back(q);
  json::object op{{"summary", r.summary},
                  {"operationId", schema && !schema->name.empty() ? schema->name : derived_name(r)},
                  {"x-roles", r.roles},
                  {"responses", responses_of(r, schema)}};
  if (!params.empty()) op["parameters"] = std::move(params);
  if (schema && !schema->request_media.empty()) {
    json::object content{{schema->request_media, {{"schema", schema->request}}}};
    for (const auto& media : schema->request_media_also) content[media] = {{"schema", schema->request}};
    op["requestBody"] = {{"required", true}, {"content", std::move(content)}};
  }
  // Public routes say so: no security requirement at all (an empty list), not the document's default.
  op["security"] = r.roles == "public"
                       ? json::array{}
                       : json::array{json::object{{"bearer", json::array{}}}, json::object{{"cookie", json::array{}}}};
  return op;
}
}  // namespace

Response openapi(Ctx&) {
  json::object paths;
  for (const RouteInfo& r : Api::routes()) {
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::value& path_item = paths[r.pattern];
    if (!path_item.is_object()) path_item = json::object();  // a new path starts as null
    path_item.as_object()[method] = operation(r);
  }
  json::object doc{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "certhours API"},
        {"version", certhours::kVersion},  // project() VERSION in CMakeLists.txt
        {"description",
         "Training hours and enforcement certificates of Qinzhou's administrative law-enforcement "
         "officers (钦政办〔2024〕11号). Errors: {error:{code, rule, message, field?, params?}}. The contract "
         "in prose: docs/api.md."}}},
      // Relative: the API is served wherever this document is (any host, any scheme).
      {"servers", json::array{json::object{{"url", "/"}, {"description", "the server that serves this document"}}}},
      {"paths", std::move(paths)},
      {"components",
       {{"headers",
         {{"RetryAfter",
           {{"description", "seconds to wait before trying again"}, {"schema", {{"type", "integer"}, {"minimum", 1}}}}},
          {"WWWAuthenticate", {{"description", "Bearer realm=\"certhours\""}, {"schema", {{"type", "string"}}}}}}},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "certhours_session"}}}}},
        {"schemas", openapi::component_schemas()}}}};
  return json_response(200, doc);
}

}  // namespace certhours::api::handlers
