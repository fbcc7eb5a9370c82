// The units (市 → 县区 → 乡镇): created by the administrator, never changed or deleted, so the
// whole tree is kept in memory and replaced after each creation.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "domain/status.hpp"
#include "domain/unit_tree.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;

struct NewUnit {
  std::string code, name;
  std::optional<Id> parent_id;
  UnitLevel level = UnitLevel::city;
};

class Units {
 public:
  explicit Units(Database& db);
  // Every unit, as of the last creation. Thread safe; the tree is never changed in place.
  std::shared_ptr<const UnitTree> tree() const;
  // Conflict on a duplicate code; invalid when the parent does not exist or a second root.
  Result<Unit> create(const NewUnit& u, const Actor& by);

 private:
  void reload();
  Database& db_;
  mutable std::mutex mu_;
  std::shared_ptr<const UnitTree> tree_;
};

}  // namespace certhours::store
