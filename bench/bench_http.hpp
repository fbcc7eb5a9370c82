// What the HTTP benchmarks share: a `certhours serve` child on a database, one request at a
// time over a fresh or kept-alive connection, a bench admin and its token, and the figures
// (median, percentiles). Header-only: each benchmark is one translation unit.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
inline double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

// `certhours serve` on `db` at 127.0.0.1:<free port>, with `env` (NAME=value) set for it;
// stopped with SIGTERM when destroyed.
struct ServerProcess {
  pid_t pid = -1;
  unsigned short port = 0;
  explicit ServerProcess(const std::string& db, const std::vector<std::string>& env = {}) {
    int p[2];
    if (pipe(p) != 0) throw std::runtime_error("pipe");
    pid = fork();
    if (pid == 0) {
      dup2(p[1], 1);
      close(p[0]);
      for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
      execl(CERTHOURS_BIN, CERTHOURS_BIN, "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", "--no-access-log",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(p[1]);
    std::string text;
    char buf[256];
    while (text.find('\n') == std::string::npos) {
      ssize_t n = read(p[0], buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
    close(p[0]);
    auto pos = text.find("127.0.0.1:");
    if (pos == std::string::npos) throw std::runtime_error("server did not start: " + text);
    port = static_cast<unsigned short>(std::stoi(text.substr(pos + 10)));
  }
  ~ServerProcess() {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }
};

// One connection kept alive for many requests, one at a time.
class Client {
 public:
  explicit Client(unsigned short port) : stream_(ioc_) {
    stream_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream_.socket().set_option(tcp::no_delay(true));
  }
  // The answer's status and body.
  std::pair<int, std::string> send(http::verb verb, const std::string& target, const std::string& body,
                                   const std::string& token, const char* content_type = "application/json") {
    http::request<http::string_body> req(verb, target, 11);
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
      req.set(http::field::content_type, content_type);
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream_, req);
    http::response_parser<http::string_body> res;
    res.body_limit(256 << 20);
    http::read(stream_, buffer_, res);
    return {static_cast<int>(res.get().result_int()), res.get().body()};
  }

 private:
  net::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

// One request on a connection of its own.
inline std::string fetch(unsigned short port, http::verb verb, const std::string& target, const std::string& body,
                         const std::string& token, int* status = nullptr) {
  Client c(port);
  auto [code, text] = c.send(verb, target, body, token);
  if (status) *status = code;
  return text;
}

// Adds the admin "bench" (password "bench-password") unless it exists; the hash is made here.
inline void ensure_bench_admin(const std::string& db) {
  if (sodium_init() < 0) throw std::runtime_error("sodium_init");
  certhours::store::Store store(db, 1);
  if (store.users.credentials("bench")) return;
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, "bench-password", 14, 2, 19u << 20, crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("crypto_pwhash_str_alg");
  store.users.create({"bench", hash, certhours::Role::admin, std::nullopt, std::nullopt}, {std::nullopt, "bench"});
}

// The bench admin's token.
inline std::string bench_token(unsigned short port) {
  auto login = fetch(port, http::verb::post, "/api/v1/session", R"({"username":"bench","password":"bench-password"})", "");
  auto pos = login.find("\"token\":\"");
  if (pos == std::string::npos) throw std::runtime_error("login failed: " + login);
  return login.substr(pos + 9, 64);
}

}  // namespace bench
