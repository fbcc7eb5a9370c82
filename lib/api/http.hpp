// The narrow waist between the server (sockets, Beast) and the api (rules to HTTP):
// plain request and response values, no Beast types, so handlers compile fast and are
// testable without a socket.
#pragma once
#include "app/csv_import.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/claim.hpp"
#include "domain/csv.hpp"
#include "domain/status.hpp"

namespace certhours::api {

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // "/api/v1/officers?q=%E5%BC%A0", as sent
  std::string content_type;
  std::string authorization;  // the Authorization header
  std::string cookie;         // the Cookie header
  std::string if_none_match;  // for static files
  std::string remote_address;
  std::string accept_language;  // the Accept-Language header: the language of messages
  std::string host;             // the Host header (URLs handed back, e.g. the calendar feed's)
  std::string forwarded_proto;  // X-Forwarded-Proto: "https" behind a TLS-terminating proxy
  std::string accept_encoding;  // Accept-Encoding: gzip answers when it allows them
  std::string request_id;       // X-Request-Id as sent (a proxy's id, kept when well-formed)
  std::string body;
};

// An error answer, kept as what went wrong until the reader's language is known: its body
// ({"error": {code, rule, message, field?, params?}}, plus rows/more_rows for an import
// report) is written by render_error, in one place (lib/api/errors.cpp).
struct ErrorReply {
  const char* code = "internal";  // the coarse class of docs/api.md's table
  Message what;
  std::vector<csv::LineError> rows;        // an import report: the first refused lines
  std::optional<std::int64_t> more_rows;  // an import report: how many more were refused
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Retry-After, …)
  // When set, the body is this file's content, streamed by the server (large exports, static files).
  std::string file_path;
  // With file_path: the file is a temporary one (an export) that the server deletes once
  // it has opened it for the response, whether the write then succeeds or fails.
  bool delete_file_after = false;
  // True when the server should close the connection after this response.
  bool close = false;
  // Set on an error answer whose body is still to be written (render_error).
  std::optional<ErrorReply> error;

  // Whether `headers` has `name` (compared as HTTP does, ignoring case).
  bool has_header(const char* name) const;
};

// The language a request asks for: English when its Accept-Language prefers en (by q-value,
// before zh), else Chinese.
Lang language_of(std::string_view accept_language);
// Writes the body of an error answer in `lang` (when `r.error` is set; else does nothing).
void render_error(Response& r, Lang lang);
// An error answer, not yet written (Api::handle and the server write it).
Response error_response(int status, const char* code, Rule rule, Params params = {}, std::string field = {});

// The headers every answer carries, the server's own answers too (docs/security.md): a strict
// Content-Security-Policy, X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer; and
// Cache-Control: no-store unless the answer set its own (API answers hold names and ID numbers).
// The server adds Date.
void add_common_headers(Response& r);

// Body limits the server enforces before the body is read (413 above them).
inline constexpr std::size_t kJsonBodyLimit = 1 << 20;       // 1 MiB
inline constexpr std::size_t kCsvBodyLimit = app::kCsvFileLimit;  // 20 MiB, as `certhours import`
inline constexpr std::size_t kEvidenceBodyLimit = kEvidenceMaxBytes;  // 5 MiB: PUT /claims/{id}/evidence
inline constexpr std::size_t kHeaderLimit = 8 << 10;         // 8 KiB (431 above)
// The body limit for a request, from its method and path.
std::size_t body_limit_for(const std::string& method, const std::string& target);

}  // namespace certhours::api
