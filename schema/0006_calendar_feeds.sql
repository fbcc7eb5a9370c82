-- Each user's private iCalendar feed (GET /api/v1/calendar/{token}.ics). The token is kept as
-- it is, not hashed like a session's, because GET /me/calendar shows the same URL again and
-- again; it only reads what this database holds anyway (docs/security.md "Calendar feeds").
-- POST /me/calendar/reset replaces it, and the old URL stops working at once.
CREATE TABLE calendar_feeds (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id),
  token      TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
