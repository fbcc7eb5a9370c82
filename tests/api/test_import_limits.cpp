// The bounds of an import (docs/limits.md "Imports", issue 9 findings 2, 4 and 8): a refused
// file's report lists the first 100 bad lines and counts the rest, a file past the record
// ceiling is refused at its first record past it, an hr user's report never tells which ID
// numbers exist outside their units nor, past the first few, which of a list of guesses
// exist in them; and exports guard full-width formula signs so that they import back as
// they were.
#include <doctest/doctest.h>

#include "harness.hpp"

using namespace certhours::test;

namespace {
struct LimitsEnv {
  Server s{{"CERTHOURS_TODAY=2024-11-01"}};
  Tree t;
  std::string admin, hr;
  long long training = 0;  // by the city, 6 + 6 + 3 hours, 2024-06
  LimitsEnv() : t(make_tree(s)) {
    s.language = "en";  // the reasons checked below are the English ones
    admin = s.admin_token();
    hr = s.make_user("hr_limits", "hr", t.qinnan, std::nullopt);
    auto r = s.post("/api/v1/trainings",
                    json::object{{"title", "上限培训"},
                                 {"organizer_unit_id", t.city},
                                 {"start_date", "2024-06-03"},
                                 {"end_date", "2024-06-04"},
                                 {"hours", {{"legal", 6}, {"business", 6}, {"political", 3}}}},
                    admin);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    training = r.json().at("id").as_int64();
  }
};
LimitsEnv& env() {
  static LimitsEnv e;
  return e;
}

// A new hr user of 钦南区: each line naming an unknown ID number spends the user's daily budget
// of lookups by ID number (docs/security.md), so a test about those lines starts with a full one.
std::string fresh_hr() {
  static int n = 0;
  return env().s.make_user("hr_limits_" + std::to_string(++n), "hr", env().t.qinnan, std::nullopt);
}

const std::string kSheetHeader = "training_id,id_number,legal,business,political\r\n";

HttpResult import(const std::string& kind, const std::string& body, const std::string& tok) {
  return env().s.request("POST", "/api/v1/imports/" + kind, body, tok, "text/csv");
}

std::vector<long long> lines_of(const json::value& body) {
  std::vector<long long> out;
  for (const auto& row : body.at("rows").as_array()) out.push_back(row.at("line").as_int64());
  return out;
}
std::string message_of(const json::value& body, long long line) {
  for (const auto& row : body.at("rows").as_array())
    if (row.at("line").as_int64() == line) return std::string(row.at("message").as_string());
  return "";
}

long long attendees(long long training) {
  auto r = env().s.get("/api/v1/trainings/" + S(training), env().admin);
  REQUIRE_MESSAGE(r.status == 200, r.body);
  return static_cast<long long>(r.json().at("attendees").as_array().size());
}

std::string row(long long training, const std::string& id, const std::string& hours = ",,") {
  return S(training) + "," + id + "," + hours + "\r\n";
}
}  // namespace

