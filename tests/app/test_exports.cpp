// Exports as a user checks the file they get (app/exports.hpp): the compliance sheet (CSV and
// XLSX), the rotation pending list, the roster and the sign-in records, written to a temporary
// file: how many rows, the CSV header, ID numbers masked on the sheets and whole in the roster,
// the roster only as CSV, a unit out of an hr user's reach, and one audit entry per export.
#include <doctest/doctest.h>

#include "app/csv_import.hpp"
#include "app/exports.hpp"
#include "app/rotation.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 11, 1);

const std::string kComplianceHeader =
    "人员编号,单位代码,单位,姓名,身份证号,人员类别,执法证号,执法证状态,公共法律知识学时,公共法律知识应修,"
    "公共法律知识差额,业务知识学时,业务知识应修,业务知识差额,政治理论学时,达标状态";
const std::string kRotationHeader = "人员编号,单位代码,单位,姓名,身份证号,人员类别,任职起始日期";
const std::string kRosterHeader = "name,id_number,unit_code,kind,post_start,post_end";
const std::string kAttendanceHeader = "training_id,id_number,legal,business,political,name,training_title,training_end";

// 钦州市 QZ → 钦南区 QN → 尖山街道 QN01; QZ → 钦北区 QB. Five officers, all on post since before
// 2023: 张伟 (QN, certificate, rotated), 李娜 (QN01), 刘洋 (QN, police), 王芳 (QB) and one whose
// name a spreadsheet would run as a formula (QB). 2024: 法治讲座 (6/6/3) for 张伟, 李娜, 王芳.
struct World {
  Env env{"exports"};
  Id qz = 0, qn = 0, qn01 = 0, qb = 0;
  Officer zhang, li, liu, wang, formula;
  Training lecture, rotation, meeting;
  app::Caller admin, hr;
  World() {
    qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
    qn = env.unit("QN", "钦南区", qz, UnitLevel::county);
    qn01 = env.unit("QN01", "尖山街道", qn, UnitLevel::town);
    qb = env.unit("QB", "钦北区", qz, UnitLevel::county);
    zhang = env.officer(1, "张伟", qn, d(2015, 3, 1));
    li = env.officer(2, "李娜", qn01, d(2016, 4, 1));
    liu = env.officer(3, "刘洋", qn, d(2018, 6, 1), std::nullopt, OfficerKind::police);
    wang = env.officer(4, "王芳", qb, d(2017, 5, 1));
    formula = env.officer(5, "=SUM(A1)", qb, d(2019, 1, 1));
    lecture = env.training("法治讲座", qz, d(2024, 3, 4), d(2024, 3, 5), hours(6, 6, 3));
    rotation = env.training("全员轮训第一期", qz, d(2023, 9, 18), d(2023, 9, 19), hours(8, 0), true);
    meeting = env.training("业务例会", qn01, d(2023, 5, 10), d(2023, 5, 10), hours(2, 0));
    env.attend(lecture, {zhang.id, li.id, wang.id});
    env.attend(rotation, {zhang.id});
    env.attend(meeting, {li.id});
    env.certificate(zhang.id, "QZ-2020-000001", d(2020, 2, 20));
    admin = app::Caller::of(env.user("admin", Role::admin), kToday);
    hr = app::Caller::of(env.user("hr-qn", Role::hr, qn), kToday);
  }
  std::vector<const Officer*> all() const { return {&zhang, &li, &liu, &wang, &formula}; }
};

app::ExportRequest request(app::ExportKind kind, app::ExportFormat format = app::ExportFormat::csv) {
  app::ExportRequest r;
  r.kind = kind;
  r.format = format;
  return r;
}

// The line of the file that names `name`.
std::string line_of(const std::vector<std::string>& lines, const std::string& name) {
  for (const auto& l : lines)
    if (contains(l, "," + name + ",")) return l;
  return "";
}

}  // namespace

