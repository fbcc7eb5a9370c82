#include "store/transfer.hpp"

#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

Transfer::Transfer(Database& db, const Units& units) : db_(db), units_(units) {}

void Transfer::roster(Id unit_id, const std::function<void(const RosterRow&)>& each) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return;
  auto [lo, hi] = *range;
  db_.scan([&](Connection& c) {
    auto& st = c.prepare(std::string("SELECT ") + kOfficerColumns +
                         ", u.code FROM units u JOIN officers o ON o.unit_id = u.id "
                         "WHERE u.path >= ? AND u.path < ? ORDER BY o.id");
    st.bind(1, lo);
    st.bind(2, hi);
    RosterRow row;
    while (st.executeStep()) {
      row.officer = officer_from_row(st);
      row.unit_code = st.getColumn(8).getString();
      each(row);
    }
    st.reset();
  });
}

void Transfer::attendance(Id unit_id, std::optional<int> year,
                          const std::function<void(const AttendanceExportRow&)>& each) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return;
  auto [lo, hi] = *range;
  db_.scan([&](Connection& c) {
    auto& st = c.prepare(
        "SELECT a.training_id, t.title, t.end_date, o.id_number, o.name, a.legal_halves, a.business_halves, "
        "a.political_halves "
        "FROM units u JOIN officers o ON o.unit_id = u.id "
        "JOIN attendance a ON a.officer_id = o.id JOIN trainings t ON t.id = a.training_id "
        "WHERE u.path >= ?1 AND u.path < ?2 AND (?3 IS NULL OR a.year = ?3) "
        "ORDER BY u.path, o.id, a.year, a.training_id");  // index order: no sort, even for millions
    st.bind(1, lo);
    st.bind(2, hi);
    if (year)
      st.bind(3, *year);
    else
      st.bind(3);  // NULL: every year
    AttendanceExportRow row;
    while (st.executeStep()) {
      row.training_id = st.getColumn(0).getInt64();
      row.training_title = st.getColumn(1).getString();
      row.training_end = column_date(st.getColumn(2));
      row.id_number = st.getColumn(3).getString();
      row.name = st.getColumn(4).getString();
      row.hours = category_hours_at(st, 5);
      each(row);
    }
    st.reset();
  });
}

}  // namespace certhours::store
