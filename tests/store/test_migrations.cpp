// Upgrades: a database left at any older schema version (0: a new, empty file) opens with
// store::Store, is migrated to the newest version, keeps what it held and takes writes.
// Each older version is built here by applying only the first k compiled migrations
// (store::migrations()) the way lib/store/database.cpp does, with a little data written in
// that version's own shape (e.g. the "/1/10/" unit paths before 0004).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <doctest/doctest.h>

#include <fstream>

#include "store/campaigns.hpp"
#include "store/migrations.hpp"
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {

int newest() { return store::migrations().back().version; }

// Unit paths as version k writes them: "/1/2/" before 0004, "/0000000001/0000000002/" from it.
std::string path_of(int k, std::initializer_list<int> ids) {
  std::string p = "/";
  for (int id : ids) {
    if (k >= 4) {
      p += unit_path_segment(id);
    } else {
      p += std::to_string(id) + "/";
    }
  }
  return p;
}

// A file at schema version k, with data as that version holds it: units 1 (root), 2 and 10
// below it, 11 below 2 (so that "/1/10/" sorts before "/1/2/" as text: what 0004 fixed).
void build_version(const std::string& path, int k) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  for (const store::Migration& m : store::migrations()) {
    if (m.version > k) break;
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
  }
  REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == k);
  if (k < 1) return;

  SQLite::Transaction tx(db);
  const std::string now = "'2024-04-01T00:00:00Z'";
  auto exec = [&](const std::string& sql) {
    CAPTURE(sql);
    db.exec(sql);
  };
  exec("INSERT INTO units(id, code, name, parent_id, level, path) VALUES "
       "(1, 'QZ', '钦州市', NULL, 'city', '" + path_of(k, {1}) + "'), "
       "(2, 'QSJ', '市司法局', 1, 'department', '" + path_of(k, {1, 2}) + "'), "
       "(10, 'QJT', '市交通运输局', 1, 'department', '" + path_of(k, {1, 10}) + "'), "
       "(11, 'QSJ01', '执法监督科', 2, 'department', '" + path_of(k, {1, 2, 11}) + "')");
  exec("INSERT INTO officers(id, name, id_number, unit_id, kind, status, post_start, post_end, created_at) VALUES "
       "(1, '甲', '" + id_number(1) + "', 2, 'enforcement', 'active', '2015-03-01', NULL, " + now + "), "
       "(2, '乙', '" + id_number(2) + "', 10, 'police', 'left', '2010-01-01', '2023-12-31', " + now + "), "
       "(3, '丙', '" + id_number(3) + "', 11, 'enforcement', 'active', '2020-07-01', NULL, " + now + ")");
  exec("INSERT INTO users(id, username, password_hash, role, unit_id, officer_id, created_at) VALUES "
       "(1, 'admin', 'fake$admin', 'admin', NULL, NULL, " + now + "), "
       "(2, 'hr1', 'fake$hr1', 'hr', 2, NULL, " + now + ")");
  exec("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (x'" + std::string(64, '7') +
       "', 1, " + now + ", '2099-01-01T00:00:00Z')");
  exec("INSERT INTO policies(year, legal_halves, business_halves, proration) VALUES (2024, 30, 60, 'none')");
  exec("INSERT INTO trainings(id, title, organizer_unit_id, start_date, end_date, year, legal_halves, business_halves, "
       "political_halves, rotation, mode, created_by, created_at) VALUES "
       "(1, '轮训', 2, '2024-03-04', '2024-03-05', 2024, 12, 12, 4, 1, 'in_person', 1, " + now + ")");
  exec("INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, political_halves, "
       "recorded_by, recorded_at) VALUES (1, 2024, 1, 12, 8, 4, 1, " + now + "), (3, 2024, 1, 12, 12, 4, NULL, " +
       now + ")");
  exec("INSERT INTO audit(at, actor_id, actor, action, entity, entity_id, before, after) VALUES "
       "(" + now + ", 1, 'admin', 'create', 'training', 1, NULL, '{}')");
  if (k >= 3) {
    exec("INSERT INTO certificates(id, officer_id, number, issued_on, expires_on, created_at) VALUES "
         "(1, 1, 'GX-2023-0001', '2023-01-01', '2027-12-31', " + now + ")");
    exec("INSERT INTO certificate_events(certificate_id, action, effective_on, reason, until, actor_id, actor, at) "
         "VALUES (1, 'issue', '2023-01-01', '', NULL, 1, 'admin', " + now + ")");
    exec("INSERT INTO assessments(officer_id, year, grade, recorded_at) VALUES (1, 2023, 'competent', " + now + ")");
  }
  if (k >= 5) {
    exec("UPDATE users SET disabled = 1, last_login_at = " + now + " WHERE id = 2");
    exec("UPDATE sessions SET last_seen_at = " + now);
  }
  tx.commit();
}

// The officers 1..3 in the order of the compliance sheet, as text.
std::string officer_order(store::Store& s, Id unit, int year) {
  std::string out;
  for (const auto& r : s.credits.compliance_rows(unit, year, last_day(year)))
    if (r.officer_id <= 3) out += std::to_string(r.officer_id) + " ";
  return out;
}

