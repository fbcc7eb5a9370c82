#include "app/csv_writer.hpp"

#include <stdexcept>

#include "domain/csv.hpp"

namespace certhours::app {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

CsvWriter::CsvWriter(const std::string& path) {
  f_ = std::fopen(path.c_str(), "wb");
  if (!f_) throw std::runtime_error("cannot write " + path);
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 16);
  std::fputs("\xEF\xBB\xBF", f_);
}

CsvWriter::~CsvWriter() {
  if (f_) std::fclose(f_);
}

void CsvWriter::separator() {
  if (!first_in_row_) std::fputc(',', f_);
  first_in_row_ = false;
}

void CsvWriter::text(std::string_view s) {
  separator();
  std::string field = csv::needs_guard(s) ? csv_field(csv::guarded(s)) : csv_field(s);
  std::fwrite(field.data(), 1, field.size(), f_);
}

void CsvWriter::number(std::string_view s) {
  separator();
  std::fwrite(s.data(), 1, s.size(), f_);
}

void CsvWriter::end_row() {
  std::fputs("\r\n", f_);
  first_in_row_ = true;
}

void CsvWriter::close() {
  std::FILE* f = f_;
  f_ = nullptr;
  bool failed = std::ferror(f) != 0;
  if (std::fclose(f) != 0) failed = true;
  if (failed) throw std::runtime_error("writing the CSV file failed");
}

}  // namespace certhours::app
