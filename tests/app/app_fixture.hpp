// Shared by the use-case tests: a real SQLite store in a temporary file, the App over it with
// its own id-lookup budget, and helpers to build a small data set (units, officers, users,
// trainings, attendance, certificates) as the store's own tests do. No server is spawned: the
// use cases of lib/app are called directly, with a fixed `today`.
#pragma once
#include <doctest/doctest.h>

#include "../common/test_data.hpp"
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/rate_limit.hpp"
#include "domain/certificate.hpp"
#include "domain/officer.hpp"
#include "domain/training.hpp"
#include "store/store.hpp"

namespace certhours::apptest {

namespace fs = std::filesystem;

using testdata::TempFile;
using testdata::d;
using testdata::h;
using testdata::hours;
using testdata::id_number;

inline const store::Actor kSetup{std::nullopt, "app-test-setup"};


// The store, the id-lookup budget as the server holds it (20 misses a day per user), the App.
struct Env {
  TempFile db;
  store::Store store;
  app::RateLimiter id_lookups{app::kIdLookupMissesPerDay, std::chrono::hours(24)};
  app::App app{store, id_lookups};
  explicit Env(const std::string& what) : db(what), store(db.str(), 2) {}
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  Id unit(const std::string& code, const std::string& name, std::optional<Id> parent, UnitLevel level) {
    auto r = store.units.create({code, name, parent, level}, kSetup);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return r->id;
  }
  Officer officer(int n, const std::string& name, Id unit_id, Date post_start,
                  std::optional<Date> post_end = std::nullopt, OfficerKind kind = OfficerKind::enforcement) {
    Officer o;
    o.name = name;
    o.id_number = id_number(n);
    o.unit_id = unit_id;
    o.kind = kind;
    o.status = post_end ? OfficerStatus::left : OfficerStatus::active;
    o.post_start = post_start;
    o.post_end = post_end;
    auto r = store.officers.create(o, kSetup);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return *r;
  }
  User user(const std::string& username, Role role, std::optional<Id> unit_id = std::nullopt,
            std::optional<Id> officer_id = std::nullopt) {
    auto r = store.users.create({username, "fake$not-a-hash", role, unit_id, officer_id}, kSetup);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return *r;
  }
  Training training(const std::string& title, Id organizer, Date start, Date end, CategoryHours hrs,
                    bool rotation = false) {
    Training t;
    t.spec = {title, start, end, hrs};
    t.organizer_unit_id = organizer;
    t.rotation = rotation;
    REQUIRE_MESSAGE(check_training(t.spec).is_ok(), title);
    auto r = store.trainings.create(t, kSetup);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return *r;
  }
  // Every officer credited the session's hours.
  void attend(const Training& t, const std::vector<Id>& officers) {
    std::vector<store::AttendanceRecord> records;
    for (Id o : officers) records.push_back({o, {}});
    auto r = store.trainings.add_attendance(t.id, records, std::nullopt, kSetup).result;
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  }
  // One officer credited fewer hours (partial attendance).
  void attend_partial(const Training& t, Id officer, double legal, double business) {
    PartialCredit credit{h(legal), h(business), std::nullopt};
    auto r = store.trainings.add_attendance(t.id, {{officer, credit}}, std::nullopt, kSetup).result;
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  }
  Certificate certificate(Id officer, const std::string& number, Date issued_on) {
    auto r = store.certificates.issue(officer, number, issued_on, std::nullopt, kSetup);
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return *r;
  }
  // Audit rows of an entity (and action, when given).
  std::vector<store::AuditEntry> audit(const std::string& entity, const std::optional<std::string>& action = {}) {
    std::vector<store::AuditEntry> out;
    for (auto& e : store.audit.page(entity, std::nullopt, 100000, 0).items)
      if (!action || e.action == *action) out.push_back(std::move(e));
    return out;
  }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The lines of a CSV file without its BOM, each without its CRLF (no quoted line breaks).
inline std::vector<std::string> csv_lines(const std::string& text) {
  std::string body = text.rfind("\xEF\xBB\xBF", 0) == 0 ? text.substr(3) : text;
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) {
      out.push_back(body.substr(at));
      break;
    }
    out.push_back(body.substr(at, eol - at));
    at = eol + 2;
  }
  return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace certhours::apptest
