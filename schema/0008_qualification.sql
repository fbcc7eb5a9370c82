-- Qualification exams (资格考试), their results, and certificate applications (申领 → 资格审查 →
-- 审核 → 发证). Scores are held as half points (0..200), like hours: never a float.
CREATE TABLE exams (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  held_on     TEXT NOT NULL,
  pass_halves INTEGER NOT NULL CHECK (pass_halves BETWEEN 0 AND 200),
  created_at  TEXT NOT NULL
);
CREATE INDEX exams_newest ON exams(held_on DESC, id DESC);

-- One score per officer per exam; a second score replaces the first (audited, entity exam).
CREATE TABLE exam_results (
  exam_id     INTEGER NOT NULL REFERENCES exams(id),
  officer_id  INTEGER NOT NULL REFERENCES officers(id),
  halves      INTEGER NOT NULL CHECK (halves BETWEEN 0 AND 200),
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (exam_id, officer_id)
) WITHOUT ROWID;
CREATE INDEX exam_results_by_officer ON exam_results(officer_id);

-- An application and the qualification review made when it was submitted (checks: a JSON
-- array of {code, ok, detail}, as the API shows it). At most one submitted per officer.
CREATE TABLE applications (
  id             INTEGER PRIMARY KEY,
  officer_id     INTEGER NOT NULL REFERENCES officers(id),
  kind           TEXT NOT NULL CHECK (kind IN ('first', 'renewal')),
  state          TEXT NOT NULL CHECK (state IN ('submitted', 'approved', 'rejected', 'withdrawn')),
  submitted_on   TEXT NOT NULL,
  submitted_by   TEXT NOT NULL,
  checks         TEXT NOT NULL,
  decided_on     TEXT,
  decided_by     TEXT,
  reason         TEXT NOT NULL DEFAULT '',
  certificate_id INTEGER REFERENCES certificates(id),
  created_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX applications_one_open ON applications(officer_id) WHERE state = 'submitted';
CREATE INDEX applications_by_officer ON applications(officer_id, id);
CREATE INDEX applications_by_state ON applications(state, id);

-- Per year, the automatic certificate sequence below which every number YYYYNNNNNN is taken
-- (numbers are never deleted), so the next free number is found without reading the year.
CREATE TABLE certificate_sequences (
  year INTEGER PRIMARY KEY,
  next INTEGER NOT NULL
);
