-- Accounts that can be managed: disable/enable, an admin reset that forces a new password at
-- the next login, the last login; sessions remember when they were last used, so an idle
-- session ends (serve --session-idle) across restarts too.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
ALTER TABLE users ADD COLUMN last_login_at TEXT;
-- NULL until the first request after the login (created_at counts then).
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
