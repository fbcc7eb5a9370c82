#include "store/exit_marks.hpp"

#include <boost/json.hpp>

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
constexpr const char* kColumns = "m.year, m.officer_id, m.decision, m.note, m.marked_by, m.marked_at";

ExitMark mark_from_row(SQLite::Statement& st) {
  ExitMark m;
  m.year = st.getColumn(0).getInt();
  m.officer_id = st.getColumn(1).getInt64();
  m.decision = kExitDecisions.parse(st.getColumn(2).getString()).value_or(ExitDecision::no_action);
  m.note = st.getColumn(3).getString();
  m.marked_by = st.getColumn(4).getString();
  m.marked_at = st.getColumn(5).getString();
  return m;
}

// The audit's before/after of a mark.
std::string mark_json(const ExitMark& m) {
  return boost::json::serialize(boost::json::object{
      {"year", m.year}, {"officer_id", m.officer_id}, {"decision", kExitDecisions.key(m.decision)}, {"note", m.note}});
}

std::optional<ExitMark> find_in(Connection& c, int year, Id officer_id) {
  static const std::string sql =
      std::string("SELECT ") + kColumns + " FROM exit_review_marks m WHERE m.year = ? AND m.officer_id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, year);
  st.bind(2, officer_id);
  if (!st.executeStep()) return std::nullopt;
  return mark_from_row(st);
}
}  // namespace

ExitMarks::ExitMarks(Database& db, const Units& units) : db_(db), units_(units) {}

ExitMark ExitMarks::put(int year, Id officer_id, ExitDecision decision, const std::string& note, const Actor& by) {
  return db_.write([&](Connection& c) {
    auto before = find_in(c, year, officer_id);
    ExitMark m{year, officer_id, decision, note, by.username, now_rfc3339()};
    auto& st = c.prepare(
        "INSERT INTO exit_review_marks(year, officer_id, decision, note, marked_by, marked_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(year, officer_id) DO UPDATE SET decision = ?3, note = ?4, "
        "marked_by = ?5, marked_at = ?6");
    st.bind(1, year);
    st.bind(2, officer_id);
    st.bind(3, kExitDecisions.key(decision));
    st.bind(4, note);
    st.bind(5, m.marked_by);
    st.bind(6, m.marked_at);
    st.exec();
    append_audit(c, by, before ? "update" : "create", "exit_review", officer_id, before ? mark_json(*before) : "",
                 mark_json(m));
    return m;
  });
}

Status ExitMarks::remove(int year, Id officer_id, const Actor& by) {
  return db_.write([&](Connection& c) -> Status {
    auto before = find_in(c, year, officer_id);
    if (!before)
      return Status::not_found(rules::exit_mark_not_found,
                               {{"officer_id", std::to_string(officer_id)}, {"year", std::to_string(year)}});
    auto& st = c.prepare("DELETE FROM exit_review_marks WHERE year = ? AND officer_id = ?");
    st.bind(1, year);
    st.bind(2, officer_id);
    st.exec();
    append_audit(c, by, "delete", "exit_review", officer_id, mark_json(*before), "");
    return Status::ok();
  });
}

std::optional<ExitMark> ExitMarks::find(int year, Id officer_id) {
  return db_.read([&](Connection& c) { return find_in(c, year, officer_id); });
}

std::map<Id, ExitMark> ExitMarks::in_unit(Id unit_id, int year) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return {};
  auto [lo, hi] = *range;
  return db_.read([&](Connection& c) {
    std::map<Id, ExitMark> out;
    static const std::string sql = std::string("SELECT ") + kColumns +
                                   " FROM units u JOIN officers o ON o.unit_id = u.id "
                                   "JOIN exit_review_marks m ON m.officer_id = o.id AND m.year = ? "
                                   "WHERE u.path >= ? AND u.path < ?";
    auto& st = c.prepare(sql);
    st.bind(1, year);
    st.bind(2, lo);
    st.bind(3, hi);
    while (st.executeStep()) {
      ExitMark m = mark_from_row(st);
      out.emplace(m.officer_id, std::move(m));
    }
    return out;
  });
}

}  // namespace certhours::store
