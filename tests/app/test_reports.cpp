// The reports as a user checks them, on a small hand-built data set whose every figure is
// worked out from docs/domain.md: the annual compliance (summary, per child unit, filters,
// paging), one officer's hours (proration for a joiner and a leaver), the rotation, the
// progress report, the exit review and the certificates about to expire. One more case
// cross-checks the reports against each other on the demo database.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "app/certificates.hpp"
#include "app/hours.hpp"
#include "app/rotation.hpp"
#include "app_fixture.hpp"
#include "demo/demo.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 11, 1);       // mid-year: 2024 is still in progress
const Date kNextYear = d(2025, 3, 1);     // 2024 is over: the exit review's "today"
constexpr Id kPlanCampaign = 1;           // 2023-08-09..2024-05-31, from the first migration

// 钦州市 QZ → 钦南区 QN → 尖山街道 QN01; QZ → 钦北区 QB; QZ → 市司法局 QX. Nine officers:
//   o1 张三 QN   since 2016; 2024: legal 6, business 36, political 3 (docs/domain.md's worked
//                example); rotated; certificate 2020-02-20 (expires 2025-02-19); 2024 incompetent
//   o2 李四 QN01 since 2015; 2024 and 2023: 20/40, met; rotated; certificate 2019-12-10
//                (expires 2024-12-09), suspended from 2024-10-01; 2024 excellent
//   o3 王五 QN01 joined 2024-03-20 (owes 17 / 33.5); credited 17 / 33; not rotated;
//                certificate 2024-04-01; 2024 competent
//   o4 赵六 QB   since 2010; 2024: legal 4 (a course 2023-12-28..2024-01-03); 2023: legal 2
//                (a session in the window, not flagged rotation); certificate 2020-01-15
//                (expires 2025-01-14)
//   o5 钱七 QX   since 2012, left 2024-09-05 (owes 15 / 30); 20/40, met; rotated; certificate
//                2019-11-20 (expires 2024-11-19), withdrawn on leaving
//   o6 孙八 QN   joined 2025-02-01: on no 2024 sheet, not in the rotation
//   o7 周九 QB   left 2023-06-30 (owes 10 / 20 in 2023): 2023 met; not in the rotation
//   o8 吴十 QN   police since 2018; only a rotation session that ended after the deadline
//   o9 郑十一 QX since 2014; 2024 met; rotated; certificate 2022-03-01; 2024 incompetent
struct World {
  Env env{"reports"};
  Id qz = 0, qn = 0, qn01 = 0, qb = 0, qx = 0;
  Officer o1, o2, o3, o4, o5, o6, o7, o8, o9;
  Training lecture, skills, annual, new_year, rotation, meeting, late_rotation, annual2023;
  Certificate c1, c2, c3, c4, c5, c9;
  User admin_user, hr_user;

  World() {
    env.store.set_bulk_load(true);
    qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
    qn = env.unit("QN", "钦南区", qz, UnitLevel::county);
    qn01 = env.unit("QN01", "尖山街道", qn, UnitLevel::town);
    qb = env.unit("QB", "钦北区", qz, UnitLevel::county);
    qx = env.unit("QX", "市司法局", qz, UnitLevel::department);

    o1 = env.officer(101, "张三", qn, d(2016, 7, 1));
    o2 = env.officer(102, "李四", qn01, d(2015, 3, 1));
    o3 = env.officer(103, "王五", qn01, d(2024, 3, 20));
    o4 = env.officer(104, "赵六", qb, d(2010, 9, 1));
    o5 = env.officer(105, "钱七", qx, d(2012, 5, 1));
    o6 = env.officer(106, "孙八", qn, d(2025, 2, 1));
    o7 = env.officer(107, "周九", qb, d(2011, 1, 1), d(2023, 6, 30));
    o8 = env.officer(108, "吴十", qn, d(2018, 1, 1), std::nullopt, OfficerKind::police);
    o9 = env.officer(109, "郑十一", qx, d(2014, 1, 1));

    lecture = env.training("法治讲座", qz, d(2024, 3, 4), d(2024, 3, 5), hours(6, 6, 3));
    skills = env.training("执法技能", qz, d(2024, 9, 10), d(2024, 9, 13), hours(0, 30));
    annual = env.training("2024年度综合培训", qz, d(2024, 4, 1), d(2024, 4, 6), hours(20, 40));
    new_year = env.training("跨年专题", qb, d(2023, 12, 28), d(2024, 1, 3), hours(4, 0));
    rotation = env.training("全员轮训第一期", qz, d(2023, 9, 18), d(2023, 9, 19), hours(8, 0), true);
    meeting = env.training("业务例会", qb, d(2023, 10, 10), d(2023, 10, 10), hours(2, 0));
    late_rotation = env.training("轮训补课", qn, d(2024, 6, 3), d(2024, 6, 3), hours(0, 0, 4), true);
    annual2023 = env.training("2023年度综合培训", qz, d(2023, 5, 8), d(2023, 5, 13), hours(20, 40));

    env.attend(lecture, {o1.id});
    env.attend(skills, {o1.id});
    env.attend(annual, {o2.id, o5.id, o9.id});
    env.attend_partial(annual, o3.id, 17, 33);
    env.attend(new_year, {o4.id});
    env.attend(rotation, {o1.id, o2.id, o5.id, o9.id});
    env.attend(meeting, {o4.id});
    env.attend(late_rotation, {o8.id});
    env.attend(annual2023, {o2.id, o7.id});

    c1 = env.certificate(o1.id, "QZ-2020-000001", d(2020, 2, 20));
    c2 = env.certificate(o2.id, "QZ-2019-000002", d(2019, 12, 10));
    c3 = env.certificate(o3.id, "QZ-2024-000003", d(2024, 4, 1));
    c4 = env.certificate(o4.id, "QZ-2020-000004", d(2020, 1, 15));
    c5 = env.certificate(o5.id, "QZ-2019-000005", d(2019, 11, 20));
    c9 = env.certificate(o9.id, "QZ-2022-000009", d(2022, 3, 1));
    auto suspended =
        env.store.certificates.act(c2.id, CertAction::suspend, d(2024, 10, 1), "待核查", std::nullopt, kSetup);
    REQUIRE_MESSAGE(suspended.is_ok(), suspended.status().message());
    store::OfficerPatch leave;
    leave.post_end = std::optional<Date>(d(2024, 9, 5));
    leave.status = OfficerStatus::left;
    auto left = env.store.officers.update(o5.id, leave, kSetup);
    REQUIRE_MESSAGE(left.is_ok(), left.status().message());
    o5 = *left;

    for (auto [o, g] : {std::pair{o1.id, Grade::incompetent}, {o2.id, Grade::excellent}, {o3.id, Grade::competent},
                        {o9.id, Grade::incompetent}})
      REQUIRE(env.store.assessments.put(o, 2024, g, kSetup).is_ok());

    admin_user = env.user("admin", Role::admin);
    hr_user = env.user("hr-qn", Role::hr, qn);
    env.store.set_bulk_load(false);
  }
  app::Caller admin(Date today = kToday) const { return app::Caller::of(admin_user, today); }
  app::Caller hr(Date today = kToday) const { return app::Caller::of(hr_user, today); }
};

