#include "http_server.hpp"

#include <sys/resource.h>

#include <array>
#include <atomic>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "api/api.hpp"
#include "domain/messages.hpp"
#include "domain/text.hpp"

namespace certhours::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// A client that stops sending mid-body, or stalls reading a response, is cut off after this.
constexpr auto kTimeout = std::chrono::seconds(30);
// A request's headers (or, between requests, the next one's) must arrive within this: a
// slow-headers client (slowloris) or an idle keep-alive connection holds a slot no longer.
constexpr auto kHeaderTimeout = std::chrono::seconds(10);
// File descriptors kept free of connections (the database, its WAL, readers, exports, static files).
constexpr int kReservedDescriptors = 64;
// On SIGTERM/SIGINT, requests already read are answered for at most this long before the
// server stops.
constexpr auto kDrainOnStop = std::chrono::seconds(10);

// What every connection shares: the api, the three pools, and the limits on connections,
// buffered bodies and waiting logins (docs/limits.md).
struct Shared {
  Shared(api::Api& a, net::thread_pool& w, net::thread_pool& l, net::thread_pool& f, const ServerOptions& o,
         int max_open)
      : api(a), workers(w), logins(l), files(f), options(o), max_open(max_open) {}
  net::thread_pool& pool(api::Pool p) { return p == api::Pool::logins ? logins : p == api::Pool::files ? files : workers; }
  api::Api& api;
  net::thread_pool& workers;
  net::thread_pool& logins;
  net::thread_pool& files;
  const ServerOptions& options;
  const int max_open;
  std::atomic<int> logins_waiting{0};
  // Requests read and not yet answered (handler running, or response being written): a stop
  // waits for them, so a write that committed is also answered.
  std::atomic<int> in_flight{0};
  std::atomic<std::size_t> body_bytes{0};
  std::mutex mu;  // guards open and per_address
  int open = 0;
  std::unordered_map<std::string, int> per_address;

  bool trusted(const std::string& address) const {
    for (const auto& p : options.trusted_proxies)
      if (p == address) return true;
    return false;
  }
  // Counts a new connection from `address`; false when a limit is reached.
  bool admit_connection(const std::string& address) {
    std::lock_guard lock(mu);
    if (open >= max_open) return false;
    if (!trusted(address) && per_address[address] >= options.max_connections_per_address) return false;
    ++open;
    if (!trusted(address)) ++per_address[address];
    return true;
  }
  void release_connection(const std::string& address) {
    std::lock_guard lock(mu);
    --open;
    if (trusted(address)) return;
    if (auto it = per_address.find(address); it != per_address.end() && --it->second <= 0) per_address.erase(it);
  }
  // Reserves `n` bytes of the body budget; false when they do not fit.
  bool reserve_body(std::size_t n) {
    std::size_t now = body_bytes.load();
    do {
      if (now + n > options.body_budget) return false;
    } while (!body_bytes.compare_exchange_weak(now, now + n));
    return true;
  }
};

// An answer the server gives by itself (busy, refused before the body), in the api's error
// model and the client's language.
api::Response own_error(int status, const char* code, Rule rule, Lang lang, int retry_after, Params params = {}) {
  api::Response res = api::error_response(status, code, rule, std::move(params));
  api::render_error(res, lang);
  api::add_common_headers(res);
  if (retry_after > 0) res.headers.emplace_back("Retry-After", std::to_string(retry_after));
  return res;
}

