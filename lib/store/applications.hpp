// Certificate applications (申领): submitted for an officer with the qualification review of the
// submission date, then approved (issuing the certificate in the same transaction), rejected or
// withdrawn. The domain (domain/qualification.hpp) decides every transition, checked inside the
// write; every change is audited (entity application, action submit/approve/reject/withdraw,
// before/after). The review itself is computed by the caller (lib/app) from what it read just
// before: the write re-checks what must not race (the state, one open application per officer,
// the officer's kind and status, the certificate rules and the number).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/certificate.hpp"
#include "domain/qualification.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;
class Units;

struct ApplicationRecord {
  Application application;  // with the checks of the submission date
  std::string name;         // the officer's
  Id unit_id = 0;           // the officer's unit today
  std::string submitted_by;
  std::optional<Date> decided_on;  // approved, rejected or withdrawn on
  std::string decided_by;
  std::string reason;
  std::optional<Certificate> certificate;  // approved: the certificate issued (without its events)
};

struct ApplicationQuery {
  std::optional<Id> scope;  // officers of this unit's subtree (nullopt: everyone)
  std::optional<Id> officer_id;
  std::optional<ApplicationState> state;
  std::optional<ApplicationKind> kind;
  bool oldest_first = false;  // by submission date, then id; default: newest first
  int limit = 100, offset = 0;
};

// What an approval issues.
struct Approval {
  std::optional<std::string> number;  // none: the next free YYYYNNNNNN of issued_on's year
  Date issued_on;
  std::optional<Date> expires_on;     // none: the default expiry
  Date decided_on;
};

class Applications {
 public:
  Applications(Database& db, const Units& units);
  // Records a new application with its review (check_submit's rules: police, left, a second
  // open application are conflicts; not_found for an unknown officer).
  Result<ApplicationRecord> submit(Id officer_id, ApplicationKind kind, const Review& review, const Actor& by);
  std::optional<ApplicationRecord> find(Id id);
  Page<ApplicationRecord> list(const ApplicationQuery& q);
  // Every application of the officer, as the domain reads them (check_submit).
  std::vector<Application> of_officer(Id officer_id);
  // Approves a submitted application and issues its certificate (Certificates::issue's rules).
  // The caller checked the review (check_approval). not_found: application_not_found.
  Result<ApplicationRecord> approve(Id id, const Approval& a, const Actor& by);
  // Rejects (a reason required) or withdraws (reason optional) a submitted application.
  Result<ApplicationRecord> close(Id id, ApplicationAction action, Date on, const std::string& reason,
                                  const Actor& by);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
