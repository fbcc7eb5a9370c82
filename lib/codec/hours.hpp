// Hours, per-category hours and dates as JSON values: hours an integer when whole, else x.5.
#pragma once
#include <boost/json.hpp>

#include <optional>

#include "domain/calendar.hpp"
#include "domain/hours.hpp"

namespace certhours::codec {

namespace json = boost::json;

json::value hours_value(Hours h);
// Each category's key and hours, in the order they are written.
template <class F>
void for_each_category(const CategoryHours& h, F&& f) {
  f("legal", h.legal);
  f("business", h.business);
  f("political", h.political);
}
// {"legal", "business", "political"}, each an hours_value.
json::object category_hours_value(const CategoryHours& h);
// "YYYY-MM-DD", or null.
json::value date_value(const std::optional<Date>& d);

}  // namespace certhours::codec
