// Every list takes limit (default 100, max 1000) and offset and answers {items, total}
// (docs/api.md "Lists"), also the short ones computed whole in memory.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
std::size_t count(const HttpResult& r) { return r.json().at("items").as_array().size(); }
long long total(const HttpResult& r) { return r.json().at("total").as_int64(); }
}  // namespace

TEST_CASE("lists page: the exit review, units, campaigns, an officer's certificates and assessments") {
  Server s({"CERTHOURS_TODAY=2025-03-01"});
  auto tree = make_tree(s);
  auto tok = s.admin_token();
  long long first_officer = 0;
  for (int i = 0; i < 3; ++i) {
    long long id = make_officer(s, "审查" + std::to_string(i), tree.jianshan, "2020-01-01", 700 + i);
    if (i == 0) first_officer = id;
    auto r = s.post("/api/v1/officers/" + std::to_string(id) + "/certificates",
                    json::object{{"number", "PG-" + std::to_string(i) + "-0001"}, {"issued_on", "2021-01-01"}}, tok);
    REQUIRE_MESSAGE(r.status == 201, r.body);
  }

  SUBCASE("the exit review") {
    // No training in 2024: all three were not_met and hold a valid certificate today.
    auto all = s.get("/api/v1/reviews/exit?year=2024", tok);
    REQUIRE(all.status == 200);
    CHECK(total(all) == 3);
    CHECK(count(all) == 3);
    CHECK(all.json().at("limit").as_int64() == 100);
    CHECK(all.json().at("offset").as_int64() == 0);
    auto first = s.get("/api/v1/reviews/exit?year=2024&limit=2", tok);
    CHECK(total(first) == 3);
    CHECK(count(first) == 2);
    auto rest = s.get("/api/v1/reviews/exit?year=2024&limit=2&offset=2", tok);
    CHECK(count(rest) == 1);
    CHECK(s.get("/api/v1/reviews/exit?year=2024&limit=0", tok).status == 422);
  }

  SUBCASE("units: 100 by default, at most 1000, bad values refused") {
    for (int i = 0; i < 101; ++i) {
      auto r = s.post("/api/v1/units",
                      json::object{{"code", "PG-" + std::to_string(i)},
                                   {"name", "分页单位" + std::to_string(i)},
                                   {"level", "town"},
                                   {"parent_id", tree.qinbei}},
                      tok);
      REQUIRE_MESSAGE(r.status == 201, r.body);
    }
    auto def = s.get("/api/v1/units", tok);
    REQUIRE(def.status == 200);
    CHECK(total(def) == 105);
    CHECK(count(def) == 100);
    auto big = s.get("/api/v1/units?limit=1000", tok);
    CHECK(count(big) == 105);
    auto one = s.get("/api/v1/units?limit=1&offset=104", tok);
    CHECK(count(one) == 1);
    CHECK(one.json().at("items").at(0).at("code") == "PG-100");
    CHECK(count(s.get("/api/v1/units?offset=200", tok)) == 0);
    for (const char* bad : {"limit=0", "limit=1001", "limit=abc", "offset=-1"}) {
      CAPTURE(bad);
      auto r = s.get(std::string("/api/v1/units?") + bad, tok);
      CHECK(r.status == 422);
      CHECK(r.error_code() == "validation_failed");
    }
  }

  SUBCASE("campaigns, certificates and assessments") {
    CHECK(count(s.get("/api/v1/rotation/campaigns?limit=1", tok)) == 1);
    CHECK(s.get("/api/v1/rotation/campaigns?limit=1001", tok).status == 422);
    std::string o = "/api/v1/officers/" + std::to_string(first_officer);
    auto certs = s.get(o + "/certificates?offset=1", tok);
    REQUIRE(certs.status == 200);
    CHECK(total(certs) == 1);
    CHECK(count(certs) == 0);
    CHECK(s.get(o + "/certificates?limit=0", tok).status == 422);
    REQUIRE(s.put(o + "/assessments/2024", json::object{{"grade", "competent"}}, tok).status == 200);
    auto grades = s.get(o + "/assessments?limit=1", tok);
    REQUIRE(grades.status == 200);
    CHECK(total(grades) == 1);
    CHECK(grades.json().at("officer_id").as_int64() == first_officer);
    CHECK(s.get(o + "/assessments?limit=x", tok).status == 422);
  }
}
