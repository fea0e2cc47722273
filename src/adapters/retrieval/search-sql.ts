/**
 * The similar-dispute search as one statement: full-text candidates, HNSW candidates and the rows
 * they name, each list ranked, in one round trip (on PGlite a statement costs 0.3–0.8 ms before it
 * does anything; over the wire a round trip more). Fusion happens in JS (fusion.ts).
 *
 * Full text stays cheap at scale by never ranking every match. An OR of a query's words matches
 * most of a large table (a word like "bill" is in a sixth of the disputes) and `ts_rank` scored
 * each match: ~250 ms at 100k rows. Now the query's words are taken rarest first, by the lexeme
 * frequencies ANALYZE keeps in `pg_stats` (most_common_elems), until the rows they are expected to
 * match fill `cap`: the words that fit whole give every row they match, the last word tops the
 * pool up; at most 2 × `cap` rows are read through the GIN index and ranked by every word of the
 * query plus the pool's words again (the rarest words alone are often incidental: a site, a month;
 * the word that fills the pool is usually the one that names the situation). On a table smaller
 * than `cap`, or one never analysed, every word is taken: the ranking is the plain OR ranking
 * (doubled, so the same order).
 *
 * HNSW's `ef_search` is set inside the statement: `set_config(..., true)` in a one-row subquery the
 * vector scan refers to laterally, so the executor evaluates it before the scan starts, and it
 * ends with the statement (no transaction, no SET/RESET round trips).
 */

/** One candidate row: the document's fields and its rank in each list (null when not in it). */
export interface CandidateRow {
  id: string
  customer_id: string
  invoice_number: string | null
  reason_code: string
  opened_date: string
  outcome: string | null
  action: string | null
  root_cause: string | null
  summary: string
  text_rank: string | number | null
  vector_rank: string | number | null
}

interface CandidateQuery {
  text: string
  /** Candidates each list contributes. */
  n: number
  /** Full-text rows ranked at most; see above. */
  cap: number
  /** The query's vector literal, ef_search and iterative scan mode; absent: no vector list. */
  vector?: { literal: string; efSearch: number; iterativeScan: 'off' | 'relaxed_order' }
  /** Full text list or not (the vector-only mode). */
  fullText: boolean
  /**
   * The table holds more rows than `cap`: draw candidates by rarity. Below the cap every word is
   * taken anyway, and the plain ranking saves planning the statistics lookup (~half the statement).
   */
  byRarity: boolean
  /** Conditions on search_documents `d`, each with one parameter: `d.customer_id = ?`. */
  filters: readonly { sql: string; value: unknown }[]
}

// OR of the query's lexemes: a new dispute's description shares some words with a precedent, rarely all.
const orQuery = (q: string) => `NULLIF(replace(plainto_tsquery('english', ${q})::text, ' & ', ' | '), '')::tsquery`

const textCtes = (q: string, n: string, cap: string, where: string) => `
lexemes AS (SELECT unnest(tsvector_to_array(to_tsvector('english', ${q}))) AS w),
stats AS (
  SELECT u.w, u.f FROM pg_stats s,
    unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(w, f)
  WHERE s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'tsv'
    AND u.w IS NOT NULL),
by_rarity AS (
  SELECT l.w, coalesce(s.f, 0) AS f, sum(coalesce(s.f, 0)) OVER (ORDER BY coalesce(s.f, 0), l.w) AS upto,
         row_number() OVER (ORDER BY coalesce(s.f, 0), l.w) AS i
  FROM lexemes l LEFT JOIN stats s USING (w)),
table_rows AS (SELECT greatest(reltuples, 1) AS n FROM pg_class WHERE oid = 'search_documents'::regclass),
tiers AS (
  SELECT w, i = 1 OR upto * table_rows.n <= ${cap} OR table_rows.n <= ${cap} AS fits, (upto - f) * table_rows.n < ${cap} AS fills
  FROM by_rarity, table_rows),
rare AS (
  SELECT to_tsquery('simple', string_agg(quote_literal(w), ' | ') FILTER (WHERE fits)) AS q,
         to_tsquery('simple', string_agg(quote_literal(w), ' | ') FILTER (WHERE fills OR fits)) AS fill
  FROM tiers),
query AS (SELECT ${orQuery(q)} AS q),
text_hits AS (
  SELECT c.id, row_number() OVER (ORDER BY ts_rank(c.tsv, query.q, 1) + ts_rank(c.tsv, rare.fill, 1) DESC, c.id) AS r
  FROM ((SELECT d.id, d.tsv FROM search_documents d, rare
         WHERE rare.q IS NOT NULL AND d.tsv @@ rare.q${where} LIMIT ${cap})
        UNION ALL
        (SELECT d.id, d.tsv FROM search_documents d, rare
         WHERE rare.fill <> rare.q AND d.tsv @@ rare.fill AND NOT d.tsv @@ rare.q${where} LIMIT ${cap})) c, query, rare
  ORDER BY r LIMIT ${n})`

