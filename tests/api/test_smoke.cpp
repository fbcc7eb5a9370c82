#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

TEST_CASE("the server answers healthz and an admin can log in") {
  Server s;
  auto r = s.get("/healthz");
  CHECK(r.status == 200);
  CHECK(r.json().at("status") == "ok");
  auto tok = s.admin_token();
  auto me = s.get("/api/v1/me", tok);
  CHECK(me.status == 200);
  CHECK(me.json().at("role") == "admin");
}
