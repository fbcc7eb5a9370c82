#include "api/codec.hpp"

#include "codec/hours.hpp"

namespace certhours::api {

json::object progress_json(const CategoryProgress& c, bool with_pace) {
  json::object o{{"earned", codec::hours_value(c.earned)},
                 {"required", codec::hours_value(c.required)},
                 {"shortfall", codec::hours_value(c.shortfall)}};
  if (with_pace) {
    o["behind_pace"] = c.behind_pace;
    o["expected"] = codec::hours_value(c.expected);
  }
  return o;
}

}  // namespace certhours::api
