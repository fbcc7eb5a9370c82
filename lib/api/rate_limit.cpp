#include "api/rate_limit.hpp"

#include <algorithm>

namespace certhours::api {

int RateLimiter::hit(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mu_);
  if (hits_.size() > 100000) hits_.clear();  // a flood of addresses must not grow memory forever
  auto& q = hits_[key];
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
  if (static_cast<int>(q.size()) >= max_) {
    auto wait = std::chrono::ceil<std::chrono::seconds>(q.front() + window_ - now).count();
    return static_cast<int>(std::max<long long>(1, wait));
  }
  q.push_back(now);
  return 0;
}

}  // namespace certhours::api
