// What every use case works with: the store, the shared limits, and the caller (the user a
// use case acts for, on the day it acts, in Asia/Shanghai). The scope rules themselves are
// the domain's (domain/scope.hpp); here they are applied to what the store holds.
#pragma once
#include <exception>
#include <optional>
#include <string>

#include "app/rate_limit.hpp"
#include "domain/calendar.hpp"
#include "domain/officer.hpp"
#include "domain/scope.hpp"
#include "domain/status.hpp"
#include "store/store.hpp"

namespace certhours::app {

// An hr user may look officers up by a full ID number (?q=, an import naming ID numbers), but
// at most this many lookups a day may find nothing: the masked digits are a birth date, so
// guessing them takes a few thousand tries (docs/security.md).
inline constexpr int kIdLookupMissesPerDay = 20;

// A page of a list (docs/api.md "Lists"): ?limit= (default 100, at most 1000) and ?offset=.
struct Paging {
  int limit = 100, offset = 0;
  // Whether the item at 0-based position `i` of the whole list is on this page.
  bool holds(std::int64_t i) const { return i >= offset && i < static_cast<std::int64_t>(offset) + limit; }
};

// One row of a report's 按单位汇总: a direct child unit and its figures.
template <class Figures>
struct UnitFigures {
  Id unit_id = 0;
  std::string unit_name;
  Figures figures;
};

struct App {
  store::Store& store;
  // hr lookups by a full ID number that found nothing, per user (kIdLookupMissesPerDay).
  RateLimiter& id_lookups;
};

struct Caller {
  User user;
  Date today;                 // Asia/Shanghai: every rule's "today"
  store::Actor actor;         // as the audit log names the caller

  // A signed-in user.
  static Caller of(const User& u, Date today) { return {u, today, {u.id, u.username}}; }
  // The command line: an administrator's reach, named "cli" in the audit log.
  static Caller command_line(Date today);

  bool is(Role r) const { return user.role == r; }
  // The root of the caller's units (hr); nullopt: no subtree limit (admin) or self only (officer).
  std::optional<Id> scope() const { return scope_of(user); }
};

// Whether the caller may see the unit (domain/scope.hpp), false for one that does not exist.
bool sees_unit(App& app, const Caller& c, Id unit_id);
// The officer, when it exists and the caller may see it; else not_found (officer_not_found):
// one answer for "none" and "not yours", so existence never leaks.
Result<Officer> visible_officer(App& app, const Caller& c, Id officer_id);
// A unit the caller may see, else not_found (unit_not_found, naming `field`).
Status visible_unit(App& app, const Caller& c, Id unit_id, const char* field = "unit_id");
// The subtree a list covers: `asked` when the caller may see it (else not_found), otherwise the
// caller's reach (caller.scope(): nullopt for an admin).
Result<std::optional<Id>> list_scope(App& app, const Caller& c, std::optional<Id> asked);
// The unit a report covers: `asked` when the caller may see it (else not_found), otherwise the
// caller's own unit (hr; an officer's unit) or the root, the whole region (admin); 0 when there
// are no units.
Result<Id> report_unit(App& app, const Caller& c, std::optional<Id> asked);

// Whether an exception from a use case means the disk is full (HTTP 507): SQLite's (nothing was
// written), or a temporary file's, which throw std::system_error with ENOSPC or EDQUOT.
bool is_disk_full(const std::exception& e);

}  // namespace certhours::app
