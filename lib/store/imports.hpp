// Imports of rosters (officers) and sign-in sheets (attendance) from CSV tables.
//
// All or nothing: every record is checked against the rules the API applies to one
// officer or one attendance (lib/api/officers.cpp, Store::add_attendance), inside ONE
// write transaction; when any record is refused, every refused line is reported and
// nothing is written. Records already on file count as skipped duplicates, so importing
// the same file twice adds nothing the second time.
//
// Audit: one `create officer` / `create attendance` row per record written (as the API
// writes them), plus one summary row (action "import", entity "import", after:
// {kind, rows, imported, skipped_duplicates}) in the same transaction.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/csv.hpp"
#include "store/store.hpp"

namespace certhours::store {

struct ImportOutcome {
  int imported = 0, skipped_duplicates = 0;
  // Refused lines, in line order (one entry per line; several reasons joined by "; ").
  // Non-empty: nothing was written.
  std::vector<csv::LineError> problems;
  bool is_ok() const { return problems.empty(); }
};

// Officer columns: name, id_number, unit_code, kind, post_start, post_end (post_end may be
// empty or absent). `scope`: the importer's unit (hr) or nullopt (admin); a unit code
// outside it is refused like an unknown one. An officer whose post_end is before `today`
// is registered as left (as POST /officers does). An ID number already registered (or
// earlier in the file) with the same name and unit is a skipped duplicate; with other
// data, an error on that line.
ImportOutcome import_officers(Store& store, const csv::Table& table, std::optional<Id> scope, Date today,
                              const Actor& by);

// Attendance columns: training_id, id_number, legal, business, political (hours columns
// may be absent; an empty cell credits the session's hours in that category). The officer
// must lie in `scope` (else "not found", as the API answers); hours within the session's.
// An attendance already recorded (or earlier in the file) is a skipped duplicate.
ImportOutcome import_attendance(Store& store, const csv::Table& table, std::optional<Id> scope, const Actor& by);

}  // namespace certhours::store
