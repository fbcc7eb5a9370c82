// Helpers shared by the repositories of the store: column <-> value conversions,
// the audit append, the clock for recorded-at times. Private to lib/store.
#pragma once
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>

#include "domain/certificate.hpp"
#include "domain/officer.hpp"
#include "domain/training.hpp"
#include "store/connection.hpp"
#include "store/store.hpp"

namespace certhours::store {

// The units.path range [lo, hi) of a unit's subtree: every path starting with u.path
// ('0' is the character after '/', so hi ends the prefix range). Used with an index on path.
struct PathRange {
  std::string lo, hi;
};
inline PathRange subtree_range(const Unit& u) { return {u.path, u.path.substr(0, u.path.size() - 1) + "0"}; }

// Now, as RFC 3339 UTC with seconds ("2024-05-31T08:00:00Z").
std::string now_rfc3339();

Date column_date(const SQLite::Column& c);
std::optional<Date> column_opt_date(const SQLite::Column& c);
void bind_opt_date(SQLite::Statement& st, int index, const std::optional<Date>& d);

// Columns id, name, id_number, unit_id, kind, status, post_start, post_end from `first`.
Officer officer_from_row(SQLite::Statement& st, int first = 0);
inline constexpr const char* kOfficerColumns =
    "o.id, o.name, o.id_number, o.unit_id, o.kind, o.status, o.post_start, o.post_end";

// The officer with this id, read on the caller's connection (inside its transaction).
std::optional<Officer> load_officer(Connection& c, Id id);

// Columns id, title, organizer_unit_id, start_date, end_date, legal, business, political, rotation, mode.
Training training_from_row(SQLite::Statement& st, int first = 0);

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

}  // namespace certhours::store

namespace certhours::store {
// Certificates (certificates.cpp), shared with the officer update that withdraws them.
std::vector<Certificate> load_certificates_of(Connection& c, Id officer_id);
// Appends `e` to certificate `cert` and its audit entry (before/after: the certificate).
void append_certificate_event(Connection& c, Certificate& cert, const CertEvent& e, const Actor& by);
std::string audit_json(const Certificate& cert);
}  // namespace certhours::store
