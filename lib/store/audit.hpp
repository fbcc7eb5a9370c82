// The audit log: every write appends its entry inside its own transaction (rows.hpp,
// append_audit); here are the entries that ride on no other write (a lookup by ID number, an
// export) and the log's reading.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "domain/id.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;

struct AuditEntry {
  Id id = 0;
  std::string at, actor, action, entity;
  std::optional<Id> entity_id;
  std::string before, after;  // JSON text, empty when none
};

// What one export contained. Exports are records too (docs/domain.md): every export (the
// annual compliance sheet, the rotation pending list, the roster and sign-in records in import
// columns) is written to the audit log, entity "export".
struct ExportRecord {
  std::string kind;               // "compliance", "rotation", "officers", "attendance"
  Id unit_id = 0;                 // the root of the exported subtree
  std::string unit_code;          // as the file name shows it
  std::optional<int> year;        // the sheet's year (rotation: the deadline's); none: every year
  std::optional<Id> campaign_id;  // rotation only
  std::string format;             // "csv" or "xlsx"
  std::int64_t rows = 0;          // rows below the header (officers, attendances)
  std::string file_name;          // as offered to the caller (HTTP) or written (command line)
};

class AuditLog {
 public:
  explicit AuditLog(Database& db);
  // A lookup of officers by a whole ID number (entity officer, action id_lookup; the officer
  // found, if one; the number masked).
  void id_lookup(const std::string& masked_id_number, std::optional<Id> found_officer, std::int64_t found,
                 const Actor& by);
  // An export (action "export", entity "export", entity_id the unit, `after` the record).
  void export_written(const ExportRecord& e, const Actor& by);
  // Newest first, filtered by entity and/or entity id when given.
  Page<AuditEntry> page(const std::optional<std::string>& entity, std::optional<Id> entity_id, int limit, int offset);

 private:
  Database& db_;
};

}  // namespace certhours::store
