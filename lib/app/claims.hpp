// External training claims and exemptions as their users ask for them (docs/api.md "External
// training claims and exemptions"): an officer (or their unit's hr, or an admin) claims a course
// and attaches its certificate; hr of the officer's units or an admin decides; an admin may
// revoke an approval. hr and admins record exemptions for leave; admins delete them.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "domain/claim.hpp"
#include "domain/exemption.hpp"

namespace certhours::app {

// --- claims ---

// A claim of an officer of the caller's reach (an officer: their own), awaiting evidence.
// invalid for check_claim's rules; not_found for an officer out of reach. The texts are read by
// the caller's door (at most kClaimTextMaxChars each).
Result<store::ClaimRecord> create_claim(App& app, const Caller& caller, Id officer_id, const ClaimSpec& spec);
// Attaches the evidence file (replacing an earlier one): unsupported (evidence_type) unless its
// first bytes are a PDF's, a JPEG's or a PNG's — whatever type it was sent as; its SHA-256 is
// recorded with it. The size limit (kEvidenceMaxBytes) is the door's, before it reads the bytes.
Result<store::ClaimRecord> attach_evidence(App& app, const Caller& caller, Id claim_id, std::string_view bytes);
// The evidence of a claim the caller may see: not_found (claim_not_found) when none is attached.
Result<store::EvidenceFile> claim_evidence(App& app, const Caller& caller, Id claim_id);
// One claim: admins any, hr those of their units' officers, an officer their own; else not_found.
Result<store::ClaimRecord> get_claim(App& app, const Caller& caller, Id claim_id);
struct ClaimFilter {
  std::optional<Id> unit_id;  // default: the caller's reach
  std::optional<ClaimState> state;
  std::optional<int> year;
};
// The claims of the caller's reach, oldest submitted first. not_found for a unit out of reach.
Result<store::Page<store::ClaimRecord>> list_claims(App& app, const Caller& caller, const ClaimFilter& f,
                                                    const Paging& page);
// The officer's claims, newest first.
Result<std::vector<store::ClaimRecord>> officer_claims(App& app, const Caller& caller, Id officer_id);
// Approve (crediting the claimed hours, or fewer where given) or reject (a reason required):
// forbidden (claim_own_decision) when the claim is the caller's own officer record's.
Result<store::ClaimRecord> decide_claim(App& app, const Caller& caller, Id claim_id, ClaimAction action,
                                        const store::ClaimDecision& d);
Result<store::ClaimRecord> withdraw_claim(App& app, const Caller& caller, Id claim_id);
// An admin's: the approved claim stops counting.
Result<store::ClaimRecord> revoke_claim(App& app, const Caller& caller, Id claim_id, const std::string& reason);
// What the caller may do with the claim now, in the order of kClaimActions: the actions its state
// allows (claim_next) that the caller's role may take — evidence and withdraw anyone who sees it,
// approve and reject hr and admin (never on their own officer record's claim), revoke an admin.
std::vector<ClaimAction> allowed_claim_actions(const Caller& caller, const store::ClaimRecord& r);

// The hex SHA-256 of the bytes (lower case), as the evidence records it.
std::string sha256_hex(std::string_view bytes);

// --- exemptions ---

// Records an exemption of an officer of the caller's reach: check_exemption's values (invalid),
// then against the record (conflict: the year, an overlap).
Result<Exemption> create_exemption(App& app, const Caller& caller, Id officer_id, const ExemptionSpec& spec);
Result<std::vector<Exemption>> officer_exemptions(App& app, const Caller& caller, Id officer_id);
// An admin's; not_found (exemption_not_found) for none.
Status delete_exemption(App& app, const Caller& caller, Id exemption_id);

}  // namespace certhours::app
