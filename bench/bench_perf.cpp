// The measuring harness of issue 15: one run against `certhours serve` on a synthetic region
// (bench_database.hpp: N officers, ~20 attendances per officer in one year, 2,000 sessions)
// that prints one line per phase and, at the end, the table with its targets:
//   database   generation time (on the first run; reused afterwards) and size;
//   cold start exec of `certhours serve` on a copy of it to the first 200 of GET /healthz;
//   /hours     GET /api/v1/officers/{random id}/hours?year=Y with a Bearer token, C keep-alive
//              connections for S seconds (bench::run_load), interleaved with bench_reference
//              (certhours, reference, certhours, reference) and the ratio;
//   summary    GET /compliance?year=Y&limit=1 (the whole region; median of R) against a minimal raw
//              SQLite aggregate over the same file (per-officer sums of the year joined to officers,
//              counting those that met the requirement), and the ratio;
//   county     one county's 本单位 page: GET /compliance?year=Y&unit_id=2&limit=1000 (median of R);
//   exports    GET /compliance/export?year=Y&format=csv|xlsx of the whole region: time and bytes;
//   import     POST /imports/attendance of one CSV of 400,000 new rows (officers x sessions added
//              to the copy for it; the body limit of 20 MiB holds ~800k such rows, the record limit
//              500,000), rows/s; then, the server stopped, the same rows inserted by raw SQLite
//              into fresh copies (triggers, one synchronous=FULL commit, no audit): one INSERT a
//              row finding the officer by ID number, and one INSERT ... SELECT of them all;
//   memory     the server's RssAnon sampled every 20 ms throughout (each phase's line: its peak
//              and the value at its start; then the peak overall), VmHWM at the end.
// Everything runs on a copy of the database (removed at the end unless --keep-work), so every run
// starts from the same file. Prints figures; asserts nothing. Usage:
//   bench_perf [--officers 100000] [--db /tmp/certhours-perf-N.db] [--year 2025] [--seconds 10]
//              [--connections 64] [--client-threads 2] [--runs 7] [--export-runs 3]
//              [--import-rows 400000] [--hours-baseline RPS] [--keep-work] [--generate-only]
// --hours-baseline: the /hours requests/s of a 100k run, for the country-scale target (within 20%).
// --generate-only: make the database (unless it exists), print its line and stop.
#include <sys/resource.h>

#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_database.hpp"
#include "bench_http.hpp"

using namespace bench;
namespace fs = std::filesystem;

namespace {

std::string format(const char* fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return buf;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  double a = 0, b = 0, c = 0;
  in >> a >> b >> c;
  return format("%.2f %.2f %.2f", a, b, c);
}

double mb(long kb) { return kb / 1024.0; }
double file_mb(const std::string& path) {
  std::error_code ec;
  auto n = fs::file_size(path, ec);
  return ec ? 0 : n / 1e6;
}

// The number after "\"key\":" in a JSON text (first occurrence), or -1.
long long json_int(const std::string& text, const std::string& key) {
  auto at = text.find("\"" + key + "\":");
  return at == std::string::npos ? -1 : std::atoll(text.c_str() + at + key.size() + 3);
}

// One line of the final table.
struct Row {
  std::string figure, certhours, reference, ratio, target, verdict;
};
std::string verdict(bool judged, bool ok) { return !judged ? "—" : ok ? "pass" : "**FAIL**"; }

// The minimal raw aggregate the summary is held against: each officer on post in `year`, the
// sums of their attendance of the year by category, counted as met when both required
// categories reach the default policy (20 h legal, 40 h business = 40 and 80 halves). The bench
// officers are all on post the whole year and no policy is set, so no proration applies.
const char* kRawSummary =
    "SELECT count(*), coalesce(sum(legal >= 40 AND business >= 80), 0) FROM ("
    " SELECT o.id, coalesce(sum(a.legal_halves), 0) AS legal, coalesce(sum(a.business_halves), 0) AS business"
    " FROM officers o LEFT JOIN attendance a ON a.officer_id = o.id AND a.year = ?1"
    " WHERE o.post_start <= ?1 || '-12-31' AND (o.post_end IS NULL OR o.post_end >= ?1 || '-01-01')"
    " GROUP BY o.id)";

}  // namespace