// What a database built at version k >= 1 holds, read through the store.
void check_data(store::Store& s, int k) {
  auto tree = s.units.tree();
  REQUIRE(tree->all().size() >= 4);
  REQUIRE(tree->find(11) != nullptr);
  CHECK(tree->find(1)->path == "/0000000001/");
  CHECK(tree->find(11)->path == "/0000000001/0000000002/0000000011/");
  CHECK(tree->find_code("QJT")->id == 10);
  CHECK(tree->contains(2, 11));
  CHECK_FALSE(tree->contains(10, 11));
  // Path order is tree order with siblings by id: 市司法局 (2, with 11 below it) before 市交通运输局 (10).
  CHECK(officer_order(s, 1, 2023) == "1 3 2 ");

  auto o1 = s.officers.find(1);
  REQUIRE(o1.has_value());
  CHECK(o1->name == "甲");
  CHECK(o1->id_number == id_number(1));
  CHECK(o1->unit_id == 2);
  auto o2 = s.officers.find(2);
  REQUIRE(o2.has_value());
  CHECK(o2->kind == OfficerKind::police);
  CHECK(o2->status == OfficerStatus::left);
  CHECK(o2->post_end == d(2023, 12, 31));

  // Attendance, and its yearly sums (0002 builds them from what attendance held at version 1).
  auto credits = s.credits.of_officer(1, 2024);
  REQUIRE(credits.size() == 1);
  CHECK(credits[0].training_id == 1);
  CHECK(credits[0].hours == hours(6, 4, 2));
  CHECK(earned(s, 1, 1, 2024) == hours(6, 4, 2));
  CHECK(earned(s, 1, 3, 2024) == hours(6, 6, 2));
  // The yearly sums agree with attendance row for row.
  CHECK(scalar(s, "SELECT count(*) FROM officer_year_hours") ==
        scalar(s, "SELECT count(*) FROM (SELECT DISTINCT officer_id, year FROM attendance)"));
  CHECK(scalar(s, "SELECT count(*) FROM officer_year_hours h WHERE NOT EXISTS (SELECT 1 FROM "
                  "(SELECT officer_id, year, sum(legal_halves) l, sum(business_halves) b, sum(political_halves) p, "
                  "count(*) n FROM attendance GROUP BY officer_id, year) a WHERE a.officer_id = h.officer_id AND "
                  "a.year = h.year AND a.l = h.legal_halves AND a.b = h.business_halves AND a.p = h.political_halves "
                  "AND a.n = h.sessions)") == 0);

  auto policy = s.policies.get(2024);
  REQUIRE(policy.has_value());
  CHECK(policy->legal == h(15));
  CHECK(policy->business == h(30));

  auto admin = s.users.credentials("admin");
  REQUIRE(admin.has_value());
  CHECK(admin->user.role == Role::admin);
  CHECK(admin->password_hash == "fake$admin");
  CHECK_FALSE(admin->disabled);
  auto hr = s.users.credentials("hr1");
  REQUIRE(hr.has_value());
  CHECK(hr->user.unit_id == 2);
  CHECK(hr->disabled == (k >= 5));
  CHECK(s.sessions.find(std::string(32, '\x77'), "2025-01-01T00:00:00Z").has_value());

  auto campaigns = s.campaigns.list();
  REQUIRE_FALSE(campaigns.empty());
  CHECK(campaigns[0].window_start == d(2023, 8, 9));
  CHECK(campaigns[0].deadline == d(2024, 5, 31));
  std::vector<Id> rotated;
  for (const auto& r : s.campaigns.rotation_rows(1, campaigns[0], campaigns[0].deadline))
    if (r.officer_id <= 3) {
      CHECK(r.rotated);
      rotated.push_back(r.officer_id);
    }
  CHECK(rotated == std::vector<Id>{1, 3});  // 乙 left before the deadline

  if (k >= 3) {
    auto certs = s.certificates.of_officer(1);
    REQUIRE(certs.size() == 1);
    CHECK(certs[0].number == "GX-2023-0001");
    REQUIRE(certs[0].events.size() == 1);
    CHECK(state_on(certs[0], d(2024, 6, 1)) == CertState::valid);
    CHECK(s.assessments.of_officer(1) == std::vector<std::pair<int, Grade>>{{2023, Grade::competent}});
  }
  CHECK(audit_total(s) >= 1);
}