// Built once: the cases below only read (or spend a budget of their own App).
World& world() {
  static World w;
  return w;
}

constexpr app::Paging kAll{1000, 0};

std::vector<Id> officer_ids(const app::ComplianceReport& r) {
  std::vector<Id> out;
  for (const auto& i : r.items) out.push_back(i.row.officer_id);
  return out;
}
std::vector<Id> pending_ids(const app::RotationReport& r) {
  std::vector<Id> out;
  for (const auto& p : r.pending) out.push_back(p.officer_id);
  return out;
}

// met, in_progress, not_met, exempt.
std::array<std::int64_t, 4> counts(const ComplianceTally& t) {
  return {t.of(ComplianceStatus::met), t.of(ComplianceStatus::in_progress), t.of(ComplianceStatus::not_met),
          t.of(ComplianceStatus::exempt)};
}

// The report's summary and per-child rows, recounted from its items (the whole list).
void check_tallies_match_items(app::App& app, const app::ComplianceReport& r) {
  REQUIRE(static_cast<std::int64_t>(r.items.size()) == r.matched);
  auto tree = app.store.units.tree();
  ComplianceTally all;
  std::vector<ComplianceTally> per_child(r.children.size());
  for (const auto& item : r.items) {
    all.add(item.status.status);
    for (std::size_t i = 0; i < r.children.size(); ++i)
      if (tree->contains(r.children[i].unit_id, item.row.unit_id)) per_child[i].add(item.status.status);
  }
  CHECK(r.summary.officers == all.officers);
  CHECK(counts(r.summary) == counts(all));
  for (std::size_t i = 0; i < r.children.size(); ++i) {
    CAPTURE(r.children[i].unit_name);
    CHECK(r.children[i].figures.officers == per_child[i].officers);
    CHECK(counts(r.children[i].figures) == counts(per_child[i]));
  }
}

app::ComplianceQuery year2024(std::optional<Date> as_of = std::nullopt) {
  app::ComplianceQuery q;
  q.when.year = 2024;
  q.when.as_of = as_of;
  return q;
}

}  // namespace

TEST_CASE("compliance_report: the summary and each child unit count the officers listed, by status") {
  World& w = world();
  auto& app = w.env.app;

  auto r = app::compliance_report(app, w.admin(), year2024(), kAll);
  REQUIRE(r.is_ok());
  CHECK(r->year == 2024);
  CHECK(r->as_of == kToday);
  CHECK(r->unit_id == w.qz);
  CHECK(r->unit_name == "钦州市");
  // On post on some day of 2024, in unit path order: o6 joined later, o7 left earlier.
  CHECK(officer_ids(*r) == std::vector<Id>{w.o1.id, w.o8.id, w.o2.id, w.o3.id, w.o4.id, w.o5.id, w.o9.id});
  CHECK(r->matched == 7);
  CHECK(r->summary.officers == 7);
  CHECK(counts(r->summary) == std::array<std::int64_t, 4>{3, 4, 0, 0});  // o2 o5 o9 met
  REQUIRE(r->children.size() == 3);
  CHECK(r->children[0].unit_name == "钦南区");
  CHECK(counts(r->children[0].figures) == std::array<std::int64_t, 4>{1, 3, 0, 0});
  CHECK(r->children[1].unit_name == "钦北区");
  CHECK(counts(r->children[1].figures) == std::array<std::int64_t, 4>{0, 1, 0, 0});
  CHECK(r->children[2].unit_name == "市司法局");
  CHECK(counts(r->children[2].figures) == std::array<std::int64_t, 4>{2, 0, 0, 0});
  check_tallies_match_items(app, *r);
  for (const auto& item : r->items) {
    CAPTURE(item.row.name);
    const Unit* u = app.store.units.tree()->find(item.row.unit_id);
    REQUIRE(u != nullptr);
    CHECK(item.unit_name == u->name);
  }

  // The same year once it is over: whoever has not met it has not met it.
  auto over = app::compliance_report(app, w.admin(kNextYear), year2024(), kAll);
  REQUIRE(over.is_ok());
  CHECK(over->as_of == kNextYear);
  CHECK(counts(over->summary) == std::array<std::int64_t, 4>{3, 0, 4, 0});
  check_tallies_match_items(app, *over);

  // Before 2023 there is no requirement: everyone on post is exempt.
  app::ComplianceQuery old;
  old.when.year = 2022;
  auto exempt = app::compliance_report(app, w.admin(), old, kAll);
  REQUIRE(exempt.is_ok());
  CHECK(exempt->summary.officers == exempt->summary.of(ComplianceStatus::exempt));
  CHECK(exempt->summary.officers == 7);  // o1 o2 o4 o5 o7 o8 o9

  // An hr user: their county by default, its town as the one child row.
  auto hr = app::compliance_report(app, w.hr(), year2024(), kAll);
  REQUIRE(hr.is_ok());
  CHECK(hr->unit_id == w.qn);
  CHECK(officer_ids(*hr) == std::vector<Id>{w.o1.id, w.o8.id, w.o2.id, w.o3.id});
  CHECK(counts(hr->summary) == counts(r->children[0].figures));
  REQUIRE(hr->children.size() == 1);
  CHECK(hr->children[0].unit_id == w.qn01);
  CHECK(counts(hr->children[0].figures) == std::array<std::int64_t, 4>{1, 1, 0, 0});
  check_tallies_match_items(app, *hr);

  // A unit out of the hr user's reach.
  app::ComplianceQuery beside = year2024();
  beside.unit_id = w.qb;
  auto refused = app::compliance_report(app, w.hr(), beside, kAll);
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().code() == Status::Code::not_found);
  CHECK(refused.status().rule() == "unit_not_found");
}

