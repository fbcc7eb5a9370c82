// JSON request decoding as the handlers do it: the body parsed by boost::json as Ctx::body
// parses it, then read through api::Fields (text, ids, dates, hours, booleans, only) on the
// field names the handlers use, on every key the body holds, and on nested objects (hours,
// attendance items) under their prefix. Properties beyond "no crash":
//  - a refusal names prefix + field;
//  - text: trimmed, non-empty, valid UTF-8 without control characters, within max_chars code
//    points, a substring of the value, and clean_text(text) == text;
//  - id: the positive integer given, and every positive integer is accepted;
//  - date: formats back to the string given, and every real date 1950..2099 is accepted;
//  - hours: the number given, accepted exactly when it is a multiple of 0.5 in 0..100000, and
//    hours_value re-encodes to that number;
//  - to_text(value) parses back to the same value (so do the error bodies that echo input).
#include <boost/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/json_io.hpp"
#include "check.hpp"
#include "domain/officer.hpp"

namespace {

using namespace certhours;
using namespace certhours::api;
using certhours::fuzz::show;

bool same_number(const json::value& a, const json::value& b) {
  if (!a.is_number() || !b.is_number()) return false;
  if (!a.is_double() && !b.is_double()) {
    if (a.is_int64() && b.is_int64()) return a.get_int64() == b.get_int64();
    if (a.is_uint64() && b.is_uint64()) return a.get_uint64() == b.get_uint64();
    return false;  // the same integer is always the same kind in Boost.JSON
  }
  double x = a.to_number<double>(), y = b.to_number<double>();
  // Boost 1.81 parses decimals to within an ulp or so, not always exactly.
  return x == y || std::fabs(x - y) <= std::fabs(x) * 1e-15;
}

// Equal, reading a number by value and a non-finite double as the null to_text writes.
bool same(const json::value& original, const json::value& back) {
  if (original.is_double() && !std::isfinite(original.get_double())) return back.is_null();
  if (original.is_number()) return same_number(original, back);
  if (original.kind() != back.kind()) return false;
  if (original.is_array()) {
    const auto &a = original.get_array(), &b = back.get_array();
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same(a[i], b[i])) return false;
    return true;
  }
  if (original.is_object()) {
    const auto &a = original.get_object(), &b = back.get_object();
    if (a.size() != b.size()) return false;
    for (const auto& kv : a) {
      auto it = b.find(kv.key());
      if (it == b.end() || !same(kv.value(), it->value())) return false;
    }
    return true;
  }
  return original == back;
}

void check_round_trip(const json::value& v) {
  std::string text = to_text(v);
  boost::system::error_code ec;
  json::value back = json::parse(text, ec);
  FUZZ_CHECK_MSG(!ec, show(text) + ": " + ec.message());
  FUZZ_CHECK_MSG(same(v, back), show(json::serialize(v)) + " -> " + show(text));
}

// What a refusal's Status must look like, and that its error body is JSON that says it.
void check_refusal(const Status& s, const std::string& expected_field) {
  FUZZ_CHECK(s.code() == Status::Code::invalid);
  FUZZ_CHECK_MSG(s.field() == expected_field, show(s.field()) + " != " + show(expected_field));
  FUZZ_CHECK(!s.rule().empty());
  FUZZ_CHECK_MSG(s.message(Lang::en) != s.rule(), "rule without a text: " + std::string(s.rule()));
  FUZZ_CHECK(!s.message(Lang::zh).empty());
  json::object error{{"error", json::object{{"code", "validation_failed"}, {"rule", s.rule()}, {"message", s.message(Lang::zh)}, {"field", s.field()}}}};
  check_round_trip(error);
}