// Writes of every kind on the migrated file.
void check_writes(store::Store& s, int k) {
  const bool has_data = k >= 1;
  Id parent = 0;
  if (has_data) {
    parent = 2;
  } else {
    parent = make_unit(s, "QZ", "钦州市", std::nullopt, UnitLevel::city);
  }
  Id unit = make_unit(s, "NEW", "新单位", parent, UnitLevel::town);
  CHECK(s.units.tree()->find(unit)->path == s.units.tree()->find(parent)->path + unit_path_segment(unit));
  Officer o = make_officer(s, 500, "新人", unit);
  Training t = make_training(s, "迁移后", unit, d(2024, 4, 8), d(2024, 4, 8), hours(3, 2));
  auto added = s.trainings.add_attendance(t.id, {{o.id, {}}}, std::nullopt, kAdmin).result;
  REQUIRE_MESSAGE(added.is_ok(), added.status().message());
  CHECK(earned(s, unit, o.id, 2024) == hours(3, 2));
  auto cert = s.certificates.issue(o.id, "GX-NEW-0001", d(2024, 5, 1), std::nullopt, kAdmin);
  REQUIRE_MESSAGE(cert.is_ok(), cert.status().message());
  CHECK(s.assessments.put(o.id, 2024, Grade::excellent, kAdmin).is_ok());
  auto user = s.users.create({"new.user", "fake$new", Role::hr, unit, std::nullopt, true}, kAdmin);
  REQUIRE_MESSAGE(user.is_ok(), user.status().message());
  auto disabled = s.users.set_disabled(user->id, true, kAdmin);
  REQUIRE(disabled.is_ok());
  CHECK(disabled->disabled);
  auto c = s.campaigns.create({0, "新轮训", d(2025, 1, 1), d(2025, 6, 30)}, kAdmin);
  REQUIRE(c.is_ok());
  if (has_data) {
    auto more = s.trainings.add_attendance(1, {{2, {h(1), h(1), h(0)}}}, std::nullopt, kAdmin);
    REQUIRE(more.is_ok());
    auto credits = s.credits.of_officer(2, 2024);
    REQUIRE(credits.size() == 1);
    CHECK(credits[0].hours == hours(1, 1, 0));
  }
}

}  // namespace

TEST_CASE("the compiled migrations are numbered 1, 2, 3, … after their files") {
  const auto& all = store::migrations();
  REQUIRE_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) {
    CAPTURE(all[i].name);
    CHECK(all[i].version == static_cast<int>(i) + 1);
    char prefix[8];
    std::snprintf(prefix, sizeof prefix, "%04d_", all[i].version);
    CHECK(std::string(all[i].name).rfind(prefix, 0) == 0);
    CHECK(std::string(all[i].name).size() > 9);
    CHECK(std::string(all[i].sql).find_first_not_of(" \n\t") != std::string::npos);
  }
}

TEST_CASE("a database at every older schema version opens, migrates to the newest, keeps its data and takes writes") {
  for (int k = 0; k <= newest(); ++k) {
    CAPTURE(k);
    TempDb db("migrate-" + std::to_string(k));
    if (k == 0) {
      std::ofstream(db.path).flush();  // an empty file: version 0
      REQUIRE(fs::file_size(db.path) == 0);
    } else {
      build_version(db.str(), k);
    }
    {
      store::Store s(db.str(), 2);
      CHECK(s.schema_version() == newest());
      if (k >= 1) check_data(s, k);
      else
        CHECK(s.units.tree()->all().empty());
      CHECK(s.campaigns.list().size() == 1);  // the plan's campaign, seeded by 0001
      check_writes(s, k);
    }
    // Opened again: nothing to migrate, everything still there.
    {
      store::Store s(db.str(), 2);
      CHECK(s.schema_version() == newest());
      if (k >= 1) check_data(s, k);
      CHECK(s.units.tree()->find_code("NEW") != nullptr);
      CHECK(s.campaigns.list().size() == 2);
      CHECK(s.certificates.find_number("GX-NEW-0001").has_value());
    }
    SQLite::Database raw(db.str(), SQLite::OPEN_READONLY);
    CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newest());
    CHECK(raw.execAndGet("PRAGMA integrity_check").getString() == "ok");
    SQLite::Statement fk(raw, "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.executeStep());
  }
}

TEST_CASE("a path that does not exist yet becomes a new database at the newest version") {
  TempDb db("migrate-new");
  REQUIRE_FALSE(fs::exists(db.path));
  store::Store s(db.str(), 1);
  CHECK(s.schema_version() == newest());
  CHECK(s.campaigns.list().size() == 1);
  check_writes(s, 0);
}

TEST_CASE("a database a newer certhours migrated is refused, untouched, with the versions named") {
  TempDb db("migrate-newer");
  build_version(db.str(), newest());
  {
    SQLite::Database raw(db.str(), SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(newest() + 1));
    raw.exec("CREATE TABLE from_the_future(x)");  // what the newer version added
  }
  std::string said;
  try {
    store::Store s(db.str(), 1);
  } catch (const std::exception& e) {
    said = e.what();
  }
  CAPTURE(said);
  CHECK(said.find(db.str()) != std::string::npos);
  CHECK(said.find("version " + std::to_string(newest() + 1)) != std::string::npos);
  CHECK(said.find("(" + std::to_string(newest()) + ")") != std::string::npos);
  SQLite::Database raw(db.str(), SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA user_version").getInt() == newest() + 1);
  CHECK(raw.execAndGet("SELECT count(*) FROM from_the_future").getInt() == 0);
  CHECK(raw.execAndGet("SELECT count(*) FROM officers").getInt() == 3);  // build_version's, as they were
}