TEST_CASE("compliance_report: only, q (a name part or a whole ID number), paging, and full ID numbers for admins") {
  World& w = world();
  auto& app = w.env.app;

  auto all = app::compliance_report(app, w.admin(), year2024(), kAll);
  REQUIRE(all.is_ok());

  SUBCASE("only") {
    app::ComplianceQuery q = year2024();
    q.only = {ComplianceStatus::met};
    auto met = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(met.is_ok());
    CHECK(officer_ids(*met) == std::vector<Id>{w.o2.id, w.o5.id, w.o9.id});
    CHECK(met->matched == 3);
    for (const auto& i : met->items) CHECK(i.status.status == ComplianceStatus::met);
    // The summary and the child rows still count everyone.
    CHECK(counts(met->summary) == counts(all->summary));
    q.only = {ComplianceStatus::not_met};
    auto none = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(none.is_ok());
    CHECK(none->matched == 0);
    CHECK(none->items.empty());
    CHECK(none->summary.officers == 7);
    // Several at once (未完成 is in_progress,not_met): the union, in sheet order.
    q.only = {ComplianceStatus::met, ComplianceStatus::not_met};
    auto either = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(either.is_ok());
    CHECK(officer_ids(*either) == officer_ids(*met));
    q.only = {ComplianceStatus::met, ComplianceStatus::in_progress, ComplianceStatus::not_met,
              ComplianceStatus::exempt};
    CHECK(app::compliance_report(app, w.admin(), q, kAll)->matched == all->matched);
  }
  SUBCASE("q: a part of the name") {
    app::ComplianceQuery q = year2024();
    q.q = "十";
    auto r = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(r.is_ok());
    CHECK(officer_ids(*r) == std::vector<Id>{w.o8.id, w.o9.id});
    CHECK(r->matched == 2);
    q.only = {ComplianceStatus::in_progress};  // both filters at once
    auto both = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(both.is_ok());
    CHECK(officer_ids(*both) == std::vector<Id>{w.o8.id});
  }
  SUBCASE("q: a whole ID number") {
    app::ComplianceQuery q = year2024();
    q.q = w.o3.id_number;
    auto r = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(r.is_ok());
    CHECK(officer_ids(*r) == std::vector<Id>{w.o3.id});
    q.q = w.o6.id_number;  // registered, but not on the 2024 sheet
    auto none = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(none.is_ok());
    CHECK(none->matched == 0);
    q.q = w.o3.id_number.substr(0, 17);  // not whole: a part of a name, which matches nobody
    auto part = app::compliance_report(app, w.admin(), q, kAll);
    REQUIRE(part.is_ok());
    CHECK(part->matched == 0);
  }
  SUBCASE("paging") {
    auto ids = officer_ids(*all);
    for (app::Paging page : {app::Paging{2, 0}, app::Paging{2, 2}, app::Paging{3, 5}, app::Paging{5, 7},
                             app::Paging{1, 100}}) {
      CAPTURE(page.limit);
      CAPTURE(page.offset);
      auto r = app::compliance_report(app, w.admin(), year2024(), page);
      REQUIRE(r.is_ok());
      CHECK(r->matched == 7);
      CHECK(r->summary.officers == 7);
      std::vector<Id> expected;
      for (std::size_t i = page.offset; i < ids.size() && i < static_cast<std::size_t>(page.offset + page.limit); ++i)
        expected.push_back(ids[i]);
      CHECK(officer_ids(*r) == expected);
    }
    app::ComplianceQuery q = year2024();
    q.only = {ComplianceStatus::in_progress};
    auto second = app::compliance_report(app, w.admin(), q, {2, 2});
    REQUIRE(second.is_ok());
    CHECK(second->matched == 4);
    CHECK(officer_ids(*second) == std::vector<Id>{w.o3.id, w.o4.id});  // of o1 o8 o3 o4
  }
  SUBCASE("full ID numbers for admins only") {
    CHECK(all->full_id_numbers);
    CHECK(app::compliance_report(app, app::Caller::command_line(kToday), year2024(), kAll)->full_id_numbers);
    auto hr = app::compliance_report(app, w.hr(), year2024(), kAll);
    REQUIRE(hr.is_ok());
    CHECK_FALSE(hr->full_id_numbers);
  }
}

