// Reading the seed files: their lines without comments, CSV tables under their header,
// numbers, hours and UTF-8 characters, each refusal naming the file and line; and
// read_seeds(), which reads them all, in an order that reports the first broken file first.
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "demo/internal.hpp"

namespace certhours::demo {

void fail(const std::string& file, int line, const std::string& what) {
  throw std::runtime_error("seeds/" + file + " line " + std::to_string(line) + ": " + what);
}

std::vector<Line> lines_of(std::istream& in) {
  std::vector<Line> out;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (number == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string::npos || text[first] == '#') continue;
    out.push_back({number, text});
  }
  return out;
}

std::vector<Line> read_lines(const std::string& dir, const std::string& file) {
  std::string path = dir + "/" + file;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("seeds/" + file + ": cannot open " + path);
  auto out = lines_of(in);
  if (in.bad()) throw std::runtime_error("seeds/" + file + ": cannot read " + path);
  return out;
}

std::vector<Row> table_of(const std::vector<Line>& lines, const std::string& file, const std::string& header) {
  if (lines.empty()) throw std::runtime_error("seeds/" + file + ": empty");
  if (lines[0].text != header) fail(file, lines[0].number, "expected the header " + header);
  const std::size_t n = split(header, ',').size();
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto f = split(lines[i].text, ',');
    if (f.size() != n)
      fail(file, lines[i].number, "expected " + std::to_string(n) + " fields, found " + std::to_string(f.size()));
    rows.push_back({lines[i].number, std::move(f)});
  }
  return rows;
}

std::vector<Row> read_table(const std::string& dir, const std::string& file, const std::string& header) {
  return table_of(read_lines(dir, file), file, header);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s) {
    if (ch == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> utf8_chars(const std::string& s, const std::string& file, int line) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) fail(file, line, "invalid UTF-8");
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) fail(file, line, "invalid UTF-8");
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

int whole_number(const std::string& file, int line, const std::string& what, const std::string& text, int lo,
                 int hi) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi)
    fail(file, line, what + " must be a whole number " + std::to_string(lo) + ".." + std::to_string(hi) +
                         ", not '" + text + "'");
  return value;
}

Hours hours_field(const std::string& file, int line, const std::string& what, const std::string& text) {
  auto h = Hours::parse(text);
  if (!h) fail(file, line, what + " must be a multiple of 0.5, not '" + text + "'");
  return *h;
}

Seeds read_seeds(const std::string& dir) {
  Seeds s;
  // units.csv, surnames.txt and given.txt first, as the demo always read them.
  auto units = read_units(dir);
  s.names = read_names(dir);
  s.units = lay_out(std::move(units));
  s.headcounts = read_headcounts(dir, s.units);
  s.regions = read_regions(dir, s.units);
  s.rotation_rate = read_rotation(dir, s.units);
  s.programme = read_programme(dir, s.units);
  s.shortfalls = read_shortfalls(dir);
  s.certificates = read_certificate_plan(dir);
  s.assessments = read_assessment_plan(dir);
  s.logins = read_logins(dir, s.units);
  return s;
}

}  // namespace certhours::demo
