// "Today" for every rule: the date in Asia/Shanghai (UTC+8), never the server's zone.
#pragma once
#include <chrono>

#include "domain/calendar.hpp"

namespace certhours::app {

// Today's date in Asia/Shanghai. The environment variable CERTHOURS_TODAY=YYYY-MM-DD
// overrides it (demos and tests that need a fixed date).
Date today_in_shanghai();
// The date in Asia/Shanghai at instant `t` (UTC+8: 16:00 UTC is already tomorrow there).
Date shanghai_date(std::chrono::system_clock::time_point t);

}  // namespace certhours::app
