-- Each officer's hours per year, summed: the compliance of a whole region reads one row
-- per officer instead of every attendance (100k officers: ~2M attendance rows a year).
-- Kept by triggers on attendance, so it can never disagree with it, whoever writes.
CREATE TABLE officer_year_hours (
  officer_id       INTEGER NOT NULL REFERENCES officers(id),
  year             INTEGER NOT NULL,
  legal_halves     INTEGER NOT NULL,
  business_halves  INTEGER NOT NULL,
  political_halves INTEGER NOT NULL,
  sessions         INTEGER NOT NULL,
  PRIMARY KEY (officer_id, year)
) WITHOUT ROWID;

INSERT INTO officer_year_hours
SELECT officer_id, year, sum(legal_halves), sum(business_halves), sum(political_halves), count(*)
FROM attendance GROUP BY officer_id, year;

CREATE TRIGGER attendance_totals_insert AFTER INSERT ON attendance
BEGIN
  INSERT INTO officer_year_hours(officer_id, year, legal_halves, business_halves, political_halves, sessions)
  VALUES (new.officer_id, new.year, new.legal_halves, new.business_halves, new.political_halves, 1)
  ON CONFLICT(officer_id, year) DO UPDATE SET
    legal_halves = legal_halves + excluded.legal_halves,
    business_halves = business_halves + excluded.business_halves,
    political_halves = political_halves + excluded.political_halves,
    sessions = sessions + 1;
END;

CREATE TRIGGER attendance_totals_delete AFTER DELETE ON attendance
BEGIN
  UPDATE officer_year_hours SET
    legal_halves = legal_halves - old.legal_halves,
    business_halves = business_halves - old.business_halves,
    political_halves = political_halves - old.political_halves,
    sessions = sessions - 1
  WHERE officer_id = old.officer_id AND year = old.year;
  DELETE FROM officer_year_hours WHERE officer_id = old.officer_id AND year = old.year AND sessions = 0;
END;

-- Attendance is never updated in place (a correction is a delete and an add); refuse it
-- rather than let the totals drift.
CREATE TRIGGER attendance_no_update BEFORE UPDATE ON attendance
BEGIN SELECT RAISE(ABORT, 'attendance is not updated in place: delete it and record it again'); END;
