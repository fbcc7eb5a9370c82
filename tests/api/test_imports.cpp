// CSV imports of rosters and sign-in sheets: RFC 4180 details, encodings, all-or-nothing
// refusals that list the bad lines, repeats reported as duplicates, and the CLI twin. The
// bounds of a report and the privacy of ID numbers: test_import_limits.cpp.
#include <doctest/doctest.h>
#include <iconv.h>

#include <fstream>
#include <set>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct ImportEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr;
  ImportEnv() : t(make_tree(s)) {
    s.language = "en";  // the reasons checked below are the English ones
    admin = s.admin_token();
    hr = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
};
ImportEnv& env() {
  static ImportEnv e;
  return e;
}

const std::string kOfficerHeader = "name,id_number,unit_code,kind,post_start,post_end\r\n";

HttpResult import(const std::string& kind, const std::string& body, const std::string& tok,
                  const std::string& content_type = "text/csv") {
  return env().s.request("POST", "/api/v1/imports/" + kind, body, tok, content_type);
}

long long officers_total() { return list_total(env().s, "/api/v1/officers", env().admin); }

// The id of the officer with this ID number (admin view), or 0.
long long officer_id_of(const std::string& id_number) {
  auto r = env().s.get("/api/v1/officers?q=" + id_number, env().admin);
  REQUIRE(r.status == 200);
  auto body = r.json();
  auto& items = body.at("items").as_array();
  return items.empty() ? 0 : items[0].at("id").as_int64();
}

long long create_training(long long organizer, double legal, double business, double political,
                          const std::string& start = "2024-06-03", const std::string& end = "2024-06-04") {
  auto r = env().s.post("/api/v1/trainings",
                        json::object{{"title", "导入培训"},
                                     {"organizer_unit_id", organizer},
                                     {"start_date", start},
                                     {"end_date", end},
                                     {"hours", {{"legal", legal}, {"business", business}, {"political", political}}}},
                        env().admin);
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}

json::value hours(long long officer) {
  auto r = env().s.get("/api/v1/officers/" + std::to_string(officer) + "/hours?year=2024&as_of=2024-11-01", env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

// The line numbers of a 422 report.
std::vector<long long> lines_of(const HttpResult& r) {
  std::vector<long long> out;
  auto body = r.json();
  for (const auto& row : body.at("rows").as_array()) out.push_back(row.at("line").as_int64());
  return out;
}
std::string message_of(const HttpResult& r, long long line) {
  auto body = r.json();
  for (const auto& row : body.at("rows").as_array())
    if (row.at("line").as_int64() == line) return std::string(row.at("message").as_string());
  return "";
}

std::string wrong_check_digit(const std::string& id) {
  std::string s = id;
  s.back() = s.back() == '1' ? '2' : '1';
  return s;
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size(), dst_left = out.size();
  char* dst = out.data();
  REQUIRE(iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

std::string officer_row(const std::string& name, const std::string& id, const std::string& unit,
                        const std::string& start = "2020-01-01", const std::string& end = "") {
  return name + "," + id + "," + unit + ",enforcement," + start + "," + end + "\r\n";
}
}  // namespace

TEST_CASE("imports: quoted fields with commas, doubled quotes and line breaks, CRLF and a BOM") {
  auto& e = env();
  std::string a = id_number(101), b = id_number(102), c = id_number(103);
  // A note column the import ignores, holding a line break: the next record starts on line 4.
  std::string header = "\xEF\xBB\xBF Name ,ID_NUMBER,unit_code,kind,post_start,post_end,备注\r\n";
  std::string rows = "\"欧阳, 明\"," + a + ",QN,enforcement,2020-01-01,,\"第一行\r\n第二行\"\r\n" +
                     "\"王\"\"五\"\"\"," + b + ",QN-JS,police,2019-05-01,,\r\n";
  long long before = officers_total();

  // A bad record after the multi-line field is reported on its real line (5).
  auto bad = import("officers", header + rows + "赵六," + c + ",QN,enforcement,2020-13-01,,x\r\n", e.hr);
  REQUIRE_MESSAGE(bad.status == 422, bad.body);
  CHECK(lines_of(bad) == std::vector<long long>{5});
  CHECK(message_of(bad, 5).find("post_start") != std::string::npos);
  CHECK(officers_total() == before);

  auto r = import("officers", header + rows, e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("imported") == 2);
  CHECK(r.json().at("skipped_duplicates") == 0);
  CHECK(officers_total() == before + 2);
  auto o = e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(a)), e.admin).json();
  CHECK(o.at("name") == "欧阳, 明");
  CHECK(o.at("unit_id") == e.t.qinnan);
  auto o2 = e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(b)), e.admin).json();
  CHECK(o2.at("name") == "王\"五\"");
  CHECK(o2.at("kind") == "police");

  // LF only, no BOM, a last line without a line break.
  std::string d = id_number(104);
  auto lf = import("officers", "name,id_number,unit_code,kind,post_start\n钱七," + d + ",QN,enforcement,2021-02-03", e.hr);
  REQUIRE_MESSAGE(lf.status == 200, lf.body);
  CHECK(lf.json().at("imported") == 1);
  CHECK(officer_id_of(d) != 0);
}

