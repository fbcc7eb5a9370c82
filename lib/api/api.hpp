// The api: one request in, one response out. Knows HTTP semantics and JSON, not sockets.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "api/http.hpp"

namespace certhours::store {
class Store;
}

namespace certhours::api {

struct Options {
  std::string web_dir;     // static files of the web UI; empty: none
  bool access_log = true;  // one line per request on stderr
  std::chrono::minutes session_idle{30};  // serve --session-idle
  // Who may read /metrics besides loopback (serve --metrics-allow), as client addresses.
  std::vector<std::string> metrics_allow;
  // serve --secure-cookie: the session cookie is marked Secure (the site is served over TLS).
  bool secure_cookie = false;
};

// The server runs each request on one of three pools (docs/limits.md), so that neither a login
// flood nor a few long downloads and uploads delay the everyday requests.
enum class Pool {
  requests,  // everything else: milliseconds each
  logins,    // hashes a password (login, password changes, new users): Argon2id, ~0.1 s of a core
  files,     // writes or reads a whole file (exports, imports): up to seconds at a city's scale
};

// One row of the route table (also the source of openapi.json).
struct RouteInfo {
  std::string method, pattern, roles, summary;
  Pool pool = Pool::requests;                 // logins: 503 login_busy when that pool is full
  bool open_while_changing_password = false;  // served while a password change is due (else 403)
};

class Api {
 public:
  Api(store::Store& store, Options options);
  ~Api();

  // Handles one request. Thread safe. Blocks on the database and on password hashing,
  // so the server calls it from worker threads, never from its I/O threads.
  // Never throws: a bug becomes a 500 with a request id, logged on stderr.
  Response handle(const Request& req);

  // The part of handle() that needs no body: the route, the caller, the role. The server asks
  // it on the headers of a request with a body, before reading the body: a request that will
  // be refused is answered at once and its body never buffered (docs/api.md). nullopt: read on.
  std::optional<Response> admit(const Request& head);

  // The server's thread pool for the request (its route's; an unknown one: requests).
  static Pool pool_for(std::string_view method, std::string_view target);

  // Every route the router serves.
  static std::vector<RouteInfo> routes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certhours::api
