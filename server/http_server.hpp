// The HTTP/1.1 server: sockets, timeouts, limits, signals. The only place Beast lives.
// Each request is parsed here, handed to api::Api::handle on a worker thread (it blocks on
// the database and on password hashing), and its response written back in order.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace certhours::api {
class Api;
}

namespace certhours::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port
  int io_threads = 1;
  int workers = 4;
  // Open connections from one client address at most (serve --max-connections-per-address);
  // trusted proxies are not counted. Beyond it a new connection is closed at once.
  int max_connections_per_address = 256;
  // Proxies whose X-Forwarded-For names the client (serve --trusted-proxy): from them, the
  // client address is the last hop of that header; from anyone else, the socket's.
  std::vector<std::string> trusted_proxies;
  // Threads that hash passwords (logins, password changes) and how many such requests may
  // wait for them before the next gets 503 with Retry-After.
  int login_threads = 2;
  int login_queue = 64;
  // Threads that run exports and imports (api::Pool::files): at most this many at once, the
  // next wait their turn; the other requests never wait behind them.
  int file_threads = 2;
  // Bytes of request bodies that may be buffered at once, all connections together; a
  // request whose declared (or, chunked, largest allowed) body does not fit gets 503.
  std::size_t body_budget = 256u << 20;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets running handlers finish and
// returns 0. Once bound it calls `on_listening(url)` with the real URL.
// Returns non-zero (after printing one line on stderr) when it cannot bind.
int serve(api::Api& api, const ServerOptions& options, const std::function<void(const std::string&)>& on_listening);

}  // namespace certhours::server
