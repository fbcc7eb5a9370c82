// ?status= with several statuses (未完成 = in_progress,not_met) on GET /compliance and on its
// export: the clerk's filtered list, on screen and as a file, over real HTTP.
#include <doctest/doctest.h>

#include <set>

#include "harness.hpp"

using namespace certhours::test;

TEST_CASE("compliance: ?status= takes several statuses; the export lists only those, the summary counts all") {
  Server s({"CERTHOURS_TODAY=2024-07-01"});
  Tree t = make_tree(s);
  std::string admin = s.admin_token();
  long long done = make_officer(s, "已完成", t.jianshan, "2016-01-01", 6101);
  long long open1 = make_officer(s, "进行中甲", t.jianshan, "2016-01-01", 6102);
  long long open2 = make_officer(s, "进行中乙", t.jianshan, "2016-01-01", 6103);
  auto tr = s.post("/api/v1/trainings",
                   json::object{{"title", "全年学时"},
                                {"organizer_unit_id", t.jianshan},
                                {"start_date", "2024-03-04"},
                                {"end_date", "2024-03-09"},
                                {"hours", {{"legal", 20}, {"business", 40}}}},
                   admin);
  REQUIRE_MESSAGE(tr.status == 201, tr.body);
  auto att = s.post("/api/v1/trainings/" + S(tr.json().at("id").as_int64()) + "/attendance",
                    json::object{{"records", json::array{json::object{{"officer_id", done}}}}}, admin);
  REQUIRE_MESSAGE(att.status == 200, att.body);

  auto ids = [&](const std::string& query) {
    auto r = s.get("/api/v1/compliance?year=2024&unit_id=" + S(t.jianshan) + query, admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    std::set<long long> out;
    auto v = r.json();
    for (const auto& i : v.at("items").as_array()) out.insert(i.at("officer_id").as_int64());
    CHECK(v.at("summary").at("officers") == 3);  // the summary counts everyone
    return out;
  };
  CHECK(ids("") == std::set<long long>{done, open1, open2});
  CHECK(ids("&status=in_progress") == std::set<long long>{open1, open2});
  CHECK(ids("&status=in_progress,not_met") == std::set<long long>{open1, open2});
  CHECK(ids("&status=met,not_met") == std::set<long long>{done});
  CHECK(ids("&status=met,in_progress") == std::set<long long>{done, open1, open2});
  auto bad = s.get("/api/v1/compliance?year=2024&status=met,bogus", admin);
  CHECK(bad.status == 422);
  CHECK(bad.error_rule() == "value_not_allowed");
  CHECK(bad.json().at("error").at("params").at("value") == "bogus");

  auto csv = s.get("/api/v1/compliance/export?year=2024&format=csv&status=in_progress,not_met&unit_id=" + S(t.jianshan),
                   admin);
  REQUIRE_MESSAGE(csv.status == 200, csv.body);
  CHECK(csv.header("x-export-rows") == "2");
  CHECK(contains(csv.body, "进行中甲"));
  CHECK(contains(csv.body, "进行中乙"));
  CHECK_FALSE(contains(csv.body, "已完成,"));
  auto xlsx = s.get("/api/v1/compliance/export?year=2024&format=xlsx&status=met&unit_id=" + S(t.jianshan), admin);
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.header("x-export-rows") == "1");
  CHECK(s.get("/api/v1/compliance/export?year=2024&status=done", admin).status == 422);
}
