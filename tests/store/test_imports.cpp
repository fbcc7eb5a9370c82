// Imports of rosters and sign-in sheets (lib/store/imports.hpp) into a real file: a good file
// writes every row with its audit entries, a file with one bad line writes nothing and names
// the line and its rule, the same file twice adds nothing, an hr user's scope holds.
#include <doctest/doctest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "store/imports.hpp"
#include "store/rows.hpp"
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {

const Date kToday = make_date(2024, 6, 15);
const std::string kRosterHeader = "name,id_number,unit_code,kind,post_start,post_end";
const std::string kSheetHeader = "training_id,id_number,legal,business,political";

std::string lines(std::initializer_list<std::string> ls, const char* eol = "\n") {
  std::string out;
  for (const auto& l : ls) out += l + eol;
  return out;
}

std::optional<Officer> by_id_number(store::Store& s, const std::string& id) {
  store::OfficerQuery q;
  q.q = id;
  auto page = s.officers.search(q);
  for (auto& o : page.items)
    if (o.id_number == id) return o;
  return std::nullopt;
}

// The newest summary row of the imports ("import"/"import"), as JSON text.
std::string last_summary(store::Store& s) {
  auto page = s.audit.page(std::string("import"), std::nullopt, 1, 0);
  REQUIRE(page.items.size() == 1);
  CHECK(page.items[0].action == "import");
  return page.items[0].after;
}

std::string reasons_of(const store::ImportOutcome& out) {
  std::string s;
  if (out.file_error) s += "file: " + std::string(out.file_error->rule) + "; ";
  for (const auto& p : out.problems) {
    s += "line " + std::to_string(p.line) + ":";
    for (const auto& r : p.reasons) s += " " + std::string(r.rule) + "(" + r.field + ")";
    s += "; ";
  }
  return s;
}

// An n for which id_number(n) ends in X (so a file may write it with a small x).
int n_with_x() {
  for (int n = 100;; ++n)
    if (id_number(n).back() == 'X') return n;
}

}  // namespace

