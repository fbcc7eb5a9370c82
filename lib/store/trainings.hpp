// Training sessions and who attended them, with the hours credited to each attendee.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/hours.hpp"
#include "domain/status.hpp"
#include "domain/training.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;
class Units;

struct TrainingQuery {
  std::optional<int> year;
  std::optional<Id> unit_id;  // organised by this unit or one below it
  int limit = 100, offset = 0;
};

struct Attendee {
  Id officer_id = 0;
  std::string name;
  Id unit_id = 0;
  CategoryHours hours;
};

struct AttendanceRecord {
  Id officer_id = 0;
  PartialCredit credit;
};

struct AttendanceOutcome {
  struct Item {
    Id officer_id = 0;
    CategoryHours hours;
    bool added = false;  // false: already recorded, nothing changed
  };
  int added = 0, already_recorded = 0;
  std::vector<Item> items;
};

// What add_attendance did: the outcome, or why nothing was written. When one of the records
// was refused, `refused_record` is its position in the list and the Status's field names the
// record's own field ("officer_id", "legal", …).
struct AttendanceWrite {
  Result<AttendanceOutcome> result;
  std::optional<std::size_t> refused_record;
  bool is_ok() const { return result.is_ok(); }
};

class Trainings {
 public:
  Trainings(Database& db, const Units& units);
  Result<Training> create(const Training& t, const Actor& by);
  std::optional<Training> find(Id id);
  Page<Training> search(const TrainingQuery& q);
  // Attendees of a training, only those in `scope`'s subtree when given.
  std::vector<Attendee> attendees(Id training_id, std::optional<Id> scope);
  // All-or-nothing: every record is checked (officer exists and, when `scope` is given,
  // lies in its subtree; credit within the session's hours) before anything is written.
  AttendanceWrite add_attendance(Id training_id, const std::vector<AttendanceRecord>& records, std::optional<Id> scope,
                                 const Actor& by);
  // Not found when the training, the officer (in scope) or the attendance does not exist.
  Status remove_attendance(Id training_id, Id officer_id, std::optional<Id> scope, const Actor& by);

  // Corrections, each in one write transaction that first reads the session as recorded and
  // hands it to the caller's rules (`edit` returns the corrected session, or why not; `allowed`
  // says whether this caller may touch it), so nothing can change in between.
  using Edit = std::function<Result<Training>(const Training& recorded)>;
  using Allowed = std::function<Status(const Training& recorded)>;
  // The session as `edit` makes it. Its hours must still hold every recorded credit
  // (check_holds_credits: conflict); when its end date moves to another year, its attendance
  // moves with it. Audited with before and after.
  Result<Training> update(Id training_id, const Edit& edit, const Actor& by);
  // Deletes the session; one with attendance only when `with_attendance` (conflict
  // training_has_attendance otherwise), which deletes the attendance too, each audited.
  Status remove(Id training_id, bool with_attendance, const Allowed& allowed, const Actor& by);
  // Replaces one attendee's credit by corrected_credit (categories not given stay). Not found as
  // remove_attendance; audited with before and after. Returns the attendee as recorded now.
  Result<Attendee> correct_attendance(Id training_id, Id officer_id, const PartialCredit& change,
                                      std::optional<Id> scope, const Actor& by);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