TEST_CASE("imports: Chinese headers as sign-in sheets and rosters are written; 行政执法人员 / 人民警察 as kinds") {
  auto& e = env();
  std::string a = id_number(111), b = id_number(112);
  std::string roster = "序号,姓名,身份证号,单位代码,人员类别,到岗日期,离岗日期,备注\r\n"
                       "1,韦一," + a + ",QN,行政执法人员,2020-01-01,,\r\n"
                       "2,韦二," + b + ",QN,人民警察,2020-01-01,,\r\n";
  auto r = import("officers", roster, e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("imported") == 2);
  CHECK(e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(a)), e.admin).json().at("kind") == "enforcement");
  CHECK(e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(b)), e.admin).json().at("kind") == "police");

  long long t = create_training(e.t.qinnan, 4, 6, 1);
  std::string sheet = "序号,姓名,培训编号,身份证号,公共法律知识,业务知识,政治理论,签名\r\n"
                      "1,韦一," + std::to_string(t) + "," + a + ",2,,,韦一\r\n"
                      "2,韦二," + std::to_string(t) + "," + b + ",,,,韦二\r\n";
  auto s2 = import("attendance", sheet, e.hr);
  REQUIRE_MESSAGE(s2.status == 200, s2.body);
  CHECK(s2.json().at("imported") == 2);
  auto h = e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(a)) + "/hours?year=2024", e.admin).json();
  CHECK(num(h.at("legal").at("earned")) == 2);     // the sheet's partial credit
  CHECK(num(h.at("business").at("earned")) == 6);  // blank: the session's hours

  // A sheet without the ID number column names the column it lacks.
  auto bad = import("attendance", "姓名,培训编号\r\n韦一," + std::to_string(t) + "\r\n", e.hr);
  REQUIRE(bad.status == 422);
  CHECK(lines_of(bad) == std::vector<long long>{1});
  CHECK(bad.body.find("csv_missing_columns") != std::string::npos);
  CHECK(message_of(bad, 1).find("id_number") != std::string::npos);
}

