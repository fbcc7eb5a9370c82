#include "domain/csv.hpp"

#include <algorithm>

namespace certhours::csv {

namespace {
bool blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(), [](const std::string& f) {
    return std::all_of(f.begin(), f.end(), [](char c) { return c == ' ' || c == '\t'; });
  });
}

std::string trim_lower(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
}  // namespace

ParseResult parse(std::string_view text) {
  ParseResult out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  std::vector<Record> records;
  Record rec;
  std::string field;
  int line = 1;
  rec.line = 1;
  std::size_t i = 0, n = text.size();
  bool quoted_error = false;

  auto end_field = [&] { rec.fields.push_back(std::move(field)); field.clear(); };
  auto end_record = [&] {
    end_field();
    if (!blank(rec.fields)) records.push_back(std::move(rec));
    rec = Record{};
  };
  // Consumes a line break at i (CRLF, LF or CR); returns false when there is none.
  auto line_break = [&](std::string* into) {
    if (text[i] == '\r') {
      ++i;
      if (i < n && text[i] == '\n') ++i;
    } else if (text[i] == '\n') {
      ++i;
    } else {
      return false;
    }
    if (into) *into += '\n';
    ++line;
    return true;
  };

  while (i < n) {
    if (text[i] == '"' && field.empty()) {
      // A quoted field: up to the closing quote; "" is one quote.
      int started = line;
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (!line_break(&field)) field += text[i++];
      }
      if (!closed) {
        out.errors.push_back({started, "a quoted field starting on line " + std::to_string(started) +
                                           " is never closed (a \" is missing)"});
        quoted_error = true;
        break;
      }
      // After the closing quote: spaces, then a comma, a line break or the end.
      while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        out.errors.push_back({line, "text after the closing quote of field " + std::to_string(rec.fields.size() + 1) +
                                        " (a quote inside a quoted field must be doubled: \"\")"});
        // Skip to the end of this field and go on, to report the other lines too.
        while (i < n && text[i] != ',' && text[i] != '\r' && text[i] != '\n') ++i;
      }
      continue;
    }
    char c = text[i];
    if (c == ',') {
      end_field();
      ++i;
    } else if (c == '\r' || c == '\n') {
      line_break(nullptr);
      end_record();
      rec.line = line;
    } else {
      field += c;
      ++i;
    }
  }
  if (!quoted_error && (!field.empty() || !rec.fields.empty())) end_record();
  if (quoted_error) return out;

  if (records.empty()) {
    out.errors.push_back({0, "the file is empty: expected a header row naming the columns, then one row per record"});
    return out;
  }
  out.table.header = std::move(records.front().fields);
  if (records.size() == 1) {
    out.errors.push_back({0, "the file has a header row but no records below it"});
    return out;
  }
  for (std::size_t k = 1; k < records.size(); ++k) out.table.records.push_back(std::move(records[k]));
  return out;
}

std::optional<std::string> width_error(const Table& t, const Record& r) {
  if (r.fields.size() == t.header.size()) return std::nullopt;
  return std::to_string(r.fields.size()) + " fields, but the header names " + std::to_string(t.header.size()) +
         " columns (a value holding a comma must be in double quotes)";
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

Result<ColumnMap> map_columns(const std::vector<std::string>& header, const std::vector<ColumnSpec>& spec) {
  ColumnMap m;
  m.index.resize(spec.size());
  std::vector<std::string> names;
  for (const auto& h : header) names.push_back(trim_lower(h));
  std::string missing, twice;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (names[k] != spec[i].name) continue;
      if (m.index[i]) {
        twice += (twice.empty() ? "" : ", ") + std::string(spec[i].name);
        break;
      }
      m.index[i] = k;
    }
    if (!m.index[i] && spec[i].required) missing += (missing.empty() ? "" : ", ") + std::string(spec[i].name);
  }
  std::string message;
  if (!missing.empty()) {
    std::string all;
    for (const auto& s : spec) all += (all.empty() ? "" : ", ") + std::string(s.name);
    message = "missing column(s): " + missing + " (the header row must name the columns " + all + ")";
  }
  if (!twice.empty()) message += (message.empty() ? "" : "; ") + ("column(s) named twice: " + twice);
  if (!message.empty()) return Status::invalid("header", message);
  return m;
}

}  // namespace certhours::csv
