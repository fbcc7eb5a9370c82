// Exports of the annual compliance sheet (CSV, XLSX) over HTTP and from the command line,
// and `certhours backup` of a database that the server is writing to.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "harness.hpp"

using namespace certhours::test;

namespace {



void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct ExportEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr_qn;
  long long wang = 0;

  ExportEnv() : t(make_tree(s)) {
    admin = s.admin_token();
    wang = make_officer(s, "王五", t.qinnan, "2016-01-01", 1);
    make_officer(s, "张,三", t.qinnan, "2016-01-01", 2);
    make_officer(s, "李\"四\"", t.jianshan, "2016-01-01", 3);
    make_officer(s, "=1+1", t.jianshan, "2016-01-01", 4);
    make_officer(s, "@SUM(A1)", t.qinnan, "2016-01-01", 5);
    make_officer(s, "北区人", t.qinbei, "2016-01-01", 6);
    auto tr = s.post("/api/v1/trainings",
                     json::object{{"title", "法治讲座"},
                                  {"organizer_unit_id", t.city},
                                  {"start_date", "2024-03-04"},
                                  {"end_date", "2024-03-05"},
                                  {"hours", {{"legal", 6}, {"business", 6.5}, {"political", 3}}}},
                     admin);
    REQUIRE_MESSAGE(tr.status == 201, tr.body);
    auto a = s.post("/api/v1/trainings/" + std::to_string(tr.json().at("id").as_int64()) + "/attendance",
                    json::object{{"records", json::array{json::object{{"officer_id", wang}}}}}, admin);
    REQUIRE_MESSAGE(a.status == 200, a.body);
    auto c = s.post("/api/v1/officers/" + std::to_string(wang) + "/certificates",
                    json::object{{"number", "QZ-2023-0001"}, {"issued_on", "2023-01-01"}}, admin);
    REQUIRE_MESSAGE(c.status == 201, c.body);
    hr_qn = s.make_user("hr_qn", "hr", t.qinnan, std::nullopt);
  }
  std::string url(const std::string& query) { return "/api/v1/compliance/export?" + query; }
};
ExportEnv& env() {
  static ExportEnv e;
  return e;
}

}  // namespace

