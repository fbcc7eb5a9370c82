#include "api/metrics.hpp"

#include <charconv>
#include <sstream>

#include "api/process_stats.hpp"
#include "certhours/version.hpp"

namespace certhours::api {

namespace {
// A sum in full: the shortest text that reads back as the same double (not 6 digits).
std::string exact(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, end);
}
}  // namespace

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
        << "certhours_request_duration_seconds_sum{route=\"" << route << "\"} " << exact(h.sum) << "\n"
        << "certhours_request_duration_seconds_count{route=\"" << route << "\"} " << h.count << "\n";
  }
  out << "# HELP certhours_requests_in_flight Requests being handled now, this one included.\n"
      << "# TYPE certhours_requests_in_flight gauge\n"
      << "certhours_requests_in_flight " << in_flight_.load() << "\n";
  out << "# HELP certhours_db_size_bytes Size of the SQLite database file and its WAL.\n"
      << "# TYPE certhours_db_size_bytes gauge\n"
      << "certhours_db_size_bytes " << db_size_bytes << "\n";
  out << "# HELP certhours_build_info The version and commit of the running binary.\n"
      << "# TYPE certhours_build_info gauge\n"
      << "certhours_build_info{version=\"" << kVersion << "\",commit=\"" << kCommit << "\"} 1\n";
  // The process metrics every Prometheus client library exports, under their usual names.
  if (auto p = read_process_stats()) {
    auto metric = [&](const char* name, const char* type, const char* help, const std::string& value) {
      out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n'
          << name << ' ' << value << '\n';
    };
    metric("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
           exact(p->cpu_seconds));
    metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
           std::to_string(p->resident_bytes));
    metric("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", std::to_string(p->virtual_bytes));
    metric("process_open_fds", "gauge", "Number of open file descriptors.", std::to_string(p->open_fds));
    metric("process_max_fds", "gauge", "Maximum number of open file descriptors.", std::to_string(p->max_fds));
    metric("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
           exact(p->start_time_seconds));
  }
  return out.str();
}

}  // namespace certhours::api
