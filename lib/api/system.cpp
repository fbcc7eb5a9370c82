// /healthz, /metrics, /api/v1/openapi.json.
#include "api/api.hpp"
#include "api/handlers.hpp"
#include "api/metrics.hpp"

namespace certhours::api::handlers {

Response healthz(Ctx&) { return json_response(200, json::object{{"status", "ok"}}); }

Response metrics(Ctx& ctx) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = ctx.svc.metrics.render(ctx.store().size_bytes());
  return r;
}

namespace {
json::object error_ref(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}
}  // namespace

// The document is made from the route table itself, so it lists exactly what the router serves.
Response openapi(Ctx&) {
  json::object paths;
  for (const RouteInfo& r : Api::routes()) {
    json::array params;
    for (std::size_t pos = r.pattern.find('{'); pos != std::string::npos; pos = r.pattern.find('{', pos + 1)) {
      std::string name = r.pattern.substr(pos + 1, r.pattern.find('}', pos) - pos - 1);
      bool numeric = name == "id" || name == "year" || name.ends_with("_id");
      params.push_back(json::object{{"name", name},
                                    {"in", "path"},
                                    {"required", true},
                                    {"schema", {{"type", numeric ? "integer" : "string"}}}});
    }
    bool write = r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
    json::object responses{{r.method == "DELETE" ? "204" : "200", {{"description", "success"}}},
                           {"4XX", error_ref("error (see the error model)")}};
    json::object op{{"summary", r.summary},
                    {"operationId", r.method + " " + r.pattern},
                    {"x-roles", r.roles},
                    {"responses", std::move(responses)}};
    if (!params.empty()) op["parameters"] = std::move(params);
    if (write) op["requestBody"] = {{"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    if (r.roles != "public") op["security"] = json::array{json::object{{"bearer", json::array{}}}, json::object{{"cookie", json::array{}}}};
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    json::value& path_item = paths[r.pattern];
    if (!path_item.is_object()) path_item = json::object();  // a new path starts as null
    path_item.as_object()[method] = std::move(op);
  }
  json::object doc{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "certhours API"},
        {"version", "1.0.0"},
        {"description", "Training hours and enforcement certificates of Qinzhou's administrative law-enforcement "
                        "officers (钦政办〔2024〕11号). Errors: {error:{code, message, field?}}."}}},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"cookie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "certhours_session"}}}}},
        {"schemas",
         {{"Error",
           {{"type", "object"},
            {"required", json::array{"error"}},
            {"properties",
             {{"error",
               {{"type", "object"},
                {"required", json::array{"code", "message"}},
                {"properties",
                 {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}, {"field", {{"type", "string"}}}}}}}}}}}}}}}};
  return json_response(200, doc);
}

}  // namespace certhours::api::handlers
