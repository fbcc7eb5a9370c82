#include "store/exports.hpp"

#include <boost/json.hpp>

#include "codec/records.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

void record_export(Store& store, const ExportRecord& e, const Actor& by) {
  std::string text = boost::json::serialize(codec::export_json({.kind = e.kind,
                                                                 .unit_id = e.unit_id,
                                                                 .unit_code = e.unit_code,
                                                                 .year = e.year,
                                                                 .campaign_id = e.campaign_id,
                                                                 .format = e.format,
                                                                 .rows = e.rows,
                                                                 .file_name = e.file_name}));
  store.database().write([&](Connection& c) {
    append_audit(c, by, "export", "export", e.unit_id, "", text);
    return 0;
  });
}

}  // namespace certhours::store
