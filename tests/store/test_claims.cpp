// Claims and exemptions on a real SQLite file: an approved claim's hours join the year totals
// (the triggers of schema/0009) and leave them when revoked; not-yet-ended claims come off as
// of an earlier date; refused moves write nothing; the evidence is kept byte for byte;
// exemptions reach the compliance rows and refuse an overlap inside the write.
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
struct Fixture {
  TempDb file{"claims"};
  store::Store s{file.str(), 2};
  Units u = make_units(s);
  Officer o = make_officer(s, 1, "甲", u.qn01);

  store::ClaimRecord submitted(CategoryHours h, Date start, Date end) {
    auto c = s.claims.create(o.id, {"外部培训", "省司法厅", start, end, h}, kAdmin);
    REQUIRE(c.is_ok());
    auto e = s.claims.attach(c->claim.id, {EvidenceType::png, 4, "sha"}, "\x89PNG", kAdmin);
    REQUIRE(e.is_ok());
    return *e;
  }
};
CategoryHours H(int legal, int business, int political = 0) {
  return {Hours::whole(legal), Hours::whole(business), Hours::whole(political)};
}
}  // namespace

TEST_CASE("store claims: approved hours join the year totals, revoked ones leave them") {
  Fixture f;
  auto c = f.submitted(H(6, 4, 1), d(2024, 5, 1), d(2024, 5, 2));
  CHECK(earned(f.s, f.u.qz, f.o.id, 2024) == CategoryHours{});
  CHECK(rows_in(f.s, "officer_year_hours") == 0);

  auto approved = f.s.claims.act(c.claim.id, ClaimAction::approve, {{Hours::whole(5), std::nullopt, std::nullopt}, ""},
                                 kAdmin);
  REQUIRE(approved.is_ok());
  CHECK(approved->claim.state == ClaimState::approved);
  CHECK(*approved->claim.credited == H(5, 4, 1));
  CHECK(earned(f.s, f.u.qz, f.o.id, 2024) == H(5, 4, 1));
  // As of a date before it ended, it has not happened yet.
  for (const auto& r : f.s.credits.compliance_rows(f.u.qz, 2024, d(2024, 5, 1)))
    if (r.officer_id == f.o.id) CHECK(r.earned == CategoryHours{});
  auto credits = f.s.credits.of_officer(f.o.id, 2024);
  REQUIRE(credits.size() == 1);
  CHECK(credits[0].source == store::CreditSource::external);
  CHECK(credits[0].claim_id == c.claim.id);
  CHECK(credits[0].provider == "省司法厅");
  // A session of the same year sums with it, and sorts by end date around it.
  Training t = make_training(f.s, "讲座", f.u.qn, d(2024, 3, 1), d(2024, 3, 1), H(2, 0));
  REQUIRE(f.s.trainings.add_attendance(t.id, {{f.o.id, {}}}, std::nullopt, kAdmin).is_ok());
  CHECK(earned(f.s, f.u.qz, f.o.id, 2024) == H(7, 4, 1));
  credits = f.s.credits.of_officer(f.o.id, 2024);
  REQUIRE(credits.size() == 2);
  CHECK(credits[0].source == store::CreditSource::session);

  // The totals hold what was credited; the database refuses to change it under them.
  CHECK_THROWS(database_of(f.s).write([&](store::Connection& conn) {
    conn.db().exec("UPDATE claims SET credited_legal_halves = 2 WHERE id = " + std::to_string(c.claim.id));
  }));
  CHECK_THROWS(database_of(f.s).write([&](store::Connection& conn) {
    conn.db().exec("DELETE FROM claims WHERE id = " + std::to_string(c.claim.id));
  }));

  auto revoked = f.s.claims.act(c.claim.id, ClaimAction::revoke, {{}, "证书系伪造"}, kAdmin);
  REQUIRE(revoked.is_ok());
  CHECK(*revoked->claim.credited == H(5, 4, 1));  // the record keeps what was taken back
  CHECK(earned(f.s, f.u.qz, f.o.id, 2024) == H(2, 0));
  CHECK(audit_actions(f.s, "claim", "revoke") == 1);
  CHECK(audit_actions(f.s, "claim", "approve") == 1);
}

