#include "app/clock.hpp"

#include <date/tz.h>

#include <chrono>
#include <cstdlib>

namespace certhours::app {

Date today_in_shanghai() {
  if (const char* fixed = std::getenv("CERTHOURS_TODAY"))
    if (auto d = parse_date(fixed)) return *d;
  return shanghai_date(std::chrono::system_clock::now());
}

Date shanghai_date(std::chrono::system_clock::time_point t) {
  static const date::time_zone* zone = []() -> const date::time_zone* {
    try {
      return date::locate_zone("Asia/Shanghai");
    } catch (const std::exception&) {
      return nullptr;  // no tz database: China has kept UTC+8 without DST since 1991
    }
  }();
  if (zone) return date::floor<date::days>(zone->to_local(t).time_since_epoch()) + Date();
  return date::floor<date::days>(t + std::chrono::hours(8));
}

}  // namespace certhours::app
