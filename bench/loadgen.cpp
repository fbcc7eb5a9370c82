// A keep-alive HTTP load generator (GET only), for certhours serve, bench_reference or any
// server: C connections over T client threads, each sending its next request as soon as the
// answer arrives, for S seconds; prints requests/s (200 answers), latency median and p99,
// errors (other statuses, failed connections) and the mean answer size. The same code
// (bench::run_load, bench_http.hpp) drives bench_hours and bench_perf.
//
// Targets: --path TEMPLATE, where each "{id}" becomes a number drawn uniformly from 1..--ids
// for every request; or --paths FILE, one target (template) a line, drawn at random.
// Authentication: --bearer TOKEN, or --login USER:PASSWORD (POST /api/v1/session first), or any
// --header 'Name: value' (repeatable).
// Prints figures; asserts nothing. Example, against a server started by hand:
//   loadgen --port 8080 --login bench:bench-password --ids 100000 --connections 64 --threads 2
//           --seconds 10 --path '/api/v1/officers/{id}/hours?year=2025'
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench_http.hpp"

using namespace bench;

namespace {

void usage() {
  std::cerr << "usage: loadgen --port P [--host 127.0.0.1] (--path TEMPLATE | --paths FILE) [--ids 100000]\n"
               "               [--bearer TOKEN | --login USER:PASSWORD] [--header 'Name: value']...\n"
               "               [--connections 64] [--threads 2] [--seconds 10]\n";
}

// `tmpl` with each "{id}" replaced by `id`.
std::string expand(const std::string& tmpl, std::uint64_t id) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = tmpl.find("{id}", from)) != std::string::npos; from = at + 4)
    out.append(tmpl, from, at - from).append(std::to_string(id));
  return out.append(tmpl, from);
}

}  // namespace

int main(int argc, char** argv) {
  LoadOptions opt;
  std::vector<std::string> templates;
  std::uint64_t ids = 100000;
  std::string login;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      usage();
      return 0;
    }
    if (i + 1 >= argc) {
      usage();
      return 2;
    }
    std::string v = argv[++i];
    if (a == "--port") opt.port = static_cast<unsigned short>(std::stoi(v));
    else if (a == "--host") opt.host = v;
    else if (a == "--path") templates.push_back(v);
    else if (a == "--paths") {
      std::ifstream in(v);
      if (!in) {
        std::cerr << "cannot read " << v << "\n";
        return 2;
      }
      for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] == '/') templates.push_back(line);
    } else if (a == "--ids") ids = std::stoull(v);
    else if (a == "--bearer") opt.headers.push_back({"Authorization", "Bearer " + v});
    else if (a == "--login") login = v;
    else if (a == "--header") {
      auto colon = v.find(':');
      if (colon == std::string::npos) {
        usage();
        return 2;
      }
      auto value = v.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      opt.headers.push_back({v.substr(0, colon), value});
    } else if (a == "--connections") opt.connections = std::stoi(v);
    else if (a == "--threads") opt.threads = std::stoi(v);
    else if (a == "--seconds") opt.seconds = std::stod(v);
    else {
      usage();
      return 2;
    }
  }
  if (!opt.port || templates.empty() || ids == 0) {
    usage();
    return 2;
  }
  if (!login.empty()) {
    auto colon = login.find(':');
    Client c(opt.port, opt.host);
    auto [status, answer] = c.send(http::verb::post, "/api/v1/session",
                                 R"({"username":")" + login.substr(0, colon) + R"(","password":")" +
                                     login.substr(colon + 1) + R"("})",
                                 "");
    auto pos = answer.find("\"token\":\"");
    if (status != 200 || pos == std::string::npos) {
      std::cerr << "login failed: " << status << " " << answer << "\n";
      return 1;
    }
    opt.headers.push_back({"Authorization", "Bearer " + answer.substr(pos + 9, 64)});
  }
  opt.target = [&templates, ids](std::mt19937_64& g) {
    const std::string& t = templates[templates.size() == 1 ? 0 : g() % templates.size()];
    return expand(t, g() % ids + 1);
  };
  LoadResult r = run_load(opt);
  std::printf("%.0f requests/s, latency median %.2f ms, p99 %.2f ms, errors %llu (%llu answered in %.1f s over %d "
              "connections, %d threads, %.0f bytes an answer)\n",
              r.per_second(), median(r.latencies) * 1e3, percentile(r.latencies, 0.99) * 1e3,
              static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(r.requests), r.seconds,
              opt.connections, opt.threads, r.requests ? static_cast<double>(r.bytes) / r.requests : 0.0);
  return 0;
}
