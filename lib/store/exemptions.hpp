// Exemptions (学时减免): leave that excuses days from an officer's yearly requirement. The
// domain (domain/exemption.hpp) decides what fits, checked inside the write against the
// officer's other exemptions; every change is audited (entity exemption, create/delete).
// Credits::compliance_rows reads them with the year's hours, so every figure counts them.
#pragma once
#include <optional>
#include <vector>

#include "domain/exemption.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;

class Exemptions {
 public:
  explicit Exemptions(Database& db);
  // Records an exemption of the officer (check_exemption_fits against their others, with
  // `current_year`). The caller checked its values (check_exemption). not_found
  // officer_not_found for an unknown officer.
  Result<Exemption> add(Id officer_id, const ExemptionSpec& spec, int current_year, const Actor& by);
  // The officer's exemptions, oldest first.
  std::vector<Exemption> of_officer(Id officer_id);
  std::optional<Exemption> find(Id id);
  // not_found exemption_not_found.
  Status remove(Id id, const Actor& by);

 private:
  Database& db_;
};

}  // namespace certhours::store
