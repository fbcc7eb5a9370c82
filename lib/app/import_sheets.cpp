#include "app/import_sheets.hpp"

#include "app/compliance_sheet.hpp"
#include "app/csv_writer.hpp"
#include "domain/import_columns.hpp"
#include "store/transfer.hpp"

namespace certhours::app {

std::int64_t write_roster_csv(store::Store& store, Id unit_id, const std::string& path) {
  CsvWriter csv(path);
  for (const certhours::csv::ColumnSpec& c : certhours::csv::officer_columns()) csv.text(c.name);
  csv.end_row();
  std::int64_t rows = 0;
  store.transfer.roster(unit_id, [&](const store::RosterRow& r) {
    const Officer& o = r.officer;
    csv.text(o.name);
    csv.text(o.id_number);
    csv.text(r.unit_code);
    csv.text(kind_key(o.kind));
    csv.text(format_date(o.post_start));
    csv.text(o.post_end ? format_date(*o.post_end) : "");
    csv.end_row();
    ++rows;
  });
  csv.close();
  return rows;
}

std::int64_t write_attendance_csv(store::Store& store, Id unit_id, std::optional<int> year, const std::string& path) {
  CsvWriter csv(path);
  // The import's columns, then three it ignores that a person checking the file wants to see.
  for (const certhours::csv::ColumnSpec& c : certhours::csv::attendance_columns()) csv.text(c.name);
  for (const char* h : {"name", "training_title", "training_end"}) csv.text(h);
  csv.end_row();
  std::int64_t rows = 0;
  store.transfer.attendance(unit_id, year, [&](const store::AttendanceExportRow& r) {
    csv.number(std::to_string(r.training_id));
    csv.text(r.id_number);
    csv.number(r.hours.legal.to_string());
    csv.number(r.hours.business.to_string());
    csv.number(r.hours.political.to_string());
    csv.text(r.name);
    csv.text(r.training_title);
    csv.text(format_date(r.training_end));
    csv.end_row();
    ++rows;
  });
  csv.close();
  return rows;
}

std::string roster_file_name(std::string_view unit_code, Date on) {
  return "officers-" + file_name_code(unit_code) + "-" + compact_date(on) + ".csv";
}

std::string attendance_file_name(std::string_view unit_code, std::optional<int> year, Date on) {
  return "attendance-" + file_name_code(unit_code) + (year ? "-" + std::to_string(*year) : std::string()) + "-" +
         compact_date(on) + ".csv";
}

}  // namespace certhours::app
