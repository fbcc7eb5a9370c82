// The CSV reader as an upload reaches it: bytes decoded (UTF-8 with or without BOM, GB18030)
// by app::decode_csv_bytes, parsed by csv::parse, columns mapped as the imports map them.
// Properties beyond "no crash":
//  - csv::valid_utf8 agrees with a reference validator (Unicode 15, table 3-7);
//  - accepted bytes decode to valid UTF-8 without NUL; UTF-8 input comes back unchanged
//    (less its BOM); GB18030 input converts back to the same bytes;
//  - a parsed table writes back (every field quoted) and parses to the same header and fields;
//    record lines increase and lie within the file; width_error and map_columns are consistent.
#include <iconv.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/csv_upload.hpp"
#include "check.hpp"
#include "domain/csv.hpp"

namespace {
// A refusal as the English report reads it.
std::string csv_text(const certhours::csv::LineError& e) {
  std::string out;
  for (const auto& m : e.reasons) out += m.text(certhours::Lang::en);
  return out;
}

using namespace certhours;
using certhours::fuzz::show;

bool in(unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; }

// Well-formed UTF-8 byte sequences exactly as Unicode's table 3-7 lists them.
bool reference_utf8(std::string_view s) {
  std::size_t i = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  while (i < s.size()) {
    unsigned char c = at(i);
    std::size_t left = s.size() - i;
    if (c <= 0x7F) {
      i += 1;
    } else if (in(c, 0xC2, 0xDF)) {
      if (left < 2 || !in(at(i + 1), 0x80, 0xBF)) return false;
      i += 2;
    } else if (in(c, 0xE0, 0xEF)) {
      unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      if (left < 3 || !in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xBF)) return false;
      i += 3;
    } else if (in(c, 0xF0, 0xF4)) {
      unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      if (left < 4 || !in(at(i + 1), lo, hi) || !in(at(i + 2), 0x80, 0xBF) || !in(at(i + 3), 0x80, 0xBF))
        return false;
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// UTF-8 -> GB18030 with iconv; nullopt when iconv refuses.
std::optional<std::string> to_gb18030(std::string_view text) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out(text.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(text.data());
  std::size_t src_left = text.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) return std::nullopt;
  out.resize(out.size() - dst_left);
  return out;
}

// The table as a spreadsheet would write it back: every field quoted, "" for a quote, CRLF.
std::string write_csv(const csv::Table& t) {
  auto row = [](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += '"';
      for (char c : fields[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    return out + "\r\n";
  };
  std::string out = row(t.header);
  for (const auto& r : t.records) out += row(r.fields);
  return out;
}

std::string trim_lower(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Lines of a text as the reader counts them (CRLF, LF, a lone CR each end one).
int line_count(std::string_view t) {
  int lines = 1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' || (t[i] == '\r' && (i + 1 == t.size() || t[i + 1] != '\n'))) ++lines;
  }
  return lines;
}

void check_parse(std::string_view text) {
  auto parsed = csv::parse(text);
  int lines = line_count(text);
  for (const auto& e : parsed.errors) {
    FUZZ_CHECK_MSG(e.line >= 0 && e.line <= lines, std::to_string(e.line) + " of " + std::to_string(lines));
    FUZZ_CHECK(!e.reasons.empty() && !csv_text(e).empty());
  }
  if (!parsed.errors.empty()) return;
  const csv::Table& t = parsed.table;
  FUZZ_CHECK(!t.header.empty());
  FUZZ_CHECK(!t.records.empty());
  int previous = 1;
  for (const auto& r : t.records) {
    FUZZ_CHECK_MSG(r.line > previous && r.line <= lines,
                   std::to_string(r.line) + " after " + std::to_string(previous) + ", " + std::to_string(lines));
    previous = r.line;
    bool blank = true;
    for (const auto& f : r.fields) {
      FUZZ_CHECK(f.find('\r') == std::string::npos);
      blank = blank && f.find_first_not_of(" \t") == std::string::npos;
    }
    FUZZ_CHECK(!blank);
    FUZZ_CHECK(csv::width_error(t, r).has_value() == (r.fields.size() != t.header.size()));
  }

  // Written back, read again: the same header and fields.
  std::string again = write_csv(t);
  auto reparsed = csv::parse(again);
  FUZZ_CHECK_MSG(reparsed.errors.empty(), show(again) + ": " + csv_text(reparsed.errors.front()));
  FUZZ_CHECK_MSG(reparsed.table.header == t.header, show(again));
  FUZZ_CHECK(reparsed.table.records.size() == t.records.size());
  for (std::size_t k = 0; k < t.records.size(); ++k)
    FUZZ_CHECK_MSG(reparsed.table.records[k].fields == t.records[k].fields, show(again));

  // The columns of both imports, found by name as the store finds them.
  static const std::vector<csv::ColumnSpec> kSpecs[] = {
      {{"training_id", true}, {"id_number", true}, {"legal", false}, {"business", false}, {"political", false}},
      {{"name", true}, {"id_number", true}, {"unit_code", true}, {"kind", true}, {"post_start", true},
       {"post_end", false}},
  };
  for (const auto& spec : kSpecs) {
    auto cols = csv::map_columns(t.header, spec);
    if (!cols) {
      FUZZ_CHECK(cols.status().field() == "header");
      continue;
    }
    FUZZ_CHECK(cols->index.size() == spec.size());
    for (std::size_t i = 0; i < spec.size(); ++i) {
      if (!cols->index[i]) {
        FUZZ_CHECK(!spec[i].required);
        continue;
      }
      FUZZ_CHECK(*cols->index[i] < t.header.size());
      FUZZ_CHECK(trim_lower(t.header[*cols->index[i]]) == spec[i].name);
    }
    for (const auto& r : t.records)
      for (std::size_t i = 0; i < spec.size(); ++i) {
        std::string_view cell = cols->cell(r, i);
        if (cols->index[i] && *cols->index[i] < r.fields.size())
          FUZZ_CHECK(cell == csv::unguarded(r.fields[*cols->index[i]]));
        else
          FUZZ_CHECK(cell.empty());
      }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  bool utf8 = csv::valid_utf8(bytes);
  FUZZ_CHECK_MSG(utf8 == reference_utf8(bytes), show(bytes));

  auto decoded = app::decode_csv_bytes(bytes);
  if (!decoded) {
    FUZZ_CHECK(decoded.status().field() == "file");
    return 0;
  }
  const std::string& text = decoded->text;
  FUZZ_CHECK(csv::valid_utf8(text));
  FUZZ_CHECK(text.find('\0') == std::string::npos);
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  if (decoded->encoding == "utf-8") {
    FUZZ_CHECK(text == body);
  } else {
    FUZZ_CHECK(decoded->encoding == "gb18030");
    FUZZ_CHECK(!csv::valid_utf8(body));
    auto back = to_gb18030(text);
    FUZZ_CHECK_MSG(back && *back == body, show(body) + " -> " + show(text) + " -> " + (back ? show(*back) : "?"));
  }
  check_parse(text);
  return 0;
}
