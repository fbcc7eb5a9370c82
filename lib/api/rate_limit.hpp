// A sliding-window limit per key (a client address): at most `max` hits per `window`.
#pragma once
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace certhours::api {

class RateLimiter {
 public:
  RateLimiter(int max, std::chrono::seconds window) : max_(max), window_(window) {}
  // Counts a hit for `key`; returns 0 when allowed, else the seconds to wait (the hit is
  // not counted then).
  int hit(const std::string& key);

 private:
  const int max_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> hits_;
};

}  // namespace certhours::api
