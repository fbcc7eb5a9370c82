// What the HTTP benchmarks share: a `certhours serve` child on a database (and how long it took
// to answer), one request at a time over a fresh or kept-alive connection, a bench admin and its
// token, the figures (median, percentiles), the keep-alive load of many connections (run_load:
// bench_hours, bench_perf, loadgen) and the server's memory read from /proc (MemorySampler).
// Header-only: each benchmark is one translation unit.
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
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bench_database.hpp"
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

// A child process running `argv` that prints "...127.0.0.1:PORT..." on its first line of
// standard output once it listens (certhours serve, bench_reference); stopped with SIGTERM when
// destroyed. `started` is just before the fork: cold start is measured from it.
struct ChildServer {
  pid_t pid = -1;
  unsigned short port = 0;
  Clock::time_point started;
  explicit ChildServer(const std::vector<std::string>& argv, const std::vector<std::string>& env = {}) {
    int p[2];
    if (pipe(p) != 0) throw std::runtime_error("pipe");
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    started = Clock::now();
    pid = fork();
    if (pid == 0) {
      dup2(p[1], 1);
      close(p[0]);
      for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
      execv(args[0], args.data());
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
    if (pos == std::string::npos) {
      stop();
      throw std::runtime_error(argv[0] + " did not start: " + text);
    }
    port = static_cast<unsigned short>(std::stoi(text.substr(pos + 10)));
  }
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;
  ~ChildServer() { stop(); }
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    pid = -1;
  }
};

#ifdef CERTHOURS_BIN
// `certhours serve` on `db` at 127.0.0.1:<free port>, with `env` (NAME=value) set for it.
struct ServerProcess : ChildServer {
  explicit ServerProcess(const std::string& db, const std::vector<std::string>& env = {})
      : ChildServer({server_binary(), "serve", "--db", db, "--listen", "127.0.0.1:0", "--no-access-log"}, env) {}
  // The build's certhours, or $BENCH_CERTHOURS (an earlier build, to measure a change against).
  static std::string server_binary() {
    const char* other = std::getenv("BENCH_CERTHOURS");
    return other && *other ? other : CERTHOURS_BIN;
  }
};
#endif

// One connection kept alive for many requests, one at a time.
class Client {
 public:
  explicit Client(unsigned short port, const std::string& host = "127.0.0.1") : host_(host), stream_(ioc_) {
    stream_.connect(tcp::endpoint(net::ip::make_address(host), port));
    stream_.socket().set_option(tcp::no_delay(true));
  }
  // The whole answer (status, headers, body of at most 2 GiB).
  http::response<http::string_body> request(http::verb verb, const std::string& target, const std::string& body,
                                            const std::string& token, const char* content_type = "application/json") {
    http::request<http::string_body> req(verb, target, 11);
    req.set(http::field::host, host_);
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
      req.set(http::field::content_type, content_type);
      req.body() = body;
    }
    req.prepare_payload();
    http::write(stream_, req);
    http::response_parser<http::string_body> res;
    res.body_limit(std::uint64_t{2} << 30);
    http::read(stream_, buffer_, res);
    return res.release();
  }
  // The answer's status and body.
  std::pair<int, std::string> send(http::verb verb, const std::string& target, const std::string& body,
                                   const std::string& token, const char* content_type = "application/json") {
    auto res = request(verb, target, body, token, content_type);
    return {static_cast<int>(res.result_int()), std::move(res.body())};
  }

 private:
  std::string host_;
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

// Polls GET /healthz until it answers 200 (or `timeout_s` passes); returns the seconds since
// `since` (a server's `started`: exec to first successful answer), or -1 on timeout.
inline double seconds_until_healthy(unsigned short port, Clock::time_point since, double timeout_s = 120) {
  while (seconds_since(since) < timeout_s) {
    try {
      int status = 0;
      fetch(port, http::verb::get, "/healthz", "", "", &status);
      if (status == 200) return seconds_since(since);
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return -1;
}

// The bench admin's token.
inline std::string bench_token(unsigned short port) {
  auto login = fetch(port, http::verb::post, "/api/v1/session", kBenchLogin, "");
  std::string token = token_in(login);
  if (token.empty()) throw std::runtime_error("login failed: " + login);
  return token;
}

// ---- keep-alive load: many connections, each sending its next request as soon as the answer arrives ----

struct LoadOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;
  // The next request's target, drawn with the connection's thread's generator.
  std::function<std::string(std::mt19937_64&)> target;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Authorization", "Bearer ..."}
  int connections = 64;
  int threads = 2;  // client threads, each with its own io_context and connections / threads connections
  double seconds = 10;
  std::uint64_t seed = 20240531;
};

struct LoadResult {
  std::uint64_t requests = 0;  // answered with 200
  std::uint64_t errors = 0;    // other statuses, failed connections and reads
  std::uint64_t bytes = 0;     // response bodies
  double seconds = 0;
  std::vector<double> latencies;  // of every answered request, in seconds
  double per_second() const { return seconds > 0 ? requests / seconds : 0; }
};

namespace detail {
struct LoadThread {
  const LoadOptions& opt;
  Clock::time_point end;
  tcp::endpoint endpoint;
  std::mt19937_64 rng;
  net::io_context ioc{1};
  LoadResult result;
  LoadThread(const LoadOptions& o, Clock::time_point e, tcp::endpoint ep, std::uint64_t seed)
      : opt(o), end(e), endpoint(ep), rng(seed) {}

  // A plain socket (no beast::tcp_stream: its timers cost the client CPU the servers need) and
  // one request whose target alone changes.
  struct Conn : std::enable_shared_from_this<Conn> {
    LoadThread& t;
    tcp::socket socket;
    beast::flat_buffer buffer;
    http::request<http::empty_body> req{http::verb::get, "/", 11};
    std::optional<http::response_parser<http::string_body>> res;
    Clock::time_point sent;
    explicit Conn(LoadThread& lt) : t(lt), socket(lt.ioc) {
      req.set(http::field::host, t.opt.host);
      for (const auto& [name, value] : t.opt.headers) req.set(name, value);
    }
    void connect() {
      socket.async_connect(t.endpoint, [self = shared_from_this()](beast::error_code ec) {
        if (ec) {
          ++self->t.result.errors;
          return self->retry();
        }
        self->socket.set_option(tcp::no_delay(true));
        self->next();
      });
    }
    // After an error: a new connection, unless the time is up.
    void retry() {
      beast::error_code ignored;
      socket.close(ignored);
      buffer.consume(buffer.size());
      if (Clock::now() < t.end) connect();
    }
    void next() {
      if (Clock::now() >= t.end) return;
      req.target(t.opt.target(t.rng));
      sent = Clock::now();
      http::async_write(socket, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) {
          ++self->t.result.errors;
          return self->retry();
        }
        self->res.emplace();
        self->res->body_limit(1u << 30);
        http::async_read(self->socket, self->buffer, *self->res, [self](beast::error_code ec, std::size_t) {
          if (ec) {
            ++self->t.result.errors;
            return self->retry();
          }
          auto& r = self->res->get();
          if (r.result_int() == 200) {
            ++self->t.result.requests;
            self->t.result.bytes += r.body().size();
            self->t.result.latencies.push_back(std::chrono::duration<double>(Clock::now() - self->sent).count());
          } else {
            ++self->t.result.errors;
          }
          if (!r.keep_alive()) return self->retry();
          self->next();
        });
      });
    }
  };
};
}  // namespace detail

