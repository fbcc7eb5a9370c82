// /healthz, /metrics, /api/v1/openapi.json.
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

namespace {
json::object error_ref(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}
}  // namespace

// The document is made from the route table itself, so it lists exactly what the router serves;
// each route's bodies, query parameters and answers come from openapi_schemas.cpp.
namespace {
// The path parameters of a route pattern ("{id}", "{year}"…).
json::array path_parameters(const std::string& pattern) {
  json::array params;
  for (std::size_t pos = pattern.find('{'); pos != std::string::npos; pos = pattern.find('{', pos + 1)) {
    std::string name = pattern.substr(pos + 1, pattern.find('}', pos) - pos - 1);
    bool numeric = name == "id" || name == "year" || name.ends_with("_id");
    params.push_back(json::object{
        {"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", numeric ? "integer" : "string"}}}});
  }
  return params;
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
    for (const auto& kv : schema->other_responses) responses[kv.key()] = kv.value();
  } else {
    responses[r.method == "DELETE" ? "204" : "200"] = {{"description", "success"}};
  }
  responses["4XX"] = error_ref("error (docs/api.md, the error model)");
  responses["5XX"] = error_ref("500 internal (a bug: a request id, logged), 503 server_busy or login_busy "
                               "(Retry-After), 507 disk_full (nothing written)");
  return responses;
}

// One operation of the document, from its row of the route table and its schemas.
json::object operation(const RouteInfo& r) {
  const openapi::OperationSchema* schema = openapi::operation_schema(r.method, r.pattern);
  json::array params = path_parameters(r.pattern);
  if (schema)
    for (const auto& q : schema->query) params.push_back(q);
  json::object op{{"summary", r.summary},
                  {"operationId", r.method + " " + r.pattern},
                  {"x-roles", r.roles},
                  {"responses", responses_of(r, schema)}};
  if (!params.empty()) op["parameters"] = std::move(params);
  if (schema && !schema->request_media.empty())
    op["requestBody"] = {{"required", true}, {"content", {{schema->request_media, {{"schema", schema->request}}}}}};
  if (r.roles != "public")
    op["security"] = json::array{json::object{{"bearer", json::array{}}}, json::object{{"cookie", json::array{}}}};
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
        {"description", "Training hours and enforcement certificates of Qinzhou's administrative law-enforcement "
                        "officers (钦政办〔2024〕11号). Errors: {error:{code, message, rule?, field?}}. The contract "
                        "in prose: docs/api.md."}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "certhours_session"}}}}},
        {"schemas", openapi::component_schemas()}}}};
  return json_response(200, doc);
}

}  // namespace certhours::api::handlers