TEST_CASE("store claims: refused moves write nothing; the evidence is kept byte for byte") {
  Fixture f;
  auto c = f.s.claims.create(f.o.id, {"网课", "学习平台", d(2024, 1, 1), d(2024, 1, 1), H(1, 0)}, kAdmin);
  REQUIRE(c.is_ok());
  std::int64_t audit = audit_total(f.s, "claim");
  auto early = f.s.claims.act(c->claim.id, ClaimAction::approve, {}, kAdmin);
  CHECK(early.status().rule() == "claim_transition");
  CHECK(audit_total(f.s, "claim") == audit);

  const char raw[] = "%PDF-1.4\0\xff\x00 binary";  // NUL bytes inside: not a C string
  const std::string bytes(raw, sizeof raw - 1);
  auto with = f.s.claims.attach(c->claim.id, {EvidenceType::pdf, static_cast<std::int64_t>(bytes.size()), "abc"}, bytes,
                                kAdmin);
  REQUIRE(with.is_ok());
  auto file = f.s.claims.evidence(c->claim.id);
  REQUIRE(file);
  CHECK(file->type == EvidenceType::pdf);
  CHECK(file->content == bytes);
  auto more = f.s.claims.act(c->claim.id, ClaimAction::approve, {{Hours::whole(2), std::nullopt, std::nullopt}, ""},
                             kAdmin);
  CHECK(more.status().rule() == "credit_exceeds_claim");
  CHECK(f.s.claims.find(c->claim.id)->claim.state == ClaimState::submitted);
  CHECK(f.s.claims.act(999, ClaimAction::withdraw, {}, kAdmin).status().rule() == "claim_not_found");
  CHECK(f.s.claims.create(999, {"x", "y", d(2024, 1, 1), d(2024, 1, 1), H(1, 0)}, kAdmin).status().rule() ==
        "officer_not_found");
  CHECK(f.s.claims.of_officer(f.o.id).size() == 1);
}

TEST_CASE("store exemptions: an overlap is refused inside the write; the compliance rows carry the year's") {
  Fixture f;
  auto a = f.s.exemptions.add(f.o.id, {{d(2024, 3, 10), d(2024, 8, 20)}, ExemptionReason::maternity, ""}, 2025, kAdmin);
  REQUIRE(a.is_ok());
  auto overlap = f.s.exemptions.add(f.o.id, {{d(2024, 8, 20), d(2024, 9, 1)}, ExemptionReason::illness, ""}, 2025, kAdmin);
  CHECK(overlap.status().rule() == "exemption_overlaps");
  auto closed = f.s.exemptions.add(f.o.id, {{d(2023, 1, 1), d(2023, 1, 2)}, ExemptionReason::illness, ""}, 2025, kAdmin);
  CHECK(closed.status().rule() == "exemption_year_closed");
  REQUIRE(f.s.exemptions.add(f.o.id, {{d(2025, 1, 2), d(2025, 1, 3)}, ExemptionReason::study, ""}, 2025, kAdmin).is_ok());
  CHECK(rows_in(f.s, "exemptions") == 2);
  CHECK(audit_actions(f.s, "exemption", "create") == 2);

  for (const auto& r : f.s.credits.compliance_rows(f.u.qz, 2024, d(2025, 1, 1)))
    if (r.officer_id == f.o.id) {
      REQUIRE(r.exemptions.size() == 1);
      CHECK(r.exemptions[0].spec.days == DateRange{d(2024, 3, 10), d(2024, 8, 20)});
      CHECK(r.exemptions[0].spec.reason_code == ExemptionReason::maternity);
    }
  REQUIRE(f.s.exemptions.remove(a->id, kAdmin).is_ok());
  CHECK(f.s.exemptions.remove(a->id, kAdmin).rule() == "exemption_not_found");
  CHECK(f.s.exemptions.of_officer(f.o.id).size() == 1);
  CHECK(audit_actions(f.s, "exemption", "delete") == 1);
}