TEST_CASE("write_export compliance as CSV: one row per officer, the header, ID numbers masked for everyone") {
  World w;
  TempFile file("compliance", ".csv");
  auto req = request(app::ExportKind::compliance);
  req.year = 2024;
  auto f = app::write_export(w.env.app, w.admin, req, file.str());
  REQUIRE_MESSAGE(f.is_ok(), f.status().message());
  CHECK(f->kind == app::ExportKind::compliance);
  CHECK(f->unit_id == w.qz);
  CHECK(f->unit_code == "QZ");
  CHECK(f->year == std::optional<int>(2024));
  CHECK(f->rows == 5);
  CHECK(f->file_name == "compliance-QZ-2024-20241101.csv");
  CHECK(f->local_name == "钦州市-2024年度培训学时统计-20241101.csv");

  std::string text = read_file(file.str());
  CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0);  // a BOM, for Excel
  auto lines = csv_lines(text);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == kComplianceHeader);
  // Admins see whole ID numbers elsewhere; the printed sheet masks them all the same.
  for (const Officer* o : w.all()) {
    CAPTURE(o->name);
    CHECK(contains(text, mask_id_number(o->id_number)));
    CHECK_FALSE(contains(text, o->id_number));
  }
  // 张伟: legal 6 of 20 (14 short), business 6 of 40 (34 short), political 3, in progress.
  std::string zhang = line_of(lines, "张伟");
  CHECK(contains(zhang, "QZ-2020-000001"));
  CHECK(contains(zhang, ",6,20,14,6,40,34,3,进行中"));
  CHECK(contains(line_of(lines, "刘洋"), ",人民警察,,不适用,0,20,20,0,40,40,0,进行中"));
  // A name that looks like a formula is neutralised.
  CHECK(contains(text, ",'=SUM(A1),"));

  // The year defaults to the caller's; as_of is the caller's day.
  TempFile again("compliance-default", ".csv");
  auto f2 = app::write_export(w.env.app, w.admin, request(app::ExportKind::compliance), again.str());
  REQUIRE(f2.is_ok());
  CHECK(f2->year == std::optional<int>(2024));
  CHECK(f2->rows == 5);
}

TEST_CASE("write_export compliance as XLSX, and for an hr user: their county, nothing beside it") {
  World w;
  TempFile file("compliance", ".xlsx");
  auto req = request(app::ExportKind::compliance, app::ExportFormat::xlsx);
  req.year = 2024;
  auto f = app::write_export(w.env.app, w.admin, req, file.str());
  REQUIRE_MESSAGE(f.is_ok(), f.status().message());
  CHECK(f->rows == 5);
  CHECK(f->format == app::ExportFormat::xlsx);
  CHECK(f->file_name == "compliance-QZ-2024-20241101.xlsx");
  std::string bytes = read_file(file.str());
  CHECK(bytes.size() > 1000);
  CHECK(bytes.rfind(std::string("PK\x03\x04", 4), 0) == 0);  // a zip: the workbook

  // hr: the county by default, the town asked, a county beside it not found.
  TempFile mine("compliance-hr", ".csv");
  auto hr = app::write_export(w.env.app, w.hr, request(app::ExportKind::compliance), mine.str());
  REQUIRE(hr.is_ok());
  CHECK(hr->unit_id == w.qn);
  CHECK(hr->rows == 3);  // 张伟, 刘洋, 李娜
  CHECK(csv_lines(read_file(mine.str())).size() == 4);
  auto town = request(app::ExportKind::compliance);
  town.unit_id = w.qn01;
  TempFile town_file("compliance-town", ".csv");
  auto t = app::write_export(w.env.app, w.hr, town, town_file.str());
  REQUIRE(t.is_ok());
  CHECK(t->rows == 1);
  CHECK(t->file_name == "compliance-QN01-2024-20241101.csv");

  for (auto kind : {app::ExportKind::compliance, app::ExportKind::rotation}) {
    CAPTURE(app::export_kind_key(kind));
    auto beside = request(kind);
    beside.unit_id = w.qb;
    TempFile out("beside", ".csv");
    auto r = app::write_export(w.env.app, w.hr, beside, out.str());
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::not_found);
    CHECK(r.status().rule() == "unit_not_found");
  }
}

