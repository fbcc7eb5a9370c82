// The exit review's 已处理 mark over real HTTP (docs/api.md PUT/DELETE
// /reviews/exit/{year}/officers/{officer_id}): the Justice Bureau records what it decided about
// each listed holder, sees who is still open, and a 暂扣 carried out keeps the person listed.
#include <doctest/doctest.h>

#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct MarksEnv {
  // Nobody trained in 2024: every holder on post that year did not meet it, so all are listed.
  Server s{{"CERTHOURS_TODAY=2025-03-01"}};
  Tree t;
  std::string admin, hr;
  long long o1 = 0, o2 = 0, o3 = 0, cert1 = 0;
  MarksEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_marks", "hr", t.qinnan, std::nullopt);
    o1 = make_officer(s, "甲", t.jianshan, "2016-01-01", 5101);
    o2 = make_officer(s, "乙", t.jianshan, "2016-01-01", 5102);
    o3 = make_officer(s, "丙", t.jianshan, "2016-01-01", 5103);  // no certificate: never listed
    cert1 = issue(o1, "QZ-MARK-1");
    issue(o2, "QZ-MARK-2");
  }
  long long issue(long long officer, const std::string& number) {
    auto r = s.post("/api/v1/officers/" + S(officer) + "/certificates",
                    json::object{{"number", number}, {"issued_on", "2021-01-01"}}, admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json().at("id").as_int64();
  }
};
MarksEnv& env() {
  static MarksEnv e;
  return e;
}

std::string mark_url(long long officer, int year = 2024) {
  return "/api/v1/reviews/exit/" + S(year) + "/officers/" + S(officer);
}

