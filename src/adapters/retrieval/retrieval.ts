/**
 * Similar past disputes: full-text (tsvector, ts_rank) and cosine HNSW (pgvector) each return
 * candidates; reciprocal rank fusion merges them, then the same customer and the same reason get a
 * boost (or, as filters, restrict). Runs on PGlite and on PostgreSQL through `pg` alike; on a server
 * without pgvector (no embedding column, see migration 0100) it searches full text alone.
 */
import type { SimilarDispute } from '../../core/resolution.ts'
import type { Db } from '../store/db.ts'
import { type Embedder, toVectorLiteral } from './embedder.ts'
import { type Boosts, DEFAULT_BOOSTS, fuseAndBoost } from './fusion.ts'
import { bodyOf, type SearchDocument } from './search-document.ts'
import { lexemesOf, orOf, poolQueries, WordFrequencies } from './text-pool.ts'
import { type CandidateRow, candidateSql, rankedIds } from './search-sql.ts'
import { buildIndex, dropIndex, hasVectorColumn, readSettings, resetColumn, vectorExtension } from './vector-column.ts'

export type SearchMode = 'fused' | 'vector' | 'text'

export interface SearchQuery {
  text: string
  customerId?: string
  reasonCode?: string
  /** The dispute being investigated, so it never cites itself. */
  excludeId?: string
  limit?: number
  /** Restrict to the query's customer and/or reason instead of only boosting them. */
  filter?: { sameCustomer?: boolean; sameReason?: boolean }
  mode?: SearchMode
  /** Exact nearest neighbours (sequential scan) instead of HNSW: for benchmarks and checks. */
  exact?: boolean
}

export interface RetrievalOptions {
  /** Candidates each method contributes before fusion. */
  candidates?: number
  /**
   * hnsw.ef_search, fixed. By default it follows the candidates asked for, within pgvector's
   * 40..1000: 2 × n (100 for the usual 50) when the vector list also takes the full-text pool's
   * rows (`pooledVectors`, a fused search on a table over the cap), 16 × n (800) otherwise.
   * pgvector's default of 40 finds only ~0.8 of the exact top 10 at 100k past disputes, which
   * cluster densely around a few dozen situations; the pool's thousands of rows by exact distance
   * make up for a short walk (docs/retrieval.md).
   */
  efSearch?: number
  /**
   * Full-text rows read per pool branch, fixed (text-pool.ts). By default it follows the table:
   * 5 × √rows, at least 500 (500 at 10k rows, 1,581 at 100k). Recall follows the pool's size up to
   * a point: at 10k a 500-row pool ranks better than a 1,500-row one (0.829 against 0.819), at 100k
   * 1,500 rows better than 1,000 (0.839 against 0.820); docs/retrieval.md.
   */
  textCap?: number
  /**
   * The vector list is the nearest of HNSW's candidates and the full-text pool's rows together,
   * each pooled row's distance taken as it is read for ranking (default true; search-sql.ts).
   */
  pooledVectors?: boolean
  boosts?: Boosts
  /** Rows per INSERT when loading in bulk. */
  batchSize?: number
}

export type RetrievalStatus =
  | { code: 'ready'; embedder: string; dimension: number; documents: number }
  | { code: 'needs_reembed'; stored: string; current: string; documents: number }
  /** The server has no pgvector: similarity search ranks by full text alone. */
  | { code: 'text_only'; documents: number; message: string }

export const TEXT_ONLY_MESSAGE =
  'This PostgreSQL server has no pgvector extension: similar past disputes are found by full-text search alone. ' +
  'Install pgvector (e.g. `apt install postgresql-17-pgvector`), run `CREATE EXTENSION vector;` as a superuser, then `npm run reembed`.'

