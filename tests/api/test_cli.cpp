// The command line's usage rules (api.md): unknown flags, stray arguments, repeated flags,
// missing files and bad values get one clear line on stderr and exit status 2.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.hpp"

using namespace certhours::test;

TEST_CASE("command line: bad usage is one line on stderr and exit status 2, and changes nothing") {
  Server s;
  const std::string db = s.db_path();
  const std::vector<std::vector<std::string>> bad = {
      {"init", "--db", db, "stray"},
      {"init", "--db", db, "--db", db},
      {"init", "--bogus"},
      {"demo", "--db", s.dir() + "/d.db", "extra"},
      {"serve", "--db", db, "--listen"},
      {"user", "add", "--db", db, "--username", "bad name", "--role", "admin"},
      {"user", "add", "--db", db, "--username", "ok", "--username", "ok2", "--role", "admin"},
      {"user", "remove", "--db", db},
      {"import", "officers", "--db", db, "--db", db, "x.csv", "--as", "admin"},
      {"export", "officers", "--db", db, "-o", s.dir() + "/o.csv", "-o", s.dir() + "/p.csv"},
      {"backup", "--db", db, "-o", s.dir() + "/b.db", "-o", s.dir() + "/c.db"},
      {"nonsense"},
  };
  for (const auto& args : bad) {
    std::string said;
    int rc = Server::run_cli(args, &said, "a-good-password\n");
    CAPTURE(args.front());
    CAPTURE(said);
    CHECK(rc == 2);
    CHECK(std::count(said.begin(), said.end(), '\n') == 1);
  }
  // The user with the bad name was not created: the same rule as POST /users.
  auto r = s.post("/api/v1/session", json::object{{"username", "bad name"}, {"password", "a-good-password"}});
  CHECK(r.status == 401);
  auto api = s.post("/api/v1/users", json::object{{"username", "bad name"}, {"password", "a-good-password"},
                                                  {"role", "admin"}},
                    s.admin_token());
  CHECK(api.status == 422);
  CHECK(api.json().at("error").at("field") == "username");
}
