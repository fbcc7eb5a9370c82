// A sliding-window limit per key (a client address, a username at an address): at most `max`
// events per `window`. Bounded: at most `max_keys` keys are remembered (each holds at most
// `max` time points); when full, keys whose events have all left the window go first, then the
// key idle longest. So a flood of distinct keys costs a fixed amount of memory (docs/limits.md).
#pragma once
#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace certhours::app {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(int max, std::chrono::seconds window, std::size_t max_keys = 20000)
      : max_(max), window_(window), max_keys_(max_keys) {}

  // Seconds until `key` may act again when it has `max` events in the window, else 0.
  int blocked(const std::string& key, Clock::time_point now = Clock::now());
  // Counts an event for `key`.
  void add(const std::string& key, Clock::time_point now = Clock::now());
  // blocked(), and when not blocked counts the event: 0 when allowed, else the seconds to wait.
  int hit(const std::string& key, Clock::time_point now = Clock::now());
  // How many more events `key` may have in the window now (max when unknown).
  int remaining(const std::string& key, Clock::time_point now = Clock::now());
  // Forgets `key` (a login that succeeded).
  void forget(const std::string& key);
  std::size_t size();

 private:
  struct Entry {
    std::vector<Clock::time_point> events;  // oldest first, at most max_
    std::list<std::string>::iterator order;
  };
  int blocked_locked(Entry& e, Clock::time_point now);
  void make_room_locked(Clock::time_point now);

  const int max_;
  const std::chrono::seconds window_;
  const std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> keys_;
  std::list<std::string> order_;  // least recently counted first
};

}  // namespace certhours::app
