#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace {
User user_from_row(SQLite::Statement& st) {
  User u;
  u.id = st.getColumn(0).getInt64();
  u.username = st.getColumn(1).getString();
  u.role = parse_role(st.getColumn(2).getString()).value_or(Role::officer);
  if (!st.getColumn(3).isNull()) u.unit_id = st.getColumn(3).getInt64();
  if (!st.getColumn(4).isNull()) u.officer_id = st.getColumn(4).getInt64();
  return u;
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
    if (dup.executeStep()) return Status::conflict("username " + n.username + " is already taken", "username");
    if (n.unit_id) {
      auto& st = c.prepare("SELECT 1 FROM units WHERE id = ?");
      st.bind(1, *n.unit_id);
      if (!st.executeStep())
        return Status::invalid("unit_id", "unit " + std::to_string(*n.unit_id) + " does not exist");
    }
    if (n.officer_id) {
      auto& st = c.prepare("SELECT 1 FROM officers WHERE id = ?");
      st.bind(1, *n.officer_id);
      if (!st.executeStep())
        return Status::invalid("officer_id", "officer " + std::to_string(*n.officer_id) + " does not exist");
    }
    auto& ins = c.prepare(
        "INSERT INTO users(username, password_hash, role, unit_id, officer_id, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, n.username);
    ins.bind(2, n.password_hash);
    ins.bind(3, role_key(n.role));
    if (n.unit_id) ins.bind(4, *n.unit_id);
    if (n.officer_id) ins.bind(5, *n.officer_id);
    ins.bind(6, now_rfc3339());
    ins.exec();
    User u{c.db().getLastInsertRowid(), n.username, n.role, n.unit_id, n.officer_id};
    append_audit(c, by, "create", "user", u.id, "", audit_json(u));
    return u;
  });
}

std::optional<Credentials> Store::credentials(const std::string& username) {
  return db_->read([&](Connection& c) -> std::optional<Credentials> {
    auto& st = c.prepare("SELECT id, username, role, unit_id, officer_id, password_hash FROM users WHERE username = ?");
    st.bind(1, username);
    if (!st.executeStep()) return std::nullopt;
    return Credentials{user_from_row(st), st.getColumn(5).getString()};
  });
}

void Store::create_session(const std::string& token_hash, Id user_id, const std::string& expires_at) {
  db_->write([&](Connection& c) {
    // Expired sessions are swept here, where a write happens anyway.
    auto& sweep = c.prepare("DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?");
    sweep.bind(1, user_id);
    sweep.bind(2, now_rfc3339());
    sweep.exec();
    auto& st = c.prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.bind(2, user_id);
    st.bind(3, now_rfc3339());
    st.bind(4, expires_at);
    st.exec();
    return 0;
  });
}

std::optional<std::pair<User, std::string>> Store::session(const std::string& token_hash, const std::string& now) {
  return db_->read([&](Connection& c) -> std::optional<std::pair<User, std::string>> {
    auto& st = c.prepare(
        "SELECT u.id, u.username, u.role, u.unit_id, u.officer_id, s.expires_at FROM sessions s "
        "JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.bind(2, now);
    if (!st.executeStep()) return std::nullopt;
    return std::pair{user_from_row(st), st.getColumn(5).getString()};
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

}  // namespace certhours::store
