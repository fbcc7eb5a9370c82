// The import round trip (issue 4): export the roster and the sign-in records of one
// database in the import columns (GET /officers/export, GET /attendance/export), import them
// into an empty database, and the compliance figures are the same — every officer's hours,
// required hours, shortfall and status, the summary and the per-unit rows, for two years.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {

const std::vector<std::string> kToday = {"CERTHOURS_TODAY=2024-11-01"};

long long training(Server& s, const std::string& title, long long organizer, const std::string& start,
                   const std::string& end, double legal, double business, double political) {
  auto r = s.post("/api/v1/trainings",
                  json::object{{"title", title},
                               {"organizer_unit_id", organizer},
                               {"start_date", start},
                               {"end_date", end},
                               {"hours", {{"legal", legal}, {"business", business}, {"political", political}}}},
                  s.admin_token());
  REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.json().at("id").as_int64();
}

void attend(Server& s, long long training_id, const json::array& attendees) {
  auto r = s.post("/api/v1/trainings/" + S(training_id) + "/attendance", json::object{{"records", attendees}},
                  s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
}

HttpResult import_csv(Server& s, const std::string& kind, const std::string& csv) {
  return s.request("POST", "/api/v1/imports/" + kind, csv, s.admin_token(), "text/csv");
}

// The compliance answer of the whole region for a year, as JSON.
json::value compliance(Server& s, int year) {
  auto r = s.get("/api/v1/compliance?year=" + S(year) + "&limit=1000", s.admin_token());
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return r.json();
}

int data_lines(const std::string& csv) {
  int n = 0;
  for (char c : csv) n += c == '\n';
  return n - 1;  // the header
}

// The source database: officers registered through the API and through an import, one who
// joined mid-year (prorated), one who left, a police officer, a name that looks like a
// formula; trainings in 2023 and 2024 with half hours, partial credit and political hours.
struct Source {
  Server s{kToday};
  Tree t = make_tree(s);
  std::vector<long long> trainings;
  Source() {
    auto admin = s.admin_token();
    long long wang = make_officer(s, "王建国", t.qinnan, "2020-03-01", 1);
    long long li = make_officer(s, "李秀英", t.jianshan, "2024-07-15", 2);            // joined mid-2024
    long long zhao = make_officer(s, "赵警官", t.qinbei, "2019-01-01", 3, "police");  // never counted
    long long liu = make_officer(s, "=HYPERLINK(\"x\")", t.qinbei, "2021-05-01", 4);   // neutralised on export
    long long chen = make_officer(s, "陈离职", t.qinnan, "2018-01-01", 5);
    auto roster = import_csv(s, "officers",
                             "name,id_number,unit_code,kind,post_start,post_end\r\n"
                             "黄海,\"" + id_number(6) + "\",QN-JS,enforcement,2022-02-01,\r\n"
                             "\"周, 晓梅\"," + id_number(7) + ",QB,enforcement,2023-09-01,2025-12-31\r\n");
    REQUIRE_MESSAGE(roster.status == 200, roster.body);
    auto find = [&](int n) {
      auto r = s.get("/api/v1/officers?q=" + id_number(n), admin);
      REQUIRE(r.status == 200);
      return r.json().at("items").at(0).at("id").as_int64();
    };
    long long huang = find(6), zhou = find(7);

    long long t23 = training(s, "2023年公共法律知识专题", t.city, "2023-10-09", "2023-10-12", 12, 0, 2);
    long long t23b = training(s, "2023年业务技能培训", t.qinnan, "2023-12-30", "2024-01-02", 0, 16.5, 0);  // counts in 2024
    long long t24 = training(s, "行政执法证考前培训", t.city, "2024-03-04", "2024-03-08", 10.5, 24, 3);
    long long t24b = training(s, "=钦北区执法技能", t.qinbei, "2024-09-02", "2024-09-03", 2, 14, 1.5);
    trainings = {t23, t23b, t24, t24b};
    attend(s, t23, {json::object{{"officer_id", wang}}, json::object{{"officer_id", chen}},
                    json::object{{"officer_id", zhou}, {"hours", {{"legal", 7.5}, {"political", 0}}}}});
    attend(s, t23b, {json::object{{"officer_id", wang}}, json::object{{"officer_id", huang}}});
    attend(s, t24, {json::object{{"officer_id", wang}}, json::object{{"officer_id", li}},
                    json::object{{"officer_id", zhao}}, json::object{{"officer_id", huang},
                                                                       {"hours", {{"business", 12.5}}}}});
    // A sign-in sheet for the second 2024 session.
    auto sheet = import_csv(s, "attendance",
                            "training_id,id_number,legal,business,political\r\n" + S(t24b) + "," + id_number(4) +
                                ",,,\r\n" + S(t24b) + "," + id_number(7) + ",1.5,14,\r\n" + S(t24b) + "," +
                                id_number(2) + ",2,,0\r\n");
    REQUIRE_MESSAGE(sheet.status == 200, sheet.body);
    // 陈离职 left at the end of June 2024 (his 2024 requirement is prorated).
    auto left = s.patch("/api/v1/officers/" + S(chen), json::object{{"status", "left"}, {"post_end", "2024-06-30"}},
                        admin);
    REQUIRE_MESSAGE(left.status == 200, left.body);
    (void)liu;
  }
};

}  // namespace

