-- The hand-off to collections (core/collections-handoff.ts): when a dispute is decided, the owner
-- follows up on what the customer owes by a date; the notifier reminds them if it is not paid by then.
-- `expected_paid` is what should have been paid on the invoice since the hand-off, in all, by `due_on`
-- (cumulative over a payment plan); `paid_at_handoff` is the invoice's paid amount when it was set,
-- so what was paid since is the difference. A later decision on the same dispute replaces its rows.
CREATE TABLE collections_followups (
  dispute_id TEXT NOT NULL REFERENCES disputes(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  due_on DATE NOT NULL,
  expected_paid NUMERIC(20, 4) NOT NULL CHECK (expected_paid >= 0),
  currency TEXT NOT NULL,
  paid_at_handoff NUMERIC(20, 4) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (dispute_id, seq)
);
CREATE INDEX collections_followups_due ON collections_followups (due_on);