int main(int argc, char** argv) {
  int officers = 100000, year = 2025, connections = 64, client_threads = 2, runs = 7, export_runs = 3;
  int import_rows = 400000;
  double seconds = 10, hours_baseline = 0;
  bool keep_work = false, generate_only = false;
  std::string db;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--keep-work" || a == "--generate-only") {
      (a == "--keep-work" ? keep_work : generate_only) = true;
      continue;
    }
    if (i + 1 >= argc) {
      std::cerr << "option " << a << " needs a value\n";
      return 2;
    }
    std::string v = argv[++i];
    if (a == "--officers") officers = std::stoi(v);
    else if (a == "--db") db = v;
    else if (a == "--year") year = std::stoi(v);
    else if (a == "--seconds") seconds = std::stod(v);
    else if (a == "--connections") connections = std::stoi(v);
    else if (a == "--client-threads") client_threads = std::stoi(v);
    else if (a == "--runs") runs = std::max(1, std::stoi(v));
    else if (a == "--export-runs") export_runs = std::max(1, std::stoi(v));
    else if (a == "--import-rows") import_rows = std::stoi(v);
    else if (a == "--hours-baseline") hours_baseline = std::stod(v);
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  if (officers < 1 || officers > 1000000) {
    std::cerr << "--officers: 1 to 1,000,000 (the ID numbers are distinct up to there)\n";
    return 2;
  }
  if (db.empty()) db = "/tmp/certhours-perf-" + std::to_string(officers) + ".db";
  const bool country = officers >= 1000000;
  const std::string ys = std::to_string(year);
  std::vector<Row> table;
  std::printf("bench_perf: %d officers, year %d, %u cores, load average %s, %s\n", officers, year,
              std::thread::hardware_concurrency(), load_average().c_str(), ServerProcess::server_binary().c_str());
  std::fflush(stdout);

  // ---- database: generated once, then reused ----
  const RegionSpec spec{.officers = officers, .years = {year}, .attendances_per_year = 20};
  std::string built_note;
  double built_seconds = -1;
  if (!fs::exists(db)) {
    // Built under another name and renamed when complete: a build that fails leaves no file
    // that a later run would take for a database.
    const std::string part = db + ".part";
    remove_database(part);
    auto t0 = Clock::now();
    build_database(part, spec);
    fs::rename(part, db);
    built_seconds = seconds_since(t0);
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    std::ofstream(db + ".built") << built_seconds << "\n";
    built_note = format("generated in %.1f s (this run; the generator's peak RSS %.0f MB)", built_seconds,
                        ru.ru_maxrss / 1024.0);
  } else {
    std::ifstream in(db + ".built");
    if (in >> built_seconds) built_note = format("generated in %.1f s (an earlier run; reused)", built_seconds);
    else built_note = "reused (generation time unknown)";
  }
  ensure_bench_admin(db);
  long long attendance_rows = 0;
  int county_officers = 0;
  {
    SQLite::Database d(db, SQLite::OPEN_READONLY);
    SQLite::Statement s(d, "SELECT coalesce(sum(sessions), 0) FROM officer_year_hours WHERE year = ?");
    s.bind(1, year);
    s.executeStep();
    attendance_rows = s.getColumn(0).getInt64();
    county_officers = d.execAndGet("SELECT count(*) FROM officers o JOIN units u ON u.id = o.unit_id "
                                   "WHERE u.path LIKE '/1/2/%'")
                          .getInt();
  }
  const double db_mb = file_mb(db) + file_mb(db + "-wal");
  std::printf("database: %s, %d officers, %lld attendance rows in %d, %.1f MB, %s\n", db.c_str(), officers,
              attendance_rows, year, db_mb, built_note.c_str());
  table.push_back({"database", format("%.0f MB, %lld attendances", db_mb, attendance_rows), "", "",
                   country ? "1M officers / 20M attendances" : "", "—"});
  table.push_back({"database generation", built_seconds >= 0 ? format("%.1f s", built_seconds) : "?", "", "", "",
                   "—"});
  if (generate_only) return 0;

  // ---- the working copy, with the sessions the import fills ----
  // A copy of the database with `sessions_needed` new sessions (ids from `import_first`): the
  // server's, and later, fresh, the raw inserts' (so that both write the same rows into the same
  // state of the file, the WAL empty).
  const std::string stem = db.substr(0, db.size() - (db.size() > 3 && db.ends_with(".db") ? 3 : 0));
  const std::string work = stem + "-run.db";
  const int sessions_needed = (import_rows + officers - 1) / officers;
  int import_first = 0;
  auto make_copy = [&](const std::string& path) {
    auto t0 = Clock::now();
    copy_database(db, path);
    SQLite::Database d(path, SQLite::OPEN_READWRITE);
    import_first = d.execAndGet("SELECT coalesce(max(id), 0) + 1 FROM trainings").getInt();
    SQLite::Statement t(d,
                        "INSERT INTO trainings(id, title, organizer_unit_id, start_date, end_date, year, legal_halves, "
                        "business_halves, political_halves, rotation, mode, created_at) "
                        "VALUES (?, ?, 1, ?, ?, ?, 4, 8, 2, 0, 'in_person', '2024-01-01T00:00:00Z')");
    SQLite::Transaction tx(d);
    for (int k = 0; k < sessions_needed; ++k) {
      std::string day = format("%d-12-%02d", year, 1 + k % 28);
      t.reset();
      t.bind(1, import_first + k);
      t.bind(2, "导入培训" + std::to_string(k));
      t.bind(3, day);
      t.bind(4, day);
      t.bind(5, year);
      t.exec();
    }
    tx.commit();
    return seconds_since(t0);
  };
  {
    double s = make_copy(work);
    std::printf("work copy: %s in %.1f s, with %d new sessions for the import\n", work.c_str(), s, sessions_needed);
  }
  auto import_row = [&](int i, std::string& id_number) {  // row i of the import: (session, officer's ID number)
    id_number = officer_id_number(i % officers + 1);
    return import_first + i / officers;
  };

  // ---- cold start ----
  ServerProcess server(work);
  const double cold = seconds_until_healthy(server.port, server.started);
  MemorySampler mem(server.pid, "cold start");
  auto rss = [&](const std::string& phase) {
    return format("[RssAnon peak %.1f MB; %.1f MB at the phase's start]", mb(mem.peak_kb(phase)),
                  mb(mem.start_kb(phase)));
  };
  std::printf("cold start: %.3f s from exec to the first 200 of GET /healthz (page cache warm: the copy was just "
              "written) %s\n",
              cold, rss("cold start").c_str());
  table.push_back({"cold start of `serve` (exec → first 200 of /healthz)", format("%.3f s", cold), "", "",
                   country ? "≤ 1 s" : "≤ 1 s (country scale)", verdict(country, cold >= 0 && cold <= 1)});
  mem.phase("login");
  const std::string token = bench_token(server.port);

  // ---- /hours, interleaved with the reference ----
  mem.phase("/hours");
  {
    ChildServer reference({BENCH_REFERENCE_BIN, "--threads", "2"});
    LoadOptions opt;
    opt.target = [officers, ys](std::mt19937_64& g) {
      return "/api/v1/officers/" + std::to_string(g() % static_cast<unsigned>(officers) + 1) + "/hours?year=" + ys;
    };
    opt.connections = connections;
    opt.threads = client_threads;
    opt.seconds = seconds;
    std::vector<LoadResult> ours, theirs;
    for (int round = 1; round <= 2; ++round)
      for (bool certhours : {true, false}) {
        opt.port = certhours ? server.port : reference.port;
        opt.headers.clear();
        if (certhours) opt.headers.push_back({"Authorization", "Bearer " + token});
        opt.seed = 20240531 + static_cast<std::uint64_t>(round);
        LoadResult r = run_load(opt);
        std::printf("GET /officers/{id}/hours %-9s run %d: %6.0f requests/s, latency median %.2f ms, p99 %.2f ms, "
                    "errors %llu, %.0f bytes an answer (%d connections, %d client threads, %.1f s)%s\n",
                    certhours ? "certhours" : "reference", round, r.per_second(), median(r.latencies) * 1e3,
                    percentile(r.latencies, 0.99) * 1e3, static_cast<unsigned long long>(r.errors),
                    r.requests ? static_cast<double>(r.bytes) / r.requests : 0.0, connections, client_threads,
                    r.seconds, certhours ? (" " + rss("/hours")).c_str() : "");
        std::fflush(stdout);
        (certhours ? ours : theirs).push_back(std::move(r));
      }
    double ours_rps = (ours[0].per_second() + ours[1].per_second()) / 2;
    double theirs_rps = (theirs[0].per_second() + theirs[1].per_second()) / 2;
    double ratio = theirs_rps > 0 ? ours_rps / theirs_rps : 0;
    double p99 = std::max(percentile(ours[0].latencies, 0.99), percentile(ours[1].latencies, 0.99)) * 1e3;
    std::printf("/hours: certhours %.0f vs reference %.0f requests/s (means of two runs): %.2f× (run 1 %.2f×, run 2 "
                "%.2f×); certhours p99 up to %.2f ms\n",
                ours_rps, theirs_rps, ratio, ours[0].per_second() / theirs[0].per_second(),
                ours[1].per_second() / theirs[1].per_second(), p99);
    table.push_back({"`GET /officers/{id}/hours` requests/s (random officers, Bearer token)",
                     format("%.0f / %.0f", ours[0].per_second(), ours[1].per_second()),
                     format("%.0f / %.0f", theirs[0].per_second(), theirs[1].per_second()), format("%.2f×", ratio),
                     "≥ 0.5× of the bare endpoint", verdict(true, ratio >= 0.5)});
    table.push_back({format("`/hours` p99 at %d connections", connections),
                     format("%.2f / %.2f ms", percentile(ours[0].latencies, 0.99) * 1e3,
                            percentile(ours[1].latencies, 0.99) * 1e3),
                     format("%.2f / %.2f ms", percentile(theirs[0].latencies, 0.99) * 1e3,
                            percentile(theirs[1].latencies, 0.99) * 1e3),
                     "", "≤ 10 ms", verdict(true, p99 <= 10)});
    if (country)
      table.push_back({"`/hours` at 1M against the 100k figure", format("%.0f", ours_rps),
                       hours_baseline > 0 ? format("%.0f (100k run)", hours_baseline) : "(--hours-baseline)",
                       hours_baseline > 0 ? format("%.2f×", ours_rps / hours_baseline) : "", "within 20% (≥ 0.8×)",
                       verdict(hours_baseline > 0, ours_rps >= 0.8 * hours_baseline)});
  }

  // ---- whole-region summary against the raw aggregate ----
  mem.phase("summary");
  {
    std::vector<double> times, raw_times;
    std::string answer;
    int status = 0;
    for (int i = 0; i < runs; ++i) {
      auto t0 = Clock::now();
      answer = fetch(server.port, http::verb::get, "/api/v1/compliance?year=" + ys + "&limit=1", "", token, &status);
      times.push_back(seconds_since(t0));
    }
    SQLite::Database raw(work, SQLite::OPEN_READONLY);
    raw.exec("PRAGMA mmap_size = 1073741824");  // as the server's readers (lib/store/database.cpp)
    raw.exec("PRAGMA cache_size = -32768");
    SQLite::Statement q(raw, kRawSummary);
    long long raw_officers = 0, raw_met = 0;
    for (int i = 0; i < runs; ++i) {
      auto t0 = Clock::now();
      q.reset();
      q.bind(1, year);
      q.executeStep();
      raw_officers = q.getColumn(0).getInt64();
      raw_met = q.getColumn(1).getInt64();
      raw_times.push_back(seconds_since(t0));
    }
    auto summary = answer.substr(std::min(answer.size(), answer.find("\"summary\"")));
    double ratio = median(times) / median(raw_times);
    std::printf("whole-region summary: status %d, median %.3f s (min %.3f, max %.3f; officers %lld, met %lld) vs raw "
                "SQLite aggregate median %.3f s (min %.3f, max %.3f; officers %lld, met %lld), %d runs each: %.2f× %s\n",
                status, median(times), percentile(times, 0), percentile(times, 1), json_int(summary, "officers"),
                json_int(summary, "met"), median(raw_times), percentile(raw_times, 0), percentile(raw_times, 1),
                raw_officers, raw_met, runs, ratio, rss("summary").c_str());
    table.push_back({"whole-region compliance summary (`/compliance?limit=1`, median)", format("%.3f s", median(times)),
                     format("raw SQLite aggregate %.3f s", median(raw_times)), format("%.2f×", ratio),
                     country ? "≤ 1.0× and ≤ 2 s" : "≤ 1.0×",
                     verdict(true, ratio <= 1.0 && (!country || median(times) <= 2))});
  }

  // ---- one county's page ----
  mem.phase("county page");
  {
    std::vector<double> times;
    std::string answer;
    int status = 0;
    for (int i = 0; i < runs; ++i) {
      auto t0 = Clock::now();
      answer = fetch(server.port, http::verb::get, "/api/v1/compliance?year=" + ys + "&unit_id=2&limit=1000", "",
                     token, &status);
      times.push_back(seconds_since(t0));
    }
    std::printf("one county's page (unit 2, %d officers, limit=1000): status %d, %zu bytes, median %.3f s (min %.3f, "
                "max %.3f; %d runs) %s\n",
                county_officers, status, answer.size(), median(times), percentile(times, 0), percentile(times, 1),
                runs, rss("county page").c_str());
    table.push_back({format("one county's page (%d officers, first 1,000)", county_officers),
                     format("%.3f s", median(times)), "", "", "", "—"});
  }

  // ---- exports of the whole region ----
  for (const char* fmt : {"csv", "xlsx"}) {
    std::string phase = std::string("export ") + fmt;
    mem.phase(phase);
    std::vector<double> times;
    std::size_t bytes = 0;
    std::string rows;
    int status = 0;
    for (int i = 0; i < export_runs; ++i) {
      Client c(server.port);
      auto t0 = Clock::now();
      auto res = c.request(http::verb::get, "/api/v1/compliance/export?year=" + ys + "&format=" + fmt, "", token);
      times.push_back(seconds_since(t0));
      status = static_cast<int>(res.result_int());
      bytes = res.body().size();
      rows = std::string(res["X-Export-Rows"]);
    }
    std::printf("compliance export %-4s: status %d, %s rows, %.1f MB, median %.3f s (min %.3f, max %.3f; %d runs) %s\n",
                fmt, status, rows.c_str(), bytes / 1e6, median(times), percentile(times, 0), percentile(times, 1),
                export_runs, rss(phase).c_str());
    bool xlsx = std::string(fmt) == "xlsx";
    table.push_back({format("compliance export %s, %s rows", xlsx ? "XLSX" : "CSV", rows.c_str()),
                     format("%.2f s, %.1f MB", median(times), bytes / 1e6), "", "",
                     xlsx ? (country ? "constant memory" : "≤ 2 s") : "",
                     verdict(xlsx && !country, median(times) <= 2)});
  }

  // ---- the attendance import ----
  mem.phase("import");
  double import_rps = 0;
  {
    std::string csv = "training_id,id_number,legal,business,political\r\n";
    csv.reserve(static_cast<std::size_t>(import_rows) * 30 + 64);
    std::string id_number;
    for (int i = 0; i < import_rows; ++i) {
      int session = import_row(i, id_number);
      csv += std::to_string(session) + "," + id_number + ",,,\r\n";
    }
    Client c(server.port);
    auto t0 = Clock::now();
    auto [status, answer] = c.send(http::verb::post, "/api/v1/imports/attendance", csv, token, "text/csv");
    double s = seconds_since(t0);
    import_rps = import_rows / s;
    std::printf("POST /imports/attendance: %d rows (%.1f MiB, one file) in %.2f s: %.0f rows/s, status %d, imported "
                "%lld, skipped %lld %s\n",
                import_rows, csv.size() / 1048576.0, s, import_rps, status, json_int(answer, "imported"),
                json_int(answer, "skipped_duplicates"), rss("import").c_str());
    if (status != 200) std::printf("  the answer: %.300s\n", answer.c_str());
  }

  // ---- memory ----
  const long vm_hwm = status_kb(server.pid, "VmHWM"), vm_rss = status_kb(server.pid, "VmRSS");
  const long peak = mem.peak_kb();
  {
    std::string phases;
    for (const auto& p : mem.phases()) phases += format("%s%s %.1f", phases.empty() ? "" : ", ", p.c_str(), mb(mem.peak_kb(p)));
    std::printf("server memory: RssAnon peak %.1f MB overall (per phase, MB: %s); VmHWM %.1f MB, VmRSS now %.1f MB\n",
                mb(peak), phases.c_str(), mb(vm_hwm), mb(vm_rss));
  }
  server.stop();

  // ---- the raw inserts the import is held against (the server stopped) ----
  // The same rows into a fresh copy each time, with synchronous=FULL and one commit, no audit:
  //   per row: one prepared INSERT ... SELECT a row, the officer found by ID number (as the
  //            import does), with the writer's page cache (SQLite's default 2 MB);
  //   bulk:    one INSERT ... SELECT of all the rows (officers x the new sessions), SQLite's
  //            own bulk path: the ceiling of this file's indexes and triggers.
  double raw_row_rps = 0, raw_bulk_rps = 0;
  for (int pass = 0; pass < 2; ++pass) {
    const std::string raw_path = stem + "-raw.db";
    make_copy(raw_path);
    {
      SQLite::Database d(raw_path, SQLite::OPEN_READWRITE);
      d.exec("PRAGMA synchronous = FULL");  // as the server's writer
      auto t0 = Clock::now();
      long long done = 0;
      SQLite::Transaction tx(d);
      if (pass == 0) {
        SQLite::Statement ins(d,
                              "INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, "
                              "political_halves, recorded_at) "
                              "SELECT o.id, t.year, t.id, t.legal_halves, t.business_halves, t.political_halves, ?3 "
                              "FROM officers o, trainings t WHERE o.id_number = ?1 AND t.id = ?2");
        std::string id_number;
        for (int i = 0; i < import_rows; ++i) {
          int session = import_row(i, id_number);
          ins.reset();
          ins.bind(1, id_number);
          ins.bind(2, session);
          ins.bind(3, "2026-01-01T00:00:00Z");
          done += ins.exec();
        }
      } else {
        SQLite::Statement ins(d,
                              "INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, "
                              "political_halves, recorded_at) "
                              "SELECT o.id, t.year, t.id, t.legal_halves, t.business_halves, t.political_halves, ?3 "
                              "FROM trainings t, officers o WHERE t.id >= ?1 ORDER BY t.id, o.id LIMIT ?2");
        ins.bind(1, import_first);
        ins.bind(2, import_rows);
        ins.bind(3, "2026-01-01T00:00:00Z");
        done = ins.exec();
      }
      tx.commit();
      double s = seconds_since(t0);
      (pass == 0 ? raw_row_rps : raw_bulk_rps) = done / s;
      std::printf("raw SQLite, %s: %lld rows in %.2f s: %.0f rows/s (triggers, one synchronous=FULL commit, no audit)\n",
                  pass == 0 ? "one INSERT a row, the officer found by ID number" : "one INSERT ... SELECT of all rows",
                  done, s, done / s);
    }
    remove_database(raw_path);
  }
  table.push_back({format("attendance import through `POST /imports/attendance` (%d-row file)", import_rows),
                   format("%.0f rows/s", import_rps),
                   format("SQLite bulk insert %.0f rows/s (a row per INSERT: %.0f)", raw_bulk_rps, raw_row_rps),
                   format("%.2f×", import_rps / raw_bulk_rps), "≥ 100,000 rows/s, the per-record audit kept",
                   verdict(true, import_rps >= 100000)});
  table.push_back({"server memory", format("RssAnon peak %.0f MB; VmHWM %.0f MB", mb(peak), mb(vm_hwm)), "", "",
                   "RssAnon ≤ 150 MB through the whole run", verdict(true, mb(peak) <= 150)});

  if (!keep_work) remove_database(work);

  std::printf("\n%d officers, %lld attendances in %d; load average %s at the end\n\n", officers, attendance_rows, year,
              load_average().c_str());
  std::printf("| figure | certhours | reference | ratio | target | verdict |\n|---|---|---|---|---|---|\n");
  for (const Row& r : table)
    std::printf("| %s | %s | %s | %s | %s | %s |\n", r.figure.c_str(), r.certhours.c_str(), r.reference.c_str(),
                r.ratio.c_str(), r.target.c_str(), r.verdict.c_str());
  return 0;
}
