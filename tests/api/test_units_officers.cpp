// Roles and scope over units, officers, users and trainings: the role is checked first (403),
// then the scope (404, never leaking existence); ID numbers are masked except to admins and self.
#include <doctest/doctest.h>

#include <algorithm>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct ScopeEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  long long a = 0, b = 0, c = 0;  // 钦南区, 尖山街道, 钦北区
  std::string admin, hr_qn, hr_qb, off_a;
  ScopeEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    a = make_officer(s, "甲", t.qinnan, "2016-01-01", 1);
    b = make_officer(s, "乙", t.jianshan, "2016-01-01", 2);
    c = make_officer(s, "丙", t.qinbei, "2016-01-01", 3);
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
    hr_qb = s.make_user("hr_qb", "hr", t.qinbei, std::nullopt);
    off_a = s.make_user("off_a", "officer", std::nullopt, a);
  }
};
ScopeEnv& env() {
  static ScopeEnv e;
  return e;
}

std::string masked(const std::string& id) { return id.substr(0, 6) + "********" + id.substr(14); }

json::object officer_body(const std::string& name, long long unit, int n) {
  return {{"name", name}, {"id_number", id_number(n)}, {"unit_id", unit}, {"kind", "enforcement"},
          {"post_start", "2020-01-01"}};
}

json::object training_body(long long organizer) {
  return {{"title", "法治讲座"},
          {"organizer_unit_id", organizer},
          {"start_date", "2024-03-04"},
          {"end_date", "2024-03-05"},
          {"hours", {{"legal", 6}, {"business", 6}, {"political", 3}}},
          {"rotation", false},
          {"mode", "in_person"}};
}

long long trainings_total(Server& s) { return list_total(s, "/api/v1/trainings", s.admin_token()); }

long long hours_trainings(Server& s, long long officer, const std::string& tok) {
  auto r = s.get("/api/v1/officers/" + std::to_string(officer) + "/hours?year=2024&as_of=2024-11-01", tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return static_cast<long long>(r.json().at("trainings").as_array().size());
}
}  // namespace

TEST_CASE("roles: an officer may not do what only admin and hr may (403, wherever it points)") {
  auto& e = env();
  Server& s = e.s;
  long long before = trainings_total(s);
  auto r = s.post("/api/v1/trainings", training_body(e.t.qinnan), e.off_a);
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");
  CHECK(trainings_total(s) == before);

  long long officers_before = list_total(s, "/api/v1/officers", e.admin);
  auto o = s.post("/api/v1/officers", officer_body("丁", e.t.qinnan, 40), e.off_a);
  CHECK(o.status == 403);
  CHECK(o.error_code() == "forbidden");
  CHECK(list_total(s, "/api/v1/officers", e.admin) == officers_before);

  CHECK(s.get("/api/v1/officers", e.off_a).status == 403);
  CHECK(s.get("/api/v1/compliance?year=2024", e.off_a).status == 403);
  CHECK(s.get("/api/v1/trainings", e.off_a).status == 403);
  // The role is checked before existence: a training that does not exist is still 403.
  auto att = s.post("/api/v1/trainings/999999/attendance", json::object{{"records", json::array{}}}, e.off_a);
  CHECK(att.status == 403);
  CHECK(att.error_code() == "forbidden");
  CHECK(s.patch("/api/v1/officers/" + std::to_string(e.a), json::object{{"name", "改名"}}, e.off_a).status == 403);
  CHECK(s.get("/api/v1/officers/" + std::to_string(e.a), e.admin).json().at("name") == "甲");
  CHECK(s.put("/api/v1/policies/2025", json::object{{"legal_hours", 1}, {"business_hours", 1}}, e.hr_qn).status == 403);
  CHECK(s.get("/api/v1/policies/2025", e.admin).json().at("legal_hours") == 20);
}

