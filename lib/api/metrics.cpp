#include "api/metrics.hpp"

#include <sstream>

namespace certhours::api {

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(std::int64_t db_size_bytes) {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP certhours_requests_total HTTP requests by route and status.\n"
      << "# TYPE certhours_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "certhours_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n << "\n";
  out << "# HELP certhours_request_duration_seconds Time to handle a request, by route.\n"
      << "# TYPE certhours_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out << "certhours_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} "
          << h.buckets[i] << "\n";
    out << "certhours_request_duration_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << h.count << "\n"
        << "certhours_request_duration_seconds_sum{route=\"" << route << "\"} " << h.sum << "\n"
        << "certhours_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
  }
  out << "# HELP certhours_requests_in_flight Requests being handled now, this one included.\n"
      << "# TYPE certhours_requests_in_flight gauge\n"
      << "certhours_requests_in_flight " << in_flight_.load() << "\n";
  out << "# HELP certhours_db_size_bytes Size of the SQLite database file and its WAL.\n"
      << "# TYPE certhours_db_size_bytes gauge\n"
      << "certhours_db_size_bytes " << db_size_bytes << "\n";
  return out.str();
}

}  // namespace certhours::api
