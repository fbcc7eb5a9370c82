// Trainings and attendance: a big sign-in sheet in one request, repeats, partial credit,
// removal; the hours of each attendee follow at once.
#include <doctest/doctest.h>

#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct TrainingEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr;
  TrainingEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
};
TrainingEnv& env() {
  static TrainingEnv e;
  return e;
}

long long create_training(const std::string& tok, long long organizer, const std::string& start, const std::string& end,
                          double legal, double business, double political, const std::string& title = "培训") {
  auto r = env().s.post("/api/v1/trainings",
                        json::object{{"title", title},
                                     {"organizer_unit_id", organizer},
                                     {"start_date", start},
                                     {"end_date", end},
                                     {"hours", {{"legal", legal}, {"business", business}, {"political", political}}},
                                     {"rotation", true},
                                     {"mode", "online"}},
                        tok);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}

json::value hours(long long officer, int year = 2024) {
  auto r = env().s.get("/api/v1/officers/" + std::to_string(officer) + "/hours?year=" + std::to_string(year) +
                           "&as_of=2024-11-01",
                       env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

HttpResult attend(long long training, json::array records, const std::string& tok) {
  return env().s.post("/api/v1/trainings/" + std::to_string(training) + "/attendance",
                      json::object{{"records", std::move(records)}}, tok);
}
}  // namespace

TEST_CASE("trainings: 300 attendees in one request, each credited at once; a repeat adds nothing") {
  auto& e = env();
  Server& s = e.s;
  // 300 officers registered by the hr user in the subtree (尖山街道 under 钦南区).
  std::vector<long long> ids;
  for (int i = 0; i < 300; ++i) {
    auto r = s.post("/api/v1/officers",
                    json::object{{"name", "学员" + std::to_string(i)},
                                 {"id_number", id_number(1000 + i)},
                                 {"unit_id", e.t.jianshan},
                                 {"kind", i % 10 == 0 ? "police" : "enforcement"},
                                 {"post_start", "2018-01-01"}},
                    e.hr);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    ids.push_back(r.json().at("id").as_int64());
  }
  long long tid = create_training(e.hr, e.t.qinnan, "2024-06-03", "2024-06-04", 8, 8, 2, "全员轮训");
  json::array records;
  for (long long id : ids) records.push_back(json::object{{"officer_id", id}});
  auto r = attend(tid, records, e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("added") == 300);
  CHECK(r.json().at("already_recorded") == 0);
  auto items = r.json().at("items").as_array();
  CHECK(items.size() == 300);
  if (!items.empty()) {
    CHECK(items[0].at("status") == "added");
    CHECK(num(items[0].at("hours").at("legal")) == 8);
  }

  // Every attendee's hours show it at once.
  int shown = 0;
  for (long long id : ids) {
    auto h = hours(id);
    const auto& tr = h.at("trainings").as_array();
    bool has = tr.size() == 1 && tr[0].at("id") == tid;
    if (has && num(h.at("legal").at("earned")) == 8 && num(h.at("business").at("earned")) == 8 &&
        num(h.at("political").at("earned")) == 2)
      ++shown;
  }
  CHECK(shown == 300);
  auto view = s.get("/api/v1/trainings/" + std::to_string(tid), e.hr);
  REQUIRE(view.status == 200);
  CHECK(view.json().at("attendees").as_array().size() == 300);

  // The same sheet again: nothing added, all already recorded, hours unchanged.
  auto again = attend(tid, records, e.hr);
  REQUIRE_MESSAGE(again.status == 200, again.body);
  CHECK(again.json().at("added") == 0);
  CHECK(again.json().at("already_recorded") == 300);
  auto again_items = again.json().at("items").as_array();
  REQUIRE(again_items.size() == 300);
  for (const auto& item : again_items) CHECK(item.at("status") == "already_recorded");
  auto h = hours(ids[17]);
  CHECK(num(h.at("legal").at("earned")) == 8);
  CHECK(h.at("trainings").as_array().size() == 1);
  CHECK(s.get("/api/v1/trainings/" + std::to_string(tid), e.admin).json().at("attendees").as_array().size() == 300);
}

TEST_CASE("trainings: the same officer twice in one request counts once") {
  auto& e = env();
  long long o = make_officer(e.s, "重复", e.t.qinnan, "2016-01-01", 2001);
  long long tid = create_training(e.hr, e.t.qinnan, "2024-04-01", "2024-04-01", 4, 0, 0);
  auto r = attend(tid, {json::object{{"officer_id", o}}, json::object{{"officer_id", o}, {"hours", {{"legal", 2}}}}}, e.hr);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("added") == 1);
  CHECK(r.json().at("already_recorded") == 1);
  CHECK(num(hours(o).at("legal").at("earned")) == 4);
  // The second item says what is recorded (4), not what it asked for (2).
  auto items = r.json().at("items").as_array();
  REQUIRE(items.size() == 2);
  CHECK(items[1].at("status") == "already_recorded");
  CHECK(num(items[1].at("hours").at("legal")) == 4);
  // An explicit null is not a number of hours.
  auto nul = attend(tid, {json::object{{"officer_id", o}, {"hours", {{"legal", nullptr}}}}}, e.hr);
  CHECK(nul.status == 422);
  CHECK(nul.json().at("error").at("field") == "records[0].hours.legal");
}

