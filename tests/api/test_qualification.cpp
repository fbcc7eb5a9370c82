// Qualification exams and certificate applications over real HTTP (docs/api.md "Qualification
// exams and certificate applications", docs/domain.md): the worked example figure for figure, the
// renewal that starts the day after the old certificate ends, automatic numbers, the score sheet,
// scope and roles, and every bad input answered with a clear 4xx that writes nothing.
#include <doctest/doctest.h>

#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {

// Today is the worked example's: 2025-03-10 (policy 20/40 for 2024, the default).
struct QualEnv {
  Server s{{"CERTHOURS_TODAY=2025-03-10"}};
  Tree t;
  std::string admin, hr, hr_other;
  long long exam2023 = 0, exam2024 = 0, training2024 = 0;
  int next_n = 7000;
  QualEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_qual", "hr", t.qinnan, std::nullopt);
    hr_other = s.make_user("hr_qual_bei", "hr", t.qinbei, std::nullopt);
    exam2023 = exam("2023年度行政执法资格考试", "2023-04-01");
    exam2024 = exam("2024年度行政执法资格考试", "2024-01-10");
    auto tr = s.post("/api/v1/trainings",
                     json::object{{"title", "2024年度全员培训"},
                                  {"organizer_unit_id", t.city},
                                  {"start_date", "2024-06-01"},
                                  {"end_date", "2024-06-06"},
                                  {"hours", json::object{{"legal", 20}, {"business", 40}}}},
                     admin);
    REQUIRE_MESSAGE(tr.status == 201, tr.body);
    training2024 = tr.json().at("id").as_int64();
  }
  long long exam(const std::string& name, const std::string& held_on) {
    auto r = s.post("/api/v1/exams", json::object{{"name", name}, {"held_on", held_on}}, admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  void score(long long exam_id, long long officer, double score) {
    auto r = s.put("/api/v1/exams/" + S(exam_id) + "/results/" + S(officer), json::object{{"score", score}}, admin);
    REQUIRE_MESSAGE(r.status == 200, r.body);
  }
  // The worked example's officer: on post since 2019, 2024 met and 称职, 72 in the 2023 exam.
  long long qualified_officer(const std::string& name, long long unit = 0, long long exam_id = 0) {
    long long o = make_officer(s, name, unit ? unit : t.jianshan, "2019-01-01", next_n++);
    auto a = s.post("/api/v1/trainings/" + S(training2024) + "/attendance",
                    json::object{{"records", json::array{json::object{{"officer_id", o}}}}}, admin);
    REQUIRE_MESSAGE(a.status == 200, a.body);
    auto g = s.put("/api/v1/officers/" + S(o) + "/assessments/2024", json::object{{"grade", "competent"}}, admin);
    REQUIRE_MESSAGE(g.status == 200, g.body);
    score(exam_id ? exam_id : exam2023, o, 72);
    return o;
  }
  HttpResult apply(long long officer, const std::string& kind = "first", const std::string& token = "") {
    return s.post("/api/v1/applications", json::object{{"officer_id", officer}, {"kind", kind}},
                  token.empty() ? hr : token);
  }
  long long apply_id(long long officer, const std::string& kind = "first") {
    auto r = apply(officer, kind);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
  HttpResult decide(long long id, json::object body, const std::string& token = "") {
    return s.post("/api/v1/applications/" + S(id) + "/decision", body, token.empty() ? admin : token);
  }
  long long audit_total() { return list_total(s, "/api/v1/audit", admin); }
};
QualEnv& env() {
  static QualEnv e;
  return e;
}

std::map<std::string, bool> checks_of(const json::value& application) {
  std::map<std::string, bool> out;
  for (const auto& c : application.at("checks").as_array()) out[str(c.at("code"))] = c.at("ok").as_bool();
  return out;
}

std::vector<std::string> failed_of(const HttpResult& r) {
  std::vector<std::string> out;
  auto body = r.json();
  for (const auto& c : body.at("error").at("failed").as_array()) out.push_back(str(c));
  return out;
}

}  // namespace

TEST_CASE("qualification: the worked example, figure for figure") {
  auto& e = env();
  long long o = e.qualified_officer("例甲");

  auto exams = e.s.get("/api/v1/officers/" + S(o) + "/exams", e.hr);
  REQUIRE_MESSAGE(exams.status == 200, exams.body);
  auto item = exams.json().at("items").at(0);
  CHECK(str(item.at("held_on")) == "2023-04-01");
  CHECK(num(item.at("score")) == 72);
  CHECK(item.at("passed").as_bool());
  CHECK(str(item.at("counts_until")) == "2025-03-31");

  auto preview = e.s.get("/api/v1/officers/" + S(o) + "/qualification?kind=first", e.hr);
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  CHECK(preview.json().at("qualified").as_bool());
  CHECK(str(preview.json().at("on")) == "2025-03-10");

  auto sub = e.apply(o);
  REQUIRE_MESSAGE(sub.status == 201, sub.body);
  auto a = sub.json();
  CHECK(str(a.at("state")) == "submitted");
  CHECK(str(a.at("kind")) == "first");
  CHECK(str(a.at("submitted_on")) == "2025-03-10");
  CHECK(str(a.at("submitted_by")) == "hr_qual");
  CHECK(a.at("qualified").as_bool());
  CHECK(checks_of(a) == std::map<std::string, bool>{{"on_post", true}, {"exam_passed", true}, {"training_met", true},
                                                    {"assessment_ok", true}, {"certificate_slot", true}});
  std::vector<std::string> order;
  for (const auto& c : a.at("checks").as_array()) {
    order.push_back(str(c.at("code")));
    CHECK(!str(c.at("detail")).empty());
  }
  CHECK(order == std::vector<std::string>{"on_post", "exam_passed", "training_met", "assessment_ok", "certificate_slot"});
  CHECK(contains(str(a.at("checks").at(1).at("detail")), "2025-03-31"));

  // Had it been approved on 2025-04-02 with issued_on 2025-04-02: the exam no longer counts.
  long long o2 = e.qualified_officer("例乙");
  long long late = e.apply_id(o2);
  auto refused = e.decide(late, json::object{{"decision", "approve"}, {"issued_on", "2025-04-02"}});
  CHECK(refused.status == 409);
  CHECK(refused.error_rule() == "application_not_qualified");
  CHECK(failed_of(refused) == std::vector<std::string>{"exam_passed"});
  CHECK(str(e.s.get("/api/v1/applications/" + S(late), e.admin).json().at("state")) == "submitted");

  // Approved on 2025-03-10 without a number.
  auto ok = e.decide(a.at("id").as_int64(), json::object{{"decision", "approve"}});
  REQUIRE_MESSAGE(ok.status == 200, ok.body);
  auto approved = ok.json();
  CHECK(str(approved.at("state")) == "approved");
  CHECK(str(approved.at("decided_on")) == "2025-03-10");
  CHECK(str(approved.at("decided_by")) == "admin");
  const auto& cert = approved.at("certificate");
  CHECK(str(cert.at("number")) == "2025000001");
  CHECK(str(cert.at("issued_on")) == "2025-03-10");
  CHECK(str(cert.at("expires_on")) == "2030-03-09");
  CHECK(approved.at("allowed_actions").as_array().empty());

  // The certificate is the officer's like any other: events, eligibility, audit.
  auto certs = e.s.get("/api/v1/officers/" + S(o) + "/certificates", e.admin).json().at("items");
  REQUIRE(certs.as_array().size() == 1);
  CHECK(str(certs.at(0).at("state")) == "valid");
  CHECK(str(certs.at(0).at("events").at(0).at("action")) == "issue");
  auto elig = e.s.get("/api/v1/officers/" + S(o) + "/eligibility", e.hr).json();
  CHECK(elig.at("can_enforce_independently").as_bool());
  auto audit = e.s.get("/api/v1/audit?entity=application&entity_id=" + S(a.at("id").as_int64()), e.admin).json();
  std::set<std::string> actions;
  for (const auto& row : audit.at("items").as_array()) actions.insert(str(row.at("action")));
  CHECK(actions == std::set<std::string>{"submit", "approve"});
}

TEST_CASE("qualification: a renewal starts the day after the old certificate ends; eligible on both sides") {
  auto& e = env();
  long long o = e.qualified_officer("续甲", 0, e.exam2024);  // 2024-01-10 counts through 2026-01-09
  auto issued = e.s.post("/api/v1/officers/" + S(o) + "/certificates",
                         json::object{{"number", "QZ-RENEW-1"}, {"issued_on", "2020-06-01"}}, e.admin);
  REQUIRE_MESSAGE(issued.status == 201, issued.body);
  CHECK(str(issued.json().at("expires_on")) == "2025-05-31");

  // A first application fails its slot (a certificate is valid); a renewal is qualified.
  auto first = e.s.get("/api/v1/officers/" + S(o) + "/qualification?kind=first", e.hr).json();
  CHECK_FALSE(first.at("qualified").as_bool());
  CHECK(checks_of(first)["certificate_slot"] == false);
  long long id = e.apply_id(o, "renewal");
  auto r = e.decide(id, json::object{{"decision", "approve"}});
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto cert = r.json().at("certificate");
  CHECK(str(cert.at("issued_on")) == "2025-06-01");
  CHECK(str(cert.at("expires_on")) == "2030-05-31");
  for (const char* day : {"2025-05-31", "2025-06-01"}) {
    auto el = e.s.get("/api/v1/officers/" + S(o) + "/eligibility?on=" + day, e.admin).json();
    CHECK_MESSAGE(el.at("can_enforce_independently").as_bool(), day);
  }
  CHECK(str(e.s.get("/api/v1/officers/" + S(o) + "/eligibility?on=2025-05-31", e.admin)
                .json()
                .at("certificate_number")) == "QZ-RENEW-1");
  CHECK(str(e.s.get("/api/v1/officers/" + S(o) + "/eligibility?on=2025-06-01", e.admin)
                .json()
                .at("certificate_number")) == str(cert.at("number")));
}

TEST_CASE("qualification: a renewal 181 days before expiry is not qualified; 180 days is") {
  auto& e = env();
  for (auto [expires, ok] : {std::pair{"2025-09-07", false}, std::pair{"2025-09-06", true}}) {
    long long o = e.qualified_officer(std::string("续") + expires);
    auto c = e.s.post("/api/v1/officers/" + S(o) + "/certificates",
                      json::object{{"number", std::string("QZ-W-") + expires}, {"issued_on", "2021-01-01"},
                                   {"expires_on", expires}},
                      e.admin);
    REQUIRE_MESSAGE(c.status == 201, c.body);
    auto sub = e.apply(o, "renewal");
    REQUIRE_MESSAGE(sub.status == 201, sub.body);
    CHECK_MESSAGE(sub.json().at("qualified").as_bool() == ok, expires);
    CHECK(checks_of(sub.json())["certificate_slot"] == ok);
    if (!ok) {  // recorded anyway; approval refuses, naming the slot
      auto r = e.decide(sub.json().at("id").as_int64(), json::object{{"decision", "approve"}});
      CHECK(r.status == 409);
      CHECK(failed_of(r) == std::vector<std::string>{"certificate_slot"});
    }
  }
}

TEST_CASE("qualification: automatic numbers skip the taken ones; a number given must be free") {
  auto& e = env();
  // Whatever this suite approved before, the next free number of 2025 is found by looking.
  long long o1 = e.qualified_officer("号甲"), o2 = e.qualified_officer("号乙"), o3 = e.qualified_officer("号丙");
  auto a1 = e.decide(e.apply_id(o1), json::object{{"decision", "approve"}});
  REQUIRE_MESSAGE(a1.status == 200, a1.body);
  std::string n1 = str(a1.json().at("certificate").at("number"));
  REQUIRE(n1.size() == 10);
  long long seq = std::stoll(n1.substr(4));
  char next[32], after[32];
  std::snprintf(next, sizeof next, "2025%06lld", seq + 1);
  std::snprintf(after, sizeof after, "2025%06lld", seq + 2);
  // The next number taken by a direct issue: the sequence skips it.
  long long other = make_officer(e.s, "号丁", e.t.jianshan, "2019-01-01", e.next_n++);
  REQUIRE(e.s.post("/api/v1/officers/" + S(other) + "/certificates",
                   json::object{{"number", next}, {"issued_on", "2025-01-01"}}, e.admin)
              .status == 201);
  long long id2 = e.apply_id(o2);
  auto taken = e.decide(id2, json::object{{"decision", "approve"}, {"number", next}});
  CHECK(taken.status == 409);
  CHECK(taken.error_rule() == "certificate_number_taken");
  CHECK(str(e.s.get("/api/v1/applications/" + S(id2), e.admin).json().at("state")) == "submitted");
  auto a2 = e.decide(id2, json::object{{"decision", "approve"}});
  REQUIRE_MESSAGE(a2.status == 200, a2.body);
  CHECK(str(a2.json().at("certificate").at("number")) == after);
  auto a3 = e.decide(e.apply_id(o3), json::object{{"decision", "approve"}, {"number", "QZ-GIVEN-3"}});
  REQUIRE_MESSAGE(a3.status == 200, a3.body);
  CHECK(str(a3.json().at("certificate").at("number")) == "QZ-GIVEN-3");
}

TEST_CASE("qualification: reject needs a reason; decided applications are final; withdraw") {
  auto& e = env();
  long long o = e.qualified_officer("驳甲");
  long long id = e.apply_id(o);
  long long before = e.audit_total();
  auto no_reason = e.decide(id, json::object{{"decision", "reject"}});
  CHECK(no_reason.status == 422);
  CHECK(no_reason.error_rule() == "required");
  auto by_hr = e.decide(id, json::object{{"decision", "approve"}}, e.hr);
  CHECK(by_hr.status == 403);
  CHECK(e.audit_total() == before);

  auto rej = e.decide(id, json::object{{"decision", "reject"}, {"reason", "考试成绩证明不全"}});
  REQUIRE_MESSAGE(rej.status == 200, rej.body);
  CHECK(str(rej.json().at("state")) == "rejected");
  CHECK(str(rej.json().at("reason")) == "考试成绩证明不全");
  auto again = e.decide(id, json::object{{"decision", "approve"}});
  CHECK(again.status == 409);
  CHECK(again.error_rule() == "application_transition");
  auto params = again.json().at("error").at("params");
  CHECK(str(params.at("state")) == "rejected");
  CHECK(str(params.at("target")) == "approved");
  CHECK(contains(str(again.json().at("error").at("message")), "已驳回"));
  CHECK(e.s.post("/api/v1/applications/" + S(id) + "/withdraw", json::object{}, e.hr).status == 409);

  // A new application after the rejection; withdrawn by the unit, with or without a body.
  long long id2 = e.apply_id(o);
  auto open = e.apply(o);
  CHECK(open.status == 409);
  CHECK(open.error_rule() == "application_open");
  auto w = e.s.request("POST", "/api/v1/applications/" + S(id2) + "/withdraw", "", e.hr);
  REQUIRE_MESSAGE(w.status == 200, w.body);
  CHECK(str(w.json().at("state")) == "withdrawn");
  CHECK(str(w.json().at("decided_by")) == "hr_qual");
  long long id3 = e.apply_id(o);
  auto w3 = e.s.post("/api/v1/applications/" + S(id3) + "/withdraw", json::object{{"reason", "人员调岗"}}, e.admin);
  REQUIRE_MESSAGE(w3.status == 200, w3.body);
  CHECK(str(w3.json().at("reason")) == "人员调岗");

  auto mine = e.s.get("/api/v1/officers/" + S(o) + "/applications", e.hr).json().at("items");
  REQUIRE(mine.as_array().size() == 3);
  CHECK(mine.at(0).at("id").as_int64() == id3);  // newest first
}

TEST_CASE("qualification: police, a left officer, another unit's officer; bad values write nothing") {
  auto& e = env();
  long long police = make_officer(e.s, "警甲", e.t.jianshan, "2019-01-01", e.next_n++, "police");
  e.score(e.exam2023, police, 90);  // police may sit exams: the record is kept
  long long left = e.qualified_officer("离甲");
  auto p = e.s.patch("/api/v1/officers/" + S(left), json::object{{"post_end", "2025-01-31"}, {"status", "left"}}, e.admin);
  REQUIRE_MESSAGE(p.status == 200, p.body);
  long long bei = e.qualified_officer("北甲", e.t.qinbei);
  long long before = e.audit_total();

  auto rp = e.apply(police);
  CHECK(rp.status == 409);
  CHECK(rp.error_rule() == "police_credentials");
  auto rl = e.apply(left);
  CHECK(rl.status == 409);
  CHECK(rl.error_rule() == "issue_to_left_officer");
  auto ro = e.apply(bei);  // hr of 钦南区
  CHECK(ro.status == 404);
  CHECK(ro.error_rule() == "officer_not_found");
  auto bad_kind = e.apply(police, "third");
  CHECK(bad_kind.status == 422);  // the body first, whatever the officer
  CHECK(bad_kind.error_rule() == "value_not_allowed");

  for (double bad : {100.5, -1.0, 60.3}) {
    auto r = e.s.put("/api/v1/exams/" + S(e.exam2023) + "/results/" + S(bei), json::object{{"score", bad}}, e.admin);
    CHECK(r.status == 422);
    CHECK(r.error_rule() == "score_invalid");
  }
  auto far = e.s.post("/api/v1/exams", json::object{{"name", "未来考试"}, {"held_on", "2100-01-01"}}, e.admin);
  CHECK(far.status == 422);
  CHECK(far.error_rule() == "date_invalid");  // past the dates certhours takes at all (1950..2099)
  auto future = e.s.post("/api/v1/exams", json::object{{"name", "明天的考试"}, {"held_on", "2025-03-11"}}, e.admin);
  CHECK(future.status == 422);
  CHECK(future.error_rule() == "exam_in_future");
  CHECK(contains(str(future.json().at("error").at("message")), "考试日期（2025-03-11）不能晚于今天（2025-03-10）"));
  auto pass = e.s.post("/api/v1/exams", json::object{{"name", "x"}, {"held_on", "2024-01-01"}, {"pass_score", 101}},
                       e.admin);
  CHECK(pass.status == 422);
  CHECK(e.s.get("/api/v1/exams/999999", e.admin).error_rule() == "exam_not_found");
  CHECK(e.s.get("/api/v1/applications/999999", e.admin).error_rule() == "application_not_found");
  CHECK(e.audit_total() == before);
}

TEST_CASE("qualification: scope and roles of every route") {
  auto& e = env();
  long long nan = e.qualified_officer("域南");
  long long bei = e.qualified_officer("域北", e.t.qinbei);
  long long id_nan = e.apply_id(nan);
  auto r = e.apply(bei, "first", e.hr_other);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  long long id_bei = r.json().at("id").as_int64();

  // hr sees its units only: lists, one application, an exam's results.
  auto list = e.s.get("/api/v1/applications?state=submitted&limit=1000", e.hr).json();
  std::set<long long> ids;
  for (const auto& a : list.at("items").as_array()) ids.insert(a.at("id").as_int64());
  CHECK(ids.count(id_nan));
  CHECK_FALSE(ids.count(id_bei));
  CHECK(e.s.get("/api/v1/applications/" + S(id_bei), e.hr).status == 404);
  CHECK(e.s.post("/api/v1/applications/" + S(id_bei) + "/withdraw", json::object{}, e.hr).status == 404);
  auto results = e.s.get("/api/v1/exams/" + S(e.exam2023) + "?limit=1000", e.hr).json();
  for (const auto& res : results.at("results").as_array()) CHECK(res.at("officer_id").as_int64() != bei);
  auto all = e.s.get("/api/v1/exams/" + S(e.exam2023) + "?limit=1000", e.admin).json();
  CHECK(all.at("total").as_int64() > results.at("total").as_int64());
  CHECK(e.s.get("/api/v1/applications?unit_id=" + S(e.t.qinbei), e.hr).status == 404);
  auto oldest = e.s.get("/api/v1/applications?order=oldest&limit=1", e.admin).json();
  auto newest = e.s.get("/api/v1/applications?limit=1", e.admin).json();
  CHECK(oldest.at("items").at(0).at("id").as_int64() < newest.at("items").at(0).at("id").as_int64());
  CHECK(e.s.get("/api/v1/applications?state=open", e.admin).status == 422);
  auto bad_kind = e.s.get("/api/v1/officers/" + S(nan) + "/qualification?kind=third", e.hr);
  CHECK(bad_kind.status == 422);
  CHECK(bad_kind.error_rule() == "value_not_allowed");
  CHECK(str(bad_kind.json().at("error").at("params").at("allowed")) == "first,renewal");

  // An officer reads their own application and exams, nobody else's; writes nothing.
  std::string me = e.s.make_user("officer_qual", "officer", std::nullopt, nan);
  CHECK(e.s.get("/api/v1/applications/" + S(id_nan), me).status == 200);
  CHECK(e.s.get("/api/v1/applications/" + S(id_bei), me).status == 404);
  CHECK(e.s.get("/api/v1/officers/" + S(nan) + "/exams", me).status == 200);
  CHECK(e.s.get("/api/v1/officers/" + S(bei) + "/applications", me).status == 404);
  CHECK(e.s.get("/api/v1/applications", me).status == 403);
  CHECK(e.s.get("/api/v1/exams", me).status == 403);
  CHECK(e.apply(nan, "first", me).status == 403);
  // Only admins create exams, record scores and import score sheets.
  CHECK(e.s.post("/api/v1/exams", json::object{{"name", "x"}, {"held_on", "2024-01-01"}}, e.hr).status == 403);
  CHECK(e.s.put("/api/v1/exams/" + S(e.exam2023) + "/results/" + S(nan), json::object{{"score", 80}}, e.hr).status ==
        403);
  CHECK(e.s.request("POST", "/api/v1/imports/exam-results", "exam_id,id_number,score\n", e.hr, "text/csv").status ==
        403);
}

TEST_CASE("qualification: a second score replaces the first (audited before/after)") {
  auto& e = env();
  long long o = make_officer(e.s, "分甲", e.t.jianshan, "2019-01-01", e.next_n++);
  long long exam = e.exam("补考", "2024-11-01");
  e.score(exam, o, 59.5);
  auto r = e.s.put("/api/v1/exams/" + S(exam) + "/results/" + S(o), json::object{{"score", 60}}, e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json() == json::parse(R"({"exam_id":)" + S(exam) + R"(,"officer_id":)" + S(o) +
                                R"(,"score":60,"passed":true})"));
  auto audit = e.s.get("/api/v1/audit?entity=exam&entity_id=" + S(exam), e.admin).json().at("items");
  REQUIRE(audit.as_array().size() == 3);  // the exam, the first score, the correction (newest first)
  CHECK(str(audit.at(0).at("action")) == "update");
  CHECK(num(audit.at(0).at("before").at("score")) == 59.5);
  CHECK(num(audit.at(0).at("after").at("score")) == 60);
  auto detail = e.s.get("/api/v1/exams/" + S(exam), e.admin).json();
  CHECK(str(detail.at("counts_until")) == "2026-10-31");
  CHECK(detail.at("total").as_int64() == 1);
  CHECK(num(detail.at("results").at(0).at("score")) == 60);
}

TEST_CASE("qualification: the score sheet imports all or nothing, listing every bad line") {
  auto& e = env();
  long long o1 = make_officer(e.s, "表甲", e.t.jianshan, "2019-01-01", 7801);
  long long o2 = make_officer(e.s, "表乙", e.t.qinbei, "2019-01-01", 7802);
  long long exam = e.exam("成绩表考试", "2024-12-01");
  auto post = [&](const std::string& csv) {
    return e.s.request("POST", "/api/v1/imports/exam-results", csv, e.admin, "text/csv");
  };
  std::string good = "exam_id,id_number,score\n" + S(exam) + "," + id_number(7801) + ",88\n" + S(exam) + "," +
                     id_number(7802) + ",59.5\n";
  auto r = post(good);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("imported") == 2);
  auto again = post(good);
  REQUIRE_MESSAGE(again.status == 200, again.body);
  CHECK(again.json().at("imported") == 0);
  CHECK(again.json().at("skipped_duplicates") == 2);

  long long before = e.audit_total();
  std::string bad = "考试编号,身份证号,成绩\n" + S(exam) + "," + id_number(7801) + ",90\n" +  // differs
                    "999999," + id_number(7802) + ",70\n" +                                // unknown exam
                    S(exam) + "," + id_number(7899) + ",70\n" +                            // unknown person
                    S(exam) + "," + id_number(7802) + ",60.3\n";                           // bad score
  auto refused = post(bad);
  REQUIRE(refused.status == 422);
  std::map<long long, std::string> lines;
  auto report = refused.json();
  for (const auto& row : report.at("rows").as_array())
    lines[row.at("line").as_int64()] = str(row.at("rules").at(0));
  CHECK(lines == std::map<long long, std::string>{{2, "exam_result_differs"},
                                                  {3, "exam_not_found"},
                                                  {4, "id_number_unknown"},
                                                  {5, "score_invalid"}});
  CHECK(e.audit_total() == before);
  auto kept = e.s.get("/api/v1/officers/" + S(o1) + "/exams", e.admin).json().at("items").at(0);
  CHECK(num(kept.at("score")) == 88);
  auto failed = e.s.get("/api/v1/officers/" + S(o2) + "/exams", e.admin).json().at("items").at(0);
  CHECK_FALSE(failed.at("passed").as_bool());
  CHECK_FALSE(failed.as_object().contains("counts_until"));
}