bool is_space_at_end(std::string_view s, bool front) {
  static const std::string_view kSpaces[] = {" ", "\t", "\n", "\r", "\xE3\x80\x80"};  // U+3000
  for (auto sp : kSpaces)
    if (front ? s.starts_with(sp) : s.ends_with(sp)) return true;
  return false;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void check_text(const Fields& f, const json::object& o, const std::string& prefix, const char* key, std::size_t max) {
  auto it = o.find(key);
  bool present = it != o.end() && !it->value().is_null();
  auto r = f.text(key, max);
  auto opt = f.opt_text(key, max);
  if (!r) {
    check_refusal(r.status(), prefix + key);
    if (!present) FUZZ_CHECK(opt && !*opt);
    else FUZZ_CHECK(!opt && opt.status().field() == r.status().field());
    return;
  }
  FUZZ_CHECK(present && it->value().is_string());
  FUZZ_CHECK(opt && *opt && **opt == *r);
  const std::string& t = *r;
  std::string_view given(it->value().get_string().data(), it->value().get_string().size());
  FUZZ_CHECK(!t.empty());
  FUZZ_CHECK_MSG(!is_space_at_end(t, true) && !is_space_at_end(t, false), show(t));
  FUZZ_CHECK(given.find(t) != std::string_view::npos);
  FUZZ_CHECK(code_points(t) <= max);
  for (unsigned char c : t) FUZZ_CHECK(c >= 0x20 && c != 0x7F);
  auto again = clean_text("x", t, max);
  FUZZ_CHECK_MSG(again && *again == t, show(t));
}

bool reference_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(std::string(s.substr(0, 4))), m = std::stoi(std::string(s.substr(5, 2))),
      d = std::stoi(std::string(s.substr(8, 2)));
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1950 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap);
}

void check_date(const Fields& f, const json::object& o, const std::string& prefix, const char* key) {
  auto it = o.find(key);
  bool present = it != o.end() && !it->value().is_null();
  auto r = f.date(key);
  auto opt = f.opt_date(key);
  bool real = present && it->value().is_string() &&
              reference_date(std::string_view(it->value().get_string().data(), it->value().get_string().size()));
  FUZZ_CHECK(static_cast<bool>(r) == real);
  if (!r) {
    check_refusal(r.status(), prefix + key);
    if (!present) FUZZ_CHECK(opt && !*opt);
    else FUZZ_CHECK(!opt);
    return;
  }
  FUZZ_CHECK(format_date(*r) == it->value().get_string());
  FUZZ_CHECK(opt && *opt && **opt == *r);
  FUZZ_CHECK(date_value(*r) == it->value());
}

void check_id(const Fields& f, const json::object& o, const std::string& prefix, const char* key) {
  auto it = o.find(key);
  bool present = it != o.end() && !it->value().is_null();
  auto r = f.id(key);
  auto opt = f.opt_id(key);
  bool positive = present && ((it->value().is_int64() && it->value().get_int64() > 0) ||
                              (it->value().is_uint64() && it->value().get_uint64() <= INT64_MAX &&
                               it->value().get_uint64() > 0));
  FUZZ_CHECK(static_cast<bool>(r) == positive);
  if (!r) {
    check_refusal(r.status(), prefix + key);
    if (!present) FUZZ_CHECK(opt && !*opt);
    else FUZZ_CHECK(!opt);
    return;
  }
  FUZZ_CHECK(*r > 0);
  FUZZ_CHECK(json::value(*r) == it->value() || json::value(static_cast<std::uint64_t>(*r)) == it->value());
  FUZZ_CHECK(opt && *opt && **opt == *r);
}

void check_hours(const Fields& f, const json::object& o, const std::string& prefix, const char* key) {
  auto it = o.find(key);
  auto r = f.opt_hours(key);
  if (it == o.end()) {
    FUZZ_CHECK(r && !*r);
    return;
  }
  const json::value& v = it->value();
  bool expected = false;
  double d = 0;
  if (v.is_number()) {
    d = v.to_number<double>();
    expected = std::isfinite(d) && d >= 0 && d <= 100000 && std::floor(d * 2) == d * 2;
  }
  FUZZ_CHECK_MSG(static_cast<bool>(r) == expected, show(json::serialize(v)));
  if (!r) {
    check_refusal(r.status(), prefix + key);
    return;
  }
  FUZZ_CHECK(*r);
  Hours h = **r;
  FUZZ_CHECK(h.as_double() == d);
  FUZZ_CHECK(h.halves() >= 0 && h.halves() <= 200000);
  json::value encoded = hours_value(h);
  FUZZ_CHECK(encoded.to_number<double>() == d);
  boost::system::error_code ec;
  json::value back = json::parse(to_text(encoded), ec);
  FUZZ_CHECK(!ec && back.to_number<double>() == d);
  auto parsed = Hours::parse(h.to_string());
  FUZZ_CHECK(parsed && *parsed == h);
}

