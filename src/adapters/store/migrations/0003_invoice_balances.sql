-- What the ledger knows about each invoice's money today, computed in exact NUMERIC.
CREATE VIEW invoice_balances AS
SELECT
  i.number,
  COALESCE(i.given_total, i.computed_total) AS total,
  COALESCE((SELECT sum(p.amount) FROM payments p WHERE p.invoice_number = i.number), 0) AS paid,
  COALESCE((SELECT sum(c.amount) FROM credit_memos c WHERE c.invoice_number = i.number), 0) AS credited,
  COALESCE((SELECT sum(w.amount) FROM write_offs w WHERE w.invoice_number = i.number), 0) AS written_off,
  COALESCE((SELECT sum(d.remaining_disputed) FROM disputes d
    WHERE d.invoice_number = i.number AND d.status NOT IN ('resolved', 'closed')), 0) AS disputed,
  EXISTS (SELECT 1 FROM disputes d
    WHERE d.invoice_number = i.number AND d.status NOT IN ('resolved', 'closed')) AS collections_hold
FROM invoices i;
