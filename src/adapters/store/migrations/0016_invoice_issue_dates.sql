-- A claim without an invoice number or a customer ("the invoice of 3 March for 1,240.00") counts and
-- reads the invoices of that day or month: by this index, not by reading a million invoices. It is
-- on issue_date + 0, which the range reads filter on (ledger-repo.ts), and not on issue_date itself:
-- an index that yields issue_date order invites "ORDER BY issue_date … LIMIT 50" statements with a
-- rare condition to walk it whole, row by row, waiting for 50 rows that never come.
CREATE INDEX invoices_issue_day ON invoices ((issue_date + 0));
