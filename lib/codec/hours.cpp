// Hours and dates as JSON values.
#include "codec/hours.hpp"

namespace certhours::codec {

json::value hours_value(Hours h) {
  // Whole hours as integers, so that 6 is never written 6.0 (or 6E0).
  if (h.halves() % 2 == 0) return json::value(h.halves() / 2);
  return json::value(h.as_double());
}

json::object category_hours_value(const CategoryHours& h) {
  json::object o;
  for_each_category(h, [&](const char* key, Hours v) { o[key] = hours_value(v); });
  return o;
}

json::value date_value(const std::optional<Date>& d) { return d ? json::value(format_date(*d)) : json::value(); }

}  // namespace certhours::codec
