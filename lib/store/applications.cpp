#include "store/applications.hpp"

#include <boost/json.hpp>

#include "codec/qualification.hpp"
#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"
#include "store/units.hpp"

namespace certhours::store {

namespace {
constexpr const char* kColumns =
    "a.id, a.officer_id, a.kind, a.state, a.submitted_on, a.checks, o.name, o.unit_id, a.submitted_by, "
    "a.decided_on, a.decided_by, a.reason, c.id, c.number, c.issued_on, c.expires_on";
constexpr const char* kFrom =
    " FROM applications a JOIN officers o ON o.id = a.officer_id LEFT JOIN certificates c ON c.id = a.certificate_id";

ApplicationRecord record_from_row(SQLite::Statement& st) {
  ApplicationRecord r;
  Application& a = r.application;
  a.id = st.getColumn(0).getInt64();
  a.officer_id = st.getColumn(1).getInt64();
  a.kind = parse_application_kind(st.getColumn(2).getString()).value_or(ApplicationKind::first);
  a.state = parse_application_state(st.getColumn(3).getString()).value_or(ApplicationState::submitted);
  a.submitted_on = column_date(st.getColumn(4));
  boost::system::error_code ec;
  auto checks = boost::json::parse(st.getColumn(5).getString(), ec);
  if (!ec) a.checks = codec::checks_from_json(checks);
  r.name = st.getColumn(6).getString();
  r.unit_id = st.getColumn(7).getInt64();
  r.submitted_by = st.getColumn(8).getString();
  r.decided_on = column_opt_date(st.getColumn(9));
  r.decided_by = st.getColumn(10).isNull() ? "" : st.getColumn(10).getString();
  r.reason = st.getColumn(11).getString();
  if (!st.getColumn(12).isNull()) {
    Certificate c;
    c.id = st.getColumn(12).getInt64();
    c.officer_id = a.officer_id;
    c.number = st.getColumn(13).getString();
    c.issued_on = column_date(st.getColumn(14));
    c.expires_on = column_date(st.getColumn(15));
    r.certificate = std::move(c);
  }
  return r;
}

std::optional<ApplicationRecord> load(Connection& c, Id id) {
  static const std::string sql = std::string("SELECT ") + kColumns + kFrom + " WHERE a.id = ?";
  auto& st = c.prepare(sql);
  st.bind(1, id);
  std::optional<ApplicationRecord> r;
  if (st.executeStep()) r = record_from_row(st);
  st.reset();
  return r;
}

// The audit's before/after of an application.
std::string audit_json(const ApplicationRecord& r) {
  const Application& a = r.application;
  boost::json::object o{{"id", a.id},
                        {"officer_id", a.officer_id},
                        {"kind", application_kind_key(a.kind)},
                        {"state", application_state_key(a.state)},
                        {"submitted_on", format_date(a.submitted_on)},
                        {"qualified", a.qualified()},
                        {"checks", codec::checks_json(a.checks)}};
  if (r.decided_on) o["decided_on"] = format_date(*r.decided_on);
  if (!r.reason.empty()) o["reason"] = r.reason;
  if (r.certificate) o["certificate_id"] = r.certificate->id;
  return boost::json::serialize(o);
}

std::vector<Application> load_of_officer(Connection& c, Id officer_id) {
  std::vector<Application> out;
  static const std::string sql = std::string("SELECT ") + kColumns + kFrom + " WHERE a.officer_id = ? ORDER BY a.id";
  auto& st = c.prepare(sql);
  st.bind(1, officer_id);
  while (st.executeStep()) out.push_back(record_from_row(st).application);
  st.reset();
  return out;
}

// The next free automatic number of `year` (the sequence of certificate_sequences onwards),
// and that sequence's new value once it is used.
Result<CertificateNumber> next_number(Connection& c, int year) {
  auto& st = c.prepare("SELECT next FROM certificate_sequences WHERE year = ?");
  st.bind(1, year);
  int from = st.executeStep() ? st.getColumn(0).getInt() : 1;
  st.reset();
  return next_certificate_number(
      year, [&](const std::string& number) { return certificate_number_taken(c, number); }, from);
}

void advance_sequence(Connection& c, int year, int used) {
  auto& st = c.prepare(
      "INSERT INTO certificate_sequences(year, next) VALUES (?1, ?2) "
      "ON CONFLICT(year) DO UPDATE SET next = max(next, ?2)");
  st.bind(1, year);
  st.bind(2, used + 1);
  st.exec();
  st.reset();
}

// Sets the decision columns of `id` and appends the audit row of `action`.
void record_decision(Connection& c, const ApplicationRecord& before, ApplicationAction action, ApplicationState to,
                     Date on, const std::string& reason, std::optional<Id> certificate_id, const Actor& by) {
  auto& st = c.prepare(
      "UPDATE applications SET state = ?, decided_on = ?, decided_by = ?, reason = ?, certificate_id = ? "
      "WHERE id = ?");
  st.bind(1, application_state_key(to));
  st.bind(2, format_date(on));
  st.bind(3, by.username);
  st.bind(4, reason);
  if (certificate_id) st.bind(5, *certificate_id);
  else st.bind(5);
  st.bind(6, before.application.id);
  st.exec();
  st.reset();
  auto after = load(c, before.application.id);
  append_audit(c, by, application_action_key(action), "application", before.application.id, audit_json(before),
               audit_json(*after));
}
}  // namespace

Applications::Applications(Database& db, const Units& units) : db_(db), units_(units) {}

Result<ApplicationRecord> Applications::submit(Id officer_id, ApplicationKind kind, const Review& review,
                                               const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ApplicationRecord> {
    auto officer = load_officer(c, officer_id);
    if (!officer) return Status::not_found(rules::officer_not_found, {{"id", std::to_string(officer_id)}});
    if (Status s = check_submit(*officer, load_of_officer(c, officer_id)); !s) return s;
    auto& st = c.prepare(
        "INSERT INTO applications(officer_id, kind, state, submitted_on, submitted_by, checks, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, officer_id);
    st.bind(2, application_kind_key(kind));
    st.bind(3, application_state_key(kSubmitted));
    st.bind(4, format_date(review.on));
    st.bind(5, by.username);
    st.bind(6, boost::json::serialize(codec::checks_json(review.checks)));
    st.bind(7, now_rfc3339());
    st.exec();
    st.reset();
    auto r = load(c, c.db().getLastInsertRowid());
    append_audit(c, by, application_action_key(ApplicationAction::submit), "application", r->application.id, "",
                 audit_json(*r));
    return std::move(*r);
  });
}

std::optional<ApplicationRecord> Applications::find(Id id) {
  return db_.read([&](Connection& c) { return load(c, id); });
}

std::vector<Application> Applications::of_officer(Id officer_id) {
  return db_.read([&](Connection& c) { return load_of_officer(c, officer_id); });
}

Page<ApplicationRecord> Applications::list(const ApplicationQuery& q) {
  PathRange range = scope_range(*units_.tree(), q.scope);
  return db_.read([&](Connection& c) {
    Page<ApplicationRecord> page;
    std::string where = " JOIN units u ON u.id = o.unit_id WHERE u.path >= ?1 AND u.path < ?2";
    if (q.officer_id) where += " AND a.officer_id = ?3";
    if (q.state) where += " AND a.state = ?4";
    if (q.kind) where += " AND a.kind = ?5";
    auto bind = [&](SQLite::Statement& st) {
      st.bind(1, range.lo);
      st.bind(2, range.hi);
      if (q.officer_id) st.bind(3, *q.officer_id);
      if (q.state) st.bind(4, application_state_key(*q.state));
      if (q.kind) st.bind(5, application_kind_key(*q.kind));
    };
    auto& n = c.prepare(std::string("SELECT count(*)") + kFrom + where);
    bind(n);
    if (n.executeStep()) page.total = n.getColumn(0).getInt64();
    n.reset();
    const char* order = q.oldest_first ? " ORDER BY a.submitted_on, a.id" : " ORDER BY a.submitted_on DESC, a.id DESC";
    auto& st = c.prepare(std::string("SELECT ") + kColumns + kFrom + where + order + " LIMIT ?6 OFFSET ?7");
    bind(st);
    st.bind(6, q.limit);
    st.bind(7, q.offset);
    while (st.executeStep()) page.items.push_back(record_from_row(st));
    return page;
  });
}

Result<ApplicationRecord> Applications::approve(Id id, const Approval& a, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ApplicationRecord> {
    auto before = load(c, id);
    if (!before) return Status::not_found(rules::application_not_found, {{"id", std::to_string(id)}});
    if (Status s = check_application_action(id, before->application.state, ApplicationAction::approve, ""); !s)
      return s;
    std::string number;
    std::optional<CertificateNumber> automatic;
    if (a.number) {
      number = *a.number;
    } else {
      auto next = next_number(c, year_of(a.issued_on));
      if (!next) return next.status();
      automatic = *next;
      number = next->number;
    }
    auto cert = issue_certificate(c, before->application.officer_id, number, a.issued_on, a.expires_on, by);
    if (!cert) return cert.status();
    if (automatic) advance_sequence(c, year_of(a.issued_on), automatic->sequence);
    record_decision(c, *before, ApplicationAction::approve, ApplicationState::approved, a.decided_on, "", cert->id,
                    by);
    return std::move(*load(c, id));
  });
}

Result<ApplicationRecord> Applications::close(Id id, ApplicationAction action, Date on, const std::string& reason,
                                              const Actor& by) {
  return db_.write([&](Connection& c) -> Result<ApplicationRecord> {
    if (action != ApplicationAction::reject && action != ApplicationAction::withdraw)  // approve() issues
      return Status::invalid("action", rules::value_not_allowed, {{"allowed", "reject,withdraw"},
                                                                  {"value", application_action_key(action)}});
    auto before = load(c, id);
    if (!before) return Status::not_found(rules::application_not_found, {{"id", std::to_string(id)}});
    if (Status s = check_application_action(id, before->application.state, action, reason); !s) return s;
    auto to = application_next(before->application.state, action);
    record_decision(c, *before, action, *to, on, reason, std::nullopt, by);
    return std::move(*load(c, id));
  });
}

}  // namespace certhours::store