TEST_CASE("Imports::officers: a good roster writes every row, one audit entry each and one summary") {
  TempDb db("import-roster");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  const int nx = n_with_x();
  std::string idx = id_number(nx);
  std::string idx_small = idx.substr(0, 17) + "x";
  const std::string text = lines({kRosterHeader,
                                  "张三," + id_number(1) + ",QN,enforcement,2015-03-01,",
                                  "李四," + id_number(2) + ",QN01,police,2018-07-01,",
                                  "王五," + id_number(3) + ",QB,enforcement,2010-01-01,2023-12-31",
                                  "赵六," + id_number(4) + ", QX ,enforcement,2020-05-01,2026-12-31",
                                  "\"钱,七\"," + idx_small + ",QN,enforcement,2019-01-01,"});
  const auto audit_before = audit_total(s);

  auto out = s.imports.officers(text, std::nullopt, kToday, kAdmin);
  REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
  CHECK(out.rows == 5);
  CHECK(out.imported == 5);
  CHECK(out.skipped_duplicates == 0);
  CHECK(rows_in(s, "officers") == 5);

  auto zs = by_id_number(s, id_number(1));
  REQUIRE(zs.has_value());
  CHECK(zs->name == "张三");
  CHECK(zs->unit_id == u.qn);
  CHECK(zs->kind == OfficerKind::enforcement);
  CHECK(zs->status == OfficerStatus::active);
  CHECK(zs->post_start == d(2015, 3, 1));
  CHECK_FALSE(zs->post_end.has_value());
  auto ls = by_id_number(s, id_number(2));
  REQUIRE(ls.has_value());
  CHECK(ls->kind == OfficerKind::police);
  CHECK(ls->unit_id == u.qn01);
  auto ww = by_id_number(s, id_number(3));
  REQUIRE(ww.has_value());
  CHECK(ww->status == OfficerStatus::left);  // post ended before today: registered as left
  CHECK(ww->post_end == d(2023, 12, 31));
  auto zl = by_id_number(s, id_number(4));
  REQUIRE(zl.has_value());
  CHECK(zl->status == OfficerStatus::active);  // post ends after today
  CHECK(zl->unit_id == u.qx);                  // the unit code was trimmed
  auto qq = by_id_number(s, idx);              // stored with a capital X
  REQUIRE(qq.has_value());
  CHECK(qq->name == "钱,七");

  CHECK(audit_total(s) == audit_before + 6);
  CHECK(audit_actions(s, "officer", "create") == 5);
  CHECK(last_summary(s) == R"({"kind":"officers","rows":5,"imported":5,"skipped_duplicates":0})");

  SUBCASE("the same file again adds nothing") {
    auto again = s.imports.officers(text, std::nullopt, kToday, kAdmin);
    REQUIRE_MESSAGE(again.is_ok(), reasons_of(again));
    CHECK(again.imported == 0);
    CHECK(again.skipped_duplicates == 5);
    CHECK(rows_in(s, "officers") == 5);
    CHECK(audit_actions(s, "officer", "create") == 5);
    CHECK(audit_total(s) == audit_before + 7);  // its summary only
    CHECK(last_summary(s) == R"({"kind":"officers","rows":5,"imported":0,"skipped_duplicates":5})");
  }
  SUBCASE("the same roster saved by Excel (BOM, CRLF, columns reordered, an extra column) adds nothing") {
    const std::string excel =
        "\xEF\xBB\xBF" + lines({"序号,unit_code,name,id_number,kind,post_start,post_end",
                                "1,QN,张三," + id_number(1) + ",enforcement,2015-03-01,",
                                "2,QN01,李四," + id_number(2) + ",police,2018-07-01,",
                                "3,QB,王五," + id_number(3) + ",enforcement,2010-01-01,2023-12-31",
                                "4,QX,赵六," + id_number(4) + ",enforcement,2020-05-01,2026-12-31",
                                "5,QN,\"钱,七\"," + idx + ",enforcement,2019-01-01,"},
                               "\r\n");
    auto again = s.imports.officers(excel, std::nullopt, kToday, kAdmin);
    REQUIRE_MESSAGE(again.is_ok(), reasons_of(again));
    CHECK(again.rows == 5);
    CHECK(again.imported == 0);
    CHECK(again.skipped_duplicates == 5);
    CHECK(rows_in(s, "officers") == 5);
  }
  SUBCASE("a file with old and new rows adds only the new ones; a row twice in the file counts once") {
    auto more = s.imports.officers(lines({kRosterHeader, "张三," + id_number(1) + ",QN,enforcement,2015-03-01,",
                                          "孙八," + id_number(8) + ",QB,enforcement,2021-01-04,",
                                          "孙八," + id_number(8) + ",QB,enforcement,2021-01-04,"}),
                                   std::nullopt, kToday, kAdmin);
    REQUIRE_MESSAGE(more.is_ok(), reasons_of(more));
    CHECK(more.imported == 1);
    CHECK(more.skipped_duplicates == 2);
    CHECK(rows_in(s, "officers") == 6);
    CHECK(audit_actions(s, "officer", "create") == 6);
    CHECK(last_summary(s) == R"({"kind":"officers","rows":3,"imported":1,"skipped_duplicates":2})");
  }
}

