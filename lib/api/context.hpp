// What a handler sees: the request, the caller, the path parameters, the services;
// and the helpers every handler shares (responses, errors, query parameters, paging).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/http.hpp"
#include "api/json_io.hpp"
#include "app/app.hpp"
#include "app/auth.hpp"
#include "domain/enum_names.hpp"
#include "domain/messages.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"

namespace certhours::api {

using app::Auth;
class Metrics;
using app::RateLimiter;

struct Services {
  app::App& app;
  Auth& auth;
  Metrics& metrics;
  RateLimiter& public_checks;  // GET /public/certificates/{number}, per client address
  std::string web_dir;
  std::function<Date()> today;  // in Asia/Shanghai
  bool secure_cookie = false;   // the session cookie says Secure (serve --secure-cookie)
};

using app::Paging;

struct Ctx {
  const Request& req;
  Services& svc;
  std::string path;                          // decoded path, without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::vector<std::string> params;           // the {…} segments of the matched route
  std::optional<User> user;                  // the caller (routes that need a login)
  std::string token;                         // the caller's token
  Date today;
  Lang lang = Lang::zh;                      // of the messages the caller reads (Accept-Language)
  std::optional<store::Snapshot> snapshot;   // the request's reads in one transaction (Route::one_snapshot)

  app::App& app() const { return svc.app; }
  // The signed-in caller as the use cases take it (routes that need a login).
  app::Caller caller() const { return app::Caller::of(*user, today); }
  Id param_id(std::size_t i) const { return std::stoll(params.at(i)); }

  bool is(Role r) const { return user && user->role == r; }
  // The officer, when it exists and the caller may see it; else a not_found Status.
  Result<Officer> visible_officer(Id id) const { return app::visible_officer(svc.app, caller(), id); }

  // Query parameters: nullopt when absent; invalid (naming the parameter) when malformed.
  Result<std::optional<std::int64_t>> query_int(const char* name, std::int64_t min, std::int64_t max) const;
  Result<std::optional<Date>> query_date(const char* name) const;
  std::optional<std::string> query_text(const char* name) const;
  // A yes/no parameter: "true" or "false" (absent: false).
  Result<bool> query_flag(const char* name) const;
  // Compliance statuses, comma-separated ("in_progress,not_met"); absent or empty: every status.
  Result<StatusFilter> query_statuses(const char* name) const;
  Result<Paging> paging() const;

  // A whole list computed in memory, answered as {items, total, limit, offset, …extra}:
  // the page that ?limit= (default 100, at most 1000) and ?offset= ask for, as every list
  // (docs/api.md); `total` counts every item.
  Response list(json::array items, json::object extra) const;

  // The JSON object body; 415 unless application/json, 400 unless a JSON object.
  // Errors come back as a ready Response.
  std::variant<json::object, Response> body() const;
};

// The session token of a request: "Authorization: Bearer TOKEN", else the certhours_session
// cookie; empty when there is none.
std::string token_of(const Request& req);

// Responses.
Response json_response(int status, const json::value& v);
// An answer whose JSON text is written already (JsonWriter).
Response json_text_response(int status, std::string text);
// Maps a non-ok Status to its HTTP status and error code (docs/api.md "Errors"); the body is
// written in the caller's language when the answer leaves the api (render_error).
Response error_response(const Status& s);
Response no_content();
// A page of a list the store paged: {items, total, limit, offset, …extra}.
Response page_response(json::array items, std::int64_t total, const Paging& p, json::object extra = {});

// ?name= as one of the keys of `names` (nullopt when absent or empty), or invalid listing them.
template <class E, std::size_t N>
Result<std::optional<E>> query_key(const Ctx& ctx, const char* name, const EnumNames<E, N>& names) {
  auto text = ctx.query_text(name);
  if (!text || text->empty()) return std::optional<E>();
  if (auto v = names.parse(*text)) return std::optional<E>(*v);
  return Status::invalid(name, rules::value_not_allowed, {{"allowed", allowed_keys(names)}, {"value", *text}});
}

// Handler shorthands: return the error response when a Result/Status is not ok.
#define CH_TRY(var, expr)                                                        \
  auto var##_result_ = (expr);                                                   \
  if (!var##_result_) return ::certhours::api::error_response(var##_result_.status()); \
  auto var = std::move(*var##_result_)
#define CH_CHECK(expr)                                                           \
  do {                                                                           \
    ::certhours::Status st_ = (expr);                                            \
    if (!st_) return ::certhours::api::error_response(st_);                      \
  } while (0)
#define CH_BODY(var)                                                             \
  auto var##_body_ = ctx.body();                                                 \
  if (auto* r_ = std::get_if<::certhours::api::Response>(&var##_body_)) return std::move(*r_); \
  const json::object& var = std::get<json::object>(var##_body_)

}  // namespace certhours::api