TEST_CASE("write_export rotation: the pending officers of the plan's campaign, CSV and XLSX") {
  World w;
  auto report = app::rotation_report(w.env.app, w.admin, {}, {100, 0});
  REQUIRE(report.is_ok());
  REQUIRE(report->total.pending() == 4);  // all but 张伟

  TempFile file("rotation", ".csv");
  auto f = app::write_export(w.env.app, w.admin, request(app::ExportKind::rotation), file.str());
  REQUIRE_MESSAGE(f.is_ok(), f.status().message());
  CHECK(f->rows == report->total.pending());
  CHECK(f->campaign_id == std::optional<Id>(1));
  CHECK(f->year == std::optional<int>(2024));  // the campaign deadline's year
  CHECK(f->file_name == "rotation-pending-QZ-1-20241101.csv");
  std::string text = read_file(file.str());
  auto lines = csv_lines(text);
  REQUIRE(lines.size() == 5);
  CHECK(lines[0] == kRotationHeader);
  CHECK(line_of(lines, "张伟").empty());
  for (const auto* o : {&w.li, &w.liu, &w.wang}) {
    CAPTURE(o->name);
    std::string line = line_of(lines, o->name);
    CHECK(contains(line, mask_id_number(o->id_number)));
    CHECK_FALSE(contains(text, o->id_number));
  }

  TempFile book("rotation", ".xlsx");
  auto x = app::write_export(w.env.app, w.admin, request(app::ExportKind::rotation, app::ExportFormat::xlsx), book.str());
  REQUIRE(x.is_ok());
  CHECK(x->rows == 4);
  CHECK(read_file(book.str()).rfind(std::string("PK\x03\x04", 4), 0) == 0);

  // hr: their county's pending officers; an unknown campaign is not found.
  TempFile mine("rotation-hr", ".csv");
  auto hr = app::write_export(w.env.app, w.hr, request(app::ExportKind::rotation), mine.str());
  REQUIRE(hr.is_ok());
  CHECK(hr->rows == 2);  // 李娜, 刘洋
  auto unknown = request(app::ExportKind::rotation);
  unknown.campaign_id = 999;
  TempFile none("rotation-none", ".csv");
  auto r = app::write_export(w.env.app, w.admin, unknown, none.str());
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().rule() == "campaign_not_found");
}

TEST_CASE("write_export officers and attendance: the imports' columns, CSV only, and the roster imports again") {
  World w;
  TempFile roster("officers", ".csv");
  auto f = app::write_export(w.env.app, w.admin, request(app::ExportKind::officers), roster.str());
  REQUIRE_MESSAGE(f.is_ok(), f.status().message());
  CHECK(f->rows == 5);
  CHECK(f->file_name == "officers-QZ-20241101.csv");
  std::string text = read_file(roster.str());
  auto lines = csv_lines(text);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == kRosterHeader);
  // The roster carries whole ID numbers: an import finds officers by them.
  for (const Officer* o : w.all()) CHECK(contains(text, o->id_number));
  CHECK(contains(text, "李娜," + w.li.id_number + ",QN01,enforcement,2016-04-01,"));
  CHECK(contains(text, "'=SUM(A1),"));

  // As XLSX: refused, for both lists in the imports' columns.
  for (auto kind : {app::ExportKind::officers, app::ExportKind::attendance}) {
    CAPTURE(app::export_kind_key(kind));
    TempFile out("refused", ".xlsx");
    auto r = app::write_export(w.env.app, w.admin, request(kind, app::ExportFormat::xlsx), out.str());
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::invalid);
    CHECK(r.status().rule() == "export_csv_only");
    CHECK(r.status().field() == "format");
  }

  // Sign-ins: one row per attendance, of a year or of every year.
  TempFile sheet2024("attendance-2024", ".csv");
  auto a = request(app::ExportKind::attendance);
  a.year = 2024;
  auto y = app::write_export(w.env.app, w.admin, a, sheet2024.str());
  REQUIRE(y.is_ok());
  CHECK(y->rows == 3);
  CHECK(y->file_name == "attendance-QZ-2024-20241101.csv");
  auto sign_ins = csv_lines(read_file(sheet2024.str()));
  REQUIRE(sign_ins.size() == 4);
  CHECK(sign_ins[0] == kAttendanceHeader);
  CHECK(contains(read_file(sheet2024.str()),
                 std::to_string(w.lecture.id) + "," + w.zhang.id_number + ",6,6,3,张伟,法治讲座,2024-03-05"));
  TempFile every("attendance-all", ".csv");
  auto all = app::write_export(w.env.app, w.admin, request(app::ExportKind::attendance), every.str());
  REQUIRE(all.is_ok());
  CHECK(all->rows == 5);
  CHECK_FALSE(all->year.has_value());

  // The roster moves to another database with the same units.
  Env other("exports-target");
  Id qz = other.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
  Id qn = other.unit("QN", "钦南区", qz, UnitLevel::county);
  other.unit("QN01", "尖山街道", qn, UnitLevel::town);
  other.unit("QB", "钦北区", qz, UnitLevel::county);
  auto target_admin = app::Caller::of(other.user("admin", Role::admin), kToday);
  auto imported = app::import_csv(other.app, target_admin, app::ImportKind::officers, text);
  CHECK_MESSAGE(!imported.refused, imported.message.text(Lang::en));
  CHECK(imported.imported == 5);
  CHECK(imported.encoding == "utf-8");
  store::OfficerQuery q;
  q.q = "=SUM";
  auto found = other.store.officers.search(q);
  REQUIRE(found.items.size() == 1);
  CHECK(found.items[0].name == "=SUM(A1)");  // the guard comes off again
}

