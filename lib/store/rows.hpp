// Helpers shared by the repositories of the store: column <-> value conversions,
// the audit append, the clock for recorded-at times. Private to lib/store.
#pragma once
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/certificate.hpp"
#include "domain/exam.hpp"
#include "domain/exemption.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"
#include "domain/training.hpp"
#include "domain/unit_tree.hpp"
#include "store/actor.hpp"
#include "store/connection.hpp"

namespace certhours::store {

// The units.path range [lo, hi) of a unit's subtree: every path starting with u.path
// ('0' is the character after '/', so hi ends the prefix range). Used with an index on path.
struct PathRange {
  std::string lo, hi;
};
inline PathRange subtree_range(const Unit& u) { return {u.path, u.path.substr(0, u.path.size() - 1) + "0"}; }
// The range of the unit's subtree, or nullopt when there is no such unit.
inline std::optional<PathRange> subtree_of(const UnitTree& tree, Id unit_id) {
  const Unit* u = tree.find(unit_id);
  if (!u) return std::nullopt;
  return subtree_range(*u);
}
// Every path.
inline PathRange every_path() { return {"/", "0"}; }
// The range of `scope`'s subtree, every path when there is no scope, an empty range when
// the unit does not exist.
inline PathRange scope_range(const UnitTree& tree, std::optional<Id> scope) {
  if (!scope) return every_path();
  const Unit* u = tree.find(*scope);
  return u ? subtree_range(*u) : PathRange{};
}

// Now, as RFC 3339 UTC with seconds ("2024-05-31T08:00:00Z").
std::string now_rfc3339();

Date column_date(const SQLite::Column& c);
std::optional<Date> column_opt_date(const SQLite::Column& c);
void bind_opt_date(SQLite::Statement& st, int index, const std::optional<Date>& d);
// Hours per category from three columns of halves (legal, business, political) from `first`.
CategoryHours category_hours_at(SQLite::Statement& st, int first);

// Columns id, name, id_number, unit_id, kind, status, post_start, post_end from `first`.
Officer officer_from_row(SQLite::Statement& st, int first = 0);
inline constexpr const char* kOfficerColumns =
    "o.id, o.name, o.id_number, o.unit_id, o.kind, o.status, o.post_start, o.post_end";

// The officer with this id, read on the caller's connection (inside its transaction).
std::optional<Officer> load_officer(Connection& c, Id id);
// Registers `o` (its id ignored) with its audit entry; returns it with its id. Officers::create
// and the roster import write officers alike (officers.cpp).
Officer insert_officer(Connection& c, const Officer& o, const std::string& now, const Actor& by);

// Columns id, username, role, unit_id, officer_id, must_change_password from `first`
// (kUserColumns adds disabled and last_login_at, which UserRecord reads).
User user_from_row(SQLite::Statement& st, int first = 0);
inline constexpr const char* kUserColumns =
    "u.id, u.username, u.role, u.unit_id, u.officer_id, u.must_change_password, u.disabled, u.last_login_at";

// Columns id, title, organizer_unit_id, start_date, end_date, legal, business, political, rotation, mode.
Training training_from_row(SQLite::Statement& st, int first = 0);
inline constexpr const char* kTrainingColumns =
    "t.id, t.title, t.organizer_unit_id, t.start_date, t.end_date, t.legal_halves, t.business_halves, "
    "t.political_halves, t.rotation, t.mode";
// The training with this id, read on the caller's connection (trainings.cpp).
std::optional<Training> load_training(Connection& c, Id id);
// Credits `hours` of training `training_id` (counted in `year`) to the officer, with its audit
// entry, unless the officer's attendance of it is recorded already (false: nothing written).
// Trainings::add_attendance and the sign-in import write attendance alike (trainings.cpp).
bool insert_attendance(Connection& c, Id training_id, int year, Id officer_id, const CategoryHours& hours,
                       const std::string& now, const Actor& by);
struct NewAttendance {
  Id training_id = 0;
  int year = 0;
  Id officer_id = 0;
  CategoryHours hours;
  // The attendance table's key, in its order: one officer's year is one range of it.
  std::tuple<Id, int, Id> key() const { return {officer_id, year, training_id}; }
};
// insert_attendance for each of `rows`, in order (a second row of the same officer, year and
// session is not written), kMultiRows a statement: the attendance rows, then their audit
// entries. Returns how many were written.
std::size_t insert_attendances(Connection& c, const std::vector<NewAttendance>& rows, const std::string& now,
                               const Actor& by);

// Columns id, officer_id, from_date, to_date, reason_code, reason, created_by, created_at from
// `first` (exemptions.cpp; Credits reads a region's with the year's hours).
Exemption exemption_from_row(SQLite::Statement& st, int first = 0);
inline constexpr const char* kExemptionColumns =
    "e.id, e.officer_id, e.from_date, e.to_date, e.reason_code, e.reason, e.created_by, e.created_at";

// JSON text of an entity as the audit log records it: the codec's JSON (lib/codec), serialized.
std::string audit_json(const Unit& u);
std::string audit_json(const Officer& o);
std::string audit_json(const User& u);
std::string audit_json(const Training& t);
std::string audit_json(int year, const Policy& p);
std::string audit_json_attendance(Id training_id, Id officer_id, const CategoryHours& h);

// Appends one audit row; call inside the write transaction of the change it records.
void append_audit(Connection& c, const Actor& by, const char* action, const char* entity,
                  std::optional<Id> entity_id, const std::string& before, const std::string& after);
// One audit row per change of many: entity id and `after` of each (no `before`), as
// append_audit writes them, in order, kMultiRows a statement.
struct AuditedChange {
  Id entity_id = 0;
  std::string after;
};
void append_audits(Connection& c, const Actor& by, const char* action, const char* entity,
                   const std::vector<AuditedChange>& changes);

// Rows a multi-row INSERT writes at once: SQLite's work per statement (and per run of a
// trigger's program) is paid once a hundred rows; a hundred rows of up to 300 parameters stay
// under SQLite's 32,766.
inline constexpr std::size_t kMultiRows = 100;
// "INSERT … VALUES (…), (…) …" of `rows` rows: `head`, then for each row the values of `row`
// ("?": a parameter of that row; "$n": parameter n, shared by every row), then `tail`. The
// first `shared` parameters are the shared ones; the rows' are numbered after them, in order.
std::string multi_row_sql(const char* head, std::string_view row, int shared, std::size_t rows,
                          const char* tail = "");

}  // namespace certhours::store

