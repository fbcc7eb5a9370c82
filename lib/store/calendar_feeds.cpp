// Calendar feed tokens: made on first use, replaced on reset, looked up by the public feed.
#include "store/calendar_feeds.hpp"

#include "store/database.hpp"
#include "store/rows.hpp"

namespace certhours::store {

CalendarFeeds::CalendarFeeds(Database& db) : db_(db) {}

std::string CalendarFeeds::token(Id user_id, const std::string& fresh) {
  return db_.write([&](Connection& c) {
    auto& insert = c.prepare(
        "INSERT INTO calendar_feeds(user_id, token, created_at) VALUES (?, ?, ?) ON CONFLICT(user_id) DO NOTHING");
    insert.bind(1, user_id);
    insert.bind(2, fresh);
    insert.bind(3, now_rfc3339());
    insert.exec();
    auto& st = c.prepare("SELECT token FROM calendar_feeds WHERE user_id = ?");
    st.bind(1, user_id);
    std::string kept = st.executeStep() ? st.getColumn(0).getString() : fresh;
    st.reset();
    return kept;
  });
}

void CalendarFeeds::reset(Id user_id, const std::string& fresh, const Actor& by) {
  db_.write([&](Connection& c) {
    auto& st = c.prepare(
        "INSERT INTO calendar_feeds(user_id, token, created_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(user_id) DO UPDATE SET token = ?2, created_at = ?3");
    st.bind(1, user_id);
    st.bind(2, fresh);
    st.bind(3, now_rfc3339());
    st.exec();
    append_audit(c, by, "calendar_reset", "user", user_id, "", "");
  });
}

std::optional<User> CalendarFeeds::user_of(const std::string& token) {
  return db_.read([&](Connection& c) -> std::optional<User> {
    auto& st = c.prepare(std::string("SELECT ") + kUserColumns +
                         " FROM calendar_feeds f JOIN users u ON u.id = f.user_id "
                         "LEFT JOIN officers o ON o.id = u.officer_id "
                         "WHERE f.token = ? AND u.disabled = 0 AND (u.role <> 'officer' OR o.status IS NOT 'left')");
    st.bind(1, token);
    if (!st.executeStep()) return std::nullopt;
    return user_from_row(st);
  });
}

}  // namespace certhours::store