TEST_CASE("trainings: partial credit; a category left out gets the session's hours") {
  auto& e = env();
  long long p = make_officer(e.s, "部分", e.t.qinnan, "2016-01-01", 2002);
  long long q = make_officer(e.s, "全勤", e.t.qinnan, "2016-01-01", 2003);
  long long z = make_officer(e.s, "零", e.t.qinnan, "2016-01-01", 2004);
  long long tid = create_training(e.hr, e.t.qinnan, "2024-03-04", "2024-03-05", 6, 6, 3, "法治讲座");
  auto r = attend(tid,
                  {json::object{{"officer_id", p}, {"hours", {{"legal", 2}}}},
                   json::object{{"officer_id", q}, {"hours", json::object{}}},
                   json::object{{"officer_id", z}, {"hours", {{"business", 0}, {"political", 1.5}}}}},
                  e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("added") == 3);
  auto items = r.json().at("items").as_array();
  REQUIRE(items.size() == 3);
  CHECK(num(items[0].at("hours").at("legal")) == 2);
  CHECK(num(items[0].at("hours").at("business")) == 6);
  CHECK(num(items[0].at("hours").at("political")) == 3);

  auto hp = hours(p);
  CHECK(num(hp.at("legal").at("earned")) == 2);
  CHECK(num(hp.at("business").at("earned")) == 6);
  CHECK(num(hp.at("political").at("earned")) == 3);
  REQUIRE(hp.at("trainings").as_array().size() == 1);
  CHECK(num(hp.at("trainings").at(0).at("hours").at("legal")) == 2);
  CHECK(hp.at("trainings").at(0).at("end_date") == "2024-03-05");
  CHECK(hp.at("trainings").at(0).at("title") == "法治讲座");

  auto hq = hours(q);
  CHECK(num(hq.at("legal").at("earned")) == 6);
  CHECK(num(hq.at("business").at("earned")) == 6);
  CHECK(num(hq.at("political").at("earned")) == 3);

  auto hz = hours(z);
  CHECK(num(hz.at("legal").at("earned")) == 6);
  CHECK(num(hz.at("business").at("earned")) == 0);
  CHECK(num(hz.at("political").at("earned")) == 1.5);
  // The training's attendee list shows the credited hours.
  auto view = e.s.get("/api/v1/trainings/" + std::to_string(tid), e.hr).json();
  int found = 0;
  for (const auto& a : view.at("attendees").as_array())
    if (a.at("officer_id") == p) {
      ++found;
      CHECK(num(a.at("hours").at("legal")) == 2);
    }
  CHECK(found == 1);
}

