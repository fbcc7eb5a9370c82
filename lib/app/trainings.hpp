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
};
Result<TrainingWithAttendees> training(App& app, const Caller& caller, Id training_id);

// All or nothing; officers outside an hr caller's units read as unknown (records[i].officer_id).
Result<store::AttendanceOutcome> record_attendance(App& app, const Caller& caller, Id training_id,
                                                   const std::vector<store::AttendanceRecord>& records);
Status remove_attendance(App& app, const Caller& caller, Id training_id, Id officer_id);

}  // namespace certhours::app
