// What the store and use-case tests share: a temporary database file and small data makers.
#pragma once
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "domain/calendar.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"

namespace certhours::testdata {

// A path in the temporary directory, unique to this process and call; the file and its WAL,
// shared-memory and journal files are removed afterwards.
struct TempFile {
  std::filesystem::path path;
  explicit TempFile(const std::string& what, const std::string& ext = ".db") {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path = std::filesystem::temp_directory_path() /
           ("certhours-test-" + what + "-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
            std::to_string(counter++) + ext);
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
    for (const char* suffix : {"-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string str() const { return path.string(); }
};

inline Date d(int y, unsigned m, unsigned day) { return make_date(y, m, day); }
inline Hours h(double v) { return Hours::from_halves(static_cast<std::int64_t>(v * 2)); }
inline CategoryHours hours(double legal, double business, double political = 0) {
  return {h(legal), h(business), h(political)};
}

// A valid ID number (GB 11643), different for every n in [0, 40000): the birth date is
// 1960-01-01 + n days.
inline std::string id_number(int n) {
  auto ymd = date::year_month_day(make_date(1960, 1, 1) + date::days(n));
  char buf[32];
  std::snprintf(buf, sizeof buf, "450702%04d%02u%02u%03d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), n % 1000);
  std::string s(buf);
  s += id_check_digit(s);
  return s;
}

}  // namespace certhours::testdata
