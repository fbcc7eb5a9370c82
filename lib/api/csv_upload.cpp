#include "api/csv_upload.hpp"
#include "api/context.hpp"

namespace certhours::api {

Response csv_import_response(const CsvImport& r) {
  if (!r.refused)
    return json_response(200, json::object{{"imported", r.imported},
                                           {"skipped_duplicates", r.skipped_duplicates},
                                           {"encoding", r.encoding}});
  Response res;
  res.status = 422;
  res.error = ErrorReply{"validation_failed", r.message, r.rows, r.more_rows};
  return res;
}

}  // namespace certhours::api