// Runs the load for opt.seconds and returns what was answered. Throws if the host is no address.
inline LoadResult run_load(const LoadOptions& opt) {
  int threads = std::max(1, std::min(opt.threads, opt.connections));
  auto endpoint = tcp::endpoint(net::ip::make_address(opt.host), opt.port);
  auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(opt.seconds));
  std::vector<std::unique_ptr<detail::LoadThread>> parts;
  for (int i = 0; i < threads; ++i) {
    parts.push_back(std::make_unique<detail::LoadThread>(opt, end, endpoint, opt.seed + static_cast<std::uint64_t>(i)));
    int mine = opt.connections / threads + (i < opt.connections % threads ? 1 : 0);
    for (int c = 0; c < mine; ++c) std::make_shared<detail::LoadThread::Conn>(*parts.back())->connect();
  }
  auto t0 = Clock::now();
  std::vector<std::thread> running;
  for (auto& p : parts) running.emplace_back([&p] { p->ioc.run(); });
  for (auto& t : running) t.join();
  LoadResult all;
  all.seconds = seconds_since(t0);
  for (auto& p : parts) {
    all.requests += p->result.requests;
    all.errors += p->result.errors;
    all.bytes += p->result.bytes;
    all.latencies.insert(all.latencies.end(), p->result.latencies.begin(), p->result.latencies.end());
  }
  return all;
}

// ---- the server's memory, from /proc/PID/status ----

// A field of /proc/PID/status in kB ("VmRSS", "RssAnon", "VmHWM"), 0 when absent.
inline long status_kb(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return 0;
}

// Samples a process's RssAnon every 20 ms on a thread of its own, from construction to
// destruction; keeps the peak of each phase (phase("name") starts the next one) and overall.
class MemorySampler {
 public:
  explicit MemorySampler(pid_t pid, std::string first_phase = "start") : pid_(pid), phase_(std::move(first_phase)) {
    order_.push_back(phase_);
    peaks_[phase_] = 0;
    starts_[phase_] = 0;
    thread_ = std::thread([this] {
      while (running_) {
        sample();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    });
  }
  MemorySampler(const MemorySampler&) = delete;
  MemorySampler& operator=(const MemorySampler&) = delete;
  ~MemorySampler() {
    running_ = false;
    thread_.join();
  }
  // Ends the current phase (with one last sample) and starts `name`.
  void phase(const std::string& name) {
    long kb = sample();
    std::lock_guard lock(mu_);
    phase_ = name;
    if (!peaks_.count(name)) {
      order_.push_back(name);
      starts_[name] = kb;
    }
    peaks_[name] = std::max(peaks_[name], kb);
  }
  // RssAnon in kB when a phase started (what it inherited: glibc keeps freed memory).
  long start_kb(const std::string& name) {
    std::lock_guard lock(mu_);
    auto it = starts_.find(name);
    return it == starts_.end() ? 0 : it->second;
  }
  // Peak RssAnon in kB of a phase, or of everything sampled so far with "".
  long peak_kb(const std::string& name = "") {
    sample();
    std::lock_guard lock(mu_);
    if (name.empty()) return overall_;
    auto it = peaks_.find(name);
    return it == peaks_.end() ? 0 : it->second;
  }
  // The phases in the order they started.
  std::vector<std::string> phases() {
    std::lock_guard lock(mu_);
    return order_;
  }

 private:
  long sample() {
    long kb = status_kb(pid_, "RssAnon");
    std::lock_guard lock(mu_);
    peaks_[phase_] = std::max(peaks_[phase_], kb);
    overall_ = std::max(overall_, kb);
    return kb;
  }
  pid_t pid_;
  std::mutex mu_;
  std::string phase_;
  std::vector<std::string> order_;
  std::map<std::string, long> peaks_, starts_;
  long overall_ = 0;
  std::atomic<bool> running_{true};
  std::thread thread_;
};

}  // namespace bench
