#include "domain/csv.hpp"

#include "domain/messages.hpp"
#include "domain/text.hpp"

namespace certhours::csv {

namespace {
std::string trim_lower(std::string_view s) {
  std::string out(trim_blanks(s));
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool blank_field(std::string_view f) { return f.find_first_not_of(" \t") == std::string_view::npos; }
}  // namespace

Reader::Reader(std::string_view text, std::size_t max_fields) : text_(text), max_fields_(max_fields) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
}

bool Reader::next(Record& r, std::optional<Message>& error) {
  const std::string_view t = text_;
  const std::size_t n = t.size();
  // Consumes the line break at i_ (CRLF, LF or a lone CR).
  auto line_break = [&] {
    if (t[i_] == '\r' && i_ + 1 < n && t[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
  };
  while (i_ < n) {
    error.reset();
    r.line = line_;
    std::size_t count = 0;  // fields of this record so far (r.fields beyond it are stale)
    bool blank = true, too_wide = false, ended = false;
    // The next field's buffer: r.fields[count], reused; nullptr past max_fields (not kept:
    // blank ones are dropped, such as the empty columns of Excel's used range; others refused).
    auto field = [&]() -> std::string* {
      if (count >= max_fields_) return nullptr;
      if (count == r.fields.size()) r.fields.emplace_back();
      r.fields[count].clear();
      return &r.fields[count];
    };
    while (!ended) {
      std::string* f = field();
      bool fblank = true;
      if (i_ < n && t[i_] == '"') {
        // A quoted field: up to the closing quote; "" is one quote, a line break reads as LF.
        const int started = line_;
        ++i_;
        bool closed = false;
        while (i_ < n) {
          std::size_t stop = t.find_first_of("\"\r\n", i_);
          if (stop == std::string_view::npos) stop = n;
          std::string_view piece = t.substr(i_, stop - i_);
          if (fblank && !blank_field(piece)) fblank = false;
          if (f) f->append(piece);
          i_ = stop;
          if (i_ == n) break;
          if (t[i_] == '"') {
            if (i_ + 1 < n && t[i_ + 1] == '"') {
              if (f) *f += '"';
              fblank = false;
              i_ += 2;
              continue;
            }
            ++i_;
            closed = true;
            break;
          }
          line_break();
          if (f) *f += '\n';
          fblank = false;
        }
        if (!closed) {
          r.fields.resize(f ? count + 1 : count);
          error = Message{rules::csv_unclosed_quote.name, {}, {{"line", std::to_string(started)}}};
          return true;  // at the end of the text: nothing follows
        }
        // After the closing quote: spaces, then a comma, a line break or the end.
        while (i_ < n && (t[i_] == ' ' || t[i_] == '\t')) ++i_;
        if (i_ < n && t[i_] != ',' && t[i_] != '\r' && t[i_] != '\n') {
          if (!error) error = Message{rules::csv_text_after_quote.name, {}, {{"column", std::to_string(count + 1)}}};
          std::size_t stop = t.find_first_of(",\r\n", i_);
          i_ = stop == std::string_view::npos ? n : stop;
        }
      } else {
        std::size_t stop = t.find_first_of(",\r\n", i_);
        if (stop == std::string_view::npos) stop = n;
        std::string_view v = t.substr(i_, stop - i_);
        fblank = blank_field(v);
        if (f) f->assign(v);
        i_ = stop;
      }
      if (f) ++count;
      else if (!fblank) too_wide = true;
      blank = blank && fblank;
      if (i_ < n && t[i_] == ',') {
        ++i_;
      } else {
        if (i_ < n) line_break();
        ended = true;
      }
    }
    if (blank && !error) continue;  // an empty line, or ",,,,"
    r.fields.resize(count);
    if (too_wide && !error)
      error = Message{rules::csv_too_many_fields.name, {}, {{"max", std::to_string(max_fields_)}}};
    return true;
  }
  return false;
}

ParseResult parse(std::string_view text) {
  ParseResult out;
  Reader reader(text);
  Record rec;
  std::optional<Message> error;
  bool header = true;
  while (reader.next(rec, error)) {
    if (error) out.errors.push_back({rec.line, {*error}});
    if (header) out.table.header = rec.fields;
    else out.table.records.push_back(rec);
    header = false;
  }
  if (!out.errors.empty()) return out;
  if (header) out.errors.push_back({0, {Message{rules::file_empty.name, {}, {}}}});
  else if (out.table.records.empty()) out.errors.push_back({0, {Message{rules::file_no_records.name, {}, {}}}});
  return out;
}

std::optional<Message> width_error(std::size_t header_fields, const Record& r) {
  if (r.fields.size() == header_fields) return std::nullopt;
  return Message{rules::csv_field_count.name,
                 {},
                 {{"fields", std::to_string(r.fields.size())}, {"columns", std::to_string(header_fields)}}};
}

std::optional<Message> width_error(const Table& t, const Record& r) { return width_error(t.header.size(), r); }

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

bool looks_like_formula(std::string_view cell) {
  if (cell.empty()) return false;
  if (cell.front() == '\t' || cell.front() == '\r') return true;
  // White space a spreadsheet may skip before a formula.
  while (true) {
    if (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t' || cell.front() == '\r' || cell.front() == '\n'))
      cell.remove_prefix(1);
    else if (cell.substr(0, 2) == "\xC2\xA0")  // U+00A0 no-break space
      cell.remove_prefix(2);
    else if (cell.substr(0, 3) == "\xE3\x80\x80")  // U+3000 ideographic space
      cell.remove_prefix(3);
    else
      break;
  }
  if (cell.empty()) return false;
  switch (cell.front()) {
    case '=': case '+': case '-': case '@': return true;
    default: break;
  }
  // Full-width ＝ U+FF1D, ＋ U+FF0B, － U+FF0D, ＠ U+FF20 (EF BC 9D / 8B / 8D / A0).
  if (cell.size() >= 3 && cell[0] == '\xEF' && cell[1] == '\xBC')
    return cell[2] == '\x9D' || cell[2] == '\x8B' || cell[2] == '\x8D' || cell[2] == '\xA0';
  return false;
}

bool needs_guard(std::string_view cell) {
  std::size_t quotes = cell.find_first_not_of('\'');
  return quotes != std::string_view::npos && looks_like_formula(cell.substr(quotes));
}

std::string guarded(std::string_view cell) {
  return needs_guard(cell) ? "'" + std::string(cell) : std::string(cell);
}

Result<ColumnMap> map_columns(const std::vector<std::string>& header, const std::vector<ColumnSpec>& spec) {
  ColumnMap m;
  m.index.resize(spec.size());
  std::vector<std::string> names;
  names.reserve(header.size());
  for (const auto& h : header) names.push_back(trim_lower(h));
  std::string missing, twice;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (names[k] != spec[i].name && !(spec[i].alias && names[k] == spec[i].alias)) continue;
      if (m.index[i]) {
        twice += (twice.empty() ? "" : ",") + std::string(spec[i].name);
        break;
      }
      m.index[i] = k;
    }
    if (!m.index[i] && spec[i].required) missing += (missing.empty() ? "" : ",") + std::string(spec[i].name);
  }
  if (!missing.empty()) {
    std::string all;
    for (const auto& s : spec) all += (all.empty() ? "" : ",") + std::string(s.name);
    return Status::invalid("header", rules::csv_missing_columns, {{"missing", missing}, {"columns", all}});
  }
  if (!twice.empty()) return Status::invalid("header", rules::csv_duplicate_columns, {{"columns", twice}});
  return m;
}

}  // namespace certhours::csv
