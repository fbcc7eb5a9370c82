// CSV imports through import_csv (app/csv_import.hpp), as the HTTP upload and `certhours
// import` share it: a roster saved by Chinese Excel/WPS as GB18030 imports as such, and an hr
// user's sign-in sheets that name ID numbers unknown in their units spend the same daily
// budget as lookups by ID number (docs/security.md).
#include <doctest/doctest.h>
#include <iconv.h>

#include <cerrno>

#include "app/csv_import.hpp"
#include "app/hours.hpp"
#include "app/id_lookup.hpp"
#include "app_fixture.hpp"
#include "domain/csv.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 11, 1);
const std::string kRosterHeader = "name,id_number,unit_code,kind,post_start,post_end";
const std::string kSheetHeader = "training_id,id_number,legal,business,political";

// UTF-8 → GB18030, as Chinese Excel writes "CSV (逗号分隔)".
std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t done = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  REQUIRE(done != static_cast<std::size_t>(-1));
  REQUIRE(src_left == 0);
  out.resize(out.size() - dst_left);
  return out;
}

// 钦州市 QZ → 钦南区 QN → 尖山街道 QN01; QZ → 钦北区 QB. 张伟 in QN, 王芳 in QB; a session.
struct World {
  Env env{"imports"};
  Id qz = 0, qn = 0, qn01 = 0, qb = 0;
  Officer zhang, wang;
  Training lecture;
  app::Caller admin, hr;
  World() {
    qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
    qn = env.unit("QN", "钦南区", qz, UnitLevel::county);
    qn01 = env.unit("QN01", "尖山街道", qn, UnitLevel::town);
    qb = env.unit("QB", "钦北区", qz, UnitLevel::county);
    zhang = env.officer(1, "张伟", qn, d(2015, 3, 1));
    wang = env.officer(2, "王芳", qb, d(2016, 3, 1));
    lecture = env.training("法治讲座", qz, d(2024, 3, 4), d(2024, 3, 5), hours(6, 6, 3));
    admin = app::Caller::of(env.user("admin", Role::admin), kToday);
    hr = app::Caller::of(env.user("hr-qn", Role::hr, qn), kToday);
  }
  int remaining(const app::Caller& c) { return env.id_lookups.remaining(std::to_string(c.user.id)); }
  std::optional<Officer> by_id_number(const std::string& id) {
    store::OfficerQuery q;
    q.q = id;
    auto page = env.store.officers.search(q);
    return page.items.empty() ? std::nullopt : std::optional<Officer>(page.items.front());
  }
  // A sign-in sheet: the lecture, each ID number credited the session's hours.
  std::string sheet(const std::vector<std::string>& id_numbers) const {
    std::string s = kSheetHeader + "\r\n";
    for (const auto& id : id_numbers) s += std::to_string(lecture.id) + "," + id + ",,,\r\n";
    return s;
  }
};

// Whole ID numbers nobody has.
std::vector<std::string> unknown_ids(int from, int count) {
  std::vector<std::string> out;
  for (int k = 0; k < count; ++k) out.push_back(id_number(1000 + from + k));
  return out;
}

std::vector<std::string_view> rules_of(const app::CsvImport& r) {
  std::vector<std::string_view> out;
  for (const auto& line : r.rows)
    for (const auto& m : line.reasons) out.push_back(m.rule);
  return out;
}

}  // namespace

