// API tests run against a real `certhours serve` on 127.0.0.1:0 with a real SQLite file,
// through real HTTP. The harness starts the server, logs in, and speaks HTTP/1.1.
#pragma once
#include <boost/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace certhours::test {

namespace json = boost::json;

struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  // The body parsed as JSON (null when it is not JSON).
  json::value json() const;
  // error.code of an error body, or "".
  std::string error_code() const;
  // error.rule of an error body, or "".
  std::string error_rule() const;
  std::string header(const std::string& lower_name) const;
};

// A fresh database and a running server, stopped (SIGTERM) and removed on destruction.
class Server {
 public:
  // Creates the database with `certhours init` and an admin user "admin" / "admin-password".
  // `env` entries are set for the server process (e.g. CERTHOURS_TODAY=2024-07-01); `args`
  // are added to `certhours serve` (e.g. --max-connections-per-address 8).
  // `access_log`: the server logs each request (else --no-access-log), its stderr kept for log().
  explicit Server(std::vector<std::string> env = {}, std::vector<std::string> args = {}, bool access_log = false);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const { return port_; }
  // Sends SIGTERM and waits for the server to exit; returns its exit status (-1 if killed).
  int terminate();
  int pid() const { return pid_; }
  const std::string& db_path() const { return db_; }
  const std::string& dir() const { return dir_; }
  // What the server wrote on stderr so far (a Server made with access_log only).
  std::string log() const;

  HttpResult request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::string& token = "", const std::string& content_type = "application/json",
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult get(const std::string& target, const std::string& token = "") { return request("GET", target, "", token); }
  HttpResult post(const std::string& target, const json::value& body, const std::string& token = "") {
    return request("POST", target, json::serialize(body), token);
  }
  HttpResult put(const std::string& target, const json::value& body, const std::string& token = "") {
    return request("PUT", target, json::serialize(body), token);
  }
  HttpResult patch(const std::string& target, const json::value& body, const std::string& token = "") {
    return request("PATCH", target, json::serialize(body), token);
  }
  HttpResult del(const std::string& target, const std::string& token = "") { return request("DELETE", target, "", token); }

  // Sends `bytes` as they are and returns everything the server answers until it closes
  // the connection or `wait_ms` pass without data.
  std::string raw(const std::string& bytes, int wait_ms = 2000);
  // One connection, one request at a time: writes requests[i], then reads until the i-th
  // response is complete (or `wait_ms` pass without data), then writes the next. Returns all
  // the bytes received. `no_body[i]` marks the answer to a HEAD.
  std::string raw_each(const std::vector<std::string>& requests, const std::vector<bool>& no_body = {},
                       int wait_ms = 2000);

  // Logs in and returns the token (fails the test when the login fails).
  std::string login(const std::string& username, const std::string& password);
  std::string admin_token();

  // Creates a user through the API as admin; returns their token.
  std::string make_user(const std::string& username, const std::string& role, std::optional<long long> unit_id,
                        std::optional<long long> officer_id);

  // Runs `certhours ARGS…` and returns its exit status; output goes to `output`.
  static int run_cli(const std::vector<std::string>& args, std::string* output = nullptr, const std::string& stdin_text = "");

 private:
  std::string dir_, db_;
  int pid_ = -1;
  unsigned short port_ = 0;
  std::string admin_token_;

 public:
  // Sent as Accept-Language with every request when not empty ("en": the English messages
  // the older suites check; messages are Chinese by default).
  std::string language;
};

// A valid, fictitious resident ID number derived from `n` (distinct n → distinct numbers).
std::string id_number(int n, int birth_year = 1985);

// A small unit tree: root 钦州市 (city) → 钦南区 (county) → 尖山街道 (town), and 钦北区 (county).
struct Tree {
  long long city, qinnan, jianshan, qinbei;
};
Tree make_tree(Server& s);
// Registers an officer through the API as admin and returns its id.
long long make_officer(Server& s, const std::string& name, long long unit_id, const std::string& post_start,
                       int n, const std::string& kind = "enforcement");


// --- helpers for the API suites (additive) ---

// A JSON number (int64, uint64 or double) as a double; NaN when `v` is not a number.
double num(const json::value& v);

// One response of a raw byte stream, as parse_responses reads it.
struct RawResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
};
// Splits what Server::raw returned into the responses it holds, in order. `no_body[i]`
// marks the i-th response as the answer to a HEAD (its Content-Length describes no bytes).
// Stops at the first incomplete response.
std::vector<RawResponse> parse_responses(const std::string& bytes, const std::vector<bool>& no_body = {});

// `total` of a list endpoint (fails the test unless it answers 200).
long long list_total(Server& s, const std::string& target, const std::string& token);

// Small words the suites share.
inline std::string S(long long v) { return std::to_string(v); }
// A JSON string's text; anything else serialized.
inline std::string str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : json::serialize(v); }
inline bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }
// A file's bytes ("" when it cannot be read).
std::string read_file(const std::string& path);
// Standard output of a shell command (unzip, sqlite3).
std::string shell(const std::string& cmd);

}  // namespace certhours::test
