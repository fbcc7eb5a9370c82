// Training sessions and who attended them: create a session, list and read sessions, record
// attendance in bulk (all or nothing) and take one back.
#pragma once
#include <optional>
#include <vector>

#include "app/app.hpp"

namespace certhours::app {

// A session organised by a unit of the caller's reach (not_found otherwise, field
// organizer_unit_id), after the domain's check_training.
Result<Training> create_training(App& app, const Caller& caller, const Training& t);

// Every session (any caller sees the programme); not_found for an unknown ?unit_id.
Result<store::Page<Training>> find_trainings(App& app, const store::TrainingQuery& q);

struct TrainingWithAttendees {
  Training training;
  std::vector<store::Attendee> attendees;  // those of the caller's units (hr), or all
  bool may_change = false;                 // the caller may correct or delete it (organised_in_reach)
};
Result<TrainingWithAttendees> training(App& app, const Caller& caller, Id training_id);

// All or nothing; officers outside an hr caller's units read as unknown (records[i].officer_id).
Result<store::AttendanceOutcome> record_attendance(App& app, const Caller& caller, Id training_id,
                                                   const std::vector<store::AttendanceRecord>& records);
Status remove_attendance(App& app, const Caller& caller, Id training_id, Id officer_id);

// Corrections (PATCH/DELETE /trainings/{id}). An hr caller changes only sessions organised by a
// unit of their reach (forbidden training_not_organised_in_scope otherwise: every hr user can
// read every session, so its existence is no secret).
struct TrainingPatch {
  std::optional<std::string> title;
  std::optional<Date> start_date, end_date;
  std::optional<CategoryHours> hours;
  std::optional<bool> rotation;
  std::optional<TrainingMode> mode;
};
// The fields given replace the recorded ones; the result passes check_training and still holds
// every recorded credit (conflict credit_exceeds_session).
Result<Training> change_training(App& app, const Caller& caller, Id training_id, const TrainingPatch& patch);
// A session with attendance only `with_attendance` (conflict training_has_attendance).
Status delete_training(App& app, const Caller& caller, Id training_id, bool with_attendance);
// One attendee's credit corrected (categories not given stay); officers outside an hr caller's
// units read as unknown, as for record_attendance.
Result<store::Attendee> correct_attendance(App& app, const Caller& caller, Id training_id, Id officer_id,
                                           const PartialCredit& change);

}  // namespace certhours::app