TEST_CASE("roles: POST /users is for admins only") {
  auto& e = env();
  Server& s = e.s;
  json::object body{{"username", "sneaky"}, {"password", "sneaky-password"}, {"role", "admin"}};
  auto hr = s.post("/api/v1/users", body, e.hr_qn);
  CHECK(hr.status == 403);
  CHECK(hr.error_code() == "forbidden");
  auto off = s.post("/api/v1/users", body, e.off_a);
  CHECK(off.status == 403);
  // Not created: the username is still free for the admin to take.
  body["username"] = "sneaky";
  auto ok = s.post("/api/v1/users", body, e.admin);
  CHECK(ok.status == 201);
  auto dup = s.post("/api/v1/users", body, e.admin);
  CHECK(dup.status == 409);
  CHECK(dup.error_code() == "conflict");
  // hr needs unit_id, officer needs officer_id.
  auto no_unit = s.post("/api/v1/users", json::object{{"username", "hr_x"}, {"password", "hr_x-password"}, {"role", "hr"}},
                        e.admin);
  CHECK(no_unit.status == 422);
  CHECK(no_unit.json().at("error").at("field") == "unit_id");
  auto no_officer = s.post(
      "/api/v1/users", json::object{{"username", "off_x"}, {"password", "off_x-password"}, {"role", "officer"}}, e.admin);
  CHECK(no_officer.status == 422);
  CHECK(no_officer.json().at("error").at("field") == "officer_id");
}

TEST_CASE("scope: officers read themselves only; ID numbers masked except to admins and self") {
  auto& e = env();
  Server& s = e.s;
  SUBCASE("an officer reading another officer gets 404; self 200 with the full ID number") {
    auto other = s.get("/api/v1/officers/" + std::to_string(e.b), e.off_a);
    CHECK(other.status == 404);
    CHECK(other.error_code() == "not_found");
    auto missing = s.get("/api/v1/officers/999999", e.off_a);
    CHECK(missing.status == 404);
    CHECK(missing.body.find("乙") == std::string::npos);
    auto self = s.get("/api/v1/officers/" + std::to_string(e.a), e.off_a);
    REQUIRE(self.status == 200);
    CHECK(self.json().at("id_number") == json::value(id_number(1)));
    CHECK(self.json().at("name") == "甲");
    CHECK(s.get("/api/v1/officers/" + std::to_string(e.a) + "/hours?year=2024", e.off_a).status == 200);
    auto other_hours = s.get("/api/v1/officers/" + std::to_string(e.c) + "/hours?year=2024", e.off_a);
    CHECK(other_hours.status == 404);
    CHECK(other_hours.error_code() == "not_found");
  }
  SUBCASE("hr sees the ID number masked like 450702********1234; admin sees it in full") {
    auto hr = s.get("/api/v1/officers/" + std::to_string(e.b), e.hr_qn);
    REQUIRE(hr.status == 200);
    std::string shown(hr.json().at("id_number").as_string());
    CHECK(shown == masked(id_number(2)));
    CHECK(shown.substr(0, 6) == "450702");
    CHECK(shown.substr(6, 8) == "********");
    CHECK(shown.find(id_number(2).substr(6, 8)) == std::string::npos);
    auto list = s.get("/api/v1/officers", e.hr_qn);
    REQUIRE(list.status == 200);
    REQUIRE_FALSE(list.json().at("items").as_array().empty());
    for (const auto& o : json::array(list.json().at("items").as_array()))
      CHECK(std::string(o.at("id_number").as_string()).substr(6, 8) == "********");
    auto admin = s.get("/api/v1/officers/" + std::to_string(e.b), e.admin);
    CHECK(admin.json().at("id_number") == json::value(id_number(2)));
  }
}

