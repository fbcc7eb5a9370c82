#include "app/claims.hpp"

#include <sodium.h>

#include "domain/messages.hpp"

namespace certhours::app {

namespace {
Status claim_not_found(Id id) { return Status::not_found(rules::claim_not_found, {{"id", std::to_string(id)}}); }

// The claim, when the caller may see its officer; one answer for "none" and "not yours".
Result<store::ClaimRecord> visible_claim(App& app, const Caller& caller, Id id) {
  auto r = app.store.claims.find(id);
  if (!r || !visible_officer(app, caller, r->claim.officer_id)) return claim_not_found(id);
  return std::move(*r);
}

// Nobody decides their own claim: an hr user linked to the claim's officer record.
bool own_claim(const Caller& caller, const Claim& c) {
  return caller.user.officer_id && *caller.user.officer_id == c.officer_id;
}
}  // namespace

// --- claims ---

Result<store::ClaimRecord> create_claim(App& app, const Caller& caller, Id officer_id, const ClaimSpec& spec) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  if (Status s = check_claim(spec, caller.today); !s) return s;
  return app.store.claims.create(o->id, spec, caller.actor);
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

Result<store::ClaimRecord> attach_evidence(App& app, const Caller& caller, Id claim_id, std::string_view bytes) {
  auto r = visible_claim(app, caller, claim_id);
  if (!r) return r.status();
  auto type = sniff_evidence(bytes);
  if (!type) return Status::unsupported(rules::evidence_type);
  Evidence e{*type, static_cast<std::int64_t>(bytes.size()), sha256_hex(bytes)};
  return app.store.claims.attach(claim_id, e, bytes, caller.actor);
}

Result<store::EvidenceFile> claim_evidence(App& app, const Caller& caller, Id claim_id) {
  auto r = visible_claim(app, caller, claim_id);
  if (!r) return r.status();
  auto file = app.store.claims.evidence(claim_id);
  if (!file) return claim_not_found(claim_id);
  return std::move(*file);
}

Result<store::ClaimRecord> get_claim(App& app, const Caller& caller, Id claim_id) {
  return visible_claim(app, caller, claim_id);
}

Result<store::Page<store::ClaimRecord>> list_claims(App& app, const Caller& caller, const ClaimFilter& f,
                                                    const Paging& page) {
  auto scope = list_scope(app, caller, f.unit_id);
  if (!scope) return scope.status();
  store::ClaimQuery q;
  q.scope = *scope;
  q.state = f.state;
  q.year = f.year;
  q.limit = page.limit;
  q.offset = page.offset;
  return app.store.claims.list(q);
}

Result<std::vector<store::ClaimRecord>> officer_claims(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.claims.of_officer(o->id);
}

Result<store::ClaimRecord> decide_claim(App& app, const Caller& caller, Id claim_id, ClaimAction action,
                                        const store::ClaimDecision& d) {
  if (action != ClaimAction::approve && action != ClaimAction::reject)
    return Status::invalid("decision", rules::value_not_allowed,
                           {{"allowed", "approve,reject"}, {"value", claim_action_key(action)}});
  auto r = visible_claim(app, caller, claim_id);
  if (!r) return r.status();
  if (own_claim(caller, r->claim)) return Status::forbidden(rules::claim_own_decision);
  return app.store.claims.act(claim_id, action, d, caller.actor);
}

Result<store::ClaimRecord> withdraw_claim(App& app, const Caller& caller, Id claim_id) {
  auto r = visible_claim(app, caller, claim_id);
  if (!r) return r.status();
  return app.store.claims.act(claim_id, ClaimAction::withdraw, {}, caller.actor);
}

Result<store::ClaimRecord> revoke_claim(App& app, const Caller& caller, Id claim_id, const std::string& reason) {
  auto r = visible_claim(app, caller, claim_id);
  if (!r) return r.status();
  return app.store.claims.act(claim_id, ClaimAction::revoke, {{}, reason}, caller.actor);
}

std::vector<ClaimAction> allowed_claim_actions(const Caller& caller, const store::ClaimRecord& r) {
  std::vector<ClaimAction> out;
  bool reviewer = caller.is(Role::admin) || caller.is(Role::hr);
  for (const auto& n : kClaimActions.names) {
    ClaimAction a = n.value;
    if (!claim_next(r.claim.state, a)) continue;
    bool role_may = a == ClaimAction::evidence || a == ClaimAction::withdraw ||
                    ((a == ClaimAction::approve || a == ClaimAction::reject) && reviewer && !own_claim(caller, r.claim)) ||
                    (a == ClaimAction::revoke && caller.is(Role::admin));
    if (role_may) out.push_back(a);
  }
  return out;
}

// --- exemptions ---

Result<Exemption> create_exemption(App& app, const Caller& caller, Id officer_id, const ExemptionSpec& spec) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  if (Status s = check_exemption(spec); !s) return s;
  return app.store.exemptions.add(o->id, spec, year_of(caller.today), caller.actor);
}

Result<std::vector<Exemption>> officer_exemptions(App& app, const Caller& caller, Id officer_id) {
  auto o = visible_officer(app, caller, officer_id);
  if (!o) return o.status();
  return app.store.exemptions.of_officer(o->id);
}

Status delete_exemption(App& app, const Caller& caller, Id exemption_id) {
  auto e = app.store.exemptions.find(exemption_id);
  if (!e || !visible_officer(app, caller, e->officer_id))
    return Status::not_found(rules::exemption_not_found, {{"id", std::to_string(exemption_id)}});
  return app.store.exemptions.remove(exemption_id, caller.actor);
}

}  // namespace certhours::app
