#include "api/openapi_schemas.hpp"

#include <initializer_list>
#include <map>
#include <utility>

#include "app/administration.hpp"
#include "app/compliance_sheet.hpp"
#include "app/reminders.hpp"
#include "store/credits.hpp"
#include "domain/assessment.hpp"
#include "domain/certificate.hpp"
#include "domain/claim.hpp"
#include "domain/exemption.hpp"
#include "domain/enum_names.hpp"
#include "domain/exit_review.hpp"
#include "domain/messages.hpp"
#include "domain/officer.hpp"
#include "domain/qualification.hpp"
#include "domain/requirement.hpp"
#include "domain/rotation.hpp"
#include "domain/training.hpp"

namespace certhours::api::openapi {

namespace {

using Props = std::initializer_list<std::pair<const char*, json::value>>;

// --- schema words ---

json::object ref(const char* name) { return {{"$ref", std::string("#/components/schemas/") + name}}; }
json::object of_type(const char* type) { return {{"type", type}}; }
json::object integer(std::int64_t minimum = 0) { return {{"type", "integer"}, {"minimum", minimum}}; }
json::object id() { return integer(1); }
json::object count() { return integer(0); }
json::object year() { return {{"type", "integer"}, {"minimum", 1950}, {"maximum", 2099}}; }
json::object boolean() { return of_type("boolean"); }
json::object string() { return of_type("string"); }
// Text the server trims; never empty, no control characters, at most `max` characters.
json::object text(int max) { return {{"type", "string"}, {"minLength", 1}, {"maxLength", max}}; }
json::object date() { return {{"type", "string"}, {"format", "date"}}; }
json::object date_time() { return {{"type", "string"}, {"format", "date-time"}}; }
json::object hours() { return {{"type", "number"}, {"minimum", 0}, {"multipleOf", 0.5}}; }
json::object score() { return {{"type", "number"}, {"minimum", 0}, {"maximum", 100}, {"multipleOf", 0.5}}; }
// A fraction from 0 to 1 rounded to 4 decimals; null over zero officers.
json::object rate() {
  return {{"type", json::array{"number", "null"}}, {"minimum", 0}, {"maximum", 1}};
}
json::object enum_of(std::initializer_list<const char*> values) {
  json::array e;
  for (const char* v : values) e.emplace_back(v);
  return {{"type", "string"}, {"enum", std::move(e)}};
}
// Every key of an enum's table (domain/enum_names.hpp): the document lists what the code reads.
template <class E, std::size_t N>
json::object enum_of(const EnumNames<E, N>& names) {
  json::array e;
  for (const std::string& k : names.keys()) e.emplace_back(k);
  return {{"type", "string"}, {"enum", std::move(e)}};
}
json::object array_of(json::object items) { return {{"type", "array"}, {"items", std::move(items)}}; }
json::object any_object() { return of_type("object"); }

json::object described(json::object s, const char* description) {
  s["description"] = description;
  return s;
}

// `s` or null: a second type for plain schemas (null added to an enum), anyOf for a $ref.
json::object nullable(json::object s) {
  if (s.contains("$ref")) return {{"anyOf", json::array{std::move(s), of_type("null")}}};
  json::string type = s.at("type").as_string();
  s["type"] = json::array{type, "null"};
  if (auto* e = s.if_contains("enum")) e->as_array().emplace_back(nullptr);
  return s;
}

// An object of these properties; all are required except those named in `optional`.
json::object object(Props props, std::initializer_list<const char*> optional = {}) {
  json::object properties;
  json::array required;
  for (const auto& [name, schema] : props) {
    properties[name] = schema;
    bool opt = false;
    for (const char* o : optional) opt = opt || std::string_view(o) == name;
    if (!opt) required.emplace_back(name);
  }
  json::object o{{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) o["required"] = std::move(required);
  return o;
}

// A body whose unknown fields are refused with 422 (PATCH bodies and a few others).
json::object closed(json::object o) {
  o["additionalProperties"] = false;
  return o;
}

json::object all_of(std::initializer_list<json::object> parts) {
  json::array a;
  for (const auto& p : parts) a.emplace_back(p);
  return {{"allOf", std::move(a)}};
}

// A list answer: {items, total, limit, offset} (Page) with these items and extra fields.
json::object page_of(json::object item, Props extra = {}) {
  json::object properties{{"items", array_of(std::move(item))}};
  json::array required{"items"};
  for (const auto& [name, schema] : extra) {
    properties[name] = schema;
    required.emplace_back(name);
  }
  return all_of({ref("Page"), {{"type", "object"}, {"properties", std::move(properties)}, {"required", std::move(required)}}});
}

// --- query parameters ---

json::object query(const char* name, json::object schema, const char* description) {
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", std::move(schema)}};
}
json::object q_unit() {
  return query("unit_id", id(),
               "the unit whose subtree is covered (default: an hr user's own unit, else the root unit); 404 outside "
               "the caller's units");
}
json::object q_year(const char* description) { return query("year", year(), description); }
// ?status=in_progress,not_met: compliance statuses, comma-separated.
json::object q_statuses(const char* description) {
  return query("status",
               {{"type", "string"},
                {"pattern", "^(met|in_progress|not_met|exempt)(,(met|in_progress|not_met|exempt))*$"},
                {"examples", json::array{"not_met", "in_progress,not_met"}}},
               description);
}
json::object q_as_of(const char* description) { return query("as_of", date(), description); }
json::object q_campaign() {
  return query("campaign_id", id(),
               "the rotation campaign (default: of the campaigns started on as_of, the one that started last)");
}
json::object q_format(bool xlsx) {
  return xlsx ? query("format", enum_of(app::kExportFormats), "file format (default csv)")
              : query("format", enum_of({"csv"}), "csv only: the import's format (xlsx is 422)");
}
json::array with_paging(std::initializer_list<json::object> params) {
  json::array out;
  for (const auto& p : params) out.emplace_back(p);
  json::object limit{{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 100}};
  json::object offset{{"type", "integer"}, {"minimum", 0}, {"maximum", 1000000000}, {"default", 0}};
  out.emplace_back(query("limit", std::move(limit), "page size (1..1000; outside: 422)"));
  out.emplace_back(query("offset", std::move(offset), "items to skip"));
  return out;
}
json::array params(std::initializer_list<json::object> ps) {
  json::array out;
  for (const auto& p : ps) out.emplace_back(p);
  return out;
}

// --- operations ---

constexpr const char* kJson = "application/json";

OperationSchema read(json::value response, json::array query_params = {}) {
  OperationSchema op;
  op.response_media = {kJson};
  op.response = std::move(response);
  op.query = std::move(query_params);
  return op;
}

OperationSchema write(int status, json::value request, json::value response) {
  OperationSchema op;
  op.status = status;
  op.request_media = kJson;
  op.request = std::move(request);
  if (!response.is_null()) op.response_media = {kJson};
  op.response = std::move(response);
  if (status == 204) op.response_description = "done (no body)";
  return op;
}

OperationSchema no_content(json::value request = nullptr) {
  OperationSchema op = write(204, std::move(request), nullptr);
  if (op.request.is_null()) op.request_media.clear();
  return op;
}

// Error answers of the handler beyond those the facts of its route give (system.cpp derives 401,
// 403, 404, 413, 415, 422 and 5xx from public/roles/path ids/body/query): status -> rules.
using Answers = std::initializer_list<std::pair<int, std::initializer_list<Rule>>>;
OperationSchema answers(OperationSchema op, Answers more) {
  for (const auto& [status, rs] : more)
    for (Rule r : rs) op.errors[status].emplace_back(r.name);
  return op;
}

// A file download (an export): streamed, named by Content-Disposition, never cached.
OperationSchema download(bool xlsx, json::array query_params, const char* description) {
  OperationSchema op;
  op.response_media = {"text/csv; charset=utf-8"};
  if (xlsx) op.response_media.emplace_back("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  op.response = {{"type", "string"}, {"format", "binary"}};
  op.response_description = description;
  op.query = std::move(query_params);
  op.response_headers = {
      {"Content-Disposition",
       {{"description", "attachment; filename=\"…\" (ASCII, with the date) and filename*=UTF-8''… (the Chinese name)"},
        {"schema", string()}}},
      {"X-Export-Rows", {{"description", "rows written"}, {"schema", count()}}},
      {"Cache-Control", {{"description", "no-store (personal data)"}, {"schema", string()}}}};
  return op;
}

OperationSchema import(const char* columns) {
  OperationSchema op;
  op.request_media = "text/csv";
  op.request = {{"type", "string"},
                {"description", std::string("the CSV file (UTF-8 with or without BOM, or GB18030), at most 20 MiB; "
                                            "header row naming the columns ") +
                                    columns + "; unknown columns are ignored"}};
  op.response_media = {kJson};
  op.response = ref("ImportResult");
  op.response_description = "imported, all of it";
  op.other_responses = {
      {"422",
       {{"description", "refused, nothing written: the first 100 bad lines in rows, more_rows counts the rest"},
        {"content", {{kJson, {{"schema", ref("ImportReport")}}}}}}}};
  return op;
}

using Table = std::map<std::string, OperationSchema, std::less<>>;

std::string key(std::string_view method, std::string_view pattern) {
  return std::string(method) + " " + std::string(pattern);
}

Table make_table() {
  Table t;
  // `name` is the operationId: what a generated client calls the route, so never renamed.
  auto add = [&](const char* method, const std::string& pattern, const char* name, OperationSchema op) {
    op.name = name;
    t[key(method, pattern)] = std::move(op);
  };

  // System: /healthz, /readyz and /metrics also under /api/v1 (getHealthz, getApiHealthz…).
  for (std::string prefix : {"", "/api/v1"}) {
    bool api = !prefix.empty();
    add("GET", prefix + "/healthz", api ? "getApiHealthz" : "getHealthz", read(ref("Health")));
    OperationSchema ready = read(ref("Ready"));
    ready.response_description = "the database file can be read now";
    add("GET", prefix + "/readyz", api ? "getApiReadyz" : "getReadyz",
        answers(std::move(ready), {{503, {rules::database_unreadable}}}));
    OperationSchema metrics;
    metrics.response_media = {"text/plain; version=0.0.4; charset=utf-8"};
    metrics.response = described(string(), "Prometheus text: requests by route and status, latency histogram, DB size");
    metrics.response_description = "Prometheus metrics (loopback and --metrics-allow addresses only)";
    add("GET", prefix + "/metrics", api ? "getApiMetrics" : "getMetrics",
        answers(std::move(metrics), {{403, {rules::metrics_not_allowed}}}));
  }
  add("GET", "/api/v1/openapi.json", "getOpenApi", read(described(any_object(), "an OpenAPI 3.1 document")));

  // Session and the caller's own account.
  {
    OperationSchema login = write(200, object({{"username", string()}, {"password", string()}}), ref("Session"));
    login.response_description = "logged in; the token is also set in the certhours_session cookie";
    login.response_headers = {
        {"Set-Cookie",
         {{"description", "certhours_session=TOKEN; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"},
          {"schema", string()}}}};
    add("POST", "/api/v1/session", "login", std::move(login));
  }
  add("DELETE", "/api/v1/session", "logout", no_content());
  add("GET", "/api/v1/me", "getMe", read(ref("User")));
  add("PUT", "/api/v1/me/password", "changeOwnPassword",
      no_content(closed(object({{"current_password", string()},
                                {"new_password", described(text(256),
                                                           "8-256 bytes, not a common password, not the "
                                                           "username, not the current one")}}))));
  add("DELETE", "/api/v1/me/sessions", "logoutEverywhere", no_content());
  add("GET", "/api/v1/me/reminders", "getMyReminders", read(ref("Reminders")));
  add("GET", "/api/v1/me/calendar", "getMyCalendar", read(ref("CalendarFeed")));
  {
    OperationSchema reset =
        write(200, described(closed(object({})), "nothing to send: {} (or no body)"), ref("CalendarFeed"));
    reset.response_description = "a new feed URL; the old one answers 404 calendar_feed_not_found from now on";
    add("POST", "/api/v1/me/calendar/reset", "resetMyCalendar", std::move(reset));
    OperationSchema feed;
    feed.response_media = {"text/calendar; charset=utf-8"};
    feed.response = described(string(), "RFC 5545: one VCALENDAR of all-day VEVENTs (UID, DTSTAMP, DTSTART/DTEND)");
    feed.response_description =
        "officer: their certificates' expiry and the sessions credited to them; hr/admin: their units' certificates "
        "expiring within 12 months and the sessions their units organise (404 for an unknown or reset secret)";
    feed.response_headers = {{"Cache-Control", {{"description", "private, no-store"}, {"schema", string()}}}};
    add("GET", "/api/v1/calendar/{secret}.ics", "getCalendarFeed", std::move(feed));
  }

  // Users (admin).
  add("GET", "/api/v1/users", "listUsers", read(page_of(ref("UserAccount")), with_paging({})));
  add("POST", "/api/v1/users", "createUser",
      write(201,
            object(
                {{"username",
                  described({{"type", "string"}, {"minLength", 1}, {"maxLength", 64}, {"pattern", "^[A-Za-z0-9_.-]+$"}},
                            "letters, digits, '_', '.', '-'")},
                 {"password", {{"type", "string"}, {"minLength", 8}, {"maxLength", 256}}},
                 {"role", enum_of(kRoles)},
                 {"unit_id", described(nullable(id()), "required for hr")},
                 {"officer_id", described(nullable(id()), "required for officer")},
                 {"must_change_password", nullable(boolean())}},
                {"unit_id", "officer_id", "must_change_password"}),
            ref("User")));
  add("PATCH", "/api/v1/users/{id}", "updateUser",
      write(200, closed(object({{"disabled", nullable(boolean())}}, {"disabled"})), ref("UserAccount")));
  add("POST", "/api/v1/users/{id}/password", "resetUserPassword",
      no_content(closed(object({{"new_password", {{"type", "string"}, {"minLength", 8}, {"maxLength", 256}}}}))));

  // Units.
  add("GET", "/api/v1/units", "listUnits", read(page_of(ref("Unit")), with_paging({})));
  add("POST", "/api/v1/units", "createUnit",
      write(201,
            object({{"code", text(64)},
                    {"name", text(200)},
                    {"parent_id", described(nullable(id()), "required; null only for the root unit")},
                    {"level", enum_of(kUnitLevels)}}),
            ref("Unit")));

  // Officers.
  add("POST", "/api/v1/officers", "createOfficer",
      write(201,
            object({{"name", text(50)},
                    {"id_number", described({{"type", "string"}, {"minLength", 18}, {"maxLength", 18}},
                                            "18-character resident ID number (GB 11643 check digit, real birth date)")},
                    {"unit_id", id()},
                    {"kind", enum_of(kOfficerKinds)},
                    {"post_start", date()},
                    {"post_end", nullable(date())}},
                   {"post_end"}),
            ref("Officer")));
  add("GET", "/api/v1/officers", "listOfficers",
      read(page_of(ref("Officer")),
           with_paging({q_unit(),
                        query("q", text(50),
                              "a part of the name, or a whole ID number (hr: audited; 20 a day that find nobody)"),
                        query("status", enum_of(kOfficerStatuses), "only officers of this status")})));
  add("GET", "/api/v1/officers/export", "exportOfficers",
      download(false, params({q_unit(), q_format(false)}),
               "the roster: name,id_number,unit_code,kind,post_start,post_end (full ID numbers), UTF-8 with BOM"));
  add("GET", "/api/v1/officers/{id}", "getOfficer", read(ref("Officer")));
  add("PATCH", "/api/v1/officers/{id}", "updateOfficer",
      write(
          200,
          [] {
            json::object o = closed(object({{"name", text(50)},
                                            {"unit_id", id()},
                                            {"post_end", nullable(date())},
                                            {"status", enum_of(kOfficerStatuses)}},
                                           {"name", "unit_id", "post_end", "status"}));
            o["minProperties"] = 1;
            return o;
          }(),
          ref("Officer")));
  add("GET", "/api/v1/officers/{id}/hours", "getOfficerHours",
      read(ref("OfficerHours"), params({q_year("the year (default: this year in Asia/Shanghai)"),
                                        q_as_of("count trainings ended on or before this date (default: today)")})));

  // Policies.
  add("GET", "/api/v1/policies/{year}", "getPolicy", read(ref("Policy")));
  add("PUT", "/api/v1/policies/{year}", "putPolicy",
      write(
          200,
          object({{"legal_hours", hours()}, {"business_hours", hours()}, {"proration", nullable(enum_of(kProrations))}},
                 {"proration"}),
          ref("Policy")));

  // Trainings and attendance.
  json::object credit = closed(object({{"legal", hours()}, {"business", hours()}, {"political", hours()}},
                                      {"legal", "business", "political"}));
  add("POST", "/api/v1/trainings", "createTraining",
      write(201,
            object({{"title", text(200)},
                    {"organizer_unit_id", id()},
                    {"start_date", date()},
                    {"end_date", date()},
                    {"hours", described(credit, "at least one hour in some category; left out: 0")},
                    {"rotation", nullable(boolean())},
                    {"mode", nullable(enum_of(kTrainingModes))}},
                   {"rotation", "mode"}),
            ref("Training")));
  add("GET", "/api/v1/trainings", "listTrainings",
      read(page_of(ref("Training")), with_paging({q_year("trainings counted in this year (their end date's)"),
                                                  query("unit_id", id(), "trainings organised by this unit")})));
  add("GET", "/api/v1/trainings/{id}", "getTraining", read(ref("TrainingDetail")));
  add("POST", "/api/v1/trainings/{id}/attendance", "addAttendance",
      write(200,
            object({{"records",
                     [&] {
                       json::object a = array_of(object(
                           {{"officer_id", id()},
                            {"hours", described(credit, "a partial credit; left out: the session's hours")}},
                           {"hours"}));
                       a["minItems"] = 1;
                       return a;
                     }()}}),
            ref("AttendanceResult")));
  add("DELETE", "/api/v1/trainings/{id}/attendance/{officer_id}", "removeAttendance", no_content());
  add("PATCH", "/api/v1/trainings/{id}", "updateTraining",
      write(
          200,
          [&] {
            json::object o = closed(object({{"title", text(200)},
                                            {"start_date", date()},
                                            {"end_date", date()},
                                            {"hours", described(credit, "the session's new hours; left out: 0")},
                                            {"rotation", boolean()},
                                            {"mode", enum_of(kTrainingModes)}},
                                           {"title", "start_date", "end_date", "hours", "rotation", "mode"}));
            o["minProperties"] = 1;
            return o;
          }(),
          ref("Training")));
  {
    OperationSchema del = no_content();
    del.query = params({query("with_attendance", boolean(),
                              "true: delete a training that has attendance, with its attendance (else 409)")});
    add("DELETE", "/api/v1/trainings/{id}", "deleteTraining", std::move(del));
  }
  add("PATCH", "/api/v1/trainings/{id}/attendance/{officer_id}", "updateAttendance",
      write(200,
            closed(object({{"hours", described(credit, "the categories to correct; the others stay as recorded")}})),
            object({{"training_id", id()},
                    {"officer_id", id()},
                    {"name", string()},
                    {"unit_id", id()},
                    {"hours", ref("CategoryHours")}})));

  // Hours and compliance.
  add("GET", "/api/v1/compliance", "getCompliance",
      read(ref("Compliance"), with_paging({q_year("the year (default: this year)"), q_unit(),
                                           q_as_of("the date the status is evaluated on (default: today)"),
                                           q_statuses("only items of these statuses (the summary counts everyone)"),
                                           query("q", text(50), "a part of the name, or a whole ID number")})));
  add("GET", "/api/v1/compliance/export", "exportCompliance",
      download(true,
               params({q_year("the year (default: this year)"), q_unit(), q_format(true),
                       q_statuses("only officers of these statuses (the XLSX's 按单位汇总 counts everyone)")}),
               "the annual compliance sheet (CSV: UTF-8 with BOM; XLSX: title row, generated-by line, summary sheet)"));

  // Certificates.
  add("POST", "/api/v1/officers/{id}/certificates", "issueCertificate",
      write(201,
            object({{"number", {{"type", "string"}, {"pattern", "^[A-Za-z0-9-]{4,40}$"}}},
                    {"issued_on", date()},
                    {"expires_on", described(nullable(date()), "default: five years less a day after issued_on")}},
                   {"expires_on"}),
            ref("Certificate")));
  add("GET", "/api/v1/officers/{id}/certificates", "listOfficerCertificates",
      read(page_of(ref("Certificate")), with_paging({})));
  add("POST", "/api/v1/certificates/{id}/actions", "actOnCertificate",
      write(200,
            object({{"action", enum_of({"suspend", "restore", "withdraw", "cancel"})},
                    {"effective_on", described(nullable(date()), "default: today")},
                    {"reason", described(nullable(text(500)), "required for suspend, withdraw and cancel")},
                    {"until", described(nullable(date()), "suspend only: its last day")}},
                   {"effective_on", "reason", "until"}),
            ref("Certificate")));
  add("GET", "/api/v1/certificates/expiring", "listExpiringCertificates",
      read(page_of(ref("ExpiringCertificate"), {{"unit_id", integer()}, {"days", count()}}),
           with_paging(
               {q_unit(), query("days", {{"type", "integer"}, {"minimum", 0}, {"maximum", 3650}, {"default", 90}},
                                "window in days from today")})));
  add("GET", "/api/v1/officers/{id}/eligibility", "getOfficerEligibility",
      read(ref("Eligibility"), params({query("on", date(), "the date asked about (default: today)")})));
  add("GET", "/api/v1/public/certificates/{number}", "checkCertificate", read(ref("PublicCertificate")));

  // Qualification exams and certificate applications.
  add("POST", "/api/v1/exams", "createExam",
      write(201,
            object({{"name", text(static_cast<int>(kExamNameMaxChars))},
                    {"held_on", described(date(), "not after today")},
                    {"pass_score", described(nullable(score()), "default 60")}},
                   {"pass_score"}),
            ref("Exam")));
  add("GET", "/api/v1/exams", "listExams", read(page_of(ref("Exam")), with_paging({})));
  add("GET", "/api/v1/exams/{id}", "getExam", read(ref("ExamDetail"), with_paging({})));
  add("PUT", "/api/v1/exams/{id}/results/{officer_id}", "putExamResult",
      write(200, object({{"score", score()}}), ref("ExamResult")));
  add("GET", "/api/v1/officers/{id}/exams", "listOfficerExams", read(page_of(ref("OfficerExam")), with_paging({})));
  add("GET", "/api/v1/officers/{id}/qualification", "getOfficerQualification",
      read(ref("QualificationReview"),
           params({query("kind", enum_of(kApplicationKinds), "the application's kind (default first)"),
                   query("on", date(), "the review date D (default: today)")})));
  add("POST", "/api/v1/applications", "submitApplication",
      write(201, object({{"officer_id", id()}, {"kind", enum_of(kApplicationKinds)}}), ref("Application")));
  add("GET", "/api/v1/applications", "listApplications",
      read(page_of(ref("Application")),
           with_paging({q_unit(), query("state", enum_of(kApplicationStateNames), "only applications in this state"),
                        query("kind", enum_of(kApplicationKinds), "only applications of this kind"),
                        query("order", enum_of({"newest", "oldest"}), "by submission (default newest first)")})));
  add("GET", "/api/v1/applications/{id}", "getApplication", read(ref("Application")));
  add("GET", "/api/v1/officers/{id}/applications", "listOfficerApplications",
      read(page_of(ref("Application")), with_paging({})));
  add("POST", "/api/v1/applications/{id}/decision", "decideApplication",
      write(200,
            object({{"decision", enum_of(kApplicationDecisions)},
                    {"reason", described(nullable(text(500)), "required to reject")},
                    {"number", described(nullable({{"type", "string"}, {"pattern", "^[A-Za-z0-9-]{4,40}$"}}),
                                         "approve: the certificate number (default: the next free YYYYNNNNNN)")},
                    {"issued_on", described(nullable(date()),
                                            "approve (default: today; a renewal: the day after the old expiry)")},
                    {"expires_on", described(nullable(date()), "approve (default: five years less a day)")}},
                   {"reason", "number", "issued_on", "expires_on"}),
            ref("Application")));
  add("POST", "/api/v1/applications/{id}/withdraw", "withdrawApplication",
      write(200, described(object({{"reason", nullable(text(500))}}, {"reason"}), "optional: {reason?} or no body"),
            ref("Application")));

  // External training claims and exemptions.
  add("POST", "/api/v1/officers/{id}/claims", "createClaim",
      answers(write(201,
            object({{"title", text(static_cast<int>(kClaimTextMaxChars))},
                    {"provider", described(text(static_cast<int>(kClaimTextMaxChars)), "who ran the course")},
                    {"start_date", date()},
                    {"end_date", described(date(), "not after today")},
                    {"hours", described(credit, "a session's rules: at least 0.5 in all, at most 10 a day; left out: 0")}}),
            ref("Claim")),
              {{409, {rules::claim_open_limit}}}));
  {
    OperationSchema put;
    put.request_media = "application/pdf";
    put.request_media_also = {"image/jpeg", "image/png"};
    put.request = described({{"type", "string"}, {"format", "binary"}, {"maxLength", kEvidenceMaxBytes}},
                            "the file, at most 5 MiB; its first bytes decide its type, not the Content-Type");
    put.response_media = {kJson};
    put.response = ref("Claim");
    put.response_description = "attached (replacing any earlier file): the claim is submitted";
    add("PUT", "/api/v1/claims/{id}/evidence", "putClaimEvidence",
        answers(std::move(put), {{404, {rules::claim_not_found}}, {409, {rules::claim_transition}}}));
    OperationSchema get;
    get.response_media = {"application/pdf", "image/jpeg", "image/png"};
    get.response = {{"type", "string"}, {"format", "binary"}};
    get.response_description = "the file, as the type its bytes were recognised as";
    get.response_headers = {
        {"Content-Disposition",
         {{"description", "attachment; filename=\"claim-ID-evidence.pdf|jpg|png\""}, {"schema", string()}}},
        {"X-Content-Type-Options", {{"description", "nosniff"}, {"schema", string()}}}};
    add("GET", "/api/v1/claims/{id}/evidence", "getClaimEvidence",
        answers(std::move(get), {{404, {rules::claim_not_found}}}));
  }
  add("GET", "/api/v1/claims", "listClaims",
      read(page_of(ref("Claim")),
           with_paging({q_unit(), query("state", enum_of(kClaimStateNames), "only claims in this state"),
                        q_year("only claims counted in this year (their end date's)")})));
  add("GET", "/api/v1/claims/{id}", "getClaim", read(ref("Claim")));
  add("GET", "/api/v1/officers/{id}/claims", "listOfficerClaims", read(page_of(ref("Claim")), with_paging({})));
  add("POST", "/api/v1/claims/{id}/decision", "decideClaim",
      answers(write(200,
                    object({{"decision", enum_of(kClaimDecisions)},
                            {"hours", described(nullable(credit),
                                                "approve: the hours credited per category, never more than claimed "
                                                "(left out: as claimed)")},
                            {"reason", described(nullable(text(500)), "required to reject")}},
                           {"hours", "reason"}),
                    ref("Claim")),
              {{403, {rules::claim_own_decision}}, {409, {rules::claim_transition}}}));
  add("POST", "/api/v1/claims/{id}/withdraw", "withdrawClaim",
      answers(write(200, described(closed(object({})), "nothing to send: {} (or no body)"), ref("Claim")),
              {{409, {rules::claim_transition}}}));
  add("POST", "/api/v1/claims/{id}/revoke", "revokeClaim",
      answers(write(200, object({{"reason", text(500)}}), ref("Claim")), {{409, {rules::claim_transition}}}));
  add("POST", "/api/v1/officers/{id}/exemptions", "createExemption",
      answers(write(201,
                    object({{"from", described(date(), "in the current year or the previous one")},
                            {"to", described(date(), "in from's year, not before it")},
                            {"reason_code", enum_of(kExemptionReasons)},
                            {"reason", described(nullable(text(500)), "required for other")}},
                           {"reason"}),
                    ref("Exemption")),
              {{409, {rules::exemption_year_closed, rules::exemption_overlaps}}}));
  add("GET", "/api/v1/officers/{id}/exemptions", "listOfficerExemptions",
      read(page_of(ref("Exemption")), with_paging({})));
  add("DELETE", "/api/v1/exemptions/{id}", "deleteExemption", no_content());

  // Assessments and the exit review.
  add("GET", "/api/v1/officers/{id}/assessments", "listOfficerAssessments",
      read(page_of(object({{"year", year()}, {"grade", enum_of(kGrades)}, {"grade_name", string()}}),
                   {{"officer_id", id()}}),
           with_paging({})));
  add("PUT", "/api/v1/officers/{id}/assessments/{year}", "putAssessment",
      write(200, object({{"grade", enum_of(kGrades)}}), ref("Assessment")));
  add("GET", "/api/v1/reviews/exit", "getExitReview",
      read(page_of(ref("ExitReviewItem"),
                   {{"year", year()},
                    {"unit_id", integer()},
                    {"as_of", date()},
                    {"counts", described(object({{"listed", count()}, {"handled", count()}, {"pending", count()}}),
                                         "the whole review, whatever ?handled= keeps")}}),
           with_paging({q_year("the year reviewed (default: last year)"), q_unit(),
                        query("handled", boolean(), "true: only those marked 已处理; false: only those still open")})));
  add("GET", "/api/v1/reviews/exit/export", "exportExitReview",
      download(true, params({q_year("the year reviewed (default: last year)"), q_unit(), q_format(true)}),
               "the exit review: one row per listed officer with the reasons and the 已处理 mark"));
  add("PUT", "/api/v1/reviews/exit/{year}/officers/{officer_id}", "putExitMark",
      write(200,
            closed(object({{"decision", enum_of(kExitDecisions)},
                           {"note", described(nullable(text(static_cast<int>(kExitNoteMaxChars))),
                                              "what was decided and why (at most 500 characters)")}},
                          {"note"})),
            ref("ExitMark")));
  add("DELETE", "/api/v1/reviews/exit/{year}/officers/{officer_id}", "deleteExitMark", no_content());

  // Audit.
  add("GET", "/api/v1/audit", "listAudit",
      read(page_of(ref("AuditEntry")),
           with_paging({query("entity",
                              [] {
                                json::array keys;
                                for (const char* e : app::kAuditEntities) keys.emplace_back(e);
                                return json::object{{"type", "string"}, {"enum", std::move(keys)}};
                              }(),
                              "only entries of this entity"),
                        query("entity_id", id(), "only entries of this entity id")})));

  // Rotation and the progress report.
  add("GET", "/api/v1/rotation", "getRotation",
      read(ref("Rotation"),
           with_paging({q_unit(), q_campaign(), q_as_of("the date the status is evaluated on (default: today)")})));
  add("GET", "/api/v1/rotation/campaigns", "listCampaigns", read(page_of(ref("Campaign")), with_paging({})));
  add("POST", "/api/v1/rotation/campaigns", "createCampaign",
      write(201, object({{"name", text(200)}, {"window_start", date()}, {"deadline", date()}}), ref("Campaign")));
  add("GET", "/api/v1/rotation/export", "exportRotation",
      download(true, params({q_unit(), q_campaign(), q_as_of("the date of the list (default: today)"), q_format(true)}),
               "the pending list of the rotation (who has not been rotated), as CSV or XLSX"));
  add("GET", "/api/v1/reports/progress", "getProgressReport",
      read(ref("ProgressReport"), params({q_unit(), q_campaign(), q_as_of("the report date (default: today)")})));
  add("GET", "/api/v1/reports/progress/export", "exportProgressReport",
      download(true, params({q_unit(), q_campaign(), q_as_of("the report date (default: today)"), q_format(true)}),
               "the progress report: one row per direct child unit, then 合计 for the unit"));

  // Imports and exports in the import's columns.
  add("POST", "/api/v1/imports/officers", "importOfficers",
      import("name,id_number,unit_code,kind,post_start,post_end"));
  add("POST", "/api/v1/imports/attendance", "importAttendance",
      import("training_id,id_number,legal,business,political"));
  add("POST", "/api/v1/imports/exam-results", "importExamResults", import("exam_id,id_number,score"));
  {
    OperationSchema blank = download(true, params({q_format(true)}),
                                     "the import's header row with its Chinese column names (CSV with BOM), or an "
                                     "XLSX whose columns are formatted as text, with a 填写说明 sheet");
    blank.response_headers.erase("X-Export-Rows");
    blank.response_headers.erase("Cache-Control");
    add("GET", "/api/v1/imports/officers/template", "getOfficersTemplate", blank);
    add("GET", "/api/v1/imports/attendance/template", "getAttendanceTemplate", std::move(blank));
  }
  add("GET", "/api/v1/attendance/export", "exportAttendance",
      download(false, params({q_year("one year (default: every year)"), q_unit(), q_format(false)}),
               "the attendance: training_id,id_number,legal,business,political (hours credited), then "
               "name,training_title,training_end for the reader; UTF-8 with BOM"));

  // What handlers answer of their own beyond what the route tells (system.cpp derives 401 without a
  // token, 403 for another role, 404 for path ids and unit scope, 400/413/415/422 for bodies…).
  auto also = [&](const char* method, const char* pattern, Answers more) {
    OperationSchema& op = t.at(key(method, pattern));
    op = answers(std::move(op), more);
  };
  also("POST", "/api/v1/session",
       {{401, {rules::login_failed, rules::account_disabled, rules::officer_left}}, {429, {rules::login_throttled}}});
  also("PUT", "/api/v1/me/password", {{429, {rules::login_throttled}}});
  also("GET", "/api/v1/calendar/{secret}.ics", {{404, {rules::calendar_feed_not_found}}});
  also("POST", "/api/v1/users", {{409, {rules::username_taken}}});
  also("PATCH", "/api/v1/users/{id}", {{409, {rules::cannot_disable_self}}});
  also("POST", "/api/v1/units", {{409, {rules::unit_code_taken}}});
  also("POST", "/api/v1/officers", {{404, {rules::unit_not_found}}, {409, {rules::id_number_taken}}});
  also("GET", "/api/v1/officers", {{429, {rules::id_lookup_budget}}});
  also("PATCH", "/api/v1/officers/{id}", {{404, {rules::unit_not_found}}});
  also("PUT", "/api/v1/policies/{year}", {{409, {rules::policy_frozen}}});
  also("POST", "/api/v1/trainings", {{404, {rules::unit_not_found}}});
  also("PATCH", "/api/v1/trainings/{id}",
       {{403, {rules::training_not_organised_in_scope}}, {409, {rules::credit_exceeds_session}}});
  also("DELETE", "/api/v1/trainings/{id}",
       {{403, {rules::training_not_organised_in_scope}}, {409, {rules::training_has_attendance}}});
  also("DELETE", "/api/v1/trainings/{id}/attendance/{officer_id}", {{404, {rules::attendance_not_found}}});
  also("PATCH", "/api/v1/trainings/{id}/attendance/{officer_id}", {{404, {rules::attendance_not_found}}});
  also("GET", "/api/v1/compliance", {{429, {rules::id_lookup_budget}}});
  also("POST", "/api/v1/officers/{id}/certificates",
       {{409,
         {rules::certificate_number_taken, rules::police_credentials, rules::issue_to_left_officer,
          rules::issue_before_existing, rules::certificate_already_held}}});
  also("POST", "/api/v1/certificates/{id}/actions",
       {{409, {rules::certificate_transition, rules::certificate_before_issue, rules::certificate_events_order}}});
  also("GET", "/api/v1/public/certificates/{number}",
       {{404, {rules::certificate_number_unknown}}, {429, {rules::public_check_throttled}}});
  also("PUT", "/api/v1/reviews/exit/{year}/officers/{officer_id}", {{409, {rules::exit_review_not_listed}}});
  also("POST", "/api/v1/exams", {{422, {rules::exam_in_future, rules::score_invalid}}});
  also("GET", "/api/v1/exams/{id}", {{404, {rules::exam_not_found}}});
  also("PUT", "/api/v1/exams/{id}/results/{officer_id}",
       {{404, {rules::exam_not_found}}, {422, {rules::score_invalid}}});
  also("GET", "/api/v1/officers/{id}/qualification", {{409, {rules::police_credentials}}});
  also("POST", "/api/v1/applications",
       {{404, {rules::officer_not_found}},
        {409, {rules::police_credentials, rules::issue_to_left_officer, rules::application_open}}});
  also("GET", "/api/v1/applications", {{404, {rules::unit_not_found}}});
  also("GET", "/api/v1/applications/{id}", {{404, {rules::application_not_found}}});
  also("POST", "/api/v1/applications/{id}/decision",
       {{404, {rules::application_not_found}},
        {409,
         {rules::application_transition, rules::application_not_qualified, rules::certificate_number_taken,
          rules::certificate_numbers_exhausted, rules::police_credentials, rules::issue_to_left_officer,
          rules::issue_before_existing, rules::certificate_already_held}}});
  also("POST", "/api/v1/applications/{id}/withdraw",
       {{404, {rules::application_not_found}}, {409, {rules::application_transition}}});
  also("DELETE", "/api/v1/reviews/exit/{year}/officers/{officer_id}", {{404, {rules::exit_mark_not_found}}});
  for (const char* pattern : {"/api/v1/rotation", "/api/v1/rotation/export"})
    also("GET", pattern, {{404, {rules::no_campaign, rules::campaign_not_found}}});
  return t;
}

json::object make_components() {
  json::object s;
  json::object status = enum_of(kComplianceStatuses);
  json::object cert_state = enum_of({"valid", "suspended", "withdrawn", "cancelled", "expired", "pending"});

  json::object error_detail = object(
      {{"code",
        described(enum_of({"invalid_json", "bad_request", "unauthenticated", "forbidden", "not_found",
                           "method_not_allowed", "conflict", "too_large", "unsupported_media_type", "validation_failed",
                           "rate_limited", "headers_too_large", "internal", "unavailable", "insufficient_storage"}),
                  "the coarse class of the status (docs/api.md, Errors)")},
       {"message", described(string(), "the rule's text in the request's language (Accept-Language)")},
       {"rule", described({{"type", "string"}, {"pattern", "^[a-z][a-z0-9_]*$"}},
                          "the exact rule broken, stable snake_case (docs/api.md, Error rules)")},
       {"field", described(string(), "the field or query parameter at fault")},
       {"params", described({{"type", "object"}, {"additionalProperties", string()}},
                            "the values the message names, for clients that write their own text")},
       {"failed", described(array_of(enum_of(kCheckCodeNames)),
                            "application_not_qualified only: the codes of the failed checks")}},
      {"field", "params", "failed"});
  s["Error"] = object({{"error", error_detail}});
  s["Page"] = object({{"items", of_type("array")},
                      {"total", described(count(), "every item, not only this page")},
                      {"limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}},
                      {"offset", count()}});
  s["Health"] = object({{"status", enum_of({"ok"})}});
  s["Ready"] = object({{"status", enum_of({"ready"})}});
  s["User"] = object({{"id", id()},
                      {"username", string()},
                      {"role", enum_of(kRoles)},
                      {"unit_id", nullable(id())},
                      {"officer_id", nullable(id())},
                      {"must_change_password", boolean()}});
  s["UserAccount"] = all_of({ref("User"), object({{"disabled", boolean()}, {"last_login_at", nullable(date_time())}})});
  s["Session"] = object({{"token", string()}, {"user", ref("User")}});
  s["Unit"] = object({{"id", id()},
                      {"code", string()},
                      {"name", string()},
                      {"parent_id", nullable(id())},
                      {"level", enum_of(kUnitLevels)}});
  s["Officer"] = object({{"id", id()},
                         {"name", string()},
                         {"id_number", described(string(), "masked (450702********123X) unless the caller is an "
                                                           "admin or the officer")},
                         {"unit_id", id()},
                         {"unit_name", nullable(string())},
                         {"kind", enum_of(kOfficerKinds)},
                         {"status", enum_of(kOfficerStatuses)},
                         {"post_start", date()},
                         {"post_end", nullable(date())}});
  s["Policy"] = object({{"year", year()},
                        {"legal_hours", hours()},
                        {"business_hours", hours()},
                        {"proration", enum_of(kProrations)},
                        {"exempt", described(boolean(), "true for years before 2023: no requirement")}});
  s["CategoryHours"] = object({{"legal", hours()}, {"business", hours()}, {"political", hours()}});
  s["Training"] = object({{"id", id()},
                          {"title", string()},
                          {"organizer_unit_id", id()},
                          {"start_date", date()},
                          {"end_date", date()},
                          {"year", described(year(), "the year its hours count in (of end_date)")},
                          {"hours", ref("CategoryHours")},
                          {"rotation", boolean()},
                          {"mode", enum_of(kTrainingModes)}});
  s["TrainingDetail"] = all_of(
      {ref("Training"),
       object({{"attendees", described(array_of(object({{"officer_id", id()},
                                                        {"name", string()},
                                                        {"unit_id", id()},
                                                        {"hours", ref("CategoryHours")}})),
                                       "an hr user sees only the attendees of their subtree")},
               {"allowed_actions",
                described(array_of(enum_of({"update", "delete"})),
                          "what the caller may do to it: PATCH and DELETE for an admin or the hr user of its "
                          "organiser's units, else nothing")}})});
  s["AttendanceResult"] = object(
      {{"added", count()},
       {"already_recorded", count()},
       {"items", array_of(object({{"officer_id", id()},
                                  {"hours", ref("CategoryHours")},
                                  {"status", enum_of({"added", "already_recorded"})}}))}});
  s["Progress"] = object({{"earned", hours()},
                          {"required", hours()},
                          {"shortfall", hours()},
                          {"behind_pace", described(boolean(), "in hours and compliance answers")},
                          {"expected", described(hours(),
                                                 "in hours and compliance answers: the hours an even pace reaches by "
                                                 "as_of while in progress (required × days elapsed on post ÷ days on "
                                                 "post, up to the half hour), else 0")}},
                         {"behind_pace", "expected"});
  s["OfficerHours"] = object({{"officer_id", id()},
                              {"year", year()},
                              {"as_of", date()},
                              {"status", status},
                              {"legal", ref("Progress")},
                              {"business", ref("Progress")},
                              {"political", object({{"earned", hours()}})},
                              {"trainings", described(array_of(ref("Credit")), "the year's sessions ended by as_of")},
                              {"upcoming", described(array_of(ref("Credit")),
                                                     "the year's recorded sessions ending after as_of: not counted yet")}});
  s["Reminders"] = object(
      {{"items", described(array_of(object({{"kind", enum_of(app::kReminderKinds)},
                                            {"severity", enum_of(app::kSeverities)},
                                            {"title", described(string(), "Chinese, for people")},
                                            {"detail", described(string(), "Chinese, for people")},
                                            {"link", described(string(), "where the web app shows it (a #/ route)")},
                                            {"due_on", date()}},
                                           {"due_on"})),
                           "most urgent first, then the soonest due")}});
  s["CalendarFeed"] = object(
      {{"url", described(string(), "the feed's address as the caller reached the server (Host, X-Forwarded-Proto); "
                                   "the secret in it is the only credential")},
       {"path", described(string(), "/api/v1/calendar/{secret}.ics")}});
  s["Credit"] = object({{"id", described(id(), "a session's (source session)")},
                        {"source", described(enum_of(store::kCreditSources),
                                             "session: logged by a unit; external: an approved claim")},
                        {"claim_id", described(id(), "an approved claim's (source external)")},
                        {"provider", described(string(), "who ran the course (source external)")},
                        {"title", string()},
                        {"start_date", date()},
                        {"end_date", date()},
                        {"hours", described(ref("CategoryHours"), "an approved claim's: the hours credited")}},
                       {"id", "claim_id", "provider"});
  s["ComplianceCounts"] = object({{"officers", count()},
                                  {"met", count()},
                                  {"in_progress", count()},
                                  {"not_met", count()},
                                  {"exempt", count()}});
  s["ComplianceItem"] = object({{"officer_id", id()},
                                {"name", string()},
                                {"id_number", described(string(), "masked unless the caller is an admin")},
                                {"kind", enum_of(kOfficerKinds)},
                                {"officer_status", enum_of(kOfficerStatuses)},
                                {"post_start", date()},
                                {"post_end", nullable(date())},
                                {"unit_id", id()},
                                {"unit_name", string()},
                                {"status", status},
                                {"legal", ref("Progress")},
                                {"business", ref("Progress")},
                                {"political", object({{"earned", hours()}})},
                                {"exemptions", described(array_of(object({{"from", date()},
                                                                          {"to", date()},
                                                                          {"reason_code", enum_of(kExemptionReasons)}})),
                                                         "the officer's exemptions of the year, oldest first")}});
  s["Compliance"] = page_of(
      ref("ComplianceItem"),
      {{"year", year()},
       {"unit_id", integer()},
       {"unit_name", string()},
       {"as_of", date()},
       {"summary", ref("ComplianceCounts")},
       {"children", array_of(all_of({ref("ComplianceCounts"), object({{"unit_id", id()}, {"unit_name", string()}})}))}});
  s["CertificateEvent"] = object({{"action", enum_of(kCertActions)},
                                  {"effective_on", date()},
                                  {"reason", string()},
                                  {"until", described(date(), "a suspension's last day")},
                                  {"actor", string()},
                                  {"at", date_time()}},
                                 {"until"});
  s["Certificate"] = object({{"id", id()},
                             {"officer_id", id()},
                             {"number", string()},
                             {"state", described(cert_state, "its state today (Asia/Shanghai); pending before issued_on")},
                             {"valid_today", boolean()},
                             {"issued_on", date()},
                             {"expires_on", date()},
                             {"events", array_of(ref("CertificateEvent"))},
                             {"allowed_actions",
                              described(array_of(enum_of({"suspend", "restore", "withdraw", "cancel"})),
                                        "the actions the caller may take on it today (the transition table; empty "
                                        "for roles that may not act)")},
                             {"suspended_until", described(date(), "while suspended with an end")}},
                            {"suspended_until"});
  s["ExpiringCertificate"] = object({{"certificate_id", id()},
                                     {"number", string()},
                                     {"state", enum_of({"valid", "suspended"})},
                                     {"officer_id", id()},
                                     {"name", string()},
                                     {"unit_id", id()},
                                     {"unit_name", string()},
                                     {"expires_on", date()},
                                     {"days_left", integer()}});
  s["Eligibility"] = object(
      {{"officer_id", id()},
       {"on", date()},
       {"can_enforce_independently", boolean()},
       {"certificate_number", nullable(string())},
       {"reasons", array_of(string())},
       {"reason_codes", array_of(enum_of({"not_on_post", "police", "no_certificate", "certificate_valid", "suspended",
                                          "withdrawn", "cancelled", "expired"}))}});
  s["PublicCertificate"] = object({{"number", string()},
                                   {"holder", string()},
                                   {"unit", string()},
                                   {"state", cert_state},
                                   {"valid_today", boolean()}});
  s["Exam"] = object({{"id", id()}, {"name", string()}, {"held_on", date()}, {"pass_score", score()}});
  s["ExamDetail"] = all_of(
      {ref("Exam"),
       object({{"counts_until", described(date(), "a pass counts through this day (two years less a day)")},
               {"results", described(array_of(object({{"officer_id", id()},
                                                      {"name", string()},
                                                      {"unit_id", id()},
                                                      {"score", score()},
                                                      {"passed", boolean()}})),
                                     "the page of results asked for (hr: their units' officers only)")},
               {"total", described(count(), "every result the caller may see")},
               {"limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}}},
               {"offset", count()}})});
  s["ExamResult"] = object({{"exam_id", id()}, {"officer_id", id()}, {"score", score()}, {"passed", boolean()}});
  s["OfficerExam"] = object({{"exam_id", id()},
                             {"name", string()},
                             {"held_on", date()},
                             {"pass_score", score()},
                             {"score", score()},
                             {"passed", boolean()},
                             {"counts_until", described(date(), "passed only: the last day the pass counts")},
                             {"counts_today", described(boolean(), "passed only: whether it counts today")}},
                            {"counts_until", "counts_today"});
  s["Check"] = object({{"code", enum_of(kCheckCodeNames)},
                       {"ok", boolean()},
                       {"detail", described(string(), "why, in Chinese")}});
  s["QualificationReview"] = object({{"officer_id", id()},
                                     {"kind", enum_of(kApplicationKinds)},
                                     {"on", date()},
                                     {"qualified", boolean()},
                                     {"checks", array_of(ref("Check"))}});
  s["Application"] = object(
      {{"id", id()},
       {"officer_id", id()},
       {"name", string()},
       {"unit_id", id()},
       {"unit_name", nullable(string())},
       {"kind", enum_of(kApplicationKinds)},
       {"kind_name", described(string(), "首次申领, 换证")},
       {"state", enum_of(kApplicationStateNames)},
       {"state_name", described(string(), "待审核, 已批准, 已驳回, 已撤回")},
       {"submitted_on", date()},
       {"submitted_by", string()},
       {"checks", described(array_of(ref("Check")), "the qualification review on submitted_on")},
       {"qualified", boolean()},
       {"allowed_actions", described(array_of(enum_of({"approve", "reject", "withdraw"})),
                                     "what the caller may do with it now")},
       {"decided_on", described(date(), "approved, rejected or withdrawn on")},
       {"decided_by", string()},
       {"reason", string()},
       {"certificate", object({{"id", id()}, {"number", string()}, {"issued_on", date()}, {"expires_on", date()}})}},
      {"decided_on", "decided_by", "reason", "certificate"});
  s["Claim"] = object(
      {{"id", id()},
       {"officer_id", id()},
       {"name", string()},
       {"unit_id", id()},
       {"unit_name", nullable(string())},
       {"title", string()},
       {"provider", string()},
       {"start_date", date()},
       {"end_date", date()},
       {"hours", described(ref("CategoryHours"), "as claimed")},
       {"credited", described(ref("CategoryHours"), "approved (and revoked): the hours the approval credited")},
       {"state", enum_of(kClaimStateNames)},
       {"state_name", described(string(), "待上传证明, 待认定, 已认定, 未通过, 已撤回, 已撤销")},
       {"evidence", object({{"type", enum_of(kEvidenceTypes)},
                            {"bytes", described(count(), "the file's size")},
                            {"sha256", described({{"type", "string"}, {"pattern", "^[0-9a-f]{64}$"}}, "lower-case hex")}})},
       {"created_by", string()},
       {"created_at", date_time()},
       {"submitted_at", described(date_time(), "when the latest evidence was attached")},
       {"decided_by", string()},
       {"decided_at", described(date_time(), "the latest approval, rejection or revocation")},
       {"reason", described(string(), "of a rejection or revocation, or an approval's note")},
       {"allowed_actions", described(array_of(enum_of({"evidence", "withdraw", "approve", "reject", "revoke"})),
                                     "what the caller may do with it now")}},
      {"credited", "evidence", "submitted_at", "decided_by", "decided_at", "reason"});
  s["Exemption"] = object({{"id", id()},
                           {"officer_id", id()},
                           {"from", date()},
                           {"to", date()},
                           {"reason_code", enum_of(kExemptionReasons)},
                           {"reason_name", described(string(), "产假, 病假, 借调挂职, 脱产学习, 其他")},
                           {"reason", described(string(), "required for other; may be empty otherwise")},
                           {"created_by", string()},
                           {"at", date_time()}});
  s["Assessment"] = object({{"officer_id", id()},
                            {"year", year()},
                            {"grade", enum_of(kGrades)},
                            {"grade_name", described(string(), "优秀, 称职, 基本称职, 不称职")}});
  s["ExitReviewItem"] = object(
      {{"officer_id", id()},
       {"name", string()},
       {"unit_id", id()},
       {"unit_name", string()},
       {"certificate_id", id()},
       {"certificate_number", string()},
       {"status", status},
       {"grade", nullable(enum_of(kGrades))},
       {"reasons", array_of(string())},
       {"reason_codes", array_of(enum_of(kExitReasons))},
       {"hours", described(object({{"legal", ref("Progress")}, {"business", ref("Progress")}}, {"legal", "business"}),
                           "the figures when the status is not_met, else empty")},
       {"certificate_state", described(enum_of(kCertStateNames),
                                       "today: valid, unless a mark's decision was carried out since")},
       {"handled", described(nullable(ref("ExitMark")), "the 已处理 mark, or null while still open")}});
  s["ExitMark"] = object({{"year", year()},
                          {"officer_id", id()},
                          {"decision", enum_of(kExitDecisions)},
                          {"decision_name", described(string(), "不予处理, 暂扣, 收回, 注销")},
                          {"note", string()},
                          {"by", described(string(), "the username who marked it")},
                          {"at", date_time()}});
  s["AuditEntry"] = object({{"id", id()},
                            {"at", date_time()},
                            {"actor", string()},
                            {"action", string()},
                            {"entity", string()},
                            {"entity_id", nullable(id())},
                            {"before", described(json::object{}, "the record before the change (JSON), or null")},
                            {"after", described(json::object{}, "the record after the change (JSON), or null")}});
  s["Campaign"] = object({{"id", id()}, {"name", string()}, {"window_start", date()}, {"deadline", date()}});
  s["RotationTally"] = object({{"required", count()}, {"rotated", count()}, {"pending", count()}, {"rate", rate()}});
  json::object rotation_status = enum_of(kRotationStatuses);
  s["Rotation"] = object(
      {{"campaign", ref("Campaign")},
       {"unit_id", integer()},
       {"unit_name", string()},
       {"as_of", date()},
       {"status", rotation_status},
       {"summary", ref("RotationTally")},
       {"children", array_of(all_of({ref("RotationTally"),
                                     object({{"unit_id", id()}, {"unit_name", string()}, {"status", rotation_status}})}))},
       {"pending", described(array_of(object({{"officer_id", id()},
                                              {"name", string()},
                                              {"unit_id", id()},
                                              {"unit_name", string()}})),
                             "paged with limit and offset; summary.pending counts everyone")},
       {"limit", integer(1)},
       {"offset", count()}});
  json::object year_compliance = object({{"year", integer()}, {"officers", count()}, {"met", count()}, {"rate", rate()}});
  s["ProgressFigures"] = object(
      {{"officers", described(count(), "on post on as_of")},
       {"rotation", object({{"campaign_id", nullable(id())},
                            {"required", count()},
                            {"rotated", count()},
                            {"pending", count()},
                            {"rate", rate()}})},
       {"compliance", object({{"previous_year", year_compliance}, {"current_year", year_compliance}})},
       {"certificates", object({{"valid", count()},
                                {"suspended", count()},
                                {"withdrawn", count()},
                                {"cancelled", count()},
                                {"expired", count()}})}});
  s["ProgressReport"] = all_of(
      {ref("ProgressFigures"),
       object({{"unit_id", integer()},
               {"unit_name", string()},
               {"as_of", date()},
               {"campaign", nullable(ref("Campaign"))},
               {"children", array_of(all_of({ref("ProgressFigures"),
                                             object({{"unit_id", id()}, {"unit_name", string()}})}))}})});
  s["ImportResult"] = object({{"imported", count()},
                              {"skipped_duplicates", count()},
                              {"encoding", enum_of({"utf-8", "gb18030"})}});
  s["ImportReport"] = object(
      {{"error", error_detail},
       {"rows", array_of(object({{"line", described(integer(1), "where the record starts; the header is line 1")},
                                 {"message", string()},
                                 {"rules", described(array_of(string()), "the rule of each reason")}},
                                {"rules"}))},
       {"more_rows", described(count(), "refused lines not listed in rows")}});
  return s;
}

}  // namespace

const OperationSchema* operation_schema(std::string_view method, std::string_view pattern) {
  static const Table table = make_table();
  auto it = table.find(key(method, pattern));
  return it == table.end() ? nullptr : &it->second;
}

const json::object& component_schemas() {
  static const json::object components = make_components();
  return components;
}

}  // namespace certhours::api::openapi
