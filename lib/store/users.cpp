// User accounts and the changes an administrator or the user makes to them.
#include "store/users.hpp"

#include <boost/json.hpp>

#include "domain/messages.hpp"
#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace json = boost::json;

namespace {

UserRecord record_from_row(SQLite::Statement& st) {
  UserRecord r{user_from_row(st), st.getColumn(6).getInt() != 0, std::nullopt};
  if (!st.getColumn(7).isNull()) r.last_login_at = st.getColumn(7).getString();
  return r;
}

std::optional<UserRecord> load_user(Connection& c, Id id) {
  auto& st = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users u WHERE u.id = ?");
  st.bind(1, id);
  if (!st.executeStep()) return std::nullopt;
  return record_from_row(st);
}

// What the audit log keeps of an account's state (never a hash).
std::string account_json(const UserRecord& r) {
  return json::serialize(json::object{{"id", r.user.id},
                                      {"username", r.user.username},
                                      {"role", role_key(r.user.role)},
                                      {"disabled", r.disabled},
                                      {"must_change_password", r.user.must_change_password}});
}

}  // namespace

Users::Users(Database& db) : db_(db) {}

Result<User> Users::create(const NewUser& given, const Actor& by) {
  if (Status s = check_user_links(given.role, given.unit_id, given.officer_id); !s) return s;
  NewUser n = given;  // only the links the role uses are stored (the schema's CHECKs agree)
  if (n.role != Role::hr) n.unit_id.reset();
  // An hr user may be an officer too: linked to their own record, they never decide their own
  // claims (docs/domain.md, "External training claims"). An admin acts for the bureau, never as one officer.
  if (n.role == Role::admin) n.officer_id.reset();
  return db_.write([&](Connection& c) -> Result<User> {
    auto& dup = c.prepare("SELECT 1 FROM users WHERE username = ?");
    dup.bind(1, n.username);
    if (dup.executeStep()) return Status::conflict(rules::username_taken, {{"username", n.username}}, "username");
    if (n.unit_id) {
      auto& st = c.prepare("SELECT 1 FROM units WHERE id = ?");
      st.bind(1, *n.unit_id);
      if (!st.executeStep())
        return Status::invalid("unit_id", rules::unit_not_found, {{"id", std::to_string(*n.unit_id)}});
    }
    if (n.officer_id) {
      auto& st = c.prepare("SELECT 1 FROM officers WHERE id = ?");
      st.bind(1, *n.officer_id);
      if (!st.executeStep())
        return Status::invalid("officer_id", rules::officer_not_found, {{"id", std::to_string(*n.officer_id)}});
    }
    auto& ins = c.prepare(
        "INSERT INTO users(username, password_hash, role, unit_id, officer_id, created_at, must_change_password) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, n.username);
    ins.bind(2, n.password_hash);
    ins.bind(3, role_key(n.role));
    if (n.unit_id) ins.bind(4, *n.unit_id);
    if (n.officer_id) ins.bind(5, *n.officer_id);
    ins.bind(6, now_rfc3339());
    ins.bind(7, n.must_change_password ? 1 : 0);
    ins.exec();
    User u{c.db().getLastInsertRowid(), n.username, n.role, n.unit_id, n.officer_id, n.must_change_password};
    append_audit(c, by, "create", "user", u.id, "", audit_json(u));
    return u;
  });
}

std::optional<Credentials> Users::credentials(const std::string& username) {
  return db_.read([&](Connection& c) -> std::optional<Credentials> {
    auto& st = c.prepare(std::string("SELECT ") + kUserColumns +
                         ", u.password_hash, o.status FROM users u LEFT JOIN officers o ON o.id = u.officer_id "
                         "WHERE u.username = ?");
    st.bind(1, username);
    if (!st.executeStep()) return std::nullopt;
    Credentials cr{user_from_row(st), st.getColumn(8).getString(), st.getColumn(6).getInt() != 0, false};
    cr.officer_left = cr.user.role == Role::officer && !st.getColumn(9).isNull() && st.getColumn(9).getString() == "left";
    return cr;
  });
}

std::optional<UserRecord> Users::find(Id id) {
  return db_.read([&](Connection& c) { return load_user(c, id); });
}

Page<UserRecord> Users::list(int limit, int offset) {
  return db_.read([&](Connection& c) {
    Page<UserRecord> page;
    auto& n = c.prepare("SELECT count(*) FROM users");
    if (n.executeStep()) page.total = n.getColumn(0).getInt64();
    n.reset();
    auto& st = c.prepare(std::string("SELECT ") + kUserColumns + " FROM users u ORDER BY u.id LIMIT ? OFFSET ?");
    st.bind(1, limit);
    st.bind(2, offset);
    while (st.executeStep()) page.items.push_back(record_from_row(st));
    return page;
  });
}

Status Users::set_password(Id user_id, const std::string& password_hash, bool must_change,
                           const std::string& keep_token_hash, const Actor& by) {
  return db_.write([&](Connection& c) -> Status {
    auto before = load_user(c, user_id);
    if (!before) return Status::not_found(rules::user_not_found, {{"id", std::to_string(user_id)}});
    auto& st = c.prepare("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?");
    st.bind(1, password_hash);
    st.bind(2, must_change ? 1 : 0);
    st.bind(3, user_id);
    st.exec();
    delete_sessions(c, user_id, keep_token_hash);
    auto after = load_user(c, user_id);
    bool own = by.user_id && *by.user_id == user_id;
    append_audit(c, by, own ? "password_change" : "password_reset", "user", user_id, account_json(*before),
                 account_json(*after));
    return Status::ok();
  });
}

Result<UserRecord> Users::set_disabled(Id user_id, bool disabled, const Actor& by) {
  return db_.write([&](Connection& c) -> Result<UserRecord> {
    auto before = load_user(c, user_id);
    if (!before) return Status::not_found(rules::user_not_found, {{"id", std::to_string(user_id)}});
    if (before->disabled == disabled) return *before;
    auto& st = c.prepare("UPDATE users SET disabled = ? WHERE id = ?");
    st.bind(1, disabled ? 1 : 0);
    st.bind(2, user_id);
    st.exec();
    if (disabled) delete_sessions(c, user_id, {});
    auto after = load_user(c, user_id);
    append_audit(c, by, disabled ? "disable" : "enable", "user", user_id, account_json(*before), account_json(*after));
    return *after;
  });
}

}  // namespace certhours::store
