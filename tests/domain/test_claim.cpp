// External training claims (docs/domain.md "External training claims"): the state table, the
// evidence's type by its first bytes, the claim's values and the hours an approval credits.
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include "domain/claim.hpp"
#include "domain/messages.hpp"

using namespace certhours;
using certhours::testdata::D;

namespace {
CategoryHours H(int legal_halves, int business_halves, int political_halves = 0) {
  return {Hours::from_halves(legal_halves), Hours::from_halves(business_halves), Hours::from_halves(political_halves)};
}
ClaimSpec spec(const char* start, const char* end, CategoryHours h) { return {"行政复议法培训", "省司法厅", D(start), D(end), h}; }
}  // namespace

TEST_CASE("the state table of claims (docs/domain.md), every state and every action") {
  using S = ClaimState;
  using A = ClaimAction;
  struct Move {
    S from;
    A action;
    std::optional<S> to;
  };
  const Move table[] = {
      {S::awaiting_evidence, A::evidence, S::submitted}, {S::submitted, A::evidence, S::submitted},
      {S::awaiting_evidence, A::withdraw, S::withdrawn}, {S::submitted, A::withdraw, S::withdrawn},
      {S::submitted, A::approve, S::approved},           {S::submitted, A::reject, S::rejected},
      {S::approved, A::revoke, S::revoked},
  };
  for (S from : kClaimStates)
    for (A a : {A::create, A::evidence, A::withdraw, A::approve, A::reject, A::revoke}) {
      std::optional<S> expected;
      for (const Move& m : table)
        if (m.from == from && m.action == a) expected = m.to;
      CAPTURE(claim_state_key(from));
      CAPTURE(claim_action_key(a));
      CHECK(claim_next(from, a) == expected);
      Status s = check_claim_action(9, from, a, "原因");
      if (a == A::create) continue;
      CHECK(s.is_ok() == expected.has_value());
      if (!s) {
        CHECK(s.code() == Status::Code::conflict);
        CHECK(s.rule() == "claim_transition");
        CHECK(s.what().param("state") == claim_state_key(from));
      }
    }
}

TEST_CASE("a refused move names both states, in the claim's words") {
  Status s = check_claim_action(12, ClaimState::withdrawn, ClaimAction::approve, "");
  REQUIRE(s.rule() == "claim_transition");
  CHECK(s.what().param("allowed_from") == "submitted");
  CHECK(s.what().param("target") == "approved");
  CHECK(s.message(Lang::zh) == "学时申报 12 为“已撤回”状态，不能认定（改为“已认定”）：只有“待认定”状态的申报才能认定");
  CHECK(s.message(Lang::en) == "cannot approve claim 12: it is withdrawn, and approve (to approved) is allowed only from submitted");
  Status w = check_claim_action(3, ClaimState::approved, ClaimAction::withdraw, "");
  CHECK(w.what().param("allowed_from") == "awaiting_evidence,submitted");
  CHECK(w.message(Lang::zh) == "学时申报 3 为“已认定”状态，不能撤回（改为“已撤回”）：只有“待上传证明”“待认定”状态的申报才能撤回");
}

TEST_CASE("reject and revoke need a reason, checked before the state") {
  Status r = check_claim_action(1, ClaimState::approved, ClaimAction::reject, "");
  CHECK(r.code() == Status::Code::invalid);
  CHECK(r.rule() == "required");
  CHECK(r.field() == "reason");
  CHECK(check_claim_action(1, ClaimState::approved, ClaimAction::revoke, "").rule() == "required");
  CHECK(check_claim_action(1, ClaimState::approved, ClaimAction::revoke, "证书系伪造"));
  CHECK(check_claim_action(1, ClaimState::submitted, ClaimAction::approve, ""));
}

TEST_CASE("the evidence's type is its first bytes") {
  CHECK(sniff_evidence("%PDF-1.7\n...") == EvidenceType::pdf);
  CHECK(sniff_evidence(std::string_view("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10)) == EvidenceType::jpeg);
  CHECK(sniff_evidence(std::string_view("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16)) == EvidenceType::png);
  CHECK_FALSE(sniff_evidence("<!DOCTYPE html><html>%PDF-").has_value());
  CHECK_FALSE(sniff_evidence("%PDF").has_value());
  CHECK_FALSE(sniff_evidence(std::string_view("\x89PNG\r\n\x1A", 7)).has_value());
  CHECK_FALSE(sniff_evidence("").has_value());
  CHECK_FALSE(sniff_evidence("GIF89a").has_value());
  CHECK(evidence_media_type(EvidenceType::png) == std::string("image/png"));
  CHECK(evidence_file_name(42, EvidenceType::jpeg) == "claim-42-evidence.jpg");
}

TEST_CASE("a claim follows a session's rules and has ended by today") {
  Date today = D("2025-10-15");
  CHECK(check_claim(spec("2025-10-14", "2025-10-15", H(8, 12)), today));
  Status future = check_claim(spec("2025-10-15", "2025-10-16", H(2, 2)), today);
  CHECK(future.rule() == "claim_in_future");
  CHECK(future.field() == "end_date");
  CHECK(future.code() == Status::Code::invalid);
  // 10.5 hours on a one-day claim.
  CHECK(check_claim(spec("2025-10-01", "2025-10-01", H(21, 0)), today).rule() == "training_hours_per_day");
  CHECK(check_claim(spec("2025-10-01", "2025-10-01", H(20, 0)), today));
  CHECK(check_claim(spec("2025-10-01", "2025-10-01", H(0, 0, 0)), today).rule() == "training_without_hours");
  CHECK(check_claim(spec("2025-10-02", "2025-10-01", H(1, 0)), today).rule() == "training_dates_reversed");
}

TEST_CASE("an approval credits the claim's hours, or fewer, never more, never nothing") {
  CategoryHours claimed = H(8, 16, 4);
  auto all = credited_for(claimed, {});
  REQUIRE(all);
  CHECK(*all == claimed);
  auto fewer = credited_for(claimed, {Hours::from_halves(6), std::nullopt, Hours()});
  REQUIRE(fewer);
  CHECK(*fewer == H(6, 16, 0));
  auto more = credited_for(claimed, {std::nullopt, Hours::from_halves(17), std::nullopt});
  REQUIRE_FALSE(more);
  CHECK(more.status().rule() == "credit_exceeds_claim");
  CHECK(more.status().field() == "hours.business");
  CHECK(more.status().what().param("claimed") == "8");
  auto none = credited_for(claimed, {Hours(), Hours(), Hours()});
  REQUIRE_FALSE(none);
  CHECK(none.status().rule() == "training_without_hours");
}
