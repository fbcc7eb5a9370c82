-- certhours core schema: units, officers, users and sessions, policies, trainings,
-- attendance, audit. Dates are ISO text (YYYY-MM-DD), times RFC 3339 UTC text,
-- hours are integers counting half hours (exact).

CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  code      TEXT NOT NULL UNIQUE,
  name      TEXT NOT NULL,
  parent_id INTEGER REFERENCES units(id),
  level     TEXT NOT NULL CHECK (level IN ('city', 'county', 'department', 'town')),
  -- materialised path "/1/5/23/": a subtree is a range of this index
  path      TEXT NOT NULL UNIQUE
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE officers (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  id_number  TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  kind       TEXT NOT NULL CHECK (kind IN ('enforcement', 'police')),
  status     TEXT NOT NULL CHECK (status IN ('active', 'left')),
  post_start TEXT NOT NULL,
  post_end   TEXT,
  created_at TEXT NOT NULL
);
-- a unit's officers (compliance, rotation, lists) in one pass per unit
CREATE INDEX officers_unit ON officers(unit_id, id);
CREATE INDEX officers_name ON officers(name);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'hr', 'officer')),
  unit_id       INTEGER REFERENCES units(id),
  officer_id    INTEGER REFERENCES officers(id),
  created_at    TEXT NOT NULL,
  CHECK (role <> 'hr' OR unit_id IS NOT NULL),
  CHECK (role <> 'officer' OR officer_id IS NOT NULL)
);

-- Login tokens, stored as their SHA-256 hash: a leaked database does not leak sessions.
CREATE TABLE sessions (
  token_hash BLOB PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- Only years whose policy was set explicitly; every other year from 2023 uses the default.
CREATE TABLE policies (
  year           INTEGER PRIMARY KEY,
  legal_halves   INTEGER NOT NULL CHECK (legal_halves >= 0),
  business_halves INTEGER NOT NULL CHECK (business_halves >= 0),
  proration      TEXT NOT NULL CHECK (proration IN ('monthly', 'none'))
);

CREATE TABLE trainings (
  id                INTEGER PRIMARY KEY,
  title             TEXT NOT NULL,
  organizer_unit_id INTEGER NOT NULL REFERENCES units(id),
  start_date        TEXT NOT NULL,
  end_date          TEXT NOT NULL,
  year              INTEGER NOT NULL,  -- the year it counts in: year of end_date
  legal_halves      INTEGER NOT NULL,
  business_halves   INTEGER NOT NULL,
  political_halves  INTEGER NOT NULL,
  rotation          INTEGER NOT NULL CHECK (rotation IN (0, 1)),
  mode              TEXT NOT NULL CHECK (mode IN ('in_person', 'online')),
  created_by        INTEGER REFERENCES users(id),
  created_at        TEXT NOT NULL
);
CREATE INDEX trainings_year ON trainings(year, id);
CREATE INDEX trainings_organizer ON trainings(organizer_unit_id);

-- One row per officer and session. The year is copied from the training (whose dates
-- never change) so that one officer's hours for a year are a single range of the key.
CREATE TABLE attendance (
  officer_id       INTEGER NOT NULL REFERENCES officers(id),
  year             INTEGER NOT NULL,
  training_id      INTEGER NOT NULL REFERENCES trainings(id),
  legal_halves     INTEGER NOT NULL,
  business_halves  INTEGER NOT NULL,
  political_halves INTEGER NOT NULL,
  recorded_by      INTEGER REFERENCES users(id),
  recorded_at      TEXT NOT NULL,
  PRIMARY KEY (officer_id, year, training_id)
) WITHOUT ROWID;
CREATE INDEX attendance_training ON attendance(training_id, officer_id);

-- Every change, written in the same transaction as the change. Never edited.
CREATE TABLE audit (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  before    TEXT,
  after     TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be edited'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted'); END;

-- Full-staff rotation campaigns (全员轮训); the first is the plan's.
CREATE TABLE campaigns (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  window_start TEXT NOT NULL,
  deadline     TEXT NOT NULL,
  created_at   TEXT NOT NULL
);
INSERT INTO campaigns(name, window_start, deadline, created_at)
VALUES ('2023—2025年行政执法人员全员轮训', '2023-08-09', '2024-05-31', '2024-04-02T00:00:00Z');
