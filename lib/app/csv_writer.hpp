// A CSV file written row by row (RFC 4180), for spreadsheets first: UTF-8 with a BOM so
// that Excel on Windows reads Chinese, CRLF line ends, and text cells that a spreadsheet
// would run as a formula neutralised with a leading ' (docs/domain.md "Exports are records too";
// the rule, full-width ＝＋－＠ and leading white space included, is csv::needs_guard in
// domain/csv.hpp, beside csv::unguarded that the imports apply).
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

namespace certhours::app {

// One field as RFC 4180 writes it: quoted (with "" for ") when it holds a comma, a quote,
// CR or LF; unchanged otherwise. No neutralisation here.
std::string csv_field(std::string_view text);

class CsvWriter {
 public:
  // Creates (truncates) `path` and writes the BOM. Throws std::system_error (errno) when it cannot.
  explicit CsvWriter(const std::string& path);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // A text cell: neutralised when csv::needs_guard says so, then quoted as needed.
  void text(std::string_view s);
  // A number cell, written as it is (never neutralised: "-1" stays a number).
  void number(std::string_view s);
  // Ends the row (CRLF).
  void end_row();
  // Flushes and closes; throws std::system_error with the errno of the first write that failed
  // (ENOSPC: the disk is full, app::is_disk_full).
  void close();

 private:
  void put(std::string_view s);
  void separator();
  std::FILE* f_ = nullptr;
  int error_ = 0;  // errno of the first failed write
  bool first_in_row_ = true;
};

}  // namespace certhours::app
