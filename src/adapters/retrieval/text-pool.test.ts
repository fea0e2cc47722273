import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../store/db.ts'
import { memoryDb } from '../store/testing.ts'
import { lexemesOf, orOf, poolQueries, WordFrequencies, type WordStats } from './text-pool.ts'

// Invented frequencies over 10,000 rows: 'forklift' in 50 rows, 'pallet' in 300, 'crush' in 900,
// 'invoic' in 6,000; 'dock' is rarer than anything the statistics list.
const STATS: WordStats = {
  rows: 10_000,
  freq: new Map([
    ['forklift', 0.005],
    ['pallet', 0.03],
    ['crush', 0.09],
    ['invoic', 0.6],
  ]),
}

describe('the full-text pool', () => {
  it('takes words rarest first while their rows fit the cap, and the next word fills it', () => {
    // dock 0 + forklift 50 + pallet 300 = 350 rows fit 1,000; crush would make 1,250: it fills.
    const pool = poolQueries(['invoic', 'crush', 'pallet', 'forklift', 'dock'], STATS, 1000)
    expect(pool).toEqual({
      rare: "'dock' | 'forklift' | 'pallet'",
      fill: "'dock' | 'forklift' | 'pallet' | 'crush'",
      // The rows that top it up hold the filling word and a more common one.
      topUp: "('crush') & ('invoic')",
    })
  })

  it('needs no filling word when every word fits, and takes every word on a table under the cap', () => {
    expect(poolQueries(['pallet', 'forklift'], STATS, 1000)).toEqual({
      rare: "'forklift' | 'pallet'",
      fill: "'forklift' | 'pallet'",
      topUp: "'forklift' | 'pallet'",
    })
    const small = { ...STATS, rows: 800 }
    expect(poolQueries(['invoic', 'crush'], small, 1000)?.rare).toBe("'crush' | 'invoic'")
  })

  it('always takes the rarest word, even when it alone overflows the cap, and nothing after it', () => {
    expect(poolQueries(['invoic', 'crush'], STATS, 100)).toEqual({ rare: "'crush'", fill: "'crush'", topUp: "'crush'" })
  })

  it('has no pool without words, and quotes lexemes as tsquery literals', () => {
    expect(poolQueries([], STATS, 1000)).toBeUndefined()
    expect(orOf(["o'brien", 'a\\b'])).toBe("'o''brien' | 'a\\\\b'")
  })
})

const insert = (db: Db, bodies: readonly string[], from = 0) =>
  db.query(
    `INSERT INTO search_documents (id, customer_id, reason_code, opened_date, summary, body)
     SELECT 'W' || (n + $2), 'C-1', 'other', '2024-01-01', 'a summary', b FROM unnest($1::text[]) WITH ORDINALITY AS t(b, n)`,
    [bodies, from],
  )

describe('word frequencies kept in the process', () => {
  let db: Db
  beforeAll(async () => {
    db = await memoryDb()
  })
  afterAll(async () => {
    await db.close()
  })

  it('reads the analysed frequencies once, and again when told they are stale or the table was re-analysed', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) =>
      i < 30 ? `Late fee charged on invoice ${i}` : `Forklift crushed pallet ${i}`,
    )
    await insert(db, bodies)
    const statements: string[] = []
    const counted: Db = {
      ...db,
      query: (sql, params) => {
        statements.push(sql)
        return db.query(sql, params)
      },
    }
    const words = new WordFrequencies(counted, 0)
    expect((await words.get()).rows).toBe(0) // never analysed: no frequencies, no pool

    await db.exec('ANALYZE search_documents')
    words.stale()
    const stats = await words.get()
    expect(stats.rows).toBe(40)
    expect(stats.freq.get('fee')).toBeCloseTo(0.75, 2)
    expect(stats.freq.get('forklift')).toBeCloseTo(0.25, 2)

    // With a recheck interval of 0 every get() checks the row count: unchanged, nothing re-read.
    statements.length = 0
    await words.get()
    expect(statements.filter((s) => s.includes('pg_stats'))).toHaveLength(0)
    // Another writer loads and analyses: the count moved, the frequencies are read again.
    await insert(db, ['Dock surcharge'], 40)
    await db.exec('ANALYZE search_documents')
    expect((await words.get()).rows).toBe(41)
    expect(statements.filter((s) => s.includes('pg_stats'))).toHaveLength(1)
  })

  it("gives a text's lexemes as the tsvector column holds them", async () => {
    expect((await lexemesOf(db, 'The pallets were crushed by a forklift')).sort()).toEqual([
      'crush',
      'forklift',
      'pallet',
    ])
    expect(await lexemesOf(db, 'the and of')).toEqual([])
  })
})