TEST_CASE("Imports::officers: one bad line among good ones writes nothing and names that line and its rule") {
  TempDb db("import-roster-bad");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  // Someone already registered, for the "registered with other data" line.
  make_officer(s, 50, "周九", u.qb);
  const auto officers_before = rows_in(s, "officers");
  const auto audit_before = audit_total(s);

  std::string bad, rule, field;
  SUBCASE("check digit") {
    bad = "吴一," + id_number_bad_check(11) + ",QN,enforcement,2015-03-01,";
    rule = "id_number_check_digit";
    field = "id_number";
  }
  SUBCASE("an ID number a spreadsheet turned into a number") {
    bad = "吴一,4.50702E+17,QN,enforcement,2015-03-01,";
    rule = "id_number_scientific";
    field = "id_number";
  }
  SUBCASE("no such unit code") {
    bad = "吴一," + id_number(11) + ",ZZ,enforcement,2015-03-01,";
    rule = "unit_code_unknown";
    field = "unit_code";
  }
  SUBCASE("an unknown kind") {
    bad = "吴一," + id_number(11) + ",QN,auxiliary,2015-03-01,";
    rule = "value_not_allowed";
    field = "kind";
  }
  SUBCASE("a date that does not exist") {
    bad = "吴一," + id_number(11) + ",QN,enforcement,2024-02-30,";
    rule = "date_invalid";
    field = "post_start";
  }
  SUBCASE("post_end before post_start") {
    bad = "吴一," + id_number(11) + ",QN,enforcement,2015-03-01,2015-02-28";
    rule = "post_dates_reversed";
    field = "post_end";
  }
  SUBCASE("an empty name") {
    bad = " ," + id_number(11) + ",QN,enforcement,2015-03-01,";
    rule = "text_empty";
    field = "name";
  }
  SUBCASE("an ID number earlier in the file with another name") {
    bad = "吴一," + id_number(1) + ",QN,enforcement,2015-03-01,";
    rule = "id_number_repeated";
  }
  SUBCASE("an ID number registered with another name") {
    bad = "吴一," + id_number(50) + ",QB,enforcement,2015-03-01,";
    rule = "id_number_registered_otherwise";
  }
  SUBCASE("a cell with a comma not in quotes (one field too many)") {
    bad = "吴,一," + id_number(11) + ",QN,enforcement,2015-03-01,";
    rule = "csv_field_count";
  }
  SUBCASE("text after a closing quote") {
    bad = "\"吴\"一," + id_number(11) + ",QN,enforcement,2015-03-01,";
    rule = "csv_text_after_quote";
  }
  CAPTURE(bad);
  const std::string text = lines({kRosterHeader, "张三," + id_number(1) + ",QN,enforcement,2015-03-01,",
                                  "李四," + id_number(2) + ",QN01,police,2018-07-01,", bad,
                                  "王五," + id_number(3) + ",QB,enforcement,2010-01-01,2023-12-31",
                                  "赵六," + id_number(4) + ",QX,enforcement,2020-05-01,"});
  auto out = s.imports.officers(text, std::nullopt, kToday, kAdmin);
  CAPTURE(reasons_of(out));
  CHECK_FALSE(out.is_ok());
  CHECK_FALSE(out.file_error.has_value());
  CHECK(out.rows == 5);
  CHECK(out.imported == 0);
  CHECK(out.skipped_duplicates == 0);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.more_problems == 0);
  CHECK(out.problems[0].line == 4);
  REQUIRE(out.problems[0].reasons.size() == 1);
  CHECK(out.problems[0].reasons[0].rule == rule);
  CHECK(out.problems[0].reasons[0].field == field);
  if (rule == "id_number_repeated") {
    CHECK(out.problems[0].reasons[0].param("line") == "2");
    CHECK(out.problems[0].reasons[0].param("id_number") == mask_id_number(id_number(1)));  // never in full
  }
  if (rule == "id_number_registered_otherwise")
    CHECK(out.problems[0].reasons[0].param("id_number") == mask_id_number(id_number(50)));

  CHECK(rows_in(s, "officers") == officers_before);
  CHECK(audit_total(s) == audit_before);
  CHECK_FALSE(by_id_number(s, id_number(1)).has_value());
}

TEST_CASE("Imports::officers: a line with several faults lists each; lines are the file's lines") {
  TempDb db("import-roster-lines");
  store::Store s(db.str(), 2);
  make_units(s);
  // A note spanning three lines of the file (a quoted cell with line breaks) before the bad
  // record: the record starts on line 5 of the file, and is reported so.
  const std::string text = lines({"name,id_number,unit_code,kind,post_start,post_end,备注",
                                  "张三," + id_number(1) + ",QN,enforcement,2015-03-01,,\"第一行\n第二行\n第三行\"",
                                  ",," + std::string("QN") + ",auxiliary,2015-13-01,,"});
  auto out = s.imports.officers(text, std::nullopt, kToday, kAdmin);
  CAPTURE(reasons_of(out));
  CHECK_FALSE(out.is_ok());
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].line == 5);
  REQUIRE(out.problems[0].reasons.size() == 4);
  CHECK(out.problems[0].reasons[0].rule == "text_empty");
  CHECK(out.problems[0].reasons[0].field == "name");
  CHECK(out.problems[0].reasons[1].rule == "text_empty");
  CHECK(out.problems[0].reasons[1].field == "id_number");
  CHECK(out.problems[0].reasons[2].rule == "value_not_allowed");
  CHECK(out.problems[0].reasons[3].rule == "date_invalid");
  CHECK(rows_in(s, "officers") == 0);

  SUBCASE("past ImportLimits::listed_lines, lines are counted, not listed") {
    std::vector<std::string> ls{kRosterHeader};
    for (int i = 0; i < 5; ++i) ls.push_back("某," + id_number_bad_check(20 + i) + ",QN,enforcement,2015-03-01,");
    std::string many;
    for (const auto& l : ls) many += l + "\n";
    store::ImportLimits limits;
    limits.listed_lines = 2;
    auto r = s.imports.officers(many, std::nullopt, kToday, kAdmin, limits);
    CHECK_FALSE(r.is_ok());
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[1].line == 3);
    CHECK(r.more_problems == 3);
  }
}