TEST_CASE("officer_hours: the worked example, a mid-year joiner and a leaver (monthly proration)") {
  World& w = world();
  auto& app = w.env.app;

  SUBCASE("docs/domain.md's worked example: legal 6/20, business 36/40, political 3") {
    auto r = app::officer_hours(app, w.admin(), w.o1.id, {2024, std::nullopt});
    REQUIRE(r.is_ok());
    CHECK(r->year == 2024);
    CHECK(r->as_of == kToday);
    REQUIRE(r->trainings.size() == 2);
    CHECK(r->trainings[0].title == "法治讲座");  // oldest first
    CHECK(r->trainings[0].hours == hours(6, 6, 3));
    CHECK(r->trainings[1].title == "执法技能");
    CHECK(r->trainings[1].hours == hours(0, 30));
    CHECK(r->status.status == ComplianceStatus::in_progress);
    CHECK(r->status.legal.earned == h(6));
    CHECK(r->status.legal.required == h(20));
    CHECK(r->status.legal.shortfall == h(14));
    CHECK(r->status.business.earned == h(36));
    CHECK(r->status.business.required == h(40));
    CHECK(r->status.business.shortfall == h(4));
    CHECK(r->status.political == h(3));
    auto over = app::officer_hours(app, w.admin(), w.o1.id, {2024, d(2025, 1, 1)});
    REQUIRE(over.is_ok());
    CHECK(over->status.status == ComplianceStatus::not_met);
    CHECK(over->status.legal.shortfall == h(14));
  }
  SUBCASE("joined 2024-03-20: 10 months on post, 17 legal and 33.5 business") {
    // The year defaults to the caller's.
    auto r = app::officer_hours(app, w.admin(), w.o3.id, {});
    REQUIRE(r.is_ok());
    CHECK(r->year == 2024);
    REQUIRE(r->trainings.size() == 1);
    CHECK(r->trainings[0].training_id == w.annual.id);
    CHECK(r->trainings[0].hours == hours(17, 33));  // partial attendance
    CHECK(r->status.legal.required == h(17));       // 20 × 10 / 12 = 16.67, up to 17
    CHECK(r->status.legal.shortfall == h(0));
    CHECK(r->status.business.required == h(33.5));  // 40 × 10 / 12 = 33.33, up to 33.5
    CHECK(r->status.business.shortfall == h(0.5));
    CHECK(r->status.status == ComplianceStatus::in_progress);
    // Pace on 2024-11-01: 227 of 287 days on post; 33.5 × 227 / 287 = 26.5 <= 33.
    CHECK_FALSE(r->status.legal.behind_pace);
    CHECK_FALSE(r->status.business.behind_pace);
    auto over = app::officer_hours(app, w.admin(kNextYear), w.o3.id, {2024, std::nullopt});
    REQUIRE(over.is_ok());
    CHECK(over->as_of == kNextYear);
    CHECK(over->status.status == ComplianceStatus::not_met);
  }
  SUBCASE("left 2024-09-05: 9 months on post, 15 legal and 30 business, met with 20/40") {
    auto r = app::officer_hours(app, w.admin(), w.o5.id, {2024, std::nullopt});
    REQUIRE(r.is_ok());
    CHECK(r->officer.status == OfficerStatus::left);
    CHECK(r->status.legal.required == h(15));
    CHECK(r->status.business.required == h(30));
    CHECK(r->status.status == ComplianceStatus::met);
  }
  SUBCASE("a course 2023-12-28..2024-01-03 counts entirely in 2024") {
    auto y2024 = app::officer_hours(app, w.admin(), w.o4.id, {2024, std::nullopt});
    REQUIRE(y2024.is_ok());
    REQUIRE(y2024->trainings.size() == 1);
    CHECK(y2024->trainings[0].training_id == w.new_year.id);
    CHECK(y2024->status.legal.earned == h(4));
    auto y2023 = app::officer_hours(app, w.admin(), w.o4.id, {2023, std::nullopt});
    REQUIRE(y2023.is_ok());
    REQUIRE(y2023->trainings.size() == 1);
    CHECK(y2023->trainings[0].training_id == w.meeting.id);
    CHECK(y2023->status.legal.earned == h(2));
  }
  SUBCASE("not on post in the year: exempt") {
    auto r = app::officer_hours(app, w.admin(), w.o6.id, {2024, std::nullopt});
    REQUIRE(r.is_ok());
    CHECK(r->status.status == ComplianceStatus::exempt);
    CHECK(r->trainings.empty());
  }
  SUBCASE("out of reach: not found") {
    auto r = app::officer_hours(app, w.hr(), w.o4.id, {2024, std::nullopt});
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().code() == Status::Code::not_found);
    CHECK(r.status().rule() == "officer_not_found");
    CHECK(app::officer_hours(app, w.hr(), w.o3.id, {2024, std::nullopt}).is_ok());
  }
}

