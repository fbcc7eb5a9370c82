// The calendar feed over real HTTP (docs/api.md "Calendar feed"): the private URL a phone
// subscribes to, the RFC 5545 text it reads, and a reset that kills the old URL.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct CalendarEnv {
  Server s{{"CERTHOURS_TODAY=2024-10-15"}};
  Tree t;
  std::string admin, hr, officer_tok;
  long long officer = 0, training = 0;
  CalendarEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    hr = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
    officer = make_officer(s, "张三", t.jianshan, "2016-01-01", 4101);
    officer_tok = s.make_user("zhangsan", "officer", std::nullopt, officer);
    auto c = s.post("/api/v1/officers/" + S(officer) + "/certificates",
                    json::object{{"number", "QZ-CAL-1"}, {"issued_on", "2019-11-01"}}, admin);
    REQUIRE_MESSAGE(c.status == 201, c.body);
    auto r = s.post("/api/v1/trainings",
                    json::object{{"title", "行政处罚法, 第二期"},
                                 {"organizer_unit_id", t.qinnan},
                                 {"start_date", "2024-03-04"},
                                 {"end_date", "2024-03-05"},
                                 {"hours", {{"legal", 10}}}},
                    hr);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    training = r.json().at("id").as_int64();
    auto a = s.post("/api/v1/trainings/" + S(training) + "/attendance",
                    json::object{{"records", json::array{json::object{{"officer_id", officer}}}}}, hr);
    REQUIRE_MESSAGE(a.status == 200, a.body);
  }
};
CalendarEnv& env() {
  static CalendarEnv e;
  return e;
}

std::string host() { return "127.0.0.1:" + S(env().s.port()); }

json::value feed_address(const std::string& tok, const std::string& method = "GET",
                         std::vector<std::pair<std::string, std::string>> headers = {}) {
  headers.emplace_back("Host", host());
  auto r = env().s.request(method, method == "GET" ? "/api/v1/me/calendar" : "/api/v1/me/calendar/reset", "", tok,
                           "application/json", headers);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}
}  // namespace

TEST_CASE("calendar: GET /me/calendar gives the same private URL each time; the feed needs no login") {
  auto& e = env();
  auto first = feed_address(e.officer_tok);
  std::string url = str(first.at("url")), path = str(first.at("path"));
  CHECK(url == "http://" + host() + path);
  CHECK(path.rfind("/api/v1/calendar/", 0) == 0);
  CHECK(path.size() == std::string("/api/v1/calendar/").size() + 64 + 4);
  CHECK(path.ends_with(".ics"));
  CHECK(str(feed_address(e.officer_tok).at("url")) == url);
  CHECK(str(feed_address(e.hr).at("url")) != url);

  auto feed = e.s.get(path);  // no token: the secret is the credential
  REQUIRE_MESSAGE(feed.status == 200, feed.body);
  CHECK(feed.header("content-type") == "text/calendar; charset=utf-8");
  CHECK(contains(feed.header("cache-control"), "no-store"));
  CHECK(feed.body.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(feed.body.ends_with("END:VCALENDAR\r\n"));
  // No bare LF: every line ends in CRLF.
  for (std::size_t i = feed.body.find('\n'); i != std::string::npos; i = feed.body.find('\n', i + 1))
    CHECK(feed.body[i - 1] == '\r');
  CHECK(contains(feed.body, "UID:training-" + S(e.training) + "@certhours\r\n"));
  CHECK(contains(feed.body, "DTSTART;VALUE=DATE:20240304\r\nDTEND;VALUE=DATE:20240306\r\n"));
  CHECK(contains(feed.body, "SUMMARY:培训：行政处罚法\\, 第二期\r\n"));
  // The certificate issued 2019-11-01 is valid to 2024-10-31.
  CHECK(contains(feed.body,
                 "DTSTART;VALUE=DATE:20241031\r\nDTEND;VALUE=DATE:20241101\r\nSUMMARY:我的执法证到期（QZ-CAL-1）"));
  CHECK(contains(feed.body, "DTSTAMP:"));

  SUBCASE("hr's feed names the officer whose certificate expires and the session its unit organised") {
    auto hr_feed = e.s.get(str(feed_address(e.hr).at("path")));
    REQUIRE(hr_feed.status == 200);
    CHECK(contains(hr_feed.body, "SUMMARY:执法证到期：张三（尖山街道）"));
    CHECK(contains(hr_feed.body, "UID:training-" + S(e.training) + "@certhours"));
  }
  SUBCASE("behind a TLS proxy the URL is https") {
    auto behind = feed_address(e.officer_tok, "GET", {{"X-Forwarded-Proto", "https"}});
    CHECK(str(behind.at("url")) == "https://" + host() + path);
  }
  SUBCASE("HEAD answers like GET without the body") {
    auto head = e.s.request("HEAD", path);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
  }
}

TEST_CASE("calendar: a reset gives a new URL and the old one answers 404; unknown secrets too") {
  auto& e = env();
  std::string old_path = str(feed_address(e.admin).at("path"));
  REQUIRE(e.s.get(old_path).status == 200);
  std::string new_path = str(feed_address(e.admin, "POST").at("path"));
  CHECK(new_path != old_path);
  auto gone = e.s.get(old_path);
  CHECK(gone.status == 404);
  CHECK(gone.error_rule() == "calendar_feed_not_found");
  CHECK(e.s.get(new_path).status == 200);
  CHECK(str(feed_address(e.admin).at("path")) == new_path);
  CHECK(e.s.get("/api/v1/calendar/" + std::string(64, '0') + ".ics").error_rule() == "calendar_feed_not_found");
  CHECK(e.s.get("/api/v1/calendar/not-a-secret.ics").status == 404);
  CHECK(e.s.get(new_path.substr(0, new_path.size() - 4)).status == 404);  // without .ics
  CHECK(e.s.get("/api/v1/calendar/.ics").status == 404);

  auto audit = e.s.get("/api/v1/audit?entity=user", e.admin);
  REQUIRE(audit.status == 200);
  CHECK(contains(audit.body, "\"calendar_reset\""));
}

TEST_CASE("calendar: the URL needs a login; the feed of a disabled user is gone") {
  auto& e = env();
  CHECK(e.s.get("/api/v1/me/calendar").status == 401);
  CHECK(e.s.post("/api/v1/me/calendar/reset", json::object{}).status == 401);
  long long o = make_officer(e.s, "李四", e.t.jianshan, "2016-01-01", 4102);
  std::string tok = e.s.make_user("lisi", "officer", std::nullopt, o);
  std::string path = str(feed_address(tok).at("path"));
  REQUIRE(e.s.get(path).status == 200);
  auto users = e.s.get("/api/v1/users?limit=1000", e.admin).json().at("items").as_array();
  long long uid = 0;
  for (auto& u : users)
    if (u.at("username") == "lisi") uid = u.at("id").as_int64();
  REQUIRE(uid != 0);
  REQUIRE(e.s.patch("/api/v1/users/" + S(uid), json::object{{"disabled", true}}, e.admin).status == 200);
  CHECK(e.s.get(path).status == 404);
}
