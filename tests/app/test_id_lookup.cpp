// The budget of lookups by a whole ID number (docs/security.md): an hr user's searches by a
// whole ID number that find nobody are counted, 20 a day; the 21st lookup by ID number is
// refused (rate_limited, id_lookup_budget) until the oldest miss is a day old. Admins are never
// limited. Every hr lookup is audited (entity officer, action id_lookup, the number masked).
#include <doctest/doctest.h>

#include "app/hours.hpp"
#include "app/id_lookup.hpp"
#include "app/officers.hpp"
#include "app_fixture.hpp"

using namespace certhours;
using namespace certhours::apptest;

namespace {

const Date kToday = d(2024, 11, 1);

// 钦州市 QZ → 钦南区 QN; QZ → 钦北区 QB. One officer in each county; two hr users of QN.
struct World {
  Env env{"id-lookup"};
  Id qz = 0, qn = 0, qb = 0;
  Officer mine, theirs;
  app::Caller admin, hr, other_hr;
  World() {
    qz = env.unit("QZ", "钦州市", std::nullopt, UnitLevel::city);
    qn = env.unit("QN", "钦南区", qz, UnitLevel::county);
    qb = env.unit("QB", "钦北区", qz, UnitLevel::county);
    mine = env.officer(1, "张伟", qn, d(2015, 3, 1));
    theirs = env.officer(2, "王芳", qb, d(2016, 3, 1));
    admin = app::Caller::of(env.user("admin", Role::admin), kToday);
    hr = app::Caller::of(env.user("hr-qn", Role::hr, qn), kToday);
    other_hr = app::Caller::of(env.user("hr-qn-2", Role::hr, qn), kToday);
  }
  int remaining(const app::Caller& c) { return env.id_lookups.remaining(std::to_string(c.user.id)); }
};

// A whole ID number nobody has (n from 1000 on; the officers are 1 and 2).
std::string unknown(int k) { return id_number(1000 + k); }

Result<app::ComplianceReport> search_sheet(World& w, const app::Caller& c, const std::string& q) {
  app::ComplianceQuery query;
  query.when.year = 2024;
  query.q = q;
  return app::compliance_report(w.env.app, c, query, {100, 0});
}

Result<store::Page<Officer>> search_officers(World& w, const app::Caller& c, const std::string& q) {
  app::OfficerSearch s;
  s.q = q;
  return app::find_officers(w.env.app, c, s, {100, 0});
}

void check_refused(const Status& s) {
  CHECK(s.code() == Status::Code::rate_limited);
  CHECK(s.rule() == "id_lookup_budget");
  CHECK(s.field() == "q");
  CHECK(s.retry_after() > 0);
  CHECK(s.retry_after() <= 24 * 3600);
}

}  // namespace

TEST_CASE("an hr user's lookups by ID number that find nobody spend a budget of 20 a day; the 21st is refused") {
  World w;
  CHECK(w.remaining(w.hr) == 20);

  // A lookup that finds the officer costs nothing, on either list.
  for (int i = 0; i < 3; ++i) {
    auto hit = search_sheet(w, w.hr, w.mine.id_number);
    REQUIRE(hit.is_ok());
    CHECK(hit->matched == 1);
    auto found = search_officers(w, w.hr, w.mine.id_number);
    REQUIRE(found.is_ok());
    CHECK(found->total == 1);
  }
  CHECK(w.remaining(w.hr) == 20);

  // An officer of another county reads as nobody, and costs as much.
  auto beside = search_officers(w, w.hr, w.theirs.id_number);
  REQUIRE(beside.is_ok());
  CHECK(beside->total == 0);
  CHECK(w.remaining(w.hr) == 19);

  // Misses on both lists share the one budget.
  for (int k = 0; k < 19; ++k) {
    CAPTURE(k);
    if (k % 2 == 0) {
      auto r = search_sheet(w, w.hr, unknown(k));
      REQUIRE(r.is_ok());
      CHECK(r->matched == 0);
    } else {
      auto r = search_officers(w, w.hr, unknown(k));
      REQUIRE(r.is_ok());
      CHECK(r->total == 0);
    }
  }
  CHECK(w.remaining(w.hr) == 0);

  // The 21st lookup by ID number is refused, on both lists, even for a number that exists.
  auto refused = search_sheet(w, w.hr, unknown(100));
  REQUIRE_FALSE(refused.is_ok());
  check_refused(refused.status());
  auto refused_list = search_officers(w, w.hr, w.mine.id_number);
  REQUIRE_FALSE(refused_list.is_ok());
  check_refused(refused_list.status());
  check_refused(app::id_lookup_allowed(w.env.app, w.hr, unknown(101)));

  // Searching by name, or by less than a whole number, is unaffected.
  auto by_name = search_sheet(w, w.hr, "张");
  REQUIRE(by_name.is_ok());
  CHECK(by_name->matched == 1);
  auto by_part = search_officers(w, w.hr, w.mine.id_number.substr(0, 17));
  CHECK(by_part.is_ok());
  auto unfiltered = search_sheet(w, w.hr, "");
  REQUIRE(unfiltered.is_ok());
  CHECK(unfiltered->matched == 1);

  // The budget is the user's: another hr user of the same county still has theirs.
  CHECK(w.remaining(w.other_hr) == 20);
  auto other = search_sheet(w, w.other_hr, unknown(200));
  REQUIRE(other.is_ok());
  CHECK(w.remaining(w.other_hr) == 19);
}

