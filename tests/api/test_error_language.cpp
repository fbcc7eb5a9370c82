// Errors speak the reader's language: every error body names its rule, its message is Chinese
// unless the request prefers English (Accept-Language), and so are import report lines and
// eligibility reasons (docs/api.md "Errors"). Certificates say which actions are allowed.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
HttpResult post_lang(Server& s, const std::string& target, const json::value& body, const std::string& token,
                     const std::string& lang) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!lang.empty()) headers.emplace_back("Accept-Language", lang);
  return s.request("POST", target, json::serialize(body), token, "application/json", headers);
}
std::string message(const HttpResult& r) { return str(r.json().at("error").at("message")); }
}  // namespace

TEST_CASE("errors: a broken rule is named, in Chinese by default and in English when asked") {
  Server s{{"CERTHOURS_TODAY=2024-07-01"}};
  Tree t = make_tree(s);
  std::string admin = s.admin_token();
  json::value training = {{"title", "执法培训"},       {"organizer_unit_id", t.city}, {"start_date", "2024-03-02"},
                          {"end_date", "2024-03-01"}, {"hours", {{"legal", 2}}}};
  auto zh = post_lang(s, "/api/v1/trainings", training, admin, "");
  REQUIRE(zh.status == 422);
  CHECK(zh.error_code() == "validation_failed");
  CHECK(zh.error_rule() == "training_dates_reversed");
  CHECK(str(zh.json().at("error").at("field")) == "end_date");
  CHECK(message(zh) == "结束日期（2024-03-01）不能早于开始日期（2024-03-02）");
  CHECK(str(zh.json().at("error").at("params").at("start")) == "2024-03-02");

  auto en = post_lang(s, "/api/v1/trainings", training, admin, "en-GB,en;q=0.9,zh;q=0.5");
  CHECK(en.error_rule() == "training_dates_reversed");
  CHECK(message(en) == "end_date 2024-03-01 is before start_date 2024-03-02");
  // Preference by q-value: zh first wins; a language the server lacks does not count.
  CHECK(message(post_lang(s, "/api/v1/trainings", training, admin, "zh-CN,en;q=0.8")) == message(zh));
  CHECK(message(post_lang(s, "/api/v1/trainings", training, admin, "fr,en;q=0.3")) == message(en));
  CHECK(message(post_lang(s, "/api/v1/trainings", training, admin, "en;q=0.2,zh;q=0.9")) == message(zh));

  // Hours in steps of 0.5, a field inside an object, labelled in Chinese.
  training.as_object()["end_date"] = "2024-03-02";
  training.as_object()["hours"] = {{"legal", 2.3}};
  auto half = post_lang(s, "/api/v1/trainings", training, admin, "");
  CHECK(half.error_rule() == "hours_half_step");
  CHECK(str(half.json().at("error").at("field")) == "hours.legal");
  CHECK(contains(message(half), "公共法律知识学时"));

  // Errors of the request itself and of the login have rules too.
  auto anon = s.get("/api/v1/officers");
  CHECK(anon.status == 401);
  CHECK(anon.error_rule() == "login_required");
  CHECK(contains(message(anon), "请先登录"));
  auto nowhere = s.get("/api/v1/nowhere", admin);
  CHECK(nowhere.error_rule() == "route_not_found");
  auto bad_json = s.request("POST", "/api/v1/units", "{", admin);
  CHECK(bad_json.status == 400);
  CHECK(bad_json.error_rule() == "invalid_json");
  auto wrong = s.request("POST", "/api/v1/session", R"({"username":"admin","password":"wrong-password"})");
  CHECK(wrong.error_rule() == "login_failed");
  CHECK(message(wrong) == "用户名或密码错误");
  // An ID number that fails only its check digit is told so.
  std::string good = id_number(1);
  std::string wrong_digit = good.substr(0, 17) + (good[17] == '0' ? "1" : "0");
  auto check_digit = post_lang(s, "/api/v1/officers",
                               {{"name", "张三"}, {"id_number", wrong_digit}, {"unit_id", t.city},
                                {"kind", "enforcement"}, {"post_start", "2020-01-01"}},
                               admin, "");
  CHECK(check_digit.error_rule() == "id_number_check_digit");
  auto format = post_lang(s, "/api/v1/officers",
                          {{"name", "张三"}, {"id_number", "12345"}, {"unit_id", t.city}, {"kind", "enforcement"},
                           {"post_start", "2020-01-01"}},
                          admin, "");
  CHECK(format.error_rule() == "id_number_format");
}

