// Rotation campaigns and the officers each one must reach (docs/domain.md "The full-staff
// rotation"). A campaign's creation is audited as entity "campaign".
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/officer.hpp"
#include "domain/rotation.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;
class Units;

// One officer the campaign must reach.
struct RotationRow {
  Id officer_id = 0;
  std::string name;
  Id unit_id = 0;
  OfficerKind kind = OfficerKind::enforcement;
  PostPeriod post;
  bool rotated = false;  // attended at least one session that counts (however many)
};

class Campaigns {
 public:
  Campaigns(Database& db, const Units& units);
  // Every campaign, in window_start order (then id).
  std::vector<Campaign> list();
  // The campaign, or nullopt when there is none with this id.
  std::optional<Campaign> find(Id id);
  // Records a campaign (id ignored) and returns it with its id. Invalid (field
  // "deadline") when the deadline is before the window start; the name is stored as given.
  Result<Campaign> create(const Campaign& c, const Actor& by);
  // Every officer of `unit_id`'s subtree who must be rotated in `c` (must_rotate), in unit
  // path order then id, each with whether they attended a session that counts as of
  // `as_of` (counts_for_rotation). One pass over the subtree: the units.path range, each unit's
  // officers, and for each officer one range of the attendance key (officer_id, year).
  // Empty when the unit does not exist.
  std::vector<RotationRow> rotation_rows(Id unit_id, const Campaign& c, Date as_of);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
