#include "store/trainings.hpp"

#include <algorithm>
#include <tuple>

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

std::optional<Training> load_training(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kTrainingColumns + " FROM trainings t WHERE t.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return training_from_row(st);
}

namespace {
// The attendance INSERT, one home for its columns: `rows` rows of (officer, year, session, the
// three categories' halves) sharing recorded_by ($1) and recorded_at ($2); a row already
// recorded is not written (nor are the totals' triggers run for it).
std::string insert_attendance_sql(std::size_t rows, const char* tail = "") {
  return multi_row_sql(
      "INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, political_halves, "
      "recorded_by, recorded_at) VALUES",
      "?, ?, ?, ?, ?, ?, $1, $2", 2, rows,
      (std::string(" ON CONFLICT(officer_id, year, training_id) DO NOTHING") + tail).c_str());
}

void bind_recorded(SQLite::Statement& st, std::optional<Id> recorded_by, const std::string& recorded_at) {
  if (recorded_by) st.bind(1, *recorded_by);
  st.bind(2, recorded_at);
}

// Binds one row's six values from parameter `p` on; returns the next parameter.
int bind_attendance(SQLite::Statement& st, int p, const NewAttendance& a) {
  for (std::int64_t v : {a.officer_id, std::int64_t{a.year}, a.training_id, std::int64_t{a.hours.legal.halves()},
                         std::int64_t{a.hours.business.halves()}, std::int64_t{a.hours.political.halves()}})
    st.bind(p++, v);
  return p;
}

// One attendance row, as recorded by `recorded_by` at `recorded_at`; no audit entry.
// Whether the row was written: false when the officer already has this session's attendance.
bool insert_attendance_row(Connection& c, const NewAttendance& a, std::optional<Id> recorded_by,
                           const std::string& recorded_at) {
  static const std::string sql = insert_attendance_sql(1);
  auto& ins = c.prepare(sql);
  bind_recorded(ins, recorded_by, recorded_at);
  bind_attendance(ins, 3, a);
  return ins.exec() > 0;
}
}  // namespace

bool insert_attendance(Connection& c, Id training_id, int year, Id officer_id, const CategoryHours& hours,
                       const std::string& now, const Actor& by) {
  return insert_attendances(c, {{training_id, year, officer_id, hours}}, now, by) == 1;
}

std::size_t insert_attendances(Connection& c, const std::vector<NewAttendance>& rows, const std::string& now,
                               const Actor& by) {
  static const std::string sql =
      insert_attendance_sql(kMultiRows, " RETURNING officer_id, year, training_id");
  std::size_t total = 0;
  std::vector<std::tuple<Id, int, Id>> returned;  // keys of the rows a statement wrote
  std::vector<AuditedChange> written;
  // kMultiRows rows at a time (the last few one by one): their attendance, then the audit
  // entries of those written, in the rows' order (a row repeated in a batch is written once).
  for (std::size_t from = 0; from < rows.size(); from += kMultiRows) {
    const std::size_t to = std::min(rows.size(), from + kMultiRows);
    written.clear();
    auto wrote = [&](const NewAttendance& a) {
      written.push_back({a.training_id, audit_json_attendance(a.training_id, a.officer_id, a.hours)});
    };
    if (to - from == kMultiRows) {
      auto& st = c.prepare(sql);
      bind_recorded(st, by.user_id, now);
      int p = 3;
      for (std::size_t k = from; k < to; ++k) p = bind_attendance(st, p, rows[k]);
      returned.clear();
      while (st.executeStep())
        returned.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getInt(), st.getColumn(2).getInt64());
      st.reset();
      for (std::size_t k = from; k < to; ++k)
        if (auto it = std::find(returned.begin(), returned.end(), rows[k].key()); it != returned.end()) {
          wrote(rows[k]);
          returned.erase(it);
        }
    } else {
      for (std::size_t k = from; k < to; ++k)
        if (insert_attendance_row(c, rows[k], by.user_id, now)) wrote(rows[k]);
    }
    total += written.size();
    append_audits(c, by, "create", "attendance", written);
  }
  return total;
}

namespace {
// Whether the officer exists and their unit's path lies within the range.
bool officer_in_range(Connection& c, Id officer_id, const PathRange& range) {
  auto& st = c.prepare(
      "SELECT 1 FROM officers o JOIN units u ON u.id = o.unit_id WHERE o.id = ? AND u.path >= ? AND u.path < ?");
  st.bind(1, officer_id);
  st.bind(2, range.lo);
  st.bind(3, range.hi);
  return st.executeStep();
}
}  // namespace

Trainings::Trainings(Database& db, const Units& units) : db_(db), units_(units) {}