TEST_CASE("a GB18030 roster (Chinese Excel's CSV) imports, its names read back as UTF-8") {
  World w;
  const std::string utf8 = kRosterHeader + "\r\n" + "陈静," + id_number(11) + ",QN,enforcement,2019-03-01,\r\n" +
                           "黄磊," + id_number(12) + ",QN01,police,2020-07-01,\r\n" + "欧阳娜娜," + id_number(13) +
                           ",QB,enforcement,2021-09-01,2024-06-30\r\n";
  const std::string gb = to_gb18030(utf8);
  REQUIRE(gb != utf8);
  CHECK_FALSE(csv::valid_utf8(gb));  // so it is the GB18030 path that reads it

  auto decoded = app::decode_csv_bytes(gb);
  REQUIRE(decoded.is_ok());
  CHECK(decoded->encoding == "gb18030");
  CHECK(decoded->text == utf8);

  auto r = app::import_csv(w.env.app, w.admin, app::ImportKind::officers, gb);
  REQUIRE_MESSAGE(!r.refused, r.message.text(Lang::en));
  CHECK(r.encoding == "gb18030");
  CHECK(r.imported == 3);
  CHECK(r.skipped_duplicates == 0);
  auto chen = w.by_id_number(id_number(11));
  REQUIRE(chen.has_value());
  CHECK(chen->name == "陈静");
  CHECK(chen->unit_id == w.qn);
  auto huang = w.by_id_number(id_number(12));
  REQUIRE(huang.has_value());
  CHECK(huang->name == "黄磊");
  CHECK(huang->kind == OfficerKind::police);
  auto ouyang = w.by_id_number(id_number(13));
  REQUIRE(ouyang.has_value());
  CHECK(ouyang->name == "欧阳娜娜");
  CHECK(ouyang->status == OfficerStatus::left);  // post_end before the caller's day

  // The same file again adds nothing; the UTF-8 original (with a BOM) reads as utf-8.
  auto again = app::import_csv(w.env.app, w.admin, app::ImportKind::officers, "\xEF\xBB\xBF" + utf8);
  REQUIRE_MESSAGE(!again.refused, again.message.text(Lang::en));
  CHECK(again.encoding == "utf-8");
  CHECK(again.imported == 0);
  CHECK(again.skipped_duplicates == 3);
}

TEST_CASE("an hr user's GB18030 roster: their units only, all or nothing") {
  World w;
  const std::string mine = kRosterHeader + "\r\n" + "陈静," + id_number(21) + ",QN01,enforcement,2019-03-01,\r\n";
  auto ok = app::import_csv(w.env.app, w.hr, app::ImportKind::officers, to_gb18030(mine));
  REQUIRE_MESSAGE(!ok.refused, ok.message.text(Lang::en));
  CHECK(ok.encoding == "gb18030");
  CHECK(ok.imported == 1);

  const std::string beside = kRosterHeader + "\r\n" + "黄磊," + id_number(22) + ",QN,enforcement,2019-03-01,\r\n" +
                             "欧阳娜娜," + id_number(23) + ",QB,enforcement,2019-03-01,\r\n";
  auto refused = app::import_csv(w.env.app, w.hr, app::ImportKind::officers, to_gb18030(beside));
  CHECK(refused.refused);
  CHECK(refused.encoding == "gb18030");
  CHECK(refused.message.rule == "import_refused");
  REQUIRE(refused.rows.size() == 1);
  CHECK(refused.rows[0].line == 3);
  CHECK(rules_of(refused) == std::vector<std::string_view>{"unit_code_unknown"});
  CHECK_FALSE(w.by_id_number(id_number(22)).has_value());  // nothing written
  CHECK(w.remaining(w.hr) == 20);                          // a roster names no unknown officers
}