TEST_CASE("import round trip: export the roster and sign-in records, import them into an empty database, "
          "and the compliance figures are the same") {
  Source a;
  auto roster = a.s.get("/api/v1/officers/export", a.s.admin_token());
  REQUIRE_MESSAGE(roster.status == 200, roster.body);
  auto sheets = a.s.get("/api/v1/attendance/export", a.s.admin_token());
  REQUIRE_MESSAGE(sheets.status == 200, sheets.body);
  CHECK(roster.header("content-type").find("text/csv") == 0);
  CHECK(roster.header("content-disposition").find("attachment; filename=\"officers-QZ-20241101.csv\"") == 0);
  CHECK(sheets.header("content-disposition").find("attachment; filename=\"attendance-QZ-20241101.csv\"") == 0);
  CHECK(roster.body.rfind("\xEF\xBB\xBFname,id_number,unit_code,kind,post_start,post_end\r\n", 0) == 0);
  CHECK(sheets.body.rfind("\xEF\xBB\xBFtraining_id,id_number,legal,business,political,", 0) == 0);
  CHECK(data_lines(roster.body) == 7);
  CHECK(data_lines(sheets.body) == 12);
  CHECK(roster.header("x-export-rows") == "7");
  // Full ID numbers (an import finds officers by them), the unit by code, the left officer's
  // post_end, and the formula-looking name guarded.
  CHECK(roster.body.find("王建国," + id_number(1) + ",QN,enforcement,2020-03-01,\r\n") != std::string::npos);
  CHECK(roster.body.find("赵警官," + id_number(3) + ",QB,police,2019-01-01,\r\n") != std::string::npos);
  CHECK(roster.body.find("陈离职," + id_number(5) + ",QN,enforcement,2018-01-01,2024-06-30\r\n") != std::string::npos);
  CHECK(roster.body.find("\"'=HYPERLINK(\"\"x\"\")\"," + id_number(4)) != std::string::npos);
  CHECK(roster.body.find("\"周, 晓梅\"," + id_number(7) + ",QB,enforcement,2023-09-01,2025-12-31") !=
        std::string::npos);
  // The credited hours, not the session's: 周 had 7.5 of 12 legal hours in 2023.
  CHECK(sheets.body.find(S(a.trainings[0]) + "," + id_number(7) + ",7.5,0,0,\"周, 晓梅\",2023年公共法律知识专题,2023-10-12") !=
        std::string::npos);
  CHECK(sheets.body.find(",'=钦北区执法技能,2024-09-03\r\n") != std::string::npos);

  // The empty database: the same units (by code) and the same sessions, logged in the same
  // order so they get the same ids (trainings have no import: they are logged one by one).
  Server b{kToday};
  Tree tb = make_tree(b);
  CHECK(tb.qinnan == a.t.qinnan);
  auto listed = a.s.get("/api/v1/trainings?limit=1000", a.s.admin_token());
  REQUIRE(listed.status == 200);
  auto listed_body = listed.json();
  std::vector<json::object> source_trainings;
  for (const auto& item : listed_body.at("items").as_array()) source_trainings.push_back(item.as_object());
  std::sort(source_trainings.begin(), source_trainings.end(),
            [](const json::object& x, const json::object& y) { return x.at("id").as_int64() < y.at("id").as_int64(); });
  REQUIRE(source_trainings.size() == 4);
  for (const json::object& t : source_trainings) {
    json::object body{{"title", t.at("title")},
                      {"organizer_unit_id", t.at("organizer_unit_id")},
                      {"start_date", t.at("start_date")},
                      {"end_date", t.at("end_date")},
                      {"hours", t.at("hours")}};
    auto r = b.post("/api/v1/trainings", body, b.admin_token());
    REQUIRE_MESSAGE(r.status == 201, r.body);
    CHECK(r.json().at("id") == t.at("id"));
  }

  auto ro = import_csv(b, "officers", roster.body);
  REQUIRE_MESSAGE(ro.status == 200, ro.body);
  CHECK(ro.json().at("imported").as_int64() == 7);
  auto at = import_csv(b, "attendance", sheets.body);
  REQUIRE_MESSAGE(at.status == 200, at.body);
  CHECK(at.json().at("imported").as_int64() == 12);
  CHECK(at.json().at("skipped_duplicates").as_int64() == 0);

  // The same figures, to the last field, for both years (officer ids included: the roster
  // is in registration order, so the import numbers them alike).
  for (int year : {2023, 2024}) {
    CAPTURE(year);
    json::value ca = compliance(a.s, year), cb = compliance(b, year);
    CHECK(ca.at("summary") == cb.at("summary"));
    CHECK(ca.at("children") == cb.at("children"));
    CHECK(ca.at("items") == cb.at("items"));
    CHECK(ca == cb);
  }
  // Spot checks that the figures are not trivially alike: 2024 has officers met and not yet
  // met, and hours that came from the partial credits and the sign-in sheet.
  json::value c24 = compliance(b, 2024);
  CHECK(c24.at("summary").at("officers").as_int64() == 7);
  CHECK(c24.at("summary").at("met").as_int64() >= 1);
  CHECK(c24.at("summary").at("in_progress").as_int64() >= 1);
  int found = 0;
  for (const auto& item : c24.at("items").as_array()) {
    if (item.at("name") != "黄海") continue;
    ++found;
    CHECK(num(item.at("legal").at("earned")) == 10.5);       // 0 + 10.5
    CHECK(num(item.at("business").at("earned")) == 29);      // 16.5 + 12.5 of 24
  }
  CHECK(found == 1);
  // The left officer stays left; the formula-looking name is back as it was.
  auto chen = b.get("/api/v1/officers?q=" + id_number(5), b.admin_token());
  CHECK(chen.json().at("items").at(0).at("status") == "left");
  auto liu = b.get("/api/v1/officers?q=" + id_number(4), b.admin_token());
  CHECK(liu.json().at("items").at(0).at("name") == "=HYPERLINK(\"x\")");

  // The printed sheet is the same file, byte for byte.
  auto sheet_a = a.s.get("/api/v1/compliance/export?year=2024&format=csv", a.s.admin_token());
  auto sheet_b = b.get("/api/v1/compliance/export?year=2024&format=csv", b.admin_token());
  REQUIRE(sheet_a.status == 200);
  CHECK(sheet_a.body == sheet_b.body);
  // And exporting again from the new database gives back the files imported.
  CHECK(b.get("/api/v1/officers/export", b.admin_token()).body == roster.body);
  CHECK(b.get("/api/v1/attendance/export", b.admin_token()).body == sheets.body);

  // Importing the same files again adds nothing.
  auto again = import_csv(b, "attendance", sheets.body);
  REQUIRE(again.status == 200);
  CHECK(again.json().at("imported").as_int64() == 0);
  CHECK(again.json().at("skipped_duplicates").as_int64() == 12);
  auto again_roster = import_csv(b, "officers", roster.body);
  REQUIRE(again_roster.status == 200);
  CHECK(again_roster.json().at("imported").as_int64() == 0);
  CHECK(again_roster.json().at("skipped_duplicates").as_int64() == 7);
}

