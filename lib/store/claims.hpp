// External training claims (外部培训学时认定) and their evidence. The domain
// (domain/claim.hpp) decides every move, checked inside the write; every change is audited
// (entity claim, actions create/evidence/withdraw/approve/reject/revoke, before/after). An
// approved claim's credited hours join the officer's year totals by the schema's triggers
// (schema/0009), so every figure built on them counts it; Credits lists it among the trainings.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/claim.hpp"
#include "domain/status.hpp"
#include "store/actor.hpp"
#include "store/page.hpp"

namespace certhours::store {

class Database;
class Units;

struct ClaimRecord {
  Claim claim;
  std::string name;  // the officer's
  Id unit_id = 0;    // the officer's unit today
};

struct ClaimQuery {
  std::optional<Id> scope;  // officers of this unit's subtree (nullopt: everyone)
  std::optional<ClaimState> state;
  std::optional<int> year;  // of end_date
  int limit = 100, offset = 0;
};

// The evidence file itself.
struct EvidenceFile {
  EvidenceType type = EvidenceType::pdf;
  std::string content;
};

// What a decision brings: the hours credited (approve) and the reason (reject, revoke).
struct ClaimDecision {
  PartialCredit hours;
  std::string reason;
};

class Claims {
 public:
  Claims(Database& db, const Units& units);
  // A new claim of the officer, awaiting its evidence. The caller checked its values
  // (check_claim); not_found officer_not_found for an unknown officer; conflict
  // claim_open_limit when kMaxOpenClaims are open.
  Result<ClaimRecord> create(Id officer_id, const ClaimSpec& spec, const Actor& by);
  std::optional<ClaimRecord> find(Id id);
  // The claims of the scope, oldest submitted first (those never submitted last, by id).
  Page<ClaimRecord> list(const ClaimQuery& q);
  // The officer's claims, newest first.
  std::vector<ClaimRecord> of_officer(Id officer_id);
  // Attaches (or replaces) the evidence: state submitted. `e.sha256` and `e.bytes` describe
  // `content`. not_found claim_not_found; conflict claim_transition.
  Result<ClaimRecord> attach(Id id, const Evidence& e, std::string_view content, const Actor& by);
  std::optional<EvidenceFile> evidence(Id id);
  // Withdraw (deleting its file), approve (crediting credited_for(claimed, d.hours)), reject or
  // revoke (d.reason).
  Result<ClaimRecord> act(Id id, ClaimAction action, const ClaimDecision& d, const Actor& by);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
