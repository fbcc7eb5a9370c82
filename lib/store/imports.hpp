// Imports of rosters (officers), sign-in sheets (attendance) and exam score sheets from CSV text.
//
// All or nothing: every record is checked against the rules the API applies to one
// officer or one attendance (Officers::create, Trainings::add_attendance), then written in
// ONE write transaction; when any record is refused, nothing is written and the report
// lists the first refused lines (ImportLimits::listed_lines) and counts the rest. Records
// already on file count as skipped duplicates, so importing the same file twice adds
// nothing the second time.
//
// Memory: the text is read one record at a time (csv::Reader); what is kept grows with the
// good records only (bounded by ImportLimits::max_records), never with the bad ones. A file
// already refused by its own content is checked against the database on a read-only
// connection: it never holds the writer. Bounds: docs/limits.md, "Imports".
//
// ID numbers (an hr user's import, `scope` set): an ID number with no officer in the user's
// units reads the same whether nobody has it or an officer of another unit does, and only the
// first ImportLimits::named_unknown_ids such lines are named; further ones are neither listed
// nor counted (a count would tell how many of a list of guesses exist), only flagged
// (unlisted_unknown_ids). A line's other reasons never depend on whether its officer exists.
// The roster's "already registered" reads the same whoever the existing officer belongs to.
//
// Audit: one `create officer` / `create attendance` row per record written (as the API
// writes them), plus one summary row (action "import", entity "import", after:
// {kind, rows, imported, skipped_duplicates}) in the same transaction.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/csv.hpp"
#include "domain/officer.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;
class Units;

struct ImportLimits {
  // Records (lines below the header) one file may hold: at the first one past it the file is
  // refused whole, reading stops there and nothing is written.
  std::size_t max_records = 500'000;
  // Refused lines listed in a report (the first ones, in line order); the rest are counted.
  std::size_t listed_lines = 100;
  // Scoped (hr) imports: lines with an ID number unknown in the user's units named per file.
  std::size_t named_unknown_ids = 10;
};

struct ImportOutcome {
  int imported = 0, skipped_duplicates = 0;
  std::int64_t rows = 0;  // records read below the header
  // Why the file as a whole is refused (empty, no records, too many records), if it is.
  std::optional<Message> file_error;
  // The first refused lines, in line order (one entry per line, with every reason of it), and
  // how many more were refused.
  std::vector<csv::LineError> problems;
  std::int64_t more_problems = 0;
  // Lines with an unknown ID number past the named ones (scoped imports; see above).
  bool unlisted_unknown_ids = false;
  // Scoped imports: how many lines were refused as naming an ID number unknown in the user's
  // units (each tells that a number is not there: the api counts them against the user's
  // budget of lookups by ID number).
  std::int64_t named_unknown_ids = 0;
  // Not ok: nothing was written.
  bool is_ok() const { return !file_error && problems.empty() && more_problems == 0 && !unlisted_unknown_ids; }
};

class Imports {
 public:
  Imports(Database& db, const Units& units);

  // Officer columns: name, id_number, unit_code, kind, post_start, post_end (post_end may be
  // empty or absent). `text`: UTF-8 (the app decoded it). `scope`: the importer's unit (hr) or
  // nullopt (admin); a unit code outside it is refused like an unknown one. An officer whose
  // post_end is before `today` is registered as left (as POST /officers does). An ID number
  // already registered (or earlier in the file) with the same name and unit is a skipped
  // duplicate; with other data, an error on that line.
  ImportOutcome officers(std::string_view text, std::optional<Id> scope, Date today, const Actor& by,
                         const ImportLimits& limits = {});

  // Attendance columns: training_id, id_number, legal, business, political (hours columns
  // may be absent; an empty cell credits the session's hours in that category). The officer
  // must lie in `scope` (else rule id_number_unknown_in_units; id_number_unknown for an
  // admin: the same whether an officer elsewhere has it); hours within the session's. An
  // attendance already recorded (or earlier in the file) is a skipped duplicate.
  ImportOutcome attendance(std::string_view text, std::optional<Id> scope, const Actor& by,
                           const ImportLimits& limits = {});

  // Score-sheet columns: exam_id, id_number, score (admins only: no scope). The exam must exist
  // (exam_not_found) and the ID number be an officer's (id_number_unknown); the score 0 to 100 in
  // steps of 0.5. A score already recorded (or earlier in the file) with the same value is a
  // skipped duplicate; with another value, an error on that line (exam_result_differs,
  // exam_result_repeated): an import never changes a score. Audit: one create row per result
  // (entity exam, as PUT /exams/{id}/results/{officer_id} writes them) and the summary row.
  ImportOutcome exam_results(std::string_view text, const Actor& by, const ImportLimits& limits = {});

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