Result<Training> Trainings::create(const Training& t, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Training> {
    auto& unit = c.prepare("SELECT 1 FROM units WHERE id = ?");
    unit.bind(1, t.organizer_unit_id);
    if (!unit.executeStep())
      return Status::invalid("organizer_unit_id", rules::unit_not_found, {{"id", std::to_string(t.organizer_unit_id)}});
    auto& ins = c.prepare(
        "INSERT INTO trainings(title, organizer_unit_id, start_date, end_date, year, legal_halves, business_halves, "
        "political_halves, rotation, mode, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, t.spec.title);
    ins.bind(2, t.organizer_unit_id);
    ins.bind(3, format_date(t.spec.start_date));
    ins.bind(4, format_date(t.spec.end_date));
    ins.bind(5, counted_year(t.spec));
    ins.bind(6, t.spec.hours.legal.halves());
    ins.bind(7, t.spec.hours.business.halves());
    ins.bind(8, t.spec.hours.political.halves());
    ins.bind(9, t.rotation ? 1 : 0);
    ins.bind(10, mode_key(t.mode));
    if (by.user_id) ins.bind(11, *by.user_id);
    ins.bind(12, now_rfc3339());
    ins.exec();
    Training out = t;
    out.id = c.db().getLastInsertRowid();
    append_audit(c, by, "create", "training", out.id, "", audit_json(out));
    return out;
  });
}

std::optional<Training> Trainings::find(Id id) {
  return db_.read([&](Connection& c) { return load_training(c, id); });
}

Page<Training> Trainings::search(const TrainingQuery& q) {
  auto range = scope_range(*units_.tree(), q.unit_id);
  return db_.read([&](Connection& c) {
    Page<Training> page;
    static constexpr const char* kWhere =
        " FROM trainings t JOIN units u ON u.id = t.organizer_unit_id "
        "WHERE (?1 IS NULL OR t.year = ?1) AND u.path >= ?2 AND u.path < ?3 ";
    auto bind = [&](SQLite::Statement& st) {
      if (q.year) st.bind(1, *q.year);
      st.bind(2, range.lo);
      st.bind(3, range.hi);
    };
    static const std::string count_sql = std::string("SELECT count(*)") + kWhere;
    auto& count = c.prepare(count_sql);
    bind(count);
    if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    static const std::string list_sql =
        std::string("SELECT ") + kTrainingColumns + kWhere + "ORDER BY t.end_date DESC, t.id DESC LIMIT ?4 OFFSET ?5";
    auto& st = c.prepare(list_sql);
    bind(st);
    st.bind(4, q.limit);
    st.bind(5, q.offset);
    while (st.executeStep()) page.items.push_back(training_from_row(st));
    return page;
  });
}

std::vector<Attendee> Trainings::attendees(Id training_id, std::optional<Id> scope) {
  auto range = scope_range(*units_.tree(), scope);
  return db_.read([&](Connection& c) {
    std::vector<Attendee> out;
    auto& st = c.prepare(
        "SELECT o.id, o.name, o.unit_id, a.legal_halves, a.business_halves, a.political_halves "
        "FROM attendance a JOIN officers o ON o.id = a.officer_id JOIN units u ON u.id = o.unit_id "
        "WHERE a.training_id = ? AND u.path >= ? AND u.path < ? ORDER BY o.id");
    st.bind(1, training_id);
    st.bind(2, range.lo);
    st.bind(3, range.hi);
    while (st.executeStep()) {
      Attendee a;
      a.officer_id = st.getColumn(0).getInt64();
      a.name = st.getColumn(1).getString();
      a.unit_id = st.getColumn(2).getInt64();
      a.hours = category_hours_at(st, 3);
      out.push_back(std::move(a));
    }
    return out;
  });
}

AttendanceWrite Trainings::add_attendance(Id training_id, const std::vector<AttendanceRecord>& records,
                                          std::optional<Id> scope, const Actor& by) {
  auto range = scope_range(*units_.tree(), scope);
  return db_.write([&](Connection& c) -> AttendanceWrite {
    auto training = load_training(c, training_id);
    if (!training) return {Status::not_found(rules::training_not_found, {{"id", std::to_string(training_id)}}), {}};
    // Check every record before writing any: one bad record means nothing is added.
    AttendanceOutcome out;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const AttendanceRecord& r = records[i];
      if (!officer_in_range(c, r.officer_id, range))
        return {Status::not_found(rules::officer_not_found, {{"id", std::to_string(r.officer_id)}}, "officer_id"), i};
      auto credit = credit_for(training->spec.hours, r.credit);
      if (!credit) return {credit.status(), i};
      out.items.push_back({r.officer_id, *credit, false});
    }
    std::string now = now_rfc3339();
    for (auto& item : out.items) {
      auto& exists = c.prepare(
          "SELECT legal_halves, business_halves, political_halves FROM attendance "
          "WHERE officer_id = ? AND year = ? AND training_id = ?");
      exists.bind(1, item.officer_id);
      exists.bind(2, counted_year(training->spec));
      exists.bind(3, training_id);
      if (exists.executeStep()) {  // recorded before, or earlier in this same request
        // The answer shows what is recorded, not what was asked for this time.
        item.hours = category_hours_at(exists, 0);
        ++out.already_recorded;
        continue;
      }
      insert_attendance(c, training_id, counted_year(training->spec), item.officer_id, item.hours, now, by);
      item.added = true;
      ++out.added;
    }
    return {std::move(out), {}};
  });
}

