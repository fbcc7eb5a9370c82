// The server's log on stderr (journald keeps it under systemd): one logfmt line per request and
// one per failure, each with the request's id, never a query value or a feed's secret
// (docs/operations.md, "Logs").
#pragma once
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace certhours::api {

// What one line of the access log says about a request.
struct AccessEntry {
  std::string_view request_id;
  std::string_view remote;           // the client address (X-Forwarded-For from a trusted proxy)
  std::optional<std::int64_t> user;  // the caller's user id, when they signed in
  std::string_view method;
  std::string_view route;  // the route template ("/api/v1/officers/{id}"), "static" or "not_found"
  int status = 0;
  std::uint64_t bytes = 0;  // of the body, as sent (compressed when it was)
  double seconds = 0;
  std::string_view note;  // e.g. "refused_before_body"; empty: none
};

// time=… level=info|warn|error request_id=… remote=… user=… method=… route=… status=… bytes=…
// duration_ms=… — level: error for 5xx, warn for 4xx, info otherwise.
void log_access(const AccessEntry& e);
// time=… level=error request_id=… method=… target=… msg="…" (the target as loggable_target keeps it).
void log_failure(std::string_view request_id, std::string_view method, std::string_view target, std::string_view what);

// Request ids: the one a proxy sent in X-Request-Id when it is 1–64 characters of
// [A-Za-z0-9._:-], else a new one: 8 hex digits drawn at start and a counter ("3f9a1c2e-1a4"),
// unique within the process and unlikely to repeat across restarts.
class RequestIds {
 public:
  RequestIds();
  std::string next(std::string_view offered);

 private:
  std::string prefix_;
  std::atomic<std::uint64_t> counter_{0};
};

}  // namespace certhours::api
