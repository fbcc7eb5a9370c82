#include "app/csv_import.hpp"
#include "domain/messages.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

namespace certhours::app {

namespace {

// GB18030 -> UTF-8; nullopt unless every byte decodes (no invalid or truncated sequence).
std::optional<std::string> from_gb18030(std::string_view in) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  // At most 3 bytes out for 2 in (1 for 1, 4 or 3 for 4): grown below if ever short.
  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) break;
    if (errno != E2BIG) return std::nullopt;  // EILSEQ, EINVAL: not GB18030
    std::size_t used = out.size() - dst_left;
    out.resize(out.size() * 2);
    dst = out.data() + used;
    dst_left = out.size() - used;
  }
  out.resize(out.size() - dst_left);
  return out;
}

bool only_space(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The text of `bytes`: a view of them when they are UTF-8 (less the BOM), else their GB18030
// conversion, kept in `converted`.
struct DecodedView {
  std::string_view text;
  const char* encoding;
};
Result<DecodedView> decode_view(std::string_view bytes, std::string& converted) {
  std::string_view body = bytes;
  bool bom = body.substr(0, 3) == "\xEF\xBB\xBF";
  if (bom) body.remove_prefix(3);
  if (only_space(body)) return Status::invalid("file", rules::file_empty);
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) || bytes.substr(0, 4) == "\xD0\xCF\x11\xE0")
    return Status::invalid("file", rules::file_is_workbook);
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") return Status::invalid("file", rules::file_is_utf16);
  if (body.find('\0') != std::string_view::npos) return Status::invalid("file", rules::file_is_binary);
  if (csv::valid_utf8(body)) return DecodedView{body, "utf-8"};
  if (!bom) {
    if (auto text = from_gb18030(body); text && csv::valid_utf8(*text)) {
      converted = std::move(*text);
      return DecodedView{converted, "gb18030"};
    }
  }
  return Status::invalid("file", rules::file_encoding);
}

}  // namespace

Result<DecodedText> decode_csv_bytes(std::string_view bytes) {
  std::string converted;
  auto v = decode_view(bytes, converted);
  if (!v) return v.status();
  if (v->text.data() == converted.data()) return DecodedText{std::move(converted), v->encoding};
  return DecodedText{std::string(v->text), v->encoding};
}

CsvImport run_csv_import(store::Store& store, ImportKind kind, std::string_view bytes, std::optional<Id> scope,
                         Date today, const store::Actor& by, const store::ImportLimits& limits) {
  CsvImport r;
  std::string converted;
  auto decoded = decode_view(bytes, converted);
  if (!decoded) {
    r.refused = true;
    r.message = decoded.status().what();
    return r;
  }
  r.encoding = decoded->encoding;
  auto import = [&] {
    switch (kind) {
      case ImportKind::officers: return store.imports.officers(decoded->text, scope, today, by, limits);
      case ImportKind::attendance: return store.imports.attendance(decoded->text, scope, by, limits);
      case ImportKind::exam_results: break;
    }
    return store.imports.exam_results(decoded->text, by, limits);  // admins only: no scope
  };
  store::ImportOutcome outcome = import();
  if (outcome.is_ok()) {
    r.imported = outcome.imported;
    r.skipped_duplicates = outcome.skipped_duplicates;
    return r;
  }
  r.refused = true;
  r.named_unknown_ids = outcome.named_unknown_ids;
  r.rows = std::move(outcome.problems);
  r.more_rows = outcome.more_problems;
  if (outcome.file_error) {
    r.message = *outcome.file_error;
    return r;
  }
  const std::int64_t lines = static_cast<std::int64_t>(r.rows.size()) + r.more_rows;
  Params counts{{"lines", lines > 0 ? std::to_string(lines) : std::string()}};
  if (outcome.unlisted_unknown_ids) {
    // Not how many: a count would tell how many of a list of guessed numbers exist.
    if (limits.named_unknown_ids == 0) {
      r.message = Message{rules::import_unknown_ids_budget.name, {}, std::move(counts)};
    } else {
      counts.emplace_back("named", std::to_string(limits.named_unknown_ids));
      r.message = Message{rules::import_unknown_ids.name, {}, std::move(counts)};
    }
    return r;
  }
  if (r.more_rows > 0) {
    counts.emplace_back("listed", std::to_string(r.rows.size()));
    counts.emplace_back("more", std::to_string(r.more_rows));
  }
  r.message = Message{rules::import_refused.name, {}, std::move(counts)};
  return r;
}

std::string line_text(const csv::LineError& e, Lang lang) {
  std::string out;
  for (const auto& m : e.reasons) {
    if (!out.empty()) out += lang == Lang::zh ? "；" : "; ";
    out += m.text(lang);
  }
  return out;
}

CsvImport import_csv(App& app, const Caller& caller, ImportKind kind, std::string_view bytes) {
  // An hr user's sheet that names ID numbers not in their units tells, line by line, that they
  // are not there: like a lookup by ID number that found nobody, each such named line spends the
  // user's daily budget, and once it is spent none are named (docs/security.md).
  store::ImportLimits limits;
  std::string budget_key = std::to_string(caller.user.id);
  bool budgeted = caller.is(Role::hr);
  if (budgeted)
    limits.named_unknown_ids = std::min<std::size_t>(
        limits.named_unknown_ids, static_cast<std::size_t>(app.id_lookups.remaining(budget_key)));
  CsvImport r = run_csv_import(app.store, kind, bytes, caller.scope(), caller.today, caller.actor, limits);
  if (budgeted)
    for (std::int64_t i = 0; i < r.named_unknown_ids; ++i) app.id_lookups.add(budget_key);
  return r;
}

}  // namespace certhours::app
