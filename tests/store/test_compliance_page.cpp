// Credits::compliance_page: every row of a subtree once to `listed`, then the listed rows of one
// page in path order (unit path, then officer id) — the same rows, completed the same way, as
// each_compliance_row reads in that order, whichever way the first pass walks the file.
#include "store_fixture.hpp"

using namespace certhours;
using namespace certhours::storetest;

namespace {
struct Region {
  TempDb db{"compliance-page"};
  store::Store s{db.str(), 2};
  Units u = make_units(s);
  std::vector<Id> ids;
  Region() {
    // Created so that the officers' ids run across the units, not in path order.
    Id units[] = {u.qx, u.qn01, u.qb, u.qz, u.qn, u.qx, u.qn01, u.qn, u.qb, u.qz, u.qn01, u.qx};
    int n = 0;
    for (Id unit : units) {
      ++n;
      ids.push_back(make_officer(s, n, "干部" + std::to_string(n), unit).id);
    }
    make_officer(s, ++n, "已离岗", u.qn, OfficerKind::enforcement, make_date(2015, 3, 1), make_date(2024, 6, 30));
    make_officer(s, ++n, "明年到岗", u.qb, OfficerKind::enforcement, make_date(2026, 1, 5));
    Training t = make_training(s, "行政执法专题", u.qz, d(2025, 3, 1), d(2025, 3, 2), hours(6, 8, 0));
    Training later = make_training(s, "年末培训", u.qz, d(2025, 12, 1), d(2025, 12, 1), hours(4, 0, 0));
    std::vector<store::AttendanceRecord> records;
    for (int i : {1, 2, 4, 7, 10}) records.push_back({ids[i], {}});
    REQUIRE(s.trainings.add_attendance(t.id, records, std::nullopt, kAdmin).is_ok());
    REQUIRE(s.trainings.add_attendance(later.id, {{ids[2], {}}, {ids[7], {}}}, std::nullopt, kAdmin).is_ok());
    ExemptionSpec leave{{d(2025, 4, 1), d(2025, 6, 30)}, ExemptionReason::illness, ""};
    REQUIRE(s.exemptions.add(ids[7], leave, 2025, kAdmin).is_ok());
  }
};

std::vector<store::ComplianceRow> in_path_order(store::Store& s, Id unit, Date as_of) {
  std::vector<store::ComplianceRow> out;
  s.credits.each_compliance_row(unit, 2025, as_of, [&](store::ComplianceRow& r) { out.push_back(r); });
  return out;
}

void check_same(const store::ComplianceRow& a, const store::ComplianceRow& b) {
  CHECK(a.officer_id == b.officer_id);
  CHECK(a.name == b.name);
  CHECK(a.id_number == b.id_number);
  CHECK(a.unit_id == b.unit_id);
  CHECK(a.post.start == b.post.start);
  CHECK(a.earned == b.earned);
  REQUIRE(a.exemptions.size() == b.exemptions.size());
  for (std::size_t i = 0; i < a.exemptions.size(); ++i) CHECK(a.exemptions[i].id == b.exemptions[i].id);
}
}  // namespace

TEST_CASE("compliance_page: each row once, then the page of the listed ones in path order") {
  Region r;
  // The whole region (the first pass in the file's order) and one county (through its units).
  for (auto [unit, label] : {std::pair{r.u.qz, "region"}, std::pair{r.u.qn, "county"}}) {
    for (Date as_of : {d(2025, 12, 31), d(2025, 6, 30)}) {  // before the later session: its hours off
      std::vector<store::ComplianceRow> all = in_path_order(r.s, unit, as_of);
      REQUIRE(!all.empty());
      for (bool odd_only : {false, true}) {
        auto wanted = [&](const store::ComplianceRow& row) { return !odd_only || row.officer_id % 2 == 1; };
        std::vector<store::ComplianceRow> expected;
        for (const auto& row : all)
          if (wanted(row)) expected.push_back(row);
        for (auto [offset, limit] : {std::pair{0, 100}, {0, 1}, {2, 3}, {1, 0}, {static_cast<int>(expected.size()) - 1, 5}, {50, 10}}) {
          CAPTURE(label);
          CAPTURE(as_of);
          CAPTURE(odd_only);
          CAPTURE(offset);
          CAPTURE(limit);
          std::vector<Id> seen;
          std::vector<store::ComplianceRow> page;
          auto first = r.s.credits.compliance_page(
              unit, 2025, as_of,
              [&](const store::ComplianceRow& row) {
                seen.push_back(row.officer_id);
                return wanted(row);
              },
              offset, limit, [&](store::ComplianceRow& row) { page.push_back(row); });
          // Each row once, whatever the order.
          std::vector<Id> every;
          for (const auto& row : all) every.push_back(row.officer_id);
          std::sort(seen.begin(), seen.end());
          std::sort(every.begin(), every.end());
          CHECK(seen == every);
          CHECK(first == (expected.empty() ? std::nullopt : std::optional<Id>(expected.front().officer_id)));
          std::size_t from = std::min<std::size_t>(offset, expected.size());
          std::size_t to = std::min<std::size_t>(offset + limit, expected.size());
          REQUIRE(page.size() == to - from);
          for (std::size_t i = 0; i < page.size(); ++i) check_same(page[i], expected[from + i]);
        }
      }
    }
  }
}

TEST_CASE("compliance_page of a unit that does not exist: nothing") {
  Region r;
  int calls = 0;
  auto first = r.s.credits.compliance_page(
      9999, 2025, d(2025, 12, 31), [&](const store::ComplianceRow&) { return ++calls, true; }, 0, 10,
      [&](store::ComplianceRow&) { ++calls; });
  CHECK(!first);
  CHECK(calls == 0);
}
