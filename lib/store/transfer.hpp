// Officers and attendance read back in the columns their imports take (docs/api.md "Officer CSV
// columns", "Attendance CSV columns"), so that what one database holds can be imported into
// another: the roster and sign-in exports, and the round trip that tests the imports.
// Each read runs in one read transaction (one consistent snapshot) and hands rows to `each`
// as they are read, so a whole region is never held in memory. I/O failures throw.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "domain/calendar.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"

namespace certhours::store {

class Database;
class Units;

// One officer with the code of their unit (the import names units by code).
struct RosterRow {
  Officer officer;
  std::string unit_code;
};

// One recorded attendance: the import's columns (training id, ID number, the hours credited
// in each category) and, for a person reading the sheet, the officer's name and the
// session's title and last day.
struct AttendanceExportRow {
  Id training_id = 0;
  std::string training_title;
  Date training_end;
  std::string id_number, name;
  CategoryHours hours;
};

class Transfer {
 public:
  Transfer(Database& db, const Units& units);
  // Every officer of `unit_id`'s subtree, whatever their status, in id order (the order they
  // were registered, so an import into an empty database gives them the same ids). Calls
  // nothing when the unit does not exist.
  void roster(Id unit_id, const std::function<void(const RosterRow&)>& each);
  // Every attendance of an officer of `unit_id`'s subtree (at whichever unit the training was
  // organised), for trainings counted in `year` or in every year when it is nullopt, officer
  // by officer (unit path, officer id), each officer's attendance by year then training id.
  void attendance(Id unit_id, std::optional<int> year, const std::function<void(const AttendanceExportRow&)>& each);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