TEST_CASE("imports: a GB18030 file from Chinese Excel is converted; other encodings are refused with how to save") {
  auto& e = env();
  std::string id = id_number(201);
  std::string utf8 = kOfficerHeader + officer_row("孙悦", id, "QN");
  auto r = import("officers", to_gb18030(utf8), e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("imported") == 1);
  CHECK(r.json().at("encoding") == "gb18030");
  auto o = e.s.get("/api/v1/officers/" + std::to_string(officer_id_of(id)), e.admin).json();
  CHECK(o.at("name") == "孙悦");

  // Latin-1 bytes: neither UTF-8 nor GB18030 ("é," is no GB18030 sequence).
  long long before = officers_total();
  auto bad = import("officers", kOfficerHeader + "Caf\xE9," + id_number(202) + ",QN,enforcement,2020-01-01,\r\n", e.hr);
  REQUIRE_MESSAGE(bad.status == 422, bad.body);
  CHECK(bad.error_code() == "validation_failed");
  std::string msg(bad.json().at("error").at("message").as_string());
  CHECK(bad.error_rule() == "file_encoding");
  CHECK(msg.find("CSV UTF-8") != std::string::npos);
  CHECK(msg.find("Save As") != std::string::npos);
  // The same advice in Chinese, the default language.
  auto zh = e.s.request("POST", "/api/v1/imports/officers",
                        kOfficerHeader + "Caf\xE9," + id_number(202) + ",QN,enforcement,2020-01-01,\r\n", e.hr, "text/csv",
                        {{"Accept-Language", "zh-CN,zh;q=0.9"}});
  std::string zh_msg(zh.json().at("error").at("message").as_string());
  CHECK(zh_msg.find("另存为") != std::string::npos);
  CHECK(zh_msg.find("CSV UTF-8") != std::string::npos);
  // UTF-16 ("Unicode text") gets the same advice.
  auto utf16 = import("officers", std::string("\xFF\xFEn\0a\0", 6), e.hr);
  CHECK(utf16.status == 422);
  CHECK(std::string(utf16.json().at("error").at("message").as_string()).find("CSV UTF-8") != std::string::npos);
  CHECK(officers_total() == before);
}

TEST_CASE("imports: empty, header-only and binary files, and a body that is not text/csv") {
  auto& e = env();
  long long before = officers_total();
  for (std::string body : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\r\n\r\n")}) {
    // (The harness sends no Content-Type with an empty body: name it.)
    auto r = e.s.request("POST", "/api/v1/imports/attendance", body, e.hr, "text/csv", {{"Content-Type", "text/csv"}});
    CHECK(r.status == 422);
    CHECK(std::string(r.json().at("error").at("message").as_string()).find("empty") != std::string::npos);
  }
  auto header_only = import("officers", kOfficerHeader, e.hr);
  CHECK(header_only.status == 422);
  CHECK(std::string(header_only.json().at("error").at("message").as_string()).find("no records") != std::string::npos);
  auto xlsx = import("officers", std::string("PK\x03\x04\x14\0\x06\0", 8) + "[Content_Types].xml", e.hr);
  CHECK(xlsx.status == 422);
  CHECK(std::string(xlsx.json().at("error").at("message").as_string()).find("Excel workbook") != std::string::npos);
  auto binary = import("officers", std::string("name\0\x01\x02,\xFF\xFE", 10), e.hr);
  CHECK(binary.status == 422);
  CHECK(std::string(binary.json().at("error").at("message").as_string()).find("binary") != std::string::npos);
  auto json_body = import("officers", "{}", e.hr, "application/json");
  CHECK(json_body.status == 415);
  CHECK(json_body.error_code() == "unsupported_media_type");
  // text/csv with a charset parameter is fine.
  auto with_charset = import("officers", kOfficerHeader + officer_row("周八", id_number(301), "QN"), e.hr,
                             "text/csv; charset=utf-8");
  CHECK_MESSAGE(with_charset.status == 200, with_charset.body);
  CHECK(officers_total() == before + 1);
}

TEST_CASE("imports: roles: officers may not import, a login is required") {
  auto& e = env();
  long long o = make_officer(e.s, "普通", e.t.qinnan, "2018-01-01", 401);
  std::string officer = e.s.make_user("imp_officer", "officer", std::nullopt, o);
  CHECK(import("officers", kOfficerHeader + officer_row("X", id_number(402), "QN"), officer).status == 403);
  CHECK(import("attendance", "training_id,id_number\n1," + id_number(401), "").status == 401);
}

