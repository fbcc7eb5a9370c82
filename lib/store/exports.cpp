#include "store/exports.hpp"

#include <boost/json.hpp>

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

void record_export(Store& store, const ExportRecord& e, const Actor& by) {
  boost::json::object after{{"kind", e.kind}, {"unit_id", e.unit_id}, {"unit_code", e.unit_code}};
  if (e.year) after["year"] = *e.year;
  else after["year"] = nullptr;
  if (e.campaign_id) after["campaign_id"] = *e.campaign_id;
  after["format"] = e.format;
  after["rows"] = e.rows;
  after["file_name"] = e.file_name;
  std::string text = boost::json::serialize(after);
  store.database().write([&](Connection& c) {
    append_audit(c, by, "export", "export", e.unit_id, "", text);
    return 0;
  });
}

}  // namespace certhours::store