TEST_CASE("scope: an hr user of 钦南区 cannot see or change 钦北区") {
  auto& e = env();
  Server& s = e.s;
  SUBCASE("reading and patching an officer of 钦北区 is 404 and changes nothing") {
    auto r = s.get("/api/v1/officers/" + std::to_string(e.c), e.hr_qn);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
    CHECK(r.body.find("丙") == std::string::npos);
    auto p = s.patch("/api/v1/officers/" + std::to_string(e.c), json::object{{"name", "改名"}}, e.hr_qn);
    CHECK(p.status == 404);
    CHECK(p.error_code() == "not_found");
    auto left = s.patch("/api/v1/officers/" + std::to_string(e.c), json::object{{"status", "left"}}, e.hr_qn);
    CHECK(left.status == 404);
    auto after = s.get("/api/v1/officers/" + std::to_string(e.c), e.admin).json();
    CHECK(after.at("name") == "丙");
    CHECK(after.at("status") == "active");
    CHECK(after.at("post_end").is_null());
    CHECK(s.get("/api/v1/officers/" + std::to_string(e.c) + "/hours?year=2024", e.hr_qn).status == 404);
  }
  SUBCASE("hr may not move an own officer into another unit's subtree") {
    auto p = s.patch("/api/v1/officers/" + std::to_string(e.b), json::object{{"unit_id", e.t.qinbei}}, e.hr_qn);
    CHECK(p.status == 404);
    CHECK(s.get("/api/v1/officers/" + std::to_string(e.b), e.admin).json().at("unit_id") == e.t.jianshan);
  }
  SUBCASE("hr lists only the own subtree; asking for 钦北区 is 404") {
    CHECK(list_total(s, "/api/v1/officers", e.hr_qn) >= 2);
    auto list = s.get("/api/v1/officers?limit=1000", e.hr_qn);
    for (const auto& o : json::array(list.json().at("items").as_array())) {
      auto unit = o.at("unit_id").as_int64();
      CHECK((unit == e.t.qinnan || unit == e.t.jianshan));
    }
    auto other = s.get("/api/v1/officers?unit_id=" + std::to_string(e.t.qinbei), e.hr_qn);
    CHECK(other.status == 404);
    CHECK(other.error_code() == "not_found");
    auto units = s.get("/api/v1/units", e.hr_qn);
    REQUIRE(units.status == 200);
    std::vector<long long> ids;
    for (const auto& u : json::array(units.json().at("items").as_array())) ids.push_back(u.at("id").as_int64());
    CHECK(ids.size() == 2);
    CHECK(std::find(ids.begin(), ids.end(), e.t.qinbei) == ids.end());
    CHECK(std::find(ids.begin(), ids.end(), e.t.city) == ids.end());
    auto mine = s.get("/api/v1/units", e.off_a);
    REQUIRE(mine.status == 200);
    REQUIRE(mine.json().at("items").as_array().size() == 1);
    CHECK(mine.json().at("items").at(0).at("id") == e.t.qinnan);
  }
  SUBCASE("hr creating an officer in another unit's subtree is 404 and writes nothing") {
    long long before = list_total(s, "/api/v1/officers", e.admin);
    for (long long unit : {e.t.qinbei, e.t.city}) {
      auto r = s.post("/api/v1/officers", officer_body("越界", unit, 50), e.hr_qn);
      CHECK(r.status == 404);
      CHECK(r.error_code() == "not_found");
    }
    CHECK(list_total(s, "/api/v1/officers", e.admin) == before);
    CHECK(list_total(s, "/api/v1/officers?q=" + id_number(50), e.admin) == 0);
    // In the own subtree it works, and hr gets the number masked.
    auto ok = s.post("/api/v1/officers", officer_body("界内", e.t.jianshan, 50), e.hr_qn);
    CHECK(ok.status == 201);
    CHECK(ok.json().at("id_number") == json::value(masked(id_number(50))));
    CHECK(list_total(s, "/api/v1/officers", e.admin) == before + 1);
  }
  SUBCASE("a unit outside the hr user's units and one that does not exist read alike (never leak existence)") {
    const long long missing = 999999;
    auto same = [&](const HttpResult& outside, const HttpResult& nowhere, long long outside_id) {
      CHECK(outside.status == 404);
      CHECK(nowhere.status == 404);
      CHECK(outside.error_code() == "not_found");
      CHECK(nowhere.error_code() == "not_found");
      std::string a = outside.body, b = nowhere.body;
      // The id asked for is echoed (message, params): the same answer but for it.
      for (auto p = a.find(std::to_string(outside_id)); p != std::string::npos; p = a.find(std::to_string(outside_id)))
        a.replace(p, std::to_string(outside_id).size(), "N");
      for (auto p = b.find(std::to_string(missing)); p != std::string::npos; p = b.find(std::to_string(missing)))
        b.replace(p, std::to_string(missing).size(), "N");
      CHECK(a == b);
    };
    same(s.post("/api/v1/officers", officer_body("越界", e.t.qinbei, 51), e.hr_qn),
         s.post("/api/v1/officers", officer_body("越界", missing, 51), e.hr_qn), e.t.qinbei);
    same(s.post("/api/v1/trainings", training_body(e.t.qinbei), e.hr_qn),
         s.post("/api/v1/trainings", training_body(missing), e.hr_qn), e.t.qinbei);
    same(s.patch("/api/v1/officers/" + std::to_string(e.b), json::object{{"unit_id", e.t.qinbei}}, e.hr_qn),
         s.patch("/api/v1/officers/" + std::to_string(e.b), json::object{{"unit_id", missing}}, e.hr_qn), e.t.qinbei);
    // The admin sees every unit: one that does not exist is 404 for them too.
    auto admin_missing = s.post("/api/v1/officers", officer_body("无此单位", missing, 52), e.admin);
    CHECK(admin_missing.status == 404);
    CHECK(admin_missing.body.find("unit_id") != std::string::npos);
    // A duplicate ID number is a conflict, without naming an officer the caller may not see.
    REQUIRE(s.post("/api/v1/officers", officer_body("本人", e.t.qinbei, 53), e.admin).status == 201);
    auto dup = s.post("/api/v1/officers", officer_body("重复", e.t.jianshan, 53), e.hr_qn);
    CHECK(dup.status == 409);
    CHECK(dup.body.find("officer ") == std::string::npos);
  }
  SUBCASE("hr creating a training organised by an out-of-scope unit is 404 and writes nothing") {
    long long before = trainings_total(s);
    for (long long unit : {e.t.qinbei, e.t.city}) {
      auto r = s.post("/api/v1/trainings", training_body(unit), e.hr_qn);
      CHECK(r.status == 404);
      CHECK(r.error_code() == "not_found");
    }
    CHECK(trainings_total(s) == before);
  }
  SUBCASE("hr adding attendance for an out-of-scope officer is 404 and adds nothing") {
    auto t = s.post("/api/v1/trainings", training_body(e.t.qinnan), e.hr_qn);
    REQUIRE(t.status == 201);
    std::string tid = std::to_string(t.json().at("id").as_int64());
    long long b_before = hours_trainings(s, e.b, e.admin);
    long long c_before = hours_trainings(s, e.c, e.admin);
    auto only_c = s.post("/api/v1/trainings/" + tid + "/attendance",
                         json::object{{"records", json::array{json::object{{"officer_id", e.c}}}}}, e.hr_qn);
    CHECK(only_c.status == 404);
    CHECK(only_c.error_code() == "not_found");
    auto mixed = s.post("/api/v1/trainings/" + tid + "/attendance",
                        json::object{{"records", json::array{json::object{{"officer_id", e.b}}, json::object{{"officer_id", e.c}}}}},
                        e.hr_qn);
    CHECK(mixed.status == 404);
    CHECK(mixed.error_code() == "not_found");
    CHECK(hours_trainings(s, e.b, e.admin) == b_before);
    CHECK(hours_trainings(s, e.c, e.admin) == c_before);
    CHECK(s.get("/api/v1/trainings/" + tid, e.admin).json().at("attendees").as_array().empty());

    // hr records the own officer; the admin records the 钦北区 officer on the same training.
    auto ok = s.post("/api/v1/trainings/" + tid + "/attendance",
                     json::object{{"records", json::array{json::object{{"officer_id", e.b}}}}}, e.hr_qn);
    CHECK(ok.status == 200);
    CHECK(ok.json().at("added") == 1);
    auto by_admin = s.post("/api/v1/trainings/" + tid + "/attendance",
                           json::object{{"records", json::array{json::object{{"officer_id", e.c}}}}}, e.admin);
    CHECK(by_admin.status == 200);
    // hr sees only the attendees of the own subtree; the admin sees both.
    auto hr_view = s.get("/api/v1/trainings/" + tid, e.hr_qn);
    REQUIRE(hr_view.status == 200);
    auto hr_att = hr_view.json().at("attendees").as_array();
    REQUIRE(hr_att.size() == 1);
    CHECK(hr_att.at(0).at("officer_id") == e.b);
    CHECK(s.get("/api/v1/trainings/" + tid, e.admin).json().at("attendees").as_array().size() == 2);
    // Every hr user can read trainings organised elsewhere, but sees none of its attendees.
    auto qb_view = s.get("/api/v1/trainings/" + tid, e.hr_qb);
    REQUIRE(qb_view.status == 200);
    auto qb_att = qb_view.json().at("attendees").as_array();
    REQUIRE(qb_att.size() == 1);
    CHECK(qb_att.at(0).at("officer_id") == e.c);
    // hr removing the out-of-scope attendance: 404, still recorded.
    auto del = s.del("/api/v1/trainings/" + tid + "/attendance/" + std::to_string(e.c), e.hr_qn);
    CHECK(del.status == 404);
    CHECK(del.error_code() == "not_found");
    CHECK(hours_trainings(s, e.c, e.admin) == c_before + 1);
  }
}

