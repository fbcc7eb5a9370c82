// The worked examples of docs/domain.md through the API, and the annual compliance sheet.
#include <doctest/doctest.h>

#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct HoursEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr_qn;
  // Officers (see the constructor); all in 钦南区's subtree unless noted.
  long long w = 0, x = 0, j = 0, l = 0, p95 = 0, p10 = 0, m = 0, pol = 0, future = 0, gone = 0, qb = 0;
  long long t_law = 0, t_skill = 0, t_newyear = 0, t_pace = 0, t_met1 = 0, t_met2 = 0, t_pol = 0;

  long long training(const char* title, const char* start, const char* end, double legal, double business,
                     double political) {
    auto r = s.post("/api/v1/trainings",
                    json::object{{"title", title},
                                 {"organizer_unit_id", t.city},
                                 {"start_date", start},
                                 {"end_date", end},
                                 {"hours", {{"legal", legal}, {"business", business}, {"political", political}}}},
                    admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  void attend(long long tid, json::array records) {
    auto r = s.post("/api/v1/trainings/" + std::to_string(tid) + "/attendance", json::object{{"records", records}}, admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }
  long long officer(const char* name, long long unit, const char* start, int n, const char* end = nullptr) {
    json::object body{{"name", name}, {"id_number", id_number(n)}, {"unit_id", unit}, {"kind", "enforcement"},
                      {"post_start", start}};
    if (end) body["post_end"] = end;
    auto r = s.post("/api/v1/officers", body, admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }

  HoursEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    w = officer("王例", t.qinnan, "2016-01-01", 1);           // the 2024 worked example
    x = officer("跨年", t.qinnan, "2016-01-01", 2);           // the course over New Year
    j = officer("新入", t.jianshan, "2024-03-20", 3);         // joined 2024-03-20
    l = officer("离岗", t.jianshan, "2016-01-01", 4, "2024-09-05");  // left 2024-09-05
    p95 = officer("九点五", t.qinnan, "2016-01-01", 5);        // 9.5 legal by 2024-07-01
    p10 = officer("十", t.qinnan, "2016-01-01", 6);            // 10 legal by 2024-07-01
    m = officer("达标", t.jianshan, "2016-01-01", 7);          // meets 20/40
    pol = officer("政治", t.qinnan, "2016-01-01", 8);          // political hours only
    future = officer("明年", t.qinnan, "2025-01-01", 9);       // joins after 2024
    gone = officer("已离", t.qinnan, "2016-01-01", 10, "2023-06-30");  // left before 2024
    qb = officer("北区", t.qinbei, "2016-01-01", 11);          // outside 钦南区

    t_law = training("法治讲座", "2024-03-04", "2024-03-05", 6, 6, 3);
    t_skill = training("执法技能", "2024-09-10", "2024-09-13", 0, 30, 0);
    t_newyear = training("跨年课程", "2023-12-28", "2024-01-03", 4, 10, 0);
    t_pace = training("半年讲座", "2024-06-03", "2024-06-03", 10, 0, 0);
    t_met1 = training("达标一", "2024-04-01", "2024-04-04", 20, 20, 0);
    t_met2 = training("达标二", "2024-05-06", "2024-05-09", 0, 20, 0);
    t_pol = training("党课", "2024-10-08", "2024-10-14", 0, 0, 70);
    attend(t_law, {json::object{{"officer_id", w}}});
    attend(t_skill, {json::object{{"officer_id", w}}});
    attend(t_newyear, {json::object{{"officer_id", x}}});
    attend(t_pace, {json::object{{"officer_id", p95}, {"hours", {{"legal", 9.5}}}}, json::object{{"officer_id", p10}}});
    attend(t_met1, {json::object{{"officer_id", m}}});
    attend(t_met2, {json::object{{"officer_id", m}}});
    attend(t_pol, {json::object{{"officer_id", pol}}, json::object{{"officer_id", m}}});
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
};
HoursEnv& env() {
  static HoursEnv e;
  return e;
}

json::value hours(long long officer, const std::string& query) {
  auto r = env().s.get("/api/v1/officers/" + std::to_string(officer) + "/hours?" + query, env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

void check_category(const json::value& h, const char* cat, double earned, double required, double shortfall) {
  INFO(cat);
  CHECK(num(h.at(cat).at("earned")) == earned);
  CHECK(num(h.at(cat).at("required")) == required);
  CHECK(num(h.at(cat).at("shortfall")) == shortfall);
}

json::value compliance(const std::string& query, const std::string& tok) {
  auto r = env().s.get("/api/v1/compliance?" + query, tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

std::set<long long> officer_ids(const json::value& c) {
  std::set<long long> out;
  for (const auto& i : c.at("items").as_array()) out.insert(i.at("officer_id").as_int64());
  return out;
}
}  // namespace

TEST_CASE("worked examples of domain.md") {
  auto& e = env();
  SUBCASE("on post since 2016, 法治讲座 + 执法技能: as of 2024-11-01 in_progress, as of 2025-01-01 not_met") {
    auto h = hours(e.w, "year=2024&as_of=2024-11-01");
    CHECK(h.at("officer_id") == e.w);
    CHECK(h.at("year") == 2024);
    CHECK(h.at("as_of") == "2024-11-01");
    CHECK(h.at("status") == "in_progress");
    check_category(h, "legal", 6, 20, 14);
    check_category(h, "business", 36, 40, 4);
    CHECK(num(h.at("political").at("earned")) == 3);
    auto tr = h.at("trainings").as_array();
    REQUIRE(tr.size() == 2);
    std::set<long long> ids{tr[0].at("id").as_int64(), tr[1].at("id").as_int64()};
    CHECK(ids == std::set<long long>{e.t_law, e.t_skill});
    for (const auto& t : tr) {
      CHECK(t.at("title").is_string());
      CHECK(t.at("end_date").is_string());
      CHECK(t.at("hours").at("legal").is_number());
    }

    auto after = hours(e.w, "year=2024&as_of=2025-01-01");
    CHECK(after.at("status") == "not_met");
    check_category(after, "legal", 6, 20, 14);
    check_category(after, "business", 36, 40, 4);
    CHECK(num(after.at("political").at("earned")) == 3);
    CHECK(hours(e.w, "year=2024&as_of=2024-12-31").at("status") == "in_progress");
  }
  SUBCASE("as of D, only the trainings that ended by D count; the others are listed as upcoming") {
    auto h = hours(e.w, "year=2024&as_of=2024-03-04");  // 法治讲座 runs 03-04..03-05
    check_category(h, "legal", 0, 20, 20);
    CHECK(h.at("trainings").as_array().empty());
    auto upcoming = h.at("upcoming").as_array();
    REQUIRE(upcoming.size() == 2);
    CHECK(upcoming[0].at("id") == e.t_law);
    auto ended = hours(e.w, "year=2024&as_of=2024-03-05");
    check_category(ended, "legal", 6, 20, 14);
    REQUIRE(ended.at("trainings").as_array().size() == 1);
    CHECK(ended.at("trainings").at(0).at("id") == e.t_law);
    CHECK(ended.at("upcoming").as_array().size() == 1);
  }
  SUBCASE("defaults: this year and today in Asia/Shanghai") {
    auto h = hours(e.w, "");
    CHECK(h.at("year") == 2024);
    CHECK(h.at("as_of") == "2024-11-01");
    CHECK(h.at("status") == "in_progress");
  }
  SUBCASE("a course 2023-12-28..2024-01-03 counts entirely in 2024") {
    auto h24 = hours(e.x, "year=2024&as_of=2024-11-01");
    check_category(h24, "legal", 4, 20, 16);
    check_category(h24, "business", 10, 40, 30);
    REQUIRE(h24.at("trainings").as_array().size() == 1);
    CHECK(h24.at("trainings").at(0).at("id") == e.t_newyear);
    auto h23 = hours(e.x, "year=2023&as_of=2024-11-01");
    CHECK(num(h23.at("legal").at("earned")) == 0);
    CHECK(num(h23.at("business").at("earned")) == 0);
    CHECK(h23.at("trainings").as_array().empty());
    CHECK(h23.at("status") == "not_met");
  }
  SUBCASE("joined 2024-03-20: requires 17 legal and 33.5 business") {
    auto h = hours(e.j, "year=2024&as_of=2024-11-01");
    check_category(h, "legal", 0, 17, 17);
    check_category(h, "business", 0, 33.5, 33.5);
    CHECK(h.at("status") == "in_progress");
  }
  SUBCASE("left 2024-09-05: requires 15 legal and 30 business") {
    auto h = hours(e.l, "year=2024&as_of=2024-11-01");
    check_category(h, "legal", 0, 15, 15);
    check_category(h, "business", 0, 30, 30);
  }
  SUBCASE("behind_pace on 2024-07-01: 9.5 legal is behind, 10 is not") {
    auto behind = hours(e.p95, "year=2024&as_of=2024-07-01");
    CHECK(num(behind.at("legal").at("earned")) == 9.5);
    CHECK(behind.at("status") == "in_progress");
    CHECK(behind.at("legal").at("behind_pace") == true);
    auto on_pace = hours(e.p10, "year=2024&as_of=2024-07-01");
    CHECK(num(on_pace.at("legal").at("earned")) == 10);
    CHECK(on_pace.at("legal").at("behind_pace") == false);
    CHECK(on_pace.at("business").at("behind_pace") == true);  // 0 business by mid-year
    CHECK(num(behind.at("legal").at("expected")) == 10);  // 20 × 183 / 366
    // The day the course ends, 9.5 is ahead of the pace (20 × 155 / 366 = 8.47); before it ends,
    // nothing has been earned yet and the pace is already above zero.
    CHECK(hours(e.p95, "year=2024&as_of=2024-06-03").at("legal").at("behind_pace") == false);
    CHECK(hours(e.p95, "year=2024&as_of=2024-02-01").at("legal").at("behind_pace") == true);
  }
  SUBCASE("political hours never count toward legal or business") {
    auto h = hours(e.pol, "year=2024&as_of=2025-01-01");
    CHECK(num(h.at("political").at("earned")) == 70);
    check_category(h, "legal", 0, 20, 20);
    check_category(h, "business", 0, 40, 40);
    CHECK(h.at("status") == "not_met");
    auto met = hours(e.m, "year=2024&as_of=2024-11-01");
    check_category(met, "legal", 20, 20, 0);
    check_category(met, "business", 40, 40, 0);
    CHECK(num(met.at("political").at("earned")) == 70);
    CHECK(met.at("status") == "met");
  }
  SUBCASE("years before 2023 are exempt; so is a year without a day on post") {
    auto h = hours(e.w, "year=2022&as_of=2024-11-01");
    CHECK(h.at("status") == "exempt");
    auto p = e.s.get("/api/v1/policies/2022", e.admin);
    REQUIRE(p.status == 200);
    auto f = hours(e.future, "year=2024&as_of=2024-11-01");
    CHECK(f.at("status") == "exempt");
    auto g = hours(e.gone, "year=2024&as_of=2024-11-01");
    CHECK(g.at("status") == "exempt");
  }
}

TEST_CASE("compliance: the annual sheet of a unit subtree") {
  auto& e = env();
  SUBCASE("summary counts over 钦南区's subtree; those joined later or gone earlier are not on it") {
    auto c = compliance("year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&as_of=2024-11-01", e.admin);
    CHECK(c.at("year") == 2024);
    CHECK(c.at("unit_id") == e.t.qinnan);
    const auto& sum = c.at("summary");
    CHECK(sum.at("officers") == 8);
    CHECK(sum.at("met") == 1);
    CHECK(sum.at("in_progress") == 7);
    CHECK(sum.at("not_met") == 0);
    auto ids = officer_ids(c);
    CHECK(ids == std::set<long long>{e.w, e.x, e.j, e.l, e.p95, e.p10, e.m, e.pol});
    CHECK(c.at("total") == 8);
    for (const auto& i : c.at("items").as_array()) {
      CHECK(i.at("name").is_string());
      CHECK(i.at("unit_id").is_int64());
      CHECK(i.at("unit_name").is_string());
      CHECK(i.at("status").is_string());
      CHECK(i.at("legal").at("shortfall").is_number());
      CHECK(i.at("business").at("required").is_number());
      CHECK(i.at("political").at("earned").is_number());
      if (i.at("officer_id") == e.m) CHECK(i.at("status") == "met");
      if (i.at("officer_id") == e.l) {
        CHECK(num(i.at("legal").at("required")) == 15);
        CHECK(i.at("unit_name") == "尖山街道");
      }
      if (i.at("officer_id") == e.w) {
        CHECK(num(i.at("legal").at("earned")) == 6);
        CHECK(num(i.at("business").at("shortfall")) == 4);
        CHECK(num(i.at("political").at("earned")) == 3);
      }
    }
    auto over = compliance("year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&as_of=2025-01-01", e.admin);
    CHECK(over.at("summary").at("met") == 1);
    CHECK(over.at("summary").at("in_progress") == 0);
    CHECK(over.at("summary").at("not_met") == 7);
  }
  SUBCASE("a sub-unit covers only itself; the city covers every unit") {
    auto js = compliance("year=2024&unit_id=" + std::to_string(e.t.jianshan) + "&as_of=2024-11-01", e.admin);
    CHECK(officer_ids(js) == std::set<long long>{e.j, e.l, e.m});
    CHECK(js.at("summary").at("officers") == 3);
    auto city = compliance("year=2024&unit_id=" + std::to_string(e.t.city) + "&as_of=2024-11-01&limit=1000", e.admin);
    CHECK(city.at("summary").at("officers") == 9);
    CHECK(officer_ids(city).count(e.qb) == 1);
  }
  SUBCASE("other years: 2023 lists who was on post in 2023") {
    auto c = compliance("year=2023&unit_id=" + std::to_string(e.t.qinnan) + "&as_of=2024-11-01", e.admin);
    CHECK(officer_ids(c) == std::set<long long>{e.w, e.x, e.l, e.p95, e.p10, e.m, e.pol, e.gone});
    CHECK(c.at("summary").at("not_met") == 8);
  }
  SUBCASE("paging: limit, offset, total") {
    std::string base = "year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&as_of=2024-11-01";
    std::set<long long> all;
    for (int offset : {0, 3, 6}) {
      auto page = compliance(base + "&limit=3&offset=" + std::to_string(offset), e.admin);
      CHECK(page.at("total") == 8);
      CHECK(page.at("summary").at("officers") == 8);
      auto n = page.at("items").as_array().size();
      CHECK(n == (offset == 6 ? 2u : 3u));
      for (long long id : officer_ids(page)) CHECK(all.insert(id).second);  // no officer on two pages
    }
    CHECK(all.size() == 8);
    auto beyond = compliance(base + "&offset=100", e.admin);
    CHECK(beyond.at("items").as_array().empty());
    CHECK(beyond.at("total") == 8);
  }
  SUBCASE("hr defaults to the own unit; another unit is 404") {
    auto c = compliance("year=2024&as_of=2024-11-01", e.hr_qn);
    CHECK(c.at("unit_id") == e.t.qinnan);
    CHECK(c.at("summary").at("officers") == 8);
    CHECK(officer_ids(c).count(e.qb) == 0);
    REQUIRE_FALSE(c.at("items").as_array().empty());
    for (const auto& i : c.at("items").as_array()) {
      REQUIRE(i.at("id_number").is_string());
      CHECK(std::string(i.at("id_number").as_string()).substr(6, 8) == "********");
    }
    for (long long unit : {e.t.qinbei, e.t.city}) {
      auto r = e.s.get("/api/v1/compliance?year=2024&unit_id=" + std::to_string(unit), e.hr_qn);
      CHECK(r.status == 404);
      CHECK(r.error_code() == "not_found");
    }
    auto sub = compliance("year=2024&as_of=2024-11-01&unit_id=" + std::to_string(e.t.jianshan), e.hr_qn);
    CHECK(sub.at("summary").at("officers") == 3);
  }
}

TEST_CASE("compliance rows come in tree order, sibling units by id (unit 2 before unit 10)") {
  Server s({"CERTHOURS_TODAY=2024-11-01"});
  Tree t = make_tree(s);  // ids 1..4
  auto tok = s.admin_token();
  std::vector<long long> units;
  for (int i = 0; i < 9; ++i) {  // ids 5..13 under 钦北区: two-digit ids among one-digit ones
    auto r = s.post("/api/v1/units",
                    json::object{{"code", "ORD-" + std::to_string(i)},
                                 {"name", "排序" + std::to_string(i)},
                                 {"level", "town"},
                                 {"parent_id", t.qinbei}},
                    tok);
    REQUIRE(r.status == 201);
    units.push_back(r.json().at("id").as_int64());
  }
  // Registered in reverse, so officer ids do not give the order away.
  for (std::size_t i = units.size(); i-- > 0;)
    make_officer(s, "排序人" + std::to_string(i), units[i], "2020-01-01", 900 + static_cast<int>(i));
  make_officer(s, "钦北人", t.qinbei, "2020-01-01", 950);
  auto r = s.get("/api/v1/compliance?year=2024&unit_id=" + std::to_string(t.qinbei), tok);
  REQUIRE(r.status == 200);
  std::vector<long long> seen;
  json::value body = r.json();  // kept: a range-for over a temporary's member would dangle
  for (const auto& item : body.at("items").as_array()) seen.push_back(item.at("unit_id").as_int64());
  std::vector<long long> expected{t.qinbei};
  expected.insert(expected.end(), units.begin(), units.end());
  CHECK(seen == expected);
}