TEST_CASE("Imports::officers: the file as a whole refused (empty, header only, missing column, too many records)") {
  TempDb db("import-roster-file");
  store::Store s(db.str(), 2);
  make_units(s);
  const auto audit_before = audit_total(s);
  SUBCASE("empty") {
    auto out = s.imports.officers("", std::nullopt, kToday, kAdmin);
    REQUIRE(out.file_error.has_value());
    CHECK(out.file_error->rule == "file_empty");
  }
  SUBCASE("a BOM and blank lines only") {
    auto out = s.imports.officers("\xEF\xBB\xBF\r\n,,,\r\n", std::nullopt, kToday, kAdmin);
    REQUIRE(out.file_error.has_value());
    CHECK(out.file_error->rule == "file_empty");
  }
  SUBCASE("header only") {
    auto out = s.imports.officers(kRosterHeader + "\n", std::nullopt, kToday, kAdmin);
    REQUIRE(out.file_error.has_value());
    CHECK(out.file_error->rule == "file_no_records");
    CHECK_FALSE(out.is_ok());
  }
  SUBCASE("a required column missing") {
    auto out =
        s.imports.officers(lines({"name,id_number,unit_code,post_start", "张三," + id_number(1) + ",QN,2015-03-01"}),
                           std::nullopt, kToday, kAdmin);
    CHECK_FALSE(out.is_ok());
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].line == 1);
    CHECK(out.problems[0].reasons[0].rule == "csv_missing_columns");
    CHECK(out.problems[0].reasons[0].param("missing") == "kind");
  }
  SUBCASE("one record past ImportLimits::max_records") {
    store::ImportLimits limits;
    limits.max_records = 3;
    std::vector<std::string> rows;
    for (int i = 0; i < 4; ++i) rows.push_back("某" + std::to_string(i) + "," + id_number(30 + i) + ",QN,enforcement,2015-03-01,");
    auto out = s.imports.officers(lines({kRosterHeader, rows[0], rows[1], rows[2], rows[3]}), std::nullopt, kToday,
                                  kAdmin, limits);
    REQUIRE(out.file_error.has_value());
    CHECK(out.file_error->rule == "file_too_many_records");
    CHECK(out.file_error->param("max") == "3");
    CHECK(out.file_error->param("line") == "5");
    CHECK(out.rows == 3);
    CHECK(out.imported == 0);
    // Exactly at the ceiling: accepted.
    auto at =
        s.imports.officers(lines({kRosterHeader, rows[0], rows[1], rows[2]}), std::nullopt, kToday, kAdmin, limits);
    REQUIRE_MESSAGE(at.is_ok(), reasons_of(at));
    CHECK(at.imported == 3);
    CHECK(rows_in(s, "officers") == 3);
    return;
  }
  CHECK(rows_in(s, "officers") == 0);
  CHECK(audit_total(s) == audit_before);
}

TEST_CASE("Imports::officers by an hr user: units outside their scope read as unknown") {
  TempDb db("import-roster-scope");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  make_officer(s, 60, "外单位", u.qb);  // registered outside QN
  const auto audit_before = audit_total(s);
  const std::optional<Id> scope = u.qn;

  SUBCASE("a unit in the subtree is accepted") {
    auto out = s.imports.officers(lines({kRosterHeader, "张三," + id_number(1) + ",QN,enforcement,2015-03-01,",
                                         "李四," + id_number(2) + ",QN01,police,2018-07-01,"}),
                                  scope, kToday, kAdmin);
    REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
    CHECK(out.imported == 2);
    CHECK(rows_in(s, "officers") == 3);
    return;
  }
  std::string bad;
  std::string rule = "unit_code_unknown";
  SUBCASE("a sibling unit") { bad = "吴一," + id_number(11) + ",QB,enforcement,2015-03-01,"; }
  SUBCASE("the parent unit") { bad = "吴一," + id_number(11) + ",QZ,enforcement,2015-03-01,"; }
  SUBCASE("a code nobody has: the same words") { bad = "吴一," + id_number(11) + ",QQ,enforcement,2015-03-01,"; }
  SUBCASE("an ID number registered outside the scope") {
    bad = "外单位," + id_number(60) + ",QN,enforcement,2015-03-01,";
    rule = "id_number_registered_otherwise";
  }
  CAPTURE(bad);
  auto out = s.imports.officers(lines({kRosterHeader, "张三," + id_number(1) + ",QN,enforcement,2015-03-01,", bad}),
                                scope, kToday, kAdmin);
  CAPTURE(reasons_of(out));
  CHECK_FALSE(out.is_ok());
  REQUIRE(out.problems.size() == 1);
  CHECK(out.problems[0].line == 3);
  REQUIRE(out.problems[0].reasons.size() == 1);
  CHECK(out.problems[0].reasons[0].rule == rule);
  CHECK(rows_in(s, "officers") == 1);
  CHECK(audit_total(s) == audit_before);
}

