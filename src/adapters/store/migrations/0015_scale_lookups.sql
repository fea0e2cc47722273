-- Look-ups a chat turn makes, indexed so that none reads a whole table at 100,000 customers and
-- 1,000,000 invoices (npm run bench:scale prints what the turns read):
-- the service logs of one invoice (evidence), always;
CREATE INDEX service_logs_invoice ON service_logs(invoice_number);

-- and, where the server has pg_trgm (a trusted extension shipped with PostgreSQL; PGlite here has
-- not), customers by a word of the message ("name ILIKE '%kalerbrook%'", above 2,000 customers) and
-- invoices by a typed fragment of their number ("number_key LIKE '%100240%'"). Without it those
-- statements are the same and answer the same, by reading the table.
DO $$ BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN undefined_file OR feature_not_supported OR insufficient_privilege THEN
  RAISE NOTICE 'pg_trgm is not installed: customer and invoice-number searches read their tables';
END $$;

DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX customers_name_trgm ON customers USING gin (name gin_trgm_ops);
    CREATE INDEX customers_id_trgm ON customers USING gin (id gin_trgm_ops);
    CREATE INDEX invoices_number_key_trgm ON invoices USING gin (number_key gin_trgm_ops);
  END IF;
END $$;
