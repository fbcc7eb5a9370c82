-- The exit review's 已处理 mark: what the Justice Bureau decided about a holder listed for a
-- year, who decided and when. One per officer and year; replaced when decided again, removed
-- when undone (each audited, entity exit_review).
CREATE TABLE exit_review_marks (
  year       INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2099),
  officer_id INTEGER NOT NULL REFERENCES officers(id),
  decision   TEXT NOT NULL CHECK (decision IN ('no_action', 'suspend', 'withdraw', 'cancel')),
  note       TEXT NOT NULL DEFAULT '',
  marked_by  TEXT NOT NULL,
  marked_at  TEXT NOT NULL,
  PRIMARY KEY (year, officer_id)
) WITHOUT ROWID;