namespace {

struct SheetWorld {
  Units u;
  Officer a, b, c, left;
  Training t1, t2;
};

SheetWorld sheet_world(store::Store& s) {
  SheetWorld w;
  w.u = make_units(s);
  w.a = make_officer(s, 1, "甲", w.u.qn);
  w.b = make_officer(s, 2, "乙", w.u.qn01, OfficerKind::police);
  w.c = make_officer(s, 3, "丙", w.u.qb);
  w.left = make_officer(s, 4, "丁", w.u.qn, OfficerKind::enforcement, d(2010, 1, 1), d(2024, 3, 31), OfficerStatus::left);
  w.t1 = make_training(s, "2024 法律", w.u.qn, d(2024, 3, 4), d(2024, 3, 5), hours(6, 6, 2));
  w.t2 = make_training(s, "2023 业务", w.u.qz, d(2023, 11, 20), d(2023, 11, 20), hours(0, 4));
  return w;
}

std::string row(const Training& t, const Officer& o, const std::string& hrs = ",,") {
  return std::to_string(t.id) + "," + o.id_number + "," + hrs;
}

}  // namespace

TEST_CASE("Imports::attendance: a good sheet credits every row, audits each and the import; again adds nothing") {
  TempDb db("import-sheet");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  const auto audit_before = audit_total(s);
  const std::string text = lines({kSheetHeader, row(w.t1, w.a), row(w.t1, w.b, "3,,"), row(w.t1, w.c, "0,0,0"),
                                  row(w.t2, w.a, ",2.5,"), row(w.t1, w.left, "6,5.5,1")});
  auto out = s.imports.attendance(text, std::nullopt, kAdmin);
  REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
  CHECK(out.rows == 5);
  CHECK(out.imported == 5);
  CHECK(out.skipped_duplicates == 0);
  CHECK(rows_in(s, "attendance") == 5);
  CHECK(s.trainings.attendees(w.t1.id, std::nullopt).size() == 4);
  CHECK(earned(s, w.u.qz, w.a.id, 2024) == hours(6, 6, 2));
  CHECK(earned(s, w.u.qz, w.a.id, 2023) == hours(0, 2.5));
  CHECK(earned(s, w.u.qz, w.b.id, 2024) == hours(3, 6, 2));  // an empty cell: the session's hours
  CHECK(earned(s, w.u.qz, w.c.id, 2024) == hours(0, 0, 0));
  CHECK(earned(s, w.u.qz, w.left.id, 2024) == hours(6, 5.5, 1));
  REQUIRE(s.credits.of_officer(w.c.id, 2024).size() == 1);  // a zero credit is still an attendance
  CHECK(audit_total(s) == audit_before + 6);
  CHECK(audit_actions(s, "attendance", "create") == 5);
  CHECK(last_summary(s) == R"({"kind":"attendance","rows":5,"imported":5,"skipped_duplicates":0})");

  SUBCASE("the same sheet again") {
    auto again = s.imports.attendance(text, std::nullopt, kAdmin);
    REQUIRE_MESSAGE(again.is_ok(), reasons_of(again));
    CHECK(again.imported == 0);
    CHECK(again.skipped_duplicates == 5);
    CHECK(rows_in(s, "attendance") == 5);
    CHECK(earned(s, w.u.qz, w.a.id, 2024) == hours(6, 6, 2));
    CHECK(audit_actions(s, "attendance", "create") == 5);
    CHECK(last_summary(s) == R"({"kind":"attendance","rows":5,"imported":0,"skipped_duplicates":5})");
  }
  SUBCASE("the same rows with other hours are still duplicates: what is recorded stays") {
    auto again = s.imports.attendance(lines({kSheetHeader, row(w.t1, w.a, "1,1,1")}), std::nullopt, kAdmin);
    REQUIRE_MESSAGE(again.is_ok(), reasons_of(again));
    CHECK(again.imported == 0);
    CHECK(again.skipped_duplicates == 1);
    CHECK(earned(s, w.u.qz, w.a.id, 2024) == hours(6, 6, 2));
  }
}