TEST_CASE("imports: a roster with bad lines is refused whole, listing every line and its reason") {
  auto& e = env();
  long long before = officers_total();
  // A missing column is named (line 1).
  auto missing = import("officers", "name,id_number,kind,post_start\n甲," + id_number(501) + ",enforcement,2020-01-01\n", e.hr);
  REQUIRE_MESSAGE(missing.status == 422, missing.body);
  CHECK(lines_of(missing) == std::vector<long long>{1});
  CHECK(message_of(missing, 1).find("unit_code") != std::string::npos);

  std::string csv = kOfficerHeader + officer_row("甲", id_number(502), "NOPE")          // 2: unknown unit code
                    + officer_row("乙", id_number(503), "QN", "2024-02-30")             // 3: bad date
                    + officer_row("丙", wrong_check_digit(id_number(504)), "QN")        // 4: check digit
                    + officer_row("丁", id_number(505), "QN")                           // 5: fine
                    + officer_row("戊", id_number(506), "QB")                           // 6: outside hr's units
                    + "己," + id_number(507) + ",QN,soldier,2020-01-01,\r\n"             // 7: kind
                    + officer_row("", id_number(508), "QN")                             // 8: empty name
                    + officer_row("庚", id_number(509), "QN", "2020-01-01", "2019-01-01")  // 9: end before start
                    + "辛," + id_number(510) + ",QN,enforcement\r\n"                     // 10: too few fields
                    + officer_row("壬", "4.50702E+17", "QN");                           // 11: Excel number
  auto r = import("officers", csv, e.hr);
  REQUIRE_MESSAGE(r.status == 422, r.body);
  CHECK(r.error_code() == "validation_failed");
  CHECK(lines_of(r) == std::vector<long long>{2, 3, 4, 6, 7, 8, 9, 10, 11});
  CHECK(message_of(r, 2).find("unit code 'NOPE' not found") != std::string::npos);
  CHECK(message_of(r, 3).find("post_start") != std::string::npos);
  CHECK(message_of(r, 4).find("check digit") != std::string::npos);
  CHECK(message_of(r, 6).find("unit code 'QB' not found") != std::string::npos);
  CHECK(message_of(r, 7).find("kind") != std::string::npos);
  CHECK(message_of(r, 8).find("name") != std::string::npos);
  CHECK(message_of(r, 9).find("post_end") != std::string::npos);
  CHECK(message_of(r, 10).find("4 fields, but the header names 6") != std::string::npos);
  CHECK(message_of(r, 11).find("format the column as text") != std::string::npos);
  CHECK(officers_total() == before);  // not even line 5
  CHECK(officer_id_of(id_number(505)) == 0);
  // The admin may use every unit: QB is fine for them, the other lines are still refused.
  auto admin = import("officers", csv, e.admin);
  CHECK(lines_of(admin) == std::vector<long long>{2, 3, 4, 7, 8, 9, 10, 11});
}

TEST_CASE("imports: an ID number already registered with other data is an error; the same data is a duplicate") {
  auto& e = env();
  std::string a = id_number(601), b = id_number(602);
  std::string csv = kOfficerHeader + officer_row("陈一", a, "QN") + officer_row("陈二", b, "QN-JS") +
                    officer_row("陈一", a, "QN");  // the same person twice in one file
  auto first = import("officers", csv, e.hr);
  REQUIRE_MESSAGE(first.status == 200, first.body);
  CHECK(first.json().at("imported") == 2);
  CHECK(first.json().at("skipped_duplicates") == 1);
  long long before = officers_total();
  auto again = import("officers", csv, e.hr);
  REQUIRE_MESSAGE(again.status == 200, again.body);
  CHECK(again.json().at("imported") == 0);
  CHECK(again.json().at("skipped_duplicates") == 3);
  CHECK(officers_total() == before);

  auto other = import("officers", kOfficerHeader + officer_row("陈一", a, "QN-JS") + officer_row("陈三", id_number(603), "QN"), e.hr);
  REQUIRE_MESSAGE(other.status == 422, other.body);
  CHECK(lines_of(other) == std::vector<long long>{2});
  CHECK(message_of(other, 2).find("already registered") != std::string::npos);
  CHECK(officer_id_of(id_number(603)) == 0);
}

