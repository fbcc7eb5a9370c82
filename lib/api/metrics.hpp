// Request counters and a latency histogram per route, in Prometheus text format.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace certhours::api {

class Metrics {
 public:
  void record(const std::string& route, int status, double seconds);
  // Counts a request as being handled while it lives (certhours_requests_in_flight).
  class InFlight {
   public:
    explicit InFlight(std::atomic<int>& n) : n_(n) { ++n_; }
    ~InFlight() { --n_; }
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;

   private:
    std::atomic<int>& n_;
  };
  InFlight in_flight() { return InFlight(in_flight_); }
  // Prometheus exposition text; `db_size_bytes` is read by the caller.
  std::string render(std::int64_t db_size_bytes);

 private:
  static constexpr std::array<double, 10> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,  0.1,    0.5,   1.0};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::atomic<int> in_flight_{0};
  std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace certhours::api