TEST_CASE("qualification: certhours import exam-results, as an admin only, with the same report") {
  auto& e = env();
  make_officer(e.s, "令甲", e.t.jianshan, "2019-01-01", 7901);
  long long exam = e.exam("命令行考试", "2024-12-20");
  std::string dir = e.s.dir();
  auto write = [&](const std::string& name, const std::string& text) {
    std::string path = dir + "/" + name;
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
    return path;
  };
  std::string good = write("scores.csv", "exam_id,id_number,score\n" + S(exam) + "," + id_number(7901) + ",81.5\n");
  std::string bad = write("bad.csv", "exam_id,id_number,score\n" + S(exam) + "," + id_number(7999) + ",81.5\n");
  std::string out;
  CHECK(Server::run_cli({"import", "exam-results", "--db", e.s.db_path(), bad, "--as", "admin"}, &out) == 1);
  CHECK(contains(out, "line 2: no officer with this ID number"));
  CHECK(Server::run_cli({"import", "exam-results", "--db", e.s.db_path(), good, "--as", "hr_qual"}, &out) == 2);
  CHECK(contains(out, "only admins import exam scores"));
  CHECK(Server::run_cli({"import", "exam-results", "--db", e.s.db_path(), good, "--as", "admin"}, &out) == 0);
  CHECK(contains(out, "imported 1, skipped_duplicates 0"));
  auto detail = e.s.get("/api/v1/exams/" + S(exam), e.admin).json();
  CHECK(num(detail.at("results").at(0).at("score")) == 81.5);
}
