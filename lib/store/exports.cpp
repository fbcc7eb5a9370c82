#include "store/exports.hpp"

#include <boost/json.hpp>

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

void record_export(Store& store, const ExportRecord& e, const Actor& by) {
  std::string after = boost::json::serialize(boost::json::object{{"unit_id", e.unit_id},
                                                                 {"unit_code", e.unit_code},
                                                                 {"year", e.year},
                                                                 {"format", e.format},
                                                                 {"rows", e.rows},
                                                                 {"file_name", e.file_name}});
  store.database().write([&](Connection& c) {
    append_audit(c, by, "export", "export", e.unit_id, "", after);
    return 0;
  });
}

}  // namespace certhours::store
