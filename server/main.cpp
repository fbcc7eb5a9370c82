// certhours: the command line (api.md "Command line").
// Bad usage prints one line on stderr and exits with status 2; never a stack trace.
#include <boost/asio/ip/address.hpp>
#include <sodium.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "api/auth.hpp"
#include "api/clock.hpp"
#include "commands.hpp"
#include "demo.hpp"
#include "domain/password.hpp"
#include "http_server.hpp"
#include "store/store.hpp"

namespace {

using namespace certhours;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --flag value pairs (and bare --flags listed in `switches`); positional arguments apart.
struct Args {
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;

  std::string need(const std::string& name) const {
    auto it = flags.find(name);
    if (it == flags.end() || it->second.empty()) throw UsageError("missing --" + name);
    return it->second;
  }
  std::string get(const std::string& name, const std::string& fallback) const {
    auto it = flags.find(name);
    return it == flags.end() ? fallback : it->second;
  }
  bool has(const std::string& name) const { return flags.count(name) > 0; }
};

Args parse(int argc, char** argv, int first, const std::vector<std::string>& valued,
           const std::vector<std::string>& switches) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0 || (s.size() == 2 && s[0] == '-')) {
      std::string name = s.size() == 2 ? s.substr(1) : s.substr(2);
      std::string value;
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      bool is_valued = std::find(valued.begin(), valued.end(), name) != valued.end();
      bool is_switch = std::find(switches.begin(), switches.end(), name) != switches.end();
      if (!is_valued && !is_switch) throw UsageError("unknown option " + s);
      if (is_valued && eq == std::string::npos) {
        if (i + 1 >= argc) throw UsageError("option " + s + " needs a value");
        value = argv[++i];
      }
      if (a.flags.count(name)) throw UsageError("option " + s + " given twice");
      a.flags[name] = value;
    } else {
      // No command parsed here takes a bare argument: a stray one is a typo, not to be ignored.
      throw UsageError("unexpected argument '" + s + "'");
    }
  }
  return a;
}

int to_int(const std::string& flag, const std::string& v, int min, int max) {
  try {
    std::size_t used = 0;
    int n = std::stoi(v, &used);
    if (used != v.size() || n < min || n > max) throw std::out_of_range(v);
    return n;
  } catch (const std::exception&) {
    throw UsageError("--" + flag + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                     ", not '" + v + "'");
  }
}

