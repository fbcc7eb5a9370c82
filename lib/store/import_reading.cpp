#include "store/import_reading.hpp"

#include "codec/records.hpp"

namespace certhours::store::import_reading {

std::string excerpt(std::string_view v) {
  if (v.size() <= 40) return std::string(v);
  std::size_t n = 40;
  while (n > 0 && (static_cast<unsigned char>(v[n]) & 0xC0) == 0x80) --n;
  return std::string(v.substr(0, n)) + "…";
}

Result<std::string> id_number_cell(std::string_view raw) {
  std::string_view v = trim_blanks(raw);
  if (v.empty()) return Status::invalid("id_number", rules::text_empty);
  return parse_id_number(v, "id_number", excerpt(v));
}

Result<Date> date_cell(const char* field, std::string_view raw) {
  std::string_view v = trim_blanks(raw);
  if (v.empty()) return Status::invalid(field, rules::text_empty);
  auto d = parse_date(v);
  if (!d) return Status::invalid(field, rules::date_invalid, {{"value", excerpt(v)}});
  return *d;
}

Result<Id> id_cell(const char* field, std::string_view raw) {
  std::string_view v = trim_blanks(raw);
  if (v.empty()) return Status::invalid(field, rules::text_empty);
  if (v.size() > 18 || v.front() == '0' || v.find_first_not_of("0123456789") != std::string_view::npos)
    return Status::invalid(field, rules::id_invalid, {{"value", excerpt(v)}});
  return static_cast<Id>(std::stoll(std::string(v)));
}

std::string summary_json(const char* kind, const ImportOutcome& o) {
  return boost::json::serialize(codec::import_summary_json(kind, o.rows, o.imported, o.skipped_duplicates));
}

ImportOutcome& refused(ImportOutcome& out, const Problems& problems) {
  problems.report(out);
  out.imported = out.skipped_duplicates = 0;
  return out;
}

}  // namespace certhours::store::import_reading