TEST_CASE("record_export adds one audit entry, entity export, naming the file") {
  World w;
  TempFile file("recorded", ".csv");
  auto req = request(app::ExportKind::compliance);
  req.year = 2024;
  auto f = app::write_export(w.env.app, w.hr, req, file.str());
  REQUIRE(f.is_ok());
  // Writing a file records nothing by itself: each door records what it handed over.
  CHECK(w.env.audit("export").empty());
  const auto total_before = w.env.store.audit.page(std::nullopt, std::nullopt, 1, 0).total;

  app::record_export(w.env.app, w.hr, *f, f->file_name);
  auto entries = w.env.audit("export");
  REQUIRE(entries.size() == 1);
  CHECK(w.env.store.audit.page(std::nullopt, std::nullopt, 1, 0).total == total_before + 1);
  const auto& e = entries[0];
  CHECK(e.action == "export");
  CHECK(e.actor == "hr-qn");
  CHECK(e.entity_id == std::optional<Id>(w.qn));
  CHECK(contains(e.after, "\"kind\":\"compliance\""));
  CHECK(contains(e.after, "\"unit_code\":\"QN\""));
  CHECK(contains(e.after, "\"year\":2024"));
  CHECK(contains(e.after, "\"format\":\"csv\""));
  CHECK(contains(e.after, "\"rows\":3"));
  CHECK(contains(e.after, "\"file_name\":\"compliance-QN-2024-20241101.csv\""));

  // The command line names itself.
  TempFile out("recorded-cli", ".csv");
  auto cli = app::Caller::command_line(kToday);
  auto g = app::write_export(w.env.app, cli, request(app::ExportKind::rotation), out.str());
  REQUIRE(g.is_ok());
  app::record_export(w.env.app, cli, *g, "/srv/exports/rotation.csv");
  entries = w.env.audit("export");
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].actor == "cli");
  CHECK(contains(entries[0].after, "\"campaign_id\":1"));
  CHECK(contains(entries[0].after, "/srv/exports/rotation.csv"));
}

// /dev/full takes the file's opening and fails every write with ENOSPC: the disk a clerk's
// export meets when the server's temporary directory is full. That is a 507 (app::is_disk_full),
// not a bug; a path that cannot be made at all is not a full disk.
TEST_CASE("an export onto a full disk fails as a full disk, CSV and XLSX; an unwritable path does not") {
  World w;
  for (auto format : {app::ExportFormat::csv, app::ExportFormat::xlsx}) {
    CAPTURE(format == app::ExportFormat::csv ? "csv" : "xlsx");
    auto req = request(app::ExportKind::compliance, format);
    req.year = 2024;
    bool full = false;
    std::string said;
    try {
      (void)app::write_export(w.env.app, w.admin, req, "/dev/full");
    } catch (const std::exception& e) {
      full = app::is_disk_full(e);
      said = e.what();
    }
    CAPTURE(said);
    CHECK(full);
    CHECK_FALSE(said.empty());

    said.clear();
    full = true;
    try {
      (void)app::write_export(w.env.app, w.admin, req, "/nonexistent-certhours-dir/export");
    } catch (const std::exception& e) {
      full = app::is_disk_full(e);
      said = e.what();
    }
    CHECK_FALSE(said.empty());
    CHECK_FALSE(full);
  }
}
