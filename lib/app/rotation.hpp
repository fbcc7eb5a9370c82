// The full-staff rotation (docs/domain.md "The full-staff rotation"): campaigns, who of a
// unit's subtree a campaign still has to reach, and the mid-term/final progress report
// (GET /reports/progress) that sums rotation, compliance and certificates per child unit.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "domain/certificate.hpp"
#include "domain/rotation.hpp"

namespace certhours::app {

// Campaign `id` (not_found when unknown), else the default campaign as of `as_of`
// (domain default_campaign); nullopt when there is no campaign at all.
Result<std::optional<Campaign>> chosen_campaign(App& app, std::optional<Id> id, Date as_of);

// Every campaign, in window_start order; a new one (admin), audited.
std::vector<Campaign> campaigns(App& app);
Result<Campaign> create_campaign(App& app, const Caller& caller, const Campaign& c);

struct ReportQuery {
  std::optional<Id> unit_id;      // default: the caller's reach (report_unit)
  std::optional<Id> campaign_id;  // default: the campaign of as_of
  std::optional<Date> as_of;      // default: today
};

// GET /rotation: a campaign's tally for a subtree and per direct child unit, and the page
// asked of the officers still pending (the summary counts them all).
struct RotationReport {
  Campaign campaign;
  Id unit_id = 0;
  std::string unit_name;
  Date as_of;
  RotationTally total;
  struct Child {
    RotationTally tally;
    RotationStatus status = RotationStatus::in_progress;
  };
  std::vector<UnitFigures<Child>> children;
  struct Pending {
    Id officer_id = 0;
    std::string name;
    Id unit_id = 0;
    std::string unit_name;
  };
  std::vector<Pending> pending;
  RotationStatus status() const { return rotation_status(campaign, as_of, total.pending()); }
};
// not_found: a unit out of reach, an unknown campaign, or no campaign at all (no_campaign).
Result<RotationReport> rotation_report(App& app, const Caller& caller, const ReportQuery& q, Paging page);

// GET /reports/progress.
struct ProgressFigures {
  struct Year {
    std::int64_t officers = 0, met = 0;  // non-exempt officers of the year's compliance sheet
  };
  std::int64_t officers = 0;  // on post on as_of
  RotationTally rotation;
  Year previous_year, current_year;
  std::array<std::int64_t, 5> certificates{};  // by CertState on as_of
};
struct ProgressReport {
  Id unit_id = 0;
  std::string unit_name;
  Date as_of;
  int year = 0;  // of as_of; previous_year is year - 1
  std::optional<Campaign> campaign;
  ProgressFigures total;
  std::vector<UnitFigures<ProgressFigures>> children;
};
Result<ProgressReport> progress_report(App& app, const Caller& caller, const ReportQuery& q);

}  // namespace certhours::app