TEST_CASE("Imports::attendance: duplicates within a file, after add_attendance, BOM and absent hour columns") {
  TempDb db("import-sheet-dups");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  REQUIRE(s.trainings.add_attendance(w.t2.id, {{w.b.id, {}}}, std::nullopt, kAdmin).is_ok());
  // No hour columns at all: the session's hours. The second line for (t1, a) is skipped and
  // the first one's credit kept; (t2, b) was added through the API before.
  const std::string text = "\xEF\xBB\xBF" + lines({"id_number,training_id", w.a.id_number + "," + std::to_string(w.t1.id),
                                                   w.a.id_number + "," + std::to_string(w.t1.id),
                                                   w.b.id_number + "," + std::to_string(w.t2.id),
                                                   w.c.id_number + "," + std::to_string(w.t2.id)},
                                                  "\r\n");
  auto out = s.imports.attendance(text, std::nullopt, kAdmin);
  REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
  CHECK(out.rows == 4);
  CHECK(out.imported == 2);
  CHECK(out.skipped_duplicates == 2);
  CHECK(rows_in(s, "attendance") == 3);
  CHECK(earned(s, w.u.qz, w.a.id, 2024) == hours(6, 6, 2));
  CHECK(earned(s, w.u.qz, w.b.id, 2023) == hours(0, 4));
  CHECK(earned(s, w.u.qz, w.c.id, 2023) == hours(0, 4));
  CHECK(last_summary(s) == R"({"kind":"attendance","rows":4,"imported":2,"skipped_duplicates":2})");
}

TEST_CASE("Imports::attendance: of two lines for one officer and session, the first in the file counts, whatever the order written") {
  TempDb db("import-sheet-first");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  // Written in the key's order (officer, year, session), not the file's: c's line comes first
  // in the file and b's lines are apart; the first of b's two lines is the one credited.
  const std::string t1 = std::to_string(w.t1.id);
  const std::string text = lines({"id_number,training_id,legal,business,political", w.c.id_number + "," + t1 + ",2,,",
                                  w.b.id_number + "," + t1 + ",1,,", w.a.id_number + "," + t1 + ",,,",
                                  w.b.id_number + "," + t1 + ",3,,"});
  auto out = s.imports.attendance(text, std::nullopt, kAdmin);
  REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
  CHECK(out.imported == 3);
  CHECK(out.skipped_duplicates == 1);
  CHECK(earned(s, w.u.qz, w.b.id, 2024) == hours(1, 6, 2));
  CHECK(earned(s, w.u.qz, w.c.id, 2024) == hours(2, 6, 2));
  CHECK(earned(s, w.u.qz, w.a.id, 2024) == hours(6, 6, 2));
  CHECK(rows_in(s, "audit") >= 4);  // three attendance entries and the import's summary
}

// The rows are written a hundred a statement (store::insert_attendances): a file of several
// hundreds, with rows recorded before and lines repeated inside and across the hundreds, is
// written and audited exactly as one row at a time would be.
TEST_CASE("Imports::attendance: hundreds of lines, some recorded before or repeated, each written and audited once") {
  TempDb db("import-sheet-batches");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  std::vector<Officer> many;
  for (int n = 10; n < 140; ++n) many.push_back(make_officer(s, n, "员" + std::to_string(n), n % 2 ? w.u.qn : w.u.qb));
  // Recorded before: every tenth officer from the hundredth on at t1 (other hours than the
  // file's), so that the first batches are written whole and the last ones in part.
  const Hours one = hours(1, 0).legal;
  int before = 0;
  for (std::size_t i = 100; i < many.size(); i += 10, ++before)
    REQUIRE(s.trainings.add_attendance(w.t1.id, {{many[i].id, {one, one, one}}}, std::nullopt, kAdmin).is_ok());
  const auto creates_before = audit_actions(s, "attendance", "create");
  // 130 officers at t1 and at t2 (260 lines), and every seventh t1 line once more at the end.
  std::vector<std::string> ls = {kSheetHeader};
  for (const Officer& o : many) ls.push_back(row(w.t1, o, "2,,"));
  for (const Officer& o : many) ls.push_back(row(w.t2, o));
  int repeats = 0;
  for (std::size_t i = 0; i < many.size(); i += 7, ++repeats) ls.push_back(row(w.t1, many[i], "5,,"));
  std::string text;
  for (const auto& l : ls) text += l + "\n";
  auto out = s.imports.attendance(text, std::nullopt, kAdmin);
  REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
  const int lines_in = static_cast<int>(ls.size()) - 1;
  CHECK(out.rows == lines_in);
  CHECK(out.imported == 2 * static_cast<int>(many.size()) - before);
  CHECK(out.skipped_duplicates == before + repeats);
  CHECK(rows_in(s, "attendance") == 2 * static_cast<std::int64_t>(many.size()));
  CHECK(audit_actions(s, "attendance", "create") == creates_before + out.imported);
  // Each officer's totals: t1 with the first line's legal hours (or what was recorded before),
  // t2 with the session's.
  for (std::size_t i = 0; i < many.size(); ++i) {
    CAPTURE(i);
    CHECK(earned(s, w.u.qz, many[i].id, 2024) == (i >= 100 && i % 10 == 0 ? hours(1, 1, 1) : hours(2, 6, 2)));
    CHECK(earned(s, w.u.qz, many[i].id, 2023) == hours(0, 4));
  }
  // One audit entry per row written (never two), the same as a single add writes.
  auto entries = [&](const Training& t, const Officer& o, const CategoryHours& h) {
    return scalar(s, "SELECT count(*) FROM audit WHERE entity = 'attendance' AND action = 'create' AND entity_id = " +
                         std::to_string(t.id) + " AND after = '" + store::audit_json_attendance(t.id, o.id, h) + "'");
  };
  CHECK(entries(w.t1, many[1], hours(2, 6, 2)) == 1);
  CHECK(entries(w.t2, many[1], hours(0, 4)) == 1);
  CHECK(entries(w.t1, many[7], hours(2, 6, 2)) == 1);   // its repeat at the end is not audited
  CHECK(entries(w.t1, many[110], hours(2, 6, 2)) == 0);  // recorded before: the file's line is not
  CHECK(last_summary(s) == R"({"kind":"attendance","rows":)" + std::to_string(lines_in) + R"(,"imported":)" +
                               std::to_string(out.imported) + R"(,"skipped_duplicates":)" +
                               std::to_string(out.skipped_duplicates) + "}");
}