TEST_CASE("rotation_report: the plan's campaign, pending list paging and per-child tallies") {
  World& w = world();
  auto& app = w.env.app;

  auto r = app::rotation_report(app, w.admin(), {}, {100, 0});
  REQUIRE(r.is_ok());
  CHECK(r->campaign.id == kPlanCampaign);
  CHECK(r->campaign.deadline == d(2024, 5, 31));
  CHECK(r->unit_id == w.qz);
  // On post on 2024-05-31: o1 o2 o3 o4 o5 o8 o9 (police too); rotated: o1 o2 o5 o9. A session
  // outside the window (o8) or not flagged rotation (o4) does not count.
  CHECK(r->total.required == 7);
  CHECK(r->total.rotated == 4);
  CHECK(r->total.pending() == 3);
  CHECK(r->status() == RotationStatus::overdue);
  CHECK(pending_ids(*r) == std::vector<Id>{w.o8.id, w.o3.id, w.o4.id});
  REQUIRE(r->pending.size() == 3);
  CHECK(r->pending[0].name == "吴十");
  CHECK(r->pending[0].unit_name == "钦南区");
  CHECK(r->pending[1].unit_name == "尖山街道");
  REQUIRE(r->children.size() == 3);
  CHECK(r->children[0].unit_id == w.qn);
  CHECK(r->children[0].figures.tally.required == 4);
  CHECK(r->children[0].figures.tally.rotated == 2);
  CHECK(r->children[0].figures.status == RotationStatus::overdue);
  CHECK(r->children[1].unit_id == w.qb);
  CHECK(r->children[1].figures.tally.required == 1);
  CHECK(r->children[1].figures.tally.rotated == 0);
  CHECK(r->children[1].figures.status == RotationStatus::overdue);
  CHECK(r->children[2].unit_id == w.qx);
  CHECK(r->children[2].figures.tally.required == 2);
  CHECK(r->children[2].figures.tally.rotated == 2);
  CHECK(r->children[2].figures.status == RotationStatus::complete);
  RotationTally sum;
  for (const auto& c : r->children) {
    sum.required += c.figures.tally.required;
    sum.rotated += c.figures.tally.rotated;
  }
  CHECK(sum.required == r->total.required);
  CHECK(sum.rotated == r->total.rotated);

  // Pages of the pending list; the tallies always count everyone.
  for (auto [page, expected] : {std::pair{app::Paging{1, 0}, std::vector<Id>{w.o8.id}},
                                {app::Paging{1, 1}, std::vector<Id>{w.o3.id}},
                                {app::Paging{2, 1}, std::vector<Id>{w.o3.id, w.o4.id}},
                                {app::Paging{10, 3}, std::vector<Id>{}}}) {
    CAPTURE(page.limit);
    CAPTURE(page.offset);
    auto p = app::rotation_report(app, w.admin(), {}, page);
    REQUIRE(p.is_ok());
    CHECK(pending_ids(*p) == expected);
    CHECK(p->total.pending() == 3);
    CHECK(p->children[0].figures.tally.required == 4);
  }

  // Before the deadline: in progress, everywhere.
  app::ReportQuery before;
  before.as_of = d(2024, 5, 1);
  auto early = app::rotation_report(app, w.admin(), before, {100, 0});
  REQUIRE(early.is_ok());
  CHECK(early->status() == RotationStatus::in_progress);
  for (const auto& c : early->children) CHECK(c.figures.status == RotationStatus::in_progress);

  // The hr user's county.
  auto hr = app::rotation_report(app, w.hr(), {}, {100, 0});
  REQUIRE(hr.is_ok());
  CHECK(hr->unit_id == w.qn);
  CHECK(hr->total.required == 4);
  CHECK(hr->total.rotated == 2);
  CHECK(pending_ids(*hr) == std::vector<Id>{w.o8.id, w.o3.id});
  REQUIRE(hr->children.size() == 1);
  CHECK(hr->children[0].figures.tally.required == 2);
  CHECK(hr->children[0].figures.tally.rotated == 1);

  // An unknown campaign, a date before any campaign, a unit out of reach.
  app::ReportQuery unknown;
  unknown.campaign_id = 999;
  auto no_such = app::rotation_report(app, w.admin(), unknown, {100, 0});
  REQUIRE_FALSE(no_such.is_ok());
  CHECK(no_such.status().code() == Status::Code::not_found);
  CHECK(no_such.status().rule() == "campaign_not_found");
  // Before its window opens, the campaign that opens first is the one reported.
  app::ReportQuery too_early;
  too_early.as_of = d(2023, 1, 1);
  auto upcoming = app::rotation_report(app, w.admin(), too_early, {100, 0});
  REQUIRE(upcoming.is_ok());
  CHECK(upcoming->campaign.id == kPlanCampaign);
  CHECK(upcoming->status() == RotationStatus::in_progress);
  CHECK(upcoming->total.required == 7);
  app::ReportQuery beside;
  beside.unit_id = w.qx;
  auto out = app::rotation_report(app, w.hr(), beside, {100, 0});
  REQUIRE_FALSE(out.is_ok());
  CHECK(out.status().rule() == "unit_not_found");
}

