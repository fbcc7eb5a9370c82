#include "api/json_io.hpp"

#include <charconv>
#include <cmath>
#include <string_view>

#include "domain/messages.hpp"
#include "domain/officer.hpp"

namespace certhours::api {

namespace {
// Length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7), 0 when there is none.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
  unsigned c = at(i);
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(k) >= lo && at(k) <= hi; };
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    return cont(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && cont(i + 2) ? 3 : 0;
  if (c >= 0xF0 && c <= 0xF4)
    return cont(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

// Appends `s`, well-formed UTF-8, as the inside of a JSON string, escaped as Boost.JSON's
// serializer does (tests/api_unit compares the two on every byte): '"' and '\\' escaped, the
// control characters as \b \f \n \r \t or \u00xx, the rest as it is. Straight into `out`:
// json::serialize made a string per key and value (200 allocations an /hours answer).
void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;  // start of the bytes not yet appended
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out += '\\';
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '\b': out += 'b'; break;
      case '\f': out += 'f'; break;
      case '\n': out += 'n'; break;
      case '\r': out += 'r'; break;
      case '\t': out += 't'; break;
      default:
        out += "u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

// A JSON string of `s`. Bytes that are not UTF-8 (a URL's %A9 echoed in an error message)
// become U+FFFD, so that every body is valid JSON: JSON text is UTF-8 (RFC 8259).
void write_string(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0, n;
  while (i < s.size() && (n = utf8_sequence(s, i)) != 0) i += n;
  if (i == s.size()) {
    append_escaped(out, s);
  } else {
    std::string clean(s.substr(0, i));
    while (i < s.size()) {
      n = utf8_sequence(s, i);
      if (n == 0) {
        clean += "\xEF\xBF\xBD";
        ++i;
      } else {
        clean.append(s, i, n);
        i += n;
      }
    }
    append_escaped(out, clean);
  }
  out += '"';
}

template <class Int>
void write_integer(std::string& out, Int v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: write_integer(out, v.get_int64()); break;
    case json::kind::uint64: write_integer(out, v.get_uint64()); break;
    case json::kind::double_: {
      double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        break;
      }
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, d);
      out.append(buf, r.ptr);
      break;
    }
    case json::kind::string: {
      const json::string& str = v.get_string();
      write_string(out, std::string_view(str.data(), str.size()));
      break;
    }
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, e);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        write_string(out, std::string_view(kv.key().data(), kv.key().size()));
        out += ':';
        write(out, kv.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

const char* kind_key(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::string: return "string";
    case json::kind::array: return "array";
    case json::kind::object: return "object";
  }
  return "?";
}

std::string to_text(const json::value& v) {
  std::string out;
  out.reserve(256);
  write(out, v);
  return out;
}

void JsonWriter::separate() {
  if (after_key_) after_key_ = false;
  else if (!first_) out_ += ',';
  first_ = false;
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  write_string(out_, k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  write_string(out_, s);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  write_integer(out_, n);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(const json::value& v) {
  separate();
  write(out_, v);
  return *this;
}

bool Fields::has(const char* field) const {
  auto it = o_.find(field);
  return it != o_.end() && !it->value().is_null();
}

Status Fields::missing(const char* field) const { return Status::invalid(name(field), rules::required); }

Status Fields::wrong_type(const char* field, const char* expected, const json::value& got) const {
  return Status::invalid(name(field), rules::wrong_type, {{"expected", expected}, {"got", kind_key(got)}});
}

Result<std::string> Fields::text(const char* field, std::size_t max_chars) const {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return missing(field);
  if (!it->value().is_string())
    return wrong_type(field, "string", it->value());
  const auto& s = it->value().get_string();
  return clean_text(name(field), std::string_view(s.data(), s.size()), max_chars);
}

Result<std::optional<std::string>> Fields::opt_text(const char* field, std::size_t max_chars) const {
  if (!has(field)) return std::optional<std::string>();
  auto r = text(field, max_chars);
  if (!r) return r.status();
  return std::optional<std::string>(*r);
}

Result<std::int64_t> Fields::integer(const char* field) const {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return missing(field);
  const json::value& v = it->value();
  if (v.is_int64()) return v.get_int64();
  if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(v.get_uint64());
  if (v.is_number()) return Status::invalid(name(field), rules::id_invalid, {{"value", to_text(v)}});
  return wrong_type(field, "integer", v);
}

Result<Id> Fields::id(const char* field) const {
  auto r = integer(field);
  if (!r) return r.status();
  if (*r <= 0) return Status::invalid(name(field), rules::id_invalid, {{"value", std::to_string(*r)}});
  return *r;
}

Result<std::optional<Id>> Fields::opt_id(const char* field) const {
  if (!has(field)) return std::optional<Id>();
  auto r = id(field);
  if (!r) return r.status();
  return std::optional<Id>(*r);
}

Result<Date> Fields::date(const char* field) const {
  auto it = o_.find(field);
  if (it == o_.end() || it->value().is_null()) return missing(field);
  if (!it->value().is_string())
    return wrong_type(field, "date", it->value());
  const auto& s = it->value().get_string();
  auto d = parse_date(std::string_view(s.data(), s.size()));
  if (!d)
    return Status::invalid(name(field), rules::date_invalid, {{"value", std::string(s)}});
  return *d;
}

Result<std::optional<Date>> Fields::opt_date(const char* field) const {
  if (!has(field)) return std::optional<Date>();
  auto r = date(field);
  if (!r) return r.status();
  return std::optional<Date>(*r);
}

Result<std::optional<Hours>> Fields::opt_hours(const char* field) const {
  // Hours are numbers (docs/api.md: types are strict): left out means "none given", but an explicit
  // null is refused, not read as the session's hours.
  auto it = o_.find(field);
  if (it == o_.end()) return std::optional<Hours>();
  const json::value& v = it->value();
  double d = 0;
  if (v.is_int64()) d = static_cast<double>(v.get_int64());
  else if (v.is_uint64()) d = static_cast<double>(v.get_uint64());
  else if (v.is_double()) d = v.get_double();
  else return wrong_type(field, "hours", v);
  auto h = Hours::from_number(d);
  if (!h) return Status::invalid(name(field), rules::hours_half_step, {{"value", to_text(v)}});
  return std::optional<Hours>(*h);
}

Result<Score> Fields::score(const char* field) const {
  if (!has(field)) return missing(field);
  auto s = opt_score(field);
  if (!s) return s.status();
  return **s;
}

Result<std::optional<Score>> Fields::opt_score(const char* field) const {
  if (!has(field)) return std::optional<Score>();
  const json::value& v = o_.find(field)->value();
  double d = 0;
  if (v.is_int64()) d = static_cast<double>(v.get_int64());
  else if (v.is_uint64()) d = static_cast<double>(v.get_uint64());
  else if (v.is_double()) d = v.get_double();
  else return wrong_type(field, "number", v);
  auto s = score_from_number(d, name(field));
  if (!s) return s.status();
  return std::optional<Score>(*s);
}

Result<std::optional<bool>> Fields::opt_bool(const char* field) const {
  if (!has(field)) return std::optional<bool>();
  const json::value& v = o_.find(field)->value();
  if (!v.is_bool()) return wrong_type(field, "boolean", v);
  return std::optional<bool>(v.get_bool());
}

Status Fields::only(std::initializer_list<const char*> allowed) const {
  for (const auto& kv : o_) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || kv.key() == a;
    if (!ok) {
      std::string f = prefix_ + std::string(kv.key());
      return Status::invalid(f, rules::field_read_only);
    }
  }
  return Status::ok();
}

}  // namespace certhours::api
