// The full-staff rotation (GET /rotation, rotation campaigns) and the progress report
// (GET /reports/progress) through the API, on small hand-made datasets whose figures are
// worked out in the comments (docs/domain.md "The full-staff rotation", "Reports the plan asks for").
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {

// Shared set-up helpers, all as admin.
struct Seed {
  Server& s;
  Tree t;
  std::string admin;
  explicit Seed(Server& server) : s(server), t(make_tree(server)), admin(server.admin_token()) {}

  long long officer(const char* name, long long unit, const char* start, int n, const char* end = nullptr,
                    const char* kind = "enforcement") {
    json::object body{{"name", name}, {"id_number", id_number(n)}, {"unit_id", unit}, {"kind", kind},
                      {"post_start", start}};
    if (end) body["post_end"] = end;
    auto r = s.post("/api/v1/officers", body, admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  long long training(const char* title, const char* start, const char* end, bool rotation, double legal,
                     double business = 0) {
    auto r = s.post("/api/v1/trainings",
                    json::object{{"title", title},
                                 {"organizer_unit_id", t.city},
                                 {"start_date", start},
                                 {"end_date", end},
                                 {"hours", {{"legal", legal}, {"business", business}, {"political", 0}}},
                                 {"rotation", rotation}},
                    admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  void attend(long long training_id, std::initializer_list<long long> officers) {
    json::array records;
    for (long long o : officers) records.push_back(json::object{{"officer_id", o}});
    auto r = s.post("/api/v1/trainings/" + S(training_id) + "/attendance", json::object{{"records", records}}, admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }
};

// --- rotation dataset (today 2024-05-31, the plan's deadline; campaign 1: 2023-08-09 .. 2024-05-31) ---
// 钦南区: a (two rotation sessions: rotated, counted once), c (a non-rotation session only: pending),
//         j (joined 2024-06-01, after the deadline: not counted, though they attended one)
// 尖山街道 (under 钦南区): b (rotated), g (a rotation session ending on the deadline: rotated)
// 钦北区: d (a rotation session ending the day after the deadline: pending),
//         e (one ending on the window's first day: rotated), f (one ending the day before it: pending),
//         ld (left on the deadline: counted, pending), l (left the day before: not counted)
// City: required 8, rotated 4 (a, b, g, e), pending 4 (c, d, f, ld), rate 0.5.
// 钦南区 subtree: 4 / 3 (0.75); 尖山街道: 2 / 2 (1); 钦北区: 4 / 1 (0.25).
struct RotationEnv {
  Server s{{"CERTHOURS_TODAY=2024-05-31"}};
  Seed seed{s};
  Tree& t = seed.t;
  std::string admin = seed.admin, hr_qn;
  long long a, c, j, b, g, d, e, f, ld, l;
  RotationEnv() {
    a = seed.officer("甲", t.qinnan, "2016-01-01", 1);
    c = seed.officer("丙", t.qinnan, "2016-01-01", 2);
    j = seed.officer("新人", t.qinnan, "2024-06-01", 3);
    b = seed.officer("乙", t.jianshan, "2016-01-01", 4);
    g = seed.officer("庚", t.jianshan, "2016-01-01", 5);
    d = seed.officer("丁", t.qinbei, "2016-01-01", 6);
    e = seed.officer("戊", t.qinbei, "2016-01-01", 7);
    f = seed.officer("己", t.qinbei, "2016-01-01", 8);
    ld = seed.officer("末日", t.qinbei, "2016-01-01", 9, "2024-05-31");
    l = seed.officer("离岗", t.qinbei, "2016-01-01", 10, "2024-05-30");
    seed.attend(seed.training("轮训一", "2024-03-09", "2024-03-10", true, 6), {a, b, j});
    seed.attend(seed.training("轮训二", "2024-04-20", "2024-04-20", true, 4), {a});
    seed.attend(seed.training("普通培训", "2024-02-01", "2024-02-01", false, 4), {c});
    seed.attend(seed.training("轮训末日", "2024-05-31", "2024-05-31", true, 4), {g, l});
    seed.attend(seed.training("轮训迟", "2024-06-01", "2024-06-01", true, 4), {d});
    seed.attend(seed.training("轮训首日", "2023-08-08", "2023-08-09", true, 8), {e});
    seed.attend(seed.training("轮训前", "2023-08-08", "2023-08-08", true, 4), {f});
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
};
RotationEnv& renv() {
  static RotationEnv e;
  return e;
}

json::value rotation(const std::string& query, const std::string& tok = "") {
  auto& e = renv();
  auto r = e.s.get("/api/v1/rotation" + (query.empty() ? "" : "?" + query), tok.empty() ? e.admin : tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

void check_counts(const json::value& v, long long required, long long rotated, long long pending) {
  CHECK(v.at("required") == required);
  CHECK(v.at("rotated") == rotated);
  CHECK(v.at("pending") == pending);
}

const json::value& child(const json::value& report, long long unit_id) {
  for (const auto& c : report.at("children").as_array())
    if (c.at("unit_id") == unit_id) return c;
  FAIL("no child row for unit " << unit_id);
  static json::value none;
  return none;
}

std::set<long long> pending_ids(const json::value& v) {
  std::set<long long> out;
  for (const auto& p : v.at("pending").as_array()) out.insert(p.at("officer_id").as_int64());
  return out;
}
}  // namespace

TEST_CASE("rotation: on the deadline day the campaign is in_progress, with the figures of the dataset") {
  auto& e = renv();
  auto r = rotation("");  // defaults: the root, today (2024-05-31), the plan's campaign
  CHECK(r.at("as_of") == "2024-05-31");
  CHECK(r.at("unit_id") == e.t.city);
  CHECK(r.at("campaign").at("id") == 1);
  CHECK(r.at("campaign").at("window_start") == "2023-08-09");
  CHECK(r.at("campaign").at("deadline") == "2024-05-31");
  CHECK(r.at("campaign").at("name").is_string());
  CHECK(r.at("status") == "in_progress");
  check_counts(r.at("summary"), 8, 4, 4);
  CHECK(num(r.at("summary").at("rate")) == 0.5);
  CHECK(rotation("as_of=2024-05-31&campaign_id=1").at("status") == "in_progress");
}

TEST_CASE("rotation: the day after the deadline it is overdue where someone is pending, complete where nobody is") {
  auto& e = renv();
  auto r = rotation("as_of=2024-06-01");
  CHECK(r.at("as_of") == "2024-06-01");
  CHECK(r.at("status") == "overdue");
  check_counts(r.at("summary"), 8, 4, 4);

  auto qn = rotation("as_of=2024-06-01&unit_id=" + S(e.t.qinnan));
  CHECK(qn.at("status") == "overdue");
  check_counts(qn.at("summary"), 4, 3, 1);
  CHECK(num(qn.at("summary").at("rate")) == 0.75);
  const auto& js = child(qn, e.t.jianshan);
  check_counts(js, 2, 2, 0);
  CHECK(js.at("status") == "complete");

  auto only_js = rotation("as_of=2024-06-01&unit_id=" + S(e.t.jianshan));
  CHECK(only_js.at("status") == "complete");
  check_counts(only_js.at("summary"), 2, 2, 0);
  CHECK(num(only_js.at("summary").at("rate")) == 1.0);
  CHECK(only_js.at("pending").as_array().empty());
  CHECK(only_js.at("children").as_array().empty());
}

TEST_CASE("rotation: joiners after the deadline and leavers before it are not counted; leaving on it is") {
  auto& e = renv();
  auto r = rotation("as_of=2024-06-01");
  auto ids = pending_ids(r);
  CHECK(ids.count(e.j) == 0);   // joined 2024-06-01: not required, although they attended
  CHECK(ids.count(e.l) == 0);   // left 2024-05-30
  CHECK(ids.count(e.ld) == 1);  // left 2024-05-31: still on post on the deadline
  // 钦南区's own officers: a, c (j not among the required).
  auto qn = rotation("as_of=2024-06-01&unit_id=" + S(e.t.qinnan));
  CHECK(qn.at("summary").at("required") == 4);
}

TEST_CASE("rotation: two rotation sessions count once; a non-rotation session or one outside the window does not") {
  auto& e = renv();
  auto r = rotation("as_of=2024-06-01");
  auto ids = pending_ids(r);
  CHECK(ids == std::set<long long>{e.c, e.d, e.f, e.ld});
  CHECK(ids.count(e.a) == 0);  // two sessions: rotated, and counted once (钦南区 rotated = 3 of 4)
  CHECK(ids.count(e.e) == 0);  // a session ending on the window's first day counts
  CHECK(ids.count(e.g) == 0);  // a session ending on the deadline counts
  CHECK(ids.count(e.c) == 1);  // only a non-rotation session
  CHECK(ids.count(e.d) == 1);  // a rotation session ending the day after the deadline
  CHECK(ids.count(e.f) == 1);  // a rotation session ending the day before the window
  check_counts(child(r, e.t.qinnan), 4, 3, 1);
}

TEST_CASE("rotation: children rows name the lagging unit, and pending rows name the officers") {
  auto& e = renv();
  auto r = rotation("as_of=2024-06-01");
  const auto& children = r.at("children").as_array();
  REQUIRE(children.size() == 2);
  const auto& qb = child(r, e.t.qinbei);
  CHECK(qb.at("unit_name") == "钦北区");
  check_counts(qb, 4, 1, 3);
  CHECK(num(qb.at("rate")) == 0.25);
  CHECK(qb.at("status") == "overdue");
  const auto& qn = child(r, e.t.qinnan);
  CHECK(qn.at("unit_name") == "钦南区");
  CHECK(num(qn.at("rate")) == 0.75);
  // The lagging unit: the lowest rate.
  CHECK(num(qb.at("rate")) < num(qn.at("rate")));

  bool found = false;
  for (const auto& p : r.at("pending").as_array()) {
    if (p.at("officer_id") != e.d) continue;
    found = true;
    CHECK(p.at("name") == "丁");
    CHECK(p.at("unit_id") == e.t.qinbei);
    CHECK(p.at("unit_name") == "钦北区");
  }
  CHECK(found);
  // The pending list is paged; the summary counts everyone.
  auto paged = rotation("as_of=2024-06-01&limit=2");
  CHECK(paged.at("pending").as_array().size() == 2);
  CHECK(paged.at("summary").at("pending") == 4);
  auto rest = rotation("as_of=2024-06-01&limit=2&offset=2");
  CHECK(rest.at("pending").as_array().size() == 2);
  std::set<long long> all = pending_ids(paged);
  for (long long id : pending_ids(rest)) all.insert(id);
  CHECK(all == std::set<long long>{e.c, e.d, e.f, e.ld});
}

TEST_CASE("rotation: an hr user sees their own subtree by default and gets 404 outside it") {
  auto& e = renv();
  auto mine = rotation("as_of=2024-06-01", e.hr_qn);
  CHECK(mine.at("unit_id") == e.t.qinnan);
  check_counts(mine.at("summary"), 4, 3, 1);
  CHECK(pending_ids(mine) == std::set<long long>{e.c});
  CHECK(rotation("unit_id=" + S(e.t.jianshan), e.hr_qn).at("unit_id") == e.t.jianshan);
  for (long long unit : {e.t.qinbei, e.t.city, 9999LL}) {
    auto r = e.s.get("/api/v1/rotation?unit_id=" + S(unit), e.hr_qn);
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
  }
  CHECK(e.s.get("/api/v1/reports/progress?unit_id=" + S(e.t.qinbei), e.hr_qn).status == 404);
  CHECK(e.s.get("/api/v1/rotation/campaigns", e.hr_qn).status == 200);
  auto officer = e.s.make_user("officer_a", "officer", std::nullopt, e.a);
  CHECK(e.s.get("/api/v1/rotation", officer).status == 403);
  CHECK(e.s.get("/api/v1/reports/progress", officer).status == 403);
  CHECK(e.s.get("/api/v1/rotation").status == 401);
}

TEST_CASE("rotation: bad query parameters are 422, an unknown campaign 404") {
  auto& e = renv();
  for (const char* q : {"as_of=2024-02-30", "campaign_id=abc", "unit_id=x", "limit=0"}) {
    CAPTURE(q);
    auto r = e.s.get(std::string("/api/v1/rotation?") + q, e.admin);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
  }
  auto r = e.s.get("/api/v1/rotation?campaign_id=999", e.admin);
  CHECK(r.status == 404);
  CHECK(e.s.get("/api/v1/reports/progress?as_of=2024-13-01", e.admin).status == 422);
}

TEST_CASE("rotation campaigns: POST validates (422), is admin only (403), and the new campaign is used") {
  auto& e = renv();
  auto post = [&](json::object body, const std::string& tok) { return e.s.post("/api/v1/rotation/campaigns", body, tok); };
  json::object ok{{"name", "第二轮轮训"}, {"window_start", "2025-01-01"}, {"deadline", "2025-12-31"}};

  auto hr = post(ok, e.hr_qn);
  CHECK(hr.status == 403);
  CHECK(hr.error_code() == "forbidden");

  struct Bad {
    json::object body;
    const char* field;
  };
  for (const Bad& bad : {Bad{{{"window_start", "2025-01-01"}, {"deadline", "2025-12-31"}}, "name"},
                         Bad{{{"name", "  "}, {"window_start", "2025-01-01"}, {"deadline", "2025-12-31"}}, "name"},
                         Bad{{{"name", "x"}, {"deadline", "2025-12-31"}}, "window_start"},
                         Bad{{{"name", "x"}, {"window_start", "2025-02-30"}, {"deadline", "2025-12-31"}}, "window_start"},
                         Bad{{{"name", "x"}, {"window_start", "2025-01-01"}}, "deadline"},
                         Bad{{{"name", "x"}, {"window_start", "2025-01-01"}, {"deadline", 20251231}}, "deadline"},
                         Bad{{{"name", "x"}, {"window_start", "2025-01-01"}, {"deadline", "2024-12-31"}}, "deadline"}}) {
    auto r = post(bad.body, e.admin);
    CAPTURE(r.body);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "validation_failed");
    CHECK(r.json().at("error").at("field") == bad.field);
  }
  CHECK(list_total(e.s, "/api/v1/rotation/campaigns", e.admin) == 1);  // nothing written by the bad ones

  auto created = post(ok, e.admin);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  long long id = created.json().at("id").as_int64();
  CHECK(created.json().at("name") == "第二轮轮训");
  CHECK(created.json().at("window_start") == "2025-01-01");
  CHECK(created.json().at("deadline") == "2025-12-31");
  CHECK(list_total(e.s, "/api/v1/rotation/campaigns", e.admin) == 2);
  auto audit = e.s.get("/api/v1/audit?entity=campaign&entity_id=" + S(id), e.admin);
  REQUIRE(audit.status == 200);
  CHECK(audit.json().at("total") == 1);

  // Once its window has started it is the default; before that the plan's campaign is.
  CHECK(rotation("as_of=2024-12-31").at("campaign").at("id") == 1);
  auto second = rotation("as_of=2025-01-01");
  CHECK(second.at("campaign").at("id") == id);
  // On post on 2025-12-31: everyone but ld and l (left), j included; nobody rotated yet.
  check_counts(second.at("summary"), 8, 0, 8);
  CHECK(num(second.at("summary").at("rate")) == 0.0);
  CHECK(pending_ids(second).count(e.j) == 1);
  CHECK(second.at("status") == "in_progress");
  // An explicit campaign wins over the default.
  CHECK(rotation("as_of=2025-01-01&campaign_id=1").at("campaign").at("id") == 1);
  CHECK(rotation("as_of=2025-01-01&campaign_id=1").at("status") == "overdue");
}

namespace {
// --- progress report dataset (today 2024-08-15, the mid-term report date) ---
// p1 钦南区 since 2016: met 2023 and 2024 (T23, T24); rotated (T24 is a rotation session); cert valid.
// p2 尖山街道 since 2016: nothing; pending; an old cert cancelled in 2022, a new one suspended 2024-07-01.
// p3 尖山街道 joined 2024-02-01: met 2024 (prorated 18.5/37, earned 20/40); rotated; cert expired 2024-07-31.
// p6 钦南区 police since 2016: nothing; pending; no certificate.
// p4 钦北区 since 2016, left 2024-06-30: met 2023; 2024 in_progress; pending (on post on the deadline);
//    cert withdrawn by leaving.
// p5 钦北区 joins 2024-09-01: on the 2024 sheet, not on post on as_of, not required by the campaign.
// City as of 2024-08-15: officers 4 (p1 p2 p3 p6); rotation 5 required (p1 p2 p3 p4 p6), 2 rotated → 0.4;
//   2023: 4 officers (p1 p2 p4 p6), 2 met → 0.5; 2024: 6 officers, 2 met (p1 p3) → 0.3333;
//   certificates valid 1, suspended 1, withdrawn 1, cancelled 1, expired 1.
// 钦南区: officers 4; rotation 4/2 → 0.5; 2023 3/1 → 0.3333; 2024 4/2 → 0.5; certs 1/1/0/1/1.
// 钦北区: officers 0; rotation 1/0 → 0; 2023 1/1 → 1; 2024 2/0 → 0; certs 0/0/1/0/0.
struct ProgressEnv {
  Server s{{"CERTHOURS_TODAY=2024-08-15"}};
  Seed seed{s};
  Tree& t = seed.t;
  std::string admin = seed.admin, hr_qn;
  long long p1, p2, p3, p4, p5, p6;
  ProgressEnv() {
    p1 = seed.officer("一号", t.qinnan, "2016-01-01", 21);
    p2 = seed.officer("二号", t.jianshan, "2016-01-01", 22);
    p3 = seed.officer("三号", t.jianshan, "2024-02-01", 23);
    p4 = seed.officer("四号", t.qinbei, "2016-01-01", 24);
    p5 = seed.officer("五号", t.qinbei, "2024-09-01", 25);
    p6 = seed.officer("六号", t.qinnan, "2016-01-01", 26, nullptr, "police");
    seed.attend(seed.training("年度培训2023", "2023-03-01", "2023-03-06", false, 20, 40), {p1, p4});
    seed.attend(seed.training("轮训2024", "2024-03-01", "2024-03-06", true, 20, 40), {p1, p3});

    cert(p1, "QZ-P1", "2023-01-01");
    long long old = cert(p2, "QZ-P2-OLD", "2018-01-01", "2022-12-31");
    act(old, "cancel", "2022-06-01");
    act(cert(p2, "QZ-P2", "2023-01-01"), "suspend", "2024-07-01");
    cert(p3, "QZ-P3", "2024-02-01", "2024-07-31");
    cert(p4, "QZ-P4", "2023-01-01");
    auto left = s.patch("/api/v1/officers/" + S(p4), json::object{{"status", "left"}, {"post_end", "2024-06-30"}}, admin);
    REQUIRE_MESSAGE(left.status == 200, left.body);
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
  long long cert(long long officer, const char* number, const char* issued_on, const char* expires_on = nullptr) {
    json::object body{{"number", number}, {"issued_on", issued_on}};
    if (expires_on) body["expires_on"] = expires_on;
    auto r = s.post("/api/v1/officers/" + S(officer) + "/certificates", body, admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  void act(long long cert_id, const char* action, const char* effective_on) {
    auto r = s.post("/api/v1/certificates/" + S(cert_id) + "/actions",
                    json::object{{"action", action}, {"effective_on", effective_on}, {"reason", "测试"}}, admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }
};
ProgressEnv& penv() {
  static ProgressEnv e;
  return e;
}

json::value progress(const std::string& query, const std::string& tok = "") {
  auto& e = penv();
  auto r = e.s.get("/api/v1/reports/progress" + (query.empty() ? "" : "?" + query), tok.empty() ? e.admin : tok);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// null for a rate over zero officers, else the number.
void check_rate(const json::value& v, std::optional<double> expected) {
  if (!expected) {
    CHECK(v.is_null());
  } else {
    REQUIRE(v.is_number());
    CHECK(num(v) == *expected);
  }
}

struct Expected {
  long long officers, rot_required, rot_rotated;
  std::optional<double> rot_rate;
  long long prev_officers, prev_met;
  std::optional<double> prev_rate;
  long long cur_officers, cur_met;
  std::optional<double> cur_rate;
  long long valid, suspended, withdrawn, cancelled, expired;
};

void check_figures(const json::value& v, const Expected& x, int year) {
  CHECK(v.at("officers") == x.officers);
  CHECK(v.at("rotation").at("required") == x.rot_required);
  CHECK(v.at("rotation").at("rotated") == x.rot_rotated);
  check_rate(v.at("rotation").at("rate"), x.rot_rate);
  const auto& prev = v.at("compliance").at("previous_year");
  CHECK(prev.at("year") == year - 1);
  CHECK(prev.at("officers") == x.prev_officers);
  CHECK(prev.at("met") == x.prev_met);
  check_rate(prev.at("rate"), x.prev_rate);
  const auto& cur = v.at("compliance").at("current_year");
  CHECK(cur.at("year") == year);
  CHECK(cur.at("officers") == x.cur_officers);
  CHECK(cur.at("met") == x.cur_met);
  check_rate(cur.at("rate"), x.cur_rate);
  const auto& certs = v.at("certificates");
  CHECK(certs.at("valid") == x.valid);
  CHECK(certs.at("suspended") == x.suspended);
  CHECK(certs.at("withdrawn") == x.withdrawn);
  CHECK(certs.at("cancelled") == x.cancelled);
  CHECK(certs.at("expired") == x.expired);
}
}  // namespace

TEST_CASE("progress report: the figures of a hand-made city as of the mid-term date") {
  auto& e = penv();
  auto r = progress("");  // defaults: the root, today 2024-08-15
  CHECK(r.at("unit_id") == e.t.city);
  CHECK(r.at("unit_name") == "钦州市");
  CHECK(r.at("as_of") == "2024-08-15");
  CHECK(r.at("campaign").at("id") == 1);
  CHECK(r.at("rotation").at("campaign_id") == 1);
  check_figures(r, {4, 5, 2, 0.4, 4, 2, 0.5, 6, 2, 0.3333, 1, 1, 1, 1, 1}, 2024);

  REQUIRE(r.at("children").as_array().size() == 2);
  const auto& qn = child(r, e.t.qinnan);
  CHECK(qn.at("unit_name") == "钦南区");
  check_figures(qn, {4, 4, 2, 0.5, 3, 1, 0.3333, 4, 2, 0.5, 1, 1, 0, 1, 1}, 2024);
  const auto& qb = child(r, e.t.qinbei);
  CHECK(qb.at("unit_name") == "钦北区");
  check_figures(qb, {0, 1, 0, 0.0, 1, 1, 1.0, 2, 0, 0.0, 0, 0, 1, 0, 0}, 2024);
  CHECK(progress("as_of=2024-08-15&unit_id=" + S(e.t.city)) == r);
}

TEST_CASE("progress report: an hr user gets their own subtree; dates move every figure") {
  auto& e = penv();
  auto mine = progress("", e.hr_qn);
  CHECK(mine.at("unit_id") == e.t.qinnan);
  check_figures(mine, {4, 4, 2, 0.5, 3, 1, 0.3333, 4, 2, 0.5, 1, 1, 0, 1, 1}, 2024);
  REQUIRE(mine.at("children").as_array().size() == 1);
  const auto& js = child(mine, e.t.jianshan);
  // 尖山街道: p2, p3 on post; rotation 2/1; 2023: p2 only (0 met); 2024: p2, p3 (p3 met);
  // certificates: p2 suspended + cancelled, p3 expired.
  check_figures(js, {2, 2, 1, 0.5, 1, 0, 0.0, 2, 1, 0.5, 0, 1, 0, 1, 1}, 2024);

  // As of 2024-06-15: p4 still on post (5 officers); p1's, p3's (not yet expired), p2's new (not yet
  // suspended) and p4's (not yet withdrawn) certificates valid; p2's old one cancelled.
  auto june = progress("as_of=2024-06-15");
  check_figures(june, {5, 5, 2, 0.4, 4, 2, 0.5, 6, 2, 0.3333, 4, 0, 0, 1, 0}, 2024);

  // As of 2023-06-01: 2022 carries no requirement (every officer exempt: rate null); the
  // plan's campaign is the only one (not started yet: it is still the default), and none of its
  // sessions has ended yet, so nobody is rotated. Certificates: p1's, p2's new and p4's valid, p2's
  // old one cancelled, p3's not issued yet.
  auto early = progress("as_of=2023-06-01");
  check_figures(early, {4, 5, 0, 0.0, 0, 0, std::nullopt, 4, 2, 0.5, 3, 0, 0, 1, 0}, 2023);
}
