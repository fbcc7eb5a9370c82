// All or nothing: a write that fails (a refused record, a refused patch, an error inside
// SQLite, an exception thrown by the code running the write) leaves the file as it was:
// no row, no audit entry, the year's totals unchanged, and the store goes on working.
#include <SQLiteCpp/Exception.h>
#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>

#include "domain/messages.hpp"
#include "store/campaigns.hpp"
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {

// What a user would look at after a refused write.
struct Snapshot {
  std::int64_t attendance = 0, audit = 0, year_hours = 0, officers = 0, certificate_events = 0;
  std::vector<std::pair<Id, CategoryHours>> totals;  // compliance sheet of QZ, 2024
  bool operator==(const Snapshot& o) const {
    return attendance == o.attendance && audit == o.audit && year_hours == o.year_hours &&
           officers == o.officers && certificate_events == o.certificate_events && totals == o.totals;
  }
};

Snapshot snapshot(store::Store& s, Id root) {
  Snapshot x;
  x.attendance = rows_in(s, "attendance");
  x.audit = audit_total(s);
  x.year_hours = scalar(s, "SELECT count(*) + coalesce(sum(legal_halves + business_halves + political_halves), 0) "
                           "FROM officer_year_hours");
  x.officers = rows_in(s, "officers");
  x.certificate_events = rows_in(s, "certificate_events");
  for (const auto& r : s.credits.compliance_rows(root, 2024, last_day(2024))) x.totals.emplace_back(r.officer_id, r.earned);
  return x;
}

// A trigger on the writer's connection only (TEMP: not stored in the file) that makes SQLite
// refuse an insert, so that a write fails after it has already written rows.
void inject_failure(store::Store& s, const std::string& name, const std::string& table, const std::string& when) {
  database_of(s).write([&](store::Connection& c) {
    c.exec(("CREATE TEMP TRIGGER " + name + " BEFORE INSERT ON main." + table + " WHEN " + when +
            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
               .c_str());
    return 0;
  });
}

}  // namespace

TEST_CASE("add_attendance: a bad record after good ones adds nothing, audits nothing, changes no total") {
  TempDb db("rollback-attendance");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  Officer a1 = make_officer(s, 1, "甲一", u.qn);
  Officer a2 = make_officer(s, 2, "甲二", u.qn01);
  Officer a3 = make_officer(s, 3, "甲三", u.qn);
  Officer b1 = make_officer(s, 4, "乙一", u.qb);
  Training earlier = make_training(s, "earlier", u.qn, d(2024, 3, 1), d(2024, 3, 1), hours(4, 4));
  Training t = make_training(s, "session", u.qn, d(2024, 5, 6), d(2024, 5, 7), hours(6, 8, 2));
  // Something on file already, so that "unchanged" is not just "empty".
  REQUIRE(s.trainings.add_attendance(earlier.id, {{a1.id, {}}, {b1.id, {}}}, std::nullopt, kAdmin).is_ok());
  const Snapshot before = snapshot(s, u.qz);
  REQUIRE(before.attendance == 2);
  REQUIRE(earned(s, u.qz, a1.id, 2024) == hours(4, 4));

  std::vector<store::AttendanceRecord> records;
  std::optional<Id> scope;
  Status::Code code{};
  std::string rule, field;
  std::size_t index = 0;
  SUBCASE("an officer outside the hr user's units (the last record)") {
    records = {{a1.id, {}}, {a2.id, {h(3), std::nullopt, std::nullopt}}, {a3.id, {}}, {b1.id, {}}};
    scope = u.qn;
    code = Status::Code::not_found;
    rule = "officer_not_found";
    index = 3;
    field = "officer_id";
  }
  SUBCASE("no such officer") {
    records = {{a1.id, {}}, {a2.id, {}}, {999999, {}}};
    code = Status::Code::not_found;
    rule = "officer_not_found";
    index = 2;
    field = "officer_id";
  }
  SUBCASE("a credit above the session's hours") {
    records = {{a1.id, {}}, {a2.id, {}}, {a3.id, {h(6), h(8.5), std::nullopt}}};
    code = Status::Code::invalid;
    rule = "credit_exceeds_session";
    index = 2;
    field = "hours.business";
  }
  SUBCASE("a credit above the session's hours, the political category") {
    records = {{a1.id, {}}, {a3.id, {std::nullopt, std::nullopt, h(2.5)}}};
    code = Status::Code::invalid;
    rule = "credit_exceeds_session";
    index = 1;
    field = "hours.political";
  }
  CAPTURE(field);
  auto written = s.trainings.add_attendance(t.id, records, scope, kAdmin);
  REQUIRE_FALSE(written.is_ok());
  CHECK(written.refused_record == index);
  const Status& why = written.result.status();
  CHECK(why.code() == code);
  CHECK(why.rule() == rule);
  CHECK(why.field() == field);  // the record's own field: the app names the list

  CHECK(snapshot(s, u.qz) == before);
  CHECK(s.trainings.attendees(t.id, std::nullopt).empty());
  CHECK(s.credits.of_officer(a1.id, 2024).size() == 1);  // only the earlier session
  CHECK(earned(s, u.qz, a1.id, 2024) == hours(4, 4));
  CHECK(earned(s, u.qz, a2.id, 2024) == CategoryHours{});

  // The same request without the bad record goes through: nothing was left half done.
  records.pop_back();
  auto ok = s.trainings.add_attendance(t.id, records, scope, kAdmin).result;
  REQUIRE_MESSAGE(ok.is_ok(), ok.status().message());
  CHECK(ok->added == static_cast<int>(records.size()));
  CHECK(ok->already_recorded == 0);
  CHECK(rows_in(s, "attendance") == before.attendance + static_cast<std::int64_t>(records.size()));
  CHECK(audit_total(s) == before.audit + static_cast<std::int64_t>(records.size()));
  CHECK(earned(s, u.qz, a1.id, 2024) == hours(4 + 6, 4 + 8, 2));
}

TEST_CASE("add_attendance: SQLite refusing the third insert undoes the first two and their totals") {
  TempDb db("rollback-attendance-sqlite");
  auto s = std::make_unique<store::Store>(db.str(), 2);
  Units u = make_units(*s);
  Officer a1 = make_officer(*s, 1, "甲一", u.qn);
  Officer a2 = make_officer(*s, 2, "甲二", u.qn);
  Officer a3 = make_officer(*s, 3, "甲三", u.qn);
  Training t = make_training(*s, "session", u.qn, d(2024, 5, 6), d(2024, 5, 6), hours(4, 4));
  const Snapshot before = snapshot(*s, u.qz);

  inject_failure(*s, "refuse_a3", "attendance", "new.officer_id = " + std::to_string(a3.id));
  // Every record passes the checks; the inserts of a1 and a2 (with their audit rows and the
  // officer_year_hours triggers) have run when the third insert fails.
  CHECK_THROWS_AS(s->trainings.add_attendance(t.id, {{a1.id, {}}, {a2.id, {}}, {a3.id, {}}}, std::nullopt, kAdmin),
                  SQLite::Exception);
  CHECK(snapshot(*s, u.qz) == before);
  CHECK(s->trainings.attendees(t.id, std::nullopt).empty());
  CHECK(audit_total(*s, std::string("attendance")) == 0);

  // Reopened (see "a write refused by SQLite ... the next write works" for why this test does
  // not go on with the same Store): nothing of the failed write reached the file.
  s.reset();
  s = std::make_unique<store::Store>(db.str(), 2);
  CHECK(snapshot(*s, u.qz) == before);
  auto ok = s->trainings.add_attendance(t.id, {{a1.id, {}}, {a2.id, {}}, {a3.id, {}}}, std::nullopt, kAdmin).result;
  REQUIRE_MESSAGE(ok.is_ok(), ok.status().message());
  CHECK(ok->added == 3);
  CHECK(s->trainings.attendees(t.id, std::nullopt).size() == 3);
  CHECK(audit_total(*s, std::string("attendance")) == 3);
  CHECK(earned(*s, u.qz, a3.id, 2024) == hours(4, 4));
}

TEST_CASE("update_officer to left: the officer, the withdrawals and their audit are one transaction") {
  TempDb db("rollback-leaving");
  auto s = std::make_unique<store::Store>(db.str(), 2);
  Units u = make_units(*s);
  Officer o = make_officer(*s, 7, "丙", u.qn, OfficerKind::enforcement, d(2015, 3, 1));
  // An expired certificate (left alone on leaving) and a valid one (withdrawn on leaving).
  auto old_cert = s->certificates.issue(o.id, "GX-2018-0001", d(2018, 1, 1), d(2022, 12, 31), kAdmin);
  REQUIRE_MESSAGE(old_cert.is_ok(), old_cert.status().message());
  auto cert = s->certificates.issue(o.id, "GX-2023-0001", d(2023, 1, 1), std::nullopt, kAdmin);
  REQUIRE_MESSAGE(cert.is_ok(), cert.status().message());
  const Date leaving = d(2024, 6, 30);
  const Snapshot before = snapshot(*s, u.qz);
  const auto audit_officer = audit_total(*s, std::string("officer"));
  const auto audit_certificate = audit_total(*s, std::string("certificate"));
  store::OfficerPatch leave;
  leave.status = OfficerStatus::left;
  leave.post_end = std::optional<Date>(leaving);

  auto unchanged = [&] {
    auto now = s->officers.find(o.id);
    REQUIRE(now.has_value());
    CHECK(now->status == OfficerStatus::active);
    CHECK_FALSE(now->post_end.has_value());
    CHECK(now->name == o.name);
    CHECK(now->unit_id == o.unit_id);
    CHECK(snapshot(*s, u.qz) == before);
    CHECK(audit_total(*s, std::string("officer")) == audit_officer);
    CHECK(audit_total(*s, std::string("certificate")) == audit_certificate);
    auto c = s->certificates.find(cert->id);
    REQUIRE(c.has_value());
    CHECK(c->events.size() == 1);
    CHECK(state_on(*c, leaving + date::days(1)) == CertState::valid);
  };
  // The patch applied whole: left, the valid certificate withdrawn on post_end, both audited.
  auto applied_whole = [&] {
    auto r = s->officers.update(o.id, leave, kAdmin);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    CHECK(r->status == OfficerStatus::left);
    CHECK(s->officers.find(o.id)->post_end == leaving);
    auto c = s->certificates.find(cert->id);
    REQUIRE(c.has_value());
    REQUIRE(c->events.size() == 2);
    CHECK(c->events.back().action == CertAction::withdraw);
    CHECK(c->events.back().effective_on == leaving);
    CHECK(state_on(*c, leaving) == CertState::withdrawn);
    auto oc = s->certificates.find(old_cert->id);
    REQUIRE(oc.has_value());
    CHECK(oc->events.size() == 1);  // expired before leaving: not withdrawn
    CHECK(audit_total(*s, std::string("officer")) == audit_officer + 1);
    CHECK(audit_actions(*s, "certificate", "withdraw") == 1);
    CHECK(audit_total(*s) == before.audit + 2);
  };

  SUBCASE("a refused patch (post_end before post_start) changes nothing") {
    store::OfficerPatch p = leave;
    p.name = "丙（改）";
    p.post_end = std::optional<Date>(d(2014, 12, 31));
    auto r = s->officers.update(o.id, p, kAdmin);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().rule() == "post_dates_reversed");
    CHECK(r.status().field() == "post_end");
    unchanged();
    applied_whole();
  }
  SUBCASE("a refused patch (no such unit) changes nothing") {
    store::OfficerPatch p = leave;
    p.unit_id = 987654;
    auto r = s->officers.update(o.id, p, kAdmin);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().rule() == "unit_not_found");
    unchanged();
    applied_whole();
  }
  SUBCASE("an exception after the officer's row was updated (a corrupt certificate read back)") {
    // A third certificate whose date cannot be read: loading the officer's certificates, after
    // the UPDATE and its audit row, throws.
    Id corrupt = database_of(*s).write([&](store::Connection& c) {
      c.exec(("INSERT INTO certificates(officer_id, number, issued_on, expires_on, created_at) VALUES (" +
              std::to_string(o.id) + ", 'GX-BROKEN', '2024-02-30', '2029-02-28', '2024-01-01T00:00:00Z')")
                 .c_str());
      return c.db().getLastInsertRowid();
    });
    CHECK_THROWS_WITH_AS(s->officers.update(o.id, leave, kAdmin), doctest::Contains("corrupt date"),
                         std::runtime_error);
    unchanged();
    database_of(*s).write([&](store::Connection& c) {
      c.exec(("DELETE FROM certificates WHERE id = " + std::to_string(corrupt)).c_str());
      return 0;
    });
    applied_whole();
  }
  SUBCASE("SQLite refusing the withdrawal event undoes the officer's update and its audit entry") {
    inject_failure(*s, "refuse_withdraw", "certificate_events", "new.action = 'withdraw'");
    CHECK_THROWS_AS(s->officers.update(o.id, leave, kAdmin), SQLite::Exception);
    unchanged();
    // Reopened: see "a write refused by SQLite ... the next write works" (skipped).
    s.reset();
    s = std::make_unique<store::Store>(db.str(), 2);
    unchanged();
    applied_whole();
  }
}

