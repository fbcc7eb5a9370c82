#include "app/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace certhours::app {

namespace {
void check(lxw_error e, const char* what, bool writes_files = false) {
  if (e == LXW_NO_ERROR) return;
  if (!writes_files) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
  // libxlsxwriter says only "error writing the zip file"; errno is still that of the write that
  // failed (close() clears it first; a full tmpfs and /dev/full give ENOSPC here, as
  // tests/fault/disk_full_test.py and tests/app/test_exports.cpp check).
  int err = errno;
  std::string message = std::string("xlsx: ") + what + ": " + lxw_strerror(e);
  if (err == ENOSPC || err == EDQUOT) throw std::system_error(err, std::generic_category(), message);
  throw std::runtime_error(message);
}
}  // namespace

// Columns as wide as their text: a CJK character takes two widths of '0', as Excel and WPS
// draw it.
double display_width(std::string_view s) {
  double w = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += len >= 3 ? 2.1 : 1.0;
    i += len;
  }
  return w;
}

XlsxWriter::XlsxWriter(const std::string& path, const std::string& doc_title, const std::string& author)
    : tmpdir_(std::filesystem::temp_directory_path().string()) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir_.data();
  options.use_zip64 = LXW_TRUE;  // sheets of 100k+ rows stay well below 4 GB, but cost nothing
  wb_ = workbook_new_opt(path.c_str(), &options);
  if (!wb_) throw std::runtime_error("xlsx: cannot create workbook " + path);

  lxw_doc_properties props{};
  props.title = const_cast<char*>(doc_title.c_str());
  props.author = const_cast<char*>(author.c_str());
  workbook_set_properties(wb_, &props);

  for (int i = 0; i < kStyles; ++i) styles_[i] = workbook_add_format(wb_);
  format_set_bold(styles_[title]);
  format_set_font_size(styles_[title], 14);
  format_set_font_color(styles_[subtitle], LXW_COLOR_GRAY);
  format_set_bold(styles_[header]);
  format_set_bg_color(styles_[header], 0xD9E1F2);
  format_set_border(styles_[header], LXW_BORDER_THIN);
  format_set_text_wrap(styles_[header]);
  format_set_align(styles_[header], LXW_ALIGN_CENTER);
  format_set_align(styles_[header], LXW_ALIGN_VERTICAL_CENTER);
  format_set_num_format(styles_[hours], "0.0");
  format_set_num_format(styles_[shortfall], "0.0");
  format_set_bg_color(styles_[shortfall], 0xFFC7CE);  // Excel's "bad" red
  format_set_font_color(styles_[shortfall], 0x9C0006);
  format_set_bold(styles_[shortfall]);
  format_set_num_format(styles_[percent], "0.0%");
  format_set_bold(styles_[total]);
  format_set_top(styles_[total], LXW_BORDER_THIN);
  format_set_num_format(styles_[text_format], "@");
}

XlsxWriter::~XlsxWriter() {
  // A workbook that was not closed (an exception on the way) is freed without writing
  // a half file; workbook_close is the only way to free it, so close and ignore.
  if (wb_) workbook_close(wb_);
}

int XlsxWriter::add_sheet(const std::string& name) {
  if (n_sheets_ >= static_cast<int>(std::size(sheets_))) throw std::logic_error("xlsx: too many sheets");
  lxw_worksheet* w = workbook_add_worksheet(wb_, name.c_str());
  if (!w) throw std::runtime_error("xlsx: cannot add worksheet " + name);
  sheets_[n_sheets_] = w;
  return n_sheets_++;
}

lxw_worksheet* XlsxWriter::ws(int sheet) const {
  if (sheet < 0 || sheet >= n_sheets_) throw std::logic_error("xlsx: no such sheet");
  return sheets_[sheet];
}

void XlsxWriter::text(int sheet, int row, int col, std::string_view s, Style style) {
  std::string copy(s);  // NUL-terminated
  check(worksheet_write_string(ws(sheet), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), copy.c_str(),
                               style == plain ? nullptr : styles_[style]),
        "write_string");
}

void XlsxWriter::number(int sheet, int row, int col, double v, Style style) {
  check(worksheet_write_number(ws(sheet), static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v,
                               style == plain ? nullptr : styles_[style]),
        "write_number");
}

