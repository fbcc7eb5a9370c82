// The CPU one request costs inside the api, without sockets or threads: Api::handle called in a
// loop on one thread for GET /api/v1/officers/{random id}/hours?year=2025 (Bearer token), on a
// copy of a bench_perf database. Its figure (µs a request, median of batches) moves only with
// the work done, not with the scheduler, so it can tell two builds of the handler apart where a
// load over HTTP on a shared 2-core machine cannot; profile it with perf for the handler alone.
// Prints figures; asserts nothing. Usage:
//   bench_handler [--db /tmp/certhours-perf-100000.db] [--officers 100000] [--requests 20000]
//                 [--batches 9] [--path '/api/v1/officers/{id}/hours?year=2025']
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "api/api.hpp"
#include "bench_database.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using namespace certhours;

int main(int argc, char** argv) {
  std::string db = "/tmp/certhours-perf-100000.db", path = "/api/v1/officers/{id}/hours?year=2025";
  long officers = 100000, requests = 20000, batches = 9;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--db") db = argv[i + 1];
    else if (a == "--officers") officers = std::stol(argv[i + 1]);
    else if (a == "--requests") requests = std::stol(argv[i + 1]);
    else if (a == "--batches") batches = std::stol(argv[i + 1]);
    else if (a == "--path") path = argv[i + 1];
    else {
      std::cerr << "unknown option " << a << "\n";
      return 2;
    }
  }
  if (!fs::exists(db)) {
    std::cerr << "no " << db << ": run build/bench/bench_perf --generate-only first\n";
    return 1;
  }
  const std::string work = "/tmp/certhours-bench-handler.db";
  bench::copy_database(db, work);
  {
    store::Store st(work, 2);
    api::Options options;
    options.access_log = false;
    api::Api api(st, options);
    api::Request login;
    login.method = "POST";
    login.target = "/api/v1/session";
    login.content_type = "application/json";
    login.remote_address = "127.0.0.1";
    login.body = bench::kBenchLogin;
    api::Response r = api.handle(login);
    const std::string token = bench::token_in(r.body);
    if (r.status != 200 || token.empty()) {
      std::cerr << "login failed: " << r.status << " " << r.body << "\n";
      return 1;
    }
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<long> pick(1, officers);
    auto request = [&] {
      api::Request q;
      q.method = "GET";
      q.target = path;
      if (auto id = q.target.find("{id}"); id != std::string::npos) q.target.replace(id, 4, std::to_string(pick(rng)));
      q.authorization = "Bearer " + token;
      q.remote_address = "127.0.0.1";
      q.host = "127.0.0.1";
      return q;
    };
    std::vector<double> per_request;
    std::size_t bytes = 0;
    for (long b = 0; b <= batches; ++b) {  // batch 0 warms the cache and is not counted
      std::vector<api::Request> qs;
      for (long i = 0; i < requests; ++i) qs.push_back(request());
      auto t0 = std::chrono::steady_clock::now();
      for (const auto& q : qs) {
        api::Response res = api.handle(q);
        if (res.status != 200) {
          std::cerr << q.target << ": " << res.status << " " << res.body << "\n";
          return 1;
        }
        bytes += res.body.size();
      }
      double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
      if (b > 0) per_request.push_back(us / requests);
    }
    std::sort(per_request.begin(), per_request.end());
    std::printf("%s: %.1f us a request (median of %ld batches of %ld; min %.1f, max %.1f), %zu bytes an answer\n",
                path.c_str(), per_request[per_request.size() / 2], batches, requests, per_request.front(),
                per_request.back(), bytes / ((batches + 1) * requests));
  }
  bench::remove_database(work);
}