TEST_CASE("Database::write: an exception or an error result rolls back; the writer goes on") {
  TempDb db("rollback-database");
  store::Store s(db.str(), 2);
  Units u = make_units(s);
  Officer o = make_officer(s, 1, "丁", u.qn);
  const auto campaigns = rows_in(s, "campaigns");
  const auto audit = audit_total(s);
  auto insert_campaign = [](store::Connection& c) {
    c.exec("INSERT INTO campaigns(name, window_start, deadline, created_at) "
           "VALUES ('x', '2025-01-01', '2025-06-30', '2025-01-01T00:00:00Z')");
    c.exec("INSERT INTO audit(at, actor, action, entity) VALUES ('2025-01-01T00:00:00Z', 't', 'create', 'campaign')");
  };

  SUBCASE("a thrown exception is rethrown to the caller, after the rollback") {
    CHECK_THROWS_WITH_AS(database_of(s).write([&](store::Connection& c) -> int {
      insert_campaign(c);
      throw std::runtime_error("boom");
    }),
                         "boom", std::runtime_error);
  }
  SUBCASE("thrown while a statement is still on a row (its snapshot open)") {
    CHECK_THROWS_WITH_AS(database_of(s).write([&](store::Connection& c) -> int {
      insert_campaign(c);
      auto& st = c.prepare("SELECT id FROM campaigns ORDER BY id");
      REQUIRE(st.executeStep());
      throw std::logic_error("stopped mid-read");
    }),
                         "stopped mid-read", std::logic_error);
  }
  SUBCASE("a non-ok Status") {
    Status r = database_of(s).write([&](store::Connection& c) -> Status {
      insert_campaign(c);
      return Status::conflict(rules::officer_not_found, {{"id", "1"}});
    });
    CHECK(r.code() == Status::Code::conflict);
  }
  SUBCASE("a non-ok Result") {
    Result<int> r = database_of(s).write([&](store::Connection& c) -> Result<int> {
      insert_campaign(c);
      return Status::invalid("x", rules::officer_not_found);
    });
    CHECK_FALSE(r.is_ok());
  }
  SUBCASE("a constraint failing in the middle (the audit log cannot be edited)") {
    CHECK_THROWS_AS(database_of(s).write([&](store::Connection& c) {
      insert_campaign(c);
      c.exec("UPDATE audit SET actor = 'someone else'");
      return 0;
    }),
                    SQLite::Exception);
  }
  CHECK(rows_in(s, "campaigns") == campaigns);
  CHECK(audit_total(s) == audit);
  CHECK(s.campaigns.list().size() == static_cast<std::size_t>(campaigns));

  // The writer thread and its connection still work: a plain value commits, and the
  // store's own writes go on.
  int n = database_of(s).write([&](store::Connection& c) {
    insert_campaign(c);
    return 7;
  });
  CHECK(n == 7);
  CHECK(rows_in(s, "campaigns") == campaigns + 1);
  CHECK(audit_total(s) == audit + 1);
  Training t = make_training(s, "after", u.qn, d(2025, 2, 3), d(2025, 2, 3), hours(2, 2));
  auto added = s.trainings.add_attendance(t.id, {{o.id, {}}}, std::nullopt, kAdmin).result;
  REQUIRE(added.is_ok());
  CHECK(added->added == 1);
  CHECK(audit_total(s) == audit + 1 + 2);
}

