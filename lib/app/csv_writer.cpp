#include "app/csv_writer.hpp"

#include <cerrno>
#include <system_error>

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
  if (!f_) throw std::system_error(errno, std::generic_category(), "cannot write " + path);
  std::setvbuf(f_, nullptr, _IOFBF, 1 << 16);
  put("\xEF\xBB\xBF");
}

CsvWriter::~CsvWriter() {
  if (f_) std::fclose(f_);
}

// The first failed write's errno is kept for close(): a later call may overwrite errno.
void CsvWriter::put(std::string_view s) {
  if (std::fwrite(s.data(), 1, s.size(), f_) != s.size() && error_ == 0) error_ = errno != 0 ? errno : EIO;
}

void CsvWriter::separator() {
  if (!first_in_row_) put(",");
  first_in_row_ = false;
}

void CsvWriter::text(std::string_view s) {
  separator();
  put(csv::needs_guard(s) ? csv_field(csv::guarded(s)) : csv_field(s));
}

void CsvWriter::number(std::string_view s) {
  separator();
  put(s);
}

void CsvWriter::end_row() {
  put("\r\n");
  first_in_row_ = true;
}

void CsvWriter::close() {
  std::FILE* f = f_;
  f_ = nullptr;
  if (std::fflush(f) != 0 && error_ == 0) error_ = errno;
  if (std::ferror(f) != 0 && error_ == 0) error_ = EIO;
  if (std::fclose(f) != 0 && error_ == 0) error_ = errno;
  if (error_ != 0) throw std::system_error(error_, std::generic_category(), "writing the CSV file failed");
}

}  // namespace certhours::app
