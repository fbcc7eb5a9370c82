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

#include "bench_http.hpp"
#include "domain/officer.hpp"

using namespace bench;

namespace {

// Deterministic draws that do not depend on the standard library's distributions.
struct Rng {
  std::mt19937_64 g{20240531};
  std::uint64_t below(std::uint64_t n) { return g() % n; }
};

void build_database(const std::string& path, int officers, int claims_share) {
  auto t0 = Clock::now();
  { certhours::store::Store store(path, 1); }  // schema
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = OFF");  // bulk load only; the server reopens with FULL
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
    for (int i = 1; i <= officers; ++i) {
      char first17[32];  // 17 digits; room the compiler can prove
      // Unique for i < 1,000,000: region digits, birth year and sequence all come from i.
      std::snprintf(first17, sizeof first17, "4507%02d19%02d0101%03d", (i / 1000) % 100, 60 + i / 100000, i % 1000);
      std::string idn = first17;
      std::string id_number = idn + certhours::id_check_digit(idn);
      o.reset();
      o.bind(1, i);
      o.bind(2, "干部" + std::to_string(i));
      o.bind(3, id_number);
      o.bind(4, towns[rng.below(towns.size())]);
      o.bind(5, rng.below(10) == 0 ? "2024-03-20" : "2016-01-01");
      o.exec();
    }
  }
  // 2000 trainings a year; each officer attends ~20 of them per year.
  const int kTrainingsPerYear = 2000;
  {
    SQLite::Statement t(db,
                        "INSERT INTO trainings(id, title, organizer_unit_id, start_date, end_date, year, legal_halves, "
                        "business_halves, political_halves, rotation, mode, created_at) "
                        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 0, 'in_person', '2024-01-01T00:00:00Z')");
    for (int year : {2024, 2025})
      for (int k = 0; k < kTrainingsPerYear; ++k) {
        int id = (year - 2024) * kTrainingsPerYear + k + 1;
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
  {
    SQLite::Statement a(db,
                        "INSERT OR IGNORE INTO attendance(officer_id, year, training_id, legal_halves, business_halves, "
                        "political_halves, recorded_at) "
                        "SELECT ?, year, id, legal_halves, business_halves, political_halves, '2024-01-01T00:00:00Z' "
                        "FROM trainings WHERE id = ?");
    const int claims_per_year = 20 * claims_share / 100;
    for (int i = 1; i <= officers; ++i)
      for (int year : {2024, 2025})
        for (int k = claims_per_year; k < 20; ++k) {
          a.reset();
          a.bind(1, i);
          a.bind(2, static_cast<int>((year - 2024) * kTrainingsPerYear + rng.below(kTrainingsPerYear) + 1));
          a.exec();
        }
  }
  if (claims_share > 0) {
    // The claims, submitted then approved in one statement: the triggers add them to the totals.
    const int claims_per_year = 20 * claims_share / 100;
    SQLite::Statement c(db,
                        "INSERT INTO claims(officer_id, title, provider, start_date, end_date, year, legal_halves, "
                        "business_halves, political_halves, state, created_by, created_at, submitted_at) "
                        "VALUES (?, '外部培训', '自治区司法厅', ?, ?, ?, ?, ?, 0, 'submitted', 'bench', "
                        "'2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
    for (int i = 1; i <= officers; ++i)
      for (int year : {2024, 2025})
        for (int k = 0; k < claims_per_year; ++k) {
          char d[11];
          std::snprintf(d, sizeof d, "%04d-%02d-%02d", year, 1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28)));
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
  std::printf("built %s: %d officers, %d attendance rows, %d approved claims in %.1f s\n", path.c_str(), officers,
              db.execAndGet("SELECT count(*) FROM attendance").getInt(),
              db.execAndGet("SELECT count(*) FROM claims").getInt(), seconds_since(t0));
}

// C keep-alive connections, each sending the next request as soon as the answer arrives.
struct Load {
  net::io_context ioc;
  unsigned short port;
  std::string token;
  int officers;
  Clock::time_point end;
  std::uint64_t done = 0, errors = 0;
  std::vector<double> latencies;
  Rng rng;

  struct Conn : std::enable_shared_from_this<Conn> {
    Load& load;
    beast::tcp_stream stream;
    beast::flat_buffer buffer;
    http::request<http::empty_body> req;
    http::response<http::string_body> res;
    Clock::time_point sent;
    explicit Conn(Load& l) : load(l), stream(l.ioc) {}
    void start() {
      stream.socket().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), load.port));
      stream.socket().set_option(tcp::no_delay(true));
      next();
    }
    void next() {
      if (Clock::now() >= load.end) return;
      req = {http::verb::get,
             "/api/v1/officers/" + std::to_string(load.rng.below(load.officers) + 1) + "/hours?year=2025", 11};
      req.set(http::field::host, "127.0.0.1");
      req.set(http::field::authorization, "Bearer " + load.token);
      sent = Clock::now();
      http::async_write(stream, req, [self = shared_from_this()](beast::error_code ec, std::size_t) {
        if (ec) return void(++self->load.errors);
        self->res = {};
        http::async_read(self->stream, self->buffer, self->res, [self](beast::error_code ec, std::size_t) {
          if (ec) return void(++self->load.errors);
          if (self->res.result_int() != 200) ++self->load.errors;
          ++self->load.done;
          self->load.latencies.push_back(std::chrono::duration<double>(Clock::now() - self->sent).count());
          self->next();
        });
      });
    }
  };
};

}  // namespace

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
  if (!std::filesystem::exists(db)) build_database(db, officers, claims_share);
  else std::printf("reusing %s\n", db.c_str());

  ensure_bench_admin(db);  // the password hash is made here; the login goes through the server
  ServerProcess server(db);
  std::string token = bench_token(server.port);

  // 1. /hours under load.
  {
    Load load;
    load.port = server.port;
    load.token = token;
    load.officers = officers;
    load.end = Clock::now() + std::chrono::seconds(seconds);
    auto t0 = Clock::now();
    std::vector<std::shared_ptr<Load::Conn>> conns;
    for (int i = 0; i < connections; ++i) conns.push_back(std::make_shared<Load::Conn>(load));
    for (auto& c : conns) c->start();
    load.ioc.run();
    double elapsed = seconds_since(t0);
    std::printf("GET /officers/{id}/hours: %d connections, %.1f s: %.0f requests/s, latency median %.2f ms, "
                "p99 %.2f ms, errors %llu\n",
                connections, elapsed, load.done / elapsed, median(load.latencies) * 1e3,
                percentile(load.latencies, 0.99) * 1e3, static_cast<unsigned long long>(load.errors));
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
