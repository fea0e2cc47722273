-- A typed number in the ledger's own series that names no invoice ("FT 2026/0499" where the series
-- ends at 0421) is said to be unknown, never read as something else (agent/ledger-references.ts):
-- invoices whose key starts with the typed series' prefix, a range of this index in C order.
CREATE INDEX invoices_number_key_c ON invoices ((number_key COLLATE "C"));
