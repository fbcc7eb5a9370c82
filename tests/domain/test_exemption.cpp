// Exemptions (学时减免, docs/domain.md "Exemptions"): their values, their fit against the
// record, and their effect on the requirement, status and pace — the worked examples exactly.
#include <doctest/doctest.h>

#include "../common/domain_values.hpp"

#include "domain/exemption.hpp"
#include "domain/requirement.hpp"

using namespace certhours;
using certhours::testdata::D;

namespace {
DateRange R(const char* from, const char* to) { return {D(from), D(to)}; }
// On post since 2020, still serving.
const PostPeriod kAllYear{make_date(2020, 1, 1), std::nullopt};
const Policy kMonthly{};
const Policy kNone{Hours::whole(20), Hours::whole(40), Proration::none};
Exemption existing(Id id, const char* from, const char* to) {
  return {id, 7, {R(from, to), ExemptionReason::illness, ""}, "hr", "2024-01-01T00:00:00Z"};
}
}  // namespace

TEST_CASE("worked example: maternity 2024-03-10..08-20 leaves 8 months: 13.5 legal, 27 business") {
  std::vector<DateRange> ex{R("2024-03-10", "2024-08-20")};
  CHECK(months_on_post(kAllYear, 2024, ex) == 8);
  Requirement r = required_for(kMonthly, kAllYear, 2024, ex);
  CHECK(r.legal == Hours::from_halves(27));
  CHECK(r.business == Hours::whole(27));
  YearStatus s = evaluate_year(kMonthly, kAllYear, 2024, D("2025-01-01"), {Hours::from_halves(27), Hours::whole(27), {}}, ex);
  CHECK(s.status == ComplianceStatus::met);
  CHECK(s.legal.required == Hours::from_halves(27));
}

TEST_CASE("worked example: all of April exempt leaves 11 months: 18.5 legal, 37 business") {
  std::vector<DateRange> ex{R("2024-04-01", "2024-04-30")};
  CHECK(months_on_post(kAllYear, 2024, ex) == 11);
  Requirement r = required_for(kMonthly, kAllYear, 2024, ex);
  CHECK(r.legal == Hours::from_halves(37));
  CHECK(r.business == Hours::whole(37));
  // One day of April not exempt keeps April.
  std::vector<DateRange> most{R("2024-04-01", "2024-04-29")};
  CHECK(months_on_post(kAllYear, 2024, most) == 12);
}

TEST_CASE("worked example: joined 2024-10-08, exempt from then to year end: exempt for 2024") {
  PostPeriod joined{D("2024-10-08"), std::nullopt};
  std::vector<DateRange> ex{R("2024-10-08", "2024-12-31")};
  CHECK(months_on_post(joined, 2024, ex) == 0);
  YearStatus s = evaluate_year(kMonthly, joined, 2024, D("2024-11-01"), {}, ex);
  CHECK(s.status == ComplianceStatus::exempt);
  CHECK(s.legal.required == Hours());
  // One day short of the whole post: October still has a day on post (the 7th is not on post, the 8th exempt…).
  std::vector<DateRange> short_by_one{R("2024-10-09", "2024-12-31")};
  CHECK(evaluate_year(kMonthly, joined, 2024, D("2024-11-01"), {}, short_by_one).status == ComplianceStatus::in_progress);
  CHECK(months_on_post(joined, 2024, short_by_one) == 1);
}

TEST_CASE("policy none: the full requirement unless every day on post is exempt") {
  std::vector<DateRange> half{R("2024-01-01", "2024-06-30")};
  YearStatus s = evaluate_year(kNone, kAllYear, 2024, D("2025-02-01"), {}, half);
  CHECK(s.status == ComplianceStatus::not_met);
  CHECK(s.legal.required == Hours::whole(20));
  CHECK(s.business.required == Hours::whole(40));
  std::vector<DateRange> whole{R("2024-01-01", "2024-12-31")};
  CHECK(evaluate_year(kNone, kAllYear, 2024, D("2025-02-01"), {}, whole).status == ComplianceStatus::exempt);
  // Left on 2024-05-31, exempt for all of its days on post: exempt.
  PostPeriod left{D("2020-01-01"), D("2024-05-31")};
  std::vector<DateRange> until_left{R("2024-01-01", "2024-05-31")};
  CHECK(evaluate_year(kNone, left, 2024, D("2025-02-01"), {}, until_left).status == ComplianceStatus::exempt);
}