// Now as an HTTP-date (RFC 9110 5.6.7: "Tue, 01 Dec 2026 20:09:49 GMT"), for the Date header.
std::string http_date() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);  // the C locale's names
  return buf;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<Shared> shared, std::string peer)
      : stream_(std::move(socket)), shared_(std::move(shared)), peer_(std::move(peer)) {}
  ~Session() {
    release_body();
    shared_->release_connection(peer_);
  }

  void start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read_header, shared_from_this()));
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(api::kHeaderLimit));
    // No limit while the header is read: the limit depends on the target, and a Content-Length
    // over it must be answered 413 below, not fail the header parse (which would read as 400).
    parser_->body_limit(boost::none);
    stream_.expires_after(kHeaderTimeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    lang_ = Lang::zh;
    if (ec == http::error::header_limit) return fail_and_close(431, "headers_too_large", rules::headers_too_large);
    if (ec == http::error::body_limit) return refuse_body({});
    if (ec) return close_on_error(ec);
    auto& req = parser_->get();
    lang_ = api::language_of(req[http::field::accept_language]);
    // Beast's header_limit is checked against the bytes buffered so far, which lets a header a
    // little over 8 KiB through; count the header itself (request line, fields, CRLFs).
    std::size_t header_bytes = req.method_string().size() + 1 + req.target().size() + 1 + 8 + 2 + 2;
    for (const auto& field : req) header_bytes += field.name_string().size() + 2 + field.value().size() + 2;
    if (header_bytes > api::kHeaderLimit) return fail_and_close(431, "headers_too_large", rules::headers_too_large);
    // RFC 9112 3.2: an HTTP/1.1 request has exactly one Host (whatever the target's form).
    if (req.version() >= 11 && req.count(http::field::host) != 1)
      return fail_and_close(400, "bad_request", rules::host_required);
    std::string target(req.target());
    std::size_t limit = api::body_limit_for(std::string(req.method_string()), target);
    if (auto len = parser_->content_length(); len && *len > limit)
      return refuse_body(std::to_string(limit >> 20));
    parser_->body_limit(limit);
    client_ = client_address(req);
    bool has_body = parser_->chunked() || parser_->content_length().value_or(0) > 0;
    if (!has_body) return continue_reading();
    // A body is coming: it must fit the budget of buffered bodies, and the request must be one
    // the api would take (token, role) — decided on the headers, before a byte of the body.
    std::size_t reserve = parser_->content_length() ? static_cast<std::size_t>(*parser_->content_length()) : limit;
    if (!shared_->reserve_body(reserve))
      return refuse(own_error(503, "unavailable", rules::server_busy, lang_, 5));
    reserved_ = reserve;
    auto head = std::make_shared<api::Request>(request_of(req));
    net::post(shared_->workers, [self = shared_from_this(), head] {
      auto refused = self->shared_->api.admit(*head);
      net::post(self->stream_.get_executor(), [self, refused = std::move(refused)]() mutable {
        if (!refused) return self->continue_reading();
        self->release_body();
        self->refuse(std::move(*refused));
      });
    });
  }

  // The client address: the socket's, or the last X-Forwarded-For hop when the socket is a
  // trusted proxy (which appends the address it saw).
  std::string client_address(const http::request<http::string_body>& req) const {
    if (!shared_->trusted(peer_)) return peer_;
    std::string_view xff = req["X-Forwarded-For"];
    auto comma = xff.rfind(',');
    std::string_view last = comma == std::string_view::npos ? xff : xff.substr(comma + 1);
    last = trim_blanks(last);
    beast::error_code ec;
    auto address = net::ip::make_address(std::string(last), ec);
    return ec ? peer_ : address.to_string();
  }

  api::Request request_of(const http::request<http::string_body>& msg) const {
    api::Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.content_type = std::string(msg[http::field::content_type]);
    req.authorization = std::string(msg[http::field::authorization]);
    req.cookie = std::string(msg[http::field::cookie]);
    req.if_none_match = std::string(msg[http::field::if_none_match]);
    req.remote_address = client_;
    req.accept_language = std::string(msg[http::field::accept_language]);
    req.host = std::string(msg[http::field::host]);
    req.forwarded_proto = std::string(msg["X-Forwarded-Proto"]);
    req.accept_encoding = std::string(msg[http::field::accept_encoding]);
    req.request_id = std::string(msg["X-Request-Id"]);
    return req;
  }

  void release_body() {
    if (reserved_) shared_->body_bytes -= reserved_;
    reserved_ = 0;
  }

  // Answers a request whose body is not read, then closes (after draining what still comes).
  void refuse(api::Response res) {
    drain_body_ = true;
    res.close = true;
    version_ = parser_->get().version();
    keep_alive_ = false;
    head_ = false;
    write(std::move(res));
  }

  void continue_reading() {
    auto& req = parser_->get();
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      return http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code ec, std::size_t) {
        if (ec) return self->close_on_error(ec);
        self->read_body();
      });
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(kTimeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec == http::error::body_limit) {
      const auto& head = parser_->get();
      return refuse_body(std::to_string(
          api::body_limit_for(std::string(head.method_string()), std::string(head.target())) >> 20));
    }
    if (ec) return close_on_error(ec);
    auto msg = parser_->release();
    auto req = std::make_shared<api::Request>(request_of(msg));
    req->body = std::move(msg.body());
    version_ = msg.version();
    keep_alive_ = msg.keep_alive();
    head_ = msg.method() == http::verb::head;
    ++shared_->in_flight;
    // Password hashing on its own bounded pool: a login flood waits there (or gets 503),
    // never in front of other requests. Exports and imports on theirs: a few of them at
    // once wait for each other, never hold every worker.
    api::Pool pool = api::Api::pool_for(req->method, req->target);
    bool hashing = pool == api::Pool::logins;
    if (hashing && ++shared_->logins_waiting > shared_->options.login_queue) {
      --shared_->logins_waiting;
      release_body();
      answering_ = true;
      return write(own_error(503, "unavailable", rules::login_busy, lang_, 1));
    }
    // Off the I/O thread: the handler may block on the database or on Argon2id.
    net::post(shared_->pool(pool), [self = shared_from_this(), req, hashing] {
      auto res = std::make_shared<api::Response>(self->shared_->api.handle(*req));
      if (hashing) --self->shared_->logins_waiting;
      net::post(self->stream_.get_executor(), [self, res] {
        self->release_body();
        self->answering_ = true;
        self->write(std::move(*res));
      });
    });
  }

  void write(api::Response res) {
    bool keep = keep_alive_ && !res.close;
    auto fill = [&](auto& msg) {
      msg.version(version_);
      msg.result(static_cast<unsigned>(res.status));
      msg.set(http::field::server, "certhours");
      msg.set(http::field::date, http_date());
      if (!res.content_type.empty()) msg.set(http::field::content_type, res.content_type);
      for (auto& [k, v] : res.headers) msg.insert(k, v);
      msg.keep_alive(keep);
    };
    if (!res.file_path.empty()) {
      http::file_body::value_type file;
      beast::error_code ec;
      file.open(res.file_path.c_str(), beast::file_mode::scan, ec);
      // A temporary file (an export) is unlinked as soon as it is open: the open descriptor
      // keeps its bytes readable until the write ends, succeeds or fails, and nothing is
      // left on disk whatever happens to the connection.
      if (res.delete_file_after) {
        std::error_code ignored;
        std::filesystem::remove(res.file_path, ignored);
      }
      if (!ec) {
        auto msg = std::make_shared<http::response<http::file_body>>();
        fill(*msg);
        auto size = file.size();
        msg->body() = std::move(file);
        msg->prepare_payload();
        if (head_) return send_head(msg, size, keep);
        return send(msg, keep);
      }
      res = own_error(404, "not_found", rules::file_gone, lang_, 0);
    }
    auto msg = std::make_shared<http::response<http::string_body>>();
    fill(*msg);
    auto size = res.body.size();
    // 204 and 304 have no body, so no Content-Length or Content-Type either (RFC 9110 8.6, 15.4.5).
    if (res.status == 204 || res.status == 304) {
      msg->erase(http::field::content_type);
      if (head_) return send_head(msg, std::nullopt, keep);
      return send(msg, keep);
    }
    msg->body() = std::move(res.body);
    msg->prepare_payload();
    if (head_) {
      msg->body().clear();
      return send_head(msg, size, keep);
    }
    send(msg, keep);
  }

  // HEAD: the headers of the GET, Content-Length included, and no body.
  template <class Msg>
  void send_head(std::shared_ptr<Msg> msg, std::optional<std::uint64_t> size, bool keep) {
    auto head = std::make_shared<http::response<http::empty_body>>();
    head->base() = msg->base();
    if (size) head->content_length(*size);
    send(head, keep);
  }

  template <class Msg>
  void send(std::shared_ptr<Msg> msg, bool keep) {
    stream_.expires_after(kTimeout);
    http::async_write(stream_, *msg, [self = shared_from_this(), msg, keep](beast::error_code ec, std::size_t) {
      if (self->answering_) {
        self->answering_ = false;
        --self->shared_->in_flight;
      }
      if (ec) return self->close_on_error(ec);
      if (!keep) return self->drain_body_ ? self->drain_and_close() : self->shutdown();
      self->read_header();
    });
  }

  // Answers a request that cannot be read further, then closes the connection.
  // `limit_mib`: the limit, when known ("" when not).
  void refuse_body(const std::string& limit_mib) {
    fail_and_close(413, "too_large", rules::body_too_large, {{"limit_mib", limit_mib}});
  }

  // Answers and closes; what the client still sends is read and dropped first (closing with
  // unread input makes the kernel reset the connection, which can destroy the answer).
  void fail_and_close(int status, const char* code, Rule rule, Params params = {}) {
    drain_body_ = true;
    api::Response res = own_error(status, code, rule, lang_, 0, std::move(params));
    res.close = true;
    version_ = 11;
    keep_alive_ = false;
    head_ = false;
    write(std::move(res));
  }

  // A refused request (413 above all) is mostly still on its way: a client that sends the
  // whole body before reading (Python's http.client, most test clients) gets "broken pipe"
  // instead of the answer if the connection closes now. So, after the answer, stop sending and
  // read and discard what comes, up to 64 MiB or the usual 30 s, then close.
  void drain_and_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    buffer_.consume(buffer_.size());
    stream_.expires_after(kTimeout);  // one deadline for the whole drain
    scratch_ = std::make_unique<std::array<char, 64 * 1024>>();
    drain_more();
  }

  void drain_more() {
    constexpr std::size_t kDrainLimit = 64 << 20;
    stream_.async_read_some(net::buffer(*scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > kDrainLimit) return self->shutdown();
      self->drain_more();
    });
  }

  void close_on_error(beast::error_code ec) {
    // A malformed request gets a 400 before the connection closes; others just close.
    if (ec.category() == beast::error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
        ec != http::error::partial_message)
      return fail_and_close(400, "bad_request", rules::malformed_request, {{"detail", ec.message()}});
    shutdown();
  }

  void shutdown() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool drain_body_ = false;
  bool answering_ = false;  // the response being written is one counted in Shared::in_flight
  std::size_t drained_ = 0;
  std::unique_ptr<std::array<char, 64 * 1024>> scratch_;  // only while draining a refused body
  // Shared, not a reference: a session's last handler may be destroyed with the io_context,
  // after serve()'s locals.
  std::shared_ptr<Shared> shared_;
  const std::string peer_;  // the socket's address
  std::string client_;      // the client's (peer_, or X-Forwarded-For from a trusted proxy)
  std::size_t reserved_ = 0;  // bytes of the body budget this request holds
  unsigned version_ = 11;
  bool keep_alive_ = true;
  bool head_ = false;
  Lang lang_ = Lang::zh;  // of the answers this session writes itself (Accept-Language)
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, tcp::acceptor& acceptor, std::shared_ptr<Shared> shared)
      : ioc_(ioc), acceptor_(acceptor), shared_(std::move(shared)) {}
  void accept() {
    acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // E.g. too many open files: retrying at once would spin; wait a little, say why.
      std::cerr << "certhours: accept failed: " << ec.message() << std::endl;
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([self = shared_from_this()](beast::error_code) { self->accept(); });
      return;
    }
    beast::error_code ignored;
    auto ep = socket.remote_endpoint(ignored);
    std::string peer = ignored ? std::string("?") : ep.address().to_string();
    if (shared_->admit_connection(peer)) {
      std::make_shared<Session>(std::move(socket), shared_, std::move(peer))->start();
    } else {
      // Over a limit: closed at once, so one client cannot take every descriptor (a reset
      // tells it more plainly than a connection left hanging).
      socket.set_option(net::socket_base::linger(true, 0), ignored);
      socket.close(ignored);
    }
    accept();
  }
  net::io_context& ioc_;
  tcp::acceptor& acceptor_;
  net::steady_timer retry_{ioc_};
  std::shared_ptr<Shared> shared_;
};