namespace certhours::store {
// Sessions (sessions.cpp): every session of the user but `keep` (a token hash; empty: every
// one) ends; shared with the account changes that end sessions (users.cpp).
void delete_sessions(Connection& c, Id user_id, const std::string& keep);

// Certificates (certificates.cpp), shared with the officer update that withdraws them.
std::vector<Certificate> load_certificates_of(Connection& c, Id officer_id);
// Appends `e` to certificate `cert` and its audit entry (before/after: the certificate).
void append_certificate_event(Connection& c, Certificate& cert, const CertEvent& e, const Actor& by);
std::string audit_json(const Certificate& cert);
// Issues a certificate as Certificates::issue does (check_issue's rules, a taken number a
// conflict on field "number", the issue event and its audit), inside the caller's transaction:
// shared with the approval of an application (applications.cpp).
Result<Certificate> issue_certificate(Connection& c, Id officer_id, const std::string& number, Date issued_on,
                                      const std::optional<Date>& expires_on, const Actor& by);
bool certificate_number_taken(Connection& c, const std::string& number);
}  // namespace certhours::store

namespace certhours::store {
// Exams (exams.cpp), shared with the score-sheet import.
std::optional<Exam> find_exam(Connection& c, Id id);
std::optional<Score> find_exam_score(Connection& c, Id exam_id, Id officer_id);
// Records the officer's score (`before`: the score it replaces, if any) with its audit entry.
void put_exam_result(Connection& c, const Exam& exam, Id officer_id, Score score, const std::optional<Score>& before,
                     const std::string& now, const Actor& by);
}  // namespace certhours::store
