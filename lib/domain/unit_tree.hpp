// The unit tree (单位) as rules see it: who lies below whom, and the direct children a
// report is summarised by. A snapshot: the store loads it whole (hundreds of units) and
// replaces it on every unit write, so that scope checks cost no query.
#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/officer.hpp"

namespace certhours {

// One step of a unit path: the id in ten digits and '/', so that paths sort as the tree does
// (siblings by id) in SQL too (schema/0004_unit_path_order.sql).
std::string unit_path_segment(Id id);

class UnitTree {
 public:
  explicit UnitTree(std::vector<Unit> units);
  const Unit* find(Id id) const;
  const Unit* find_code(std::string_view code) const;
  // Every unit in path order (a parent before its children).
  const std::vector<Unit>& all() const { return units_; }
  // True when `unit` is `root` or lies below it.
  bool contains(Id root, Id unit) const;
  std::vector<const Unit*> subtree(Id root) const;
  std::vector<const Unit*> children(Id parent) const;

 private:
  std::vector<Unit> units_;
};

// The direct children of a unit and, for every unit below it, which child it falls under:
// the rows of a report's 按单位汇总.
struct ChildUnits {
  std::vector<const Unit*> units;
  std::map<Id, std::size_t> index_of;  // unit id -> index in units
  ChildUnits(const UnitTree& tree, Id parent);
  std::optional<std::size_t> of(Id unit_id) const;
};

}  // namespace certhours
