// An .xlsx workbook written with libxlsxwriter in constant-memory mode: each worksheet's
// rows go to a temporary file as they are written, so a 100k-row sheet is never held in
// memory. Rows of a sheet must be written top to bottom. Cells are strings or numbers only:
// this writer has no way to write a formula, so a name like "=1+1" stays text.
#pragma once
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace certhours::app {

// The width of `s` in widths of '0', as Excel and WPS draw it: a CJK character (3 or
// more UTF-8 bytes) takes about two; for column widths.
double display_width(std::string_view s);

class XlsxWriter {
 public:
  // text: the cell (or column) formatted as 文本, so what is typed there later stays text (an ID number
  // is not turned into 4.5E+17).
  enum Style { plain, title, subtitle, header, hours, shortfall, percent, total, text_format, kStyles };

  // Creates the workbook (written to `path` by close()); `title` and `author` are its
  // document properties. Its sheets' rows wait in files in the temporary directory
  // (std::filesystem::temp_directory_path: $TMPDIR, as for every other temporary file).
  // Throws std::runtime_error when libxlsxwriter cannot start.
  XlsxWriter(const std::string& path, const std::string& title, const std::string& author);
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Adds a worksheet (in tab order) and returns its index.
  int add_sheet(const std::string& name);
  void text(int sheet, int row, int col, std::string_view s, Style style = plain);
  void number(int sheet, int row, int col, double v, Style style = plain);
  // The column's width, and its format for cells typed into it later (set before writing rows).
  void width(int sheet, int col, double chars, Style style = plain);
  // Rows above `row` stay in view when scrolling.
  void freeze(int sheet, int row);
  // The sheet as a table to sort, print and file: an autofilter on `header_row` over the rows
  // down to `last_row` and columns up to `last_col`; printed A4 landscape, one page wide (as
  // many tall as it takes), the rows down to the header repeated on every page. Call it before
  // writing any row below `last_row`: rows above the one being written are on disk already.
  void print_table(int sheet, int header_row, int last_row, int last_col);
  // Writes the file; throws std::runtime_error (with libxlsxwriter's reason) on failure, a
  // std::system_error when that failure was a full disk (ENOSPC, EDQUOT: app::is_disk_full).
  void close();

 private:
  lxw_worksheet* ws(int sheet) const;
  std::string tmpdir_;  // libxlsxwriter keeps the pointer; glibc's tmpfile() alone ignores $TMPDIR
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* sheets_[8] = {};
  int n_sheets_ = 0;
  lxw_format* styles_[kStyles] = {};
};

// A sheet of rows under a header, as every export's first sheet is: the title and the byline
// on top, the header on row 2, frozen, the rows from kFirstRow down; text() keeps each column's
// widest cell, and finish() sets the widths from them and makes the rows a table to filter and
// print (XlsxWriter::print_table).
class TableSheet {
 public:
  static constexpr int kFirstRow = 3;
  // header_wrap: a header wider than that wraps rather than widening its column.
  TableSheet(XlsxWriter& x, int sheet, const std::string& title, const std::string& byline,
             const std::vector<std::string_view>& header, double header_wrap = 1e9);
  // A text cell; an empty one is left blank.
  void text(int row, int col, std::string_view s, XlsxWriter::Style style = XlsxWriter::plain);
  void number(int row, int col, double v, XlsxWriter::Style style = XlsxWriter::plain) {
    x_.number(sheet_, row, col, v, style);
  }
  // Once, after the last row (`last_row`): each column as wide as its widest cell and two more,
  // at most `max_width`.
  void finish(int last_row, double max_width);

 private:
  XlsxWriter& x_;
  int sheet_;
  std::vector<double> widths_;
};

// The 按单位汇总 sheet both workbooks end with: the title and the byline on top, a frozen
// header row, then one row per unit (its code and name; the caller writes the figures from
// column 2 on) and a 合计 row; finish() fits the name column to the longest name.
class UnitSummarySheet {
 public:
  UnitSummarySheet(XlsxWriter& x, int sheet, const std::string& title, const std::string& byline,
                   std::initializer_list<const char*> header);
  // Writes a unit's code and name on the next row and returns that row.
  int unit_row(std::string_view code, std::string_view name);
  // Writes 合计 on the next row and returns that row.
  int total_row();
  // Sets the column widths; call once, after the last row.
  void finish();

 private:
  XlsxWriter& x_;
  int sheet_, columns_, next_row_ = 3;
  double name_width_;
};

}  // namespace certhours::app