export interface Retrieval {
  upsert(docs: readonly SearchDocument[]): Promise<void>
  search(query: SearchQuery): Promise<SimilarDispute[]>
  /** Re-embeds every document with the current embedder, retyping the column and rebuilding the index. */
  reindex(onProgress?: (done: number, total: number) => void): Promise<{ documents: number; ms: number }>
  status(): Promise<RetrievalStatus>
  /** Bulk load: drops the HNSW graph and writes without maintaining it; call `buildIndex` after. */
  load(docs: readonly SearchDocument[]): Promise<void>
  buildIndex(): Promise<void>
  remove(ids: readonly string[]): Promise<void>
}

const ROWS_BY_ID = `SELECT id, customer_id, invoice_number, reason_code, opened_date, outcome, action, root_cause, summary,
  NULL AS text_rank, NULL AS vector_rank FROM search_documents WHERE id = ANY($1::text[])`

const COLUMNS = [
  'id',
  'customer_id',
  'invoice_number',
  'reason_code',
  'opened_date',
  'outcome',
  'action',
  'root_cause',
  'department',
  'summary',
  'body',
  'embedding',
] as const

const upsertSql = (cols: readonly string[]) => `
INSERT INTO search_documents (${cols.join(', ')}, embedder, updated_at)
SELECT ${cols.map((c) => (c === 'opened_date' ? 'opened_date::date' : c === 'embedding' ? 'embedding::vector' : c)).join(', ')},
       $${cols.length + 1}, now()
FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS t(${cols.join(', ')})
ON CONFLICT (id) DO UPDATE SET ${cols
  .filter((c) => c !== 'id')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ')}, embedder = EXCLUDED.embedder, updated_at = now()`
const UPSERT_SQL = upsertSql(COLUMNS)
const UPSERT_TEXT_SQL = upsertSql(COLUMNS.filter((c) => c !== 'embedding'))

const BULK_MIN = 200

/**
 * Fresh lexeme frequencies for the rare-word candidates (search-sql.ts) after a bulk write: PGlite
 * runs no autovacuum to keep them, and a server's may come minutes later.
 */
const analyze = (db: Db) => db.exec('ANALYZE search_documents')