Status Trainings::remove_attendance(Id training_id, Id officer_id, std::optional<Id> scope, const Actor& by) {
  auto range = scope_range(*units_.tree(), scope);
  return db_.write([&](Connection& c) -> Status {
    auto training = load_training(c, training_id);
    if (!training) return Status::not_found(rules::training_not_found, {{"id", std::to_string(training_id)}});
    if (!officer_in_range(c, officer_id, range))
      return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    auto& st = c.prepare(
        "SELECT legal_halves, business_halves, political_halves FROM attendance "
        "WHERE officer_id = ? AND year = ? AND training_id = ?");
    st.bind(1, officer_id);
    st.bind(2, counted_year(training->spec));
    st.bind(3, training_id);
    if (!st.executeStep())
      return Status::not_found(rules::attendance_not_found,
                               {{"officer_id", std::to_string(officer_id)}, {"training_id", std::to_string(training_id)}});
    CategoryHours h = category_hours_at(st, 0);
    auto& del = c.prepare("DELETE FROM attendance WHERE officer_id = ? AND year = ? AND training_id = ?");
    del.bind(1, officer_id);
    del.bind(2, counted_year(training->spec));
    del.bind(3, training_id);
    del.exec();
    append_audit(c, by, "delete", "attendance", training_id, audit_json_attendance(training_id, officer_id, h), "");
    return Status::ok();
  });
}

namespace {
Status training_not_found(Id id) { return Status::not_found(rules::training_not_found, {{"id", std::to_string(id)}}); }

// The largest credit recorded in the session, per category, over every attendee.
CategoryHours largest_credit(Connection& c, Id training_id) {
  auto& st = c.prepare(
      "SELECT coalesce(max(legal_halves), 0), coalesce(max(business_halves), 0), coalesce(max(political_halves), 0) "
      "FROM attendance WHERE training_id = ?");
  st.bind(1, training_id);
  st.executeStep();
  CategoryHours out = category_hours_at(st, 0);
  st.reset();
  return out;
}

std::int64_t attendance_count(Connection& c, Id training_id) {
  auto& st = c.prepare("SELECT count(*) FROM attendance WHERE training_id = ?");
  st.bind(1, training_id);
  st.executeStep();
  std::int64_t n = st.getColumn(0).getInt64();
  st.reset();
  return n;
}
}  // namespace

Result<Training> Trainings::update(Id training_id, const Edit& edit, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Training> {
    auto before = load_training(c, training_id);
    if (!before) return training_not_found(training_id);
    auto after = edit(*before);
    if (!after) return after.status();
    after->id = training_id;
    after->organizer_unit_id = before->organizer_unit_id;
    if (Status s = check_holds_credits(after->spec.hours, largest_credit(c, training_id)); !s) return s;
    const int from = counted_year(before->spec), to = counted_year(after->spec);
    if (from != to) {
      // The year is part of the attendance key (and of the yearly totals the triggers keep): the
      // rows move by insert + delete, never by an update in place (schema 0002).
      auto& copy = c.prepare(
          "INSERT INTO attendance(officer_id, year, training_id, legal_halves, business_halves, political_halves, "
          "recorded_by, recorded_at) SELECT officer_id, ?1, training_id, legal_halves, business_halves, "
          "political_halves, recorded_by, recorded_at FROM attendance WHERE training_id = ?2 AND year = ?3");
      copy.bind(1, to);
      copy.bind(2, training_id);
      copy.bind(3, from);
      copy.exec();
      auto& drop = c.prepare("DELETE FROM attendance WHERE training_id = ? AND year = ?");
      drop.bind(1, training_id);
      drop.bind(2, from);
      drop.exec();
    }
    auto& upd = c.prepare(
        "UPDATE trainings SET title = ?, start_date = ?, end_date = ?, year = ?, legal_halves = ?, "
        "business_halves = ?, political_halves = ?, rotation = ?, mode = ? WHERE id = ?");
    upd.bind(1, after->spec.title);
    upd.bind(2, format_date(after->spec.start_date));
    upd.bind(3, format_date(after->spec.end_date));
    upd.bind(4, to);
    upd.bind(5, after->spec.hours.legal.halves());
    upd.bind(6, after->spec.hours.business.halves());
    upd.bind(7, after->spec.hours.political.halves());
    upd.bind(8, after->rotation ? 1 : 0);
    upd.bind(9, mode_key(after->mode));
    upd.bind(10, training_id);
    upd.exec();
    append_audit(c, by, "update", "training", training_id, audit_json(*before), audit_json(*after));
    return *after;
  });
}

