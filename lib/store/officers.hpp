// The officers: registered, found, searched and changed (leaving post withdraws certificates).
#pragma once
#include <optional>
#include <string>

#include "domain/officer.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;
class Units;

// PATCH /officers/{id}: only the fields present change.
struct OfficerPatch {
  std::optional<std::string> name;
  std::optional<Id> unit_id;
  std::optional<std::optional<Date>> post_end;  // set, or clear with nullopt inside
  std::optional<OfficerStatus> status;
};

struct OfficerQuery {
  std::optional<Id> unit_id;  // with its subtree
  std::string q;              // a part of the name, or a whole ID number
  std::optional<OfficerStatus> status;
  int limit = 100, offset = 0;
};

class Officers {
 public:
  Officers(Database& db, const Units& units);
  // Conflict (field id_number) when the ID number is already registered.
  Result<Officer> create(const Officer& o, const Actor& by);
  std::optional<Officer> find(Id id);
  Page<Officer> search(const OfficerQuery& q);
  // When the status changes to left, every certificate of the officer that is valid or
  // suspended on post_end is withdrawn effective on post_end, in the same transaction.
  Result<Officer> update(Id id, const OfficerPatch& p, const Actor& by);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