TEST_CASE("progress_report: officers, rotation, compliance of two years and certificates, per child unit") {
  World& w = world();
  auto& app = w.env.app;
  using Figures = app::ProgressFigures;
  auto certs = [](const Figures& f) { return f.certificates; };
  auto cert_counts = [](std::int64_t valid, std::int64_t suspended, std::int64_t withdrawn) {
    std::array<std::int64_t, 5> a{};
    a[static_cast<std::size_t>(CertState::valid)] = valid;
    a[static_cast<std::size_t>(CertState::suspended)] = suspended;
    a[static_cast<std::size_t>(CertState::withdrawn)] = withdrawn;
    return a;
  };

  // The mid-term report's date.
  app::ReportQuery mid;
  mid.as_of = d(2024, 8, 15);
  auto r = app::progress_report(app, w.admin(), mid);
  REQUIRE(r.is_ok());
  CHECK(r->unit_id == w.qz);
  CHECK(r->year == 2024);
  REQUIRE(r->campaign.has_value());
  CHECK(r->campaign->id == kPlanCampaign);
  const Figures& t = r->total;
  CHECK(t.officers == 7);  // on post on 2024-08-15: o5 leaves later, o6 joins later, o7 left
  CHECK(t.rotation.required == 7);
  CHECK(t.rotation.rotated == 4);
  CHECK(t.previous_year.officers == 7);  // 2023: o1 o2 o4 o5 o7 o8 o9
  CHECK(t.previous_year.met == 2);       // o2, o7 (who owed 10 / 20)
  CHECK(t.current_year.officers == 7);
  CHECK(t.current_year.met == 3);  // o2 o5 o9
  CHECK(certs(t) == cert_counts(6, 0, 0));

  REQUIRE(r->children.size() == 3);
  const Figures& qn = r->children[0].figures;
  CHECK(r->children[0].unit_id == w.qn);
  CHECK(qn.officers == 4);
  CHECK(qn.rotation.required == 4);
  CHECK(qn.rotation.rotated == 2);
  CHECK(qn.previous_year.officers == 3);
  CHECK(qn.previous_year.met == 1);
  CHECK(qn.current_year.officers == 4);
  CHECK(qn.current_year.met == 1);
  CHECK(certs(qn) == cert_counts(3, 0, 0));
  const Figures& qb = r->children[1].figures;
  CHECK(qb.officers == 1);
  CHECK(qb.previous_year.officers == 2);
  CHECK(qb.previous_year.met == 1);
  CHECK(qb.current_year.met == 0);
  CHECK(certs(qb) == cert_counts(1, 0, 0));
  const Figures& qx = r->children[2].figures;
  CHECK(qx.officers == 2);
  CHECK(qx.rotation.rotated == 2);
  CHECK(qx.current_year.met == 2);
  CHECK(certs(qx) == cert_counts(2, 0, 0));
  // The root has no officers of its own: the children add up to the total.
  Figures sum;
  for (const auto& c : r->children) {
    sum.officers += c.figures.officers;
    sum.rotation.required += c.figures.rotation.required;
    sum.rotation.rotated += c.figures.rotation.rotated;
    sum.previous_year.officers += c.figures.previous_year.officers;
    sum.previous_year.met += c.figures.previous_year.met;
    sum.current_year.officers += c.figures.current_year.officers;
    sum.current_year.met += c.figures.current_year.met;
    for (std::size_t k = 0; k < 5; ++k) sum.certificates[k] += c.figures.certificates[k];
  }
  CHECK(sum.officers == t.officers);
  CHECK(sum.rotation.required == t.rotation.required);
  CHECK(sum.rotation.rotated == t.rotation.rotated);
  CHECK(sum.previous_year.officers == t.previous_year.officers);
  CHECK(sum.previous_year.met == t.previous_year.met);
  CHECK(sum.current_year.officers == t.current_year.officers);
  CHECK(sum.current_year.met == t.current_year.met);
  CHECK(sum.certificates == t.certificates);

  // Certificates by their state on 2024-11-01: o2's suspended, o5's withdrawn on leaving.
  auto later = app::progress_report(app, w.admin(), {});
  REQUIRE(later.is_ok());
  CHECK(later->total.officers == 6);
  CHECK(certs(later->total) == cert_counts(4, 1, 1));
  CHECK(certs(later->children[0].figures) == cert_counts(2, 1, 0));
  CHECK(certs(later->children[2].figures) == cert_counts(1, 0, 1));

  // The hr user's county: the same figures as its row above.
  auto hr = app::progress_report(app, w.hr(), mid);
  REQUIRE(hr.is_ok());
  CHECK(hr->unit_id == w.qn);
  CHECK(hr->total.officers == qn.officers);
  CHECK(hr->total.rotation.rotated == qn.rotation.rotated);
  CHECK(hr->total.previous_year.met == qn.previous_year.met);
  CHECK(hr->total.current_year.officers == qn.current_year.officers);
  CHECK(hr->total.certificates == qn.certificates);

  // Before the plan's window opens, the report already counts who it will have to reach.
  app::ReportQuery early;
  early.as_of = d(2023, 6, 1);
  auto before = app::progress_report(app, w.admin(), early);
  REQUIRE(before.is_ok());
  REQUIRE(before->campaign.has_value());
  CHECK(before->campaign->id == kPlanCampaign);
  CHECK(before->year == 2023);
  CHECK(before->total.rotation.required == 7);
  CHECK(before->total.current_year.officers == 7);  // 2023's sheet
  CHECK(before->total.current_year.met == 2);       // o2, o7
}

TEST_CASE("a later campaign takes over the reports on the first day of its window") {
  Env env("campaigns");
  Id qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
  Officer early = env.officer(1, "张伟", qz, d(2015, 3, 1));
  Officer joiner = env.officer(2, "李娜", qz, d(2024, 9, 1));
  auto admin = app::Caller::of(env.user("admin", Role::admin), kToday);
  Training second = env.training("第二轮轮训", qz, d(2025, 3, 1), d(2025, 3, 1), hours(4, 4), true);
  env.attend(second, {joiner.id});

  Campaign c;
  c.name = "2025年全员轮训";
  c.window_start = d(2025, 3, 1);
  c.deadline = d(2025, 10, 31);
  auto made = app::create_campaign(env.app, admin, c);
  REQUIRE_MESSAGE(made.is_ok(), made.status().message());
  CHECK(made->id != kPlanCampaign);
  CHECK(env.audit("campaign").size() == 1);
  auto all = app::campaigns(env.app);
  REQUIRE(all.size() == 2);
  CHECK(all[0].id == kPlanCampaign);
  CHECK(all[1].id == made->id);

  app::ReportQuery eve, first_day;
  eve.as_of = d(2025, 2, 28);
  first_day.as_of = d(2025, 3, 1);
  auto old = app::rotation_report(env.app, admin, eve, {100, 0});
  REQUIRE(old.is_ok());
  CHECK(old->campaign.id == kPlanCampaign);
  CHECK(old->total.required == 1);  // the joiner came after the plan's deadline
  CHECK(pending_ids(*old) == std::vector<Id>{early.id});
  auto now = app::rotation_report(env.app, admin, first_day, {100, 0});
  REQUIRE(now.is_ok());
  CHECK(now->campaign.id == made->id);
  CHECK(now->total.required == 2);
  CHECK(now->total.rotated == 1);
  CHECK(pending_ids(*now) == std::vector<Id>{early.id});
  CHECK(now->status() == RotationStatus::in_progress);
  // Named explicitly, the plan's campaign is still there.
  first_day.campaign_id = kPlanCampaign;
  auto named = app::rotation_report(env.app, admin, first_day, {100, 0});
  REQUIRE(named.is_ok());
  CHECK(named->campaign.id == kPlanCampaign);
  CHECK(named->status() == RotationStatus::overdue);
}

