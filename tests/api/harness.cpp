#include "harness.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "domain/officer.hpp"

namespace certhours::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

json::value HttpResult::json() const {
  boost::system::error_code ec;
  auto v = json::parse(body, ec);
  return ec ? json::value() : v;
}

std::string HttpResult::error_code() const {
  auto v = json();
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.as_object().at("error");
  if (!e.is_object() || !e.as_object().contains("code")) return "";
  return std::string(e.as_object().at("code").as_string());
}

std::string HttpResult::error_rule() const {
  auto v = json();
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.as_object().at("error");
  if (!e.is_object() || !e.as_object().contains("rule")) return "";
  return std::string(e.as_object().at("rule").as_string());
}

std::string HttpResult::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

namespace {
std::string unique_dir() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("certhours-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Runs argv, feeding stdin_text, collecting stdout+stderr; returns the exit status.
int run_process(const std::vector<std::string>& args, std::string* output, const std::string& stdin_text) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(out[1], 2);
    close(in[1]);
    close(out[0]);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  if (!stdin_text.empty()) {
    auto n = write(in[1], stdin_text.data(), stdin_text.size());
    (void)n;
  }
  close(in[1]);
  std::string text;
  char buf[4096];
  ssize_t n;
  while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
}  // namespace

int Server::run_cli(const std::vector<std::string>& args, std::string* output, const std::string& stdin_text) {
  std::vector<std::string> argv{CERTHOURS_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, output, stdin_text);
}

Server::Server(std::vector<std::string> env, std::vector<std::string> args, bool access_log) {
  dir_ = unique_dir();
  db_ = dir_ + "/certhours.db";
  std::string out;
  if (run_cli({"init", "--db", db_}, &out) != 0) throw std::runtime_error("certhours init failed: " + out);
  if (run_cli({"user", "add", "--db", db_, "--username", "admin", "--role", "admin"}, &out, "admin-password\n") != 0)
    throw std::runtime_error("certhours user add failed: " + out);

  int out_pipe[2];
  if (pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    if (access_log) {
      int log = open((dir_ + "/server.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      if (log >= 0) dup2(log, 2);
    }
    for (auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<std::string> words{CERTHOURS_BIN, "serve",       "--db",  db_,
                                   "--listen",    "127.0.0.1:0", "--web", CERTHOURS_WEB_DIR};
    if (!access_log) words.push_back("--no-access-log");
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> cargs;
    for (auto& w : words) cargs.push_back(w.data());
    cargs.push_back(nullptr);
    execv(CERTHOURS_BIN, cargs.data());
    _exit(127);
  }
  close(out_pipe[1]);
  // Wait (at most 20 s) for "listening on http://127.0.0.1:PORT".
  std::string text;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char buf[256];
      ssize_t n = read(out_pipe[0], buf, sizeof buf);
      if (n <= 0) break;
      text.append(buf, static_cast<std::size_t>(n));
    }
  }
  close(out_pipe[0]);
  auto pos = text.find("listening on http://127.0.0.1:");
  if (pos == std::string::npos) throw std::runtime_error("server did not start: " + text);
  port_ = static_cast<unsigned short>(std::stoi(text.substr(pos + 30)));
}

std::string Server::log() const {
  std::ifstream in(dir_ + "/server.log", std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

int Server::terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

Server::~Server() {
  terminate();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

HttpResult Server::request(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& token, const std::string& content_type,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  http::request<http::string_body> req(http::string_to_verb(method), target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  if (!body.empty()) {
    req.set(http::field::content_type, content_type);
    req.body() = body;
  }
  if (!language.empty()) req.set(http::field::accept_language, language);
  for (auto& [k, v] : headers) req.set(k, v);
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  parser.skip(method == "HEAD");
  http::read(stream, buffer, parser);
  auto& res = parser.get();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (auto& f : res) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return out;
}

std::string Server::raw(const std::string& bytes, int wait_ms) {
  net::io_context ioc;
  tcp::socket sock(ioc);
  sock.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  net::write(sock, net::buffer(bytes));
  std::string out;
  int fd = sock.native_handle();
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, wait_ms) <= 0) break;
    char buf[8192];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::string Server::raw_each(const std::vector<std::string>& requests, const std::vector<bool>& no_body, int wait_ms) {
  net::io_context ioc;
  tcp::socket sock(ioc);
  sock.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  std::string out;
  int fd = sock.native_handle();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    boost::system::error_code ec;
    net::write(sock, net::buffer(requests[i]), ec);
    if (ec) break;
    bool closed = false;
    for (;;) {
      auto got = parse_responses(out, no_body);
      if (got.size() > i) {
        // complete unless it is the last one parsed and its body is short
        const auto& r = got[i];
        auto cl = r.headers.find("content-length");
        bool head = i < no_body.size() && no_body[i];
        if (head || cl == r.headers.end() || r.body.size() >= std::stoul(cl->second)) break;
      }
      pollfd p{fd, POLLIN, 0};
      if (poll(&p, 1, wait_ms) <= 0) break;
      char buf[8192];
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) {
        closed = true;
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
    }
    if (closed) break;
  }
  return out;
}

std::string Server::login(const std::string& username, const std::string& password) {
  auto r = post("/api/v1/session", json::object{{"username", username}, {"password", password}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return std::string(r.json().at("token").as_string());
}

std::string Server::admin_token() {
  if (admin_token_.empty()) admin_token_ = login("admin", "admin-password");
  return admin_token_;
}

std::string Server::make_user(const std::string& username, const std::string& role, std::optional<long long> unit_id,
                              std::optional<long long> officer_id) {
  json::object body{{"username", username}, {"password", username + "-password"}, {"role", role}};
  if (unit_id) body["unit_id"] = *unit_id;
  if (officer_id) body["officer_id"] = *officer_id;
  auto r = post("/api/v1/users", body, admin_token());
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return login(username, username + "-password");
}

std::string id_number(int n, int birth_year) {
  char first17[32];  // 17 digits; room the compiler can prove
  std::snprintf(first17, sizeof first17, "450702%04d0101%03d", birth_year, n % 1000);
  std::string s(first17);
  // Different n beyond 1000 vary the birth day too.
  int day = 1 + (n / 1000) % 28;
  s[12] = static_cast<char>('0' + day / 10);
  s[13] = static_cast<char>('0' + day % 10);
  return s + id_check_digit(s);
}

Tree make_tree(Server& s) {
  auto tok = s.admin_token();
  auto mk = [&](const char* code, const char* name, std::optional<long long> parent, const char* level) {
    json::object body{{"code", code}, {"name", name}, {"level", level}};
    body["parent_id"] = parent ? json::value(*parent) : json::value();
    auto r = s.post("/api/v1/units", body, tok);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  };
  Tree t;
  t.city = mk("QZ", "钦州市", std::nullopt, "city");
  t.qinnan = mk("QN", "钦南区", t.city, "county");
  t.jianshan = mk("QN-JS", "尖山街道", t.qinnan, "town");
  t.qinbei = mk("QB", "钦北区", t.city, "county");
  return t;
}

long long make_officer(Server& s, const std::string& name, long long unit_id, const std::string& post_start, int n,
                       const std::string& kind) {
  auto r = s.post("/api/v1/officers",
                  json::object{{"name", name},
                               {"id_number", id_number(n)},
                               {"unit_id", unit_id},
                               {"kind", kind},
                               {"post_start", post_start}},
                  s.admin_token());
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}


double num(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  if (v.is_double()) return v.get_double();
  return std::nan("");
}

std::vector<RawResponse> parse_responses(const std::string& bytes, const std::vector<bool>& no_body) {
  std::vector<RawResponse> out;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    auto head_end = bytes.find("\r\n\r\n", pos);
    if (head_end == std::string::npos) break;
    std::string head = bytes.substr(pos, head_end - pos);
    pos = head_end + 4;
    RawResponse r;
    auto line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    auto sp = status_line.find(' ');
    if (sp == std::string::npos) break;
    r.version = status_line.substr(0, sp);
    r.status = std::atoi(status_line.c_str() + sp + 1);
    std::size_t lp = line_end == std::string::npos ? head.size() : line_end + 2;
    while (lp < head.size()) {
      auto le = head.find("\r\n", lp);
      std::string line = head.substr(lp, le == std::string::npos ? std::string::npos : le - lp);
      auto colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        r.headers[name] = value;
      }
      if (le == std::string::npos) break;
      lp = le + 2;
    }
    bool skip = out.size() < no_body.size() && no_body[out.size()];
    if (!skip && r.status != 204 && r.status != 304) {
      auto te = r.headers.find("transfer-encoding");
      if (te != r.headers.end() && te->second.find("chunked") != std::string::npos) {
        for (;;) {
          auto le = bytes.find("\r\n", pos);
          if (le == std::string::npos) return out;
          std::size_t n = std::stoul(bytes.substr(pos, le - pos), nullptr, 16);
          pos = le + 2;
          if (n == 0) {
            pos += 2;
            break;
          }
          if (pos + n > bytes.size()) return out;
          r.body += bytes.substr(pos, n);
          pos += n + 2;
        }
      } else {
        auto cl = r.headers.find("content-length");
        std::size_t n = cl == r.headers.end() ? bytes.size() - pos : std::stoul(cl->second);
        if (pos + n > bytes.size()) return out;  // incomplete: stop before it (harness.hpp)
        r.body = bytes.substr(pos, n);
        pos += n;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

long long list_total(Server& s, const std::string& target, const std::string& token) {
  auto r = s.get(target, token);
  REQUIRE_MESSAGE(r.status == 200, target << " -> " << r.status << " " << r.body);
  return r.json().at("total").as_int64();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("popen failed: " + cmd);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace certhours::test
