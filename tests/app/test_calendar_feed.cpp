// The calendar feed's use case (docs/api.md "Calendar feed"): who gets which events, the
// secret's life (kept, reset, dead with its user), worked out by hand from a small data set.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/calendar_feed.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 10, 15);

// 钦州市 → 钦南区, 钦北区.
//   o1 张三 (钦南区): certificate 2019-11-01, ends 2024-10-31; attended 法治 (2024-03-04..05)
//   o2 李四 (钦南区): certificate 2020-11-01, ends 2025-10-31 (beyond 12 months from kToday)
//   o3 王五 (钦北区): certificate 2020-06-01, ends 2025-05-31 (within 12 months, outside hr's units)
//   o4 赵六 (钦南区): certificate 2019-10-01, ended 2024-09-30 (expired: no event)
struct World {
  Env env{"calendar-feed"};
  Id city = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
  Id qn = env.unit("QN", "钦南区", city, UnitLevel::county);
  Id qb = env.unit("QB", "钦北区", city, UnitLevel::county);
  Officer o1 = env.officer(1, "张三", qn, d(2016, 1, 1));
  Officer o2 = env.officer(2, "李四", qn, d(2016, 1, 1));
  Officer o3 = env.officer(3, "王五", qb, d(2016, 1, 1));
  Officer o4 = env.officer(4, "赵六", qn, d(2016, 1, 1));
  User hr_user = env.user("hr_qn", Role::hr, qn);
  User admin_user = env.user("admin", Role::admin);
  User me_o1 = env.user("o1", Role::officer, std::nullopt, o1.id);
  Certificate c1 = env.certificate(o1.id, "C-1", d(2019, 11, 1));
  Certificate c2 = env.certificate(o2.id, "C-2", d(2020, 11, 1));
  Certificate c3 = env.certificate(o3.id, "C-3", d(2020, 6, 1));
  Certificate c4 = env.certificate(o4.id, "C-4", d(2019, 10, 1));
  Training law = env.training("法治", qn, d(2024, 3, 4), d(2024, 3, 5), hours(10, 0));
  Training skill = env.training("技能", qb, d(2024, 5, 6), d(2024, 5, 9), hours(0, 40));
  World() { env.attend(law, {o1.id}); }
  app::Caller as(const User& u) const { return app::Caller::of(u, kToday); }

  app::ical::Calendar feed_of(const User& u) {
    auto cal = app::calendar_feed(env.app, app::calendar_secret(env.app, as(u)), kToday);
    REQUIRE(cal.is_ok());
    return *cal;
  }
};

std::vector<std::string> uids(const app::ical::Calendar& cal) {
  std::vector<std::string> out;
  for (const auto& e : cal.events) out.push_back(e.uid);
  std::sort(out.begin(), out.end());
  return out;
}

const app::ical::Event& event(const app::ical::Calendar& cal, const std::string& uid) {
  auto it = std::find_if(cal.events.begin(), cal.events.end(), [&](const auto& e) { return e.uid == uid; });
  REQUIRE_MESSAGE(it != cal.events.end(), uid);
  return *it;
}

std::string cert_uid(const Certificate& c) { return "certificate-" + std::to_string(c.id) + "-expiry@certhours"; }
std::string training_uid(const Training& t) { return "training-" + std::to_string(t.id) + "@certhours"; }

}  // namespace

TEST_CASE("calendar feed: an officer gets their certificate's expiry and the sessions credited to them") {
  World w;
  auto cal = w.feed_of(w.me_o1);
  CHECK(uids(cal) == std::vector<std::string>{cert_uid(w.c1), training_uid(w.law)});
  const auto& expiry = event(cal, cert_uid(w.c1));
  CHECK(expiry.first_day == d(2024, 10, 31));
  CHECK(expiry.last_day == d(2024, 10, 31));
  CHECK(expiry.summary == "我的执法证到期（C-1）");
  CHECK(expiry.alarm_days_before == app::kFeedAlarmDays);
  const auto& session = event(cal, training_uid(w.law));
  CHECK(session.first_day == d(2024, 3, 4));
  CHECK(session.last_day == d(2024, 3, 5));
  CHECK(session.summary == "培训：法治");
  CHECK(session.description == "计入学时：公共法律知识 10 学时");
  CHECK_FALSE(session.alarm_days_before);
}

TEST_CASE("calendar feed: hr gets its units' certificates expiring within 12 months and the sessions they organise") {
  World w;
  auto cal = w.feed_of(w.hr_user);
  // Not C-2 (ends after 2025-10-15), not C-3 (钦北区), not C-4 (expired), not 技能 (organised by 钦北区).
  CHECK(uids(cal) == std::vector<std::string>{cert_uid(w.c1), training_uid(w.law)});
  CHECK(event(cal, cert_uid(w.c1)).summary == "执法证到期：张三（钦南区）");

  SUBCASE("the admin sees the whole region") {
    auto all = w.feed_of(w.admin_user);
    auto expected =
        std::vector<std::string>{cert_uid(w.c1), cert_uid(w.c3), training_uid(w.law), training_uid(w.skill)};
    std::sort(expected.begin(), expected.end());
    CHECK(uids(all) == expected);
  }
  SUBCASE("12 months is to the same date next year, that date included") {
    auto c5 = w.env.certificate(w.env.officer(5, "孙七", w.qn, d(2016, 1, 1)).id, "C-5", d(2020, 10, 16));
    auto c6 = w.env.certificate(w.env.officer(6, "周八", w.qn, d(2016, 1, 1)).id, "C-6", d(2020, 10, 17));
    REQUIRE(c5.expires_on == d(2025, 10, 15));
    REQUIRE(c6.expires_on == d(2025, 10, 16));
    auto ids = uids(w.feed_of(w.hr_user));
    CHECK(std::count(ids.begin(), ids.end(), cert_uid(c5)) == 1);
    CHECK(std::count(ids.begin(), ids.end(), cert_uid(c6)) == 0);
  }
}

TEST_CASE("calendar feed: the secret is kept, a reset kills the old URL, and it dies with its user") {
  World w;
  std::string first = app::calendar_secret(w.env.app, w.as(w.me_o1));
  CHECK(first.size() == 64);
  CHECK(app::calendar_secret(w.env.app, w.as(w.me_o1)) == first);    // shown again, unchanged
  CHECK(app::calendar_secret(w.env.app, w.as(w.hr_user)) != first);  // one per user
  std::string fresh = app::reset_calendar_secret(w.env.app, w.as(w.me_o1));
  CHECK(fresh != first);
  CHECK(app::calendar_secret(w.env.app, w.as(w.me_o1)) == fresh);
  CHECK(app::calendar_feed(w.env.app, first, kToday).status().rule() == "calendar_feed_not_found");
  CHECK(app::calendar_feed(w.env.app, fresh, kToday).is_ok());
  CHECK(w.env.audit("user", "calendar_reset").size() == 1);

  SUBCASE("malformed or unknown secrets name nothing") {
    for (std::string s : {std::string(), std::string("abc"), std::string(64, 'g'), std::string(64, '0'), fresh + "0"})
      CHECK(app::calendar_feed(w.env.app, s, kToday).status().rule() == "calendar_feed_not_found");
  }
  SUBCASE("a disabled user's feed is gone") {
    REQUIRE(w.env.store.users.set_disabled(w.me_o1.id, true, kSetup).is_ok());
    CHECK_FALSE(app::calendar_feed(w.env.app, fresh, kToday).is_ok());
  }
}
