#include "store/rows.hpp"

#include <boost/json.hpp>
#include <chrono>

#include "codec/entities.hpp"
#include "date/date.h"

namespace certhours::store {

namespace json = boost::json;

std::string now_rfc3339() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  // Written once a second per thread: a 400,000-row import writes a stamp per audit row.
  thread_local std::chrono::sys_seconds last{};
  thread_local std::string text;
  if (now != last || text.empty()) {
    text = format_rfc3339(now);
    last = now;
  }
  return text;
}

Date column_date(const SQLite::Column& c) {
  auto d = parse_date(c.getString());
  if (!d) throw std::runtime_error("corrupt date in column " + std::string(c.getName()) + ": " + c.getString());
  return *d;
}

std::optional<Date> column_opt_date(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return column_date(c);
}

void bind_opt_date(SQLite::Statement& st, int index, const std::optional<Date>& d) {
  if (d)
    st.bind(index, format_date(*d));
  else
    st.bind(index);
}

CategoryHours category_hours_at(SQLite::Statement& st, int first) {
  return {Hours::from_halves(st.getColumn(first).getInt64()), Hours::from_halves(st.getColumn(first + 1).getInt64()),
          Hours::from_halves(st.getColumn(first + 2).getInt64())};
}

Officer officer_from_row(SQLite::Statement& st, int i) {
  Officer o;
  o.id = st.getColumn(i).getInt64();
  o.name = st.getColumn(i + 1).getString();
  o.id_number = st.getColumn(i + 2).getString();
  o.unit_id = st.getColumn(i + 3).getInt64();
  o.kind = parse_kind(st.getColumn(i + 4).getString()).value_or(OfficerKind::enforcement);
  o.status = parse_officer_status(st.getColumn(i + 5).getString()).value_or(OfficerStatus::active);
  o.post_start = column_date(st.getColumn(i + 6));
  o.post_end = column_opt_date(st.getColumn(i + 7));
  return o;
}

User user_from_row(SQLite::Statement& st, int i) {
  User u;
  u.id = st.getColumn(i).getInt64();
  u.username = st.getColumn(i + 1).getString();
  u.role = parse_role(st.getColumn(i + 2).getString()).value_or(Role::officer);
  if (!st.getColumn(i + 3).isNull()) u.unit_id = st.getColumn(i + 3).getInt64();
  if (!st.getColumn(i + 4).isNull()) u.officer_id = st.getColumn(i + 4).getInt64();
  u.must_change_password = st.getColumn(i + 5).getInt() != 0;
  return u;
}

Training training_from_row(SQLite::Statement& st, int i) {
  Training t;
  t.id = st.getColumn(i).getInt64();
  t.spec.title = st.getColumn(i + 1).getString();
  t.organizer_unit_id = st.getColumn(i + 2).getInt64();
  t.spec.start_date = column_date(st.getColumn(i + 3));
  t.spec.end_date = column_date(st.getColumn(i + 4));
  t.spec.hours = category_hours_at(st, i + 5);
  t.rotation = st.getColumn(i + 8).getInt() != 0;
  t.mode = parse_mode(st.getColumn(i + 9).getString()).value_or(TrainingMode::in_person);
  return t;
}

// The audit records each entity as the codec writes it (the API's shape; see codec/entities.hpp).
std::string audit_json(const Unit& u) { return json::serialize(codec::unit_json(u)); }
std::string audit_json(const Officer& o) { return json::serialize(codec::officer_json(o, /*full_id=*/true)); }
std::string audit_json(const User& u) { return json::serialize(codec::user_json(u)); }
std::string audit_json(const Training& t) { return json::serialize(codec::training_json(t)); }
std::string audit_json(int year, const Policy& p) { return json::serialize(codec::policy_json(year, p)); }
std::string audit_json_attendance(Id training_id, Id officer_id, const CategoryHours& h) {
  return json::serialize(codec::attendance_json(training_id, officer_id, h));
}

namespace {
// The audit INSERT, one home for its columns: `rows` rows of (entity_id, before, after) sharing
// at, the actor and the action ($1-$5), bound by bind_audit_head.
std::string insert_audit_sql(std::size_t rows) {
  return multi_row_sql("INSERT INTO audit(at, actor_id, actor, action, entity, entity_id, before, after) VALUES",
                       "$1, $2, $3, $4, $5, ?, ?, ?", 5, rows);
}

void bind_audit_head(SQLite::Statement& st, const Actor& by, const char* action, const char* entity) {
  st.bind(1, now_rfc3339());
  if (by.user_id) st.bind(2, *by.user_id);
  st.bind(3, by.username);
  st.bind(4, action);
  st.bind(5, entity);
}

// One row's entity id, before and after from parameter `p` on (an empty text: NULL).
int bind_audit_row(SQLite::Statement& st, int p, std::optional<Id> entity_id, const std::string& before,
                   const std::string& after) {
  if (entity_id) st.bind(p, *entity_id);
  if (!before.empty()) st.bind(p + 1, before);
  if (!after.empty()) st.bind(p + 2, after);
  return p + 3;
}
}  // namespace

void append_audit(Connection& c, const Actor& by, const char* action, const char* entity, std::optional<Id> entity_id,
                  const std::string& before, const std::string& after) {
  static const std::string sql = insert_audit_sql(1);
  auto& st = c.prepare(sql);
  bind_audit_head(st, by, action, entity);
  bind_audit_row(st, 6, entity_id, before, after);
  st.exec();
}

void append_audits(Connection& c, const Actor& by, const char* action, const char* entity,
                   const std::vector<AuditedChange>& changes) {
  static const std::string sql = insert_audit_sql(kMultiRows);
  static const std::string none;
  std::size_t i = 0;
  for (; i + kMultiRows <= changes.size(); i += kMultiRows) {
    auto& st = c.prepare(sql);
    bind_audit_head(st, by, action, entity);
    int p = 6;
    for (std::size_t k = i; k < i + kMultiRows; ++k) p = bind_audit_row(st, p, changes[k].entity_id, none, changes[k].after);
    st.exec();
  }
  for (; i < changes.size(); ++i) append_audit(c, by, action, entity, changes[i].entity_id, none, changes[i].after);
}

std::string multi_row_sql(const char* head, std::string_view row, int shared, std::size_t rows, const char* tail) {
  std::string sql = head;
  int next = shared + 1;
  for (std::size_t i = 0; i < rows; ++i) {
    sql += i ? ", (" : " (";
    for (char ch : row) {
      if (ch == '?') sql += '?' + std::to_string(next++);
      else if (ch == '$') sql += '?';  // its number follows in `row`
      else sql += ch;
    }
    sql += ')';
  }
  return sql += tail;
}

}  // namespace certhours::store