TEST_CASE("an exemption of another year changes nothing") {
  std::vector<DateRange> ex{R("2023-01-01", "2023-12-31")};
  CHECK(months_on_post(kAllYear, 2024, ex) == 12);
  CHECK(required_for(kMonthly, kAllYear, 2024, ex).legal == Hours::whole(20));
}

TEST_CASE("pace counts only days on post not exempt, in elapsed and in the year") {
  // Leap year 2024: 366 days. Exempt 2024-01-01..2024-06-30 (182 days): 184 days left, July 1 on.
  // Requirement: 6 months → legal 10, business 20.
  std::vector<DateRange> ex{R("2024-01-01", "2024-06-30")};
  CHECK(days_on_post(kAllYear, 2024, D("2024-12-31"), ex) == 184);
  CHECK(days_on_post(kAllYear, 2024, D("2024-06-30"), ex) == 0);
  YearStatus early = evaluate_year(kMonthly, kAllYear, 2024, D("2024-06-30"), {}, ex);
  CHECK(early.status == ComplianceStatus::in_progress);
  CHECK(early.legal.expected == Hours());
  CHECK_FALSE(early.legal.behind_pace);
  // As of 2024-08-01: 32 days elapsed of 184; legal expected ceil(20 halves × 32 / 184) = 4 halves = 2.
  YearStatus aug = evaluate_year(kMonthly, kAllYear, 2024, D("2024-08-01"), {}, ex);
  CHECK(aug.legal.required == Hours::whole(10));
  CHECK(aug.legal.expected == Hours::whole(2));
  CHECK(aug.legal.behind_pace);
  CHECK_FALSE(evaluate_year(kMonthly, kAllYear, 2024, D("2024-08-01"), {Hours::whole(2), Hours::whole(4), {}}, ex)
                  .legal.behind_pace);
  // Without the exemption the same date expects far more.
  CHECK(evaluate_year(kMonthly, kAllYear, 2024, D("2024-08-01"), {}).legal.expected > Hours::whole(2));
}

TEST_CASE("check_exemption: dates in order, one calendar year, a reason for other") {
  CHECK(check_exemption({R("2024-03-01", "2024-03-01"), ExemptionReason::illness, ""}));
  Status reversed = check_exemption({R("2024-03-02", "2024-03-01"), ExemptionReason::illness, ""});
  CHECK(reversed.rule() == "exemption_dates_reversed");
  CHECK(reversed.field() == "to");
  CHECK(reversed.code() == Status::Code::invalid);
  Status crosses = check_exemption({R("2024-12-01", "2025-01-31"), ExemptionReason::study, ""});
  CHECK(crosses.rule() == "exemption_crosses_year");
  CHECK(crosses.code() == Status::Code::invalid);
  Status other = check_exemption({R("2024-03-01", "2024-03-05"), ExemptionReason::other, ""});
  CHECK(other.rule() == "required");
  CHECK(other.field() == "reason");
  CHECK(check_exemption({R("2024-03-01", "2024-03-05"), ExemptionReason::other, "抗洪抢险"}));
}

TEST_CASE("check_exemption_fits: the current or previous year only, and no overlap") {
  ExemptionSpec e{R("2024-03-01", "2024-03-31"), ExemptionReason::illness, ""};
  CHECK(check_exemption_fits(e, 2024, {}));
  CHECK(check_exemption_fits(e, 2025, {}));
  Status old = check_exemption_fits(e, 2026, {});
  CHECK(old.rule() == "exemption_year_closed");
  CHECK(old.code() == Status::Code::conflict);
  CHECK(old.what().param("year") == "2024");
  CHECK(check_exemption_fits(e, 2023, {}).rule() == "exemption_year_closed");  // a future year

  CHECK(check_exemption_fits(e, 2024, {existing(3, "2024-04-01", "2024-04-30"), existing(4, "2024-01-01", "2024-02-29")}));
  Status touching = check_exemption_fits(e, 2024, {existing(5, "2024-03-31", "2024-04-30")});
  CHECK(touching.rule() == "exemption_overlaps");
  CHECK(touching.code() == Status::Code::conflict);
  CHECK(touching.what().param("id") == "5");
  CHECK(check_exemption_fits(e, 2024, {existing(6, "2024-01-01", "2024-12-31")}).rule() == "exemption_overlaps");
  CHECK(check_exemption_fits(e, 2024, {existing(8, "2024-03-10", "2024-03-12")}).rule() == "exemption_overlaps");
}