// Raises the soft limit of open files to the hard one; returns how many connections fit.
int connection_capacity() {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 1000;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
  }
  if (rl.rlim_cur == RLIM_INFINITY) return 1 << 20;
  return static_cast<int>(std::max<rlim_t>(16, std::min<rlim_t>(rl.rlim_cur, 1 << 20) - kReservedDescriptors));
}

}  // namespace

int serve(api::Api& api, const ServerOptions& options, const std::function<void(const std::string&)>& on_listening) {
  net::io_context ioc(options.io_threads);
  beast::error_code ec;
  auto address = net::ip::make_address(options.host, ec);
  if (ec) {
    std::cerr << "certhours: --listen: '" << options.host << "' is not an IP address" << std::endl;
    return 2;
  }
  tcp::acceptor acceptor(ioc);
  tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "certhours: cannot listen on " << options.host << ":" << options.port << ": " << ec.message()
              << std::endl;
    return 1;
  }
  net::thread_pool workers(static_cast<std::size_t>(std::max(1, options.workers)));
  net::thread_pool logins(static_cast<std::size_t>(std::max(1, options.login_threads)));
  net::thread_pool files(static_cast<std::size_t>(std::max(1, options.file_threads)));
  auto shared = std::make_shared<Shared>(api, workers, logins, files, options, connection_capacity());
  std::make_shared<Listener>(ioc, acceptor, shared)->accept();

  // A stop: no new connections; requests already read are answered (at most kDrainOnStop),
  // then the loop stops and idle keep-alive connections are dropped.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer stop_poll(ioc);
  auto stop_by = std::chrono::steady_clock::now();
  std::function<void()> stop_when_idle = [&] {
    if (shared->in_flight == 0 || std::chrono::steady_clock::now() >= stop_by) return ioc.stop();
    stop_poll.expires_after(std::chrono::milliseconds(20));
    stop_poll.async_wait([&](beast::error_code) { stop_when_idle(); });
  };
  signals.async_wait([&](beast::error_code, int) {
    beast::error_code ignored;
    acceptor.close(ignored);
    stop_by = std::chrono::steady_clock::now() + kDrainOnStop;
    stop_when_idle();
  });
  // SIGHUP (a terminal closing, or `systemctl reload` habits) neither stops the server nor drops
  // a connection: there is no configuration file to read again, so it is noted and ignored.
  net::signal_set hangups(ioc, SIGHUP);
  std::function<void()> on_hangup = [&] {
    hangups.async_wait([&](beast::error_code ec, int) {
      if (ec) return;
      std::clog << "certhours: SIGHUP ignored (nothing to reload)" << std::endl;
      on_hangup();
    });
  };
  on_hangup();

  auto bound = acceptor.local_endpoint();
  std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string();
  on_listening("http://" + host + ":" + std::to_string(bound.port()));

  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();  // a handler still running after the deadline finishes its transaction
  logins.join();
  files.join();
  return 0;
}

}  // namespace certhours::server