TEST_CASE("Imports::attendance: one bad line among good ones writes nothing and names that line and its rule") {
  TempDb db("import-sheet-bad");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  REQUIRE(s.trainings.add_attendance(w.t2.id, {{w.c.id, {}}}, std::nullopt, kAdmin).is_ok());
  const auto attendance_before = rows_in(s, "attendance");
  const auto audit_before = audit_total(s);

  std::string bad;
  std::vector<std::pair<std::string, std::string>> expected;  // rule, field
  SUBCASE("no such training") {
    bad = "999," + w.a.id_number + ",,,";
    expected = {{"training_not_found", "training_id"}};
  }
  SUBCASE("a training id that is not a number") {
    bad = "abc," + w.a.id_number + ",,,";
    expected = {{"id_invalid", "training_id"}};
  }
  SUBCASE("a training id with a leading zero") {
    bad = "0" + std::to_string(w.t1.id) + "," + w.a.id_number + ",,,";
    expected = {{"id_invalid", "training_id"}};
  }
  SUBCASE("a credit above the session's hours") {
    bad = row(w.t1, w.a, "6.5,,");
    expected = {{"credit_exceeds_session", "hours.legal"}};
  }
  SUBCASE("a credit in a category the session does not have") {
    bad = row(w.t2, w.a, "1,,");
    expected = {{"credit_exceeds_session", "hours.legal"}};
  }
  SUBCASE("hours not in steps of 0.5") {
    bad = row(w.t1, w.a, ",0.3,");
    expected = {{"hours_half_step", "business"}};
  }
  SUBCASE("negative hours") {
    bad = row(w.t1, w.a, ",,-1");
    expected = {{"hours_half_step", "political"}};
  }
  SUBCASE("an ID number nobody has") {
    bad = std::to_string(w.t1.id) + "," + id_number(99) + ",,,";
    expected = {{"id_number_unknown", "id_number"}};
  }
  SUBCASE("an ID number with a wrong check digit") {
    bad = std::to_string(w.t1.id) + "," + id_number_bad_check(1) + ",,,";
    expected = {{"id_number_check_digit", "id_number"}};
  }
  SUBCASE("no such training and nobody with the ID number: both told") {
    bad = "999," + id_number(99) + ",,,";
    expected = {{"training_not_found", "training_id"}, {"id_number_unknown", "id_number"}};
  }
  SUBCASE("a training id and hours both malformed: both told") {
    bad = "x," + w.a.id_number + ",1.25,,";
    expected = {{"id_invalid", "training_id"}, {"hours_half_step", "legal"}};
  }
  CAPTURE(bad);
  const std::string text =
      lines({kSheetHeader, row(w.t1, w.a), row(w.t1, w.b, "3,,"), bad, row(w.t2, w.a), row(w.t1, w.c)});
  auto out = s.imports.attendance(text, std::nullopt, kAdmin);
  CAPTURE(reasons_of(out));
  CHECK_FALSE(out.is_ok());
  CHECK(out.rows == 5);
  CHECK(out.imported == 0);
  REQUIRE(out.problems.size() == 1);
  CHECK(out.more_problems == 0);
  CHECK(out.problems[0].line == 4);
  REQUIRE(out.problems[0].reasons.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(out.problems[0].reasons[i].rule == expected[i].first);
    CHECK(out.problems[0].reasons[i].field == expected[i].second);
  }
  CHECK(rows_in(s, "attendance") == attendance_before);
  CHECK(audit_total(s) == audit_before);
  CHECK(earned(s, w.u.qz, w.a.id, 2024) == CategoryHours{});
  CHECK(earned(s, w.u.qz, w.c.id, 2023) == hours(0, 4));
}

