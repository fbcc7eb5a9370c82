#include "store/certificates.hpp"

#include <boost/json.hpp>
#include <map>

#include "codec/certificate.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
constexpr const char* kCertColumns = "c.id, c.officer_id, c.number, c.issued_on, c.expires_on";

Certificate certificate_from_row(SQLite::Statement& st) {
  Certificate cert;
  cert.id = st.getColumn(0).getInt64();
  cert.officer_id = st.getColumn(1).getInt64();
  cert.number = st.getColumn(2).getString();
  cert.issued_on = column_date(st.getColumn(3));
  cert.expires_on = column_date(st.getColumn(4));
  return cert;
}

void load_events(Connection& c, Certificate& cert) {
  auto& st = c.prepare(
      "SELECT action, effective_on, reason, until, actor, at FROM certificate_events "
      "WHERE certificate_id = ? ORDER BY effective_on, id");
  st.bind(1, cert.id);
  while (st.executeStep()) {
    CertEvent e;
    e.action = parse_cert_action(st.getColumn(0).getString()).value_or(CertAction::issue);
    e.effective_on = column_date(st.getColumn(1));
    e.reason = st.getColumn(2).getString();
    e.until = column_opt_date(st.getColumn(3));
    e.actor = st.getColumn(4).getString();
    e.at = st.getColumn(5).getString();
    cert.events.push_back(std::move(e));
  }
}

// The certificate on the statement's first row, if any, with its events.
std::optional<Certificate> load_found(Connection& c, SQLite::Statement& st) {
  if (!st.executeStep()) return std::nullopt;
  Certificate cert = certificate_from_row(st);
  st.reset();  // load_events uses the same connection
  load_events(c, cert);
  return cert;
}

std::optional<Certificate> load_certificate_id(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kCertColumns + " FROM certificates c WHERE c.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  return load_found(c, st);
}

std::optional<Certificate> load_certificate_number(Connection& c, const std::string& number) {
  static const std::string sql = std::string("SELECT ") + kCertColumns + " FROM certificates c WHERE c.number = ?";
  auto& st = c.prepare(sql);
  st.bind(1, number);
  return load_found(c, st);
}
}  // namespace

std::string audit_json(const Certificate& cert) { return boost::json::serialize(codec::certificate_json(cert)); }

std::vector<Certificate> load_certificates_of(Connection& c, Id officer_id) {
  std::vector<Certificate> out;
  {
    auto& st = c.prepare(
        "SELECT c.id, c.officer_id, c.number, c.issued_on, c.expires_on FROM certificates c "
        "WHERE c.officer_id = ? ORDER BY c.issued_on, c.id");
    st.bind(1, officer_id);
    while (st.executeStep()) out.push_back(certificate_from_row(st));
  }
  for (Certificate& cert : out) load_events(c, cert);
  return out;
}

