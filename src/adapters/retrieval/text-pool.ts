/**
 * The full-text candidate pool at scale, chosen in the process instead of in SQL. An OR of a query's
 * words matches most of a large table, so search-sql.ts ranks only a pool: the query's words are
 * taken rarest first until the rows they are expected to match fill `cap` (the words that fit whole
 * give all their rows, the word that crosses the cap tops the pool up).
 *
 * The frequencies are the lexeme frequencies ANALYZE keeps for the tsvector column
 * (`pg_stats.most_common_elems`). Reading and unnesting them in every search cost a planned join
 * over five catalogs and ~400 rows a query; they change only when the table is analysed, so the
 * process keeps them (`WordFrequencies`) and re-reads them after its own bulk writes and when the
 * analysed row count it checks once a minute has moved (another instance loaded in bulk).
 */
import type { Db } from '../store/db.ts'

export interface WordStats {
  /** Rows the planner last counted (pg_class.reltuples); 0 when never analysed. */
  rows: number
  /** Lexeme → share of rows containing it, for the lexemes ANALYZE found common. */
  freq: ReadonlyMap<string, number>
}

export interface PoolQueries {
  /** The words that fit the cap whole: every row they match is in the pool. */
  rare: string
  /** `rare` plus the word that fills the pool (equal to `rare` when none is needed): ranks again. */
  fill: string
  /**
   * The rows that top the pool up: the filling word together with a more common word of the query.
   * The cap takes them in storage order, so a row holding the filling word alone (one shared word)
   * would take the place of one that shares two: at 100k, recall@5 0.830 → 0.839 for the same cost.
   */
  topUp: string
}

/** A tsquery literal: an OR of lexemes taken as they are (no parser, no dictionary). */
export function orOf(words: readonly string[]): string {
  return words.map((w) => `'${w.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' | ')
}

/**
 * The pool's two queries for the query's lexemes, or undefined when there are none. A lexeme the
 * statistics do not list is rarer than every one they do (frequency 0). Ties break by the lexeme,
 * so the same query always draws the same pool.
 */
export function poolQueries(lexemes: readonly string[], stats: WordStats, cap: number): PoolQueries | undefined {
  const n = Math.max(stats.rows, 1)
  const byRarity = [...new Set(lexemes)]
    .map((w) => ({ w, f: stats.freq.get(w) ?? 0 }))
    .sort((a, b) => a.f - b.f || (a.w < b.w ? -1 : a.w > b.w ? 1 : 0))
  const rare: string[] = []
  const fill: string[] = []
  let upto = 0
  for (const [i, { w, f }] of byRarity.entries()) {
    const before = upto
    upto += f
    const fits = i === 0 || upto * n <= cap || n <= cap
    if (fits) rare.push(w)
    if (fits || before * n < cap) fill.push(w)
  }
  if (rare.length === 0) return undefined
  const filling = fill.filter((w) => !rare.includes(w))
  const commoner = byRarity.map((x) => x.w).filter((w) => !fill.includes(w))
  const topUp = filling.length && commoner.length ? `(${orOf(filling)}) & (${orOf(commoner)})` : orOf(fill)
  return { rare: orOf(rare), fill: orOf(fill), topUp }
}

const STATS_SQL = `SELECT s.most_common_elems::text::text[] AS words, s.most_common_elem_freqs AS freqs
FROM pg_stats s
WHERE s.schemaname = current_schema() AND s.tablename = 'search_documents' AND s.attname = 'tsv'`

const ROWS_SQL = "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'search_documents'::regclass"

const LEXEMES_SQL = "SELECT tsvector_to_array(to_tsvector('english', $1)) AS words"

/** The query's lexemes as the tsvector column would hold them (english configuration). */
export async function lexemesOf(db: Db, text: string): Promise<string[]> {
  const r = await db.query<{ words: string[] | string | null }>(LEXEMES_SQL, [text])
  return arrayOf(r.rows[0]?.words)
}

// PGlite returns text[] as an array; a driver without the array parser gives '{a,b}'.
function arrayOf(v: string[] | string | null | undefined): string[] {
  if (Array.isArray(v)) return v
  if (!v || v === '{}') return []
  return v
    .slice(1, -1)
    .match(/"(?:[^"\\]|\\.)*"|[^,]+/g)
    ?.map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s)) as string[]
}

const numbersOf = (v: number[] | string | null | undefined): number[] =>
  Array.isArray(v) ? v.map(Number) : arrayOf(v ?? null).map(Number)

/** The frequencies, kept in the process; `stale()` after a write that analysed the table. */
export class WordFrequencies {
  #stats: Promise<WordStats> | undefined
  #checkedAt = 0
  readonly #db: Db
  readonly #recheckMs: number

  constructor(db: Db, recheckMs = 60_000) {
    this.#db = db
    this.#recheckMs = recheckMs
  }

  /** Forget them: the next search reads them again. */
  stale(): void {
    this.#stats = undefined
  }

  async get(): Promise<WordStats> {
    const now = Date.now()
    if (this.#stats && now - this.#checkedAt > this.#recheckMs) {
      // Cheap check: one catalog row. A bulk load by another instance re-analyses and moves it.
      this.#checkedAt = now
      const [held, rows] = await Promise.all([this.#stats, this.#rows()])
      if (rows !== held.rows) this.#stats = undefined
    }
    if (!this.#stats) {
      this.#checkedAt = now
      this.#stats = this.#read()
      this.#stats.catch(() => this.stale())
    }
    return this.#stats
  }

  async #rows(): Promise<number> {
    const r = await this.#db.query<{ n: number }>(ROWS_SQL)
    return Math.max(0, Number(r.rows[0]?.n ?? 0))
  }

  async #read(): Promise<WordStats> {
    const rows = await this.#rows()
    const r = await this.#db.query<{ words: string[] | string | null; freqs: number[] | string | null }>(STATS_SQL)
    const words = arrayOf(r.rows[0]?.words)
    const freqs = numbersOf(r.rows[0]?.freqs)
    const freq = new Map<string, number>()
    // most_common_elem_freqs carries three extra numbers after the per-word ones (min, max, nulls).
    words.forEach((w, i) => {
      const f = freqs[i]
      if (f !== undefined) freq.set(w, f)
    })
    return { rows, freq }
  }
}
