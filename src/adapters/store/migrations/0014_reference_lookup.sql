-- Identifiers as people type them are looked up against the ledger (agent/ledger-references.ts):
-- an invoice by the ending of its number ("12.405" for "NF 12.405", "2026/0305" for "AAB-2026/0305"),
-- a PO number or a delivery id whole. Reversed keys in C order make an ending a range of an index.
CREATE INDEX invoices_number_key_reversed ON invoices ((reverse(number_key)) COLLATE "C");
CREATE INDEX invoices_po_key ON invoices ((regexp_replace(lower(po_number), '[^a-z0-9]', '', 'g')))
  WHERE po_number IS NOT NULL;
CREATE INDEX deliveries_id_key ON deliveries ((regexp_replace(lower(id), '[^a-z0-9]', '', 'g')));
