// Who sees what, as the use cases apply it (app/app.hpp over domain/scope.hpp): an
// administrator, an hr user scoped to a county, an officer user. What lies outside a caller's
// reach reads exactly as what does not exist.
#include <doctest/doctest.h>

#include <set>

#include "app/administration.hpp"
#include "app/app.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 11, 1);

// 钦州市 (QZ) → 钦南区 (QN) → 尖山街道 (QN01); QZ → 钦北区 (QB); QZ → 市司法局 (QX).
struct World {
  Env env{"scope"};
  Id qz = 0, qn = 0, qn01 = 0, qb = 0, qx = 0;
  Officer in_qn, in_qn01, in_qb, in_qx;
  app::Caller admin, hr, officer;
  World() {
    qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
    qn = env.unit("QN", "钦南区", qz, UnitLevel::county);
    qn01 = env.unit("QN01", "尖山街道", qn, UnitLevel::town);
    qb = env.unit("QB", "钦北区", qz, UnitLevel::county);
    qx = env.unit("QX", "市司法局", qz, UnitLevel::department);
    in_qn = env.officer(1, "张伟", qn, d(2015, 3, 1));
    in_qn01 = env.officer(2, "李娜", qn01, d(2016, 4, 1));
    in_qb = env.officer(3, "王芳", qb, d(2017, 5, 1));
    in_qx = env.officer(4, "刘洋", qx, d(2018, 6, 1), std::nullopt, OfficerKind::police);
    admin = app::Caller::of(env.user("admin", Role::admin), kToday);
    hr = app::Caller::of(env.user("hr-qn", Role::hr, qn), kToday);
    officer = app::Caller::of(env.user("lina", Role::officer, std::nullopt, in_qn01.id), kToday);
  }
};

void check_officer_not_found(const Result<Officer>& r, Id id) {
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Status::Code::not_found);
  CHECK(r.status().rule() == "officer_not_found");
  CHECK(r.status().params() == Params{{"id", std::to_string(id)}});
}

void check_unit_not_found(const Result<Id>& r, Id id) {
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().code() == Status::Code::not_found);
  CHECK(r.status().rule() == "unit_not_found");
  CHECK(r.status().field() == "unit_id");
  CHECK(r.status().params() == Params{{"id", std::to_string(id)}});
}

std::vector<std::string> codes(const std::vector<Unit>& units) {
  std::vector<std::string> out;
  for (const Unit& u : units) out.push_back(u.code);
  return out;
}

}  // namespace

TEST_CASE("visible_officer: an admin finds everyone, an hr user their county, an officer themself") {
  World w;
  auto& app = w.env.app;
  const Id nobody = w.in_qx.id + 100;

  for (const Officer* o : {&w.in_qn, &w.in_qn01, &w.in_qb, &w.in_qx}) {
    CAPTURE(o->name);
    auto r = app::visible_officer(app, w.admin, o->id);
    REQUIRE(r.is_ok());
    CHECK(r->name == o->name);
    CHECK(r->id_number == o->id_number);
  }
  check_officer_not_found(app::visible_officer(app, w.admin, nobody), nobody);

  // hr of 钦南区: the county and the town below it, nothing beside it.
  CHECK(app::visible_officer(app, w.hr, w.in_qn.id).is_ok());
  CHECK(app::visible_officer(app, w.hr, w.in_qn01.id).is_ok());
  check_officer_not_found(app::visible_officer(app, w.hr, w.in_qb.id), w.in_qb.id);
  check_officer_not_found(app::visible_officer(app, w.hr, w.in_qx.id), w.in_qx.id);
  // "Not yours" and "none" read the same.
  check_officer_not_found(app::visible_officer(app, w.hr, nobody), nobody);

  // An officer user: themself only, not a colleague of the same county.
  auto me = app::visible_officer(app, w.officer, w.in_qn01.id);
  REQUIRE(me.is_ok());
  CHECK(me->id == w.in_qn01.id);
  check_officer_not_found(app::visible_officer(app, w.officer, w.in_qn.id), w.in_qn.id);
  check_officer_not_found(app::visible_officer(app, w.officer, w.in_qb.id), w.in_qb.id);
}