TEST_CASE("import limits: a report lists the first 100 bad lines, in line order, and counts the rest") {
  auto& e = env();
  long long o = make_officer(e.s, "上限一", e.t.qinnan, "2016-01-01", 3001);
  // 250 bad lines between good ones: even ones are refused on their own (hours not in steps of
  // 0.5), odd ones only against the database (no such training): the list interleaves both.
  std::string csv = kSheetHeader + row(e.training, id_number(3001));  // line 2: good
  std::vector<long long> bad_lines;
  int line = 3;
  for (int k = 0; k < 250; ++k, ++line) {
    csv += k % 2 ? row(999999, id_number(3001)) : row(e.training, id_number(3001), "0.3,,");
    bad_lines.push_back(line);
    if (k % 50 == 0) {
      csv += row(e.training, id_number(3001));  // good lines in between
      ++line;
    }
  }
  for (const auto& tok : {e.admin, e.hr}) {
    auto r = import("attendance", csv, tok);
    REQUIRE_MESSAGE(r.status == 422, r.body.substr(0, 2000));
    auto body = r.json();
    CHECK(r.error_code() == "validation_failed");
    auto lines = lines_of(body);
    REQUIRE(lines.size() == 100u);
    CHECK(lines == std::vector<long long>(bad_lines.begin(), bad_lines.begin() + 100));
    CHECK(body.at("more_rows").as_int64() == 150);
    CHECK(message_of(body, bad_lines[0]).find("0.5") != std::string::npos);
    CHECK(message_of(body, bad_lines[1]).find("training 999999 not found") != std::string::npos);
    std::string msg(body.at("error").at("message").as_string());
    CHECK_MESSAGE(msg.find("250 line(s) refused") != std::string::npos, msg);
    CHECK_MESSAGE(msg.find("150 more") != std::string::npos, msg);
  }
  CHECK(attendees(e.training) == 0);
  CHECK(num(e.s.get("/api/v1/officers/" + S(o) + "/hours?year=2024", e.admin).json().at("legal").at("earned")) == 0);

  // A small refused file: every bad line listed, more_rows 0.
  auto small = import("attendance", kSheetHeader + row(e.training, id_number(3001), "0.3,,"), e.hr);
  REQUIRE(small.status == 422);
  CHECK(lines_of(small.json()) == std::vector<long long>{2});
  CHECK(small.json().at("more_rows").as_int64() == 0);
  // A file refused as a whole has the same shape.
  auto empty = import("attendance", kSheetHeader, e.hr);
  REQUIRE(empty.status == 422);
  CHECK(empty.json().at("rows").as_array().empty());
  CHECK(empty.json().at("more_rows").as_int64() == 0);
}

TEST_CASE("import limits: the finding's attack, 20 MiB of one-field lines, is answered at once and small") {
  auto& e = env();
  // The ceiling is 500,000 records: "1\n" lines up to the 20 MiB body limit reach it at line
  // 500,002 (the header is line 1); reading stops there.
  std::string csv = kSheetHeader;
  csv.reserve(20u << 20);
  while (csv.size() + 2 <= (20u << 20)) csv += "1\n";
  // (How long it takes is measured by bench/bench_hostile.py, not asserted here.)
  auto r = import("attendance", csv, e.hr);
  REQUIRE_MESSAGE(r.status == 422, r.body.substr(0, 2000));
  CHECK_MESSAGE(r.body.size() < 20000u, r.body.size());
  auto body = r.json();
  auto lines = lines_of(body);
  REQUIRE(lines.size() == 100u);
  CHECK(lines[0] == 2);
  CHECK(lines[98] == 100);
  CHECK(lines[99] == 500002);  // the record past the ceiling is always listed
  CHECK(message_of(body, 2).find("1 fields, but the header names 5 columns") != std::string::npos);
  CHECK(message_of(body, 500002).find("more than 500000 records") != std::string::npos);
  CHECK(body.at("more_rows").as_int64() == 500001 - 100);
  std::string msg(body.at("error").at("message").as_string());
  CHECK_MESSAGE(msg.find("line 500002") != std::string::npos, msg);
  CHECK_MESSAGE(msg.find("split") != std::string::npos, msg);
  CHECK(attendees(e.training) == 0);
  // The server is still well.
  CHECK(e.s.get("/api/v1/healthz").status == 200);
}

TEST_CASE("import limits: 500,000 records are read whole; the next one is refused whatever the lines hold") {
  auto& e = env();
  long long before = list_total(e.s, "/api/v1/officers", e.admin);
  // Blank lines do not count; a roster of 500,000 one-field records reaches no database.
  std::string csv = "name,id_number,unit_code,kind,post_start,post_end\r\n\r\n";
  for (int i = 0; i < 500000; ++i) csv += "x\n";
  auto at = import("officers", csv, e.admin);
  REQUIRE(at.status == 422);
  CHECK(at.json().at("more_rows").as_int64() == 500000 - 100);
  CHECK(std::string(at.json().at("error").at("message").as_string()).find("500000 line(s) refused") != std::string::npos);
  auto past = import("officers", csv + "\r\nx\n", e.admin);  // line 500,004
  REQUIRE(past.status == 422);
  auto body = past.json();
  CHECK(lines_of(body).back() == 500004);
  CHECK(message_of(body, 500004).find("more than 500000 records") != std::string::npos);
  CHECK(list_total(e.s, "/api/v1/officers", e.admin) == before);
}