const plainTextCtes = (q: string, n: string, where: string) => `
query AS (SELECT ${orQuery(q)} AS q),
text_hits AS (
  SELECT d.id, row_number() OVER (ORDER BY ts_rank(d.tsv, query.q, 1) DESC, d.id) AS r
  FROM search_documents d, query WHERE query.q IS NOT NULL AND d.tsv @@ query.q${where}
  ORDER BY r LIMIT ${n})`

const vectorCte = (v: string, n: string, ef: string, scan: string, where: string) => `
vector_hits AS (
  SELECT x.id, row_number() OVER (ORDER BY x.distance, x.id) AS r
  FROM (SELECT set_config('hnsw.ef_search', ${ef}::text, true) AS ef,
               set_config('hnsw.iterative_scan', ${scan}::text, true) AS scan) knobs,
  LATERAL (SELECT d.id, d.embedding <=> ${v}::vector AS distance FROM search_documents d
           WHERE d.embedding IS NOT NULL AND knobs.ef IS NOT NULL AND knobs.scan IS NOT NULL${where}
           ORDER BY d.embedding <=> ${v}::vector LIMIT ${n}) x)`

/** The statement and its parameters for the lists asked for (at least one). */
export function candidateSql(q: CandidateQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const p = (value: unknown) => `$${params.push(value)}`
  const n = p(q.n)
  const where = q.filters.map((f) => ` AND ${f.sql.replace('?', p(f.value))}`).join('')
  const ctes: string[] = []
  const lists: string[] = []
  if (q.fullText) {
    ctes.push(q.byRarity ? textCtes(p(q.text), n, p(q.cap), where) : plainTextCtes(p(q.text), n, where))
    lists.push('SELECT id FROM text_hits')
  }
  if (q.vector) {
    const v = q.vector
    ctes.push(vectorCte(p(v.literal), n, p(String(v.efSearch)), p(v.iterativeScan), where))
    lists.push('SELECT id FROM vector_hits')
  }
  const sql = `WITH ${ctes.join(',')}
SELECT d.id, d.customer_id, d.invoice_number, d.reason_code, d.opened_date, d.outcome, d.action,
       d.root_cause, d.summary, ${q.fullText ? 't.r' : 'NULL'} AS text_rank, ${q.vector ? 'v.r' : 'NULL'} AS vector_rank
FROM search_documents d${q.fullText ? ' LEFT JOIN text_hits t ON t.id = d.id' : ''}${q.vector ? ' LEFT JOIN vector_hits v ON v.id = d.id' : ''}
WHERE d.id IN (${lists.join(' UNION ')})`
  return { sql, params }
}

/** The ids of one list, best first. */
export function rankedIds(rows: readonly CandidateRow[], list: 'text_rank' | 'vector_rank'): string[] {
  return rows
    .filter((r) => r[list] !== null)
    .sort((a, b) => Number(a[list]) - Number(b[list]))
    .map((r) => r.id)
}
