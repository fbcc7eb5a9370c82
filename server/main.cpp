// certhours: the command line (api.md "Command line").
// Bad usage prints one line on stderr and exits with status 2; never a stack trace.
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

  auto store = open_store(db, threads + 1);
  api::Api api(*store, {web, !a.has("no-access-log")});
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
  if (Status s = check_password(password); !s) throw UsageError(s.message());
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

void usage(std::ostream& out) {
  out << "usage:\n"
         "  certhours serve --db FILE [--listen 127.0.0.1:8080] [--web DIR] [--threads N] [--no-access-log]\n"
         "  certhours init --db FILE\n"
         "  certhours demo --db FILE     (or --logins: print the demo logins)\n"
         "  certhours user add --db FILE --username U --role admin|hr|officer [--unit ID] [--officer ID]  (password on stdin)\n"
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
    if (cmd == "serve") return cmd_serve(parse(argc, argv, 2, {"db", "listen", "web", "threads"}, {"no-access-log"}));
    if (cmd == "init") return cmd_init(parse(argc, argv, 2, {"db"}, {}));
    if (cmd == "import") return cmd_import(argc, argv);
    if (cmd == "export") return cmd_export(argc, argv);
    if (cmd == "backup") return cmd_backup(argc, argv);
    if (cmd == "demo") return cmd_demo(parse(argc, argv, 2, {"db", "seeds"}, {"logins"}));
    if (cmd == "user") {
      if (argc < 3 || std::string(argv[2]) != "add") throw UsageError("unknown command: user (did you mean 'user add'?)");
      return cmd_user_add(parse(argc, argv, 3, {"db", "username", "role", "unit", "officer"}, {}));
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