void check_bool(const Fields& f, const json::object& o, const std::string& prefix, const char* key) {
  auto it = o.find(key);
  bool present = it != o.end() && !it->value().is_null();
  auto r = f.opt_bool(key);
  if (!present) {
    FUZZ_CHECK(r && !*r);
    return;
  }
  FUZZ_CHECK(static_cast<bool>(r) == it->value().is_bool());
  if (!r) check_refusal(r.status(), prefix + key);
  else FUZZ_CHECK(*r && **r == it->value().get_bool());
}

// The field names the handlers read (officers, units, trainings, certificates, users, policies).
const char* const kTextFields[] = {"name", "code", "title", "kind", "level", "number", "username", "password",
                                   "mode", "role", "action", "reason", "grade", "note", "id_number", "status"};
const char* const kIdFields[] = {"unit_id", "parent_id", "officer_id", "organizer_unit_id", "campaign_id", "year"};
const char* const kDateFields[] = {"post_start", "post_end", "start_date", "end_date", "issued_on", "expires_on",
                                   "effective_on", "date"};
const char* const kHoursFields[] = {"legal", "business", "political"};
const char* const kBoolFields[] = {"rotation", "disabled", "active"};

void check_object(const json::object& o, const std::string& prefix, int depth) {
  Fields f(o, prefix);
  for (const char* k : kTextFields) {
    check_text(f, o, prefix, k, 200);
    check_text(f, o, prefix, k, 18);  // id_number's limit
  }
  for (const char* k : kIdFields) check_id(f, o, prefix, k);
  for (const char* k : kDateFields) check_date(f, o, prefix, k);
  for (const char* k : kHoursFields) check_hours(f, o, prefix, k);
  for (const char* k : kBoolFields) check_bool(f, o, prefix, k);

  // Every key the body holds, through every reader (keys with a NUL are looked up up to it,
  // as a const char* field name would be).
  for (const auto& kv : o) {
    std::string key(kv.key());
    const char* k = key.c_str();
    check_text(f, o, prefix, k, 200);
    check_id(f, o, prefix, k);
    check_date(f, o, prefix, k);
    check_hours(f, o, prefix, k);
    check_bool(f, o, prefix, k);
    FUZZ_CHECK(f.has(k) == (o.find(k) != o.end() && !o.find(k)->value().is_null()));
  }

  // only(): every key allowed, or the first one that is not, named with the prefix.
  auto s = f.only({"legal", "business", "political"});
  bool all_categories = true;
  for (const auto& kv : o)
    all_categories = all_categories && (kv.key() == "legal" || kv.key() == "business" || kv.key() == "political");
  FUZZ_CHECK(static_cast<bool>(s) == all_categories);
  if (!s) FUZZ_CHECK(s.field().starts_with(prefix) && s.code() == Status::Code::invalid);

  // Nested shapes the handlers read: hours:{…} and attendance:[{…}, …].
  if (depth > 2) return;
  if (auto it = o.find("hours"); it != o.end() && it->value().is_object())
    check_object(it->value().get_object(), prefix + "hours.", depth + 1);
  if (auto it = o.find("attendance"); it != o.end() && it->value().is_array()) {
    const auto& arr = it->value().get_array();
    for (std::size_t i = 0; i < arr.size() && i < 8; ++i)
      if (arr[i].is_object())
        check_object(arr[i].get_object(), prefix + "attendance[" + std::to_string(i) + "].", depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  boost::system::error_code ec;
  json::value v = json::parse(bytes, ec);  // as Ctx::body
  if (ec) return 0;
  check_round_trip(v);
  if (!v.is_object()) return 0;
  check_object(v.get_object(), "", 0);
  return 0;
}
