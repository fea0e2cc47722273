-- Deductions (DOMAIN.md): the dispute each short-paid invoice of a payment opened. One per payment
-- and invoice as the remittance advice names it, so importing or opening again never opens twice.
CREATE TABLE dispute_deductions (
  payment_id TEXT NOT NULL REFERENCES payments(id),
  invoice_number TEXT NOT NULL,
  dispute_id TEXT NOT NULL UNIQUE REFERENCES disputes(id),
  deducted NUMERIC(20, 4) NOT NULL CHECK (deducted > 0),
  reason_text TEXT NOT NULL,
  -- How the reason was read: 'code' (the lead's table), 'text' (the classifier), 'none' (other).
  read_by TEXT NOT NULL CHECK (read_by IN ('code', 'text', 'none')),
  customer_code TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (payment_id, invoice_number)
);
