-- Who works a dispute, and its readable number. A dispute's number (DSP-000123) comes from a
-- sequence, existing disputes numbered in the order they were opened. Owners are people; a lead's
-- rules, read in position order, name a person or a team that takes turns (last_person_id is the
-- round-robin's position). The due date is target_date (the SLA), filled in on opening when absent.
CREATE SEQUENCE dispute_number_seq;
ALTER TABLE disputes ADD COLUMN number BIGINT;
UPDATE disputes d SET number = n.rn
  FROM (SELECT id, row_number() OVER (ORDER BY opened_at, id) AS rn FROM disputes) n WHERE n.id = d.id;
SELECT setval('dispute_number_seq', coalesce((SELECT max(number) FROM disputes), 0) + 1, false);
ALTER TABLE disputes ALTER COLUMN number SET DEFAULT nextval('dispute_number_seq');
ALTER TABLE disputes ALTER COLUMN number SET NOT NULL;
CREATE UNIQUE INDEX disputes_number ON disputes (number);
CREATE INDEX disputes_owner_open ON disputes (owner_id) WHERE status NOT IN ('resolved', 'closed');

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  last_person_id TEXT REFERENCES people(id)
);
CREATE UNIQUE INDEX teams_name ON teams (lower(name));

CREATE TABLE team_members (
  team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (team_id, person_id)
);

CREATE TABLE assignment_rules (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  customer_id TEXT,
  account_manager TEXT,
  reason_code TEXT,
  min_amount NUMERIC(20, 4),
  max_amount NUMERIC(20, 4),
  currency TEXT,
  person_id TEXT REFERENCES people(id),
  team_id TEXT REFERENCES teams(id),
  CHECK ((person_id IS NULL) <> (team_id IS NULL)),
  CHECK ((min_amount IS NULL AND max_amount IS NULL) OR currency IS NOT NULL)
);