TEST_CASE("Imports::attendance: a file refused by its own lines still names the lines the database refuses") {
  TempDb db("import-sheet-both");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  auto out = s.imports.attendance(
      lines({kSheetHeader, row(w.t1, w.a), "1,2,3,4,5,6", std::to_string(w.t1.id) + "," + id_number(99) + ",,,"}),
      std::nullopt, kAdmin);
  CAPTURE(reasons_of(out));
  CHECK_FALSE(out.is_ok());
  REQUIRE(out.problems.size() == 2);
  CHECK(out.problems[0].line == 3);
  CHECK(out.problems[0].reasons[0].rule == "csv_field_count");
  CHECK(out.problems[1].line == 4);
  CHECK(out.problems[1].reasons[0].rule == "id_number_unknown");
  CHECK(rows_in(s, "attendance") == 0);
}

TEST_CASE("Imports::attendance by an hr user: officers outside their units read as unknown") {
  TempDb db("import-sheet-scope");
  store::Store s(db.str(), 2);
  SheetWorld w = sheet_world(s);
  const std::optional<Id> scope = w.u.qn;
  const auto audit_before = audit_total(s);

  SUBCASE("officers of the unit and below it are accepted") {
    auto out =
        s.imports.attendance(lines({kSheetHeader, row(w.t1, w.a), row(w.t2, w.b), row(w.t1, w.left)}), scope, kAdmin);
    REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
    CHECK(out.imported == 3);
    CHECK(out.named_unknown_ids == 0);
    return;
  }
  SUBCASE("an officer of a sibling unit and an ID number nobody has: the same rule") {
    auto out = s.imports.attendance(
        lines({kSheetHeader, row(w.t1, w.a), row(w.t1, w.c), std::to_string(w.t1.id) + "," + id_number(99) + ",,,"}),
        scope, kAdmin);
    CAPTURE(reasons_of(out));
    CHECK_FALSE(out.is_ok());
    REQUIRE(out.problems.size() == 2);
    CHECK(out.problems[0].line == 3);
    CHECK(out.problems[1].line == 4);
    for (const auto& p : out.problems) {
      REQUIRE(p.reasons.size() == 1);
      CHECK(p.reasons[0].rule == "id_number_unknown_in_units");
      CHECK(p.reasons[0].field == "id_number");
      CHECK(p.reasons[0].params.empty());
    }
    CHECK(out.named_unknown_ids == 2);
    CHECK_FALSE(out.unlisted_unknown_ids);
  }
  SUBCASE("past ImportLimits::named_unknown_ids, unknown lines are neither listed nor counted") {
    store::ImportLimits limits;
    limits.named_unknown_ids = 1;
    auto out = s.imports.attendance(
        lines({kSheetHeader, row(w.t1, w.a), row(w.t1, w.c), std::to_string(w.t1.id) + "," + id_number(98) + ",,,",
               std::to_string(w.t1.id) + "," + id_number(99) + ",,,"}),
        scope, kAdmin, limits);
    CAPTURE(reasons_of(out));
    CHECK_FALSE(out.is_ok());
    REQUIRE(out.problems.size() == 1);
    CHECK(out.problems[0].line == 3);
    CHECK(out.more_problems == 0);
    CHECK(out.named_unknown_ids == 1);
    CHECK(out.unlisted_unknown_ids);
  }
  SUBCASE("the same sheet by an admin: the sibling's officer is accepted") {
    auto out = s.imports.attendance(lines({kSheetHeader, row(w.t1, w.a), row(w.t1, w.c)}), std::nullopt, kAdmin);
    REQUIRE_MESSAGE(out.is_ok(), reasons_of(out));
    CHECK(out.imported == 2);
    return;
  }
  CHECK(rows_in(s, "attendance") == 0);
  CHECK(audit_total(s) == audit_before);
}
