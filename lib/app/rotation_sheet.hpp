// The rotation pending list as a file (docs/domain.md "The full-staff rotation", "Exports are
// records too"): every officer of a unit's subtree whom a campaign must reach and who has
// not attended a session that counts, as GET /rotation lists them, written as CSV or XLSX
// with the writers the compliance sheet uses. ID numbers are masked, as on that sheet.
#pragma once
#include <string>
#include <string_view>

#include "app/compliance_sheet.hpp"
#include "domain/rotation.hpp"

namespace certhours::app {

struct RotationSheetRequest {
  Id unit_id = 0;  // the root of the subtree; must exist
  Campaign campaign;
  Date as_of;                // decides the status (进行中 / 已完成 / 已逾期) and which sessions have ended
  std::string generated_by;  // username, on the XLSX's second line
  std::string generated_at;  // Asia/Shanghai local time
};

// Writes the pending list of `req` to `path` (created or truncated): the CSV is the header
// row then one row per pending officer; the XLSX has a title row (campaign, window,
// deadline, unit), a generated-by line, a frozen header, and a second sheet with one row
// per direct child unit and a total. rows = the pending officers. Throws
// std::runtime_error on I/O failure; REQUIRES: req.unit_id exists.
SheetResult write_rotation_sheet(store::Store& store, const RotationSheetRequest& req, ExportFormat format,
                                 const std::string& path);

// "rotation-pending-<unit code>-<campaign id>-<YYYYMMDD>.<csv|xlsx>" (the date: `on`).
std::string rotation_file_name(std::string_view unit_code, Id campaign_id, Date on, ExportFormat f);

}  // namespace certhours::app
