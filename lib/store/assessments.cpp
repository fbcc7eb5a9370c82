#include "store/assessments.hpp"

#include <boost/json.hpp>

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

Assessments::Assessments(Database& db, const Units& units) : db_(db), units_(units) {}

Status Assessments::put(Id officer_id, int year, Grade grade, const Actor& by) {
  return db_.write([&](Connection& c) -> Status {
    auto& o = c.prepare("SELECT 1 FROM officers WHERE id = ?");
    o.bind(1, officer_id);
    if (!o.executeStep()) return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    std::string before;
    auto& old = c.prepare("SELECT grade FROM assessments WHERE officer_id = ? AND year = ?");
    old.bind(1, officer_id);
    old.bind(2, year);
    auto json = [&](const std::string& g) {
      return boost::json::serialize(boost::json::object{{"officer_id", officer_id}, {"year", year}, {"grade", g}});
    };
    if (old.executeStep()) before = json(old.getColumn(0).getString());
    auto& st = c.prepare(
        "INSERT INTO assessments(officer_id, year, grade, recorded_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(officer_id, year) DO UPDATE SET grade = excluded.grade, recorded_at = excluded.recorded_at");
    st.bind(1, officer_id);
    st.bind(2, year);
    st.bind(3, grade_key(grade));
    st.bind(4, now_rfc3339());
    st.exec();
    append_audit(c, by, before.empty() ? "create" : "update", "assessment", officer_id, before, json(grade_key(grade)));
    return Status::ok();
  });
}

std::vector<std::pair<int, Grade>> Assessments::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) {
    std::vector<std::pair<int, Grade>> out;
    auto& st = c.prepare("SELECT year, grade FROM assessments WHERE officer_id = ? ORDER BY year");
    st.bind(1, officer_id);
    while (st.executeStep())
      if (auto g = parse_grade(st.getColumn(1).getString())) out.emplace_back(st.getColumn(0).getInt(), *g);
    return out;
  });
}

std::map<Id, Grade> Assessments::in_unit(Id unit_id, int year) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return {};
  auto [lo, hi] = *range;
  return db_.read([&](Connection& c) {
    std::map<Id, Grade> out;
    auto& st = c.prepare(
        "SELECT a.officer_id, a.grade FROM units u JOIN officers o ON o.unit_id = u.id "
        "JOIN assessments a ON a.officer_id = o.id AND a.year = ? WHERE u.path >= ? AND u.path < ?");
    st.bind(1, year);
    st.bind(2, lo);
    st.bind(3, hi);
    while (st.executeStep())
      if (auto g = parse_grade(st.getColumn(1).getString())) out[st.getColumn(0).getInt64()] = *g;
    return out;
  });
}

}  // namespace certhours::store
