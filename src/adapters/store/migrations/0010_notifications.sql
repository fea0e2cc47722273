-- Notifications: an outbox derived from the audit trail. Every change already writes its audit event
-- in its own transaction, so the dispatcher reads events past its cursor, plans the deliveries and
-- moves the cursor in one transaction: a crash between two steps loses nothing and sends nothing twice
-- that was recorded as delivered.
CREATE TABLE notification_cursor (
  id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
  seq BIGINT NOT NULL
);
-- An existing trail is history: notify only what happens from now on.
INSERT INTO notification_cursor (id, seq) SELECT TRUE, seq FROM audit_head;

CREATE TABLE notification_deliveries (
  id TEXT PRIMARY KEY,
  -- One row per (notice, channel, recipient): "<seq>:<kind>:<channel>:<recipient>", "sla:<dispute>:<date>:…",
  -- "digest:<date>:…". Planning the same notice twice inserts nothing.
  key TEXT NOT NULL UNIQUE,
  event_seq BIGINT,
  dispute_id TEXT,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  recipient TEXT NOT NULL,
  payload JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  delivered_at TIMESTAMPTZ
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_dispute ON notification_deliveries (dispute_id);

-- Messages exchanged with customers on every channel (email, call, chat), in and out. The audit
-- event (dispute.message_received / dispute.message_sent) is the record; this table finds a
-- dispute by a message's Message-ID (threading) and keeps an unmatched email instead of losing it.
CREATE TABLE customer_messages (
  id TEXT PRIMARY KEY,
  -- The RFC 5322 Message-ID, angle brackets kept; null for calls and chat notes.
  message_id TEXT UNIQUE,
  dispute_id TEXT REFERENCES disputes(id),
  customer_id TEXT REFERENCES customers(id),
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'call', 'chat')),
  from_address TEXT,
  to_address TEXT,
  subject TEXT,
  body TEXT NOT NULL,
  in_reply_to TEXT,
  refs JSONB NOT NULL DEFAULT '[]'::jsonb,
  event_seq BIGINT,
  opened_draft BOOLEAN NOT NULL DEFAULT FALSE,
  at TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_messages_dispute ON customer_messages (dispute_id, at);
