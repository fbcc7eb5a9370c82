// The reference of issue 15: a bare Boost.Beast + Boost.JSON keep-alive server that builds and
// serializes an /hours-shaped JSON object per request — no database, no auth, no routing.
// GET /.../officers/{id}/hours... answers what `GET /api/v1/officers/{id}/hours?year=2025`
// answers on the bench database (bench_database.hpp): the same fields in the same order, 20
// sessions, about the same size; any other target gets the same object for officer 0.
// bench_perf runs it on 2 threads, the bench machine's cores (serve's default there: 1 I/O
// thread and 2 workers, server/main.cpp), each socket on its own strand as in serve.
// Usage: bench_reference [--port 0] [--threads 2]; prints "listening on http://127.0.0.1:PORT".
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

json::object hours_answer(long long officer) {
  json::array trainings;
  for (int k = 0; k < 20; ++k) {
    long long id = 1 + (officer * 131 + k * 97) % 2000;
    char date[32];  // 10 used; room the compiler can prove
    std::snprintf(date, sizeof date, "2025-%02lld-%02lld", 1 + id % 12, 1 + id % 28);
    trainings.push_back(json::object{{"id", id},
                                     {"source", "session"},
                                     {"title", "培训" + std::to_string(id)},
                                     {"start_date", date},
                                     {"end_date", date},
                                     {"hours", {{"legal", id % 3}, {"business", id % 5}, {"political", 1}}}});
  }
  auto progress = [](int earned, int required) {
    return json::object{{"earned", earned},
                        {"required", required},
                        {"shortfall", earned < required ? required - earned : 0},
                        {"behind_pace", false},
                        {"expected", 0}};
  };
  return {{"officer_id", officer},      {"year", 2025},
          {"as_of", "2026-12-02"},      {"status", "met"},
          {"legal", progress(21, 20)},  {"business", progress(43, 40)},
          {"political", {{"earned", 19}}}, {"trainings", std::move(trainings)},
          {"upcoming", json::array()}};
}

struct Session : std::enable_shared_from_this<Session> {
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  http::response<http::string_body> res;
  explicit Session(tcp::socket s) : stream(std::move(s)) {}
  void read() {
    req = {};
    http::async_read(stream, buffer, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      std::string_view target = self->req.target();
      auto at = target.find("/officers/");
      long long officer = at == std::string_view::npos ? 0 : std::atoll(std::string(target.substr(at + 10)).c_str());
      self->res = {http::status::ok, self->req.version()};
      self->res.set(http::field::content_type, "application/json");
      self->res.keep_alive(self->req.keep_alive());
      self->res.body() = json::serialize(hours_answer(officer));
      self->res.prepare_payload();
      http::async_write(self->stream, self->res, [self](beast::error_code ec, std::size_t) {
        if (!ec && self->res.keep_alive()) self->read();
      });
    });
  }
};

void accept(tcp::acceptor& acceptor, net::io_context& ioc) {
  acceptor.async_accept(net::make_strand(ioc), [&](beast::error_code ec, tcp::socket s) {
    if (!ec) {
      s.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(s))->read();
    }
    accept(acceptor, ioc);
  });
}

}  // namespace

int main(int argc, char** argv) {
  unsigned short port = 0;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--port")) port = static_cast<unsigned short>(std::stoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--threads")) threads = std::max(1, std::stoi(argv[i + 1]));
    else {
      std::cerr << "usage: bench_reference [--port 0] [--threads 2]\n";
      return 2;
    }
  }
  net::io_context ioc(threads);
  tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  std::cout << "listening on http://127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;
  accept(acceptor, ioc);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
}