TEST_CASE("the compliance export as CSV has a BOM, a header row, RFC 4180 quoting and neutralised formulas") {
  auto& e = env();
  auto r = e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&format=csv"), e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.header("content-type") == "text/csv; charset=utf-8");
  std::string cd = r.header("content-disposition");
  CHECK(cd.rfind("attachment; filename=\"compliance-QN-2024-20241101.csv\"", 0) == 0);
  CHECK(cd.find("filename*=UTF-8''") != std::string::npos);
  CHECK(r.body.rfind("\xEF\xBB\xBF人员编号,单位代码,单位,姓名,身份证号,", 0) == 0);
  CHECK(r.body.find("\r\n") != std::string::npos);
  CHECK(r.body.find(",\"张,三\",") != std::string::npos);
  CHECK(r.body.find(",\"李\"\"四\"\"\",") != std::string::npos);
  CHECK(r.body.find(",'=1+1,") != std::string::npos);
  CHECK(r.body.find(",'@SUM(A1),") != std::string::npos);
  CHECK(r.body.find(",=1+1") == std::string::npos);
  CHECK(r.body.find("北区人") == std::string::npos);  // 钦北区 is outside 钦南区's subtree
  // 王五: legal 6 of 20, business 6.5 of 40, political 3, in progress on 2024-11-01; the ID masked.
  auto line_start = r.body.find(",王五,");
  REQUIRE(line_start != std::string::npos);
  std::string line = r.body.substr(line_start, r.body.find("\r\n", line_start) - line_start);
  CHECK(line.find("********") != std::string::npos);
  CHECK(line.find(",行政执法人员,QZ-2023-0001,有效,6,20,14,6.5,40,33.5,3,进行中") != std::string::npos);
  // One header line and five officers.
  std::size_t lines = 0;
  for (std::size_t p = 0; (p = r.body.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  CHECK(lines == 6);
}

TEST_CASE("the compliance export as XLSX is a real workbook with Chinese text, numbers and no formulas") {
  auto& e = env();
  auto r = e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&format=xlsx"), e.admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  CHECK(r.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(r.header("content-disposition").find("filename=\"compliance-QN-2024-20241101.xlsx\"") != std::string::npos);
  REQUIRE(r.body.rfind("PK", 0) == 0);
  std::string file = e.s.dir() + "/export.xlsx";
  write_file(file, r.body);
  std::string list = shell("unzip -l '" + file + "'");
  CHECK(list.find("xl/worksheets/sheet1.xml") != std::string::npos);
  CHECK(list.find("xl/worksheets/sheet2.xml") != std::string::npos);
  std::string sheet = shell("unzip -p '" + file + "' xl/worksheets/sheet1.xml");
  std::string summary = shell("unzip -p '" + file + "' xl/worksheets/sheet2.xml");
  std::string workbook = shell("unzip -p '" + file + "' xl/workbook.xml");
  std::string all = shell("unzip -p '" + file + "'");
  CHECK(sheet.find("钦南区2024年度行政执法人员培训学时统计表") != std::string::npos);
  CHECK(sheet.find("生成人：admin") != std::string::npos);
  CHECK(sheet.find("生成时间：") != std::string::npos);
  CHECK(sheet.find("state=\"frozen\"") != std::string::npos);
  CHECK(sheet.find("<cols>") != std::string::npos);
  CHECK(sheet.find("<t>王五</t>") != std::string::npos);
  CHECK(sheet.find("<t>进行中</t>") != std::string::npos);
  CHECK(sheet.find("<v>6.5</v>") != std::string::npos);
  CHECK(sheet.find("<v>33.5</v>") != std::string::npos);
  CHECK(sheet.find("<t>=1+1</t>") != std::string::npos);       // plain text, not a formula
  CHECK(sheet.find("<t>@SUM(A1)</t>") != std::string::npos);
  CHECK(all.find("<f>") == std::string::npos);
  CHECK(all.find("<f ") == std::string::npos);
  CHECK(workbook.find("按单位汇总") != std::string::npos);
  CHECK(summary.find("<t>合计</t>") != std::string::npos);
  CHECK(summary.find("<t>尖山街道</t>") != std::string::npos);
  // Sheets that are printed and filed: a filter on the header row (row 3, columns from A),
  // A4 (paperSize 9) landscape, one page wide, the rows down to the header on every page.
  for (const std::string* xml : {&sheet, &summary}) {
    CHECK(std::regex_search(*xml, std::regex(R"(<autoFilter ref="A3:[A-Z]+\d+"/>)")));
    CHECK(xml->find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
    std::smatch setup;
    REQUIRE(std::regex_search(*xml, setup, std::regex(R"(<pageSetup [^>]*>)")));
    for (const char* attribute : {"paperSize=\"9\"", "orientation=\"landscape\"", "fitToHeight=\"0\""})
      CHECK_MESSAGE(setup.str().find(attribute) != std::string::npos, setup.str() << " lacks " << attribute);
  }
  CHECK(workbook.find("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">") != std::string::npos);
  CHECK(workbook.find("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">") !=
        std::string::npos);
}

TEST_CASE("the compliance export keeps to the hr user's subtree and refuses a bad format") {
  auto& e = env();
  CHECK(e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.qinbei) + "&format=csv"), e.hr_qn).status == 404);
  CHECK(e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.city) + "&format=csv"), e.hr_qn).status == 404);
  auto own = e.s.get(e.url("year=2024&format=csv"), e.hr_qn);  // no unit: the hr user's own
  REQUIRE(own.status == 200);
  CHECK(own.header("content-disposition").find("compliance-QN-2024-") != std::string::npos);
  CHECK(own.body.find("王五") != std::string::npos);
  CHECK(own.body.find("北区人") == std::string::npos);
  auto bad = e.s.get(e.url("year=2024&format=pdf"), e.admin);
  CHECK(bad.status == 422);
  CHECK(bad.error_code() == "validation_failed");
  CHECK(e.s.get(e.url("year=1900&format=csv"), e.admin).status == 422);
  CHECK(e.s.get(e.url("year=2024&format=csv")).status == 401);
  auto officer = e.s.make_user("exp_officer", "officer", std::nullopt, e.wang);
  CHECK(e.s.get(e.url("year=2024&format=csv"), officer).status == 403);
}

TEST_CASE("every compliance export is in the audit log as entity export") {
  auto& e = env();
  REQUIRE(e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.jianshan) + "&format=xlsx"), e.hr_qn).status == 200);
  auto log = e.s.get("/api/v1/audit?entity=export", e.admin);
  REQUIRE_MESSAGE(log.status == 200, log.body);
  json::value body = log.json();
  auto& items = body.at("items").as_array();
  REQUIRE(!items.empty());
  auto& last = items.front().as_object();  // newest first
  CHECK(last.at("entity").as_string() == "export");
  CHECK(last.at("actor").as_string() == "hr_qn");
  CHECK(last.at("entity_id").as_int64() == e.t.jianshan);
  auto& after = last.at("after").as_object();
  CHECK(after.at("kind").as_string() == "compliance");
  CHECK(after.at("year").as_int64() == 2024);
  CHECK(after.at("format").as_string() == "xlsx");
  CHECK(after.at("unit_code").as_string() == "QN-JS");
  CHECK(after.at("rows").as_int64() == 2);
  CHECK(!after.contains("campaign_id"));
  CHECK(!last.at("at").as_string().empty());
}