TEST_CASE("exit_review: holders of a valid certificate who missed last year's hours or were graded incompetent") {
  World& w = world();
  auto& app = w.env.app;

  // On 2025-03-01 (default year: 2024): o1 (not_met, incompetent) lost their certificate to
  // expiry on 2025-02-19, o2's and o4's expired too, o5's was withdrawn, o8 holds none.
  auto r = app::exit_review(app, w.admin(kNextYear), std::nullopt, std::nullopt);
  REQUIRE(r.is_ok());
  CHECK(r->year == 2024);
  CHECK(r->unit_id == w.qz);
  CHECK(r->as_of == kNextYear);
  REQUIRE(r->items.size() == 2);
  const auto& joiner = r->items[0];
  CHECK(joiner.officer_id == w.o3.id);
  CHECK(joiner.name == "王五");
  CHECK(joiner.unit_name == "尖山街道");
  CHECK(joiner.reasons == std::vector<ExitReason>{ExitReason::not_met});
  CHECK(joiner.status.status == ComplianceStatus::not_met);
  CHECK(joiner.status.business.shortfall == h(0.5));
  CHECK(joiner.grade == std::optional<Grade>(Grade::competent));
  CHECK(joiner.certificate_id == w.c3.id);
  CHECK(joiner.certificate_number == "QZ-2024-000003");
  const auto& graded = r->items[1];
  CHECK(graded.officer_id == w.o9.id);
  CHECK(graded.reasons == std::vector<ExitReason>{ExitReason::incompetent});
  CHECK(graded.status.status == ComplianceStatus::met);
  CHECK(graded.grade == std::optional<Grade>(Grade::incompetent));
  CHECK(graded.certificate_number == "QZ-2022-000009");
  for (const auto& c : r->items) CHECK(c.officer_id != w.o1.id);

  // Reviewed while o1's certificate was still valid (2024-11-01, year 2024 asked): 2024 is
  // still in progress then, so only the grades count.
  auto early = app::exit_review(app, w.admin(), std::nullopt, 2024);
  REQUIRE(early.is_ok());
  std::vector<Id> early_ids;
  for (const auto& c : early->items) early_ids.push_back(c.officer_id);
  CHECK(early_ids == std::vector<Id>{w.o1.id, w.o9.id});
  CHECK(early->items[0].reasons == std::vector<ExitReason>{ExitReason::incompetent});

  // 2023: o9 earned legal 8 only; o3 was not on post (and was not graded).
  auto y2023 = app::exit_review(app, w.admin(kNextYear), std::nullopt, 2023);
  REQUIRE(y2023.is_ok());
  REQUIRE(y2023->items.size() == 1);
  CHECK(y2023->items[0].officer_id == w.o9.id);
  CHECK(y2023->items[0].reasons == std::vector<ExitReason>{ExitReason::not_met});

  // An hr user's county: the joiner only; a unit beside it is not found.
  auto hr = app::exit_review(app, w.hr(kNextYear), std::nullopt, std::nullopt);
  REQUIRE(hr.is_ok());
  REQUIRE(hr->items.size() == 1);
  CHECK(hr->items[0].officer_id == w.o3.id);
  auto beside = app::exit_review(app, w.hr(kNextYear), w.qx, std::nullopt);
  REQUIRE_FALSE(beside.is_ok());
  CHECK(beside.status().rule() == "unit_not_found");
}

TEST_CASE("expiring_certificates: those in force today that end within the window, soonest first") {
  World& w = world();
  auto& app = w.env.app;
  auto numbers = [](const app::ExpiringList& l) {
    std::vector<std::string> out;
    for (const auto& i : l.items) out.push_back(i.certificate.number);
    return out;
  };

  // On 2024-11-01, within 90 days (until 2025-01-30): o2's (suspended, 2024-12-09) and o4's
  // (2025-01-14). o5's ends 2024-11-19 but was withdrawn; o1's ends in 110 days.
  auto r = app::expiring_certificates(app, w.admin(), std::nullopt, std::nullopt);
  REQUIRE(r.is_ok());
  CHECK(r->unit_id == w.qz);
  CHECK(r->days == 90);
  CHECK(numbers(*r) == std::vector<std::string>{"QZ-2019-000002", "QZ-2020-000004"});
  REQUIRE(r->items.size() == 2);
  CHECK(r->items[0].state == CertState::suspended);
  CHECK(r->items[0].days_left == 38);
  CHECK(r->items[0].officer.id == w.o2.id);
  CHECK(r->items[0].unit_name == "尖山街道");
  CHECK(r->items[1].state == CertState::valid);
  CHECK(r->items[1].days_left == 74);

  // The window: its last day is in, the day after is out; a wider one takes o1's, in date order
  // (not the unit order the store reads them in).
  CHECK(numbers(*app::expiring_certificates(app, w.admin(), std::nullopt, 74)) ==
        std::vector<std::string>{"QZ-2019-000002", "QZ-2020-000004"});
  CHECK(numbers(*app::expiring_certificates(app, w.admin(), std::nullopt, 73)) ==
        std::vector<std::string>{"QZ-2019-000002"});
  auto wide = app::expiring_certificates(app, w.admin(), std::nullopt, 120);
  REQUIRE(wide.is_ok());
  CHECK(wide->days == 120);
  CHECK(numbers(*wide) == std::vector<std::string>{"QZ-2019-000002", "QZ-2020-000004", "QZ-2020-000001"});
  CHECK(wide->items[2].days_left == 110);
  for (std::size_t i = 1; i < wide->items.size(); ++i)
    CHECK(wide->items[i - 1].certificate.expires_on <= wide->items[i].certificate.expires_on);

  // An hr user: their county only; a unit beside it is not found.
  CHECK(numbers(*app::expiring_certificates(app, w.hr(), std::nullopt, 120)) ==
        std::vector<std::string>{"QZ-2019-000002", "QZ-2020-000001"});
  auto beside = app::expiring_certificates(app, w.hr(), w.qb, std::nullopt);
  REQUIRE_FALSE(beside.is_ok());
  CHECK(beside.status().code() == Status::Code::not_found);
  CHECK(beside.status().rule() == "unit_not_found");
  CHECK(numbers(*app::expiring_certificates(app, w.admin(), w.qb, std::nullopt)) ==
        std::vector<std::string>{"QZ-2020-000004"});
}

