// Login, logout, the calling user, and what users do with their own account.
#include "app/auth.hpp"
#include "domain/messages.hpp"
#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "app/administration.hpp"

namespace certhours::api::handlers {

namespace {
// Credentials are taken as sent (no trimming): a password may begin with a space.
Result<std::string> secret(const json::object& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return Status::invalid(name, rules::required);
  if (!it->value().is_string())
    return Status::invalid(name, rules::wrong_type, {{"expected", "string"}, {"got", kind_key(it->value())}});
  return std::string(it->value().get_string());
}

// 429 with Retry-After: too many failed logins (or wrong current passwords) for now.
Response throttled(int wait) {
  Response r = error_response(429, "rate_limited", rules::login_throttled,
                              {{"seconds", std::to_string(wait)}, {"minutes", std::to_string((wait + 59) / 60)}});
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

// The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site sends it),
// Secure behind TLS (serve --secure-cookie).
void set_cookie(Response& r, const Ctx& ctx, const std::string& token, std::int64_t max_age) {
  r.headers.emplace_back("Set-Cookie", "certhours_session=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
                                           (ctx.svc.secure_cookie ? "; Secure" : "") +
                                           "; Max-Age=" + std::to_string(max_age));
}
}  // namespace

Response login(Ctx& ctx) {
  CH_BODY(body);
  CH_TRY(username, secret(body, "username"));
  CH_TRY(password, secret(body, "password"));
  auto result = ctx.svc.auth.login(username, password, ctx.req.remote_address);
  if (result.retry_after > 0) return throttled(result.retry_after);
  if (!result.status) return error_response(result.status);
  Response r = json_response(200, json::object{{"token", result.token}, {"user", user_json(result.user)}});
  set_cookie(r, ctx, result.token, std::chrono::seconds(Auth::kSessionLifetime).count());
  return r;
}

Response logout(Ctx& ctx) {
  ctx.svc.auth.logout(ctx.token);
  Response r = no_content();
  set_cookie(r, ctx, "", 0);
  return r;
}

Response me(Ctx& ctx) { return json_response(200, user_json(*ctx.user)); }

// PUT /me/password {current_password, new_password}: every other session of the user ends.
Response change_own_password(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_CHECK(f.only({"current_password", "new_password"}));
  CH_TRY(current, secret(body, "current_password"));
  CH_TRY(fresh, secret(body, "new_password"));
  if (int wait = ctx.svc.auth.login_wait(ctx.user->username, ctx.req.remote_address); wait > 0)
    return throttled(wait);
  CH_CHECK(ctx.svc.auth.change_password(*ctx.user, ctx.token, current, fresh, ctx.req.remote_address));
  return no_content();
}

// DELETE /me/sessions: logs the user out everywhere, this session included.
Response logout_everywhere(Ctx& ctx) {
  app::end_own_sessions(ctx.app(), ctx.caller());
  Response r = no_content();
  set_cookie(r, ctx, "", 0);
  return r;
}

}  // namespace certhours::api::handlers
