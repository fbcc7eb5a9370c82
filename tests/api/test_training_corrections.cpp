// Correcting mistakes (docs/api.md "Training corrections"): PATCH and DELETE /trainings/{id},
// PATCH /trainings/{id}/attendance/{officer_id}, over real HTTP, as the HR clerk who logged the
// wrong dates, hours or credit would check them: the officer's hours follow, the audit log holds
// before and after, nothing else moves.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct CorrectionEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr, hr_qb;
  CorrectionEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
    hr_qb = s.make_user("hr_qb", "hr", t.qinbei, std::nullopt);
  }
};
CorrectionEnv& env() {
  static CorrectionEnv e;
  return e;
}

std::string training_url(long long id) { return "/api/v1/trainings/" + std::to_string(id); }

// A new officer of 尖山街道 (each SUBCASE runs its test case again from the top: a new ID number each time).
long long new_officer(const std::string& name) {
  static int n = 3000;
  return make_officer(env().s, name, env().t.jianshan, "2016-01-01", ++n);
}

long long training(const std::string& tok, long long organizer, const std::string& start, const std::string& end,
                   double legal, double business) {
  auto r = env().s.post("/api/v1/trainings",
                        json::object{{"title", "培训"},
                                     {"organizer_unit_id", organizer},
                                     {"start_date", start},
                                     {"end_date", end},
                                     {"hours", {{"legal", legal}, {"business", business}}}},
                        tok);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}

