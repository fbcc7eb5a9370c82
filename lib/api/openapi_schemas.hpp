// The request and response schemas of every route, for GET /api/v1/openapi.json (system.cpp).
// The route table (api.cpp) says which routes exist, who may call them and what they do; this
// says what goes in and what comes out, per (method, pattern), as JSON Schema (OpenAPI 3.1),
// with the shared shapes in components/schemas. docs/api.md is the prose of the same contract.
#pragma once
#include <boost/json.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace certhours::api::openapi {

namespace json = boost::json;

// What the document says about one route besides its path parameters, roles and summary.
struct OperationSchema {
  std::string name;               // the operationId: camelCase, unique, never renamed (getOfficerHours)
  int status = 200;               // the success status (204: no body)
  std::string request_media;      // "", "application/json", "text/csv", or a file's type
  std::vector<std::string> request_media_also;  // more types of the same body (a file: PDF, JPEG, PNG)
  json::value request;            // the request body's schema (null: no body)
  json::array query;              // query parameter objects ({name, in: "query", schema, …})
  std::vector<std::string> response_media;  // none (204), or "application/json", "text/csv", …
  json::value response;           // the success body's schema (null: no body)
  std::string response_description = "success";
  json::object response_headers;  // headers of the success response (name -> header object)
  json::object other_responses;   // answers documented as they are (the 422 import report), not as Error
  // Error answers (status -> rules) of the handler itself, beyond those system.cpp derives from the
  // route (401 without a token, 403 for other roles, 404 for path ids, 415 for bodies…): 409s, 429s…
  std::map<int, std::vector<std::string>> errors;
};

// The schemas of a route of the table; nullptr when none were written for it.
const OperationSchema* operation_schema(std::string_view method, std::string_view pattern);

// components/schemas: Error, Page, Officer, Training, Certificate, Unit, User, …
const json::object& component_schemas();

}  // namespace certhours::api::openapi