// A statement that fails inside a transaction with an error after which SQLite keeps the
// transaction open (a constraint, RAISE(ABORT), sum()'s "integer overflow") must still be rolled
// back: SQLiteCpp's Statement::reset() throws the failed step's error again, so the store resets
// with tryReset() (Connection::reset_statements) and its ROLLBACK always runs. Before that fix,
// every later write of the process failed with "cannot start a transaction within a transaction".
TEST_CASE("a write (or read) refused by SQLite inside its transaction: the next one works") {
  TempDb db("rollback-writer-stuck");
  store::Store s(db.str(), 1);
  Units u = make_units(s);
  Officer o = make_officer(s, 1, "戊", u.qn);
  const auto audit = audit_total(s);

  SUBCASE("through the public API: a training recorded by an actor whose user id is not a user") {
    Training t;
    t.spec = {"ghost", d(2024, 1, 8), d(2024, 1, 8), hours(2, 2)};
    t.organizer_unit_id = u.qn;
    // trainings.created_by REFERENCES users(id): the INSERT fails its foreign key.
    CHECK_THROWS_AS(s.trainings.create(t, store::Actor{424242, "ghost"}), SQLite::Exception);
    CHECK(rows_in(s, "trainings") == 0);
    CHECK(audit_total(s) == audit);
  }
  SUBCASE("an insert refused by a trigger") {
    inject_failure(s, "refuse_all", "attendance", "1");
    Training t = make_training(s, "t", u.qn, d(2024, 1, 8), d(2024, 1, 8), hours(2, 2));
    CHECK_THROWS_AS(s.trainings.add_attendance(t.id, {{o.id, {}}}, std::nullopt, kAdmin), SQLite::Exception);
  }
  SUBCASE("a read whose statement fails (the only reader connection)") {
    CHECK_THROWS_AS(database_of(s).read([](store::Connection& c) {
      auto& st = c.prepare("SELECT sum(x) FROM (SELECT 9223372036854775807 AS x UNION ALL SELECT 1)");
      return st.executeStep();
    }),
                    SQLite::Exception);
    CHECK_NOTHROW(s.officers.search({}));
  }
  // The next write goes through.
  CHECK_NOTHROW(make_unit(s, "QZ99", "新单位", u.qz, UnitLevel::department));
  CHECK(s.units.tree()->find_code("QZ99") != nullptr);
}
