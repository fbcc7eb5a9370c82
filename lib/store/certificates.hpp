// Enforcement certificates and their events (issue, suspend, restore, withdraw, cancel); the
// domain (domain/certificate.hpp) decides every transition, checked inside the write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/certificate.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;
class Units;

class Certificates {
 public:
  Certificates(Database& db, const Units& units);
  // Issues a certificate (the officer must exist; check_issue's rules; a duplicate
  // number is a conflict, field "number").
  Result<Certificate> issue(Id officer_id, const std::string& number, Date issued_on,
                            const std::optional<Date>& expires_on, const Actor& by);
  std::optional<Certificate> find(Id id);
  std::optional<Certificate> find_number(const std::string& number);
  std::vector<Certificate> of_officer(Id officer_id);
  // Every certificate of the officers of `unit_id`'s subtree, with its events (unit path, officer,
  // certificate id order).
  std::vector<Certificate> in_unit(Id unit_id);
  // Appends an event after check_action's rules, checked inside the transaction.
  Result<Certificate> act(Id certificate_id, CertAction action, Date effective_on, const std::string& reason,
                          const std::optional<Date>& until, const Actor& by);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
