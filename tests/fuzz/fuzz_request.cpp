// Whole request targets through Api::handle, the way the server calls it: path and query
// decoding, routing, path parameters, the query readers (limit, offset, dates, ids, q…), the
// handlers of every GET route, static files. Against a demo database built once in a
// temporary directory, as nobody or as the demo admin, hr or officer (first byte of the
// input), GET only so the database never changes and a finding replays.
// Properties beyond "no crash":
//  - no 5xx: a 500 is a handler that threw (Api::handle turns any exception into one);
//  - a JSON response parses as JSON;
//  - a static file served lies inside the web directory and is a regular file; an export's
//    temporary file exists (and is removed here, as the server removes it).
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "api/api.hpp"
#include "app/auth.hpp"
#include "check.hpp"
#include "demo/demo.hpp"
#include "store/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace certhours;
using certhours::fuzz::show;

struct World {
  fs::path dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<api::Api> api;
  std::string tokens[4];  // none, admin, hr, officer
  fs::path web;
};

void remove_world();

World& world() {
  static World* w = [] {
    auto* w = new World;
    ::setenv("CERTHOURS_TODAY", "2024-07-01", 1);
    char tmpl[] = "/tmp/certhours-fuzz-request-XXXXXX";
    if (!::mkdtemp(tmpl)) std::abort();
    w->dir = tmpl;
    w->web = fs::canonical(CERTHOURS_WEB_DIR);
    std::atexit(remove_world);
    {
      store::Store seed((w->dir / "demo.db").string(), 1);
      app::Auth auth(seed);
      std::ostringstream log;
      seed.set_bulk_load(true);
      demo::build(seed, CERTHOURS_SEEDS_DIR, *parse_date("2024-07-01"),
                  [&](const std::string& pw) { return auth.hash_password(pw); }, log);
      seed.set_bulk_load(false);
    }
    w->store = std::make_unique<store::Store>((w->dir / "demo.db").string(), 2);
    api::Options options;
    options.web_dir = w->web.string();
    options.access_log = false;
    w->api = std::make_unique<api::Api>(*w->store, options);
    for (const auto& login : demo::logins()) {
      int slot = login.role == "admin" ? 1 : login.role == "hr" ? 2 : login.role == "officer" ? 3 : 0;
      if (!slot) continue;
      api::Request req;
      req.method = "POST";
      req.target = "/api/v1/session";
      req.content_type = "application/json";
      req.remote_address = "127.0.0.1";
      req.body = boost::json::serialize(boost::json::object{{"username", login.username}, {"password", login.password}});
      auto res = w->api->handle(req);
      boost::system::error_code ec;
      auto v = boost::json::parse(res.body, ec);
      if (res.status != 200 || ec || !v.is_object() || !v.as_object().contains("token")) {
        std::cerr << "fuzz_request: demo login " << login.username << " failed: " << res.status << " " << res.body
                  << "\n";
        std::abort();
      }
      w->tokens[slot] = std::string(v.as_object().at("token").as_string());
    }
    return w;
  }();
  return *w;
}

void remove_world() {
  std::error_code ec;
  fs::remove_all(world().dir, ec);
}

api::Response call(const std::string& target, const std::string& token) {
  api::Request req;
  req.method = "GET";
  req.target = target;
  req.remote_address = "203.0.113.7";
  if (!token.empty()) req.authorization = "Bearer " + token;
  auto res = world().api->handle(req);
  if (!res.file_path.empty()) {
    if (res.delete_file_after) {
      // An export written to a temporary file: read it back and drop it, as the server does.
      std::error_code ec;
      FUZZ_CHECK_MSG(fs::is_regular_file(res.file_path, ec), show(target));
      res.body = "<file " + std::to_string(fs::file_size(res.file_path, ec)) + ">";
      fs::remove(res.file_path, ec);
    } else {
      std::error_code ec;
      fs::path file = fs::canonical(res.file_path, ec);
      FUZZ_CHECK_MSG(!ec && fs::is_regular_file(file), show(target) + " -> " + res.file_path);
      auto root = world().web.string() + "/";
      FUZZ_CHECK_MSG(file.string().compare(0, root.size(), root) == 0, show(target) + " -> " + file.string());
    }
  }
  return res;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  world();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 || size > 4096) return 0;
  const std::string& token = world().tokens[data[0] & 3];
  std::string target(reinterpret_cast<const char*>(data + 1), size - 1);

  auto res = call(target, token);
  FUZZ_CHECK_MSG(res.status < 500, show(target) + " -> " + std::to_string(res.status) + " " + res.body);
  FUZZ_CHECK(res.status >= 200);
  if (res.content_type.starts_with("application/json") && res.file_path.empty()) {
    boost::system::error_code ec;
    boost::json::parse(res.body, ec);
    FUZZ_CHECK_MSG(!ec, show(target) + " -> " + show(res.body));
  }
  return 0;
}
