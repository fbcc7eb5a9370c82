-- Enforcement certificates (行政执法证) with their events, and annual assessments (年度考核).
-- A certificate's state is never stored: it is derived from its events for any date.

CREATE TABLE certificates (
  id         INTEGER PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  number     TEXT NOT NULL UNIQUE,
  issued_on  TEXT NOT NULL,
  expires_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX certificates_officer ON certificates(officer_id);
CREATE INDEX certificates_expiry ON certificates(expires_on);

CREATE TABLE certificate_events (
  id             INTEGER PRIMARY KEY,  -- insertion order breaks ties between same-day events
  certificate_id INTEGER NOT NULL REFERENCES certificates(id),
  action         TEXT NOT NULL CHECK (action IN ('issue', 'suspend', 'restore', 'withdraw', 'cancel')),
  effective_on   TEXT NOT NULL,
  reason         TEXT NOT NULL DEFAULT '',
  until          TEXT,
  actor_id       INTEGER REFERENCES users(id),
  actor          TEXT NOT NULL,
  at             TEXT NOT NULL
);
CREATE INDEX certificate_events_certificate ON certificate_events(certificate_id, effective_on, id);
-- Events are history: never changed, never removed.
CREATE TRIGGER certificate_events_no_update BEFORE UPDATE ON certificate_events
BEGIN SELECT RAISE(ABORT, 'certificate events cannot be edited'); END;
CREATE TRIGGER certificate_events_no_delete BEFORE DELETE ON certificate_events
BEGIN SELECT RAISE(ABORT, 'certificate events cannot be deleted'); END;

CREATE TABLE assessments (
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  year       INTEGER NOT NULL,
  grade      TEXT NOT NULL CHECK (grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (officer_id, year)
) WITHOUT ROWID;
CREATE INDEX assessments_year ON assessments(year, grade);
