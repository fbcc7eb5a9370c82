// Shared by the store tests: a database file of its own in the temporary directory, a small
// unit tree, officers with valid ID numbers, and counts read straight from the file.
#pragma once
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "../common/test_data.hpp"
#include "domain/officer.hpp"
#include "domain/training.hpp"
#include "store/database.hpp"
#include "store/store.hpp"

namespace certhours::store {
// The store's Database, for the tests of its transactions (store.hpp befriends this).
struct StoreTestAccess {
  static Database& database(Store& s) { return *s.db_; }
};
}  // namespace certhours::store

namespace certhours::storetest {

namespace fs = std::filesystem;

using TempDb = testdata::TempFile;
using testdata::d;
using testdata::h;
using testdata::hours;
using testdata::id_number;

inline const store::Actor kAdmin{std::nullopt, "store-test"};

inline std::string id_number_bad_check(int n) {
  std::string s = id_number(n);
  s.back() = s.back() == '0' ? '1' : '0';
  return s;
}

// QZ (city) → QN (county) → QN01 (town); QZ → QB (county); QZ → QX (county department).
struct Units {
  Id qz = 0, qn = 0, qn01 = 0, qb = 0, qx = 0;
};

inline Id make_unit(store::Store& s, const std::string& code, const std::string& name, std::optional<Id> parent,
                    UnitLevel level) {
  auto r = s.units.create({code, name, parent, level}, kAdmin);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return r->id;
}

inline Units make_units(store::Store& s) {
  Units u;
  u.qz = make_unit(s, "QZ", "钦州市", std::nullopt, UnitLevel::city);
  u.qn = make_unit(s, "QN", "钦南区", u.qz, UnitLevel::county);
  u.qn01 = make_unit(s, "QN01", "尖山街道", u.qn, UnitLevel::town);
  u.qb = make_unit(s, "QB", "钦北区", u.qz, UnitLevel::county);
  u.qx = make_unit(s, "QX", "市司法局", u.qz, UnitLevel::department);
  return u;
}

inline Officer make_officer(store::Store& s, int n, const std::string& name, Id unit,
                            OfficerKind kind = OfficerKind::enforcement, Date post_start = make_date(2015, 3, 1),
                            std::optional<Date> post_end = std::nullopt,
                            OfficerStatus status = OfficerStatus::active) {
  Officer o;
  o.name = name;
  o.id_number = id_number(n);
  o.unit_id = unit;
  o.kind = kind;
  o.status = status;
  o.post_start = post_start;
  o.post_end = post_end;
  auto r = s.officers.create(o, kAdmin);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return *r;
}

inline Training make_training(store::Store& s, const std::string& title, Id unit, Date start, Date end,
                              CategoryHours hrs, bool rotation = false) {
  Training t;
  t.spec = {title, start, end, hrs};
  t.organizer_unit_id = unit;
  t.rotation = rotation;
  REQUIRE_MESSAGE(check_training(t.spec).is_ok(), title);
  auto r = s.trainings.create(t, kAdmin);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return *r;
}

inline store::Database& database_of(store::Store& s) { return store::StoreTestAccess::database(s); }

// One number read from the file on a read-only connection ("SELECT count(*) FROM ...").
inline std::int64_t scalar(store::Store& s, const std::string& sql) {
  return database_of(s).read([&](store::Connection& c) { return c.db().execAndGet(sql).getInt64(); });
}
inline std::int64_t rows_in(store::Store& s, const std::string& table) {
  return scalar(s, "SELECT count(*) FROM " + table);
}

// Audit rows, all or of one entity (and action), as a user lists them.
inline std::int64_t audit_total(store::Store& s, const std::optional<std::string>& entity = std::nullopt) {
  return s.audit.page(entity, std::nullopt, 1, 0).total;
}
inline std::int64_t audit_actions(store::Store& s, const std::string& entity, const std::string& action) {
  std::int64_t n = 0;
  for (const auto& e : s.audit.page(entity, std::nullopt, 100000, 0).items) n += e.action == action;
  return n;
}

// An officer's summed hours for a year as the compliance sheet reads them at the year's end (officer_year_hours);
// zero when the officer is not on that sheet (not on post in the year).
inline CategoryHours earned(store::Store& s, Id root_unit, Id officer_id, int year) {
  for (const auto& r : s.credits.compliance_rows(root_unit, year, last_day(year)))
    if (r.officer_id == officer_id) return r.earned;
  return {};
}

}  // namespace certhours::storetest
