// What GET /rotation and GET /rotation/export share (docs/domain.md "The full-staff rotation"):
// which campaign a request means, and the direct child units a subtree is summarised by.
#pragma once
#include <map>
#include <optional>
#include <vector>

#include "api/context.hpp"
#include "domain/rotation.hpp"
#include "store/store.hpp"

namespace certhours::api {

// ?campaign_id= (404 when unknown), else default_campaign as of `as_of`; nullopt when
// there is no campaign at all.
Result<std::optional<Campaign>> chosen_campaign(const Ctx& ctx, Date as_of);

// The direct children of a unit and, for every unit below it, which child it falls under.
struct ChildUnits {
  std::vector<const Unit*> units;
  std::map<Id, std::size_t> index_of;  // unit id -> index in units
  ChildUnits(const store::UnitTree& tree, Id parent) : units(tree.children(parent)) {
    for (std::size_t i = 0; i < units.size(); ++i)
      for (const Unit* u : tree.subtree(units[i]->id)) index_of[u->id] = i;
  }
  std::optional<std::size_t> of(Id unit_id) const {
    auto it = index_of.find(unit_id);
    if (it == index_of.end()) return std::nullopt;
    return it->second;
  }
};

}  // namespace certhours::api