void attend(long long training_id, long long officer, const std::string& tok, json::object hours = {}) {
  json::object rec{{"officer_id", officer}};
  if (!hours.empty()) rec["hours"] = std::move(hours);
  auto r = env().s.post(training_url(training_id) + "/attendance", json::object{{"records", json::array{rec}}}, tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

json::value year_hours(long long officer, int year, const std::string& as_of = "2024-11-01") {
  auto r = env().s.get("/api/v1/officers/" + std::to_string(officer) + "/hours?year=" + std::to_string(year) +
                           "&as_of=" + as_of,
                       env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}
double earned(long long officer, int year, const char* category) {
  return num(year_hours(officer, year).at(category).at("earned"));
}

// The newest audit entry of an entity.
json::value last_audit(const std::string& entity, long long id) {
  auto r = env().s.get("/api/v1/audit?entity=" + entity + "&entity_id=" + std::to_string(id) + "&limit=1", env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  REQUIRE_FALSE(r.json().at("items").as_array().empty());
  return r.json().at("items").at(0);
}
}  // namespace

TEST_CASE("PATCH /trainings/{id}: title, dates and hours corrected; the attendees' hours follow") {
  auto& e = env();
  long long o = new_officer("更正甲");
  long long id = training(e.hr, e.t.qinnan, "2024-06-03", "2024-06-04", 6, 10);
  attend(id, o, e.hr, {{"legal", 4}});  // partial: legal 4, business the session's 10
  CHECK(earned(o, 2024, "legal") == 4);

  auto r = e.s.patch(training_url(id), json::object{{"title", "  依法行政专题  "}, {"hours", {{"legal", 8}, {"business", 12}}}},
                     e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("title") == "依法行政专题");
  CHECK(num(r.json().at("hours").at("legal")) == 8);
  CHECK(r.json().at("start_date") == "2024-06-03");  // what was not given stays
  // Credits are fixed when recorded: raising the session does not raise them.
  CHECK(earned(o, 2024, "legal") == 4);
  CHECK(earned(o, 2024, "business") == 10);

  auto audit = last_audit("training", id);
  CHECK(audit.at("action") == "update");
  CHECK(num(audit.at("before").at("hours").at("legal")) == 6);
  CHECK(num(audit.at("after").at("hours").at("legal")) == 8);
  CHECK(audit.at("after").at("title") == "依法行政专题");

  SUBCASE("moved to another year, its attendance moves with it") {
    auto moved = e.s.patch(training_url(id), json::object{{"start_date", "2023-12-28"}, {"end_date", "2023-12-29"}}, e.hr);
    REQUIRE_MESSAGE(moved.status == 200, moved.body);
    CHECK(earned(o, 2024, "legal") == 0);
    CHECK(earned(o, 2023, "legal") == 4);
    CHECK(earned(o, 2023, "business") == 10);
    auto list = e.s.get("/api/v1/trainings?year=2023&limit=1000", e.admin).json().at("items").as_array();
    bool listed = false;
    for (const auto& t : list) listed |= t.at("id") == id;
    CHECK(listed);
  }
  SUBCASE("a session may not shrink below a recorded credit: 409, nothing changes") {
    auto shrink = e.s.patch(training_url(id), json::object{{"hours", {{"legal", 3}, {"business", 12}}}}, e.hr);
    CHECK(shrink.status == 409);
    CHECK(shrink.error_rule() == "credit_exceeds_session");
    CHECK(shrink.json().at("error").at("field") == "hours.legal");
    CHECK(e.s.get(training_url(id), e.admin).json().at("hours").at("legal") == 8);
    // Down to the credit itself is fine.
    CHECK(e.s.patch(training_url(id), json::object{{"hours", {{"legal", 4}, {"business", 10}}}}, e.hr).status == 200);
  }
  SUBCASE("bad values are 422 and change nothing") {
    auto reversed = e.s.patch(training_url(id), json::object{{"end_date", "2024-06-01"}}, e.hr);
    CHECK(reversed.status == 422);
    CHECK(reversed.error_rule() == "training_dates_reversed");
    auto too_many = e.s.patch(training_url(id), json::object{{"hours", {{"legal", 21}}}}, e.hr);
    CHECK(too_many.status == 422);
    CHECK(too_many.error_rule() == "training_hours_per_day");
    CHECK(e.s.patch(training_url(id), json::object{}, e.hr).error_rule() == "training_nothing_to_change");
    CHECK(e.s.patch(training_url(id), json::object{{"organizer_unit_id", e.t.qinbei}}, e.hr).status == 422);
    CHECK(e.s.patch(training_url(id), json::object{{"mode", "radio"}}, e.hr).status == 422);
    CHECK(e.s.get(training_url(id), e.admin).json().at("end_date") == "2024-06-04");
  }
  SUBCASE("only the organiser's hr (or an admin) may correct it") {
    // GET says so, from the same rule the PATCH applies: the web never restates it.
    auto actions = [&](const std::string& tok) { return e.s.get(training_url(id), tok).json().at("allowed_actions"); };
    CHECK(actions(e.hr) == json::array{"update", "delete"});
    CHECK(actions(e.admin) == json::array{"update", "delete"});
    CHECK(actions(e.hr_qb).as_array().empty());
    auto other = e.s.patch(training_url(id), json::object{{"title", "别人的"}}, e.hr_qb);
    CHECK(other.status == 403);
    CHECK(other.error_rule() == "training_not_organised_in_scope");
    CHECK(e.s.patch(training_url(id), json::object{{"title", "管理员改"}}, e.admin).status == 200);
    CHECK(e.s.patch(training_url(987654), json::object{{"title", "无"}}, e.admin).status == 404);
  }
}

TEST_CASE("DELETE /trainings/{id}: a session without attendees at once; with attendees only when confirmed") {
  auto& e = env();
  long long o = new_officer("删除乙");
  long long empty = training(e.hr, e.t.qinnan, "2024-07-01", "2024-07-01", 2, 0);
  CHECK(e.s.del(training_url(empty), e.hr).status == 204);
  CHECK(e.s.get(training_url(empty), e.admin).status == 404);
  CHECK(last_audit("training", empty).at("action") == "delete");

  long long id = training(e.hr, e.t.qinnan, "2024-07-02", "2024-07-02", 3, 2);
  attend(id, o, e.hr);
  CHECK(earned(o, 2024, "legal") == 3);
  auto refused = e.s.del(training_url(id), e.hr);
  CHECK(refused.status == 409);
  CHECK(refused.error_rule() == "training_has_attendance");
  CHECK(e.s.get(training_url(id), e.admin).status == 200);
  CHECK(e.s.del(training_url(id) + "?with_attendance=yes", e.hr).status == 422);
  CHECK(e.s.del(training_url(id) + "?with_attendance=true", e.hr_qb).status == 403);

  CHECK(e.s.del(training_url(id) + "?with_attendance=true", e.hr).status == 204);
  CHECK(e.s.get(training_url(id), e.admin).status == 404);
  CHECK(earned(o, 2024, "legal") == 0);
  CHECK(year_hours(o, 2024).at("trainings").as_array().empty());
  // The attendance removed is in the audit log too, then the training.
  auto trail = e.s.get("/api/v1/audit?entity=attendance&entity_id=" + std::to_string(id), e.admin).json();
  REQUIRE(trail.at("items").as_array().size() == 2);
  CHECK(trail.at("items").at(0).at("action") == "delete");
  CHECK(trail.at("items").at(0).at("before").at("officer_id") == o);
  CHECK(e.s.del(training_url(id), e.hr).status == 404);
}

TEST_CASE("PATCH /trainings/{id}/attendance/{officer_id}: one credit corrected, never above the session") {
  auto& e = env();
  long long o = new_officer("学时丙");
  long long outside = make_officer(e.s, "外单位", e.t.qinbei, "2016-01-01", 3999);
  long long id = training(e.hr, e.t.qinnan, "2024-08-05", "2024-08-05", 4, 4);
  attend(id, o, e.hr);
  attend(id, outside, e.admin);
  std::string url = training_url(id) + "/attendance/" + std::to_string(o);

  auto r = e.s.patch(url, json::object{{"hours", {{"legal", 2.5}}}}, e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("officer_id") == o);
  CHECK(r.json().at("name") == "学时丙");
  CHECK(num(r.json().at("hours").at("legal")) == 2.5);
  CHECK(num(r.json().at("hours").at("business")) == 4);  // not given: stays
  CHECK(earned(o, 2024, "legal") == 2.5);
  CHECK(earned(o, 2024, "business") == 4);
  auto audit = last_audit("attendance", id);
  CHECK(audit.at("action") == "update");
  CHECK(num(audit.at("before").at("hours").at("legal")) == 4);
  CHECK(num(audit.at("after").at("hours").at("legal")) == 2.5);

  auto above = e.s.patch(url, json::object{{"hours", {{"business", 5}}}}, e.hr);
  CHECK(above.status == 422);
  CHECK(above.error_rule() == "credit_exceeds_session");
  CHECK(earned(o, 2024, "business") == 4);
  CHECK(e.s.patch(url, json::object{{"hours", json::object{}}}, e.hr).error_rule() == "credit_nothing_to_change");
  CHECK(e.s.patch(url, json::object{{"hours", {{"legal", 1.2}}}}, e.hr).status == 422);
  // An officer outside the hr user's units reads as unknown; no attendance is 404 too.
  CHECK(e.s.patch(training_url(id) + "/attendance/" + std::to_string(outside), json::object{{"hours", {{"legal", 1}}}},
                  e.hr).status == 404);
  long long other = training(e.hr, e.t.qinnan, "2024-08-06", "2024-08-06", 4, 4);
  CHECK(e.s.patch(training_url(other) + "/attendance/" + std::to_string(o), json::object{{"hours", {{"legal", 1}}}},
                  e.hr).error_rule() == "attendance_not_found");
}
