// The roster and the sign-in records as CSV in the columns their imports take (docs/api.md
// "Officer CSV columns", "Attendance CSV columns"): what one database holds, ready to be
// imported into another (a move to a new server, a county splitting off) or corrected and
// imported again. Shared by GET /officers/export, GET /attendance/export and
// `certhours export officers|attendance`.
//
// Unlike the compliance sheet these carry full ID numbers (an import finds officers by
// them), so only administrators may take them (docs/decisions.md "Exports").
// CSV only: it is the import's format; UTF-8 with a BOM, CRLF, and text that looks like a
// formula neutralised with ' as every export does (the imports take the ' off again).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/calendar.hpp"
#include "store/store.hpp"

namespace certhours::app {

// Writes every officer of `unit_id`'s subtree (any status) to `path` with the header
// name,id_number,unit_code,kind,post_start,post_end; returns the number of officers.
// Throws std::runtime_error on I/O failure.
std::int64_t write_roster_csv(store::Store& store, Id unit_id, const std::string& path);

// Writes every attendance of an officer of `unit_id`'s subtree for trainings counted in
// `year` (every year when nullopt) to `path` with the header
// training_id,id_number,legal,business,political,name,training_title,training_end (the last
// three are for the reader; the import ignores them); returns the number of rows.
std::int64_t write_attendance_csv(store::Store& store, Id unit_id, std::optional<int> year, const std::string& path);

// "officers-<unit code>-<YYYYMMDD>.csv" and "attendance-<unit code>[-<year>]-<YYYYMMDD>.csv".
std::string roster_file_name(std::string_view unit_code, Date on);
std::string attendance_file_name(std::string_view unit_code, std::optional<int> year, Date on);

}  // namespace certhours::app
