// The HTTP answer of a CSV import (app/csv_import.hpp): the counts, or the capped report of
// refused lines in the reader's language.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "api/json_io.hpp"
#include "app/csv_import.hpp"
#include "domain/csv.hpp"

namespace certhours::api {

using app::CsvImport;

// 200 {imported, skipped_duplicates, encoding}, or 422 {error:{code, rule, message}, rows:[{line,
// message, rules}], more_rows} (docs/api.md: the capped report), written in the reader's language.
Response csv_import_response(const CsvImport& r);

}  // namespace certhours::api
