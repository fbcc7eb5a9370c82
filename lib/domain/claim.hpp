// External training claims (外部培训学时认定, docs/domain.md "External training claims"): an
// officer's course outside the sessions units log, its evidence, and the reviewer's decision.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "domain/enum_names.hpp"
#include "domain/hours.hpp"
#include "domain/id.hpp"
#include "domain/status.hpp"
#include "domain/training.hpp"

namespace certhours {

enum class ClaimState { awaiting_evidence, submitted, approved, rejected, withdrawn, revoked };
inline constexpr ClaimState kClaimStates[] = {ClaimState::awaiting_evidence, ClaimState::submitted,
                                              ClaimState::approved,          ClaimState::rejected,
                                              ClaimState::withdrawn,         ClaimState::revoked};
inline constexpr auto kClaimStateNames = names_of<ClaimState>({{ClaimState::awaiting_evidence, "awaiting_evidence", "待上传证明"},
                                                                {ClaimState::submitted, "submitted", "待认定"},
                                                                {ClaimState::approved, "approved", "已认定"},
                                                                {ClaimState::rejected, "rejected", "未通过"},
                                                                {ClaimState::withdrawn, "withdrawn", "已撤回"},
                                                                {ClaimState::revoked, "revoked", "已撤销"}});
inline const char* claim_state_key(ClaimState s) { return kClaimStateNames.key(s); }
inline std::optional<ClaimState> parse_claim_state(std::string_view s) { return kClaimStateNames.parse(s); }

// The audit log's actions on a claim, and the moves of its state table.
enum class ClaimAction { create, evidence, withdraw, approve, reject, revoke };
inline constexpr auto kClaimActions = names_of<ClaimAction>({{ClaimAction::create, "create", "申报"},
                                                             {ClaimAction::evidence, "evidence", "上传证明"},
                                                             {ClaimAction::withdraw, "withdraw", "撤回"},
                                                             {ClaimAction::approve, "approve", "认定"},
                                                             {ClaimAction::reject, "reject", "不予认定"},
                                                             {ClaimAction::revoke, "revoke", "撤销"}});
inline const char* claim_action_key(ClaimAction a) { return kClaimActions.key(a); }
// The two a decision chooses between (POST /claims/{id}/decision's `decision`).
inline constexpr auto kClaimDecisions =
    names_of<ClaimAction>({{ClaimAction::approve, "approve", "认定"}, {ClaimAction::reject, "reject", "不予认定"}});

// The state a new claim starts in.
inline constexpr ClaimState kNewClaim = ClaimState::awaiting_evidence;

// The state `a` leads to from `from`, or nullopt when the table does not allow it:
// evidence and withdraw from awaiting_evidence or submitted; approve and reject from
// submitted; revoke from approved. Create is never taken on an existing claim.
std::optional<ClaimState> claim_next(ClaimState from, ClaimAction a);

// Checks action `a` on claim `id`, now in state `from`: reject and revoke need a reason
// (invalid, field "reason": the body is validated before the state), then the move must be in
// the table (conflict claim_transition naming both states and the states it is allowed from).
Status check_claim_action(Id id, ClaimState from, ClaimAction a, const std::string& reason);

// The evidence file: one PDF, JPEG or PNG, recognised by its first bytes, never by a name
// or a declared type.
enum class EvidenceType { pdf, jpeg, png };
inline constexpr auto kEvidenceTypes = names_of<EvidenceType>(
    {{EvidenceType::pdf, "application/pdf"}, {EvidenceType::jpeg, "image/jpeg"}, {EvidenceType::png, "image/png"}});
inline const char* evidence_media_type(EvidenceType t) { return kEvidenceTypes.key(t); }
inline std::optional<EvidenceType> parse_evidence_type(std::string_view s) { return kEvidenceTypes.parse(s); }
// The largest evidence file: 5 MiB (a phone photo of a certificate, or a scanned page).
inline constexpr std::size_t kEvidenceMaxBytes = 5u * 1024 * 1024;
// `%PDF-`, `FF D8 FF` or the PNG signature at the start; nullopt for anything else.
std::optional<EvidenceType> sniff_evidence(std::string_view bytes);
// The file name a download offers: claim-ID-evidence.pdf|jpg|png.
std::string evidence_file_name(Id claim_id, EvidenceType t);

struct Evidence {
  EvidenceType type = EvidenceType::pdf;
  std::int64_t bytes = 0;
  std::string sha256;  // lower-case hex
};

// What an officer claims: a course, who ran it, when, and its hours.
struct ClaimSpec {
  std::string title;
  std::string provider;
  Date start_date, end_date;
  CategoryHours hours;
};
inline constexpr std::size_t kClaimTextMaxChars = 200;
// Claims of one officer open at once (awaiting evidence or submitted): each may hold a 5 MiB
// file, so this bounds what one account can store before a reviewer acts (conflict
// claim_open_limit). A withdrawn claim drops its file.
inline constexpr int kMaxOpenClaims = 10;

// A session's rules for dates and hours (check_training: end not before start, at least 0.5 in
// all, at most 10 a calendar day spanned), and the course has ended by `today` (no claims for
// the future: invalid claim_in_future, field end_date).
Status check_claim(const ClaimSpec& c, Date today);

// The year a claim counts in: the year of its end date, as a session's.
inline int counted_year(const ClaimSpec& c) { return year_of(c.end_date); }

// The hours an approval credits: the claim's, or fewer per category where given; never more
// than claimed (invalid credit_exceeds_claim, field hours.<category>), and at least 0.5 in all
// (invalid training_without_hours: a claim worth nothing is rejected, not approved).
Result<CategoryHours> credited_for(const CategoryHours& claimed, const PartialCredit& partial);

struct Claim {
  Id id = 0;
  Id officer_id = 0;
  ClaimSpec spec;
  ClaimState state = kNewClaim;
  std::optional<CategoryHours> credited;  // set by an approval, kept after a revocation
  std::optional<Evidence> evidence;
  std::string created_by, created_at;  // username (or cli), RFC 3339
  std::string submitted_at;            // the latest evidence, "" before any
  std::string decided_by, decided_at;  // the latest approve, reject or revoke, "" before any
  std::string reason;                  // of a rejection or a revocation
};

}  // namespace certhours
