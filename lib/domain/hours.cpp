#include "domain/hours.hpp"

#include <cmath>

namespace certhours {

std::optional<Hours> Hours::from_number(double v) {
  if (!std::isfinite(v) || v < 0 || v > 100000) return std::nullopt;
  double twice = v * 2;
  if (twice != std::floor(twice)) return std::nullopt;
  return Hours(static_cast<std::int64_t>(twice));
}

std::optional<Hours> Hours::parse(const std::string& t) {
  // digits, optionally '.', then digits; the fraction must be .0/.5 (with trailing zeros).
  std::size_t i = 0;
  std::int64_t whole = 0;
  if (t.empty()) return std::nullopt;
  while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
    whole = whole * 10 + (t[i] - '0');
    if (whole > 100000) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  std::int64_t half = 0;
  if (i < t.size()) {
    if (t[i] != '.' || i + 1 == t.size()) return std::nullopt;
    ++i;
    if (t[i] == '5') half = 1;
    else if (t[i] != '0') return std::nullopt;
    ++i;
    for (; i < t.size(); ++i)
      if (t[i] != '0') return std::nullopt;
  }
  if (whole * 2 + half > 200000) return std::nullopt;  // the same ceiling as from_number
  return Hours(whole * 2 + half);
}

std::string Hours::to_string() const {
  std::string s = std::to_string(halves_ / 2);
  if (halves_ % 2) s += ".5";
  return s;
}

Hours& CategoryHours::operator[](Category c) {
  return c == Category::legal ? legal : c == Category::business ? business : political;
}
Hours CategoryHours::operator[](Category c) const {
  return c == Category::legal ? legal : c == Category::business ? business : political;
}
CategoryHours& CategoryHours::operator+=(const CategoryHours& o) {
  legal += o.legal;
  business += o.business;
  political += o.political;
  return *this;
}

CategoryHours& CategoryHours::operator-=(const CategoryHours& o) {
  legal -= o.legal;
  business -= o.business;
  political -= o.political;
  return *this;
}

}  // namespace certhours
