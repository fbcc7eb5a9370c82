// Officers (执法人员): register, find, read and change them, within the caller's reach
// (domain/scope.hpp). Not found is the one answer for "none" and "not yours".
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "app/app.hpp"

namespace certhours::app {

// The unit tree as it is now (a snapshot; cheap to take).
std::shared_ptr<const UnitTree> unit_tree(App& app);

// Registers an officer in a unit of the caller's reach; the status follows the post period
// on the caller's day (initial_status). conflict when the ID number is registered.
Result<Officer> register_officer(App& app, const Caller& caller, Officer o);

struct OfficerSearch {
  std::optional<Id> unit_id;  // with its subtree; default: the caller's units (hr) or all (admin)
  std::string q;              // a part of the name, or a whole ID number (normalised)
  std::optional<OfficerStatus> status;
};
// not_found for a unit out of reach; rate_limited for an hr lookup by a whole ID number over
// the day's budget (app/id_lookup.hpp).
Result<store::Page<Officer>> find_officers(App& app, const Caller& caller, const OfficerSearch& s, Paging page);

// A change of name, unit (within reach), post end or status (resolve_post_change on the
// caller's day); leaving withdraws the certificates in force (the store, in one transaction).
Result<Officer> change_officer(App& app, const Caller& caller, Id officer_id, store::OfficerPatch p);

}  // namespace certhours::app
