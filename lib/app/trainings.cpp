#include "app/trainings.hpp"

#include "domain/messages.hpp"

namespace certhours::app {

namespace {
Status organised_in_reach(App& app, const Caller& caller, const Training& t) {
  if (caller.is(Role::admin) || sees_unit(app, caller, t.organizer_unit_id)) return Status::ok();
  return Status::forbidden(rules::training_not_organised_in_scope, {{"id", std::to_string(t.id)}});
}
}  // namespace

Result<Training> create_training(App& app, const Caller& caller, const Training& t) {
  if (Status s = check_training(t.spec); !s) return s;
  // A unit that does not exist and one outside an hr user's units read alike (never leak existence).
  if (Status s = visible_unit(app, caller, t.organizer_unit_id, "organizer_unit_id"); !s) return s;
  return app.store.trainings.create(t, caller.actor);
}

Result<store::Page<Training>> find_trainings(App& app, const store::TrainingQuery& q) {
  if (q.unit_id && !app.store.units.tree()->find(*q.unit_id))
    return Status::not_found(rules::unit_not_found, {{"id", std::to_string(*q.unit_id)}});
  return app.store.trainings.search(q);
}

Result<TrainingWithAttendees> training(App& app, const Caller& caller, Id training_id) {
  auto t = app.store.trainings.find(training_id);
  if (!t) return Status::not_found(rules::training_not_found, {{"id", std::to_string(training_id)}});
  bool may_change = organised_in_reach(app, caller, *t).is_ok();
  return TrainingWithAttendees{std::move(*t), app.store.trainings.attendees(training_id, caller.scope()), may_change};
}

Result<store::AttendanceOutcome> record_attendance(App& app, const Caller& caller, Id training_id,
                                                   const std::vector<store::AttendanceRecord>& records) {
  auto written = app.store.trainings.add_attendance(training_id, records, caller.scope(), caller.actor);
  if (written.refused_record) {
    // The refused record as the request names it: "records[2].officer_id".
    Status why = written.result.status();
    std::string at = "records[" + std::to_string(*written.refused_record) + "]." + why.field();
    return std::move(why).with_field(std::move(at));
  }
  return std::move(written.result);
}

Status remove_attendance(App& app, const Caller& caller, Id training_id, Id officer_id) {
  return app.store.trainings.remove_attendance(training_id, officer_id, caller.scope(), caller.actor);
}

Result<Training> change_training(App& app, const Caller& caller, Id training_id, const TrainingPatch& patch) {
  return app.store.trainings.update(
      training_id,
      [&](const Training& recorded) -> Result<Training> {
        if (Status s = organised_in_reach(app, caller, recorded); !s) return s;
        Training t = recorded;
        if (patch.title) t.spec.title = *patch.title;
        if (patch.start_date) t.spec.start_date = *patch.start_date;
        if (patch.end_date) t.spec.end_date = *patch.end_date;
        if (patch.hours) t.spec.hours = *patch.hours;
        if (patch.rotation) t.rotation = *patch.rotation;
        if (patch.mode) t.mode = *patch.mode;
        if (Status s = check_training(t.spec); !s) return s;
        return t;
      },
      caller.actor);
}

Status delete_training(App& app, const Caller& caller, Id training_id, bool with_attendance) {
  return app.store.trainings.remove(
      training_id, with_attendance, [&](const Training& recorded) { return organised_in_reach(app, caller, recorded); },
      caller.actor);
}

Result<store::Attendee> correct_attendance(App& app, const Caller& caller, Id training_id, Id officer_id,
                                           const PartialCredit& change) {
  return app.store.trainings.correct_attendance(training_id, officer_id, change, caller.scope(), caller.actor);
}

}  // namespace certhours::app
