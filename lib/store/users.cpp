// Users, their sessions and the account changes an administrator or the user makes.
#include <boost/json.hpp>
#include "domain/messages.hpp"

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace json = boost::json;

namespace {

constexpr const char* kUserColumns =
    "u.id, u.username, u.role, u.unit_id, u.officer_id, u.must_change_password, u.disabled, u.last_login_at";

User user_from_row(SQLite::Statement& st) {
  User u;
  u.id = st.getColumn(0).getInt64();
  u.username = st.getColumn(1).getString();
  u.role = parse_role(st.getColumn(2).getString()).value_or(Role::officer);
  if (!st.getColumn(3).isNull()) u.unit_id = st.getColumn(3).getInt64();
  if (!st.getColumn(4).isNull()) u.officer_id = st.getColumn(4).getInt64();
  u.must_change_password = st.getColumn(5).getInt() != 0;
  return u;
}

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

void delete_sessions(Connection& c, Id user_id, const std::string& keep) {
  auto& st = c.prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?");
  st.bind(1, user_id);
  if (keep.empty()) st.bind(2);
  else st.bind(2, keep.data(), static_cast<int>(keep.size()));
  st.exec();
}

}  // namespace

Result<User> Store::create_user(const NewUser& given, const Actor& by) {
  if (Status s = check_user_links(given.role, given.unit_id, given.officer_id); !s) return s;
  NewUser n = given;  // only the link the role uses is stored (the schema's CHECKs agree)
  if (n.role != Role::hr) n.unit_id.reset();
  if (n.role != Role::officer) n.officer_id.reset();
  return db_->write([&](Connection& c) -> Result<User> {
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

std::optional<Credentials> Store::credentials(const std::string& username) {
  return db_->read([&](Connection& c) -> std::optional<Credentials> {
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

void Store::create_session(const std::string& token_hash, Id user_id, const std::string& expires_at,
                           const std::string& client_address) {
  db_->write([&](Connection& c) {
    std::string now = now_rfc3339();
    // Expired sessions are swept here, where a write happens anyway.
    auto& sweep = c.prepare("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?");
    sweep.bind(1, user_id);
    sweep.bind(2, now);
    sweep.exec();
    auto& st = c.prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.bind(2, user_id);
    st.bind(3, now);
    st.bind(4, expires_at);
    st.exec();
    auto& last = c.prepare("UPDATE users SET last_login_at = ? WHERE id = ? RETURNING username");
    last.bind(1, now);
    last.bind(2, user_id);
    std::string username = last.executeStep() ? last.getColumn(0).getString() : std::string();
    last.reset();
    append_audit(c, {user_id, username}, "login", "user", user_id, "",
                 json::serialize(json::object{{"client_address", client_address}}));
    return 0;
  });
}

std::optional<SessionRecord> Store::session(const std::string& token_hash, const std::string& now) {
  return db_->read([&](Connection& c) -> std::optional<SessionRecord> {
    auto& st = c.prepare(std::string("SELECT ") + kUserColumns +
                         ", s.created_at, s.expires_at, s.last_seen_at FROM sessions s "
                         "JOIN users u ON u.id = s.user_id LEFT JOIN officers o ON o.id = u.officer_id "
                         "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0 "
                         "AND (u.role <> 'officer' OR o.status IS NOT 'left')");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.bind(2, now);
    if (!st.executeStep()) return std::nullopt;
    SessionRecord r{user_from_row(st), st.getColumn(8).getString(), st.getColumn(9).getString(), std::nullopt};
    if (!st.getColumn(10).isNull()) r.last_seen_at = st.getColumn(10).getString();
    return r;
  });
}

void Store::touch_session(const std::string& token_hash, const std::string& at) {
  db_->write([&](Connection& c) {
    auto& st = c.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    st.bind(1, at);
    st.bind(2, token_hash.data(), static_cast<int>(token_hash.size()));
    st.exec();
    return 0;
  });
}

void Store::delete_session(const std::string& token_hash) {
  db_->write([&](Connection& c) {
    auto& st = c.prepare("DELETE FROM sessions WHERE token_hash = ?");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.exec();
    return 0;
  });
}

void Store::end_sessions(Id user_id, const std::string& keep_token_hash, const std::optional<Actor>& by) {
  db_->write([&](Connection& c) {
    delete_sessions(c, user_id, keep_token_hash);
    if (by) append_audit(c, *by, "logout_all", "user", user_id, "", "");
    return 0;
  });
}

std::optional<UserRecord> Store::user(Id id) {
  return db_->read([&](Connection& c) { return load_user(c, id); });
}

Page<UserRecord> Store::users(int limit, int offset) {
  return db_->read([&](Connection& c) {
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

Status Store::set_password(Id user_id, const std::string& password_hash, bool must_change,
                           const std::string& keep_token_hash, const Actor& by) {
  return db_->write([&](Connection& c) -> Status {
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

Result<UserRecord> Store::set_disabled(Id user_id, bool disabled, const Actor& by) {
  return db_->write([&](Connection& c) -> Result<UserRecord> {
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

void Store::audit_id_lookup(const std::string& masked, std::optional<Id> officer, std::int64_t found, const Actor& by) {
  db_->write([&](Connection& c) {
    append_audit(c, by, "id_lookup", "officer", officer, "",
                 json::serialize(json::object{{"q", masked}, {"found", found}}));
    return 0;
  });
}

}  // namespace certhours::store