TEST_CASE("import limits: an ID number outside an hr user's units reads like one nobody has") {
  auto& e = env();
  make_officer(e.s, "辖内", e.t.jianshan, "2016-01-01", 3101);
  make_officer(e.s, "辖外", e.t.qinbei, "2016-01-01", 3102);
  std::string csv = kSheetHeader + row(e.training, id_number(3101)) +  // 2: fine
                    row(e.training, id_number(3102)) +                  // 3: another unit's officer
                    row(e.training, id_number(3103));                   // 4: nobody
  auto r = import("attendance", csv, fresh_hr());
  REQUIRE_MESSAGE(r.status == 422, r.body);
  auto body = r.json();
  CHECK(lines_of(body) == std::vector<long long>{3, 4});
  CHECK(message_of(body, 3) == "no officer with this ID number in your units");
  CHECK(message_of(body, 3) == message_of(body, 4));
  // The admin sees every unit: only nobody's number is refused, and said plainly.
  auto admin = import("attendance", csv, e.admin);
  REQUIRE(admin.status == 422);
  CHECK(lines_of(admin.json()) == std::vector<long long>{4});
  CHECK(message_of(admin.json(), 4) == "no officer with this ID number");
  CHECK(attendees(e.training) == 0);
}

TEST_CASE("import limits: past 10 unknown ID numbers an hr report names no more, and reads the same whether a "
          "guess exists") {
  auto& e = env();
  long long mine = make_officer(e.s, "被猜", e.t.qinnan, "2016-01-01", 3201);
  // Sixteen guesses at one officer's number; line 14 is the right one in one file and a wrong
  // one in the other. Line 14 also credits more hours than the session has, a reason of its
  // own that must read the same either way.
  auto sheet = [&](bool right) {
    std::string csv = kSheetHeader;
    for (int k = 0; k < 16; ++k) {
      std::string id = k == 12 && right ? id_number(3201) : id_number(3210 + k);
      csv += row(e.training, id, k == 12 ? "8,," : ",,");
    }
    return csv;
  };
  auto with = import("attendance", sheet(true), fresh_hr());
  auto without = import("attendance", sheet(false), fresh_hr());
  REQUIRE_MESSAGE(with.status == 422, with.body);
  REQUIRE_MESSAGE(without.status == 422, without.body);
  CHECK(with.body == without.body);  // byte for byte
  auto body = with.json();
  // The first 10 unknown lines are named (2..11); line 14 only for its hours.
  CHECK(lines_of(body) == std::vector<long long>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14});
  CHECK(message_of(body, 14).find("exceed") != std::string::npos);
  CHECK(message_of(body, 14).find("ID number") == std::string::npos);
  CHECK(body.at("more_rows").as_int64() == 0);
  std::string msg(body.at("error").at("message").as_string());
  CHECK_MESSAGE(msg.find("neither listed nor counted") != std::string::npos, msg);
  CHECK(attendees(e.training) == 0);
  (void)mine;

  // Without the bad hours, a file whose only faults are unlisted unknown numbers is refused too.
  std::string quiet = kSheetHeader;
  for (int k = 0; k < 12; ++k) quiet += row(e.training, id_number(3230 + k));
  std::string quiet_hr = fresh_hr();
  auto q = import("attendance", quiet, quiet_hr);
  REQUIRE(q.status == 422);
  CHECK(lines_of(q.json()).size() == 10u);
  CHECK(q.json().at("more_rows").as_int64() == 0);
  // Each named line spent one of the user's 20 daily lookups by ID number: the same file again
  // names 10 more, then none; a lookup by ID number is then refused too.
  CHECK(lines_of(import("attendance", quiet, quiet_hr).json()).size() == 10u);
  auto spent = import("attendance", quiet, quiet_hr);
  REQUIRE(spent.status == 422);
  CHECK(lines_of(spent.json()).empty());
  CHECK_MESSAGE(std::string(spent.json().at("error").at("message").as_string()).find("budget") != std::string::npos,
                spent.body);
  auto lookup = e.s.get("/api/v1/officers?q=" + id_number(3230), quiet_hr);
  CHECK(lookup.status == 429);
  // The admin's report names every one.
  auto admin = import("attendance", quiet, e.admin);
  REQUIRE(admin.status == 422);
  CHECK(lines_of(admin.json()).size() == 12u);
  CHECK(attendees(e.training) == 0);
}