void append_certificate_event(Connection& c, Certificate& cert, const CertEvent& e, const Actor& by) {
  std::string before = cert.events.empty() ? "" : audit_json(cert);
  auto& st = c.prepare(
      "INSERT INTO certificate_events(certificate_id, action, effective_on, reason, until, actor_id, actor, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, cert.id);
  st.bind(2, cert_action_key(e.action));
  st.bind(3, format_date(e.effective_on));
  st.bind(4, e.reason);
  bind_opt_date(st, 5, e.until);
  if (by.user_id) st.bind(6, *by.user_id);
  st.bind(7, by.username);
  st.bind(8, e.at);
  st.exec();
  cert.events.push_back(e);
  append_audit(c, by, cert_action_key(e.action), "certificate", cert.id, before, audit_json(cert));
}

Result<Certificate> issue_certificate(Connection& c, Id officer_id, const std::string& number, Date issued_on,
                                      const std::optional<Date>& expires_on, const Actor& by) {
  auto officer = load_officer(c, officer_id);
  if (!officer) return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
  auto existing = load_certificates_of(c, officer_id);
  if (Status s = check_issue(*officer, existing, issued_on, expires_on); !s) return s;
  if (certificate_number_taken(c, number))
    return Status::conflict(rules::certificate_number_taken, {{"number", number}}, "number");
  Certificate cert;
  cert.officer_id = officer_id;
  cert.number = number;
  cert.issued_on = issued_on;
  cert.expires_on = expires_on.value_or(default_expiry(issued_on));
  auto& ins = c.prepare(
      "INSERT INTO certificates(officer_id, number, issued_on, expires_on, created_at) VALUES (?, ?, ?, ?, ?)");
  ins.bind(1, officer_id);
  ins.bind(2, number);
  ins.bind(3, format_date(cert.issued_on));
  ins.bind(4, format_date(cert.expires_on));
  ins.bind(5, now_rfc3339());
  ins.exec();
  cert.id = c.db().getLastInsertRowid();
  append_certificate_event(c, cert, {CertAction::issue, issued_on, "", std::nullopt, by.username, now_rfc3339()}, by);
  return cert;
}

bool certificate_number_taken(Connection& c, const std::string& number) {
  auto& st = c.prepare("SELECT 1 FROM certificates WHERE number = ?");
  st.bind(1, number);
  bool taken = st.executeStep();
  st.reset();
  return taken;
}

Certificates::Certificates(Database& db, const Units& units) : db_(db), units_(units) {}

Result<Certificate> Certificates::issue(Id officer_id, const std::string& number, Date issued_on,
                                        const std::optional<Date>& expires_on, const Actor& by) {
  return db_.write([&](Connection& c) { return issue_certificate(c, officer_id, number, issued_on, expires_on, by); });
}

std::optional<Certificate> Certificates::find(Id id) {
  return db_.read([&](Connection& c) { return load_certificate_id(c, id); });
}

std::optional<Certificate> Certificates::find_number(const std::string& number) {
  return db_.read([&](Connection& c) { return load_certificate_number(c, number); });
}

std::vector<Certificate> Certificates::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) { return load_certificates_of(c, officer_id); });
}

std::vector<Certificate> Certificates::in_unit(Id unit_id) {
  auto range = subtree_of(*units_.tree(), unit_id);
  if (!range) return {};
  auto [lo, hi] = *range;
  return db_.read([&](Connection& c) {
    std::vector<Certificate> out;
    std::map<Id, std::size_t> index;
    {
      auto& st = c.prepare(
          "SELECT c.id, c.officer_id, c.number, c.issued_on, c.expires_on FROM units u "
          "JOIN officers o ON o.unit_id = u.id JOIN certificates c ON c.officer_id = o.id "
          // Path order walks the subtree by index; ORDER BY c.id would scan every certificate.
          "WHERE u.path >= ? AND u.path < ? ORDER BY u.path, o.id, c.id");
      st.bind(1, lo);
      st.bind(2, hi);
      while (st.executeStep()) {
        index[st.getColumn(0).getInt64()] = out.size();
        out.push_back(certificate_from_row(st));
      }
    }
    // Every event of the subtree's certificates in one pass, in date order.
    auto& ev = c.prepare(
        "SELECT e.certificate_id, e.action, e.effective_on, e.reason, e.until, e.actor, e.at FROM units u "
        "JOIN officers o ON o.unit_id = u.id JOIN certificates c ON c.officer_id = o.id "
        "JOIN certificate_events e ON e.certificate_id = c.id "
        "WHERE u.path >= ? AND u.path < ? ORDER BY u.path, o.id, c.id, e.effective_on, e.id");
    ev.bind(1, lo);
    ev.bind(2, hi);
    while (ev.executeStep()) {
      auto it = index.find(ev.getColumn(0).getInt64());
      if (it == index.end()) continue;
      CertEvent e;
      e.action = parse_cert_action(ev.getColumn(1).getString()).value_or(CertAction::issue);
      e.effective_on = column_date(ev.getColumn(2));
      e.reason = ev.getColumn(3).getString();
      e.until = column_opt_date(ev.getColumn(4));
      e.actor = ev.getColumn(5).getString();
      e.at = ev.getColumn(6).getString();
      out[it->second].events.push_back(std::move(e));
    }
    return out;
  });
}

Result<Certificate> Certificates::act(Id certificate_id, CertAction action, Date effective_on,
                                      const std::string& reason, const std::optional<Date>& until, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<Certificate> {
    auto cert = load_certificate_id(c, certificate_id);
    if (!cert) return Status::not_found(rules::certificate_not_found, {{"id", std::to_string(certificate_id)}});
    if (Status s = check_action(*cert, action, effective_on, reason, until); !s) return s;
    append_certificate_event(c, *cert, {action, effective_on, reason, until, by.username, now_rfc3339()}, by);
    return *cert;
  });
}

}  // namespace certhours::store
