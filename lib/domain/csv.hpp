// Reading CSV files (RFC 4180) as spreadsheets write them: the records of a sign-in sheet
// or a roster, each with the line of the file where it starts. Pure: text in, records out;
// the decoding of bytes (UTF-8, GB18030) is the api's (lib/api/csv_upload.hpp).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/status.hpp"

namespace certhours::csv {

// One record: its fields (unquoted, "" turned into ") and the 1-based line where it starts.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
};

// A file: the header record (line 1) and the records below it.
struct Table {
  std::vector<std::string> header;
  std::vector<Record> records;
};

// A refusal tied to a line of the file (line 0: the file as a whole).
struct LineError {
  int line = 0;
  std::string message;
};

// Parses UTF-8 text (a leading BOM is skipped) per RFC 4180: fields separated by commas,
// records by CRLF, LF or a lone CR; a field in double quotes may hold commas, line breaks
// and "" (one quote). Records that are empty or hold only empty fields (",,,," rows
// Excel writes for formatted blank rows) are skipped. Records keep the fields they have:
// width_error tells when that is not the header's count.
// Errors: an empty file, a file with no record below the header, a quote left open
// (the line where the field starts), text after a closing quote.
// REQUIRES: `text` is valid UTF-8 without NUL bytes (the caller checked).
struct ParseResult {
  Table table;
  std::vector<LineError> errors;  // non-empty: the table is not to be used
};
ParseResult parse(std::string_view text);

// Why `r` cannot be read against the header (its field count differs), or nullopt.
std::optional<std::string> width_error(const Table& t, const Record& r);

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool valid_utf8(std::string_view s);

// A cell as it was before an export neutralised it (domain.md "Exports are records too"): a
// ' followed by =, +, -, @, a tab or a carriage return loses the '. So a sheet this system
// exported imports as it was; a name really beginning with '= cannot pass the name rules.
inline std::string_view unguarded(std::string_view cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos)
    cell.remove_prefix(1);
  return cell;
}

// The columns an import needs, found in a header by name: case-insensitive, surrounding
// white space ignored. Columns not asked for are ignored (a sheet may carry 序号, 备注…).
struct ColumnSpec {
  const char* name;
  bool required;
};
struct ColumnMap {
  // index[i]: the header position of spec[i], or nullopt when the file lacks it.
  std::vector<std::optional<std::size_t>> index;
  // The cell of column i of `r` (unguarded): "" when the column is absent.
  std::string_view cell(const Record& r, std::size_t i) const {
    return index[i] && *index[i] < r.fields.size() ? unguarded(r.fields[*index[i]]) : std::string_view();
  }
};
// Errors (line 1): missing required columns (all named), a column named twice.
Result<ColumnMap> map_columns(const std::vector<std::string>& header, const std::vector<ColumnSpec>& spec);

}  // namespace certhours::csv
