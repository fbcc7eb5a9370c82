#include "app/app.hpp"

#include <cerrno>
#include <system_error>

#include "domain/messages.hpp"
#include "store/backup.hpp"

namespace certhours::app {

Caller Caller::command_line(Date today) {
  User u;
  u.username = "cli";
  u.role = Role::admin;
  return {u, today, {std::nullopt, "cli"}};
}

bool sees_unit(App& app, const Caller& c, Id unit_id) {
  std::optional<Id> own_unit;
  if (c.is(Role::officer) && c.user.officer_id)
    if (auto o = app.store.officers.find(*c.user.officer_id)) own_unit = o->unit_id;
  return certhours::sees_unit(c.user, *app.store.units.tree(), unit_id, own_unit);
}

Result<Officer> visible_officer(App& app, const Caller& c, Id officer_id) {
  auto o = app.store.officers.find(officer_id);
  if (!o || !sees_officer(c.user, *app.store.units.tree(), *o))
    return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
  return *o;
}

Status visible_unit(App& app, const Caller& c, Id unit_id, const char* field) {
  if (!sees_unit(app, c, unit_id))  // false too for a unit that does not exist
    return Status::not_found(rules::unit_not_found, {{"id", std::to_string(unit_id)}}, field);
  return Status::ok();
}

Result<std::optional<Id>> list_scope(App& app, const Caller& c, std::optional<Id> asked) {
  if (!asked) return c.scope();
  if (Status s = visible_unit(app, c, *asked); !s) return s;
  return asked;
}

Result<Id> report_unit(App& app, const Caller& c, std::optional<Id> asked) {
  if (asked) {
    if (!sees_unit(app, c, *asked))
      return Status::not_found(rules::unit_not_found, {{"id", std::to_string(*asked)}}, "unit_id");
    return *asked;
  }
  if (auto own = c.scope()) return *own;
  if (c.is(Role::officer)) {  // no report route lets an officer in; if one ever does: their own unit
    auto o = c.user.officer_id ? app.store.officers.find(*c.user.officer_id) : std::nullopt;
    if (!o) return Status::not_found(rules::unit_not_found, {{"id", "0"}}, "unit_id");
    return o->unit_id;
  }
  auto tree = app.store.units.tree();
  return tree->all().empty() ? Id{0} : tree->all().front().id;  // 0: no units yet, an empty report
}

bool is_disk_full(const std::exception& e) {
  if (store::is_disk_full(e)) return true;
  // A temporary file of an export or an evidence download (std::system_error with the errno of
  // the write that failed: csv_writer, xlsx_writer, api/temp_file).
  auto* sys = dynamic_cast<const std::system_error*>(&e);
  return sys && sys->code().category() == std::generic_category() &&
         (sys->code().value() == ENOSPC || sys->code().value() == EDQUOT);
}

}  // namespace certhours::app
