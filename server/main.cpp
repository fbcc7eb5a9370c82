// certhours: the command line (docs/api.md "Command line"), parsed by CLI11.
// Bad usage prints one line on stderr and exits with status 2; never a stack trace.
// `certhours --help`, `certhours COMMAND --help` and `certhours --version` print to stdout, status 0.
#include <boost/asio/ip/address.hpp>
#include <sodium.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/api.hpp"
#include "app/auth.hpp"
#include "app/clock.hpp"
#include "certhours/version.hpp"
#include "commands.hpp"
#include "demo/demo.hpp"
#include "domain/password.hpp"
#include "http_server.hpp"
#include "store/store.hpp"

namespace certhours::cli {

std::unique_ptr<store::Store> open_store(const std::string& db, int readers) {
  try {
    return std::make_unique<store::Store>(db, readers);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
}

std::unique_ptr<store::Store> existing_store(const std::string& db) {
  if (!std::filesystem::exists(db)) throw UsageError("no such database: " + db + " (run certhours init first)");
  return open_store(db, 1);
}

// One line of password on standard input (a trailing CR from Windows dropped).
std::string password_from_stdin(const std::string& what) {
  std::string password;
  if (!std::getline(std::cin, password) || password.empty())
    throw UsageError("give the " + what + " as one line on standard input");
  if (password.back() == '\r') password.pop_back();
  return password;
}

}  // namespace certhours::cli

namespace {

using namespace certhours;
using cli::Commands;
using cli::UsageError;
using cli::existing_store;
using cli::open_store;
using cli::password_from_stdin;

// The web UI and the demo seeds are found at run time, never at a path compiled in: the
// environment variable when set (CERTHOURS_WEB_DIR, CERTHOURS_SEEDS_DIR), else the install
// layout <the binary's directory>/../share/certhours/<name>: /usr/share/certhours/<name> for
// /usr/bin/certhours, and build/share/certhours/<name> (links to the source tree, made by
// server/CMakeLists.txt) for build/server/certhours.
std::string data_dir(const char* env, const char* name) {
  if (const char* set = std::getenv(env)) return set;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return (exe.parent_path() / ".." / "share" / "certhours" / name).lexically_normal().string();
}

// A binary without share/certhours/web serves the API alone, as with --web ''. A directory named
// by CERTHOURS_WEB_DIR must exist (serve refuses a missing one); CERTHOURS_WEB_DIR='' is none.
std::string default_web_dir() {
  std::string dir = data_dir("CERTHOURS_WEB_DIR", "web");
  std::error_code ec;
  if (std::getenv("CERTHOURS_WEB_DIR") || std::filesystem::is_directory(dir, ec)) return dir;
  return {};
}

// "ADDR[,ADDR]": each an IP address, written the standard way (a typo must not silently trust nobody).
std::vector<std::string> ip_list(const std::string& list) {
  std::vector<std::string> out;
  for (std::size_t start = 0;;) {
    auto comma = list.find(',', start);
    std::string item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    boost::system::error_code ec;
    auto address = boost::asio::ip::make_address(item, ec);
    if (ec) throw UsageError("'" + item + "' is not an IP address");
    out.push_back(address.to_string());
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

const CLI::Validator kIpList(
    [](std::string& s) {
      try {
        ip_list(s);
        return std::string();
      } catch (const UsageError& e) {
        return std::string(e.what());
      }
    },
    "", "IPLIST");

// ---- serve ----

struct ServeArgs {
  std::string db, listen = "127.0.0.1:8080", web = default_web_dir(), trusted_proxy, metrics_allow;
  // As many workers as cores (at least 2): more only take turns on the cores, and the p99
  // grows with them (docs/performance.md). Exports and imports have their own pool.
  int threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  int session_idle = static_cast<int>(api::Options{}.session_idle.count());
  int max_connections_per_address = server::ServerOptions{}.max_connections_per_address;
  bool no_access_log = false;
  bool secure_cookie = false;
};

int run_serve(const ServeArgs& a) {
  server::ServerOptions opt;
  auto colon = a.listen.rfind(':');
  if (colon == std::string::npos) throw UsageError("--listen must be HOST:PORT, not '" + a.listen + "'");
  opt.host = a.listen.substr(0, colon);
  if (opt.host.size() > 2 && opt.host.front() == '[') opt.host = opt.host.substr(1, opt.host.size() - 2);
  std::string port = a.listen.substr(colon + 1);
  int port_number = -1;
  try {
    std::size_t used = 0;
    port_number = std::stoi(port, &used);
    if (used != port.size()) port_number = -1;
  } catch (const std::exception&) {
  }
  if (port_number < 0 || port_number > 65535)
    throw UsageError("--listen: the port must be an integer from 0 to 65535, not '" + port + "'");
  opt.port = static_cast<unsigned short>(port_number);
  opt.workers = a.threads;
  opt.io_threads = std::max(1, a.threads / 2);
  if (!a.web.empty() && !std::filesystem::is_directory(a.web)) throw UsageError("--web: no such directory: " + a.web);
  if (!a.trusted_proxy.empty()) opt.trusted_proxies = ip_list(a.trusted_proxy);
  opt.max_connections_per_address = a.max_connections_per_address;
  api::Options api_options;
  api_options.web_dir = a.web;
  api_options.access_log = !a.no_access_log;
  if (!a.metrics_allow.empty()) api_options.metrics_allow = ip_list(a.metrics_allow);
  api_options.session_idle = std::chrono::minutes(a.session_idle);
  api_options.secure_cookie = a.secure_cookie;

  // A reader for each worker and file thread, and one for the login pool and body checks.
  auto store = open_store(a.db, a.threads + opt.file_threads + 1);
  api::Api api(*store, api_options);
  // Under systemd (Type=notify: NOTIFY_SOCKET is set) READY=1 once the socket listens, so that
  // `systemctl start` returns when requests are answered; without NOTIFY_SOCKET sd_notify does
  // nothing. STOPPING=1 when serve returns, its drain of running requests done.
  int status = server::serve(api, opt, [](const std::string& url) {
    std::cout << "listening on " << url << std::endl;
    sd_notify(0, ("READY=1\nSTATUS=listening on " + url).c_str());
  });
  sd_notify(0, "STOPPING=1\nSTATUS=stopped");
  return status;
}

void add_serve(CLI::App& app, Commands& commands) {
  auto* cmd = app.add_subcommand("serve", "Serve the API and the web UI on a database (created and migrated if needed)");
  auto a = std::make_shared<ServeArgs>();
  cli::add_db(*cmd, a->db);
  cmd->add_option("--listen", a->listen, "address and port; port 0 picks a free one (printed)")
      ->type_name("HOST:PORT")
      ->capture_default_str();
  cmd->add_option(
         "--web", a->web,
         "the web UI's files; '' for none (default: $CERTHOURS_WEB_DIR, else ../share/certhours/web beside the binary)")
      ->type_name("DIR");
  cli::add_int(*cmd, "--threads", a->threads, 1, 256, "request workers (default: the cores, at least 2)")
      ->capture_default_str();
  cmd->add_flag("--no-access-log", a->no_access_log, "no line per request on stderr");
  cli::add_int(*cmd, "--session-idle", a->session_idle, 1, 720, "minutes idle after which a session ends")
      ->type_name("MINUTES")
      ->capture_default_str();
  cmd->add_option("--trusted-proxy", a->trusted_proxy, "reverse proxies whose X-Forwarded-For names the client")
      ->type_name("ADDR[,ADDR]")
      ->check(kIpList);
  cmd->add_option("--metrics-allow", a->metrics_allow, "who may read /metrics besides loopback")
      ->type_name("ADDR[,ADDR]")
      ->check(kIpList);
  cli::add_int(*cmd, "--max-connections-per-address", a->max_connections_per_address, 1, 1000000,
               "open connections from one client address at most")
      ->capture_default_str();
  cmd->add_flag("--secure-cookie", a->secure_cookie,
                "mark the session cookie Secure: browsers send it over HTTPS only (behind a TLS proxy)")
      ->envname("CERTHOURS_SECURE_COOKIE");
  commands.push_back({cmd, [a] { return run_serve(*a); }});
}

// ---- init, demo ----

void add_init(CLI::App& app, Commands& commands) {
  auto* cmd = app.add_subcommand("init", "Create or migrate a database; idempotent");
  auto db = std::make_shared<std::string>();
  cli::add_db(*cmd, *db);
  commands.push_back({cmd, [db] {
                        auto store = open_store(*db, 1);
                        std::cout << "database " << *db << " is at schema version " << store->schema_version()
                                  << std::endl;
                        return 0;
                      }});
}

void print_logins() {
  std::cout << "demo logins:\n";
  for (const auto& l : demo::logins())
    std::cout << "  " << l.username << " / " << l.password << "  (" << l.role << ", " << l.description << ")\n";
}

struct DemoArgs {
  std::string db, seeds = data_dir("CERTHOURS_SEEDS_DIR", "seeds");
  bool logins = false;
};

int run_demo(const DemoArgs& a) {
  if (a.logins) {
    print_logins();
    return 0;
  }
  if (a.db.empty()) throw UsageError("missing --db");
  if (std::filesystem::exists(a.db)) throw UsageError(a.db + " already exists; demo only creates a new database");
  try {
    auto store = open_store(a.db, 2);
    app::Auth auth(*store);
    store->set_bulk_load(true);  // a failed build deletes the file below
    demo::build(*store, a.seeds, app::today_in_shanghai(),
                [&](const std::string& pw) { return auth.hash_password(pw); }, std::cout);
    store->set_bulk_load(false);
  } catch (...) {
    // A half-built demo is worse than none.
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(a.db + suffix);
    throw;
  }
  std::cout << "demo database written to " << a.db << "\n";
  print_logins();
  return 0;
}

void add_demo(CLI::App& app, Commands& commands) {
  auto* cmd = app.add_subcommand("demo", "Create a new demo database (refuses an existing file)");
  auto a = std::make_shared<DemoArgs>();
  cmd->add_option("--db", a->db, "the new database (required unless --logins)")->type_name("FILE");
  cmd->add_option("--seeds", a->seeds, "the demo data")->type_name("DIR")->capture_default_str();
  cmd->add_flag("--logins", a->logins, "only print the demo logins");
  commands.push_back({cmd, [a] { return run_demo(*a); }});
}

// ---- errors ----

// "certhours user add": the names from the root down to `app`.
std::string path_of(const CLI::App* app) {
  std::string path = app->get_name();
  for (app = app->get_parent(); app; app = app->get_parent()) path = app->get_name() + " " + path;
  return path;
}

// The last (sub)command CLI11 selected: the root, or a command, or one of its subcommands.
const CLI::App* selected(const CLI::App& root) {
  const CLI::App* at = &root;
  while (!at->get_subcommands().empty()) at = at->get_subcommands().front();
  return at;
}

// CLI11 keeps the last of a repeated option; this refuses it instead.
void refuse_repeated_options(const CLI::App& root) {
  for (const CLI::App* at = &root;; at = at->get_subcommands().front()) {
    for (const CLI::Option* o : at->get_options())
      if (o->count() > 1) throw UsageError("option " + o->get_name(false, true) + " given twice");
    if (at->get_subcommands().empty()) return;
  }
}

// The first argument CLI11 could not place (an unknown option, a stray argument, an unknown
// command), named as before; "" when there is none. Reported before anything else: a typo
// explains the rest (a required option that was misspelt is also missing).
std::string extras_message(const CLI::App& root) {
  for (const CLI::App* at = &root;; at = at->get_subcommands().front()) {
    auto left = at->remaining();
    if (!left.empty()) {
      const std::string& first = left.front();
      if (first.size() > 1 && first[0] == '-') return "unknown option " + first;
      if (!at->get_subcommands({}).empty())  // a command was expected here
        return "unknown command '" + (at == &root ? "" : path_of(at).substr(root.get_name().size() + 1) + " ") + first +
               "'";
      return "unexpected argument '" + first + "'";
    }
    if (at->get_subcommands().empty()) return "";
  }
}

// One line on stderr, whatever the message holds.
int fail(std::string message, int status) {
  std::replace_if(message.begin(), message.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  std::cerr << "certhours: " << message << std::endl;
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("certhours: training hours and enforcement certificates of Qinzhou's law-enforcement officers",
               "certhours");
  app.set_version_flag("--version", std::string("certhours ") + kVersion + " (commit " + kCommit + ")");
  // Repeated options are refused after parsing (refuse_repeated_options), in one line.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  app.require_subcommand(0, 1);  // one command; a second command's name is a stray argument
  app.get_formatter()->column_width(36);
  Commands commands;
  add_serve(app, commands);
  add_init(app, commands);
  add_demo(app, commands);
  cli::add_user(app, commands);
  cli::add_import(app, commands);
  cli::add_export(app, commands);
  cli::add_backup(app, commands);
  app.footer("certhours COMMAND --help (certhours user add --help, ...) lists the options of a command.\n");

  if (argc < 2) {
    std::cerr << app.help();
    return 2;
  }
  if (std::string(argv[1]) == "help") {
    std::cout << app.help();
    return 0;
  }
  try {
    app.parse(argc, argv);
    refuse_repeated_options(app);
    const CLI::App* parsed = selected(app);
    for (const auto& command : commands)
      if (command.app == parsed) return command.run();
    std::string names;
    for (const CLI::App* sub : parsed->get_subcommands({})) names += (names.empty() ? "" : "|") + sub->get_name();
    throw UsageError("a command is needed: " + path_of(parsed) + " " + names + " (see " + path_of(parsed) + " --help)");
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);  // --help, --version
    std::string message = extras_message(app);
    return fail((message.empty() ? e.what() : message) + " (see " + path_of(selected(app)) + " --help)", 2);
  } catch (const UsageError& e) {
    return fail(e.what(), 2);
  } catch (const std::exception& e) {
    return fail(e.what(), 1);
  }
}
