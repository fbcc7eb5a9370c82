// GET /rotation/export: the rotation pending list of a campaign as CSV or XLSX, on a small
// hand-made dataset (docs/domain.md "The full-staff rotation", "Exports are records too").
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

#include "harness.hpp"

using namespace certhours::test;

namespace {


// Today 2024-05-31, the deadline of the default campaign (2023-08-09 .. 2024-05-31).
// 钦南区: 甲 (rotated), =1+1 (pending: a name a spreadsheet would run), 新人 (joined after the
//         deadline: not counted)
// 尖山街道 (under 钦南区): 乙, 庚 (both rotated: the unit is complete after the deadline)
// 钦北区: 丁, 己 (pending), 戊 (rotated)
// City: required 7, rotated 4, pending 3 (=1+1, 丁, 己).
struct RotationExportEnv {
  Server s{{"CERTHOURS_TODAY=2024-05-31"}};
  Tree t = make_tree(s);
  std::string admin = s.admin_token(), hr_qn;
  long long campaign = 0, a = 0;

  RotationExportEnv() {
    a = make_officer(s, "甲", t.qinnan, "2016-01-01", 1);
    make_officer(s, "=1+1", t.qinnan, "2016-01-01", 2);
    long long j = make_officer(s, "新人", t.qinnan, "2024-06-01", 3);
    long long b = make_officer(s, "乙", t.jianshan, "2016-01-01", 4);
    long long g = make_officer(s, "庚", t.jianshan, "2016-01-01", 5);
    make_officer(s, "丁", t.qinbei, "2016-01-01", 6);
    long long e = make_officer(s, "戊", t.qinbei, "2016-01-01", 7);
    make_officer(s, "己", t.qinbei, "2016-01-01", 8, "police");
    auto tr = s.post("/api/v1/trainings",
                     json::object{{"title", "轮训一"},
                                  {"organizer_unit_id", t.city},
                                  {"start_date", "2024-03-09"},
                                  {"end_date", "2024-03-10"},
                                  {"hours", {{"legal", 6}, {"business", 0}, {"political", 0}}},
                                  {"rotation", true}},
                     admin);
    REQUIRE_MESSAGE(tr.status == 201, tr.body);
    json::array records;
    for (long long o : {a, j, b, g, e}) records.push_back(json::object{{"officer_id", o}});
    auto at = s.post("/api/v1/trainings/" + S(tr.json().at("id").as_int64()) + "/attendance",
                     json::object{{"records", records}}, admin);
    REQUIRE_MESSAGE(at.status == 200, at.body);
    auto list = s.get("/api/v1/rotation/campaigns", admin);
    REQUIRE_MESSAGE(list.status == 200, list.body);
    REQUIRE(!list.json().at("items").as_array().empty());
    campaign = list.json().at("items").as_array().front().at("id").as_int64();
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
  std::string url(const std::string& query) { return "/api/v1/rotation/export?" + query; }
};
RotationExportEnv& env() {
  static RotationExportEnv e;
  return e;
}

std::size_t crlf_lines(const std::string& body) {
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = body.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  return lines;
}

// The XLSX of `query` unpacked: sheet1, sheet2, workbook and everything.
struct Unpacked {
  std::string sheet, summary, workbook, all;
};
Unpacked unpack(RotationExportEnv& e, const std::string& body, const std::string& name) {
  REQUIRE(body.rfind("PK", 0) == 0);
  std::string file = e.s.dir() + "/" + name;
  {
    std::ofstream out(file, std::ios::binary);
    out << body;
  }
  std::string dir = e.s.dir() + "/" + name + ".d";
  REQUIRE(std::system(("python3 -m zipfile -e '" + file + "' '" + dir + "'").c_str()) == 0);
  auto cat = [&](const std::string& part) { return shell("cat '" + dir + "/" + part + "'"); };
  return {cat("xl/worksheets/sheet1.xml"), cat("xl/worksheets/sheet2.xml"), cat("xl/workbook.xml"),
          shell("cat $(find '" + dir + "' -type f)")};
}
}  // namespace

TEST_CASE("rotation export as CSV: BOM, header row first, exactly the pending officers, masked, neutralised") {
  auto& e = env();
  auto r = e.s.get(e.url("format=csv"), e.admin);  // the whole region, the default campaign
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.header("content-type") == "text/csv; charset=utf-8");
  std::string cd = r.header("content-disposition");
  CHECK(cd.rfind("attachment; filename=\"rotation-pending-QZ-" + S(e.campaign) + "-20240531.csv\"", 0) == 0);
  CHECK(cd.find("filename*=UTF-8''") != std::string::npos);
  CHECK(r.header("x-export-rows") == "3");
  CHECK(r.body.rfind("\xEF\xBB\xBF人员编号,单位代码,单位,姓名,身份证号,人员类别,任职起始日期\r\n", 0) == 0);
  CHECK(crlf_lines(r.body) == 4);  // the header and three pending officers
  CHECK(r.body.find(",QN,钦南区,'=1+1,") != std::string::npos);
  CHECK(r.body.find(",=1+1") == std::string::npos);
  auto line = [&](const std::string& name) {
    auto p = r.body.find("," + name + ",");
    REQUIRE_MESSAGE(p != std::string::npos, name);
    return r.body.substr(p, r.body.find("\r\n", p) - p);
  };
  CHECK(line("丁").find("********") != std::string::npos);
  CHECK(line("丁").find(id_number(6)) == std::string::npos);
  CHECK(line("丁").find(",行政执法人员,2016-01-01") != std::string::npos);
  CHECK(line("己").find(",人民警察,2016-01-01") != std::string::npos);
  for (const char* rotated_or_not_counted : {",甲,", ",乙,", ",庚,", ",戊,", ",新人,"})
    CHECK_MESSAGE(r.body.find(rotated_or_not_counted) == std::string::npos, rotated_or_not_counted);

