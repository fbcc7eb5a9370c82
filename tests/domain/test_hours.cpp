// Hours: non-negative multiples of 0.5, held exactly (docs/domain.md "Training hours").
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include <cmath>
#include <limits>

#include "domain/hours.hpp"

using namespace certhours;

TEST_CASE("from_number accepts non-negative multiples of 0.5") {
  struct Case {
    double value;
    std::int64_t halves;
  };
  for (Case c : {Case{0, 0}, Case{0.5, 1}, Case{1, 2}, Case{6, 12}, Case{16.5, 33}, Case{100000, 200000}}) {
    CAPTURE(c.value);
    auto h = Hours::from_number(c.value);
    REQUIRE(h.has_value());
    CHECK(h->halves() == c.halves);
    CHECK(h->as_double() == c.value);
  }
}

TEST_CASE("from_number refuses what is not a non-negative multiple of 0.5") {
  CHECK_FALSE(Hours::from_number(0.3).has_value());
  CHECK_FALSE(Hours::from_number(0.25).has_value());
  CHECK_FALSE(Hours::from_number(6.1).has_value());
  CHECK_FALSE(Hours::from_number(-0.5).has_value());
  CHECK_FALSE(Hours::from_number(-1).has_value());
  CHECK_FALSE(Hours::from_number(std::nan("")).has_value());
  CHECK_FALSE(Hours::from_number(std::numeric_limits<double>::quiet_NaN()).has_value());
  CHECK_FALSE(Hours::from_number(std::numeric_limits<double>::infinity()).has_value());
  CHECK_FALSE(Hours::from_number(-std::numeric_limits<double>::infinity()).has_value());
  CHECK_FALSE(Hours::from_number(100000.5).has_value());
  CHECK_FALSE(Hours::from_number(1e300).has_value());
}

TEST_CASE("parse accepts whole and half hours written in decimal") {
  struct Case {
    const char* text;
    std::int64_t halves;
  };
  for (Case c : {Case{"0", 0}, Case{"0.5", 1}, Case{"6", 12}, Case{"6.5", 13}, Case{"6.50", 13}, Case{"6.0", 12},
                 Case{"6.00", 12}, Case{"16.5", 33}, Case{"40", 80}}) {
    CAPTURE(c.text);
    auto h = Hours::parse(c.text);
    REQUIRE(h.has_value());
    CHECK(h->halves() == c.halves);
  }
}

TEST_CASE("parse refuses anything else") {
  for (const char* t : {"6.25", "6.2", "6.1", "6.9",  "6.05", "6.51", "0.3", "0.2", "",   "abc",  "-1", "-0.5",
                        "+1",   ".5",  "6.",  "6..5", " 6",   "6 ",   "6,5", "1e2", "6h", "0x10", "６"}) {
    CAPTURE(t);
    CHECK_FALSE(Hours::parse(t).has_value());
  }
}

TEST_CASE("to_string writes whole hours without a fraction and half hours with .5") {
  CHECK(Hours().to_string() == "0");
  CHECK(Hours::from_halves(1).to_string() == "0.5");
  CHECK(Hours::whole(6).to_string() == "6");
  CHECK(Hours::from_halves(13).to_string() == "6.5");
  CHECK(Hours::from_halves(67).to_string() == "33.5");
  CHECK(Hours::whole(40).to_string() == "40");
}

TEST_CASE("to_string and parse round-trip") {
  for (std::int64_t h = 0; h <= 200; ++h) {
    auto back = Hours::parse(Hours::from_halves(h).to_string());
    REQUIRE(back.has_value());
    CHECK(back->halves() == h);
  }
}

TEST_CASE("arithmetic on hours is exact") {
  SUBCASE("summing 0.5 a thousand times gives exactly 500") {
    Hours sum;
    Hours half = *Hours::from_number(0.5);
    for (int i = 0; i < 1000; ++i) sum += half;
    CHECK(sum == Hours::whole(500));
    CHECK(sum.to_string() == "500");
  }
  SUBCASE("summing hours parsed from text is exact") {
    Hours sum;
    for (int i = 0; i < 10; ++i) sum += *Hours::parse("0.5");
    CHECK(sum == Hours::whole(5));
  }
  SUBCASE("addition, subtraction and comparison") {
    CHECK(Hours::whole(6) + Hours::from_halves(1) == Hours::from_halves(13));
    CHECK(Hours::whole(20) - Hours::whole(6) == Hours::whole(14));
    CHECK(Hours::whole(40) - Hours::whole(36) == Hours::whole(4));
    CHECK(Hours::from_halves(19) < Hours::whole(10));
    CHECK(Hours::whole(10) >= Hours::whole(10));
    CHECK(Hours() == Hours::whole(0));
  }
}

TEST_CASE("categories have stable keys") {
  CHECK(std::string(category_key(Category::legal)) == "legal");
  CHECK(std::string(category_key(Category::business)) == "business");
  CHECK(std::string(category_key(Category::political)) == "political");
}

TEST_CASE("CategoryHours keeps the three categories apart") {
  CategoryHours a{Hours::whole(6), Hours::whole(6), Hours::whole(3)};
  SUBCASE("indexing reaches each category") {
    CHECK(a[Category::legal] == Hours::whole(6));
    CHECK(a[Category::business] == Hours::whole(6));
    CHECK(a[Category::political] == Hours::whole(3));
    a[Category::business] = Hours::whole(30);
    CHECK(a.business == Hours::whole(30));
    CHECK(a.legal == Hours::whole(6));
    CHECK(a.political == Hours::whole(3));
  }
  SUBCASE("adding sums category by category") {
    CategoryHours b{Hours(), Hours::whole(30), Hours()};
    a += b;
    CHECK(a.legal == Hours::whole(6));
    CHECK(a.business == Hours::whole(36));
    CHECK(a.political == Hours::whole(3));
  }
  SUBCASE("total adds all three") { CHECK(a.total() == Hours::whole(15)); }
  SUBCASE("equality compares every category") {
    CHECK(a == CategoryHours{Hours::whole(6), Hours::whole(6), Hours::whole(3)});
    CHECK_FALSE(a == CategoryHours{Hours::whole(6), Hours::whole(3), Hours::whole(6)});
  }
}

TEST_CASE("parse and from_number share the same ceiling of 100000 hours") {
  CHECK(certhours::Hours::parse("100000").has_value());
  CHECK_FALSE(certhours::Hours::parse("100000.5").has_value());
  CHECK_FALSE(certhours::Hours::from_number(100000.5).has_value());
}
