// What the audit log records of imports and exports.
#include "codec/records.hpp"

namespace certhours::codec {

json::object import_summary_json(std::string_view kind, std::int64_t rows, int imported, int skipped_duplicates) {
  return {{"kind", kind}, {"rows", rows}, {"imported", imported}, {"skipped_duplicates", skipped_duplicates}};
}

json::object export_json(const ExportFields& e) {
  json::object out{{"kind", e.kind},
                   {"unit_id", e.unit_id},
                   {"unit_code", e.unit_code},
                   {"year", e.year ? json::value(*e.year) : json::value()}};
  if (e.campaign_id) out["campaign_id"] = *e.campaign_id;
  out["format"] = e.format;
  out["rows"] = e.rows;
  out["file_name"] = e.file_name;
  return out;
}

}  // namespace certhours::codec