Status Trainings::remove(Id training_id, bool with_attendance, const Allowed& allowed, const Actor& by) {
  return db_.write([&](Connection& c) -> Status {
    auto training = load_training(c, training_id);
    if (!training) return training_not_found(training_id);
    if (Status s = allowed(*training); !s) return s;
    std::int64_t attendees = attendance_count(c, training_id);
    if (attendees > 0 && !with_attendance)
      return Status::conflict(rules::training_has_attendance,
                              {{"id", std::to_string(training_id)}, {"count", std::to_string(attendees)}});
    auto& st = c.prepare(
        "SELECT officer_id, legal_halves, business_halves, political_halves FROM attendance WHERE training_id = ?");
    st.bind(1, training_id);
    std::vector<std::pair<Id, CategoryHours>> gone;
    while (st.executeStep()) gone.emplace_back(st.getColumn(0).getInt64(), category_hours_at(st, 1));
    st.reset();
    for (const auto& [officer_id, h] : gone)
      append_audit(c, by, "delete", "attendance", training_id, audit_json_attendance(training_id, officer_id, h), "");
    auto& del_attendance = c.prepare("DELETE FROM attendance WHERE training_id = ?");
    del_attendance.bind(1, training_id);
    del_attendance.exec();
    auto& del = c.prepare("DELETE FROM trainings WHERE id = ?");
    del.bind(1, training_id);
    del.exec();
    append_audit(c, by, "delete", "training", training_id, audit_json(*training), "");
    return Status::ok();
  });
}

Result<Attendee> Trainings::correct_attendance(Id training_id, Id officer_id, const PartialCredit& change,
                                               std::optional<Id> scope, const Actor& by) {
  auto range = scope_range(*units_.tree(), scope);
  return db_.write([&](Connection& c) -> Result<Attendee> {
    auto training = load_training(c, training_id);
    if (!training) return training_not_found(training_id);
    if (!officer_in_range(c, officer_id, range))
      return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    const int year = counted_year(training->spec);
    auto& st = c.prepare(
        "SELECT a.legal_halves, a.business_halves, a.political_halves, a.recorded_by, a.recorded_at, o.name, "
        "o.unit_id FROM attendance a JOIN officers o ON o.id = a.officer_id "
        "WHERE a.officer_id = ? AND a.year = ? AND a.training_id = ?");
    st.bind(1, officer_id);
    st.bind(2, year);
    st.bind(3, training_id);
    if (!st.executeStep())
      return Status::not_found(rules::attendance_not_found,
                               {{"officer_id", std::to_string(officer_id)}, {"training_id", std::to_string(training_id)}});
    const CategoryHours recorded = category_hours_at(st, 0);
    std::optional<Id> recorded_by;
    if (!st.getColumn(3).isNull()) recorded_by = st.getColumn(3).getInt64();
    const std::string recorded_at = st.getColumn(4).getString();
    Attendee out{officer_id, st.getColumn(5).getString(), st.getColumn(6).getInt64(), recorded};
    st.reset();
    auto corrected = corrected_credit(training->spec.hours, recorded, change);
    if (!corrected) return corrected.status();
    out.hours = *corrected;
    if (*corrected == recorded) return out;  // nothing changes, nothing is written
    // Never updated in place (the yearly totals' triggers): delete and insert, keeping who
    // recorded it and when; the correction itself is in the audit log.
    auto& del = c.prepare("DELETE FROM attendance WHERE officer_id = ? AND year = ? AND training_id = ?");
    del.bind(1, officer_id);
    del.bind(2, year);
    del.bind(3, training_id);
    del.exec();
    insert_attendance_row(c, {training_id, year, officer_id, *corrected}, recorded_by, recorded_at);
    append_audit(c, by, "update", "attendance", training_id, audit_json_attendance(training_id, officer_id, recorded),
                 audit_json_attendance(training_id, officer_id, *corrected));
    return out;
  });
}

}  // namespace certhours::store
