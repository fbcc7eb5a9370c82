// Benchmark of qualification exams and certificate applications (docs/api.md), through real HTTP
// on a fresh database of N officers (default 100,000) in 10 towns:
//   1. a score sheet of one line per officer (N lines) imported in one request, then the same
//      sheet again (every line a skipped duplicate);
//   2. A applications (default 10,000) submitted one request each, over one kept-alive
//      connection: each makes the five-check review (exam results, last year's status, grade,
//      certificates) and writes the application with its audit row;
//   3. each of them approved, one request each: the review again, the certificate issued with
//      the next automatic number, in one transaction.
// The server's today is 2025-03-10; the officers are on post since 2025-01-01 (2024 exempt) and
// passed an exam of 2024-06-15, so every application is qualified and approved.
// Prints figures; asserts nothing. Usage:
//   bench_applications [--officers 100000] [--applications 10000] [--db /tmp/certhours-bench-applications.db]
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "bench_http.hpp"
#include "domain/officer.hpp"

using namespace bench;

namespace {

std::string id_number(int i) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "4507%02d19%02d0101%03d", (i / 1000) % 100, 60 + i / 100000, i % 1000);
  std::string s = first17;
  return s + certhours::id_check_digit(s);
}

void build_database(const std::string& path, int officers) {
  auto t0 = Clock::now();
  { certhours::store::Store store(path, 1); }  // schema
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA synchronous = OFF");  // bulk load only; the server reopens with FULL
  SQLite::Transaction tx(db);
  db.exec("INSERT INTO units(id, code, name, parent_id, level, path) VALUES (1, 'B1', '钦州市', NULL, 'city', '/1/')");
  SQLite::Statement u(db, "INSERT INTO units(id, code, name, parent_id, level, path) VALUES (?, ?, ?, 1, 'town', ?)");
  for (int t = 2; t <= 11; ++t) {
    u.reset();
    u.bind(1, t);
    u.bind(2, "B" + std::to_string(t));
    u.bind(3, "镇" + std::to_string(t));
    u.bind(4, "/1/" + std::to_string(t) + "/");
    u.exec();
  }
  SQLite::Statement o(db,
                      "INSERT INTO officers(id, name, id_number, unit_id, kind, status, post_start, post_end, created_at) "
                      "VALUES (?, ?, ?, ?, 'enforcement', 'active', '2025-01-01', NULL, '2025-01-01T00:00:00Z')");
  for (int i = 1; i <= officers; ++i) {
    o.reset();
    o.bind(1, i);
    o.bind(2, "干部" + std::to_string(i));
    o.bind(3, id_number(i));
    o.bind(4, 2 + i % 10);
    o.exec();
  }
  tx.commit();
  db.exec("ANALYZE");
  std::printf("built %s: %d officers in %.1f s\n", path.c_str(), officers, seconds_since(t0));
}

// Sends `count` requests made by `make(i)` one after another on one connection; prints the rate
// and the latencies, and how many did not answer `expect`.
template <class Make>
void run(Client& c, const std::string& token, const char* what, int count, int expect, Make make) {
  std::vector<double> latencies;
  latencies.reserve(static_cast<std::size_t>(count));
  int wrong = 0;
  std::string first_wrong;
  auto t0 = Clock::now();
  for (int i = 0; i < count; ++i) {
    auto [target, body] = make(i);
    auto t = Clock::now();
    auto [status, text] = c.send(http::verb::post, target, body, token);
    latencies.push_back(seconds_since(t));
    if (status != expect && wrong++ == 0) first_wrong = std::to_string(status) + " " + text.substr(0, 300);
  }
  double elapsed = seconds_since(t0);
  std::printf("%-34s %6d requests in %6.2f s: %6.0f requests/s, latency median %.2f ms, p99 %.2f ms, max %.2f ms; "
              "not %d: %d%s%s\n",
              what, count, elapsed, count / elapsed, median(latencies) * 1e3, percentile(latencies, 0.99) * 1e3,
              percentile(latencies, 1.0) * 1e3, expect, wrong, wrong ? " (first: " : "",
              wrong ? (first_wrong + ")").c_str() : "");
}

}  // namespace

int main(int argc, char** argv) {
  int officers = 100000, applications = 10000;
  std::string db = "/tmp/certhours-bench-applications.db";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--officers") officers = std::stoi(argv[i + 1]);
    else if (a == "--applications") applications = std::stoi(argv[i + 1]);
    else if (a == "--db") db = argv[i + 1];
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  applications = std::min(applications, officers);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  build_database(db, officers);
  ensure_bench_admin(db);
  ServerProcess server(db, {"CERTHOURS_TODAY=2025-03-10"});
  std::string token = bench_token(server.port);
  Client c(server.port);

  auto [status, exam] = c.send(http::verb::post, "/api/v1/exams",
                               R"({"name":"2024年度行政执法资格考试","held_on":"2024-06-15"})", token);
  if (status != 201) {
    std::cerr << "POST /exams: " << status << " " << exam << "\n";
    return 1;
  }
  std::string exam_id = exam.substr(exam.find("\"id\":") + 5);
  exam_id = exam_id.substr(0, exam_id.find_first_not_of("0123456789"));

  // 1. The score sheet.
  std::string sheet = "exam_id,id_number,score\n";
  for (int i = 1; i <= officers; ++i) sheet += exam_id + "," + id_number(i) + ",72\n";
  for (const char* what : {"score sheet", "the same sheet again"}) {
    auto t0 = Clock::now();
    auto [code, body] = c.send(http::verb::post, "/api/v1/imports/exam-results", sheet, token, "text/csv");
    double s = seconds_since(t0);
    std::printf("%-34s %6d lines (%.1f MB) in %6.2f s: %8.0f lines/s; %d %s\n", what, officers, sheet.size() / 1e6, s,
                officers / s, code, body.substr(0, 120).c_str());
  }

  // 2. and 3. One request per application, then per decision.
  run(c, token, "POST /applications", applications, 201, [](int i) {
    return std::pair(std::string("/api/v1/applications"),
                     R"({"officer_id":)" + std::to_string(i + 1) + R"(,"kind":"first"})");
  });
  run(c, token, "POST /applications/{id}/decision", applications, 200, [](int i) {
    return std::pair("/api/v1/applications/" + std::to_string(i + 1) + "/decision",
                     std::string(R"({"decision":"approve"})"));
  });
  auto [last_status, last] = c.send(http::verb::get, "/api/v1/applications/" + std::to_string(applications), "", token);
  auto pos = last.find("\"number\":\"");
  std::printf("the last certificate: %s\n", pos == std::string::npos ? last.substr(0, 200).c_str()
                                                                       : last.substr(pos + 10, 10).c_str());
  return 0;
}
