// The command line's usage rules (docs/api.md): unknown flags, stray arguments, repeated flags,
// missing files and bad values get one clear line on stderr and exit status 2; --help and
// --version print to stdout and exit 0.
#include <doctest/doctest.h>

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "harness.hpp"

using namespace certhours::test;

namespace {

// `certhours ARGS…` with its standard output and standard error apart.
struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun run_apart(const std::vector<std::string>& args, const std::string& stdin_text = "") {
  char dir_template[] = "/tmp/certhours-cli-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  std::ofstream(dir + "/in") << stdin_text;
  std::string command = "'" CERTHOURS_BIN "'";
  for (const auto& a : args) command += " '" + a + "'";  // no test argument holds a quote
  std::string status = shell(command + " <" + dir + "/in >" + dir + "/out 2>" + dir + "/err; echo $?");
  CliRun r{std::stoi(status), read_file(dir + "/out"), read_file(dir + "/err")};
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

TEST_CASE("command line: bad usage is one line on stderr and exit status 2, and changes nothing") {
  Server s;
  const std::string db = s.db_path();
  const std::string out = s.dir() + "/o.csv";
  const std::vector<std::vector<std::string>> bad = {
      {"init", "--db", db, "stray"},
      {"init", "--db", db, "--db", db},
      {"init", "--bogus"},
      {"init"},
      {"init", "--db", ""},
      {"init", "--db", db, "demo"},  // a second command is a stray argument
      {"demo", "--db", s.dir() + "/d.db", "extra"},
      {"demo"},
      {"demo", "--db", db},  // exists
      {"serve", "--db", db, "--listen"},
      {"serve", "--db", db, "--listen", "8080"},
      {"serve", "--db", db, "--listen", "127.0.0.1:65536"},
      {"serve", "--db", db, "--threads", "0"},
      {"serve", "--db", db, "--threads", "0x10"},
      {"serve", "--db", db, "--session-idle", "721"},
      {"serve", "--db", db, "--max-connections-per-address", "many"},
      {"serve", "--db", db, "--trusted-proxy", "10.0.0.1,not-an-address"},
      {"serve", "--db", db, "--metrics-allow", ""},
      {"serve", "--db", db, "--web", s.dir() + "/no-such-dir"},
      {"serve", "--db", db, "--no-access-log", "--no-access-log"},
      {"user", "add", "--db", db, "--username", "bad name", "--role", "admin"},
      {"user", "add", "--db", db, "--username", "ok", "--username", "ok2", "--role", "admin"},
      {"user", "add", "--db", db, "--username", "ok3", "--role", "boss"},
      {"user", "add", "--db", db, "--username", "ok4", "--role", "hr"},
      {"user", "add", "--db", db, "--username", "ok5", "--role", "hr", "--unit", "abc"},
      {"user", "add", "--db", db, "--username", "ok6", "--role", "officer", "--officer", "0"},
      {"user", "remove", "--db", db},
      {"user"},
      {"user", "list"},
      {"user", "list", "--db", s.dir() + "/none.db"},
      {"user", "disable", "--db", db, "--username", "nobody"},
      {"import", "officers", "--db", db, "--db", db, "x.csv", "--as", "admin"},
      {"import", "officers", "--db", db, "--as", "admin"},
      {"import", "officers", "--db", db, "a.csv", "b.csv", "--as", "admin"},
      {"import", "trainings", "--db", db, "x.csv", "--as", "admin"},
      {"import"},
      {"export", "officers", "--db", db, "-o", out, "-o", s.dir() + "/p.csv"},
      {"export", "officers", "--db", db, "--year", "2024", "-o", out},
      {"export", "officers", "--db", db, "--format", "xlsx", "-o", out},
      {"export", "compliance", "--db", db, "--year", "1900", "--format", "csv", "-o", out},
      {"export", "compliance", "--db", db, "--year", "2024", "--format", "csv"},
      {"export", "attendance", "--db", db, "--unit", "-1", "-o", out},
      {"export"},
      {"backup", "--db", db, "-o", s.dir() + "/b.db", "-o", s.dir() + "/c.db"},
      {"backup", "--db", db, "-o", s.dir() + "/b.db", "--force", "--force"},
      {"backup", "--db", db},
      {"nonsense"},
      {"--bogus"},
      {"-x"},
  };
  for (const auto& args : bad) {
    CliRun r = run_apart(args, "a-good-password\n");
    std::string said = r.err;
    CAPTURE(args);
    CAPTURE(said);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(std::count(said.begin(), said.end(), '\n') == 1);
    CHECK(said.rfind("certhours: ", 0) == 0);
  }
  // The user with the bad name was not created: the same rule as POST /users.
  auto r = s.post("/api/v1/session", json::object{{"username", "bad name"}, {"password", "a-good-password"}});
  CHECK(r.status == 401);
  auto api = s.post("/api/v1/users", json::object{{"username", "bad name"}, {"password", "a-good-password"},
                                                  {"role", "admin"}},
                    s.admin_token());
  CHECK(api.status == 422);
  CHECK(api.json().at("error").at("field") == "username");
  // Nor any other: only admin is there, and no file was written.
  std::string list;
  CHECK(Server::run_cli({"user", "list", "--db", db}, &list) == 0);
  CHECK(std::count(list.begin(), list.end(), '\n') == 1);
  CHECK(!std::filesystem::exists(out));
  CHECK(!std::filesystem::exists(s.dir() + "/b.db"));
  CHECK(!std::filesystem::exists(s.dir() + "/d.db"));
}

TEST_CASE("command line: --help, COMMAND --help and help print usage on stdout and exit 0") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}}) {
    CliRun r = run_apart(args);
    CAPTURE(args.front());
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "Usage: certhours"));
    for (const char* command : {"serve", "init", "demo", "user", "import", "export", "backup", "--version"})
      CHECK_MESSAGE(contains(r.out, command), command);
  }
  // Every command and subcommand, with the options it takes.
  const std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> commands = {
      {{"serve"},
       {"--db", "--listen", "--web", "--threads", "--no-access-log", "--session-idle", "--trusted-proxy",
        "--metrics-allow", "--max-connections-per-address"}},
      {{"init"}, {"--db"}},
      {{"demo"}, {"--db", "--seeds", "--logins"}},
      {{"user"}, {"add", "list", "password", "disable", "enable"}},
      {{"user", "add"}, {"--db", "--username", "--role", "--unit", "--officer"}},
      {{"user", "list"}, {"--db"}},
      {{"user", "password"}, {"--db", "--username", "--must-change"}},
      {{"user", "disable"}, {"--db", "--username"}},
      {{"user", "enable"}, {"--db", "--username"}},
      {{"import"}, {"officers", "attendance", "exam-results"}},
      {{"import", "officers"}, {"--db", "CSVFILE", "--as"}},
      {{"import", "attendance"}, {"--db", "CSVFILE", "--as"}},
      {{"import", "exam-results"}, {"--db", "CSVFILE", "--as"}},
      {{"export"}, {"compliance", "officers", "attendance", "rotation", "exit-review", "progress"}},
      {{"export", "compliance"}, {"--db", "--year", "--unit", "--status", "--format", "-o,--output"}},
      {{"export", "rotation"}, {"--db", "--unit", "--campaign", "--as-of", "--format", "-o,--output"}},
      {{"export", "exit-review"}, {"--db", "--year", "--unit", "--format", "-o,--output"}},
      {{"export", "progress"}, {"--db", "--unit", "--campaign", "--as-of", "--format", "-o,--output"}},
      {{"export", "officers"}, {"--db", "--unit", "-o,--output"}},
      {{"export", "attendance"}, {"--db", "--year", "--unit", "-o,--output"}},
      {{"backup"}, {"--db", "-o,--output", "--force"}},
  };
  for (const auto& [command, options] : commands) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    CliRun r = run_apart(args);
    std::string path = "certhours";
    for (const auto& word : command) path += " " + word;
    CAPTURE(path);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "Usage: " + path));
    for (const auto& option : options) CHECK_MESSAGE(contains(r.out, option), option);
  }
  // --help wins over the rest of the line, and does nothing else.
  char dir_template[] = "/tmp/certhours-cli-XXXXXX";
  std::string dir = mkdtemp(dir_template);
  CliRun r = run_apart({"init", "--db", dir + "/x.db", "--help"});
  CHECK(r.status == 0);
  CHECK(contains(r.out, "Usage: certhours init"));
  CHECK(!std::filesystem::exists(dir + "/x.db"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("command line: --version prints certhours X.Y.Z and the commit on stdout and exits 0") {
  CliRun r = run_apart({"--version"});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CAPTURE(r.out);
  // The commit is git's (12 hex digits, "+dirty" for a changed tree), or "unknown" outside git.
  CHECK(
      std::regex_match(r.out, std::regex(R"(certhours \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(\+dirty)?|unknown)\)\n)")));
}

TEST_CASE("command line: no arguments prints the usage on stderr and exits 2") {
  CliRun r = run_apart({});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "Usage: certhours"));
}

TEST_CASE("command line: --name=value, -o and --output are all accepted") {
  Server s;
  std::string out;
  CHECK(Server::run_cli({"init", "--db=" + s.db_path()}, &out) == 0);
  CHECK(contains(out, "is at schema version"));
  CHECK(Server::run_cli({"backup", "--db=" + s.db_path(), "--output", s.dir() + "/a.db"}, &out) == 0);
  CHECK(Server::run_cli({"backup", "--db", s.db_path(), "-o", s.dir() + "/a.db", "--force"}, &out) == 0);
  CHECK(Server::run_cli({"backup", "--force", "--db", s.db_path(), "--output=" + s.dir() + "/a.db"}, &out) == 0);
  CHECK(Server::run_cli({"user", "list", "--db=" + s.db_path()}, &out) == 0);
  CHECK(contains(out, "admin\tadmin\tenabled"));
}
