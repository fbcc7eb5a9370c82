#include "domain/unit_tree.hpp"

#include <algorithm>
#include <cstdio>

namespace certhours {

std::string unit_path_segment(Id id) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%010lld/", static_cast<long long>(id));
  return buf;
}

namespace {
// "/1/10/" -> {1, 10}: paths compared by their ids, so /1/2/ comes before /1/10/.
std::vector<Id> path_ids(const std::string& path) {
  std::vector<Id> ids;
  Id cur = 0;
  for (char c : path) {
    if (c == '/') {
      if (cur) ids.push_back(cur);
      cur = 0;
    } else {
      cur = cur * 10 + (c - '0');
    }
  }
  return ids;
}
}  // namespace

UnitTree::UnitTree(std::vector<Unit> units) : units_(std::move(units)) {
  // Depth first, siblings in creation order: a parent before its children.
  std::sort(units_.begin(), units_.end(),
            [](const Unit& a, const Unit& b) { return path_ids(a.path) < path_ids(b.path); });
}

const Unit* UnitTree::find(Id id) const {
  for (const Unit& u : units_)
    if (u.id == id) return &u;
  return nullptr;
}

const Unit* UnitTree::find_code(std::string_view code) const {
  for (const Unit& u : units_)
    if (u.code == code) return &u;
  return nullptr;
}

bool UnitTree::contains(Id root, Id unit) const {
  const Unit* r = find(root);
  const Unit* u = find(unit);
  return r && u && r->contains(*u);
}

std::vector<const Unit*> UnitTree::subtree(Id root) const {
  std::vector<const Unit*> out;
  const Unit* r = find(root);
  if (!r) return out;
  for (const Unit& u : units_)
    if (r->contains(u)) out.push_back(&u);
  return out;
}

std::vector<const Unit*> UnitTree::children(Id parent) const {
  std::vector<const Unit*> out;
  for (const Unit& u : units_)
    if (u.parent_id && *u.parent_id == parent) out.push_back(&u);
  return out;
}


ChildUnits::ChildUnits(const UnitTree& tree, Id parent) : units(tree.children(parent)) {
  for (std::size_t i = 0; i < units.size(); ++i)
    for (const Unit* u : tree.subtree(units[i]->id)) index_of[u->id] = i;
}

std::optional<std::size_t> ChildUnits::of(Id unit_id) const {
  auto it = index_of.find(unit_id);
  if (it == index_of.end()) return std::nullopt;
  return it->second;
}

}  // namespace certhours
