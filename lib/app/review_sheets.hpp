// The exit review and the progress report as files (CSV/XLSX), for the Justice Bureau to print,
// file and send on: each is the same figures its GET shows, written with the compliance sheet's
// writers (a BOM'd CSV whose first row is the header; an XLSX with a title, a byline and a
// frozen header). Both are small (one row per listed holder, one per child unit), so they are
// computed whole first by their use cases.
#pragma once
#include <string>

#include "app/certificates.hpp"
#include "app/compliance_sheet.hpp"
#include "app/rotation.hpp"

namespace certhours::app {

struct ReportSheetMeta {
  std::string unit_name;
  std::string generated_by;  // username, on the XLSX's second line
  std::string generated_at;  // Asia/Shanghai local time
};

// One row per officer of the review (its order), with the reasons in Chinese and the 已处理
// mark; rows = the officers listed. Throws std::runtime_error on I/O failure.
std::int64_t write_exit_review_sheet(const ExitReview& review, const ReportSheetMeta& meta, ExportFormat format,
                                     const std::string& path);

// One row per direct child unit, then 合计 for the unit itself; rows = the child units.
std::int64_t write_progress_sheet(const ProgressReport& report, const ReportSheetMeta& meta, ExportFormat format,
                                  const std::string& path);

}  // namespace certhours::app
