#include "domain/scope.hpp"

namespace certhours {

std::optional<Id> scope_of(const User& u) {
  if (u.role == Role::hr) return u.unit_id;
  return std::nullopt;
}

bool sees_officer(const User& u, const UnitTree& tree, const Officer& o) {
  switch (u.role) {
    case Role::admin: return true;
    case Role::hr: return u.unit_id && tree.contains(*u.unit_id, o.unit_id);
    case Role::officer: return u.officer_id && *u.officer_id == o.id;
  }
  return false;
}

bool sees_unit(const User& u, const UnitTree& tree, Id unit_id, std::optional<Id> own_unit) {
  if (!tree.find(unit_id)) return false;
  switch (u.role) {
    case Role::admin: return true;
    case Role::hr: return u.unit_id && tree.contains(*u.unit_id, unit_id);
    case Role::officer: return own_unit && *own_unit == unit_id;
  }
  return false;
}

bool sees_full_id_number(const User& u, const Officer& o) {
  return u.role == Role::admin || (u.role == Role::officer && u.officer_id == o.id);
}

}  // namespace certhours
