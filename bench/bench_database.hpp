// The synthetic region the HTTP benchmarks run on (bench_hours, bench_perf): N officers in a
// 3-level unit tree (the city, 10 counties, 10 towns each), 2,000 sessions a year and ~20
// attendances per officer per year, written straight into SQLite (the schema made by the store,
// then one bulk transaction with synchronous=OFF; the server reopens it with FULL). The triggers
// keep officer_year_hours as the server would. Deterministic: the same options give the same file.
// Header-only: each benchmark is one translation unit.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "domain/officer.hpp"
#include "store/store.hpp"

namespace bench {

// Removes a database file and its WAL and shared-memory files, where they are.
inline void remove_database(const std::string& path) {
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
}

// A fresh copy of the database at `from`, its WAL too when there is one (nothing may write
// `from` meanwhile), at `to`.
inline void copy_database(const std::string& from, const std::string& to) {
  remove_database(to);
  std::filesystem::copy_file(from, to);
  if (std::filesystem::exists(from + "-wal")) std::filesystem::copy_file(from + "-wal", to + "-wal");
}

// The login of the bench admin that bench_http.hpp's ensure_bench_admin adds (POST
// /api/v1/session), and the token in its answer.
inline constexpr const char* kBenchLogin = R"({"username":"bench","password":"bench-password"})";
inline std::string token_in(const std::string& login_answer) {
  auto at = login_answer.find("\"token\":\"");
  if (at == std::string::npos) return {};
  at += 9;
  return login_answer.substr(at, login_answer.find('"', at) - at);
}

// Draws that do not depend on the standard library's distributions.
struct Rng {
  std::mt19937_64 g{20240531};
  std::uint64_t below(std::uint64_t n) { return g() % n; }
};

// Officer i's ID number (valid check digit). Distinct for 1 <= i <= 1,000,000: region digits,
// birth year and sequence all come from i.
inline std::string officer_id_number(int i) {
  char first17[32];  // 17 digits; room the compiler can prove
  std::snprintf(first17, sizeof first17, "4507%02d19%02d0101%03d", (i / 1000) % 100, 60 + i / 100000, i % 1000);
  std::string idn = first17;
  return idn + certhours::id_check_digit(idn);
}

struct RegionSpec {
  int officers = 100000;
  std::vector<int> years = {2024, 2025};  // each with its 2,000 sessions
  int attendances_per_year = 20;          // per officer, drawn at random (a repeated draw is dropped)
  int claims_share = 0;                   // percent of them that are approved external claims instead
};
inline constexpr int kTrainingsPerYear = 2000;

// The first session id of `year` in a database built from `spec` (ids are consecutive per year).
inline int first_training_id(const RegionSpec& spec, int year) {
  for (std::size_t i = 0; i < spec.years.size(); ++i)
    if (spec.years[i] == year) return static_cast<int>(i) * kTrainingsPerYear + 1;
  return 0;
}

// Writes the region into a new file at `path` (the caller removes any old one); prints one line
// with the counts and the time. Officer ids are 1..N, unit 1 is the city, 2, 13, 24, ... the counties.
inline void build_database(const std::string& path, const RegionSpec& spec) {
  auto t0 = std::chrono::steady_clock::now();
  { certhours::store::Store store(path, 1); }  // schema
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  // Bulk load only: no journal (the pages go straight into the file, not through a WAL as large
  // as the database) and no syncs; WAL again at the end, and the server reopens with FULL.
  db.exec("PRAGMA journal_mode = OFF");
  db.exec("PRAGMA synchronous = OFF");
  db.exec("PRAGMA cache_size = -262144");    // 256 MiB: the attendance_training index is written at 2,000 places
  Rng rng;
  SQLite::Transaction tx(db);
  // Units: the city, 10 counties, 10 towns each.
  std::vector<std::int64_t> towns;
  {
    SQLite::Statement u(db, "INSERT INTO units(id, code, name, parent_id, level, path) VALUES (?, ?, ?, ?, ?, ?)");
    auto add = [&](std::int64_t id, std::string name, std::optional<std::int64_t> parent, const char* level,
                   std::string path) {
      u.reset();
      u.clearBindings();
      u.bind(1, id);
      u.bind(2, "B" + std::to_string(id));
      u.bind(3, name);
      if (parent) u.bind(4, *parent);
      u.bind(5, level);
      u.bind(6, path);
      u.exec();
    };
    add(1, "钦州市", std::nullopt, "city", "/1/");
    std::int64_t id = 2;
    for (int c = 0; c < 10; ++c) {
      std::int64_t county = id++;
      add(county, "县区" + std::to_string(c), 1, "county", "/1/" + std::to_string(county) + "/");
      for (int t = 0; t < 10; ++t) {
        std::int64_t town = id++;
        add(town, "镇" + std::to_string(c) + "-" + std::to_string(t), county, "town",
            "/1/" + std::to_string(county) + "/" + std::to_string(town) + "/");
        towns.push_back(town);
      }
    }
  }
  {
    SQLite::Statement o(db,
                        "INSERT INTO officers(id, name, id_number, unit_id, kind, status, post_start, post_end, created_at) "
                        "VALUES (?, ?, ?, ?, 'enforcement', 'active', ?, NULL, '2024-01-01T00:00:00Z')");
    for (int i = 1; i <= spec.officers; ++i) {
      o.reset();
      o.bind(1, i);
      o.bind(2, "干部" + std::to_string(i));
      o.bind(3, officer_id_number(i));
      o.bind(4, towns[rng.below(towns.size())]);
      o.bind(5, rng.below(10) == 0 ? "2024-03-20" : "2016-01-01");
      o.exec();
    }
  }
  // kTrainingsPerYear sessions a year; each officer attends ~attendances_per_year of them.
  {
    SQLite::Statement t(db,
                        "INSERT INTO trainings(id, title, organizer_unit_id, start_date, end_date, year, legal_halves, "
                        "business_halves, political_halves, rotation, mode, created_at) "
                        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 0, 'in_person', '2024-01-01T00:00:00Z')");
    for (int year : spec.years)
      for (int k = 0; k < kTrainingsPerYear; ++k) {
        int id = first_training_id(spec, year) + k;
        char d[11];
        std::snprintf(d, sizeof d, "%04d-%02d-%02d", year, 1 + k % 12, 1 + k % 28);
        t.reset();
        t.bind(1, id);
        t.bind(2, "培训" + std::to_string(id));
        t.bind(3, d);
        t.bind(4, d);
        t.bind(5, year);
        t.bind(6, static_cast<int>(rng.below(3)) * 2);  // 0..2 legal hours
        t.bind(7, static_cast<int>(rng.below(5)) * 2);  // 0..4 business hours
        t.bind(8, 2);
        t.exec();
      }
  }
  const int claims_per_year = spec.attendances_per_year * spec.claims_share / 100;
  {
    SQLite::Statement a(db,
                        "INSERT OR IGNORE INTO attendance(officer_id, year, training_id, legal_halves, business_halves, "
                        "political_halves, recorded_at) "
                        "SELECT ?, year, id, legal_halves, business_halves, political_halves, '2024-01-01T00:00:00Z' "
                        "FROM trainings WHERE id = ?");
    for (int i = 1; i <= spec.officers; ++i)
      for (int year : spec.years)
        for (int k = claims_per_year; k < spec.attendances_per_year; ++k) {
          a.reset();
          a.bind(1, i);
          a.bind(2, static_cast<int>(first_training_id(spec, year) + rng.below(kTrainingsPerYear)));
          a.exec();
        }
  }
  if (claims_per_year > 0) {
    // The claims, submitted then approved in one statement: the triggers add them to the totals.
    SQLite::Statement c(db,
                        "INSERT INTO claims(officer_id, title, provider, start_date, end_date, year, legal_halves, "
                        "business_halves, political_halves, state, created_by, created_at, submitted_at) "
                        "VALUES (?, '外部培训', '自治区司法厅', ?, ?, ?, ?, ?, 0, 'submitted', 'bench', "
                        "'2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
    for (int i = 1; i <= spec.officers; ++i)
      for (int year : spec.years)
        for (int k = 0; k < claims_per_year; ++k) {
          char d[11];
          std::snprintf(d, sizeof d, "%04d-%02d-%02d", year, 1 + static_cast<int>(rng.below(12)),
                        1 + static_cast<int>(rng.below(28)));
          c.reset();
          c.bind(1, i);
          c.bind(2, d);
          c.bind(3, d);
          c.bind(4, year);
          c.bind(5, static_cast<int>(rng.below(3)) * 2);
          c.bind(6, static_cast<int>(rng.below(5)) * 2);
          c.exec();
        }
    db.exec("UPDATE claims SET state = 'approved', credited_legal_halves = legal_halves, "
            "credited_business_halves = business_halves, credited_political_halves = political_halves");
  }
  tx.commit();
  db.exec("ANALYZE");
  db.exec("PRAGMA journal_mode = WAL");
  std::printf("built %s: %d officers, %lld attendance rows, %lld approved claims in %.1f s\n", path.c_str(),
              spec.officers, static_cast<long long>(db.execAndGet("SELECT count(*) FROM attendance").getInt64()),
              static_cast<long long>(db.execAndGet("SELECT count(*) FROM claims").getInt64()),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  std::fflush(stdout);
}

}  // namespace bench
