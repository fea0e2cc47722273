/**
 * The similar-dispute search as one statement: full-text candidates, HNSW candidates and the rows
 * they name, each list ranked, in one round trip (on PGlite a statement costs 0.3–0.8 ms before it
 * does anything; over the wire a round trip more). Fusion happens in JS (fusion.ts).
 *
 * Full text stays cheap at scale by never ranking every match. An OR of a query's words matches
 * most of a large table (a word like "bill" is in a sixth of the disputes) and `ts_rank` scored
 * each match: ~250 ms at 100k rows. On a table over the cap, text-pool.ts picks the query's words
 * rarest first until their rows fill it; at most 2 × `cap` rows are read through the GIN index and
 * ranked by every word of the query plus the pool's words again (the rarest words alone are often
 * incidental: a site, a month; the word that fills the pool is usually the one that names the
 * situation). On a smaller table every word is taken: the plain OR ranking.
 *
 * The pooled rows are read anyway, so their vector distance is taken in the same pass: in a fused
 * search the vector list is the nearest of HNSW's candidates and the pool's together. Thousands of
 * rows that share the query's rare words, by exact distance, make up for a short HNSW walk
 * (`ef_search` 100 instead of 800; the walk is what finds neighbours that share no word).
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
  /**
   * The pool's queries (text-pool.ts), when the table holds more rows than the cap; at most `cap`
   * rows are read per branch. Absent: every word is taken (the plain OR ranking), which on a small
   * table is what the pool would give anyway.
   */
  pool?: { all: string; rare: string; fill: string; topUp: string; cap: number }
  /** The query's vector literal, ef_search and iterative scan mode; absent: no vector list. */
  vector?: {
    literal: string
    efSearch: number
    iterativeScan: 'off' | 'relaxed_order'
    /** With a pool: the vector list is the nearest of HNSW's and the pooled rows' together. */
    pooled?: boolean
  }
  /** Full text list or not (the vector-only mode). */
  fullText: boolean
  /** Conditions on search_documents `d`, each with one parameter: `d.customer_id = ?`. */
  filters: readonly { sql: string; value: unknown }[]
}

// OR of the query's lexemes: a new dispute's description shares some words with a precedent, rarely all.
const orQuery = (q: string) => `NULLIF(replace(plainto_tsquery('english', ${q})::text, ' & ', ' | '), '')::tsquery`

// The pool (text-pool.ts): the rows of the words that fit the cap, topped up by the filling word's
// (those with a more common word of the query too); ranked by every word of the query plus the
// pool's words again. Each branch stops at `cap` rows.
// With a vector (`v`), each pooled row's distance is taken in the same pass (the row is read anyway).
const poolCtes = (
  pool: { all: string; rare: string; fill?: { words: string; topUp: string }; cap: string },
  n: string,
  where: string,
  v?: string,
) => {
  const cols = `d.id, d.tsv${v ? ', d.embedding' : ''}`
  return `
pool AS (
  SELECT c.id, ts_rank(c.tsv, ${pool.all}::tsquery, 1) + ts_rank(c.tsv, ${pool.fill?.words ?? pool.rare}::tsquery, 1) AS rank${
    v ? `, c.embedding <=> ${v}::vector AS distance` : ''
  }
  FROM ((SELECT ${cols} FROM search_documents d WHERE d.tsv @@ ${pool.rare}::tsquery${where} LIMIT ${pool.cap})${
    pool.fill
      ? `
        UNION ALL
        (SELECT ${cols} FROM search_documents d
         WHERE d.tsv @@ ${pool.fill.topUp}::tsquery AND NOT d.tsv @@ ${pool.rare}::tsquery${where} LIMIT ${pool.cap})`
      : ''
  }) c),
text_hits AS (
  SELECT id, row_number() OVER (ORDER BY rank DESC, id) AS r
  FROM (SELECT id, rank FROM pool ORDER BY rank DESC, id LIMIT ${n}) top)`
}

const plainTextCtes = (q: string, n: string, where: string) => `
query AS (SELECT ${orQuery(q)} AS q),
text_hits AS (
  SELECT d.id, row_number() OVER (ORDER BY ts_rank(d.tsv, query.q, 1) DESC, d.id) AS r
  FROM search_documents d, query WHERE query.q IS NOT NULL AND d.tsv @@ query.q${where}
  ORDER BY r LIMIT ${n})`

const vectorCte = (v: string, n: string, ef: string, scan: string, where: string, pooled: boolean) => {
  const hnsw = `SELECT d.id, d.embedding <=> ${v}::vector AS distance FROM search_documents d
           WHERE d.embedding IS NOT NULL AND knobs.ef IS NOT NULL AND knobs.scan IS NOT NULL${where}
           ORDER BY d.embedding <=> ${v}::vector LIMIT ${n}`
  return `
vector_hits AS (
  SELECT x.id, row_number() OVER (ORDER BY x.distance, x.id) AS r
  FROM (SELECT set_config('hnsw.ef_search', ${ef}::text, true) AS ef,
               set_config('hnsw.iterative_scan', ${scan}::text, true) AS scan) knobs,
  LATERAL (${
    pooled
      ? `SELECT u.id, u.distance FROM ((${hnsw}) UNION SELECT id, distance FROM pool WHERE distance IS NOT NULL) u
           ORDER BY u.distance, u.id LIMIT ${n}`
      : hnsw
  }) x)`
}

/** The statement and its parameters for the lists asked for (at least one). */
export function candidateSql(q: CandidateQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = []
  const p = (value: unknown) => `$${params.push(value)}`
  const n = p(q.n)
  const where = q.filters.map((f) => ` AND ${f.sql.replace('?', p(f.value))}`).join('')
  const ctes: string[] = []
  const lists: string[] = []
  const pool = q.fullText ? q.pool : undefined
  const v = q.vector && { ...q.vector, literal: p(q.vector.literal) }
  const pooled = Boolean(pool && v && q.vector?.pooled)
  if (q.fullText) {
    ctes.push(
      pool
        ? poolCtes(
            {
              all: p(pool.all),
              rare: p(pool.rare),
              ...(pool.fill === pool.rare ? {} : { fill: { words: p(pool.fill), topUp: p(pool.topUp) } }),
              cap: p(pool.cap),
            },
            n,
            where,
            pooled ? v?.literal : undefined,
          )
        : plainTextCtes(p(q.text), n, where),
    )
    lists.push('SELECT id FROM text_hits')
  }
  if (v) {
    ctes.push(vectorCte(v.literal, n, p(String(v.efSearch)), p(v.iterativeScan), where, pooled))
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
