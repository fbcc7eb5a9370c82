#include "api/api.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "api/access_log.hpp"
#include "api/compression.hpp"
#include "api/handlers.hpp"
#include "api/metrics.hpp"
#include "api/static_files.hpp"
#include "api/target.hpp"
#include "app/auth.hpp"
#include "app/clock.hpp"
#include "app/rate_limit.hpp"
#include "domain/messages.hpp"

namespace certhours::api {

namespace {

using Handler = Response (*)(Ctx&);

// Who may call a route. Roles are checked before anything else: a call the role may
// never make is 403 wherever it points (docs/api.md).
enum Access : unsigned { kPublic = 0, kAdmin = 1, kHr = 2, kOfficer = 4, kAny = 7 };

struct Route {
  const char* method;
  const char* pattern;  // "{…}" segments match one path segment
  unsigned access;
  Handler handler;
  const char* summary;
  // The server's pool that runs it: logins hash a password (Argon2id, docs/security.md);
  // files read or write a whole file (exports, imports) for seconds (docs/limits.md).
  Pool pool = Pool::requests;
  // Reads the caller's session and the answer in one store::Snapshot: one read transaction for
  // the whole request (the busiest read, GET /officers/{id}/hours: 8% of its CPU was the
  // session's own transaction). Only for a handler that reads nothing inside a row callback.
  bool one_snapshot = false;
};

namespace h = handlers;
// The route table: every route the server answers (openapi.json is made from it).
const Route kRoutes[] = {
    {"GET", "/healthz", kPublic, h::healthz, "Liveness: {\"status\":\"ok\"}"},
    {"GET", "/readyz", kPublic, h::readyz, "Readiness: {\"status\":\"ready\"} when the database can be read, else 503"},
    {"GET", "/metrics", kPublic, h::metrics, "Prometheus metrics"},
    {"GET", "/api/v1/healthz", kPublic, h::healthz, "Liveness: {\"status\":\"ok\"}"},
    {"GET", "/api/v1/readyz", kPublic, h::readyz,
     "Readiness: {\"status\":\"ready\"} when the database can be read, else 503"},
    {"GET", "/api/v1/metrics", kPublic, h::metrics, "Prometheus metrics"},
    {"GET", "/api/v1/openapi.json", kPublic, h::openapi, "This API as OpenAPI 3.1"},
    {"POST", "/api/v1/session", kPublic, h::login, "Log in: {username, password} -> {token, user}", Pool::logins},
    {"DELETE", "/api/v1/session", kAny, h::logout, "Log out: the token stops working"},
    {"GET", "/api/v1/me", kAny, h::me, "The calling user"},
    {"PUT", "/api/v1/me/password", kAny, h::change_own_password,
     "Change one's own password (the current one required); the user's other sessions end", Pool::logins},
    {"DELETE", "/api/v1/me/sessions", kAny, h::logout_everywhere, "Log out everywhere: every session of the user ends"},
    {"GET", "/api/v1/me/reminders", kAny, h::me_reminders,
     "What needs the caller's attention: certificates expiring within 90 days, hours behind pace"},
    {"GET", "/api/v1/me/calendar", kAny, h::me_calendar, "The caller's private iCalendar feed URL: {url, path}"},
    {"POST", "/api/v1/me/calendar/reset", kAny, h::reset_me_calendar,
     "A new private calendar feed URL: {url, path}; the old one stops working"},
    {"GET", "/api/v1/calendar/{secret}.ics", kPublic, h::calendar_feed,
     "A user's private calendar feed (text/calendar): certificate expiry and training dates"},
    {"GET", "/api/v1/users", kAdmin, h::list_users, "Users, with disabled, must_change_password and last_login_at"},
    {"POST", "/api/v1/users", kAdmin, h::create_user, "Create a user", Pool::logins},
    {"PATCH", "/api/v1/users/{id}", kAdmin, h::patch_user,
     "Disable or enable a user ({disabled}); disabling ends their sessions"},
    {"POST", "/api/v1/users/{id}/password", kAdmin, h::reset_user_password,
     "Reset a user's password: they must change it at the next login; their sessions end", Pool::logins},
    {"GET", "/api/v1/units", kAny, h::list_units, "Units visible to the caller"},
    {"POST", "/api/v1/units", kAdmin, h::create_unit, "Create a unit"},
    {"POST", "/api/v1/officers", kAdmin | kHr, h::create_officer, "Register an officer"},
    {"GET", "/api/v1/officers", kAdmin | kHr, h::list_officers, "Officers of a unit's subtree"},
    // Before /officers/{id}, which would take "export" for an id.
    {"GET", "/api/v1/officers/export", kAdmin, h::officers_export,
     "The officers of a unit's subtree as CSV in the import's columns (full ID numbers: admin only)", Pool::files},
    {"GET", "/api/v1/officers/{id}", kAny, h::get_officer, "One officer"},
    {"PATCH", "/api/v1/officers/{id}", kAdmin | kHr, h::patch_officer, "Change an officer; status left ends the post"},
    {"GET", "/api/v1/officers/{id}/hours", kAny, h::officer_hours, "An officer's hours and status for a year",
     Pool::requests, true},
    {"GET", "/api/v1/policies/{year}", kAny, h::get_policy, "The requirement of a year"},
    {"PUT", "/api/v1/policies/{year}", kAdmin, h::put_policy, "Set the requirement of this or a later year"},
    {"POST", "/api/v1/trainings", kAdmin | kHr, h::create_training, "Log a training session"},
    {"GET", "/api/v1/trainings", kAdmin | kHr, h::list_trainings, "Training sessions"},
    {"GET", "/api/v1/trainings/{id}", kAdmin | kHr, h::get_training, "A training with its attendees"},
    {"PATCH", "/api/v1/trainings/{id}", kAdmin | kHr, h::patch_training,
     "Correct a training (organised in the caller's units); never below a recorded credit"},
    {"DELETE", "/api/v1/trainings/{id}", kAdmin | kHr, h::delete_training,
     "Delete a training; one with attendance only with ?with_attendance=true"},
    {"POST", "/api/v1/trainings/{id}/attendance", kAdmin | kHr, h::add_attendance, "Record attendees (all or nothing)"},
    {"DELETE", "/api/v1/trainings/{id}/attendance/{officer_id}", kAdmin | kHr, h::remove_attendance,
     "Remove one attendance"},
    {"PATCH", "/api/v1/trainings/{id}/attendance/{officer_id}", kAdmin | kHr, h::patch_attendance,
     "Correct one attendee's credited hours"},
    {"GET", "/api/v1/compliance", kAdmin | kHr, h::compliance, "The annual compliance of a unit's subtree"},
    {"POST", "/api/v1/officers/{id}/certificates", kAdmin, h::issue_certificate, "Issue an enforcement certificate"},
    {"GET", "/api/v1/officers/{id}/certificates", kAny, h::officer_certificates,
     "An officer's certificates with their full history"},
    {"POST", "/api/v1/certificates/{id}/actions", kAdmin, h::certificate_action,
     "Suspend, restore, withdraw or cancel a certificate"},
    {"GET", "/api/v1/certificates/expiring", kAdmin | kHr, h::expiring_certificates,
     "Certificates expiring within N days (default 90) in a unit's subtree"},
    {"GET", "/api/v1/officers/{id}/eligibility", kAny, h::eligibility,
     "May the officer enforce independently on a date?"},
    {"GET", "/api/v1/public/certificates/{number}", kPublic, h::public_certificate,
     "Public check of a certificate number: holder, unit, state"},
    {"POST", "/api/v1/exams", kAdmin, h::create_exam, "Record a qualification exam: {name, held_on, pass_score?}"},
    {"GET", "/api/v1/exams", kAdmin | kHr, h::list_exams, "Qualification exams, newest first"},
    {"GET", "/api/v1/exams/{id}", kAdmin | kHr, h::get_exam, "An exam with its results (hr: its units' officers)"},
    {"PUT", "/api/v1/exams/{id}/results/{officer_id}", kAdmin, h::put_exam_result,
     "Record or correct an officer's score: {score}"},
    {"GET", "/api/v1/officers/{id}/exams", kAny, h::officer_exams, "An officer's exam results"},
    {"GET", "/api/v1/officers/{id}/qualification", kAdmin | kHr, h::officer_qualification,
     "The qualification review an application would get: the five checks on a date"},
    {"POST", "/api/v1/applications", kAdmin | kHr, h::submit_application,
     "Apply for an officer's certificate: {officer_id, kind}"},
    {"GET", "/api/v1/applications", kAdmin | kHr, h::list_applications,
     "Certificate applications, newest first (?state=&unit_id=&kind=&order=)"},
    {"GET", "/api/v1/applications/{id}", kAny, h::get_application, "A certificate application"},
    {"GET", "/api/v1/officers/{id}/applications", kAny, h::officer_applications,
     "An officer's certificate applications, newest first"},
    {"POST", "/api/v1/applications/{id}/decision", kAdmin, h::decide_application,
     "Approve (issuing the certificate) or reject an application"},
    {"POST", "/api/v1/applications/{id}/withdraw", kAdmin | kHr, h::withdraw_application,
     "Withdraw a submitted application: {reason?}"},
    {"POST", "/api/v1/officers/{id}/claims", kAny, h::create_claim,
     "Claim an external course: {title, provider, start_date, end_date, hours}"},
    {"PUT", "/api/v1/claims/{id}/evidence", kAny, h::put_claim_evidence,
     "Attach the claim's evidence: the raw PDF, JPEG or PNG (at most 5 MiB; its bytes decide the type)"},
    {"GET", "/api/v1/claims/{id}/evidence", kAny, h::get_claim_evidence, "The claim's evidence file, as a download"},
    {"GET", "/api/v1/claims", kAdmin | kHr, h::list_claims,
     "External training claims, oldest submitted first (?state=&unit_id=&year=)"},
    {"GET", "/api/v1/claims/{id}", kAny, h::get_claim, "An external training claim"},
    {"GET", "/api/v1/officers/{id}/claims", kAny, h::officer_claims, "An officer's claims, newest first"},
    {"POST", "/api/v1/claims/{id}/decision", kAdmin | kHr, h::decide_claim,
     "Approve (crediting the claimed hours or fewer) or reject a claim: {decision, hours?, reason?}"},
    {"POST", "/api/v1/claims/{id}/withdraw", kAny, h::withdraw_claim, "Withdraw a claim not yet decided"},
    {"POST", "/api/v1/claims/{id}/revoke", kAdmin, h::revoke_claim, "Revoke an approved claim: {reason}"},
    {"POST", "/api/v1/officers/{id}/exemptions", kAdmin | kHr, h::create_exemption,
     "Record an exemption for leave: {from, to, reason_code, reason?}"},
    {"GET", "/api/v1/officers/{id}/exemptions", kAny, h::officer_exemptions, "An officer's exemptions"},
    {"DELETE", "/api/v1/exemptions/{id}", kAdmin, h::delete_exemption, "Delete an exemption"},
    {"GET", "/api/v1/officers/{id}/assessments", kAny, h::officer_assessments, "An officer's annual grades"},
    {"PUT", "/api/v1/officers/{id}/assessments/{year}", kAdmin | kHr, h::put_assessment,
     "Record an annual assessment grade"},
    {"GET", "/api/v1/reviews/exit", kAdmin, h::exit_review, "The exit review of a year (recommendations)"},
    {"GET", "/api/v1/reviews/exit/export", kAdmin, h::exit_review_export,
     "The exit review of a year as a CSV or XLSX download, with each 已处理 mark", Pool::files},
    {"PUT", "/api/v1/reviews/exit/{year}/officers/{officer_id}", kAdmin, h::put_exit_mark,
     "Mark a listed holder 已处理 for the year: {decision, note?}"},
    {"DELETE", "/api/v1/reviews/exit/{year}/officers/{officer_id}", kAdmin, h::delete_exit_mark,
     "Undo the 已处理 mark of an officer for the year"},
    {"GET", "/api/v1/audit", kAdmin, h::audit, "The audit log, newest first"},
    {"GET", "/api/v1/rotation", kAdmin | kHr, h::rotation, "Full-staff rotation of a unit's subtree for a campaign"},
    {"GET", "/api/v1/rotation/campaigns", kAdmin | kHr, h::list_rotation_campaigns, "Rotation campaigns"},
    {"POST", "/api/v1/rotation/campaigns", kAdmin, h::create_rotation_campaign, "Add a rotation campaign"},
    {"GET", "/api/v1/rotation/export", kAdmin | kHr, h::rotation_export,
     "The rotation pending list of a unit's subtree for a campaign as a CSV or XLSX download", Pool::files},
    {"GET", "/api/v1/reports/progress", kAdmin | kHr, h::progress_report,
     "Mid-term/final progress report figures of a unit's subtree"},
    {"GET", "/api/v1/reports/progress/export", kAdmin | kHr, h::progress_export,
     "The progress report as a CSV or XLSX download: one row per child unit and the total", Pool::files},
    {"POST", "/api/v1/imports/officers", kAdmin | kHr, h::import_officers,
     "Import a roster (text/csv), all or nothing", Pool::files},
    {"POST", "/api/v1/imports/attendance", kAdmin | kHr, h::import_attendance,
     "Import a sign-in sheet (text/csv), all or nothing", Pool::files},
    {"POST", "/api/v1/imports/exam-results", kAdmin, h::import_exam_results,
     "Import an exam score sheet (text/csv), all or nothing", Pool::files},
    {"GET", "/api/v1/imports/officers/template", kAdmin | kHr, h::officers_template,
     "The roster import's blank sheet to fill in: CSV, or XLSX with 填写说明"},
    {"GET", "/api/v1/imports/attendance/template", kAdmin | kHr, h::attendance_template,
     "The sign-in import's blank sheet to fill in: CSV, or XLSX with 填写说明"},
    {"GET", "/api/v1/compliance/export", kAdmin | kHr, h::compliance_export,
     "The annual compliance sheet of a unit's subtree as a CSV or XLSX download", Pool::files},
    {"GET", "/api/v1/attendance/export", kAdmin, h::attendance_export,
     "The attendance of a unit's subtree (one year or all) as CSV in the import's columns (admin only)", Pool::files},
};

// GET /me, PUT /me/password and DELETE /session: served while a password change is due (below).
bool allowed_while_changing_password(const Route& r);

unsigned role_bit(Role r) { return r == Role::admin ? kAdmin : r == Role::hr ? kHr : kOfficer; }

std::string roles_text(unsigned access) {
  if (access == kPublic) return "public";
  if (access == kAny) return "admin,hr,officer";
  std::string s;
  for (auto [bit, name] : {std::pair{kAdmin, "admin"}, std::pair{kHr, "hr"}, std::pair{kOfficer, "officer"}})
    if (access & bit) s += (s.empty() ? "" : ",") + std::string(name);
  return s;
}

// Matches `path` against `pattern`, collecting {…} segments; ids must be positive integers.
bool match(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (!pattern.empty() && !path.empty()) {
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    auto pe = pattern.find('/');
    auto se = path.find('/');
    std::string_view ps = pattern.substr(0, pe), ss = path.substr(0, se);
    if (ps.size() > 2 && ps.front() == '{') {
      // "{name}" takes the whole segment; "{name}.ics" a segment ending in ".ics", without it.
      std::string_view suffix = ps.substr(ps.find('}') + 1);
      if (ss.size() <= suffix.size() || !ss.ends_with(suffix)) return false;
      params.emplace_back(ss.substr(0, ss.size() - suffix.size()));
    } else if (ps != ss) {
      return false;
    }
    pattern.remove_prefix(ps.size());
    path.remove_prefix(ss.size());
  }
  return pattern.empty() && path.empty();
}

bool positive_int(const std::string& s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::size_t body_limit_for(const std::string& method, const std::string& target) {
  if (method != "POST" && method != "PUT") return kJsonBodyLimit;
  auto parsed = parse_target(target);  // origin- or absolute-form
  if (!parsed) return kJsonBodyLimit;
  std::vector<std::string> params;
  if (method == "PUT")
    return match("/api/v1/claims/{id}/evidence", parsed->path, params) ? kEvidenceBodyLimit : kJsonBodyLimit;
  return parsed->path.rfind("/api/v1/imports/", 0) == 0 ? kCsvBodyLimit : kJsonBodyLimit;
}

struct Api::Impl {
  Impl(store::Store& s, Options o)
      : store(s),
        auth(s, o.session_idle),
        options(std::move(o)),
        app{s, id_lookups},
        services{.app = app,
                 .auth = auth,
                 .metrics = metrics,
                 .public_checks = public_checks,
                 .web_dir = options.web_dir,
                 .today = app::today_in_shanghai,
                 .secure_cookie = options.secure_cookie} {}
  store::Store& store;
  Auth auth;
  Metrics metrics;
  // The public certificate check: 30 a minute per client address.
  RateLimiter public_checks{30, std::chrono::seconds(60)};
  // Full ID numbers an hr user looked up and found nothing for: a budget per user and day.
  RateLimiter id_lookups{app::kIdLookupMissesPerDay, std::chrono::hours(24)};
  Options options;
  app::App app;
  Services services;
  RequestIds request_ids;
  Compressor compressor;

  // Everything before the handler: the target, the route (404/405/static), the caller (401),
  // the role (403), a forced password change (403), /metrics' address list. A response when
  // the request stops there; nullopt when the handler may run (then ctx.params is set).
  std::optional<Response> prepare(Ctx& ctx, std::string& route_name, const Route*& found);
  bool metrics_allowed(const std::string& address) const;
  // The last steps of every answer, the refused ones too: the error body in the caller's
  // language, the common headers, X-Request-Id, gzip when the client takes it.
  void finish(Response& res, const Request& req, const std::string& id, Lang lang, bool static_file);
  // One line of the access log (when it is on).
  void log(const Request& req, const std::string& id, const std::string& route_name, std::optional<Id> user,
           const Response& res, double seconds, std::string_view note);
};

void Api::Impl::finish(Response& res, const Request& req, const std::string& id, Lang lang, bool static_file) {
  render_error(res, lang);
  add_common_headers(res);
  res.headers.emplace_back("X-Request-Id", id);
  // After the handler's try block: compression must not turn a good answer into a crash. Only
  // running out of memory can make zlib fail; the answer then goes out as it is.
  try {
    compressor.apply(res, req.accept_encoding, static_file);
  } catch (const std::exception& e) {
    log_failure(id, req.method, "", std::string("gzip skipped: ") + e.what());
  }
}

void Api::Impl::log(const Request& req, const std::string& id, const std::string& route_name, std::optional<Id> user,
                    const Response& res, double seconds, std::string_view note) {
  if (!options.access_log) return;
  std::uint64_t bytes = res.body.size();
  if (!res.file_path.empty()) {
    std::error_code ec;
    auto size = std::filesystem::file_size(res.file_path, ec);
    bytes = ec ? 0 : size;
  }
  // "GET /api/v1/officers/{id}" → the template alone; the method has its own field.
  std::string_view route = route_name;
  if (auto space = route.find(' '); space != std::string_view::npos) route.remove_prefix(space + 1);
  log_access({.request_id = id,
              .remote = req.remote_address,
              .user = user,
              .method = req.method,
              .route = route,
              .status = res.status,
              .bytes = bytes,
              .seconds = seconds,
              .note = note});
}

Api::Api(store::Store& store, Options options) : impl_(std::make_unique<Impl>(store, std::move(options))) {}
Api::~Api() = default;

std::vector<RouteInfo> Api::routes() {
  std::vector<RouteInfo> out;
  for (const Route& r : kRoutes)
    out.push_back({r.method, r.pattern, roles_text(r.access), r.summary, r.pool, allowed_while_changing_password(r)});
  return out;
}

Pool Api::pool_for(std::string_view method, std::string_view target) {
  auto parsed = parse_target(target);
  if (!parsed) return Pool::requests;
  std::vector<std::string> params;
  for (const Route& r : kRoutes)
    if (method == r.method && match(r.pattern, parsed->path, params)) return r.pool;
  return Pool::requests;
}

bool Api::Impl::metrics_allowed(const std::string& address) const {
  if (address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0) return true;
  for (const auto& a : options.metrics_allow)
    if (a == address) return true;
  return false;
}

namespace {
// The decoded path and query of the target; false when it is not a valid URL (target.hpp).
bool read_target(std::string_view target, Ctx& ctx) {
  auto parsed = parse_target(target);
  if (!parsed) return false;
  ctx.path = std::move(parsed->path);
  ctx.query = std::move(parsed->query);
  return true;
}

// The target as the access log may keep it: the path and the names of the query
// parameters, never their values (a name or an ID number typed into ?q=).
std::string loggable_target(std::string_view target) {
  // absolute-form ("http://host/path?…"): the host is not the client's to write into the log.
  if (!target.starts_with("/")) {
    auto authority = target.find("://");
    auto path = authority == std::string_view::npos ? 0 : target.find_first_of("/?", authority + 3);
    target = path == std::string_view::npos ? std::string_view("/") : target.substr(path);
  }
  auto q = target.find('?');
  std::string out(target.substr(0, q));
  // A calendar feed's path holds its secret, which is all a reader of the log would need.
  if (constexpr std::string_view feed = "/api/v1/calendar/"; out.starts_with(feed)) out = std::string(feed) + "…";
  if (q == std::string_view::npos) return out;
  std::string_view qs = target.substr(q + 1);
  char sep = '?';
  while (!qs.empty()) {
    auto amp = qs.find('&');
    std::string_view part = qs.substr(0, amp);
    out += sep;
    out += part.substr(0, part.find('='));
    if (part.find('=') != std::string_view::npos) out += "=…";
    sep = '&';
    if (amp == std::string_view::npos) break;
    qs.remove_prefix(amp + 1);
  }
  return out;
}

bool allowed_while_changing_password(const Route& r) {
  std::string_view p = r.pattern, m = r.method;
  return (m == "GET" && p == "/api/v1/me") || (m == "PUT" && p == "/api/v1/me/password") ||
         (m == "DELETE" && p == "/api/v1/session");
}
}  // namespace

std::optional<Response> Api::Impl::prepare(Ctx& ctx, std::string& route_name, const Route*& found) {
  const Request& req = ctx.req;
  if (!read_target(req.target, ctx)) return error_response(400, "bad_request", rules::bad_target);
  bool api_path = ctx.path.rfind("/api/", 0) == 0;
  found = nullptr;
  bool path_matched = false;
  std::vector<std::string> params;
  for (const Route& r : kRoutes) {
    if (!match(r.pattern, ctx.path, params)) continue;
    path_matched = true;
    if (req.method == r.method || (req.method == "HEAD" && std::string_view(r.method) == "GET")) {
      found = &r;
      break;
    }
  }
  if (!found) {
    if (path_matched) {
      route_name = "method_not_allowed";
      Response r = error_response(405, "method_not_allowed", rules::method_not_allowed,
                                  {{"method", req.method}, {"path", ctx.path}});
      std::string allow;
      for (const Route& rr : kRoutes)
        if (match(rr.pattern, ctx.path, params)) {
          allow += (allow.empty() ? "" : ", ") + std::string(rr.method);
          if (std::string_view(rr.method) == "GET") allow += ", HEAD";  // every GET route answers HEAD
        }
      r.headers.emplace_back("Allow", allow);
      return r;
    }
    if (!api_path && (req.method == "GET" || req.method == "HEAD") && !services.web_dir.empty()) {
      route_name = "static";
      return serve_static(services.web_dir, ctx.path, req.if_none_match);
    }
    route_name = "not_found";
    return error_response(404, "not_found", rules::route_not_found, {{"path", ctx.path}});
  }
  route_name = std::string(found->method) + " " + found->pattern;
  match(found->pattern, ctx.path, params);
  if (found->handler == h::metrics && !metrics_allowed(req.remote_address))
    return error_response(403, "forbidden", rules::metrics_not_allowed);
  if (found->one_snapshot) ctx.snapshot.emplace(store);
  if (found->access != kPublic) {
    ctx.token = token_of(req);
    ctx.user = auth.authenticate(ctx.token);
    if (!ctx.user) {
      Response r = error_response(401, "unauthenticated", rules::login_required);
      r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"certhours\"");
      return r;
    }
    if (!(found->access & role_bit(ctx.user->role)))
      return error_response(403, "forbidden", rules::role_forbidden,
                            {{"role", role_key(ctx.user->role)}, {"method", found->method}, {"path", found->pattern}});
    if (ctx.user->must_change_password && !allowed_while_changing_password(*found))
      return error_response(403, "forbidden", rules::password_change_required);
  }
  // Path ids: anything but a positive integer names nothing.
  std::string_view pattern = found->pattern;
  std::size_t i = 0;
  for (std::size_t pos = pattern.find('{'); pos != std::string_view::npos; pos = pattern.find('{', pos + 1), ++i) {
    auto name = pattern.substr(pos + 1, pattern.find('}', pos) - pos - 1);
    if ((name == "id" || name.ends_with("_id") || name == "year") && !positive_int(params[i]))
      return error_response(404, "not_found", rules::route_not_found, {{"path", ctx.path}});
  }
  ctx.params = std::move(params);
  return std::nullopt;
}

std::optional<Response> Api::admit(const Request& head) {
  const Lang lang = language_of(head.accept_language);
  const std::string id = impl_->request_ids.next(head.request_id);
  std::optional<Response> refused;
  std::string route_name = "unknown";
  std::optional<Id> user;
  try {
    Ctx ctx{head, impl_->services};
    ctx.today = impl_->services.today();
    ctx.lang = lang;
    const Route* found = nullptr;
    refused = impl_->prepare(ctx, route_name, found);
    if (ctx.user) user = ctx.user->id;
  } catch (const std::exception& e) {
    log_failure(id, head.method, loggable_target(head.target), std::string("on its headers: ") + e.what());
    refused = error_response(500, "internal", rules::internal_error, {{"request_id", id}});
  }
  if (!refused) return std::nullopt;
  impl_->finish(*refused, head, id, lang, false);
  impl_->metrics.record(route_name, refused->status, 0);
  impl_->log(head, id, route_name, user, *refused, 0, "refused_before_body");
  return refused;
}

Response Api::handle(const Request& req) {
  auto in_flight = impl_->metrics.in_flight();
  auto started = std::chrono::steady_clock::now();
  const std::string id = impl_->request_ids.next(req.request_id);
  std::string route_name = "unknown";
  std::optional<Id> user;
  Response res;
  const Lang lang = language_of(req.accept_language);
  try {
    Ctx ctx{req, impl_->services};
    ctx.today = impl_->services.today();
    ctx.lang = lang;
    const Route* found = nullptr;
    if (auto early = impl_->prepare(ctx, route_name, found)) res = std::move(*early);
    else res = found->handler(ctx);
    if (ctx.user) user = ctx.user->id;
  } catch (const std::exception& e) {
    log_failure(id, req.method, loggable_target(req.target), e.what());
    // The disk is full (SQLITE_FULL, or the WAL index could not grow by its 32 KiB every 4,096
    // WAL frames). The write was rolled back and the next one works once there is room again,
    // so the client hears that, not "a bug" (507, docs/fault-tests.md).
    if (app::is_disk_full(e))
      res = error_response(507, "insufficient_storage", rules::disk_full, {{"request_id", id}});
    else
      res = error_response(500, "internal", rules::internal_error, {{"request_id", id}});
  }
  impl_->finish(res, req, id, lang, route_name == "static");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  impl_->metrics.record(route_name, res.status, seconds);
  impl_->log(req, id, route_name, user, res, seconds, {});
  return res;
}

}  // namespace certhours::api
