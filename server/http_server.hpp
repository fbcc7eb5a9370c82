// The HTTP/1.1 server: sockets, timeouts, limits, signals. The only place Beast lives.
// Each request is parsed here, handed to api::Api::handle on a worker thread (it blocks on
// the database and on password hashing), and its response written back in order.
#pragma once
#include <functional>
#include <string>

namespace certhours::api {
class Api;
}

namespace certhours::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 1;
  int workers = 4;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets running handlers finish and
// returns 0. Once bound it calls `on_listening(url)` with the real URL.
// Returns non-zero (after printing one line on stderr) when it cannot bind.
int serve(api::Api& api, const ServerOptions& options, const std::function<void(const std::string&)>& on_listening);

}  // namespace certhours::server
