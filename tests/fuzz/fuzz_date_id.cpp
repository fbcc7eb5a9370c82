// The text parsers of lib/domain that take what users type: dates (parse_date), resident ID
// numbers (valid_id_number, normalize/mask, the check digit), hours as CSV cells write them
// (Hours::parse), certificate numbers, usernames, the enumerations (kind, level, role, …)
// and clean_text. Each is compared with a reference written here from the rule's text, and
// what it accepts must format back to the text it read.
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "domain/assessment.hpp"
#include "domain/calendar.hpp"
#include "domain/certificate.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"

namespace {

using namespace certhours;
using certhours::fuzz::show;

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
int number(std::string_view s) { return std::stoi(std::string(s)); }
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
bool real_day(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap(y));
}

// docs/api.md: exactly YYYY-MM-DD, a real date, 1950-01-01 .. 2099-12-31.
bool reference_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) || !digits(s.substr(8, 2))) return false;
  int y = number(s.substr(0, 4));
  return y >= 1950 && y <= 2099 && real_day(y, number(s.substr(5, 2)), number(s.substr(8, 2)));
}

// GB 11643-1999: 17 digits and a check digit; weight of position i is 2^(17-i) mod 11, the
// check character the one making the weighted sum ≡ 1 (mod 11); birth date real, from 1900.
bool reference_id(std::string_view s) {
  if (s.size() != 18 || !digits(s.substr(0, 17))) return false;
  char last = s[17] == 'x' ? 'X' : s[17];
  if (last != 'X' && (last < '0' || last > '9')) return false;
  int y = number(s.substr(6, 4));
  if (y < 1900 || !real_day(y, number(s.substr(10, 2)), number(s.substr(12, 2)))) return false;
  int sum = 0, weight = 1;  // 2^0 for the check digit, doubling to the left
  for (int i = 17; i >= 0; --i) {
    int value = i == 17 ? (last == 'X' ? 10 : last - '0') : s[static_cast<std::size_t>(i)] - '0';
    sum += value * weight;
    weight = weight * 2 % 11;
  }
  return sum % 11 == 1;
}

// Hours in a cell: digits, then optionally '.' and a fraction of 0 or 5 followed by zeros;
// at most 100000.
std::optional<std::int64_t> reference_halves(std::string_view s) {
  auto dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  if (!digits(whole)) return std::nullopt;
  std::int64_t halves = 0;
  if (dot != std::string_view::npos) {
    std::string_view frac = s.substr(dot + 1);
    if (frac.empty() || (frac[0] != '0' && frac[0] != '5') || frac.find_first_not_of('0', 1) != std::string_view::npos)
      return std::nullopt;
    halves = frac[0] == '5';
  }
  std::size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string_view::npos ? std::string_view("0") : whole.substr(nz);
  if (whole.size() > 6) return std::nullopt;
  std::int64_t w = std::stoll(std::string(whole));
  if (w * 2 + halves > 200000) return std::nullopt;
  return w * 2 + halves;
}

bool reference_username(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.' && c != '-') return false;
  return true;
}

bool reference_cert_number(std::string_view s) {
  if (s.size() < 4 || s.size() > 40) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

// An enumeration's parser accepts exactly its keys.
template <class Parse, class Key>
void check_enum(std::string_view s, Parse parse, Key key) {
  auto v = parse(s);
  if (v) FUZZ_CHECK_MSG(std::string_view(key(*v)) == s, show(s));
}

void check_all(std::string_view s) {
  // Dates.
  auto d = parse_date(s);
  FUZZ_CHECK_MSG(static_cast<bool>(d) == reference_date(s), show(s));
  if (d) {
    FUZZ_CHECK(format_date(*d) == s);
    int y = year_of(*d);
    FUZZ_CHECK(y >= kMinYear && y <= kMaxYear);
    FUZZ_CHECK(first_day(y) <= *d && *d <= last_day(y));
    FUZZ_CHECK(days_inclusive(first_day(y), *d) >= 1 && days_inclusive(first_day(y), last_day(y)) == (leap(y) ? 366 : 365));
    FUZZ_CHECK(make_date(y, static_cast<unsigned>(number(s.substr(5, 2))), static_cast<unsigned>(number(s.substr(8, 2)))) == *d);
  }

  // ID numbers.
  bool id = valid_id_number(s);
  FUZZ_CHECK_MSG(id == reference_id(s), show(s));
  std::string normal = normalize_id_number(s);
  FUZZ_CHECK(normalize_id_number(normal) == normal);
  FUZZ_CHECK(normal.size() == s.size());
  FUZZ_CHECK(valid_id_number(normal) == id);
  std::string masked = mask_id_number(s);
  FUZZ_CHECK(masked.size() == s.size());
  if (id) {
    FUZZ_CHECK(normal.back() != 'x');
    FUZZ_CHECK(id_check_digit(s.substr(0, 17)) == normal[17]);
    FUZZ_CHECK(masked.substr(0, 6) == s.substr(0, 6) && masked.substr(6, 8) == "********" &&
               masked.substr(14) == s.substr(14));
  } else if (s.size() != 18) {
    FUZZ_CHECK(masked.find_first_not_of('*') == std::string::npos);
  }
  if (s.size() >= 17 && digits(s.substr(0, 17))) {
    // The check digit makes any 17 digits with a real birth date from 1900 a valid number.
    std::string full = std::string(s.substr(0, 17)) + id_check_digit(s.substr(0, 17));
    FUZZ_CHECK_MSG(valid_id_number(full) == reference_id(full), show(full));
  }

  // Hours in a CSV cell.
  auto h = Hours::parse(std::string(s));
  auto ref = reference_halves(s);
  FUZZ_CHECK_MSG(static_cast<bool>(h) == static_cast<bool>(ref), show(s));
  if (h) {
    FUZZ_CHECK(h->halves() == *ref);
    auto again = Hours::parse(h->to_string());
    FUZZ_CHECK(again && *again == *h);
    auto from = Hours::from_number(h->as_double());
    FUZZ_CHECK(from && *from == *h);
  }

  // Usernames, certificate numbers.
  FUZZ_CHECK_MSG(static_cast<bool>(check_username(s)) == reference_username(s), show(s));
  FUZZ_CHECK_MSG(valid_certificate_number(s) == reference_cert_number(s), show(s));

  // Enumerations.
  check_enum(s, parse_kind, kind_key);
  check_enum(s, parse_level, level_key);
  check_enum(s, parse_role, role_key);
  check_enum(s, parse_officer_status, officer_status_key);
  check_enum(s, parse_grade, grade_key);
  check_enum(s, parse_cert_action, cert_action_key);
  check_enum(s, parse_proration, proration_key);
  check_enum(s, parse_mode, mode_key);

  // Free text: what clean_text keeps, it keeps again.
  auto t = clean_text("name", s, 50);
  if (t) {
    auto again = clean_text("name", *t, 50);
    FUZZ_CHECK_MSG(again && *again == *t, show(*t));
  } else {
    FUZZ_CHECK(t.status().field() == "name");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  check_all(s);
  // The same text inside white space, as a cell or a JSON string may carry it.
  if (size < 64) check_all(" " + std::string(s) + "\t");
  return 0;
}
