// The hours credited to officers: one officer's sessions (and approved external claims) of a
// year, and a whole subtree's yearly totals (kept by the schema's triggers in
// officer_year_hours, over attendance and approved claims) with the year's exemptions, for the
// reports.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/exemption.hpp"
#include "domain/hours.hpp"
#include "domain/officer.hpp"
#include "domain/requirement.hpp"

namespace certhours::store {

class Database;
class Units;

// Where credited hours come from: a logged session, or an approved external claim.
enum class CreditSource { session, external };
inline constexpr auto kCreditSources =
    names_of<CreditSource>({{CreditSource::session, "session"}, {CreditSource::external, "external"}});

// One session (or approved claim) credited to one officer.
struct Credit {
  CreditSource source = CreditSource::session;
  Id training_id = 0;  // a session's
  Id claim_id = 0;     // an external claim's
  std::string provider;  // an external claim's
  std::string title;
  Date start_date, end_date;
  CategoryHours hours;
};

// One officer on the annual compliance sheet, with the year's hours summed.
struct ComplianceRow {
  Id officer_id = 0;
  std::string name;
  std::string id_number;
  Id unit_id = 0;
  OfficerKind kind = OfficerKind::enforcement;
  OfficerStatus status = OfficerStatus::active;
  PostPeriod post;
  CategoryHours earned;
  std::vector<Exemption> exemptions;  // those of the year, oldest first
};

class Credits {
 public:
  Credits(Database& db, const Units& units);
  // Sessions credited to the officer and approved claims of the officer that count in `year`
  // (by end date), oldest first.
  std::vector<Credit> of_officer(Id officer_id, int year);
  // Every session credited to the officer, of every year, oldest first (the calendar feed).
  std::vector<Credit> of_officer(Id officer_id);
  // Officers of `unit_id`'s subtree on post on at least one day of `year`, in unit path
  // order, with their hours for the year from the sessions and approved claims that ended by
  // `as_of` (ended_by), and their exemptions of the year: fn(row) for each, as it is read, so
  // that a region of a million officers is never held at once (fn may move from the row).
  // REQUIRES: fn reads nothing from the store (it runs inside this read).
  void each_compliance_row(Id unit_id, int year, Date as_of, const std::function<void(ComplianceRow&)>& fn);
  // A page of those rows, for a report of any size: every row once, in no stated order, to
  // `listed` (whether the report lists it); then the listed rows at positions [offset,
  // offset + limit) of path order (unit path, then officer id) to `page`, in that order.
  // Returns the officer id of the first listed row in path order. One read transaction.
  // REQUIRES: neither callback reads from the store.
  std::optional<Id> compliance_page(Id unit_id, int year, Date as_of,
                                    const std::function<bool(const ComplianceRow&)>& listed, std::int64_t offset,
                                    std::int64_t limit, const std::function<void(ComplianceRow&)>& page);
  // The same rows, collected (for small subtrees and tests).
  std::vector<ComplianceRow> compliance_rows(Id unit_id, int year, Date as_of);

 private:
  Database& db_;
  const Units& units_;
};

}  // namespace certhours::store