// Opening a database that cannot be opened (no such directory, not a database) is a bad
// value on the command line: one line, exit status 2.
std::unique_ptr<store::Store> open_store(const std::string& db, int readers) {
  try {
    return std::make_unique<store::Store>(db, readers);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
}

std::string default_web_dir() {
  std::error_code ec;
  if (std::filesystem::is_directory(CERTHOURS_WEB_DIR, ec)) return CERTHOURS_WEB_DIR;
  return {};
}

int cmd_serve(const Args& a) {
  std::string db = a.need("db");
  std::string listen = a.get("listen", "127.0.0.1:8080");
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw UsageError("--listen must be HOST:PORT, not '" + listen + "'");
  server::ServerOptions opt;
  opt.host = listen.substr(0, colon);
  if (opt.host.size() > 2 && opt.host.front() == '[') opt.host = opt.host.substr(1, opt.host.size() - 2);
  opt.port = static_cast<unsigned short>(to_int("listen", listen.substr(colon + 1), 0, 65535));
  int threads = a.has("threads") ? to_int("threads", a.get("threads", ""), 1, 256) : 4;
  opt.workers = threads;
  opt.io_threads = std::max(1, threads / 2);
  std::string web = a.has("web") ? a.get("web", "") : default_web_dir();
  if (!web.empty() && !std::filesystem::is_directory(web)) throw UsageError("--web: no such directory: " + web);

  // Comma-separated IP addresses, each checked (a typo must not silently trust nobody).
  auto addresses = [&](const char* flag) {
    std::vector<std::string> out;
    std::string list = a.get(flag, "");
    for (std::size_t start = 0; start <= list.size() && a.has(flag);) {
      auto comma = list.find(',', start);
      std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      boost::system::error_code ec;
      auto address = boost::asio::ip::make_address(item, ec);
      if (ec) throw UsageError(std::string("--") + flag + ": '" + item + "' is not an IP address");
      out.push_back(address.to_string());
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return out;
  };
  opt.trusted_proxies = addresses("trusted-proxy");
  if (a.has("max-connections-per-address"))
    opt.max_connections_per_address = to_int("max-connections-per-address", a.get("max-connections-per-address", ""), 1, 1000000);
  api::Options api_options{web, !a.has("no-access-log")};
  api_options.metrics_allow = addresses("metrics-allow");
  if (a.has("session-idle"))
    api_options.session_idle = std::chrono::minutes(to_int("session-idle", a.get("session-idle", ""), 1, 720));

  auto store = open_store(db, threads + 1);
  api::Api api(*store, api_options);
  return server::serve(api, opt, [](const std::string& url) {
    std::cout << "listening on " << url << std::endl;
  });
}

int cmd_init(const Args& a) {
  std::string db = a.need("db");
  auto store = open_store(db, 1);
  std::cout << "database " << db << " is at schema version " << store->schema_version() << std::endl;
  return 0;
}

void print_logins() {
  std::cout << "demo logins:\n";
  for (const auto& l : demo::logins())
    std::cout << "  " << l.username << " / " << l.password << "  (" << l.role << ", " << l.description << ")\n";
}

int cmd_demo(const Args& a) {
  if (a.has("logins")) {
    print_logins();
    return 0;
  }
  std::string db = a.need("db");
  if (std::filesystem::exists(db)) {
    std::cerr << "certhours: " << db << " already exists; demo only creates a new database" << std::endl;
    return 2;
  }
  std::string seeds = a.get("seeds", CERTHOURS_SEEDS_DIR);
  try {
    auto store = open_store(db, 2);
    api::Auth auth(*store);
    store->set_bulk_load(true);  // a failed build deletes the file below
    demo::build(*store, seeds, api::today_in_shanghai(),
                [&](const std::string& pw) { return auth.hash_password(pw); }, std::cout);
    store->set_bulk_load(false);
  } catch (...) {
    // A half-built demo is worse than none.
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    throw;
  }
  std::cout << "demo database written to " << db << "\n";
  print_logins();
  return 0;
}

int cmd_user_add(const Args& a) {
  std::string db = a.need("db");
  std::string username = a.need("username");
  if (Status s = check_username(username); !s) throw UsageError(s.message());
  auto role = parse_role(a.need("role"));
  if (!role) throw UsageError("--role must be admin, hr or officer");
  std::optional<Id> unit, officer;
  if (a.has("unit")) unit = to_int("unit", a.get("unit", ""), 1, INT32_MAX);
  if (a.has("officer")) officer = to_int("officer", a.get("officer", ""), 1, INT32_MAX);
  if (Status s = check_user_links(*role, unit, officer); !s)
    throw UsageError(*role == Role::hr ? "an hr user needs --unit ID" : "an officer user needs --officer ID");
  std::string password;
  if (!std::getline(std::cin, password) || password.empty())
    throw UsageError("give the password as one line on standard input");
  if (password.back() == '\r') password.pop_back();
  if (Status s = check_password(password, username); !s) throw UsageError(s.message());
  if (!std::filesystem::exists(db)) throw UsageError("no such database: " + db + " (run certhours init first)");
  auto store = open_store(db, 1);
  api::Auth auth(*store);
  auto user = store->create_user({username, auth.hash_password(password), *role, unit, officer}, {std::nullopt, "cli"});
  if (!user) {
    std::cerr << "certhours: " << user.status().message() << std::endl;
    return 2;
  }
  std::cout << "user " << user->username << " (" << role_key(user->role) << ") created with id " << user->id << std::endl;
  return 0;
}

// The user a command names, or a usage error.
store::UserRecord named_user(store::Store& store, const std::string& username) {
  auto cred = store.credentials(username);
  if (!cred) throw UsageError("no such user: " + username);
  return *store.user(cred->user.id);
}

std::unique_ptr<store::Store> existing_store(const std::string& db) {
  if (!std::filesystem::exists(db)) throw UsageError("no such database: " + db + " (run certhours init first)");
  return open_store(db, 1);
}

int cmd_user_list(const Args& a) {
  auto store = existing_store(a.need("db"));
  for (int offset = 0;; offset += 1000) {
    auto page = store->users(1000, offset);
    for (const auto& r : page.items)
      std::cout << r.user.id << "\t" << r.user.username << "\t" << role_key(r.user.role) << "\t"
                << (r.disabled ? "disabled" : "enabled") << (r.user.must_change_password ? "\tmust-change" : "")
                << "\t" << r.last_login_at.value_or("never") << "\n";
    if (offset + 1000 >= page.total) break;
  }
  return 0;
}

// The recovery door (an administrator who lost their password): sets a new one, ends sessions.
int cmd_user_password(const Args& a) {
  std::string username = a.need("username");
  auto store = existing_store(a.need("db"));
  auto user = named_user(*store, username);
  std::string password;
  if (!std::getline(std::cin, password) || password.empty())
    throw UsageError("give the new password as one line on standard input");
  if (password.back() == '\r') password.pop_back();
  if (Status s = check_password(password, username); !s) throw UsageError(s.message());
  api::Auth auth(*store);
  store->set_password(user.user.id, auth.hash_password(password), a.has("must-change"), {}, {std::nullopt, "cli"});
  std::cout << "password of " << username << " changed; their sessions ended" << std::endl;
  return 0;
}

int cmd_user_disable(const Args& a, bool disable) {
  std::string username = a.need("username");
  auto store = existing_store(a.need("db"));
  auto user = named_user(*store, username);
  auto r = store->set_disabled(user.user.id, disable, {std::nullopt, "cli"});
  if (!r) throw UsageError(r.status().message());
  std::cout << "user " << username << (disable ? " disabled; their sessions ended" : " enabled") << std::endl;
  return 0;
}

void usage(std::ostream& out) {
  out << "usage:\n"
         "  certhours serve --db FILE [--listen 127.0.0.1:8080] [--web DIR] [--threads N] [--no-access-log]\n"
         "                  [--session-idle MINUTES] [--trusted-proxy ADDR[,ADDR]] [--metrics-allow ADDR[,ADDR]]\n"
         "                  [--max-connections-per-address N]\n"
         "  certhours init --db FILE\n"
         "  certhours demo --db FILE     (or --logins: print the demo logins)\n"
         "  certhours user add --db FILE --username U --role admin|hr|officer [--unit ID] [--officer ID]  (password on stdin)\n"
         "  certhours user list --db FILE\n"
         "  certhours user password --db FILE --username U [--must-change]   (new password on stdin; sessions end)\n"
         "  certhours user disable|enable --db FILE --username U\n"
         "  certhours import officers|attendance --db FILE CSVFILE --as USERNAME\n"
         "  certhours export compliance --db FILE --year Y [--unit ID] --format csv|xlsx -o OUT\n"
         "  certhours export officers --db FILE [--unit ID] -o OUT          (import columns, full ID numbers)\n"
         "  certhours export attendance --db FILE [--year Y] [--unit ID] -o OUT\n"
         "  certhours backup --db FILE -o OUT [--force]\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2) {
      usage(std::cerr);
      return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      usage(std::cout);
      return 0;
    }
    if (cmd == "serve")
      return cmd_serve(parse(argc, argv, 2,
                             {"db", "listen", "web", "threads", "session-idle", "trusted-proxy", "metrics-allow",
                              "max-connections-per-address"},
                             {"no-access-log"}));
    if (cmd == "init") return cmd_init(parse(argc, argv, 2, {"db"}, {}));
    if (cmd == "import") return cmd_import(argc, argv);
    if (cmd == "export") return cmd_export(argc, argv);
    if (cmd == "backup") return cmd_backup(argc, argv);
    if (cmd == "demo") return cmd_demo(parse(argc, argv, 2, {"db", "seeds"}, {"logins"}));
    if (cmd == "user") {
      std::string sub = argc < 3 ? "" : argv[2];
      if (sub == "add") return cmd_user_add(parse(argc, argv, 3, {"db", "username", "role", "unit", "officer"}, {}));
      if (sub == "list") return cmd_user_list(parse(argc, argv, 3, {"db"}, {}));
      if (sub == "password") return cmd_user_password(parse(argc, argv, 3, {"db", "username"}, {"must-change"}));
      if (sub == "disable" || sub == "enable")
        return cmd_user_disable(parse(argc, argv, 3, {"db", "username"}, {}), sub == "disable");
      throw UsageError("unknown command: user " + sub + " (user add|list|password|disable|enable)");
    }
    throw UsageError("unknown command '" + cmd + "' (try certhours --help)");
  } catch (const UsageError& e) {
    std::cerr << "certhours: " << e.what() << std::endl;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "certhours: " << e.what() << std::endl;
    return 1;
  }
}
