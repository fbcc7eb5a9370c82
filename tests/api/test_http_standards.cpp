// HTTP by the book (RFC 9110/9112) and what an operator relies on: Date, the security headers
// and Cache-Control on every answer, X-Request-Id, Host required, absolute-form targets, Allow
// with HEAD, If-None-Match lists and weak tags, 304 without body headers, gzip, the Secure
// cookie, SIGHUP, /readyz, the process metrics (checked by promtool) and the access log.
#include <doctest/doctest.h>
#include <signal.h>
#include <zlib.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "harness.hpp"

using namespace certhours::test;

namespace {

struct Env {
  Server s;
  std::string admin;
  Env() { admin = s.admin_token(); }
};
Env& env() {
  static Env e;
  return e;
}

std::string get_req(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

// The bytes of a gzip stream, inflated; "" when they are not gzip.
std::string gunzip(const std::string& gz) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return "";
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = static_cast<uInt>(gz.size());
  char buf[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  }
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "";
}

void check_common_headers(const std::map<std::string, std::string>& h, const std::string& what) {
  INFO(what);
  auto at = [&](const char* name) {
    auto it = h.find(name);
    return it == h.end() ? std::string() : it->second;
  };
  // IMF-fixdate: "Tue, 01 Dec 2026 20:09:49 GMT".
  CHECK(std::regex_match(
      at("date"),
      std::regex(
          R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT)")));
  CHECK(at("content-security-policy").find("default-src 'self'") != std::string::npos);
  CHECK(at("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK(at("x-content-type-options") == "nosniff");
  CHECK(at("referrer-policy") == "no-referrer");
}

}  // namespace

TEST_CASE("http standards: every answer has Date, the CSP, nosniff and Referrer-Policy; API JSON is no-store") {
  auto& e = env();
  auto me = e.s.get("/api/v1/me", e.admin);
  CHECK(me.status == 200);
  check_common_headers(me.headers, "GET /api/v1/me");
  CHECK(me.header("cache-control") == "no-store");
  auto missing = e.s.get("/api/v1/no-such-thing");
  CHECK(missing.status == 404);
  check_common_headers(missing.headers, "a 404");
  CHECK(missing.header("cache-control") == "no-store");
  auto unauth = e.s.get("/api/v1/me");
  CHECK(unauth.status == 401);
  CHECK(unauth.header("www-authenticate").rfind("Bearer", 0) == 0);
  check_common_headers(unauth.headers, "a 401");
  auto page = e.s.get("/");
  CHECK(page.status == 200);
  check_common_headers(page.headers, "the web UI");
  CHECK(page.header("cache-control") == "no-cache");  // revalidated with its ETag
  // An answer the server writes itself, before the api sees the request.
  auto raw = e.s.raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(9000, 'p') + "\r\n\r\n");
  auto out = parse_responses(raw);
  REQUIRE(out.size() == 1);
  CHECK(out[0].status == 431);
  check_common_headers(out[0].headers, "the server's own 431");
}

TEST_CASE("http standards: X-Request-Id is echoed, a proxy's kept when well-formed, and the 500 names it") {
  auto& e = env();
  auto a = e.s.get("/healthz");
  auto b = e.s.get("/healthz");
  CHECK(std::regex_match(a.header("x-request-id"), std::regex("[0-9a-f]{8}-[0-9a-f]+")));
  CHECK(a.header("x-request-id") != b.header("x-request-id"));
  auto kept = e.s.request("GET", "/healthz", "", "", "application/json", {{"X-Request-Id", "nginx-7f3a.42"}});
  CHECK(kept.header("x-request-id") == "nginx-7f3a.42");
  auto replaced = e.s.request("GET", "/healthz", "", "", "application/json", {{"X-Request-Id", "a b\"c"}});
  CHECK(replaced.header("x-request-id") != "a b\"c");
  CHECK(std::regex_match(replaced.header("x-request-id"), std::regex("[0-9a-f]{8}-[0-9a-f]+")));
}

TEST_CASE("http standards: HTTP/1.1 needs exactly one Host; HTTP/1.0 does not") {
  auto& e = env();
  auto none = parse_responses(e.s.raw("GET /healthz HTTP/1.1\r\n\r\n"));
  REQUIRE(none.size() == 1);
  CHECK(none[0].status == 400);
  CHECK(none[0].body.find("host_required") != std::string::npos);
  auto two = parse_responses(e.s.raw("GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
  REQUIRE(two.size() == 1);
  CHECK(two[0].status == 400);
  auto old = parse_responses(e.s.raw("GET /healthz HTTP/1.0\r\n\r\n"));
  REQUIRE(old.size() == 1);
  CHECK(old[0].status == 200);
}

TEST_CASE("http standards: an absolute-form target is read as its path and query") {
  auto& e = env();
  auto out = parse_responses(e.s.raw_each({"GET http://127.0.0.1/api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                                           "GET https://example.org:8443/api/v1/units?limit=1 HTTP/1.1\r\nHost: x\r\n"
                                           "Authorization: Bearer " +
                                               e.admin + "\r\nConnection: close\r\n\r\n"}));
  REQUIRE(out.size() == 2);
  CHECK(out[0].status == 200);
  CHECK(out[1].status == 200);
  CHECK(out[1].body.find("\"limit\":1") != std::string::npos);
  // Other schemes, and the authority-form of CONNECT, are not targets this server takes.
  auto ftp = parse_responses(e.s.raw("GET ftp://127.0.0.1/healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  REQUIRE(ftp.size() == 1);
  CHECK(ftp[0].status == 400);
  // Raw bytes a client did not encode are read as if it had (a space, UTF-8).
  auto q = e.s.raw("GET /api/v1/officers?q=张 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + e.admin +
                   "\r\nConnection: close\r\n\r\n");
  auto qr = parse_responses(q);
  REQUIRE(qr.size() == 1);
  CHECK(qr[0].status == 200);
}

TEST_CASE("http standards: 405 lists HEAD beside GET in Allow") {
  auto& e = env();
  auto r = e.s.request("POST", "/api/v1/me", "{}", e.admin);
  CHECK(r.status == 405);
  CHECK(r.header("allow") == "GET, HEAD");
  auto units = e.s.request("PUT", "/api/v1/units", "{}", e.admin);
  CHECK(units.status == 405);
  CHECK(units.header("allow") == "GET, HEAD, POST");
}

TEST_CASE("http standards: If-None-Match takes lists, weak tags and *; a 304 has no body headers") {
  auto& e = env();
  auto first = e.s.get("/app.js");
  REQUIRE(first.status == 200);
  std::string tag = first.header("etag");
  REQUIRE(!tag.empty());
  for (const std::string& inm : {tag, "\"nope\", " + tag, "W/" + tag, std::string("*")}) {
    INFO("If-None-Match: " << inm);
    auto out = parse_responses(e.s.raw(get_req("/app.js", "If-None-Match: " + inm + "\r\nConnection: close\r\n")));
    REQUIRE(out.size() == 1);
    CHECK(out[0].status == 304);
    CHECK(out[0].headers.count("content-length") == 0);
    CHECK(out[0].headers.count("content-type") == 0);
    CHECK(out[0].headers["etag"] == tag);
    CHECK(out[0].body.empty());
  }
  auto other = e.s.request("GET", "/app.js", "", "", "application/json", {{"If-None-Match", "\"nope\", W/\"x\""}});
  CHECK(other.status == 200);
}

TEST_CASE("http standards: gzip when the client accepts it, for JSON, CSV and the web's files") {
  auto& e = env();
  // Enough officers that the list is worth compressing.
  auto tree = make_tree(e.s);
  for (int i = 0; i < 30; ++i) make_officer(e.s, "压缩测试" + std::to_string(i), tree.qinnan, "2020-01-01", 9000 + i);
  auto plain = e.s.get("/api/v1/officers?limit=100", e.admin);
  REQUIRE(plain.status == 200);
  REQUIRE(plain.body.size() > 1024);
  CHECK(plain.header("content-encoding").empty());
  CHECK(plain.header("vary") == "Accept-Encoding");
  auto gz = e.s.request("GET", "/api/v1/officers?limit=100", "", e.admin, "application/json",
                        {{"Accept-Encoding", "gzip, deflate, br"}});
  CHECK(gz.header("content-encoding") == "gzip");
  CHECK(gz.header("vary") == "Accept-Encoding");
  CHECK(gz.body.size() < plain.body.size() / 3);
  CHECK(gunzip(gz.body) == plain.body);
  // q=0 refuses gzip; a small answer is sent as it is.
  auto refused = e.s.request("GET", "/api/v1/officers?limit=100", "", e.admin, "application/json",
                             {{"Accept-Encoding", "gzip;q=0, identity"}});
  CHECK(refused.header("content-encoding").empty());
  CHECK(refused.body == plain.body);
  auto small = e.s.request("GET", "/healthz", "", "", "application/json", {{"Accept-Encoding", "gzip"}});
  CHECK(small.header("content-encoding").empty());

  // A CSV export (a temporary file) and a static file.
  auto csv = e.s.get("/api/v1/officers/export", e.admin);
  REQUIRE(csv.status == 200);
  auto csv_gz =
      e.s.request("GET", "/api/v1/officers/export", "", e.admin, "application/json", {{"Accept-Encoding", "gzip"}});
  CHECK(csv_gz.header("content-encoding") == "gzip");
  CHECK(gunzip(csv_gz.body) == csv.body);
  auto js = e.s.get("/app.js");
  auto js_gz = e.s.request("GET", "/app.js", "", "", "application/json", {{"Accept-Encoding", "gzip"}});
  CHECK(js_gz.header("content-encoding") == "gzip");
  CHECK(gunzip(js_gz.body) == js.body);
  // The compressed file has a tag of its own, which revalidates too.
  CHECK(js_gz.header("etag") != js.header("etag"));
  auto again = e.s.request("GET", "/app.js", "", "", "application/json",
                           {{"Accept-Encoding", "gzip"}, {"If-None-Match", js_gz.header("etag")}});
  CHECK(again.status == 304);
  // HEAD says the compressed length.
  auto out = parse_responses(
      e.s.raw("HEAD /app.js HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"), {true});
  REQUIRE(out.size() == 1);
  CHECK(out[0].headers["content-length"] == std::to_string(js_gz.body.size()));
}

TEST_CASE("http standards: --secure-cookie (or CERTHOURS_SECURE_COOKIE=1) marks the session cookie Secure") {
  for (bool by_env : {false, true}) {
    INFO((by_env ? "CERTHOURS_SECURE_COOKIE=1" : "--secure-cookie"));
    Server s(by_env ? std::vector<std::string>{"CERTHOURS_SECURE_COOKIE=1"} : std::vector<std::string>{},
             by_env ? std::vector<std::string>{} : std::vector<std::string>{"--secure-cookie"});
    auto r = s.post("/api/v1/session", json::object{{"username", "admin"}, {"password", "admin-password"}});
    REQUIRE(r.status == 200);
    CHECK(r.header("set-cookie").find("; Secure") != std::string::npos);
    CHECK(r.header("set-cookie").find("HttpOnly") != std::string::npos);
  }
  auto plain = env().s.post("/api/v1/session", json::object{{"username", "admin"}, {"password", "admin-password"}});
  CHECK(plain.header("set-cookie").find("Secure") == std::string::npos);
}

TEST_CASE("http standards: SIGHUP neither stops the server nor drops a connection") {
  Server s;
  // One keep-alive connection: a request before the signal and one after, on the same socket.
  namespace net = boost::asio;
  net::io_context ioc;
  net::ip::tcp::socket sock(ioc);
  sock.connect({net::ip::make_address("127.0.0.1"), s.port()});
  auto ask = [&] {
    std::string req = get_req("/healthz");
    net::write(sock, net::buffer(req));
    std::string got;
    char buf[4096];
    while (got.find("\r\n\r\n") == std::string::npos || got.find("\"ok\"") == std::string::npos) {
      boost::system::error_code ec;
      auto n = sock.read_some(net::buffer(buf), ec);
      if (ec) break;
      got.append(buf, n);
    }
    return got;
  };
  CHECK(ask().rfind("HTTP/1.1 200", 0) == 0);
  REQUIRE(kill(s.pid(), SIGHUP) == 0);
  CHECK(ask().rfind("HTTP/1.1 200", 0) == 0);
  CHECK(s.get("/healthz").status == 200);
  CHECK(s.terminate() == 0);
}

TEST_CASE("http standards: /readyz reads the database file; 503 when it cannot, 200 again when it can") {
  Server s;
  auto ok = s.get("/readyz");
  CHECK(ok.status == 200);
  CHECK(ok.body == "{\"status\":\"ready\"}");
  CHECK(s.get("/api/v1/readyz").status == 200);
  // The file moved away (a volume gone, a mistaken mv): the running connections still hold it,
  // so /healthz says live, but a connection opened now would not find it.
  std::filesystem::rename(s.db_path(), s.db_path() + ".away");
  auto gone = s.get("/readyz");
  CHECK(gone.status == 503);
  CHECK(gone.error_rule() == "database_unreadable");
  CHECK(gone.header("retry-after") == "5");
  CHECK(s.get("/healthz").status == 200);
  std::filesystem::rename(s.db_path() + ".away", s.db_path());
  CHECK(s.get("/readyz").status == 200);
}

TEST_CASE("http standards: /metrics has the process metrics and the build, and promtool finds nothing wrong") {
  auto& e = env();
  e.s.get("/healthz");
  auto m = e.s.get("/metrics");
  REQUIRE(m.status == 200);
  auto value = [&](const std::string& name) {
    auto at = m.body.find("\n" + name + " ");
    REQUIRE_MESSAGE(at != std::string::npos, name);
    return std::stod(m.body.substr(at + name.size() + 2));
  };
  CHECK(value("process_resident_memory_bytes") > 1e6);
  CHECK(value("process_cpu_seconds_total") > 0);
  CHECK(value("process_open_fds") >= 3);
  CHECK(value("process_open_fds") <= value("process_max_fds"));
  double started = value("process_start_time_seconds");
  double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  CHECK(started <= now + 1);
  CHECK(started > now - 3600);
  CHECK(
      std::regex_search(m.body, std::regex(R"(\ncerthours_build_info\{version="\d+\.\d+\.\d+",commit="[^"]+"\} 1\n)")));
  // Sums in full precision (the shortest text that reads back as the same double), not cut to 6
  // significant digits: over the routes called so far, some sum needs more than 6.
  int longer = 0, sums = 0;
  static const std::regex sum_re(R"(\ncerthours_request_duration_seconds_sum\{route="[^"]+"\} ([0-9.e+-]+))");
  for (auto it = std::sregex_iterator(m.body.begin(), m.body.end(), sum_re); it != std::sregex_iterator(); ++it) {
    std::string v = (*it)[1].str();
    std::string mantissa = v.substr(0, v.find('e'));
    int digits = 0;
    bool leading = true;
    for (char c : mantissa) {
      if (c < '0' || c > '9') continue;
      if (leading && c == '0') continue;
      leading = false;
      ++digits;
    }
    ++sums;
    longer += digits > 6;
  }
  CHECK(sums >= 3);
  CHECK(longer >= 1);

  std::string file = e.s.dir() + "/metrics.txt";
  std::ofstream(file) << m.body;
  std::string out;
  FILE* p = popen(("promtool check metrics < " + file + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = pclose(p);
  INFO(out);
  CHECK(rc == 0);
}

TEST_CASE("http standards: the access log is one logfmt line per request, with no query values") {
  Server s({}, {}, true);
  auto token = s.admin_token();
  auto r = s.request("GET", "/api/v1/officers?q=%E5%BC%A0%E4%B8%89&limit=5", "", token, "application/json",
                     {{"X-Request-Id", "trace-123"}});
  REQUIRE(r.status == 200);
  s.get("/api/v1/officers/999999", token);
  // The log is written before the answer is sent: it is there once the answer is.
  std::string log = s.log();
  std::smatch line;
  REQUIRE_MESSAGE(
      std::regex_search(
          log, line,
          std::regex(
              R"(time=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z level=info request_id=trace-123 remote=127\.0\.0\.1 user=\d+ method=GET route=/api/v1/officers status=200 bytes=\d+ duration_ms=\d+\.\d{3}\n)")),
      log);
  CHECK(std::regex_search(
      log,
      std::regex(
          R"(level=warn request_id=\S+ remote=\S+ user=\d+ method=GET route=/api/v1/officers/\{id\} status=404 )")));
  CHECK(log.find("张三") == std::string::npos);
  CHECK(log.find("%E5") == std::string::npos);
  CHECK(log.find("999999") == std::string::npos);
}