TEST_CASE("an hr user's sign-in sheets naming unknown ID numbers spend the daily lookup budget") {
  World w;
  REQUIRE(w.remaining(w.hr) == 20);

  // Two unknown numbers and 王芳 of another county (the same answer), beside a good line.
  auto first = w.sheet({w.zhang.id_number, id_number(1000), w.wang.id_number, id_number(1001)});
  auto r = app::import_csv(w.env.app, w.hr, app::ImportKind::attendance, first);
  CHECK(r.refused);
  CHECK(r.encoding == "utf-8");
  CHECK(r.named_unknown_ids == 3);
  CHECK(r.message.rule == "import_refused");
  REQUIRE(r.rows.size() == 3);
  CHECK(r.rows[0].line == 3);
  CHECK(r.rows[1].line == 4);
  CHECK(r.rows[2].line == 5);
  CHECK(rules_of(r) == std::vector<std::string_view>(3, "id_number_unknown_in_units"));
  CHECK(w.env.store.trainings.attendees(w.lecture.id, std::nullopt).empty());  // all or nothing
  CHECK(w.remaining(w.hr) == 17);

  // 15 unknown lines: the first 10 of a file are named (and spent), the rest only flagged.
  auto second = app::import_csv(w.env.app, w.hr, app::ImportKind::attendance, w.sheet(unknown_ids(10, 15)));
  CHECK(second.refused);
  CHECK(second.named_unknown_ids == 10);
  CHECK(second.rows.size() == 10);
  CHECK(second.message.rule == "import_unknown_ids");
  CHECK(second.message.param("named") == "10");
  CHECK(w.remaining(w.hr) == 7);

  // What is left of the budget bounds what a file names.
  auto third = app::import_csv(w.env.app, w.hr, app::ImportKind::attendance, w.sheet(unknown_ids(30, 10)));
  CHECK(third.refused);
  CHECK(third.named_unknown_ids == 7);
  CHECK(third.rows.size() == 7);
  CHECK(third.message.rule == "import_unknown_ids");
  CHECK(third.message.param("named") == "7");
  CHECK(w.remaining(w.hr) == 0);

  // Spent: a lookup by ID number is refused, and a sheet names none.
  app::ComplianceQuery q;
  q.q = w.zhang.id_number;
  auto lookup = app::compliance_report(w.env.app, w.hr, q, {100, 0});
  REQUIRE_FALSE(lookup.is_ok());
  CHECK(lookup.status().code() == Status::Code::rate_limited);
  CHECK(lookup.status().rule() == "id_lookup_budget");
  CHECK(lookup.status().retry_after() > 0);
  auto fourth = app::import_csv(w.env.app, w.hr, app::ImportKind::attendance, w.sheet(unknown_ids(50, 3)));
  CHECK(fourth.refused);
  CHECK(fourth.named_unknown_ids == 0);
  CHECK(fourth.rows.empty());
  CHECK(fourth.message.rule == "import_unknown_ids_budget");
  CHECK(w.remaining(w.hr) == 0);

  // A sheet of their own officers still imports: it names nobody unknown.
  auto good = app::import_csv(w.env.app, w.hr, app::ImportKind::attendance, w.sheet({w.zhang.id_number}));
  REQUIRE_MESSAGE(!good.refused, good.message.text(Lang::en));
  CHECK(good.imported == 1);
  auto attendees = w.env.store.trainings.attendees(w.lecture.id, std::nullopt);
  REQUIRE(attendees.size() == 1);
  CHECK(attendees[0].officer_id == w.zhang.id);
  CHECK(attendees[0].hours == hours(6, 6, 3));
}

TEST_CASE("an admin's sheet naming unknown ID numbers names every one and spends nothing") {
  World w;
  auto r = app::import_csv(w.env.app, w.admin, app::ImportKind::attendance, w.sheet(unknown_ids(0, 25)));
  CHECK(r.refused);
  CHECK(r.named_unknown_ids == 0);  // counted for hr users only
  CHECK(r.rows.size() == 25);
  CHECK(rules_of(r) == std::vector<std::string_view>(25, "id_number_unknown"));
  CHECK(r.message.rule == "import_refused");
  CHECK(w.remaining(w.admin) == 20);
  CHECK(w.remaining(w.hr) == 20);
  // And an officer of any county is theirs to sign in.
  auto ok = app::import_csv(w.env.app, w.admin, app::ImportKind::attendance,
                            w.sheet({w.zhang.id_number, w.wang.id_number}));
  REQUIRE_MESSAGE(!ok.refused, ok.message.text(Lang::en));
  CHECK(ok.imported == 2);
}
