-- Live disputes, their money, approvals and the append-only audit trail.
CREATE TABLE disputes (
  id TEXT PRIMARY KEY,
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'investigating', 'awaiting_customer', 'awaiting_approval', 'escalated', 'resolved', 'closed')),
  reason_code TEXT NOT NULL,
  description TEXT NOT NULL,
  currency TEXT NOT NULL,
  original_disputed NUMERIC(20, 4) NOT NULL CHECK (original_disputed >= 0),
  remaining_disputed NUMERIC(20, 4) NOT NULL CHECK (remaining_disputed >= 0),
  credited NUMERIC(20, 4) NOT NULL DEFAULT 0 CHECK (credited >= 0),
  written_off NUMERIC(20, 4) NOT NULL DEFAULT 0 CHECK (written_off >= 0),
  disputed_lines JSONB NOT NULL DEFAULT '[]'::jsonb,
  classification TEXT,
  action TEXT,
  supported_amount NUMERIC(20, 4),
  resolution JSONB,
  root_cause TEXT,
  department TEXT,
  escalated BOOLEAN NOT NULL DEFAULT FALSE,
  owner_id TEXT,
  opened_at TIMESTAMPTZ NOT NULL,
  opened_on DATE NOT NULL,
  target_date DATE,
  resolved_at TIMESTAMPTZ,
  outcome_note TEXT,
  csat INTEGER
);
CREATE INDEX disputes_invoice ON disputes(invoice_number);
CREATE INDEX disputes_customer ON disputes(customer_id);
CREATE INDEX disputes_status ON disputes(status);

-- The audit trail. hash = sha256(prev_hash || canonical JSON of the event); computed by the
-- application (Web Crypto, so it runs on Workers too) and checked by verifyChain().
CREATE TABLE dispute_events (
  seq BIGINT PRIMARY KEY,
  dispute_id TEXT,
  at TIMESTAMPTZ NOT NULL,
  actor_id TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  type TEXT NOT NULL,
  why TEXT,
  before JSONB,
  after JSONB,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX dispute_events_dispute ON dispute_events(dispute_id, seq);

-- One row: the chain's head. Appenders lock it, so events from concurrent transactions chain in order.
CREATE TABLE audit_head (
  id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (TRUE, 0, repeat('0', 64));

CREATE FUNCTION dispute_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dispute_events is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER dispute_events_no_update BEFORE UPDATE OR DELETE ON dispute_events
  FOR EACH ROW EXECUTE FUNCTION dispute_events_append_only();
CREATE TRIGGER dispute_events_no_truncate BEFORE TRUNCATE ON dispute_events
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_events_append_only();

CREATE TABLE credit_memo_requests (
  id TEXT PRIMARY KEY,
  dispute_id TEXT NOT NULL REFERENCES disputes(id),
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  amount NUMERIC(20, 4) NOT NULL CHECK (amount > 0),
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('credit_memo', 'write_off', 'goodwill_credit')),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'issued')),
  requested_by TEXT NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL,
  required_role TEXT NOT NULL,
  decided_by TEXT,
  decided_at TIMESTAMPTZ,
  decision_reason TEXT,
  credit_memo_number TEXT
);
CREATE INDEX credit_memo_requests_status ON credit_memo_requests(status);

CREATE TABLE write_offs (
  id TEXT PRIMARY KEY,
  dispute_id TEXT REFERENCES disputes(id),
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  amount NUMERIC(20, 4) NOT NULL CHECK (amount > 0),
  request_id TEXT REFERENCES credit_memo_requests(id),
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX write_offs_invoice ON write_offs(invoice_number);

CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  record_id TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  read_only BOOLEAN NOT NULL DEFAULT FALSE,
  -- Only sha256(key) and a short prefix (to recognise a key in a list) are stored.
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);

CREATE TABLE conversations (
  session_id TEXT PRIMARY KEY,
  state JSONB,
  actor_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE conversation_messages (
  session_id TEXT NOT NULL REFERENCES conversations(session_id),
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (session_id, position)
);

CREATE TABLE eval_runs (
  id TEXT PRIMARY KEY,
  started_at TIMESTAMPTZ NOT NULL,
  engine TEXT NOT NULL,
  commit TEXT,
  report JSONB NOT NULL,
  -- A ratio, not money.
  pass_rate DOUBLE PRECISION NOT NULL
);
CREATE INDEX eval_runs_started ON eval_runs(started_at DESC);
