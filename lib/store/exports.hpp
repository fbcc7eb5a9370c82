// Exports are records too (docs/domain.md): every export (the annual compliance sheet, the
// rotation pending list, the roster and sign-in records in import columns) is written to the
// audit log, entity "export". Free functions over store::Store so the Store class itself
// stays as it is.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "store/store.hpp"

namespace certhours::store {

// What one export contained.
struct ExportRecord {
  std::string kind;       // "compliance", "rotation", "officers", "attendance"
  Id unit_id = 0;         // the root of the exported subtree
  std::string unit_code;  // as the file name shows it
  std::optional<int> year;  // the sheet's year (rotation: the deadline's); none: every year
  std::optional<Id> campaign_id;  // rotation only
  std::string format;     // "csv" or "xlsx"
  std::int64_t rows = 0;  // rows below the header (officers, attendances)
  std::string file_name;  // as offered to the caller (HTTP) or written (command line)
};

// Appends the audit entry of an export (action "export", entity "export", entity_id the
// unit, `after` the record as JSON) in its own transaction on the writer thread: an export
// changes nothing else, so there is no other transaction to share. Throws on I/O failure.
void record_export(Store& store, const ExportRecord& e, const Actor& by);

}  // namespace certhours::store
