// What Prometheus' process_* metrics say about this process, read from /proc (Linux).
#pragma once
#include <cstdint>
#include <optional>

namespace certhours::api {

struct ProcessStats {
  std::uint64_t resident_bytes = 0;  // VmRSS
  std::uint64_t virtual_bytes = 0;   // VmSize
  double cpu_seconds = 0;            // user + system
  std::uint64_t open_fds = 0;
  std::uint64_t max_fds = 0;      // the soft RLIMIT_NOFILE
  double start_time_seconds = 0;  // since the Unix epoch
};

// nullopt where /proc cannot be read (not Linux, or hidden).
std::optional<ProcessStats> read_process_stats();

}  // namespace certhours::api
