-- A claim without an invoice number or a customer ("the invoice of 3 March for 1,240.00") counts and
-- reads the invoices of that day or month: by this index, not by reading a million invoices.
CREATE INDEX invoices_issue_date ON invoices(issue_date);
