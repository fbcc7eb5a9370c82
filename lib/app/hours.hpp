// An officer's hours for a year (GET /officers/{id}/hours) and the compliance of a unit's
// subtree (GET /compliance): the domain's evaluate_year applied to what the store sums.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/requirement.hpp"

namespace certhours::app {

struct YearQuery {
  std::optional<int> year;     // default: the caller's year
  std::optional<Date> as_of;   // default: today
};

struct OfficerHours {
  Officer officer;
  int year = 0;
  Date as_of;
  YearStatus status;
  std::vector<store::Credit> trainings;  // the year's sessions that ended by as_of, oldest first
  std::vector<store::Credit> upcoming;   // the year's sessions recorded that end after as_of: not counted yet
};
// not_found for an officer the caller may not see.
Result<OfficerHours> officer_hours(App& app, const Caller& caller, Id officer_id, const YearQuery& q);

struct ComplianceQuery {
  std::optional<Id> unit_id;                // default: the caller's reach
  YearQuery when;
  StatusFilter only;                        // list only officers of these statuses (none: all)
  std::string q;                            // a part of the name or a whole ID number (normalised)
};

struct ComplianceReport {
  int year = 0;
  Date as_of;
  Id unit_id = 0;
  std::string unit_name;
  ComplianceTally summary;                            // every officer of the subtree
  std::vector<UnitFigures<ComplianceTally>> children; // per direct child unit
  struct Item {
    store::ComplianceRow row;
    std::string unit_name;
    YearStatus status;
  };
  std::vector<Item> items;   // the page asked of those matching `only` and `q`
  std::int64_t matched = 0;  // all of those
  bool full_id_numbers = false;  // admins see them whole; the rest masked
};
// not_found for a unit out of reach; rate_limited when a whole ID number in q is over an hr
// user's budget (app/id_lookup.hpp).
Result<ComplianceReport> compliance_report(App& app, const Caller& caller, const ComplianceQuery& q, Paging page);

}  // namespace certhours::app