TEST_CASE("errors: import lines, eligibility reasons and certificate actions follow the reader's language") {
  Server s{{"CERTHOURS_TODAY=2024-07-01"}};
  Tree t = make_tree(s);
  std::string admin = s.admin_token();
  std::string csv = "name,id_number,unit_code,kind,post_start,post_end\r\n王五," + id_number(7) + ",QN,soldier,2020-01-01,\r\n";
  auto zh = s.request("POST", "/api/v1/imports/officers", csv, admin, "text/csv");
  REQUIRE(zh.status == 422);
  CHECK(zh.error_rule() == "import_refused");
  const json::value report = zh.json();
  const auto& row = report.at("rows").at(0);
  CHECK(row.at("line").as_int64() == 2);
  CHECK(row.at("rules").at(0) == "value_not_allowed");
  CHECK(contains(str(row.at("message")), "人员类别“soldier”不正确"));
  auto en = s.request("POST", "/api/v1/imports/officers", csv, admin, "text/csv", {{"Accept-Language", "en"}});
  CHECK(contains(str(en.json().at("rows").at(0).at("message")), "kind must be one of enforcement, police, not 'soldier'"));
  CHECK(contains(str(en.json().at("error").at("message")), "1 line(s) refused"));

  long long a = make_officer(s, "李四", t.qinnan, "2020-01-01", 8);
  auto issued = s.post("/api/v1/officers/" + S(a) + "/certificates", {{"number", "QZ-2024-000001"}, {"issued_on", "2024-01-01"}}, admin);
  REQUIRE(issued.status == 201);
  CHECK(issued.json().at("allowed_actions") == json::array{"suspend", "withdraw", "cancel"});
  long long cert = issued.json().at("id").as_int64();
  auto suspended = s.post("/api/v1/certificates/" + S(cert) + "/actions",
                          {{"action", "suspend"}, {"effective_on", "2024-06-01"}, {"reason", "违规"}}, admin);
  REQUIRE(suspended.status == 200);
  CHECK(suspended.json().at("allowed_actions") == json::array{"restore", "withdraw", "cancel"});
  // hr may read the certificate but not act on it: nothing is allowed.
  std::string hr = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  auto read = s.get("/api/v1/officers/" + S(a) + "/certificates", hr);
  CHECK(read.json().at("items").at(0).at("allowed_actions") == json::array{});

  auto elig = s.get("/api/v1/officers/" + S(a) + "/eligibility?on=2024-06-15", admin);
  CHECK(elig.json().at("reason_codes").at(0) == "suspended");
  CHECK(str(elig.json().at("reasons").at(0)) == "执法证 QZ-2024-000001 自 2024-06-01 起暂扣（违规）");
  auto elig_en = s.request("GET", "/api/v1/officers/" + S(a) + "/eligibility?on=2024-06-15", "", admin,
                           "application/json", {{"Accept-Language", "en"}});
  CHECK(str(elig_en.json().at("reasons").at(0)) == "certificate QZ-2024-000001 suspended since 2024-06-01 (违规)");

  auto twice = s.post("/api/v1/certificates/" + S(cert) + "/actions",
                      {{"action", "suspend"}, {"effective_on", "2024-06-20"}, {"reason", "再次"}}, admin);
  CHECK(twice.status == 409);
  CHECK(twice.error_rule() == "certificate_transition");
  CHECK(message(twice) == "不能暂扣：证件 QZ-2024-000001 在 2024-06-20 的状态为“暂扣”，只有“有效”状态的证件才能暂扣");
}