export function createRetrieval(db: Db, embedder: Embedder, options: RetrievalOptions = {}): Retrieval {
  const candidates = options.candidates ?? 50
  const efFor = (n: number, pooled: boolean) =>
    Math.min(1000, Math.max(40, n, options.efSearch ?? (pooled ? 2 : 16) * n))
  const capFor = (rows: number) => options.textCap ?? Math.max(500, Math.round(5 * Math.sqrt(rows)))
  const pooledVectors = options.pooledVectors ?? true
  // The lexeme frequencies and the analysed row count, kept in the process (text-pool.ts).
  const words = new WordFrequencies(db)
  /** The full-text pool on a table larger than the cap; undefined: rank every match (search-sql.ts). */
  async function poolFor(text: string) {
    const stats = await words.get()
    const cap = capFor(stats.rows)
    // A pool of up to two caps would be half the table or more: ranking every match costs as much.
    if (stats.rows <= 4 * cap) return undefined
    const lexemes = await lexemesOf(db, text)
    const pool = poolQueries(lexemes, stats, cap)
    return pool && { ...pool, all: orOf(lexemes), cap }
  }
  const boosts = options.boosts ?? DEFAULT_BOOSTS
  const batchSize = options.batchSize ?? 500
  let vectorsUsable: Promise<boolean> | undefined
  let column: Promise<boolean> | undefined
  const hasColumn = () => {
    column ??= hasVectorColumn(db)
    return column
  }

  // An empty table adopts the current embedder silently; a filled one waits for `reindex`.
  async function checkVectors(): Promise<boolean> {
    if (!(await hasColumn())) return false
    const s = await readSettings(db)
    if (s.embedder === embedder.id && s.dimension === embedder.dimension) return true
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_documents')
    if ((n.rows[0]?.n ?? 0) > 0) return false
    await db.transaction(async (tx) => {
      await resetColumn(tx, { embedder: embedder.id, dimension: embedder.dimension })
      await buildIndex(tx)
    })
    return true
  }
  const usable = () => {
    vectorsUsable ??= checkVectors()
    return vectorsUsable
  }

  async function write(target: Db, docs: readonly SearchDocument[], withVectors: boolean): Promise<void> {
    for (let i = 0; i < docs.length; i += batchSize) {
      const batch = docs.slice(i, i + batchSize)
      const bodies = batch.map(bodyOf)
      const vectors = withVectors ? await embedder.embed(bodies) : batch.map(() => null)
      const textOnly = !(await hasColumn())
      const cols: (string | null)[][] = [
        batch.map((d) => d.id),
        batch.map((d) => d.customerId),
        batch.map((d) => d.invoiceNumber),
        batch.map((d) => d.reasonCode),
        batch.map((d) => d.openedDate),
        batch.map((d) => d.outcome),
        batch.map((d) => d.action),
        batch.map((d) => d.rootCause),
        batch.map((d) => d.department),
        batch.map((d) => d.summary),
        bodies,
        ...(textOnly ? [] : [vectors.map((v) => (v ? toVectorLiteral(v) : null))]),
      ]
      await target.query(textOnly ? UPSERT_TEXT_SQL : UPSERT_SQL, [...cols, withVectors ? embedder.id : null])
    }
  }

  /** The query's restrictions as conditions on search_documents `d`. */
  function filtersOf(q: SearchQuery): { sql: string; value: unknown }[] {
    return [
      ...(q.excludeId ? [{ sql: 'd.id <> ?', value: q.excludeId }] : []),
      ...(q.filter?.sameCustomer && q.customerId ? [{ sql: 'd.customer_id = ?', value: q.customerId }] : []),
      ...(q.filter?.sameReason && q.reasonCode ? [{ sql: 'd.reason_code = ?', value: q.reasonCode }] : []),
    ]
  }

  /** Exact nearest neighbours (a sequential scan): the planner setting needs its own transaction. */
  async function exactVectorIds(q: SearchQuery, literal: string, n: number): Promise<string[]> {
    const params: unknown[] = [literal, n]
    const where = filtersOf(q)
      .map((f) => ` AND ${f.sql.replace('?', `$${params.push(f.value)}`)}`)
      .join('')
    return db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_indexscan = off')
      const r = await tx.query<{ id: string }>(
        `SELECT d.id FROM search_documents d WHERE d.embedding IS NOT NULL${where} ORDER BY d.embedding <=> $1::vector LIMIT $2`,
        params,
      )
      return r.rows.map((row) => row.id)
    })
  }

  return {
    async upsert(docs) {
      if (docs.length === 0) return
      const vectors = await usable()
      // Without vectors there is no graph to rebuild: write as they come.
      if (!vectors || docs.length < BULK_MIN) return write(db, docs, vectors)
      const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_documents')
      // Inserting into the HNSW graph row by row costs about ten times a bulk build per row (PGlite,
      // 128-d): when the batch is a good share of the table, rebuild the graph once instead.
      if (docs.length * 8 < (n.rows[0]?.n ?? 0)) return write(db, docs, vectors)
      await db.transaction(async (tx) => {
        await dropIndex(tx)
        await write(tx, docs, vectors)
        await buildIndex(tx)
      })
      await analyze(db)
      words.stale()
    },

    async search(q) {
      const limit = q.limit ?? 5
      const mode = q.mode ?? 'fused'
      const n = Math.max(candidates, limit)
      const useVectors = mode !== 'text' && (await usable())
      const [v] = useVectors ? await embedder.embed([q.text]) : []
      const literal = v ? toVectorLiteral(v) : undefined
      const filters = filtersOf(q)
      // Exact search is for benchmarks and checks: a planner setting, so a statement of its own.
      const exactList = q.exact && literal ? await exactVectorIds(q, literal, n) : undefined
      const fullText = mode !== 'vector'
      const pool = fullText ? await poolFor(q.text) : undefined
      // The pooled rows' exact distances make up for a shorter HNSW walk (efFor).
      const pooled = Boolean(pool && literal && !exactList && pooledVectors)
      const vector =
        literal && !exactList
          ? {
              literal,
              efSearch: efFor(n, pooled),
              // Filters are applied after the graph walk; iterative scans keep walking until enough rows pass.
              iterativeScan: filters.length ? ('relaxed_order' as const) : ('off' as const),
              pooled,
            }
          : undefined
      let rows: CandidateRow[] = []
      if (fullText || vector) {
        const { sql, params } = candidateSql({
          text: q.text,
          n,
          fullText,
          filters,
          ...(pool ? { pool } : {}),
          ...(vector ? { vector } : {}),
        })
        // Planned for its own words, pool and k on every call: a generic plan of it ran 2.5× slower.
        rows = (await db.query<CandidateRow>(sql, params, { prepare: false })).rows
      }
      const missing = (exactList ?? []).filter((id) => !rows.some((row) => row.id === id))
      if (missing.length) rows.push(...(await db.query<CandidateRow>(ROWS_BY_ID, [missing])).rows)
      const lists = [rankedIds(rows, 'text_rank'), exactList ?? rankedIds(rows, 'vector_rank')]
      const byId = new Map(
        rows.map((row) => [row.id, { ...row, customerId: row.customer_id, reasonCode: row.reason_code }]),
      )
      return fuseAndBoost(lists, byId, q, boosts)
        .slice(0, limit)
        .map(({ row, score }) => ({
          id: row.id,
          customerId: row.customer_id,
          invoiceNumber: row.invoice_number,
          reasonCode: row.reason_code as SimilarDispute['reasonCode'],
          openedDate: String(row.opened_date),
          outcome: row.outcome as SimilarDispute['outcome'],
          action: row.action as SimilarDispute['action'],
          rootCause: row.root_cause,
          summary: row.summary,
          score: Number(score.toFixed(6)),
        }))
    },

    async reindex(onProgress) {
      if (!(await hasColumn()) && !(await vectorExtension(db))) throw new Error(TEXT_ONLY_MESSAGE)
      const started = performance.now()
      const settings = { embedder: embedder.id, dimension: embedder.dimension }
      const all = await db.query<{ id: string; body: string }>('SELECT id, body FROM search_documents ORDER BY id')
      await db.transaction(async (tx) => {
        await resetColumn(tx, settings)
        for (let i = 0; i < all.rows.length; i += batchSize) {
          const batch = all.rows.slice(i, i + batchSize)
          const vectors = await embedder.embed(batch.map((b) => b.body))
          await tx.query(
            `UPDATE search_documents d SET embedding = t.e::vector, embedder = $3
             FROM unnest($1::text[], $2::text[]) AS t(id, e) WHERE d.id = t.id`,
            [batch.map((b) => b.id), vectors.map(toVectorLiteral), embedder.id],
          )
          onProgress?.(Math.min(i + batchSize, all.rows.length), all.rows.length)
        }
        await buildIndex(tx)
      })
      vectorsUsable = Promise.resolve(true)
      column = Promise.resolve(true)
      return { documents: all.rows.length, ms: Math.round(performance.now() - started) }
    },

    async status() {
      const s = await readSettings(db)
      const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_documents')
      const documents = n.rows[0]?.n ?? 0
      if (!(await hasColumn())) return { code: 'text_only', documents, message: TEXT_ONLY_MESSAGE }
      if (s.embedder === embedder.id && s.dimension === embedder.dimension) {
        return { code: 'ready', embedder: s.embedder, dimension: s.dimension, documents }
      }
      return { code: 'needs_reembed', stored: s.embedder, current: embedder.id, documents }
    },

    async load(docs) {
      const vectors = await usable()
      if (!(await hasColumn())) return write(db, docs, false)
      await dropIndex(db)
      await write(db, docs, vectors)
    },

    buildIndex: async () => {
      if (await hasColumn()) await buildIndex(db)
      await analyze(db)
      words.stale()
    },

    async remove(ids) {
      await db.query('DELETE FROM search_documents WHERE id = ANY($1::text[])', [[...ids]])
    },
  }
}
