// Every handler of the route table (api.cpp). Each translates: it reads the request, calls
// one use case of lib/app, and writes the response. Grouped by resource.
#pragma once
#include "api/context.hpp"

namespace certhours::api::handlers {

// system.cpp
Response healthz(Ctx&);
Response readyz(Ctx&);
Response metrics(Ctx&);
Response openapi(Ctx&);
// session.cpp
Response login(Ctx&);
Response logout(Ctx&);
Response me(Ctx&);
Response change_own_password(Ctx&);
Response logout_everywhere(Ctx&);
// users.cpp
Response create_user(Ctx&);
Response list_users(Ctx&);
Response patch_user(Ctx&);
Response reset_user_password(Ctx&);
// units.cpp
Response list_units(Ctx&);
Response create_unit(Ctx&);
// officers.cpp
Response create_officer(Ctx&);
Response list_officers(Ctx&);
Response get_officer(Ctx&);
Response patch_officer(Ctx&);
// policies.cpp
Response get_policy(Ctx&);
Response put_policy(Ctx&);
// trainings.cpp
Response create_training(Ctx&);
Response list_trainings(Ctx&);
Response get_training(Ctx&);
Response add_attendance(Ctx&);
Response remove_attendance(Ctx&);
Response patch_training(Ctx&);
Response me_reminders(Ctx&);
Response me_calendar(Ctx&);
Response reset_me_calendar(Ctx&);
Response calendar_feed(Ctx&);
Response delete_training(Ctx&);
Response patch_attendance(Ctx&);
// hours.cpp
Response officer_hours(Ctx&);
Response compliance(Ctx&);

// certificates.cpp
Response issue_certificate(Ctx&);
Response officer_certificates(Ctx&);
Response certificate_action(Ctx&);
Response expiring_certificates(Ctx&);
Response eligibility(Ctx&);
Response public_certificate(Ctx&);
// reviews.cpp
Response put_assessment(Ctx&);
Response officer_assessments(Ctx&);
Response exit_review(Ctx&);
Response officers_template(Ctx&);
Response attendance_template(Ctx&);
Response exit_review_export(Ctx&);
Response progress_export(Ctx&);
Response put_exit_mark(Ctx&);
Response delete_exit_mark(Ctx&);
// audit.cpp
Response audit(Ctx&);
// rotation.cpp
Response rotation(Ctx&);
Response list_rotation_campaigns(Ctx&);
Response create_rotation_campaign(Ctx&);
Response progress_report(Ctx&);
// imports.cpp
Response import_officers(Ctx&);
Response import_attendance(Ctx&);
// exports.cpp
Response compliance_export(Ctx&);
Response rotation_export(Ctx&);
Response officers_export(Ctx&);
Response attendance_export(Ctx&);

}  // namespace certhours::api::handlers
