// Each user's private calendar feed: the token in its URL, kept so the same URL can be shown
// again (schema/0006_calendar_feeds.sql says why it is not hashed).
#pragma once
#include <optional>
#include <string>

#include "domain/officer.hpp"
#include "store/actor.hpp"

namespace certhours::store {

class Database;

class CalendarFeeds {
 public:
  explicit CalendarFeeds(Database& db);
  // The user's token: the one kept, else `fresh`, kept from now on (two first calls at once
  // both get the one that was kept).
  std::string token(Id user_id, const std::string& fresh);
  // Replaces the user's token with `fresh` (the old URL stops working); audited as
  // calendar_reset on the user.
  void reset(Id user_id, const std::string& fresh, const Actor& by);
  // The user whose feed this is, while they may still sign in (enabled; an officer user's
  // officer not left); else nullopt.
  std::optional<User> user_of(const std::string& token);

 private:
  Database& db_;
};

}  // namespace certhours::store