TEST_CASE("imports: a sign-in sheet with bad lines is refused whole; nothing is credited") {
  auto& e = env();
  long long in_scope = make_officer(e.s, "在辖", e.t.jianshan, "2016-01-01", 701);
  long long in_scope2 = make_officer(e.s, "在辖二", e.t.qinnan, "2016-01-01", 702);
  make_officer(e.s, "辖外", e.t.qinbei, "2016-01-01", 703);
  long long tid = create_training(e.t.city, 6, 6, 3);
  std::string t = std::to_string(tid);
  std::string csv = "training_id,id_number,legal,business,political\r\n" +
                    t + "," + id_number(701) + ",0.3,,\r\n" +          // 2: not a multiple of 0.5
                    "999999," + id_number(701) + ",,,\r\n" +           // 3: no such training
                    t + "," + id_number(703) + ",,,\r\n" +             // 4: outside hr's units
                    t + "," + id_number(702) + ",,,\r\n" +             // 5: fine
                    t + "," + id_number(702) + ",8,,\r\n" +            // 6: more than the session's 6
                    t + "," + id_number(799) + ",,,\r\n" +             // 7: nobody has this ID number
                    "abc," + wrong_check_digit(id_number(701)) + ",,-1,\r\n";  // 8: three reasons
  auto r = import("attendance", csv, e.hr);
  REQUIRE_MESSAGE(r.status == 422, r.body);
  CHECK(lines_of(r) == std::vector<long long>{2, 3, 4, 6, 7, 8});
  CHECK(message_of(r, 2).find("0.5") != std::string::npos);
  CHECK(message_of(r, 3).find("training 999999 not found") != std::string::npos);
  // Another unit's officer and nobody's number read alike (test_import_limits.cpp).
  CHECK(message_of(r, 4) == "no officer with this ID number in your units");
  CHECK(message_of(r, 6).find("exceed") != std::string::npos);
  CHECK(message_of(r, 7) == message_of(r, 4));
  CHECK(message_of(r, 8).find("training_id") != std::string::npos);
  CHECK(message_of(r, 8).find("check digit") != std::string::npos);
  CHECK(message_of(r, 8).find("business") != std::string::npos);
  CHECK(num(hours(in_scope).at("legal").at("earned")) == 0);
  CHECK(num(hours(in_scope2).at("legal").at("earned")) == 0);
  CHECK(e.s.get("/api/v1/trainings/" + t, e.admin).json().at("attendees").as_array().empty());
  // The admin sees every unit: line 4 is fine for them.
  auto admin = import("attendance", csv, e.admin);
  CHECK(lines_of(admin) == std::vector<long long>{2, 3, 6, 7, 8});
  // A missing column.
  auto missing = import("attendance", "training_id,legal\n" + t + ",1\n", e.hr);
  CHECK(missing.status == 422);
  CHECK(message_of(missing, 1).find("id_number") != std::string::npos);
}

