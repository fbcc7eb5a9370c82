// Login, logout, the calling user, and creating users.
#include "api/auth.hpp"
#include "api/codec.hpp"
#include "api/handlers.hpp"

namespace certhours::api::handlers {

Response login(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  // Credentials are taken as sent (no trimming): a password may begin with a space.
  auto text = [&](const char* name) -> Result<std::string> {
    auto it = body.find(name);
    if (it == body.end() || it->value().is_null()) return Status::invalid(name, std::string(name) + " is required");
    if (!it->value().is_string()) return Status::invalid(name, std::string(name) + " must be a string");
    return std::string(it->value().get_string());
  };
  CH_TRY(username, text("username"));
  CH_TRY(password, text("password"));
  auto result = ctx.svc.auth.login(username, password);
  if (result.retry_after > 0) {
    Response r = error_response(429, "rate_limited", result.status.message());
    r.headers.emplace_back("Retry-After", std::to_string(result.retry_after));
    return r;
  }
  if (!result.status) return error_response(result.status);
  Response r = json_response(200, json::object{{"token", result.token}, {"user", user_json(result.user)}});
  r.headers.emplace_back("Set-Cookie", "certhours_session=" + result.token +
                                           "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                           std::to_string(std::chrono::seconds(Auth::kSessionLifetime).count()));
  return r;
}

Response logout(Ctx& ctx) {
  ctx.svc.auth.logout(ctx.token);
  Response r = no_content();
  r.headers.emplace_back("Set-Cookie", "certhours_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return r;
}

Response me(Ctx& ctx) { return json_response(200, user_json(*ctx.user)); }

Response create_user(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(username, f.text("username", 64));
  CH_CHECK(check_username(username));
  auto pw = body.find("password");
  if (pw == body.end() || !pw->value().is_string())
    return error_response(Status::invalid("password", "password is required and must be a string"));
  std::string password(pw->value().get_string());
  CH_CHECK(check_password(password));
  CH_TRY(role_text, f.text("role"));
  auto role = parse_role(role_text);
  if (!role) return error_response(Status::invalid("role", "role must be admin, hr or officer"));
  CH_TRY(unit_id, f.opt_id("unit_id"));
  CH_TRY(officer_id, f.opt_id("officer_id"));
  CH_CHECK(check_user_links(*role, unit_id, officer_id));  // before the costly hash
  CH_TRY(user, ctx.store().create_user({username, ctx.svc.auth.hash_password(password), *role, unit_id, officer_id},
                                       ctx.actor()));
  return json_response(201, user_json(user));
}

}  // namespace certhours::api::handlers