TEST_CASE("admins are never limited, and spend no budget") {
  World w;
  for (int k = 0; k < 30; ++k) {
    CAPTURE(k);
    bool ok = k % 2 ? search_sheet(w, w.admin, unknown(k)).is_ok() : search_officers(w, w.admin, unknown(k)).is_ok();
    CHECK(ok);
  }
  CHECK(w.remaining(w.admin) == 20);
  auto found = search_officers(w, w.admin, w.theirs.id_number);
  REQUIRE(found.is_ok());
  CHECK(found->total == 1);
  // The command line neither.
  auto cli = app::Caller::command_line(kToday);
  for (int k = 0; k < 25; ++k) CHECK(search_sheet(w, cli, unknown(k)).is_ok());
}

TEST_CASE("each hr lookup by ID number is audited with the number masked; other searches are not") {
  World w;
  const auto before = w.env.audit("officer", "id_lookup").size();
  CHECK(before == 0);

  REQUIRE(search_officers(w, w.hr, w.mine.id_number).is_ok());  // found
  REQUIRE(search_sheet(w, w.hr, unknown(1)).is_ok());            // not found
  REQUIRE(search_officers(w, w.hr, w.theirs.id_number).is_ok()); // not in their units
  REQUIRE(search_officers(w, w.hr, "张").is_ok());               // by name: no lookup
  REQUIRE(search_sheet(w, w.hr, "").is_ok());

  auto entries = w.env.audit("officer", "id_lookup");
  REQUIRE(entries.size() == 3);
  // Newest first.
  const auto& miss_beside = entries[0];
  const auto& miss = entries[1];
  const auto& hit = entries[2];
  for (const auto* e : {&hit, &miss, &miss_beside}) {
    CHECK(e->actor == "hr-qn");
    CHECK(e->entity == "officer");
  }
  CHECK(hit.entity_id == std::optional<Id>(w.mine.id));
  CHECK(contains(hit.after, mask_id_number(w.mine.id_number)));
  CHECK_FALSE(contains(hit.after, w.mine.id_number));
  CHECK(contains(hit.after, "\"found\":1"));
  CHECK_FALSE(miss.entity_id.has_value());
  CHECK(contains(miss.after, mask_id_number(unknown(1))));
  CHECK_FALSE(contains(miss.after, unknown(1)));
  CHECK(contains(miss.after, "\"found\":0"));
  // Another county's officer: the entry names nobody, as the answer did.
  CHECK_FALSE(miss_beside.entity_id.has_value());
  CHECK(contains(miss_beside.after, "\"found\":0"));

  // A refused lookup runs no search, so it adds no entry.
  for (int k = 0; k < 18; ++k) REQUIRE(search_sheet(w, w.hr, unknown(10 + k)).is_ok());
  CHECK(w.env.audit("officer", "id_lookup").size() == 21);
  CHECK_FALSE(search_sheet(w, w.hr, unknown(50)).is_ok());
  CHECK(w.env.audit("officer", "id_lookup").size() == 21);
}
