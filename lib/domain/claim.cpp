#include "domain/claim.hpp"

#include "domain/messages.hpp"

namespace certhours {

std::optional<ClaimState> claim_next(ClaimState from, ClaimAction a) {
  using S = ClaimState;
  bool open = from == S::awaiting_evidence || from == S::submitted;
  switch (a) {
    case ClaimAction::create: return std::nullopt;
    case ClaimAction::evidence: return open ? std::optional(S::submitted) : std::nullopt;
    case ClaimAction::withdraw: return open ? std::optional(S::withdrawn) : std::nullopt;
    case ClaimAction::approve: return from == S::submitted ? std::optional(S::approved) : std::nullopt;
    case ClaimAction::reject: return from == S::submitted ? std::optional(S::rejected) : std::nullopt;
    case ClaimAction::revoke: return from == S::approved ? std::optional(S::revoked) : std::nullopt;
  }
  return std::nullopt;
}

Status check_claim_action(Id id, ClaimState from, ClaimAction a, const std::string& reason) {
  if ((a == ClaimAction::reject || a == ClaimAction::revoke) && reason.empty())
    return Status::invalid("reason", rules::required);
  if (claim_next(from, a)) return Status::ok();
  // The states the action is allowed from, and where it leads, read from the table itself.
  std::string allowed;
  std::optional<ClaimState> target;
  for (ClaimState s : kClaimStates)
    if (auto to = claim_next(s, a)) {
      if (!allowed.empty()) allowed += ',';
      allowed += claim_state_key(s);
      target = to;
    }
  return Status::conflict(rules::claim_transition,
                          {{"action", claim_action_key(a)},
                           {"id", std::to_string(id)},
                           {"state", claim_state_key(from)},
                           {"target", target ? claim_state_key(*target) : ""},
                           {"allowed_from", allowed}},
                          "action");
}

std::optional<EvidenceType> sniff_evidence(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return EvidenceType::pdf;
  if (bytes.starts_with("\xFF\xD8\xFF")) return EvidenceType::jpeg;
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return EvidenceType::png;
  return std::nullopt;
}

std::string evidence_file_name(Id claim_id, EvidenceType t) {
  const char* ext = t == EvidenceType::pdf ? "pdf" : t == EvidenceType::jpeg ? "jpg" : "png";
  return "claim-" + std::to_string(claim_id) + "-evidence." + ext;
}

Status check_claim(const ClaimSpec& c, Date today) {
  TrainingSpec as_session{c.title, c.start_date, c.end_date, c.hours};
  if (Status s = check_training(as_session); !s) return s;
  if (c.end_date > today)
    return Status::invalid("end_date", rules::claim_in_future,
                           {{"end", format_date(c.end_date)}, {"today", format_date(today)}});
  return Status::ok();
}

Result<CategoryHours> credited_for(const CategoryHours& claimed, const PartialCredit& partial) {
  CategoryHours out = claimed;
  const std::optional<Hours>* given[] = {&partial.legal, &partial.business, &partial.political};
  int i = 0;
  for (Category c : kCategories) {
    const std::optional<Hours>& h = *given[i++];
    if (!h) continue;
    if (*h > claimed[c])
      return Status::invalid(std::string("hours.") + category_key(c), rules::credit_exceeds_claim,
                             {{"category", category_key(c)}, {"credited", h->to_string()}, {"claimed", claimed[c].to_string()}});
    out[c] = *h;
  }
  if (out.total() == Hours()) return Status::invalid("hours", rules::training_without_hours);
  return out;
}

}  // namespace certhours
