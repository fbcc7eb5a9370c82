// What the audit log records of an import (its summary) and of an export; neither is shown
// by the API in this shape.
#pragma once
#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/id.hpp"

namespace certhours::codec {

namespace json = boost::json;

// {"kind", "rows", "imported", "skipped_duplicates"}; kind "officers" or "attendance".
json::object import_summary_json(std::string_view kind, std::int64_t rows, int imported, int skipped_duplicates);

// The fields of store::ExportRecord (store/audit.hpp), which the codec cannot include.
struct ExportFields {
  std::string_view kind;
  Id unit_id = 0;
  std::string_view unit_code;
  std::optional<int> year;
  std::optional<Id> campaign_id;
  std::string_view format;
  std::int64_t rows = 0;
  std::string_view file_name;
};
// year null when none; campaign_id only when there is one (rotation).
json::object export_json(const ExportFields& e);

}  // namespace certhours::codec
