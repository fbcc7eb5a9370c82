// The administrator's users: create, list, disable/enable, reset a password.
#include "app/auth.hpp"
#include "domain/messages.hpp"
#include "api/codec.hpp"
#include "api/handlers.hpp"
#include "app/administration.hpp"
#include "domain/password.hpp"

namespace certhours::api::handlers {

namespace {
json::object record_json(const store::UserRecord& r) {
  json::object o = user_json(r.user);
  o["disabled"] = r.disabled;
  o["last_login_at"] = r.last_login_at ? json::value(*r.last_login_at) : json::value();
  return o;
}

Result<std::string> new_password(const json::object& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->value().is_null()) return Status::invalid(name, rules::required);
  if (!it->value().is_string())
    return Status::invalid(name, rules::wrong_type, {{"expected", "string"}, {"got", kind_key(it->value())}});
  return std::string(it->value().get_string());
}
}  // namespace

Response create_user(Ctx& ctx) {
  CH_BODY(body);
  Fields f(body);
  CH_TRY(username, f.text("username", 64));
  CH_TRY(password, new_password(body, "password"));
  CH_TRY(role_text, f.text("role"));
  auto role = parse_role(role_text);
  if (!role) return error_response(Status::invalid("role", rules::value_not_allowed, {{"allowed", "admin,hr,officer"}, {"value", role_text}}));
  CH_TRY(unit_id, f.opt_id("unit_id"));
  CH_TRY(officer_id, f.opt_id("officer_id"));
  CH_TRY(must_change, f.opt_bool("must_change_password"));
  CH_TRY(user, app::create_user(ctx.app(), ctx.svc.auth, ctx.caller(),
                                {username, password, *role, unit_id, officer_id, must_change.value_or(false)}));
  return json_response(201, user_json(user));
}

Response list_users(Ctx& ctx) {
  CH_TRY(paging, ctx.paging());
  auto page = app::users(ctx.app(), paging);
  json::array items;
  for (const auto& r : page.items) items.push_back(record_json(r));
  return page_response(std::move(items), page.total, paging);
}

// PATCH /users/{id} {disabled?: bool}: disabling ends the user's sessions at once.
Response patch_user(Ctx& ctx) {
  CH_TRY(before, app::user(ctx.app(), ctx.param_id(0)));
  CH_BODY(body);
  Fields f(body);
  CH_CHECK(f.only({"disabled"}));
  CH_TRY(disabled, f.opt_bool("disabled"));
  if (!disabled) return json_response(200, record_json(before));
  CH_TRY(record, app::set_disabled(ctx.app(), ctx.caller(), before.user.id, *disabled));
  return json_response(200, record_json(record));
}

// POST /users/{id}/password {new_password}: the user must change it at the next login.
Response reset_user_password(Ctx& ctx) {
  CH_TRY(target, app::user(ctx.app(), ctx.param_id(0)));
  CH_BODY(body);
  Fields f(body);
  CH_CHECK(f.only({"new_password"}));
  CH_TRY(fresh, new_password(body, "new_password"));
  CH_CHECK(ctx.svc.auth.reset_password(target.user.id, fresh, ctx.caller().actor));
  return no_content();
}

}  // namespace certhours::api::handlers