  // The same officers as GET /rotation lists.
  auto json_list = e.s.get("/api/v1/rotation", e.admin);
  REQUIRE(json_list.status == 200);
  json::value listed = json_list.json();
  CHECK(listed.at("summary").at("pending").as_int64() == 3);
  for (const auto& p : listed.at("pending").as_array())
    CHECK(r.body.find("\r\n" + S(p.at("officer_id").as_int64()) + ",") != std::string::npos);

  // An explicit campaign and unit, as GET /rotation takes them.
  auto qn = e.s.get(e.url("format=csv&unit_id=" + S(e.t.qinnan) + "&campaign_id=" + S(e.campaign)), e.admin);
  REQUIRE_MESSAGE(qn.status == 200, qn.body);
  CHECK(crlf_lines(qn.body) == 2);
  CHECK(qn.body.find("'=1+1") != std::string::npos);
  CHECK(e.s.get(e.url("format=csv&campaign_id=999"), e.admin).status == 404);
}

TEST_CASE("rotation export as XLSX: title, generated-by line, frozen header, summary per child, no formulas") {
  auto& e = env();
  // 钦南区 the day after the deadline: =1+1 is pending (已逾期); 尖山街道 is complete (已完成).
  auto r = e.s.get(e.url("format=xlsx&unit_id=" + S(e.t.qinnan) + "&as_of=2024-06-01"), e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(r.header("content-disposition").find("filename=\"rotation-pending-QN-" + S(e.campaign) + "-20240531.xlsx\"") !=
        std::string::npos);
  Unpacked x = unpack(e, r.body, "qn.xlsx");
  CHECK(x.sheet.find("未轮训人员名单 — 钦南区（轮训期间：2023-08-09 至 2024-05-31，截止日期：2024-05-31）") !=
        std::string::npos);
  CHECK(x.sheet.find("生成人：admin") != std::string::npos);
  CHECK(x.sheet.find("生成时间：") != std::string::npos);
  CHECK(x.sheet.find("统计截至：2024-06-01") != std::string::npos);
  CHECK(x.sheet.find("state=\"frozen\"") != std::string::npos);
  CHECK(x.sheet.find("<t>=1+1</t>") != std::string::npos);  // plain text
  CHECK(x.sheet.find("<t>钦南区</t>") != std::string::npos);
  CHECK(x.sheet.find("<t>行政执法人员</t>") != std::string::npos);
  CHECK(x.sheet.find("<t>甲</t>") == std::string::npos);
  CHECK(x.sheet.find("<t>庚</t>") == std::string::npos);
  CHECK(x.all.find("<f>") == std::string::npos);
  CHECK(x.all.find("<f ") == std::string::npos);
  CHECK(x.workbook.find("未轮训人员") != std::string::npos);
  CHECK(x.workbook.find("按单位汇总") != std::string::npos);
  CHECK(x.summary.find("<t>尖山街道</t>") != std::string::npos);
  CHECK(x.summary.find("<t>已完成</t>") != std::string::npos);
  CHECK(x.summary.find("<t>合计</t>") != std::string::npos);
  CHECK(x.summary.find("<t>已逾期</t>") != std::string::npos);

  // The whole region on the deadline day: every child in progress, the names of both.
  auto city = e.s.get(e.url("format=xlsx"), e.admin);
  REQUIRE_MESSAGE(city.status == 200, city.body);
  Unpacked c = unpack(e, city.body, "city.xlsx");
  CHECK(c.sheet.find("<t>丁</t>") != std::string::npos);
  CHECK(c.sheet.find("<t>己</t>") != std::string::npos);
  CHECK(c.sheet.find("<t>人民警察</t>") != std::string::npos);
  CHECK(c.summary.find("<t>钦南区</t>") != std::string::npos);
  CHECK(c.summary.find("<t>钦北区</t>") != std::string::npos);
  CHECK(c.summary.find("<t>进行中</t>") != std::string::npos);
  CHECK(c.summary.find("<t>已逾期</t>") == std::string::npos);
}

TEST_CASE("rotation export keeps to the hr user's subtree and refuses a bad format") {
  auto& e = env();
  CHECK(e.s.get(e.url("format=csv&unit_id=" + S(e.t.qinbei)), e.hr_qn).status == 404);
  CHECK(e.s.get(e.url("format=xlsx&unit_id=" + S(e.t.city)), e.hr_qn).status == 404);
  auto own = e.s.get(e.url("format=csv"), e.hr_qn);  // no unit: the hr user's own
  REQUIRE_MESSAGE(own.status == 200, own.body);
  CHECK(own.header("content-disposition").find("rotation-pending-QN-") != std::string::npos);
  CHECK(own.body.find("'=1+1") != std::string::npos);
  CHECK(own.body.find("丁") == std::string::npos);
  auto bad = e.s.get(e.url("format=pdf"), e.admin);
  CHECK(bad.status == 422);
  CHECK(bad.error_code() == "validation_failed");
  CHECK(e.s.get(e.url("format=csv&as_of=2024-13-01"), e.admin).status == 422);
  CHECK(e.s.get(e.url("format=csv")).status == 401);
  auto officer = e.s.make_user("rot_officer", "officer", std::nullopt, e.a);
  CHECK(e.s.get(e.url("format=csv"), officer).status == 403);
}

TEST_CASE("every rotation export is in the audit log as entity export") {
  auto& e = env();
  REQUIRE(e.s.get(e.url("format=xlsx&unit_id=" + S(e.t.jianshan)), e.hr_qn).status == 200);
  auto log = e.s.get("/api/v1/audit?entity=export&limit=1", e.admin);
  REQUIRE_MESSAGE(log.status == 200, log.body);
  json::value body = log.json();
  auto& items = body.at("items").as_array();
  REQUIRE(!items.empty());
  auto& last = items.front().as_object();
  CHECK(last.at("entity").as_string() == "export");
  CHECK(last.at("actor").as_string() == "hr_qn");
  CHECK(last.at("entity_id").as_int64() == e.t.jianshan);
  auto& after = last.at("after").as_object();
  CHECK(after.at("format").as_string() == "xlsx");
  CHECK(after.at("unit_code").as_string() == "QN-JS");
  CHECK(after.at("rows").as_int64() == 0);  // 尖山街道: everyone rotated
  CHECK(after.at("kind").as_string() == "rotation");
  CHECK(after.at("campaign_id").as_int64() == e.campaign);
  CHECK(after.at("year").as_int64() == 2024);  // the campaign's deadline year
  CHECK(after.at("file_name").as_string() ==
        "rotation-pending-QN-JS-" + S(e.campaign) + "-20240531.xlsx");
}
