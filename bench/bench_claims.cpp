// Benchmark of external training claims' evidence, through real HTTP: 1,000 claims (one per
// officer) each given a 1 MiB evidence file, uploaded over 8 keep-alive connections at once.
// Prints the upload rate (MB/s, files/s, latency) and the server's memory (VmRSS, RssAnon and
// the peak VmHWM from /proc) before and after, and the database's size; asserts nothing.
// Usage: bench_claims [--claims 1000] [--connections 8] [--mib 1]
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_http.hpp"
#include "domain/officer.hpp"

using namespace bench;

namespace {

void print_memory(pid_t pid, const char* when) {
  std::printf("server memory %s: VmRSS %.1f MB, RssAnon %.1f MB, peak VmHWM %.1f MB\n", when,
              status_kb(pid, "VmRSS") / 1024.0, status_kb(pid, "RssAnon") / 1024.0, status_kb(pid, "VmHWM") / 1024.0);
}

void build_database(const std::string& path, int officers) {
  { certhours::store::Store store(path, 1); }  // schema
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  SQLite::Transaction tx(db);
  db.exec("INSERT INTO units(id, code, name, parent_id, level, path) VALUES (1, 'B1', '钦州市', NULL, 'city', '/1/')");
  SQLite::Statement o(db,
                      "INSERT INTO officers(id, name, id_number, unit_id, kind, status, post_start, post_end, created_at) "
                      "VALUES (?, ?, ?, 1, 'enforcement', 'active', '2016-01-01', NULL, '2024-01-01T00:00:00Z')");
  for (int i = 1; i <= officers; ++i) {
    char first17[32];
    std::snprintf(first17, sizeof first17, "4507%02d19%02d0101%03d", (i / 1000) % 100, 60 + i / 100000, i % 1000);
    std::string idn = first17;
    o.reset();
    o.bind(1, i);
    o.bind(2, "干部" + std::to_string(i));
    o.bind(3, idn + certhours::id_check_digit(idn));
    o.exec();
  }
  tx.commit();
}

}  // namespace

int main(int argc, char** argv) {
  int claims = 1000, connections = 8, mib = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--claims") claims = std::stoi(argv[i + 1]);
    else if (a == "--connections") connections = std::stoi(argv[i + 1]);
    else if (a == "--mib") mib = std::stoi(argv[i + 1]);
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  std::string db = "/tmp/certhours-bench-claims.db";
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(db + ext);
  build_database(db, claims);
  ensure_bench_admin(db);
  ServerProcess server(db);
  std::string token = bench_token(server.port);

  // The claims, one request each (not timed as uploads).
  std::vector<std::string> ids;
  {
    Client c(server.port);
    auto t0 = Clock::now();
    for (int i = 1; i <= claims; ++i) {
      auto [status, body] =
          c.send(http::verb::post, "/api/v1/officers/" + std::to_string(i) + "/claims",
                 R"({"title":"行政处罚法专题研修班","provider":"自治区司法厅","start_date":"2025-03-01",)"
                 R"("end_date":"2025-03-02","hours":{"legal":8,"business":8}})",
                 token);
      if (status != 201) throw std::runtime_error("create: " + body);
      ids.push_back(body.substr(6, body.find(',') - 6));  // {"id":N,...
    }
    std::printf("%d claims created in %.2f s\n", claims, seconds_since(t0));
  }
  print_memory(server.pid, "before the uploads");

  // A PDF of `mib` MiB: the signature, then filler.
  std::string file = "%PDF-1.4\n" + std::string(static_cast<std::size_t>(mib) << 20, 'x');
  file.resize(static_cast<std::size_t>(mib) << 20);
  std::atomic<int> next{0}, errors{0};
  std::mutex mu;
  std::vector<double> latencies;
  auto sampler = std::make_unique<MemorySampler>(server.pid, "uploads");  // RssAnon while the uploads run
  auto t0 = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < connections; ++w)
    workers.emplace_back([&] {
      Client c(server.port);
      std::vector<double> mine;
      for (int i; (i = next++) < claims;) {
        auto s = Clock::now();
        auto [status, body] = c.send(http::verb::put, "/api/v1/claims/" + ids[static_cast<std::size_t>(i)] + "/evidence",
                                     file, token, "application/pdf");
        mine.push_back(seconds_since(s));
        if (status != 200) ++errors;
      }
      std::lock_guard lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  for (auto& t : workers) t.join();
  double elapsed = seconds_since(t0);
  long peak_anon = sampler->peak_kb();
  sampler.reset();
  double mb = static_cast<double>(file.size()) * claims / 1e6;
  std::printf("PUT /claims/{id}/evidence: %d files of %d MiB over %d connections in %.2f s: %.1f MB/s, %.0f files/s, "
              "latency median %.1f ms, p99 %.1f ms, errors %d\n",
              claims, mib, connections, elapsed, mb / elapsed, claims / elapsed, median(latencies) * 1e3,
              percentile(latencies, 0.99) * 1e3, errors.load());
  std::printf("server RssAnon peak during the uploads (sampled every 20 ms): %.1f MB\n", peak_anon / 1024.0);
  print_memory(server.pid, "after the uploads");
  // One file read back.
  {
    auto s = Clock::now();
    int status = 0;
    auto body = fetch(server.port, http::verb::get, "/api/v1/claims/" + ids[0] + "/evidence", "", token, &status);
    std::printf("GET /claims/{id}/evidence: status %d, %zu bytes in %.1f ms\n", status, body.size(),
                seconds_since(s) * 1e3);
  }
  std::printf("database: %.1f MB (+ WAL %.1f MB)\n", std::filesystem::file_size(db) / 1e6,
              std::filesystem::exists(db + "-wal") ? std::filesystem::file_size(db + "-wal") / 1e6 : 0.0);
  return errors ? 1 : 0;
}