TEST_CASE("trainings: DELETE attendance is 204 and the hours drop; then it can be recorded again") {
  auto& e = env();
  Server& s = e.s;
  long long o = make_officer(s, "删除", e.t.jianshan, "2016-01-01", 2005);
  long long t1 = create_training(e.hr, e.t.qinnan, "2024-05-06", "2024-05-07", 5, 10, 0);
  long long t2 = create_training(e.hr, e.t.jianshan, "2024-08-01", "2024-08-01", 3, 2, 0);
  REQUIRE(attend(t1, {json::object{{"officer_id", o}}}, e.hr).status == 200);
  REQUIRE(attend(t2, {json::object{{"officer_id", o}}}, e.hr).status == 200);
  CHECK(num(hours(o).at("legal").at("earned")) == 8);

  std::string url = "/api/v1/trainings/" + std::to_string(t1) + "/attendance/" + std::to_string(o);
  auto del = s.del(url, e.hr);
  CHECK(del.status == 204);
  CHECK(del.body.empty());
  auto h = hours(o);
  CHECK(num(h.at("legal").at("earned")) == 3);
  CHECK(num(h.at("business").at("earned")) == 2);
  REQUIRE(h.at("trainings").as_array().size() == 1);
  CHECK(h.at("trainings").at(0).at("id") == t2);
  CHECK(s.get("/api/v1/trainings/" + std::to_string(t1), e.admin).json().at("attendees").as_array().empty());

  auto twice = s.del(url, e.hr);
  CHECK(twice.status == 404);
  CHECK(twice.error_code() == "not_found");
  CHECK(s.del("/api/v1/trainings/987654/attendance/" + std::to_string(o), e.hr).status == 404);

  auto readd = attend(t1, {json::object{{"officer_id", o}}}, e.hr);
  CHECK(readd.json().at("added") == 1);
  CHECK(num(hours(o).at("legal").at("earned")) == 8);
}

TEST_CASE("trainings: creation, reading and listing") {
  auto& e = env();
  Server& s = e.s;
  auto r = s.post("/api/v1/trainings",
                  json::object{{"title", "  跨年课程  "},
                               {"organizer_unit_id", e.t.qinnan},
                               {"start_date", "2023-12-28"},
                               {"end_date", "2024-01-03"},
                               {"hours", {{"legal", 4}, {"business", 10.5}}},
                               {"rotation", false},
                               {"mode", "in_person"}},
                  e.hr);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  auto t = r.json();
  CHECK(t.at("title") == "跨年课程");  // trimmed
  CHECK(t.at("organizer_unit_id") == e.t.qinnan);
  CHECK(t.at("start_date") == "2023-12-28");
  CHECK(t.at("end_date") == "2024-01-03");
  CHECK(num(t.at("hours").at("legal")) == 4);
  CHECK(num(t.at("hours").at("business")) == 10.5);
  CHECK(num(t.at("hours").at("political")) == 0);  // a category left out of a session is zero
  CHECK(t.at("rotation") == false);
  CHECK(t.at("mode") == "in_person");
  long long id = t.at("id").as_int64();

  // A course over New Year is listed in the year of its end date.
  auto in = [&](const std::string& q) {
    auto l = s.get("/api/v1/trainings?limit=1000&" + q, e.admin);
    REQUIRE(l.status == 200);
    for (const auto& x : json::array(l.json().at("items").as_array()))
      if (x.at("id") == id) return true;
    return false;
  };
  CHECK(in("year=2024"));
  CHECK_FALSE(in("year=2023"));
  // Every hr user can list and read trainings, wherever they are organised.
  auto hr_qb = s.make_user("hr_qb", "hr", e.t.qinbei, std::nullopt);
  auto read = s.get("/api/v1/trainings/" + std::to_string(id), hr_qb);
  CHECK(read.status == 200);
  CHECK(read.json().at("attendees").is_array());
  auto list = s.get("/api/v1/trainings?year=2024", hr_qb);
  CHECK(list.status == 200);
  CHECK(list.json().at("total").as_int64() >= 1);
  CHECK(s.get("/api/v1/trainings/987654", e.admin).status == 404);
  // An admin may organise for any unit.
  CHECK(create_training(e.admin, e.t.qinbei, "2024-02-01", "2024-02-01", 2, 0, 0) > 0);
}
