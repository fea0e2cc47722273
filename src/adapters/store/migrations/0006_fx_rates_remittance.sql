-- Ledger v1 additions (DOMAIN.md: Currencies, Deductions). Exact NUMERIC, never float.
-- 1 unit of `currency` is `rate` units of the company currency from `date` on.
CREATE TABLE fx_rates (
  currency TEXT NOT NULL,
  date DATE NOT NULL,
  rate NUMERIC(30, 10) NOT NULL CHECK (rate >= 0),
  PRIMARY KEY (currency, date)
);

-- A payment's remittance advice: what the customer paid and deducted on each invoice, in their words.
CREATE TABLE payment_remittances (
  payment_id TEXT NOT NULL REFERENCES payments(id),
  position INTEGER NOT NULL,
  invoice_number TEXT NOT NULL,
  paid NUMERIC(20, 4) NOT NULL,
  deducted NUMERIC(20, 4),
  reason_text TEXT,
  PRIMARY KEY (payment_id, position)
);
CREATE INDEX payment_remittances_invoice ON payment_remittances(invoice_number);