TEST_CASE("units: creation rules") {
  auto& e = env();
  Server& s = e.s;
  auto before = s.get("/api/v1/units", e.admin).json().at("items").as_array().size();
  auto dup = s.post("/api/v1/units", json::object{{"code", "QN"}, {"name", "重复"}, {"parent_id", e.t.city}, {"level", "county"}},
                    e.admin);
  CHECK(dup.status == 409);
  CHECK(dup.error_code() == "conflict");
  auto level = s.post("/api/v1/units", json::object{{"code", "NEW1"}, {"name", "新"}, {"parent_id", e.t.city}, {"level", "village"}},
                      e.admin);
  CHECK(level.status == 422);
  CHECK(level.json().at("error").at("field") == "level");
  auto no_parent = s.post("/api/v1/units", json::object{{"code", "NEW2"}, {"name", "新"}, {"level", "town"}}, e.admin);
  CHECK(no_parent.status == 422);
  CHECK(no_parent.json().at("error").at("field") == "parent_id");
  auto by_hr = s.post("/api/v1/units", json::object{{"code", "NEW3"}, {"name", "新"}, {"parent_id", e.t.qinnan}, {"level", "town"}},
                      e.hr_qn);
  CHECK(by_hr.status == 403);
  CHECK(s.get("/api/v1/units", e.admin).json().at("items").as_array().size() == before);
  auto ok = s.post("/api/v1/units", json::object{{"code", "QN-DF"}, {"name", "东场镇"}, {"parent_id", e.t.qinnan}, {"level", "town"}},
                   e.admin);
  REQUIRE(ok.status == 201);
  auto u = ok.json();
  CHECK(u.at("code") == "QN-DF");
  CHECK(u.at("name") == "东场镇");
  CHECK(u.at("parent_id") == e.t.qinnan);
  CHECK(u.at("level") == "town");
  // The new unit lies in hr_qn's subtree at once.
  bool seen = false;
  for (const auto& x : json::array(s.get("/api/v1/units", e.hr_qn).json().at("items").as_array()))
    seen = seen || x.at("id") == u.at("id");
  CHECK(seen);
}

