#include "store/officers.hpp"

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

std::optional<Officer> load_officer(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kOfficerColumns + " FROM officers o WHERE o.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return officer_from_row(st);
}

Officer insert_officer(Connection& c, const Officer& o, const std::string& now, const Actor& by) {
  auto& ins = c.prepare(
      "INSERT INTO officers(name, id_number, unit_id, kind, status, post_start, post_end, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, o.name);
  ins.bind(2, o.id_number);
  ins.bind(3, o.unit_id);
  ins.bind(4, kind_key(o.kind));
  ins.bind(5, officer_status_key(o.status));
  ins.bind(6, format_date(o.post_start));
  bind_opt_date(ins, 7, o.post_end);
  ins.bind(8, now);
  ins.exec();
  Officer out = o;
  out.id = c.db().getLastInsertRowid();
  append_audit(c, by, "create", "officer", out.id, "", audit_json(out));
  return out;
}

namespace {
Status check_unit(Connection& c, Id unit_id) {
  auto& st = c.prepare("SELECT 1 FROM units WHERE id = ?");
  st.bind(1, unit_id);
  if (!st.executeStep()) return Status::invalid("unit_id", rules::unit_not_found, {{"id", std::to_string(unit_id)}});
  return Status::ok();
}
}  // namespace

Officers::Officers(Database& db, const Units& units) : db_(db), units_(units) {}

Result<Officer> Officers::create(const Officer& o, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Officer> {
    if (Status s = check_unit(c, o.unit_id); !s) return s;
    auto& dup = c.prepare("SELECT id FROM officers WHERE id_number = ?");
    dup.bind(1, o.id_number);
    if (dup.executeStep())
      // Not which officer: the caller may not see them (an hr user outside their units).
      return Status::conflict(rules::id_number_taken, {{"id_number", mask_id_number(o.id_number)}}, "id_number");
    return insert_officer(c, o, now_rfc3339(), by);
  });
}

std::optional<Officer> Officers::find(Id id) {
  return db_.read([&](Connection& c) { return load_officer(c, id); });
}

Page<Officer> Officers::search(const OfficerQuery& q) {
  std::string lo = "/", hi = "0";  // every path
  if (q.unit_id) {
    auto r = subtree_of(*units_.tree(), *q.unit_id);
    if (!r) return {};
    lo = r->lo;
    hi = r->hi;
  }
  std::string like = "%";
  for (char ch : q.q) {
    if (ch == '%' || ch == '_' || ch == '\\') like += '\\';
    like += ch;
  }
  like += "%";
  return db_.read([&](Connection& c) {
    Page<Officer> page;
    static constexpr const char* kWhere =
        " FROM officers o JOIN units u ON u.id = o.unit_id "
        "WHERE u.path >= ?1 AND u.path < ?2 AND (?3 IS NULL OR o.status = ?3) "
        "AND (?4 = '' OR o.name LIKE ?5 ESCAPE '\\' OR o.id_number = ?4) ";
    auto bind = [&](SQLite::Statement& st) {
      st.bind(1, lo);
      st.bind(2, hi);
      if (q.status) st.bind(3, officer_status_key(*q.status));
      st.bind(4, q.q);
      st.bind(5, like);
    };
    static const std::string count_sql = std::string("SELECT count(*)") + kWhere;
    auto& count = c.prepare(count_sql);
    bind(count);
    if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    static const std::string list_sql =
        std::string("SELECT ") + kOfficerColumns + kWhere + "ORDER BY o.id LIMIT ?6 OFFSET ?7";
    auto& st = c.prepare(list_sql);
    bind(st);
    st.bind(6, q.limit);
    st.bind(7, q.offset);
    while (st.executeStep()) page.items.push_back(officer_from_row(st));
    return page;
  });
}

Result<Officer> Officers::update(Id id, const OfficerPatch& p, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Officer> {
    auto before = load_officer(c, id);
    if (!before) return Status::not_found(rules::officer_not_found, {{"id", std::to_string(id)}});
    Officer after = *before;
    if (p.name) after.name = *p.name;
    if (p.unit_id) {
      if (Status s = check_unit(c, *p.unit_id); !s) return s;
      after.unit_id = *p.unit_id;
    }
    if (p.post_end) after.post_end = *p.post_end;
    if (p.status) after.status = *p.status;
    if (Status s = check_post_period(after.post()); !s) return s;
    auto& upd = c.prepare("UPDATE officers SET name = ?, unit_id = ?, status = ?, post_end = ? WHERE id = ?");
    upd.bind(1, after.name);
    upd.bind(2, after.unit_id);
    upd.bind(3, officer_status_key(after.status));
    bind_opt_date(upd, 4, after.post_end);
    upd.bind(5, id);
    upd.exec();
    append_audit(c, by, "update", "officer", id, audit_json(*before), audit_json(after));
    if (before->status == OfficerStatus::active && after.status == OfficerStatus::left && after.post_end) {
      // Leaving post withdraws certificates (the domain says which, when, why).
      auto certs = load_certificates_of(c, id);
      for (const Withdrawal& w : withdrawals_on_leaving(certs, *after.post_end))
        append_certificate_event(
            c, certs[w.index],
            {CertAction::withdraw, w.effective_on, w.reason, std::nullopt, by.username, now_rfc3339()}, by);
    }
    return after;
  });
}

}  // namespace certhours::store
