#include "app/rate_limit.hpp"

#include <algorithm>

namespace certhours::app {

int RateLimiter::blocked_locked(Entry& e, Clock::time_point now) {
  auto live = std::find_if(e.events.begin(), e.events.end(), [&](auto t) { return now - t < window_; });
  e.events.erase(e.events.begin(), live);
  if (static_cast<int>(e.events.size()) < max_) return 0;
  // Limited until the oldest event of the window leaves it.
  auto wait = std::chrono::ceil<std::chrono::seconds>(e.events.front() + window_ - now).count();
  return static_cast<int>(std::max<long long>(1, wait));
}

void RateLimiter::make_room_locked(Clock::time_point now) {
  // Keys counted longest ago first: those whose last event left the window are dead anyway.
  while (!order_.empty()) {
    auto it = keys_.find(order_.front());
    bool dead = it->second.events.empty() || now - it->second.events.back() >= window_;
    if (!dead && keys_.size() < max_keys_) break;
    keys_.erase(it);
    order_.pop_front();
  }
}

int RateLimiter::blocked(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  return it == keys_.end() ? 0 : blocked_locked(it->second, now);
}

void RateLimiter::add(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) {
    make_room_locked(now);
    order_.push_back(key);
    it = keys_.emplace(key, Entry{{}, std::prev(order_.end())}).first;
  } else {
    order_.splice(order_.end(), order_, it->second.order);
  }
  auto& events = it->second.events;
  if (static_cast<int>(events.size()) >= max_) events.erase(events.begin());
  events.push_back(now);
}

int RateLimiter::hit(const std::string& key, Clock::time_point now) {
  if (int wait = blocked(key, now)) return wait;
  add(key, now);
  return 0;
}

int RateLimiter::remaining(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) return max_;
  blocked_locked(it->second, now);  // drops the events that left the window
  return std::max(0, max_ - static_cast<int>(it->second.events.size()));
}

void RateLimiter::forget(const std::string& key) {
  std::lock_guard lock(mu_);
  auto it = keys_.find(key);
  if (it == keys_.end()) return;
  order_.erase(it->second.order);
  keys_.erase(it);
}

std::size_t RateLimiter::size() {
  std::lock_guard lock(mu_);
  return keys_.size();
}

}  // namespace certhours::app