TEST_CASE("roster and sign-in exports: a unit's subtree, one year, admins only, audited, and the CLI twin") {
  Source a;
  std::string admin = a.s.admin_token();

  auto qn = a.s.get("/api/v1/officers/export?unit_id=" + S(a.t.qinnan), admin);
  REQUIRE(qn.status == 200);
  CHECK(data_lines(qn.body) == 4);  // 王建国, 陈离职 (钦南区), 李秀英, 黄海 (尖山街道)
  CHECK(qn.body.find("赵警官") == std::string::npos);
  CHECK(qn.header("content-disposition").find("officers-QN-20241101.csv") != std::string::npos);

  auto y23 = a.s.get("/api/v1/attendance/export?year=2023", admin);
  REQUIRE(y23.status == 200);
  CHECK(data_lines(y23.body) == 3);  // the session ending 2024-01-02 counts in 2024
  CHECK(y23.header("content-disposition").find("attendance-QZ-2023-20241101.csv") != std::string::npos);
  auto js = a.s.get("/api/v1/attendance/export?year=2024&unit_id=" + S(a.t.jianshan), admin);
  REQUIRE(js.status == 200);
  CHECK(data_lines(js.body) == 4);  // 黄海 ×2, 李秀英 ×2
  CHECK(js.body.find("赵警官") == std::string::npos);

  // Only CSV: the import's format.
  auto xlsx = a.s.get("/api/v1/officers/export?format=xlsx", admin);
  CHECK(xlsx.status == 422);
  CHECK(xlsx.body.find("format") != std::string::npos);
  CHECK(a.s.get("/api/v1/attendance/export?year=1900", admin).status == 422);
  CHECK(a.s.get("/api/v1/attendance/export?unit_id=999", admin).status == 404);

  // Full ID numbers: administrators only.
  std::string hr = a.s.make_user("hr_rt", "hr", a.t.qinnan, std::nullopt);
  CHECK(a.s.get("/api/v1/officers/export", hr).status == 403);
  CHECK(a.s.get("/api/v1/attendance/export", hr).status == 403);
  CHECK(a.s.get("/api/v1/officers/export").status == 401);
  // /officers/{id} is still there beside /officers/export.
  CHECK(a.s.get("/api/v1/officers/1", admin).status == 200);

  // Each export is in the audit log.
  auto log = a.s.get("/api/v1/audit?entity=export&limit=1", admin);
  REQUIRE(log.status == 200);
  auto last = log.json().at("items").at(0);
  CHECK(last.at("after").at("kind") == "attendance");
  CHECK(last.at("after").at("year") == 2024);
  CHECK(last.at("after").at("rows") == 4);
  CHECK(last.at("after").at("unit_code") == "QN-JS");
  CHECK(last.at("entity_id") == a.t.jianshan);

  // certhours export officers|attendance writes the same files.
  std::string out = a.s.dir() + "/roster.csv";
  std::string printed;
  REQUIRE(Server::run_cli({"export", "officers", "--db", a.s.db_path(), "-o", out}, &printed) == 0);
  CHECK(read_file(out) == a.s.get("/api/v1/officers/export", admin).body);
  CHECK(printed.find("wrote 7 officers") != std::string::npos);
  std::string out2 = a.s.dir() + "/att.csv";
  REQUIRE(Server::run_cli({"export", "attendance", "--db", a.s.db_path(), "--year", "2024", "--unit",
                           S(a.t.jianshan), "-o", out2}, &printed) == 0);
  CHECK(read_file(out2) == js.body);
  CHECK(Server::run_cli({"export", "officers", "--db", a.s.db_path(), "--format", "xlsx", "-o", out}) == 2);
  CHECK(Server::run_cli({"export", "officers", "--db", a.s.db_path(), "--year", "2024", "-o", out}) == 2);
  CHECK(Server::run_cli({"export", "roster", "--db", a.s.db_path(), "-o", out}) == 2);
}