TEST_CASE("import limits: 'already registered' reads the same in the hr user's units and outside them") {
  auto& e = env();
  make_officer(e.s, "已登记内", e.t.qinnan, "2016-01-01", 3301);
  make_officer(e.s, "已登记外", e.t.qinbei, "2016-01-01", 3302);
  std::string csv = "name,id_number,unit_code,kind,post_start,post_end\r\n"
                    "另一人," + id_number(3301) + ",QN,enforcement,2020-01-01,\r\n"
                    "另一人," + id_number(3302) + ",QN,enforcement,2020-01-01,\r\n";
  auto r = import("officers", csv, e.hr);
  REQUIRE_MESSAGE(r.status == 422, r.body);
  auto body = r.json();
  CHECK(lines_of(body) == std::vector<long long>{2, 3});
  auto masked = [](std::string m, const std::string& id) {
    std::string mask = id.substr(0, 6) + "********" + id.substr(14);
    auto at = m.find(mask);
    REQUIRE(at != std::string::npos);
    return m.replace(at, mask.size(), "ID");
  };
  CHECK(message_of(body, 2).find("already registered") != std::string::npos);
  CHECK(masked(message_of(body, 2), id_number(3301)) == masked(message_of(body, 3), id_number(3302)));
  // POST /officers answers both alike too.
  auto post = [&](int n) {
    return e.s.post("/api/v1/officers",
                    json::object{{"name", "另一人"}, {"id_number", id_number(n)}, {"unit_id", e.t.qinnan},
                                 {"kind", "enforcement"}, {"post_start", "2020-01-01"}},
                    e.hr);
  };
  auto in = post(3301), out = post(3302);
  CHECK(in.status == 409);
  CHECK(out.status == 409);
  CHECK(masked(std::string(in.json().at("error").at("message").as_string()), id_number(3301)) ==
        masked(std::string(out.json().at("error").at("message").as_string()), id_number(3302)));
}

TEST_CASE("import limits: full-width formula signs and leading spaces are guarded on export and read back exactly") {
  auto& e = env();
  std::vector<std::string> names = {"＝1+1", "＋86", "－王", "＠SUM", "'=x", "=HYPERLINK(\"y\")"};
  std::vector<long long> ids;
  for (std::size_t i = 0; i < names.size(); ++i)
    ids.push_back(make_officer(e.s, names[i], e.t.qinbei, "2019-01-01", 3401 + static_cast<int>(i)));
  auto roster = e.s.get("/api/v1/officers/export?unit_id=" + S(e.t.qinbei), e.admin);
  REQUIRE_MESSAGE(roster.status == 200, roster.body);
  for (const char* cell : {"\n'＝1+1,", "\n'＋86,", "\n'－王,", "\n'＠SUM,", "\n''=x,", "\n\"'=HYPERLINK(\"\"y\"\")\","})
    CHECK_MESSAGE(roster.body.find(cell) != std::string::npos, cell);
  // Imported again, every name reads as registered: all duplicates, nothing refused.
  auto again = import("officers", roster.body, e.admin);
  REQUIRE_MESSAGE(again.status == 200, again.body);
  CHECK(again.json().at("imported").as_int64() == 0);
  CHECK(again.json().at("skipped_duplicates").as_int64() >= static_cast<long long>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i)
    CHECK(str(e.s.get("/api/v1/officers/" + S(ids[i]), e.admin).json().at("name")) == names[i]);
}

TEST_CASE("import limits: certhours import lists 100 bad lines and counts the rest") {
  auto& e = env();
  std::string file = e.s.dir() + "/many-bad.csv";
  std::string csv = kSheetHeader;
  for (int k = 0; k < 130; ++k) csv += "1\n";
  {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    REQUIRE(f);
    std::fwrite(csv.data(), 1, csv.size(), f);
    std::fclose(f);
  }
  std::string out;
  CHECK(Server::run_cli({"import", "attendance", "--db", e.s.db_path(), file, "--as", "admin"}, &out) == 1);
  std::size_t listed = 0;
  for (std::size_t at = out.find("\nline "); at != std::string::npos; at = out.find("\nline ", at + 1)) ++listed;
  CHECK_MESSAGE(listed == 100u, out.substr(0, 500));
  CHECK(out.find("line 101:") != std::string::npos);
  CHECK(out.find("line 102:") == std::string::npos);
  CHECK(out.find("30 more refused lines not listed") != std::string::npos);
}
