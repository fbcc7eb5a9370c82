// Training sessions and who attended them, with the hours credited to each attendee.
#pragma once
#include <cstddef>
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

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