json::value review(const std::string& query = "") {
  auto r = env().s.get("/api/v1/reviews/exit?year=2024" + query, env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

const json::value* item_of(const json::value& page, long long officer) {
  for (const auto& it : page.at("items").as_array())
    if (it.at("officer_id").as_int64() == officer) return &it;
  return nullptr;
}

std::set<long long> ids(const json::value& page) {
  std::set<long long> out;
  for (const auto& it : page.at("items").as_array()) out.insert(it.at("officer_id").as_int64());
  return out;
}
}  // namespace

TEST_CASE("exit review marks: 已处理 with decision, note, who and when; filtered and counted; audited") {
  auto& e = env();
  auto before = review();
  REQUIRE(ids(before) == std::set<long long>{e.o1, e.o2});
  CHECK(item_of(before, e.o1)->at("handled").is_null());
  CHECK(before.at("counts") == json::parse(R"({"listed":2,"handled":0,"pending":2})"));

  auto r = e.s.put(mark_url(e.o1), json::object{{"decision", "suspend"}, {"note", "约谈后决定暂扣三个月"}}, e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  auto m = r.json();
  CHECK(m.at("year") == 2024);
  CHECK(m.at("officer_id") == e.o1);
  CHECK(str(m.at("decision")) == "suspend");
  CHECK(str(m.at("decision_name")) == "暂扣");
  CHECK(str(m.at("note")) == "约谈后决定暂扣三个月");
  CHECK(str(m.at("by")) == "admin");
  CHECK(str(m.at("at")).size() == 20);  // RFC 3339 UTC

  auto after = review();
  CHECK(item_of(after, e.o1)->at("handled") == m);
  CHECK(item_of(after, e.o2)->at("handled").is_null());
  CHECK(after.at("counts") == json::parse(R"({"listed":2,"handled":1,"pending":1})"));
  CHECK(ids(review("&handled=true")) == std::set<long long>{e.o1});
  CHECK(ids(review("&handled=false")) == std::set<long long>{e.o2});
  CHECK(review("&handled=false").at("counts") == after.at("counts"));
  CHECK(e.s.get("/api/v1/reviews/exit?year=2024&handled=yes", e.admin).status == 422);

  SUBCASE("the decision carried out: the person stays listed, the certificate as it is today") {
    auto act =
        e.s.post("/api/v1/certificates/" + S(e.cert1) + "/actions",
                 json::object{{"action", "suspend"}, {"effective_on", "2025-02-01"}, {"reason", "退出审查"}}, e.admin);
    REQUIRE_MESSAGE(act.status == 200, act.body);
    auto listed = review();
    REQUIRE(item_of(listed, e.o1) != nullptr);
    CHECK(str(item_of(listed, e.o1)->at("certificate_state")) == "suspended");
    CHECK(str(item_of(listed, e.o1)->at("certificate_number")) == "QZ-MARK-1");
    CHECK(str(item_of(listed, e.o2)->at("certificate_state")) == "valid");

    SUBCASE("decided again: replaced; undone: gone from the list with its certificate no longer valid") {
      auto again = e.s.put(mark_url(e.o1), json::object{{"decision", "withdraw"}}, e.admin);
      REQUIRE_MESSAGE(again.status == 200, again.body);
      CHECK(str(again.json().at("note")).empty());
      CHECK(str(item_of(review(), e.o1)->at("handled").at("decision")) == "withdraw");
      CHECK(e.s.del(mark_url(e.o1), e.admin).status == 204);
      CHECK(ids(review()) == std::set<long long>{e.o2});
      auto gone = e.s.del(mark_url(e.o1), e.admin);
      CHECK(gone.status == 404);
      CHECK(gone.error_rule() == "exit_mark_not_found");

      auto audit = e.s.get("/api/v1/audit?entity=exit_review&entity_id=" + S(e.o1), e.admin);
      REQUIRE(audit.status == 200);
      std::vector<std::string> actions;
      auto entries = audit.json();
      for (const auto& a : entries.at("items").as_array()) actions.push_back(str(a.at("action")));
      CHECK(actions == std::vector<std::string>{"delete", "update", "create"});  // newest first
    }
  }
}

TEST_CASE("exit review marks: only a listed officer, a known decision, a short note, an admin, a past year") {
  auto& e = env();
  auto not_listed = e.s.put(mark_url(e.o3), json::object{{"decision", "no_action"}}, e.admin);
  CHECK(not_listed.status == 409);
  CHECK(not_listed.error_rule() == "exit_review_not_listed");
  auto bad = e.s.put(mark_url(e.o2), json::object{{"decision", "ignore"}}, e.admin);
  CHECK(bad.status == 422);
  CHECK(bad.error_rule() == "value_not_allowed");
  CHECK(e.s.put(mark_url(e.o2), json::object{}, e.admin).error_rule() == "required");
  auto long_note =
      e.s.put(mark_url(e.o2), json::object{{"decision", "no_action"}, {"note", std::string(501, 'x')}}, e.admin);
  CHECK(long_note.status == 422);
  CHECK(long_note.error_rule() == "text_too_long");
  CHECK(e.s.put(mark_url(e.o2), json::object{{"decision", "no_action"}, {"reason", "x"}}, e.admin).status == 422);
  CHECK(e.s.put(mark_url(e.o2), json::object{{"decision", "no_action"}}, e.hr).status == 403);
  auto future = e.s.put(mark_url(e.o2, 2026), json::object{{"decision", "no_action"}}, e.admin);
  CHECK(future.status == 422);
  CHECK(future.error_rule() == "assessment_year_range");
  CHECK(e.s.del(mark_url(e.o2, 2026), e.admin).error_rule() == "assessment_year_range");
  CHECK(e.s.del(mark_url(e.o2, 99999), e.admin).error_rule() == "assessment_year_range");
  CHECK(e.s.put(mark_url(999999), json::object{{"decision", "no_action"}}, e.admin).status == 404);
  CHECK(item_of(review(), e.o2)->at("handled").is_null());  // nothing refused was written
}

TEST_CASE("exit review and progress report downloads: the figures of their GETs as CSV and XLSX, audited") {
  auto& e = env();
  REQUIRE(
      e.s.put(mark_url(e.o2), json::object{{"decision", "no_action"}, {"note", "已补训, 不予处理"}}, e.admin).status ==
      200);
  auto csv = e.s.get("/api/v1/reviews/exit/export?year=2024&format=csv", e.admin);
  REQUIRE_MESSAGE(csv.status == 200, csv.body);
  CHECK(csv.header("content-type") == "text/csv; charset=utf-8");
  CHECK(contains(csv.header("content-disposition"), "attachment; filename=\"exit-review-2024-"));
  // One row per officer the review lists (甲 too, unless the first test left them off it).
  const auto listed = review().at("total").as_int64();
  CHECK(csv.header("x-export-rows") == S(listed));
  REQUIRE(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  auto lines = std::vector<std::string>{};
  for (std::size_t at = 3, eol; (eol = csv.body.find("\r\n", at)) != std::string::npos; at = eol + 2)
    lines.push_back(csv.body.substr(at, eol - at));
  REQUIRE(static_cast<long long>(lines.size()) == listed + 1);
  CHECK(
      lines[0] ==
      "人员编号,单位,姓名,执法证号,证件状态,年度学时,公共法律知识,业务知识,年度考核,列入原因,处理结果,处理说明,处理人,"
      "处理时间");
  std::string o2_row;
  for (const auto& l : lines)
    if (l.rfind(S(e.o2) + ",", 0) == 0) o2_row = l;
  CHECK(o2_row.rfind(S(e.o2) + ",尖山街道,乙,QZ-MARK-2,有效,未达标,0/20,0/40,,2024 年度学时未达标", 0) == 0);
  CHECK(contains(o2_row, ",不予处理,\"已补训, 不予处理\",admin,"));
  CHECK(o2_row.size() - o2_row.rfind(',') - 1 == 19);  // when, in Beijing time: "YYYY-MM-DD HH:MM:SS"

  auto xlsx = e.s.get("/api/v1/reviews/exit/export?year=2024&format=xlsx", e.admin);
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.rfind("PK", 0) == 0);
  CHECK(e.s.get("/api/v1/reviews/exit/export?year=2024", e.hr).status == 403);

  auto progress = e.s.get("/api/v1/reports/progress/export?format=csv&as_of=2025-03-01", e.hr);
  REQUIRE_MESSAGE(progress.status == 200, progress.body);
  CHECK(contains(progress.body,
                 "单位,在岗人数,轮训应训,轮训已训,轮训完成率,2024年考核人数,2024年达标人数,2024年达标率,"
                 "2025年考核人数,2025年达标人数,2025年达标率,证件有效,证件暂扣,证件收回,证件注销,证件过期\r\n"));
  // hr's unit is 钦南区: one child, 尖山街道, then 合计; the three officers are on post there.
  CHECK(contains(progress.body, "\r\n尖山街道,3,"));
  CHECK(contains(progress.body, "\r\n合计（钦南区）,3,"));
  CHECK(progress.header("x-export-rows") == "1");
  CHECK(e.s.get("/api/v1/reports/progress/export?format=xlsx", e.hr).body.rfind("PK", 0) == 0);
  CHECK(e.s.get("/api/v1/reports/progress/export?format=pdf", e.hr).status == 422);

  auto audit = e.s.get("/api/v1/audit?entity=export&limit=10", e.admin);
  REQUIRE(audit.status == 200);
  CHECK(contains(audit.body, "exit_review"));
  CHECK(contains(audit.body, "progress"));
}
