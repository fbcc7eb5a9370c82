-- External training claims (外部培训学时认定) with their evidence, and exemptions (学时减免).
-- Hours are half hours, as everywhere.
CREATE TABLE claims (
  id                        INTEGER PRIMARY KEY,
  officer_id                INTEGER NOT NULL REFERENCES officers(id),
  title                     TEXT NOT NULL,
  provider                  TEXT NOT NULL,
  start_date                TEXT NOT NULL,
  end_date                  TEXT NOT NULL,
  year                      INTEGER NOT NULL,  -- of end_date: the year the claim counts in
  legal_halves              INTEGER NOT NULL CHECK (legal_halves >= 0),
  business_halves           INTEGER NOT NULL CHECK (business_halves >= 0),
  political_halves          INTEGER NOT NULL CHECK (political_halves >= 0),
  state                     TEXT NOT NULL CHECK (state IN ('awaiting_evidence', 'submitted', 'approved',
                                                           'rejected', 'withdrawn', 'revoked')),
  -- What an approval credited (NULL before one; kept after a revocation).
  credited_legal_halves     INTEGER,
  credited_business_halves  INTEGER,
  credited_political_halves INTEGER,
  created_by                TEXT NOT NULL,
  created_at                TEXT NOT NULL,
  submitted_at              TEXT,     -- the latest evidence
  queue_seq                 INTEGER,  -- its place in the review queue: 1 + the latest so far
  decided_by                TEXT,
  decided_at                TEXT,
  reason                    TEXT NOT NULL DEFAULT '',
  CHECK (state <> 'approved' OR credited_legal_halves IS NOT NULL)
);
CREATE INDEX claims_by_officer ON claims(officer_id, id);
-- The review queue: a state's claims in the order their evidence came (seconds tie; the
-- sequence does not).
CREATE INDEX claims_queue ON claims(state, queue_seq);
CREATE INDEX claims_by_queue_seq ON claims(queue_seq);

-- The one evidence file of a claim, beside it so that lists never read the bytes. In the
-- database, so a backup holds it.
CREATE TABLE claim_evidence (
  claim_id INTEGER PRIMARY KEY REFERENCES claims(id),
  type     TEXT NOT NULL CHECK (type IN ('application/pdf', 'image/jpeg', 'image/png')),
  bytes    INTEGER NOT NULL,
  sha256   TEXT NOT NULL,
  content  BLOB NOT NULL
);

-- An approved claim counts like an attended session: its credited hours join the officer's
-- year totals (officer_year_hours, whose `sessions` column now counts sessions attended and
-- approved claims), and leave them when it stops being approved (revoked). Kept by triggers,
-- as attendance is, so the totals never disagree with the claims.
CREATE TRIGGER claim_totals_approve AFTER UPDATE OF state ON claims
WHEN new.state = 'approved' AND old.state <> 'approved'
BEGIN
  INSERT INTO officer_year_hours(officer_id, year, legal_halves, business_halves, political_halves, sessions)
  VALUES (new.officer_id, new.year, new.credited_legal_halves, new.credited_business_halves,
          new.credited_political_halves, 1)
  ON CONFLICT(officer_id, year) DO UPDATE SET
    legal_halves = legal_halves + excluded.legal_halves,
    business_halves = business_halves + excluded.business_halves,
    political_halves = political_halves + excluded.political_halves,
    sessions = sessions + 1;
END;

CREATE TRIGGER claim_totals_leave AFTER UPDATE OF state ON claims
WHEN old.state = 'approved' AND new.state <> 'approved'
BEGIN
  UPDATE officer_year_hours SET
    legal_halves = legal_halves - old.credited_legal_halves,
    business_halves = business_halves - old.credited_business_halves,
    political_halves = political_halves - old.credited_political_halves,
    sessions = sessions - 1
  WHERE officer_id = old.officer_id AND year = old.year;
  DELETE FROM officer_year_hours WHERE officer_id = old.officer_id AND year = old.year AND sessions = 0;
END;

-- What the totals hold of an approved claim never changes under them.
CREATE TRIGGER claim_approved_fixed BEFORE UPDATE ON claims
WHEN old.state = 'approved' AND (new.officer_id <> old.officer_id OR new.year <> old.year
  OR new.credited_legal_halves IS NOT old.credited_legal_halves
  OR new.credited_business_halves IS NOT old.credited_business_halves
  OR new.credited_political_halves IS NOT old.credited_political_halves)
BEGIN SELECT RAISE(ABORT, 'an approved claim is not changed: revoke it first'); END;
CREATE TRIGGER claim_no_delete BEFORE DELETE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are never deleted: withdraw, reject or revoke them'); END;

CREATE TABLE exemptions (
  id          INTEGER PRIMARY KEY,
  officer_id  INTEGER NOT NULL REFERENCES officers(id),
  from_date   TEXT NOT NULL,
  to_date     TEXT NOT NULL,
  year        INTEGER NOT NULL,  -- of both dates
  reason_code TEXT NOT NULL CHECK (reason_code IN ('maternity', 'illness', 'secondment', 'study', 'other')),
  reason      TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  CHECK (from_date <= to_date)
);
CREATE INDEX exemptions_by_officer ON exemptions(officer_id, from_date);
-- A region's exemptions of one year (the compliance of a subtree).
CREATE INDEX exemptions_by_year ON exemptions(year, officer_id);
