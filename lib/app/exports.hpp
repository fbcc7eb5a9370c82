// The exports (docs/domain.md "Exports are records too"): the annual compliance sheet, the
// rotation pending list, and the roster and sign-in records in the imports' columns, written
// to a file and recorded in the audit log. GET /…/export and `certhours export` both call
// these; each door decides only where the file goes (a temporary file streamed and deleted,
// or the path given, written beside it and renamed).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "app/app.hpp"
#include "app/compliance_sheet.hpp"
#include "domain/enum_names.hpp"
#include "domain/rotation.hpp"

namespace certhours::app {

enum class ExportKind { compliance, rotation, officers, attendance, exit_review, progress };
inline constexpr auto kExportKinds = names_of<ExportKind>({{ExportKind::compliance, "compliance"},
                                                           {ExportKind::rotation, "rotation"},
                                                           {ExportKind::officers, "officers"},
                                                           {ExportKind::attendance, "attendance"},
                                                           {ExportKind::exit_review, "exit_review"},
                                                           {ExportKind::progress, "progress"}});
inline const char* export_kind_key(ExportKind k) { return kExportKinds.key(k); }

struct ExportRequest {
  ExportKind kind = ExportKind::compliance;
  std::optional<Id> unit_id;       // a unit and its subtree; default: the caller's reach
  std::optional<int> year;         // compliance: the year (default this year); attendance: nullopt = every year;
                                   // exit_review: the year reviewed (default last year)
  ExportFormat format = ExportFormat::csv;  // roster and sign-ins: csv only (the import's format)
  std::optional<Id> campaign_id;            // rotation, progress: default the campaign of as_of
  std::optional<Date> as_of;                // rotation, progress: default today
  StatusFilter only;                        // compliance: the officers listed (none: all)
};

struct ExportedFile {
  ExportKind kind = ExportKind::compliance;
  ExportFormat format = ExportFormat::csv;
  Id unit_id = 0;
  std::string unit_code, unit_name;
  std::optional<int> year;          // as recorded (rotation: the campaign deadline's year)
  std::optional<Id> campaign_id;
  std::int64_t rows = 0;            // officers or attendances below the header
  std::string file_name;            // the suggested ASCII name
  std::string local_name;           // a readable name (the unit's Chinese name), for browsers
};

// Checks the request against the caller's reach (not_found for a unit out of it, no_units,
// no_campaign / campaign_not_found; invalid for a roster export asked as xlsx) and writes
// the file to `path` (created or truncated). Throws std::runtime_error on I/O failure.
Result<ExportedFile> write_export(App& app, const Caller& caller, const ExportRequest& req, const std::string& path);

// The audit entry of a file written (entity export; the file under `file_name`, as offered
// to the caller or written by the command line), in its own transaction.
void record_export(App& app, const Caller& caller, const ExportedFile& f, const std::string& file_name);

}  // namespace certhours::app