TEST_CASE("certhours export compliance writes the same CSV as the HTTP export") {
  auto& e = env();
  auto http = e.s.get(e.url("year=2024&unit_id=" + std::to_string(e.t.qinnan) + "&format=csv"), e.admin);
  REQUIRE(http.status == 200);
  std::string out_file = e.s.dir() + "/cli.csv";
  std::string out;
  setenv("CERTHOURS_TODAY", "2024-11-01", 1);  // the server's "today": the same statuses
  int rc = Server::run_cli({"export", "compliance", "--db", e.s.db_path(), "--year", "2024", "--unit",
                            std::to_string(e.t.qinnan), "--format", "csv", "-o", out_file},
                           &out);
  std::string xlsx_file = e.s.dir() + "/cli.xlsx";
  int rc_x = Server::run_cli({"export", "compliance", "--db", e.s.db_path(), "--year", "2024", "--format", "xlsx",
                              "-o", xlsx_file},
                             &out);
  unsetenv("CERTHOURS_TODAY");
  REQUIRE_MESSAGE(rc == 0, out);
  CHECK(rc_x == 0);
  CHECK(read_file(out_file) == http.body);
  CHECK(read_file(xlsx_file).rfind("PK", 0) == 0);
  CHECK(shell("unzip -p '" + xlsx_file + "' xl/worksheets/sheet1.xml").find("生成人：cli") != std::string::npos);
  auto log = e.s.get("/api/v1/audit?entity=export&limit=1", e.admin);
  REQUIRE(log.status == 200);
  CHECK(log.json().at("items").as_array().at(0).at("actor").as_string() == "cli");

  // Bad usage: one line on stderr, exit status 2.
  const std::vector<std::vector<std::string>> bad = {
      {"export", "compliance", "--db", e.s.db_path(), "--year", "2024", "--format", "pdf", "-o", out_file},
      {"export", "compliance", "--db", e.s.db_path(), "--format", "csv", "-o", out_file},
      {"export", "compliance", "--db", e.s.dir() + "/nope.db", "--year", "2024", "--format", "csv", "-o", out_file},
      {"export", "compliance", "--db", e.s.db_path(), "--year", "2024", "--unit", "999", "--format", "csv", "-o",
       out_file},
      {"export", "compliance", "--db", e.s.db_path(), "--bogus", "1"},
      {"export", "roster", "--db", e.s.db_path()},
      {"backup", "--db", e.s.db_path(), "-o", out_file + ".bak", "--bogus"},
      {"backup", "--db", e.s.dir() + "/nope.db", "-o", out_file + ".bak"},
  };
  for (const auto& args : bad) {
    std::string said;
    CHECK(Server::run_cli(args, &said) == 2);
    CAPTURE(said);
    CHECK(std::count(said.begin(), said.end(), '\n') == 1);
  }
}

