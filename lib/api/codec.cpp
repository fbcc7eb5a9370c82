#include "api/codec.hpp"

#include "codec/hours.hpp"
#include "domain/messages.hpp"

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

// hours:{legal?, business?, political?}; a category left out is zero.
Result<CategoryHours> session_hours(const json::object& body) {
  auto it = body.find("hours");
  if (it == body.end() || it->value().is_null()) return Status::invalid("hours", rules::required);
  if (!it->value().is_object())
    return Status::invalid("hours", rules::wrong_type, {{"expected", "object"}, {"got", kind_key(it->value())}});
  Fields f(it->value().get_object(), "hours.");
  CategoryHours h;
  for (Category c : kCategories) {
    auto v = f.opt_hours(category_key(c));
    if (!v) return v.status();
    if (*v) h[c] = **v;
  }
  if (auto s = f.only({"legal", "business", "political"}); !s) return s;
  return h;
}

Result<PartialCredit> partial_credit(const json::value& v, const std::string& prefix) {
  if (!v.is_object())
    return Status::invalid(prefix, rules::wrong_type, {{"expected", "object"}, {"got", kind_key(v)}});
  Fields f(v.get_object(), prefix + ".");
  if (auto s = f.only({"legal", "business", "political"}); !s) return s;
  PartialCredit p;
  std::optional<Hours>* slots[] = {&p.legal, &p.business, &p.political};
  int i = 0;
  for (Category c : kCategories) {
    auto h = f.opt_hours(category_key(c));
    if (!h) return h.status();
    *slots[i++] = *h;
  }
  return p;
}

}  // namespace certhours::api
