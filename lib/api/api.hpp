// The api: one request in, one response out. Knows HTTP semantics and JSON, not sockets.
#pragma once
#include <memory>
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
};

// One row of the route table (also the source of openapi.json).
struct RouteInfo {
  std::string method, pattern, roles, summary;
};

class Api {
 public:
  Api(store::Store& store, Options options);
  ~Api();

  // Handles one request. Thread safe. Blocks on the database and on password hashing,
  // so the server calls it from worker threads, never from its I/O threads.
  // Never throws: a bug becomes a 500 with a request id, logged on stderr.
  Response handle(const Request& req);

  // Every route the router serves.
  static std::vector<RouteInfo> routes();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certhours::api
