-- Money moves once: a pending request can be cancelled (its dispute was resolved or closed), caps
-- read a dispute's and an invoice's active requests through indexes, and an idempotency key
-- remembers a fingerprint of the input it was first used with (same key + other input is refused).
ALTER TABLE credit_memo_requests DROP CONSTRAINT credit_memo_requests_status_check;
ALTER TABLE credit_memo_requests ADD CONSTRAINT credit_memo_requests_status_check
  CHECK (status IN ('pending', 'approved', 'rejected', 'issued', 'cancelled'));
CREATE INDEX credit_memo_requests_dispute ON credit_memo_requests(dispute_id, status);
CREATE INDEX credit_memo_requests_invoice ON credit_memo_requests(invoice_number, status);
CREATE INDEX write_offs_request ON write_offs(request_id);
CREATE INDEX credit_memos_request ON credit_memos(request_id);

ALTER TABLE idempotency_keys ADD COLUMN fingerprint TEXT;
