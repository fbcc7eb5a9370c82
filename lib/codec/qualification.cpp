#include "codec/qualification.hpp"

#include "codec/hours.hpp"
#include "domain/hours.hpp"

namespace certhours::codec {

json::value score_value(Score s) { return hours_value(Hours::from_halves(s.halves())); }

json::object exam_json(const Exam& e) {
  return {{"id", e.id}, {"name", e.name}, {"held_on", format_date(e.held_on)}, {"pass_score", score_value(e.pass_score)}};
}

json::object exam_result_json(Id exam_id, Id officer_id, Score score, bool passed) {
  return {{"exam_id", exam_id},
          {"officer_id", officer_id},
          {"score", score_value(score)},
          {"passed", passed}};
}

json::array checks_json(const std::vector<Check>& checks) {
  json::array out;
  for (const Check& c : checks)
    out.push_back(json::object{{"code", check_code_key(c.code)}, {"ok", c.ok}, {"detail", c.detail}});
  return out;
}

std::vector<Check> checks_from_json(const json::value& v) {
  std::vector<Check> out;
  const json::array* a = v.if_array();
  if (!a) return out;
  for (const json::value& item : *a) {
    const json::object* o = item.if_object();
    if (!o) continue;
    const json::value* code = o->if_contains("code");
    const json::value* ok = o->if_contains("ok");
    const json::value* detail = o->if_contains("detail");
    if (!code || !code->is_string() || !ok || !ok->is_bool() || !detail || !detail->is_string()) continue;
    auto c = kCheckCodeNames.parse(std::string_view(code->get_string()));
    if (!c) continue;
    out.push_back({*c, ok->get_bool(), std::string(detail->get_string())});
  }
  return out;
}

}  // namespace certhours::codec
