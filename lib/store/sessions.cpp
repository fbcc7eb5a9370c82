// Sessions: created at sign-in, found on every request, ended by logout and account changes.
#include "store/sessions.hpp"

#include <boost/json.hpp>

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

namespace json = boost::json;

void delete_sessions(Connection& c, Id user_id, const std::string& keep) {
  auto& st = c.prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?");
  st.bind(1, user_id);
  if (keep.empty())
    st.bind(2);
  else
    st.bind(2, keep.data(), static_cast<int>(keep.size()));
  st.exec();
}

Sessions::Sessions(Database& db) : db_(db) {}

void Sessions::create(const std::string& token_hash, Id user_id, const std::string& expires_at,
                      const std::string& client_address) {
  db_.write([&](Connection& c) {
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
  });
}

std::optional<SessionRecord> Sessions::find(const std::string& token_hash, const std::string& now) {
  return db_.read([&](Connection& c) -> std::optional<SessionRecord> {
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

void Sessions::touch(const std::string& token_hash, const std::string& at) {
  db_.write([&](Connection& c) {
    auto& st = c.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    st.bind(1, at);
    st.bind(2, token_hash.data(), static_cast<int>(token_hash.size()));
    st.exec();
  });
}

void Sessions::remove(const std::string& token_hash) {
  db_.write([&](Connection& c) {
    auto& st = c.prepare("DELETE FROM sessions WHERE token_hash = ?");
    st.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
    st.exec();
  });
}

void Sessions::end_all(Id user_id, const std::string& keep_token_hash, const std::optional<Actor>& by) {
  db_.write([&](Connection& c) {
    delete_sessions(c, user_id, keep_token_hash);
    if (by) append_audit(c, *by, "logout_all", "user", user_id, "", "");
  });
}

}  // namespace certhours::store
