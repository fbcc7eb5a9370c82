// Exports are records too (domain.md): every export of the annual compliance sheet is
// written to the audit log, entity "export". Free functions over store::Store so the
// Store class itself stays as it is.
#pragma once
#include <cstdint>
#include <string>

#include "store/store.hpp"

namespace certhours::store {

// What one export contained.
struct ExportRecord {
  Id unit_id = 0;         // the root of the exported subtree
  std::string unit_code;  // as the file name shows it
  int year = 0;
  std::string format;     // "csv" or "xlsx"
  std::int64_t rows = 0;  // officers on the sheet
  std::string file_name;  // as offered to the caller (HTTP) or written (command line)
};

// Appends the audit entry of an export (action "export", entity "export", entity_id the
// unit, `after` the record as JSON) in its own transaction on the writer thread: an export
// changes nothing else, so there is no other transaction to share. Throws on I/O failure.
void record_export(Store& store, const ExportRecord& e, const Actor& by);

}  // namespace certhours::store
