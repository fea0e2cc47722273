-- The ledger as imported: natural keys from the import format, amounts NUMERIC (exact), never float.
-- pgvector where the server has it; without it (Debian's own PostgreSQL packages, for one) the
-- product runs and similarity search uses full text alone (0100 adds the vector column only here).
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS vector;
EXCEPTION WHEN undefined_file OR feature_not_supported THEN
  RAISE NOTICE 'pgvector is not installed: similarity search will use full text alone';
END $$;

CREATE TABLE company_settings (
  id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
  name TEXT NOT NULL,
  currency TEXT NOT NULL DEFAULT 'USD',
  erp TEXT,
  policy JSONB NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  segment TEXT,
  industry TEXT,
  account_manager TEXT,
  email TEXT,
  strategic BOOLEAN,
  tax_exempt BOOLEAN
);

CREATE TABLE contracts (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  start_date DATE NOT NULL,
  end_date DATE,
  currency TEXT NOT NULL,
  payment_terms_days INTEGER NOT NULL,
  po_required BOOLEAN,
  late_fee JSONB,
  notes TEXT
);
CREATE INDEX contracts_customer ON contracts(customer_id);

CREATE TABLE contract_prices (
  contract_id TEXT NOT NULL REFERENCES contracts(id),
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  description TEXT,
  unit_price NUMERIC(20, 4) NOT NULL,
  unit TEXT,
  PRIMARY KEY (contract_id, position)
);

CREATE TABLE purchase_orders (
  number TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  issue_date DATE NOT NULL,
  currency TEXT,
  status TEXT
);
CREATE INDEX purchase_orders_customer ON purchase_orders(customer_id);

CREATE TABLE purchase_order_lines (
  po_number TEXT NOT NULL REFERENCES purchase_orders(number),
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  description TEXT,
  quantity NUMERIC(20, 6) NOT NULL,
  unit_price NUMERIC(20, 4) NOT NULL,
  PRIMARY KEY (po_number, position)
);

CREATE TABLE invoices (
  number TEXT PRIMARY KEY,
  -- Lower-case alphanumerics of the number, for "inv 1002" / "0451" look-ups.
  number_key TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  contract_id TEXT REFERENCES contracts(id),
  po_number TEXT,
  issue_date DATE NOT NULL,
  due_date DATE NOT NULL,
  service_period_start DATE,
  service_period_end DATE,
  currency TEXT NOT NULL,
  status TEXT,
  given_total NUMERIC(20, 4),
  computed_total NUMERIC(20, 4) NOT NULL
);
CREATE INDEX invoices_customer ON invoices(customer_id);
CREATE INDEX invoices_number_key ON invoices(number_key);

CREATE TABLE invoice_lines (
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  line INTEGER NOT NULL,
  sku TEXT NOT NULL,
  description TEXT,
  quantity NUMERIC(20, 6) NOT NULL,
  unit_price NUMERIC(20, 4) NOT NULL,
  tax_rate NUMERIC(12, 8),
  PRIMARY KEY (invoice_number, line)
);

CREATE TABLE invoice_fees (
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  position INTEGER NOT NULL,
  type TEXT NOT NULL,
  description TEXT,
  amount NUMERIC(20, 4) NOT NULL,
  PRIMARY KEY (invoice_number, position)
);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  invoice_number TEXT,
  po_number TEXT,
  sku TEXT NOT NULL,
  quantity NUMERIC(20, 6) NOT NULL,
  damaged_quantity NUMERIC(20, 6),
  delivered_date DATE NOT NULL,
  proof_of_delivery TEXT
);
CREATE INDEX deliveries_invoice ON deliveries(invoice_number);
CREATE INDEX deliveries_po ON deliveries(po_number);

CREATE TABLE service_logs (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  invoice_number TEXT,
  sku TEXT NOT NULL,
  period_start DATE NOT NULL,
  period_end DATE NOT NULL,
  quantity NUMERIC(20, 6) NOT NULL,
  status TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX service_logs_customer ON service_logs(customer_id);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  invoice_number TEXT,
  amount NUMERIC(20, 4) NOT NULL,
  currency TEXT NOT NULL,
  date DATE NOT NULL,
  method TEXT,
  reference TEXT
);
CREATE INDEX payments_customer ON payments(customer_id);
CREATE INDEX payments_invoice ON payments(invoice_number);

CREATE TABLE credit_memos (
  number TEXT PRIMARY KEY,
  invoice_number TEXT NOT NULL REFERENCES invoices(number),
  amount NUMERIC(20, 4) NOT NULL CHECK (amount >= 0),
  date DATE NOT NULL,
  reason TEXT,
  -- Set when the memo was issued here (not imported).
  request_id TEXT
);
CREATE INDEX credit_memos_invoice ON credit_memos(invoice_number);

CREATE TABLE past_disputes (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  invoice_number TEXT,
  opened_date DATE NOT NULL,
  resolved_date DATE,
  reason_code TEXT NOT NULL,
  description TEXT NOT NULL,
  disputed_amount NUMERIC(20, 4) NOT NULL,
  classification TEXT,
  action TEXT,
  credited_amount NUMERIC(20, 4),
  root_cause TEXT,
  department TEXT,
  escalated BOOLEAN,
  csat INTEGER
);
CREATE INDEX past_disputes_customer ON past_disputes(customer_id);
