// GET /me/reminders' use case: what an officer and an hr user are told on login, worked out by
// hand from a small data set (docs/api.md "GET /me/reminders").
#include <doctest/doctest.h>

#include <algorithm>

#include "app/reminders.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 10, 15);

// 钦州市 QZ → 钦南区 QN, 钦北区 QB. Officers of 钦南区:
//   o1 张三: certificate 2019-11-01 (ends 2024-10-31: 16 days), 2024 legal 20 / business 40 (met)
//   o2 李四: certificate 2019-12-20 (ends 2024-12-19: 65 days), nothing earned: behind pace
//   o3 王五: certificate 2020-06-01 (ends 2025-05-31: outside 90 days), 2024 legal 20, business 0
//   o4 赵六 (钦北区): certificate 2019-11-10 (ends 2024-11-09), outside hr's units
struct World {
  Env env{"reminders"};
  Id city = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
  Id qn = env.unit("QN", "钦南区", city, UnitLevel::county);
  Id qb = env.unit("QB", "钦北区", city, UnitLevel::county);
  Officer o1 = env.officer(1, "张三", qn, d(2016, 1, 1));
  Officer o2 = env.officer(2, "李四", qn, d(2016, 1, 1));
  Officer o3 = env.officer(3, "王五", qn, d(2016, 1, 1));
  Officer o4 = env.officer(4, "赵六", qb, d(2016, 1, 1));
  User hr_user = env.user("hr_qn", Role::hr, qn);
  User admin_user = env.user("admin", Role::admin);
  User me_o1 = env.user("o1", Role::officer, std::nullopt, o1.id);
  User me_o2 = env.user("o2", Role::officer, std::nullopt, o2.id);
  User me_o3 = env.user("o3", Role::officer, std::nullopt, o3.id);
  World() {
    env.certificate(o1.id, "C-1", d(2019, 11, 1));
    env.certificate(o2.id, "C-2", d(2019, 12, 20));
    env.certificate(o3.id, "C-3", d(2020, 6, 1));
    env.certificate(o4.id, "C-4", d(2019, 11, 10));
    auto law = env.training("法治", qn, d(2024, 3, 4), d(2024, 3, 5), hours(10, 0));
    auto law2 = env.training("法治二", qn, d(2024, 4, 8), d(2024, 4, 9), hours(10, 0));
    auto skill = env.training("技能", qn, d(2024, 5, 6), d(2024, 5, 9), hours(0, 40));
    env.attend(law, {o1.id, o3.id});
    env.attend(law2, {o1.id, o3.id});
    env.attend(skill, {o1.id});
  }
  app::Caller as(const User& u) const { return app::Caller::of(u, kToday); }
};

std::vector<app::Reminder> of_kind(const std::vector<app::Reminder>& all, app::ReminderKind k) {
  std::vector<app::Reminder> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const app::Reminder& r) { return r.kind == k; });
  return out;
}

}  // namespace

TEST_CASE("reminders: an officer is told of their own certificate and their own pace only") {
  World w;
  auto mine = app::reminders(w.env.app, w.as(w.me_o1));
  REQUIRE(mine.size() == 1);  // met: no pace reminder
  CHECK(mine[0].kind == app::ReminderKind::certificate_expiring);
  CHECK(mine[0].severity == app::Severity::urgent);  // 16 days
  CHECK(mine[0].due_on == d(2024, 10, 31));
  CHECK(contains(mine[0].title, "2024年10月31日"));
  CHECK(contains(mine[0].detail, "C-1"));
  CHECK(mine[0].link == "#/me");

  auto o2 = app::reminders(w.env.app, w.as(w.me_o2));
  REQUIRE(o2.size() == 2);
  CHECK(o2[0].kind == app::ReminderKind::behind_pace);  // a warning before…
  CHECK(o2[1].kind == app::ReminderKind::certificate_expiring);
  CHECK(o2[1].severity == app::Severity::info);  // …a certificate 65 days away: past 60
  auto pace = of_kind(o2, app::ReminderKind::behind_pace);
  REQUIRE(pace.size() == 1);
  // 2024-10-15 is day 289 of 366: legal 20 × 289 / 366 = 15.79 → 16; business 31.58 → 32.
  CHECK(contains(pace[0].detail, "公共法律知识 16 学时（已完成 0，全年须 20）"));
  CHECK(contains(pace[0].detail, "业务知识 32 学时"));
  CHECK(contains(pace[0].detail, "退出审查"));
  CHECK(pace[0].due_on == d(2024, 12, 31));

  // 王五: legal 20 done, business behind; certificate outside the 90 days.
  auto o3 = app::reminders(w.env.app, w.as(w.me_o3));
  REQUIRE(o3.size() == 1);
  CHECK(o3[0].kind == app::ReminderKind::behind_pace);
  CHECK_FALSE(contains(o3[0].detail, "公共法律知识"));
  CHECK(contains(o3[0].detail, "业务知识 32 学时（已完成 0，全年须 40）"));
}

TEST_CASE("reminders: hr sees the certificates of its units expiring within 90 days and how many are behind") {
  World w;
  auto all = app::reminders(w.env.app, w.as(w.hr_user));
  auto certs = of_kind(all, app::ReminderKind::certificate_expiring);
  REQUIRE(certs.size() == 2);  // o1 and o2; o3 is outside 90 days, o4 outside the units
  CHECK(contains(certs[0].title, "张三"));
  CHECK(certs[0].severity == app::Severity::urgent);
  CHECK(certs[0].link == "#/officers/" + std::to_string(w.o1.id));
  CHECK(contains(certs[1].title, "李四"));
  auto pace = of_kind(all, app::ReminderKind::behind_pace);
  REQUIRE(pace.size() == 1);
  CHECK(pace[0].title == "2 名人员学时进度落后");  // 李四 (both), 王五 (business)
  CHECK(contains(pace[0].detail, "公共法律知识 1 人，业务知识 2 人"));
  CHECK(all.front().severity == app::Severity::urgent);  // most urgent first

  // The admin sees the whole region: 赵六's certificate too.
  auto admin = of_kind(app::reminders(w.env.app, w.as(w.admin_user)), app::ReminderKind::certificate_expiring);
  CHECK(admin.size() == 3);
}

TEST_CASE("reminders: past 20 certificates, the rest are counted in one reminder") {
  World w;
  for (int i = 0; i < 25; ++i) {
    Officer o = w.env.officer(100 + i, "员" + std::to_string(i), w.qn, d(2016, 1, 1));
    w.env.certificate(o.id, "M-" + std::to_string(i), d(2019, 11, 20));  // ends 2024-11-19
  }
  auto all = app::reminders(w.env.app, w.as(w.hr_user));
  CHECK(of_kind(all, app::ReminderKind::certificate_expiring).size() == app::kListedCertificates);
  auto more = of_kind(all, app::ReminderKind::certificates_expiring);
  REQUIRE(more.size() == 1);
  CHECK(more[0].title == "另有 7 本执法证将在 90 天内到期");  // 27 in all
  CHECK(more[0].link == "#/unit");
}
