// Hours and dates as JSON values.
#include "codec/hours.hpp"

namespace certhours::codec {

json::value hours_value(Hours h) {
  // Whole hours as integers, so that 6 is never written 6.0 (or 6E0).
  if (h.halves() % 2 == 0) return json::value(h.halves() / 2);
  return json::value(h.as_double());
}

json::object category_hours_value(const CategoryHours& h) {
  return {{"legal", hours_value(h.legal)}, {"business", hours_value(h.business)}, {"political", hours_value(h.political)}};
}

json::value date_value(const std::optional<Date>& d) { return d ? json::value(format_date(*d)) : json::value(); }

}  // namespace certhours::codec
