#include "api/process_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace certhours::api {

namespace {

// The system's boot time (btime of /proc/stat), in seconds since the epoch.
std::optional<double> boot_time() {
  std::ifstream in("/proc/stat");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("btime ", 0) == 0) return std::stod(line.substr(6));
  return std::nullopt;
}

}  // namespace

std::optional<ProcessStats> read_process_stats() {
  std::ifstream in("/proc/self/stat");
  std::string text;
  if (!std::getline(in, text)) return std::nullopt;
  // Field 2, the command, is in parentheses and may hold spaces: count fields after its ')'.
  auto close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  ProcessStats s;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  // Fields 3… of proc(5): utime is 14, stime 15, starttime 22, vsize 23, rss 24.
  for (int n = 3; fields >> f && n <= 24; ++n) {
    if (n == 14 || n == 15) s.cpu_seconds += std::stod(f) / ticks;
    if (n == 22) s.start_time_seconds = std::stod(f) / ticks;
    if (n == 23) s.virtual_bytes = std::stoull(f);
    if (n == 24) s.resident_bytes = std::stoull(f) * page;
  }
  auto boot = boot_time();
  if (!boot) return std::nullopt;
  s.start_time_seconds += *boot;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++s.open_fds;
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0) s.max_fds = rl.rlim_cur == RLIM_INFINITY ? 0 : rl.rlim_cur;
  return s;
}

}  // namespace certhours::api