// The one demo-based case: on the demo database the reports agree with each other.
TEST_CASE("on the demo database the reports agree with each other") {
  const Date today = d(2025, 9, 1);
  Env env("reports-demo");
  env.store.set_bulk_load(true);
  std::ostringstream log;
  demo::build(env.store, CERTHOURS_SEEDS_DIR, today, [](const std::string& p) { return "fake$" + p; }, log);
  env.store.set_bulk_load(false);
  auto& app = env.app;
  std::optional<User> admin_user, hr_user;
  for (const auto& l : demo::logins()) {
    auto c = env.store.users.credentials(l.username);
    REQUIRE(c.has_value());
    if (c->user.role == Role::admin) admin_user = c->user;
    if (c->user.role == Role::hr) hr_user = c->user;
  }
  REQUIRE(admin_user.has_value());
  REQUIRE(hr_user.has_value());
  auto admin = app::Caller::of(*admin_user, today);
  auto hr = app::Caller::of(*hr_user, today);
  const Id hr_unit = *hr_user->unit_id;

  // Compliance of last year: the summary, the child rows and the items agree; hr's county is
  // the admin's row for it.
  auto all = app::compliance_report(app, admin, year2024(), {1000, 0});
  REQUIRE(all.is_ok());
  CHECK(all->matched >= 400);
  CHECK(all->summary.officers == all->matched);
  check_tallies_match_items(app, *all);
  CHECK(all->summary.of(ComplianceStatus::not_met) >= 20);
  app::ComplianceQuery not_met = year2024();
  not_met.only = {ComplianceStatus::not_met};
  CHECK(app::compliance_report(app, admin, not_met, {1, 0})->matched == all->summary.of(ComplianceStatus::not_met));
  auto county = app::compliance_report(app, hr, year2024(), {1000, 0});
  REQUIRE(county.is_ok());
  CHECK(county->unit_id == hr_unit);
  check_tallies_match_items(app, *county);
  bool row_found = false;
  for (const auto& c : all->children)
    if (c.unit_id == hr_unit) {
      row_found = true;
      CHECK(counts(c.figures) == counts(county->summary));
    }
  CHECK(row_found);

  // The rotation: the pending list read page by page is the tally's pending count.
  auto rot = app::rotation_report(app, admin, {}, {25, 0});
  REQUIRE(rot.is_ok());
  std::set<Id> pending;
  for (int offset = 0; offset < rot->total.pending() + 25; offset += 25)
    for (Id id : pending_ids(*app::rotation_report(app, admin, {}, {25, offset}))) CHECK(pending.insert(id).second);
  CHECK(static_cast<std::int64_t>(pending.size()) == rot->total.pending());
  std::int64_t required = 0;
  for (const auto& c : rot->children) required += c.figures.tally.required;
  CHECK(required == rot->total.required);

  // The progress report repeats the rotation and the compliance of both years.
  auto progress = app::progress_report(app, admin, {});
  REQUIRE(progress.is_ok());
  CHECK(progress->total.rotation.required == rot->total.required);
  CHECK(progress->total.rotation.rotated == rot->total.rotated);
  auto last_year = app::compliance_report(app, admin, year2024(today), {1, 0});
  CHECK(progress->total.previous_year.met == last_year->summary.of(ComplianceStatus::met));
  CHECK(progress->total.previous_year.officers == last_year->summary.assessed());
  auto this_year = app::compliance_report(app, admin, {}, {1, 0});
  CHECK(progress->total.current_year.met == this_year->summary.of(ComplianceStatus::met));

  // The exit review of 2024: every one listed holds a certificate valid today and has a reason.
  auto review = app::exit_review(app, admin, std::nullopt, std::nullopt);
  REQUIRE(review.is_ok());
  CHECK(review->year == 2024);
  CHECK(review->items.size() >= 10);
  for (std::size_t i = 0; i < review->items.size(); ++i) {
    const auto& c = review->items[i];
    CAPTURE(c.name);
    CHECK_FALSE(c.reasons.empty());
    if (i > 0) CHECK(review->items[i - 1].officer_id < c.officer_id);
    auto cert = env.store.certificates.find(c.certificate_id);
    REQUIRE(cert.has_value());
    CHECK(cert->officer_id == c.officer_id);
    CHECK(state_on(*cert, today) == CertState::valid);
  }

  // Expiring certificates: in force, within the window, soonest first.
  auto expiring = app::expiring_certificates(app, admin, std::nullopt, std::nullopt);
  REQUIRE(expiring.is_ok());
  CHECK_FALSE(expiring->items.empty());
  for (std::size_t i = 0; i < expiring->items.size(); ++i) {
    const auto& e = expiring->items[i];
    CHECK((e.state == CertState::valid || e.state == CertState::suspended));
    CHECK(e.days_left >= 0);
    CHECK(e.days_left <= 90);
    if (i > 0) CHECK(expiring->items[i - 1].days_left <= e.days_left);
  }

  // As of a date early in 2024 only what had ended by then counts: the 2024 rate of the mid-term
  // report as of 2024-03-01 is below the final one (docs/domain.md "as of D").
  auto rate_2024 = [&](Date as_of) {
    auto r = app::progress_report(app, app::Caller::of(*admin_user, as_of), {std::nullopt, std::nullopt, as_of});
    REQUIRE(r.is_ok());
    REQUIRE(r->year == 2024);
    REQUIRE(r->total.current_year.officers > 0);
    return static_cast<double>(r->total.current_year.met) / static_cast<double>(r->total.current_year.officers);
  };
  double march = rate_2024(d(2024, 3, 1)), final_rate = rate_2024(d(2024, 12, 31));
  MESSAGE("demo 2024 compliance rate as of 2024-03-01: " << march << ", as of 2024-12-31: " << final_rate);
  CHECK(march < final_rate);
}
