// Training hours, held exactly as a count of half hours: never floating-point drift.
#pragma once
#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "domain/enum_names.hpp"

namespace certhours {

class Hours {
 public:
  constexpr Hours() = default;
  static constexpr Hours from_halves(std::int64_t halves) { return Hours(halves); }
  static constexpr Hours whole(std::int64_t hours) { return Hours(hours * 2); }
  // Accepts a JSON/CSV number that is finite, >= 0, <= 100000 and a multiple of 0.5.
  // Returns nullopt otherwise (0.3, -1, NaN).
  static std::optional<Hours> from_number(double value);
  // Parses "6", "6.5", "6.50", "0.5"; nullopt for anything else.
  static std::optional<Hours> parse(const std::string& text);

  constexpr std::int64_t halves() const { return halves_; }
  double as_double() const { return static_cast<double>(halves_) / 2.0; }
  // "6" or "6.5".
  std::string to_string() const;

  constexpr Hours operator+(Hours o) const { return Hours(halves_ + o.halves_); }
  constexpr Hours operator-(Hours o) const { return Hours(halves_ - o.halves_); }
  Hours& operator+=(Hours o) {
    halves_ += o.halves_;
    return *this;
  }
  Hours& operator-=(Hours o) {
    halves_ -= o.halves_;
    return *this;
  }
  constexpr auto operator<=>(const Hours&) const = default;

 private:
  constexpr explicit Hours(std::int64_t h) : halves_(h) {}
  std::int64_t halves_ = 0;
};

enum class Category { legal, business, political };
inline constexpr Category kCategories[] = {Category::legal, Category::business, Category::political};
inline constexpr auto kCategoryNames =
    names_of<Category>({{Category::legal, "legal", "公共法律知识"},
                        {Category::business, "business", "业务知识和行政执法技能"},
                        {Category::political, "political", "政治理论教育和党性教育"}});
inline const char* category_key(Category c) { return kCategoryNames.key(c); }

// Hours of one session or one attendance, per category; categories never mix.
struct CategoryHours {
  Hours legal, business, political;
  Hours& operator[](Category c);
  Hours operator[](Category c) const;
  Hours total() const { return legal + business + political; }
  CategoryHours& operator+=(const CategoryHours& o);
  CategoryHours& operator-=(const CategoryHours& o);
  bool operator==(const CategoryHours&) const = default;
};

}  // namespace certhours