TEST_CASE("report_unit: hr defaults to their unit, admin to the root, a unit out of reach is not found") {
  World w;
  auto& app = w.env.app;
  const Id no_unit = w.qx + 100;

  // Defaults.
  auto admin_default = app::report_unit(app, w.admin, std::nullopt);
  REQUIRE(admin_default.is_ok());
  CHECK(*admin_default == w.qz);
  auto hr_default = app::report_unit(app, w.hr, std::nullopt);
  REQUIRE(hr_default.is_ok());
  CHECK(*hr_default == w.qn);
  auto cli = app::report_unit(app, app::Caller::command_line(kToday), std::nullopt);
  REQUIRE(cli.is_ok());
  CHECK(*cli == w.qz);

  // Asked units.
  for (Id u : {w.qz, w.qn, w.qn01, w.qb, w.qx}) {
    auto r = app::report_unit(app, w.admin, u);
    REQUIRE(r.is_ok());
    CHECK(*r == u);
  }
  check_unit_not_found(app::report_unit(app, w.admin, no_unit), no_unit);
  auto town = app::report_unit(app, w.hr, w.qn01);
  REQUIRE(town.is_ok());
  CHECK(*town == w.qn01);
  check_unit_not_found(app::report_unit(app, w.hr, w.qb), w.qb);
  check_unit_not_found(app::report_unit(app, w.hr, w.qz), w.qz);  // the parent is out of reach too
  check_unit_not_found(app::report_unit(app, w.hr, no_unit), no_unit);
  // An officer user sees their own unit only.
  auto own = app::report_unit(app, w.officer, w.qn01);
  REQUIRE(own.is_ok());
  CHECK(*own == w.qn01);
  check_unit_not_found(app::report_unit(app, w.officer, w.qn), w.qn);
  // No report route lets an officer in; if one ever did, the default is their own unit, not the region.
  auto officer_default = app::report_unit(app, w.officer, std::nullopt);
  REQUIRE(officer_default.is_ok());
  CHECK(*officer_default == w.qn01);

  // visible_unit names the field it was asked about.
  Status s = app::visible_unit(app, w.hr, w.qb, "organizer_unit_id");
  CHECK(s.code() == Status::Code::not_found);
  CHECK(s.rule() == "unit_not_found");
  CHECK(s.field() == "organizer_unit_id");
  CHECK(app::visible_unit(app, w.hr, w.qn01).is_ok());
}

TEST_CASE("report_unit with no units at all is 0, an empty report") {
  Env env("scope-empty");
  auto admin = app::Caller::of(env.user("admin", Role::admin), kToday);
  auto r = app::report_unit(env.app, admin, std::nullopt);
  REQUIRE(r.is_ok());
  CHECK(*r == 0);
  CHECK(app::visible_units(env.app, admin).empty());
}

TEST_CASE("visible_units and sees_unit: every unit, the hr subtree, the officer's own unit") {
  World w;
  auto& app = w.env.app;
  CHECK(codes(app::visible_units(app, w.admin)) == std::vector<std::string>{"QZ", "QN", "QN01", "QB", "QX"});
  CHECK(codes(app::visible_units(app, w.hr)) == std::vector<std::string>{"QN", "QN01"});
  CHECK(codes(app::visible_units(app, w.officer)) == std::vector<std::string>{"QN01"});

  std::set<Id> hr_sees, officer_sees;
  for (Id u : {w.qz, w.qn, w.qn01, w.qb, w.qx, w.qx + 100}) {
    CHECK(app::sees_unit(app, w.admin, u) == (u != w.qx + 100));
    if (app::sees_unit(app, w.hr, u)) hr_sees.insert(u);
    if (app::sees_unit(app, w.officer, u)) officer_sees.insert(u);
  }
  CHECK(hr_sees == std::set<Id>{w.qn, w.qn01});
  CHECK(officer_sees == std::set<Id>{w.qn01});

  // The callers as the use cases see them.
  CHECK(w.hr.scope() == std::optional<Id>(w.qn));
  CHECK_FALSE(w.admin.scope().has_value());
  CHECK_FALSE(w.officer.scope().has_value());
  auto cli = app::Caller::command_line(kToday);
  CHECK(cli.is(Role::admin));
  CHECK(cli.actor.username == "cli");
  CHECK_FALSE(cli.actor.user_id.has_value());
  CHECK(w.hr.actor.username == "hr-qn");
  CHECK(w.hr.actor.user_id == std::optional<Id>(w.hr.user.id));
}
