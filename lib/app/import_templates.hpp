// The blank sheets of the two imports, to download and fill in (GET /imports/{kind}/template):
// the columns as the import reads them, with their Chinese headers (domain/import_columns.hpp).
// The CSV is the header row alone (UTF-8 with a BOM, as Excel opens it); the XLSX adds the
// columns formatted as 文本 — so an ID number typed in keeps its 18 characters — and a
// 填写说明 sheet saying what each column takes and how to save the file for the import. Nothing
// about anyone is in them, so they are not audited.
#pragma once
#include <string>

#include "app/compliance_sheet.hpp"
#include "app/csv_import.hpp"

namespace certhours::app {

struct TemplateFile {
  std::string file_name;   // ASCII: "officers-template.csv"
  std::string local_name;  // for browsers: "人员名册导入模板.csv"
};

// Writes the template to `path` (created or truncated). Throws std::runtime_error on I/O failure.
TemplateFile write_import_template(ImportKind kind, ExportFormat format, const std::string& path);

}  // namespace certhours::app
