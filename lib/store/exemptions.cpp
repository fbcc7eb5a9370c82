#include "store/exemptions.hpp"

#include <boost/json.hpp>

#include "codec/claims.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace {
const std::string kSelect = std::string("SELECT ") + kExemptionColumns + " FROM exemptions e ";
Exemption from_row(SQLite::Statement& st) { return exemption_from_row(st); }

std::vector<Exemption> load_of_officer(Connection& c, Id officer_id) {
  static const std::string sql = kSelect + "WHERE e.officer_id = ? ORDER BY e.from_date, e.id";
  auto& st = c.prepare(sql);
  st.bind(1, officer_id);
  std::vector<Exemption> out;
  while (st.executeStep()) out.push_back(from_row(st));
  st.reset();
  return out;
}

std::optional<Exemption> load(Connection& c, Id id) {
  static const std::string sql = kSelect + "WHERE e.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  std::optional<Exemption> out;
  if (st.executeStep()) out = from_row(st);
  st.reset();
  return out;
}

std::string audit_json(const Exemption& e) { return boost::json::serialize(codec::exemption_json(e)); }
}  // namespace

Exemption exemption_from_row(SQLite::Statement& st, int first) {
  Exemption e;
  e.id = st.getColumn(first).getInt64();
  e.officer_id = st.getColumn(first + 1).getInt64();
  e.spec.days = {column_date(st.getColumn(first + 2)), column_date(st.getColumn(first + 3))};
  e.spec.reason_code = parse_exemption_reason(st.getColumn(first + 4).getString()).value_or(ExemptionReason::other);
  e.spec.reason = st.getColumn(first + 5).getString();
  e.created_by = st.getColumn(first + 6).getString();
  e.at = st.getColumn(first + 7).getString();
  return e;
}

Exemptions::Exemptions(Database& db) : db_(db) {}

Result<Exemption> Exemptions::add(Id officer_id, const ExemptionSpec& spec, int current_year, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Exemption> {
    if (!load_officer(c, officer_id))
      return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    if (Status s = check_exemption_fits(spec, current_year, load_of_officer(c, officer_id)); !s) return s;
    auto& st = c.prepare(
        "INSERT INTO exemptions(officer_id, from_date, to_date, year, reason_code, reason, created_by, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, officer_id);
    st.bind(2, format_date(spec.days.from));
    st.bind(3, format_date(spec.days.to));
    st.bind(4, year_of(spec.days.from));
    st.bind(5, exemption_reason_key(spec.reason_code));
    st.bind(6, spec.reason);
    st.bind(7, by.username);
    st.bind(8, now_rfc3339());
    st.exec();
    st.reset();
    auto e = load(c, c.db().getLastInsertRowid());
    append_audit(c, by, "create", "exemption", e->id, "", audit_json(*e));
    return std::move(*e);
  });
}

std::vector<Exemption> Exemptions::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) { return load_of_officer(c, officer_id); });
}

std::optional<Exemption> Exemptions::find(Id id) {
  return db_.read([&](Connection& c) { return load(c, id); });
}

Status Exemptions::remove(Id id, const Actor& by) {
  return db_.write([&](Connection& c) -> Status {
    auto e = load(c, id);
    if (!e) return Status::not_found(rules::exemption_not_found, {{"id", std::to_string(id)}});
    auto& st = c.prepare("DELETE FROM exemptions WHERE id = ?");
    st.bind(1, id);
    st.exec();
    st.reset();
    append_audit(c, by, "delete", "exemption", id, audit_json(*e), "");
    return Status::ok();
  });
}

}  // namespace certhours::store