void XlsxWriter::width(int sheet, int col, double chars, Style style) {
  check(worksheet_set_column(ws(sheet), static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), chars,
                             style == plain ? nullptr : styles_[style]),
        "set_column");
}

void XlsxWriter::freeze(int sheet, int row) { worksheet_freeze_panes(ws(sheet), static_cast<lxw_row_t>(row), 0); }

void XlsxWriter::print_table(int sheet, int header_row, int last_row, int last_col) {
  lxw_worksheet* w = ws(sheet);
  check(worksheet_autofilter(w, static_cast<lxw_row_t>(header_row), 0,
                             static_cast<lxw_row_t>(std::max(last_row, header_row)), static_cast<lxw_col_t>(last_col)),
        "autofilter");
  worksheet_set_landscape(w);
  worksheet_set_paper(w, 9);        // A4
  worksheet_fit_to_pages(w, 1, 0);  // 0: as many pages tall as the rows need
  check(worksheet_repeat_rows(w, 0, static_cast<lxw_row_t>(header_row)), "repeat rows");
}

void XlsxWriter::close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  errno = 0;  // an earlier failure's ENOSPC must not be taken for this one's
  check(workbook_close(wb), "close", true);
}

TableSheet::TableSheet(XlsxWriter& x, int sheet, const std::string& title, const std::string& byline,
                       const std::vector<std::string_view>& header, double header_wrap)
    : x_(x), sheet_(sheet), widths_(header.size()) {
  x_.text(sheet_, 0, 0, title, XlsxWriter::title);
  x_.text(sheet_, 1, 0, byline, XlsxWriter::subtitle);
  for (std::size_t i = 0; i < header.size(); ++i) {
    x_.text(sheet_, 2, static_cast<int>(i), header[i], XlsxWriter::header);
    widths_[i] = std::min(display_width(header[i]), header_wrap);
  }
  x_.freeze(sheet_, kFirstRow);
}

void TableSheet::text(int row, int col, std::string_view s, XlsxWriter::Style style) {
  if (s.empty()) return;
  x_.text(sheet_, row, col, s, style);
  double& w = widths_.at(static_cast<std::size_t>(col));
  w = std::max(w, display_width(s));
}

void TableSheet::finish(int last_row, double max_width) {
  for (std::size_t i = 0; i < widths_.size(); ++i) x_.width(sheet_, static_cast<int>(i), std::min(widths_[i] + 2, max_width));
  x_.print_table(sheet_, 2, last_row, static_cast<int>(widths_.size()) - 1);
}

UnitSummarySheet::UnitSummarySheet(XlsxWriter& x, int sheet, const std::string& title, const std::string& byline,
                                   std::initializer_list<const char*> header)
    : x_(x), sheet_(sheet), columns_(static_cast<int>(header.size())), name_width_(display_width("单位")) {
  x_.text(sheet_, 0, 0, title, XlsxWriter::title);
  x_.text(sheet_, 1, 0, byline, XlsxWriter::subtitle);
  int col = 0;
  for (const char* h : header) x_.text(sheet_, 2, col++, h, XlsxWriter::header);
  x_.freeze(sheet_, 3);
}

int UnitSummarySheet::unit_row(std::string_view code, std::string_view name) {
  x_.text(sheet_, next_row_, 0, code);
  x_.text(sheet_, next_row_, 1, name);
  name_width_ = std::max(name_width_, display_width(name));
  return next_row_++;
}

int UnitSummarySheet::total_row() {
  // The table ends above 合计, which stays out of the filter (sorting must not move it); set
  // while the last unit row is still the one being written (constant-memory mode).
  x_.print_table(sheet_, 2, next_row_ - 1, columns_ - 1);
  x_.text(sheet_, next_row_, 1, "合计", XlsxWriter::total);
  return next_row_++;
}

void UnitSummarySheet::finish() {
  x_.width(sheet_, 0, 14);
  x_.width(sheet_, 1, std::min(name_width_ + 2, 40.0));
  for (int i = 2; i < columns_; ++i) x_.width(sheet_, i, 10);
}

}  // namespace certhours::app