TEST_CASE("officers: search, status filter, and leaving post") {
  auto& e = env();
  Server& s = e.s;
  static long long o = make_officer(s, "欧阳离岗", e.t.qinnan, "2016-01-01", 60);  // once, not per subcase
  SUBCASE("q matches a part of the name or a whole ID number, not a part of one") {
    CHECK(list_total(s, "/api/v1/officers?q=%E7%A6%BB%E5%B2%97", e.admin) == 1);  // 离岗
    CHECK(list_total(s, "/api/v1/officers?q=" + id_number(60), e.admin) == 1);
    CHECK(list_total(s, "/api/v1/officers?q=" + id_number(60).substr(0, 12), e.admin) == 0);
    // hr cannot find an officer of another unit by ID number.
    CHECK(list_total(s, "/api/v1/officers?q=" + id_number(3), e.hr_qn) == 0);
  }
  SUBCASE("PATCH status left without post_end ends the post today (Asia/Shanghai)") {
    auto r = s.patch("/api/v1/officers/" + std::to_string(o), json::object{{"status", "left"}}, e.hr_qn);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.json().at("status") == "left");
    CHECK(r.json().at("post_end") == "2024-11-01");
    CHECK(list_total(s, "/api/v1/officers?status=left&q=" + id_number(60), e.admin) == 1);
    CHECK(list_total(s, "/api/v1/officers?status=active&q=" + id_number(60), e.admin) == 0);
    auto bad = s.get("/api/v1/officers?status=retired", e.admin);
    CHECK(bad.status == 422);
  }
  SUBCASE("PATCH post_end in the past without status: the officer has left, certificates withdrawn") {
    long long p = make_officer(s, "过去离岗", e.t.qinnan, "2016-01-01", 62);
    auto cert = s.post("/api/v1/officers/" + std::to_string(p) + "/certificates",
                       json::object{{"number", "QZ-PAST-0062"}, {"issued_on", "2020-01-01"}}, e.admin);
    REQUIRE_MESSAGE(cert.status == 201, cert.body);
    auto r = s.patch("/api/v1/officers/" + std::to_string(p), json::object{{"post_end", "2024-06-30"}}, e.hr_qn);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.json().at("status") == "left");
    CHECK(r.json().at("post_end") == "2024-06-30");
    auto certs = s.get("/api/v1/officers/" + std::to_string(p) + "/certificates", e.admin).json();
    CHECK(certs.at("items").at(0).at("state") == "withdrawn");
    // A future post_end is a planned departure: still active until then.
    long long q = make_officer(s, "将要离岗", e.t.qinnan, "2016-01-01", 63);
    auto later = s.patch("/api/v1/officers/" + std::to_string(q), json::object{{"post_end", "2024-12-31"}}, e.hr_qn);
    REQUIRE(later.status == 200);
    CHECK(later.json().at("status") == "active");
    // Status active with a post that ended is a contradiction.
    auto both = s.patch("/api/v1/officers/" + std::to_string(q),
                        json::object{{"status", "active"}, {"post_end", "2024-01-31"}}, e.hr_qn);
    CHECK(both.status == 422);
    CHECK(both.json().at("error").at("field") == "post_end");
  }
  SUBCASE("PATCH refuses unknown fields and an empty body, and changes nothing") {
    auto r = s.patch("/api/v1/officers/" + std::to_string(o), json::object{{"id_number", id_number(61)}}, e.admin);
    CHECK(r.status == 422);
    CHECK(r.json().at("error").at("field") == "id_number");
    auto empty = s.patch("/api/v1/officers/" + std::to_string(o), json::object{}, e.admin);
    CHECK(empty.status == 422);
    CHECK(s.get("/api/v1/officers/" + std::to_string(o), e.admin).json().at("id_number") == json::value(id_number(60)));
  }
}
