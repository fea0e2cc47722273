-- Similar-dispute search: one denormalised document per past or current dispute, self-contained so
-- retrieval never joins the ledger's tables. Full-text on `body`, cosine HNSW on `embedding`.
-- The column's dimension follows the embedder in search_settings; `npm run reembed` changes both.
-- Without pgvector (see 0001) there is no embedding column and no HNSW index: full text only.

CREATE TABLE search_documents (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  invoice_number TEXT,
  reason_code TEXT NOT NULL,
  opened_date DATE NOT NULL,
  outcome TEXT,
  action TEXT,
  root_cause TEXT,
  department TEXT,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  tsv TSVECTOR GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED,
  embedder TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX search_documents_tsv ON search_documents USING gin (tsv);
CREATE INDEX search_documents_customer ON search_documents (customer_id);
CREATE INDEX search_documents_reason ON search_documents (reason_code);
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE search_documents ADD COLUMN embedding vector(128);
    CREATE INDEX search_documents_embedding ON search_documents
      USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 128);
  END IF;
END $$;

CREATE TABLE search_settings (
  id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
  embedder TEXT NOT NULL,
  dimension INTEGER NOT NULL
);
INSERT INTO search_settings (embedder, dimension) VALUES ('local-hash-v1/128', 128);
