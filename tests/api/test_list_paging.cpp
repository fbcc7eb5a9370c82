// Lists computed whole in memory (exit review, expiring) come whole by default and are
// sliced when the caller asks for a page.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

TEST_CASE("the exit review is whole by default and paged on request") {
  Server s({"CERTHOURS_TODAY=2025-03-01"});
  auto tree = make_tree(s);
  auto tok = s.admin_token();
  for (int i = 0; i < 3; ++i) {
    long long id = make_officer(s, "审查" + std::to_string(i), tree.jianshan, "2020-01-01", 700 + i);
    auto r = s.post("/api/v1/officers/" + std::to_string(id) + "/certificates",
                    json::object{{"number", "PG-" + std::to_string(i) + "-0001"}, {"issued_on", "2021-01-01"}}, tok);
    REQUIRE_MESSAGE(r.status == 201, r.body);
  }
  // No training in 2024: all three were not_met and hold a valid certificate today.
  auto whole = s.get("/api/v1/reviews/exit?year=2024", tok);
  REQUIRE(whole.status == 200);
  CHECK(whole.json().at("total").as_int64() == 3);
  CHECK(whole.json().at("items").as_array().size() == 3);

  auto first = s.get("/api/v1/reviews/exit?year=2024&limit=2", tok);
  CHECK(first.json().at("total").as_int64() == 3);
  CHECK(first.json().at("items").as_array().size() == 2);
  auto rest = s.get("/api/v1/reviews/exit?year=2024&limit=2&offset=2", tok);
  CHECK(rest.json().at("items").as_array().size() == 1);
  CHECK(s.get("/api/v1/reviews/exit?year=2024&limit=0", tok).status == 422);
}