TEST_CASE("certhours export rotation, exit-review, progress and compliance --status write the HTTP export's file") {
  auto& e = env();
  const std::string qinnan = std::to_string(e.t.qinnan);
  struct Pair {
    std::vector<std::string> cli;  // after "export KIND --db DB"
    std::string url;
  };
  const std::vector<Pair> pairs = {
      {{"rotation", "--as-of", "2024-03-01"}, "/api/v1/rotation/export?as_of=2024-03-01"},
      {{"rotation", "--unit", qinnan, "--campaign", "1", "--format", "xlsx"},
       "/api/v1/rotation/export?unit_id=" + qinnan + "&campaign_id=1&format=xlsx"},
      {{"exit-review", "--year", "2024"}, "/api/v1/reviews/exit/export?year=2024"},
      {{"exit-review", "--unit", qinnan}, "/api/v1/reviews/exit/export?unit_id=" + qinnan},
      {{"progress", "--as-of", "2024-05-31"}, "/api/v1/reports/progress/export?as_of=2024-05-31"},
      {{"progress", "--unit", qinnan, "--format", "xlsx"}, "/api/v1/reports/progress/export?unit_id=" + qinnan +
                                                               "&format=xlsx"},
      {{"compliance", "--year", "2024", "--status", "in_progress,not_met", "--format", "csv"},
       "/api/v1/compliance/export?year=2024&status=in_progress,not_met&format=csv"},
  };
  setenv("CERTHOURS_TODAY", "2024-11-01", 1);  // the server's "today"
  for (const auto& [cli, url] : pairs) {
    CAPTURE(url);
    auto http = e.s.get(url, e.admin);
    REQUIRE_MESSAGE(http.status == 200, http.body);
    std::string out_file = e.s.dir() + "/cli-export";
    std::vector<std::string> args = {"export", cli[0], "--db", e.s.db_path(), "-o", out_file};
    args.insert(args.end(), cli.begin() + 1, cli.end());
    std::string said;
    int rc = Server::run_cli(args, &said);
    CAPTURE(said);
    REQUIRE(rc == 0);
    CHECK(contains(said, "wrote " + http.header("x-export-rows") + " "));
    std::string file = read_file(out_file);
    if (http.header("content-type").find("csv") != std::string::npos) {
      CHECK(file == http.body);
    } else {  // a workbook's zip stamps differ; its sheets' cells do not, but for who made it
      CHECK(file.rfind("PK", 0) == 0);
      CHECK(shell("unzip -p '" + out_file + "' xl/worksheets/sheet1.xml").find("生成人：cli") != std::string::npos);
    }
  }
  // Bad values: exit status 2, one line, no file.
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"rotation", "--as-of", "2024-02-30"}, {"progress", "--campaign", "0"},
        {"compliance", "--year", "2024", "--format", "csv", "--status", "met,bogus"},
        {"exit-review", "--status", "met"}, {"progress", "--year", "2024"}}) {
    std::vector<std::string> args = {"export", bad[0], "--db", e.s.db_path(), "-o", e.s.dir() + "/bad-export"};
    args.insert(args.end(), bad.begin() + 1, bad.end());
    std::string said;
    CHECK(Server::run_cli(args, &said) == 2);
    CAPTURE(said);
    CHECK(std::count(said.begin(), said.end(), '\n') == 1);
    CHECK_FALSE(std::filesystem::exists(e.s.dir() + "/bad-export"));
  }
  unsetenv("CERTHOURS_TODAY");
}

TEST_CASE("certhours backup copies a database while the server writes to it") {
  Server s;
  Tree t = make_tree(s);
  std::string admin = s.admin_token();
  std::mutex mu;
  std::vector<long long> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::thread writer([&] {
    for (int n = 1000; !stop; ++n) {
      auto r = s.post("/api/v1/officers",
                      json::object{{"name", "写入" + std::to_string(n)},
                                   {"id_number", id_number(n)},
                                   {"unit_id", t.qinnan},
                                   {"kind", "enforcement"},
                                   {"post_start", "2020-01-01"}},
                      admin);
      if (r.status != 201) {
        ++failures;
        continue;
      }
      std::lock_guard lock(mu);
      acknowledged.push_back(r.json().at("id").as_int64());
    }
  });
  auto count = [&] {
    std::lock_guard lock(mu);
    return acknowledged.size();
  };
  // Until 30 writes are acknowledged (or a write fails, or 60 s pass: the checks below say so).
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count() < 30 && failures == 0 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(count() >= 30);
  std::vector<long long> before;
  {
    std::lock_guard lock(mu);
    before = acknowledged;  // acknowledged before the backup started
  }
  std::string copy = s.dir() + "/backup.db";
  std::string out;
  int rc = Server::run_cli({"backup", "--db", s.db_path(), "-o", copy}, &out);
  while (count() < before.size() + 10 && failures == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  writer.join();
  REQUIRE_MESSAGE(rc == 0, out);
  CHECK(out.rfind("ok", 0) == 0);
  CHECK(out.find("bytes") != std::string::npos);
  CHECK(failures == 0);

  CHECK(shell("sqlite3 '" + copy + "' 'PRAGMA integrity_check'") == "ok\n");
  std::set<long long> in_copy;
  std::istringstream ids(shell("sqlite3 '" + copy + "' 'SELECT id FROM officers'"));
  for (long long id; ids >> id;) in_copy.insert(id);
  for (long long id : before) CHECK_MESSAGE(in_copy.count(id) == 1, "officer ", id, " missing from the backup");
  // The copy is a usable certhours database: the server's own schema and audit are in it.
  CHECK(shell("sqlite3 '" + copy + "' 'SELECT count(*) > 0 FROM audit WHERE entity = \"officer\"'") == "1\n");

  // An existing OUT is kept unless --force; usage errors exit 2.
  CHECK(Server::run_cli({"backup", "--db", s.db_path(), "-o", copy}, &out) == 2);
  CHECK(Server::run_cli({"backup", "--db", s.db_path(), "-o", copy, "--force"}, &out) == 0);
  CHECK(Server::run_cli({"backup", "--db", s.dir() + "/nope.db", "-o", s.dir() + "/x.db"}) == 2);
  CHECK(Server::run_cli({"backup", "--db", s.db_path()}) == 2);
  CHECK(Server::run_cli({"backup", "--db", s.db_path(), "-o", s.dir() + "/y.db", "--bogus"}) == 2);
}
