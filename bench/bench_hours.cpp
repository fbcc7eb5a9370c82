// Benchmark of the training-hours slice at scale, through real HTTP.
//
// Builds (or reuses) a synthetic database — N officers in a 3-level unit tree, ~20
// attendances per officer per year for 2024 and 2025 — starts `certhours serve` on it and
// measures:
//   1. GET /api/v1/officers/{id}/hours with C keep-alive connections (requests/s, latency);
//   2. GET /api/v1/compliance for the whole region, a page of 1000 (time per request);
//   3. the same with limit=1, i.e. the cost of computing the summary.
// With --claims-share P, P% of each officer's ~20 credits a year are approved external claims
// instead of attendance (issue 14: /hours with 20% of the hours from claims).
// Prints figures; asserts nothing. Usage:
//   bench_hours [--officers 100000] [--db /tmp/certhours-bench-N.db] [--seconds 10] [--connections 64]
//               [--claims-share 0]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench_database.hpp"
#include "bench_http.hpp"

using namespace bench;

int main(int argc, char** argv) {
  int officers = 100000, seconds = 10, connections = 64, claims_share = 0;
  std::string db;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--officers") officers = std::stoi(argv[i + 1]);
    else if (a == "--db") db = argv[i + 1];
    else if (a == "--seconds") seconds = std::stoi(argv[i + 1]);
    else if (a == "--connections") connections = std::stoi(argv[i + 1]);
    else if (a == "--claims-share") claims_share = std::stoi(argv[i + 1]);
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  if (db.empty())
    db = "/tmp/certhours-bench-" + std::to_string(officers) +
         (claims_share ? "-claims" + std::to_string(claims_share) : std::string()) + ".db";
  if (!std::filesystem::exists(db)) build_database(db, {.officers = officers, .claims_share = claims_share});
  else std::printf("reusing %s\n", db.c_str());

  ensure_bench_admin(db);  // the password hash is made here; the login goes through the server
  ServerProcess server(db);
  std::string token = bench_token(server.port);

  // 1. /hours under load.
  {
    LoadOptions opt;
    opt.port = server.port;
    opt.target = [officers](std::mt19937_64& g) {
      return "/api/v1/officers/" + std::to_string(g() % static_cast<unsigned>(officers) + 1) + "/hours?year=2025";
    };
    opt.headers = {{"Authorization", "Bearer " + token}};
    opt.connections = connections;
    opt.threads = 1;
    opt.seconds = seconds;
    LoadResult r = run_load(opt);
    std::printf("GET /officers/{id}/hours: %d connections, %.1f s: %.0f requests/s, latency median %.2f ms, "
                "p99 %.2f ms, errors %llu\n",
                connections, r.seconds, r.per_second(), median(r.latencies) * 1e3, percentile(r.latencies, 0.99) * 1e3,
                static_cast<unsigned long long>(r.errors));
  }
  // 2. and 3. whole-region compliance.
  for (const char* target : {"/api/v1/compliance?year=2025&limit=1000", "/api/v1/compliance?year=2025&limit=1"}) {
    std::vector<double> times;
    int status = 0;
    std::size_t bytes = 0;
    for (int i = 0; i < 7; ++i) {
      auto t0 = Clock::now();
      bytes = fetch(server.port, http::verb::get, target, "", token, &status).size();
      times.push_back(seconds_since(t0));
    }
    std::printf("GET %s: status %d, %zu bytes, median %.3f s (min %.3f, max %.3f) over %zu runs\n", target, status,
                bytes, median(times), *std::min_element(times.begin(), times.end()),
                *std::max_element(times.begin(), times.end()), times.size());
  }
  return 0;
}