TEST_CASE("imports: a 1,000-row sign-in sheet by hr credits every officer; the same file again adds nothing") {
  auto& e = env();
  // 500 officers by roster import, then two sessions each attended by all of them.
  std::string roster = kOfficerHeader;
  for (int i = 0; i < 500; ++i)
    roster += officer_row("学员" + std::to_string(i), id_number(10000 + i), i % 2 ? "QN" : "QN-JS", "2016-01-01");
  auto ro = import("officers", roster, e.hr);
  REQUIRE_MESSAGE(ro.status == 200, ro.body);
  CHECK(ro.json().at("imported") == 500);
  long long t1 = create_training(e.t.qinnan, 6, 6, 3, "2024-03-04", "2024-03-05");
  long long t2 = create_training(e.t.city, 0, 30, 0, "2024-09-10", "2024-09-13");
  std::string sheet = "id_number,training_id,legal,business,political,签名\r\n";  // columns in any order
  for (int i = 0; i < 500; ++i) {
    sheet += id_number(10000 + i) + "," + std::to_string(t1) + (i == 7 ? ",2,,," : ",,,,") + "\r\n";
    sheet += id_number(10000 + i) + "," + std::to_string(t2) + ",,,,\"签到\"\r\n";
  }
  auto r = import("attendance", sheet, e.hr);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.json().at("imported") == 1000);
  CHECK(r.json().at("skipped_duplicates") == 0);
  auto h = hours(officer_id_of(id_number(10003)));
  CHECK(num(h.at("legal").at("earned")) == 6);
  CHECK(num(h.at("business").at("earned")) == 36);
  CHECK(num(h.at("political").at("earned")) == 3);
  CHECK(h.at("trainings").as_array().size() == 2);
  auto partial = hours(officer_id_of(id_number(10007)));
  CHECK(num(partial.at("legal").at("earned")) == 2);  // partial credit
  CHECK(num(partial.at("business").at("earned")) == 36);  // an empty cell: the session's hours

  auto again = import("attendance", sheet, e.hr);
  REQUIRE_MESSAGE(again.status == 200, again.body);
  CHECK(again.json().at("imported") == 0);
  CHECK(again.json().at("skipped_duplicates") == 1000);
  CHECK(num(hours(officer_id_of(id_number(10003))).at("business").at("earned")) == 36);

  // The audit log holds one summary per import besides the per-record entries.
  auto audit = e.s.get("/api/v1/audit?entity=import&limit=1", e.admin);
  REQUIRE(audit.status == 200);
  auto audit_body = audit.json();
  auto& item = audit_body.at("items").as_array().at(0);
  CHECK(item.at("actor") == "hr_qn");
  std::string after = item.at("after").is_string() ? std::string(item.at("after").as_string())
                                                   : json::serialize(item.at("after"));
  CHECK(after.find("\"skipped_duplicates\":1000") != std::string::npos);
}

TEST_CASE("imports: certhours import on the command line: same rules, same report") {
  auto& e = env();
  long long o = make_officer(e.s, "命令行", e.t.qinnan, "2016-01-01", 801);
  long long tid = create_training(e.t.qinnan, 4, 0, 0, "2024-05-06", "2024-05-06");
  std::string good = e.s.dir() + "/sheet.csv", bad = e.s.dir() + "/bad.csv";
  std::ofstream(good) << "training_id,id_number\n" << tid << "," << id_number(801) << "\n";
  std::ofstream(bad) << "training_id,id_number,legal\n" << tid << "," << id_number(801) << ",0.3\n"
                     << tid << "," << id_number(803) << ",\n";
  std::string out;
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), bad, "--as", "hr_qn"}, &out) == 1);
  CHECK(out.find("line 2:") != std::string::npos);
  CHECK(out.find("line 3:") != std::string::npos);
  CHECK(num(hours(o).at("legal").at("earned")) == 0);
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), good, "--as", "hr_qn"}, &out) == 0);
  CHECK(out.find("imported 1, skipped_duplicates 0") != std::string::npos);
  CHECK(num(hours(o).at("legal").at("earned")) == 4);
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), good, "--as", "hr_qn"}, &out) == 0);
  CHECK(out.find("imported 0, skipped_duplicates 1") != std::string::npos);
  // Usage errors and missing files: exit 2.
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), e.s.dir() + "/none.csv", "--as", "hr_qn"}, &out) == 2);
  CHECK(out.find("no such file") != std::string::npos);
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), good, "--as", "nobody"}, &out) == 2);
  CHECK(Server::run_cli({"import", "trainings", "--db", e.s.db_path(), good, "--as", "hr_qn"}, &out) == 2);
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), good}, &out) == 2);
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), good, "--as", "hr_qn", "--force"}, &out) == 2);
  // An empty file is refused (exit 1) with a clear line.
  std::string empty = e.s.dir() + "/empty.csv";
  std::ofstream(empty).flush();
  CHECK(Server::run_cli({"import", "officers", "--db", e.s.db_path(), empty, "--as", "admin"}, &out) == 1);
  CHECK(out.find("empty") != std::string::npos);
}
