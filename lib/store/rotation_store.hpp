// Rotation campaigns and the officers each one must reach (docs/domain.md "The full-staff
// rotation"). Free functions over the Store, in the store's style: reads see a
// consistent snapshot; the write runs as one transaction on the writer thread with its
// audit entry (entity "campaign") inside it. Thread safe. I/O failures throw.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/rotation.hpp"
#include "store/store.hpp"

namespace certhours::store {

// Every campaign, in window_start order (then id).
std::vector<Campaign> list_campaigns(Store& store);

// The campaign, or nullopt when there is none with this id.
std::optional<Campaign> find_campaign(Store& store, Id id);

// Records a campaign (id ignored) and returns it with its id. Invalid (field
// "deadline") when the deadline is before the window start; the name is stored as given.
Result<Campaign> create_campaign(Store& store, const Campaign& c, const Actor& by);

// One officer the campaign must reach.
struct RotationRow {
  Id officer_id = 0;
  std::string name;
  Id unit_id = 0;
  OfficerKind kind = OfficerKind::enforcement;
  PostPeriod post;
  bool rotated = false;  // attended at least one session that counts (however many)
};

// Every officer of `unit_id`'s subtree who must be rotated in `c` (must_rotate), in unit
// path order then id, each with whether they attended a session that counts
// (counts_for_rotation). One pass over the subtree: the units.path range, each unit's
// officers, and for each officer one range of the attendance key (officer_id, year).
// Empty when the unit does not exist.
std::vector<RotationRow> rotation_rows(Store& store, Id unit_id, const Campaign& c);

}  // namespace certhours::store
