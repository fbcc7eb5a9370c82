// Who may see what (docs/api.md "Roles and scope"): an administrator sees everything, an hr
// user the units below their own (their scope) and the officers in them, an officer user
// themself and their own unit. Outside that, a thing reads as if it did not exist.
#pragma once
#include <optional>

#include "domain/officer.hpp"
#include "domain/unit_tree.hpp"

namespace certhours {

// The root of the user's units: an hr user's unit; nullopt for an admin (everything) and for
// an officer user (who is limited to themself, not to a subtree).
std::optional<Id> scope_of(const User& u);

// Whether `u` may see officer `o`: admin all, hr in their subtree, officer themself.
bool sees_officer(const User& u, const UnitTree& tree, const Officer& o);

// Whether `u` may see unit `unit_id`: it exists and (admin) any, (hr) in their subtree,
// (officer) the unit of their own officer record, `own_unit`.
bool sees_unit(const User& u, const UnitTree& tree, Id unit_id, std::optional<Id> own_unit);

// Whether `u` sees an officer's full ID number: admins, and an officer their own. hr users see
// it masked (docs/security.md).
bool sees_full_id_number(const User& u, const Officer& o);

}  // namespace certhours
