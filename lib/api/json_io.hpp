// JSON in and out for the handlers: strict readers that name the field they refuse, and a
// writer that prints doubles in their shortest exact form (hours as 6 or 16.5, never 1.65E1).
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "codec/hours.hpp"
#include "domain/exam.hpp"
#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/hours.hpp"
#include "domain/id.hpp"
#include "domain/messages.hpp"
#include "domain/status.hpp"

namespace certhours::api {

namespace json = boost::json;

// Serialises `v` as compact JSON; doubles in their shortest exact form.
std::string to_text(const json::value& v);

// Writes compact JSON text straight into a string, as to_text would write the same value: for
// an answer whose many small objects would otherwise each be built as a json::object first
// (GET /officers/{id}/hours: its twenty credits, a fifth of the handler's CPU). Commas come
// by themselves; the caller opens and closes what it writes, keys only inside objects.
class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(bool b);
  // Any value, as to_text writes it (a part built by the codec).
  JsonWriter& value(const json::value& v);
  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();  // the comma before an entry that is not its container's first
  std::string out_;
  bool first_ = true;       // nothing written yet in the innermost container
  bool after_key_ = false;  // a key was written: its value comes next, without a comma
};

// What a JSON value is, as the wrong_type rule names it: null, boolean, number, string, array, object.
const char* kind_key(const json::value& v);

// Hours and dates are written by the codec (one writer for the answers and the audit log).
using codec::category_hours_value;
using codec::date_value;
using codec::hours_value;

// The keys of an enum's table, comma-separated, as value_not_allowed lists them.
template <class E, std::size_t N>
std::string allowed_keys(const EnumNames<E, N>& names) {
  std::string out;
  for (const std::string& k : names.keys()) out += (out.empty() ? "" : ",") + k;
  return out;
}

// Readers over one JSON object. Each returns the value, or an invalid Status naming
// `prefix + field` and what is wrong. A missing or null optional field yields nullopt
// (hours excepted: a null there is refused, hours are numbers).
class Fields {
 public:
  explicit Fields(const json::object& o, std::string prefix = {}) : o_(o), prefix_(std::move(prefix)) {}
  bool has(const char* field) const;

  Result<std::string> text(const char* field, std::size_t max_chars = 200) const;
  Result<std::optional<std::string>> opt_text(const char* field, std::size_t max_chars = 200) const;
  Result<Id> id(const char* field) const;
  Result<std::optional<Id>> opt_id(const char* field) const;
  Result<Date> date(const char* field) const;
  Result<std::optional<Date>> opt_date(const char* field) const;
  Result<std::optional<Hours>> opt_hours(const char* field) const;
  Result<std::optional<bool>> opt_bool(const char* field) const;
  // A score or pass mark: a number from 0 to 100 in steps of 0.5 (score_invalid).
  Result<Score> score(const char* field) const;
  Result<std::optional<Score>> opt_score(const char* field) const;
  // One of the keys of `names` (a decision, a reason code): value_not_allowed lists them otherwise.
  template <class E, std::size_t N>
  Result<E> key(const char* field, const EnumNames<E, N>& names) const {
    auto t = text(field, 40);
    if (!t) return t.status();
    if (auto v = names.parse(*t)) return *v;
    return Status::invalid(name(field), rules::value_not_allowed, {{"allowed", allowed_keys(names)}, {"value", *t}});
  }
  // Refuses any key not in `allowed` (PATCH bodies, where a typo would silently do nothing).
  Status only(std::initializer_list<const char*> allowed) const;

 private:
  Status missing(const char* field) const;
  Status wrong_type(const char* field, const char* expected, const json::value& got) const;
  std::string name(const char* field) const { return prefix_ + field; }
  Result<std::int64_t> integer(const char* field) const;
  const json::object& o_;
  std::string prefix_;
};

}  // namespace certhours::api
