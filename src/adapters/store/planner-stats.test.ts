import { describe, expect, it } from 'vitest'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { analyzeLedgerIfNever } from './planner-stats.ts'
import { createStore } from './store.ts'
import { memoryDb } from './testing.ts'

const admin = { id: 'system', name: 'Import', role: 'admin' as const }
const analyzed = async (db: Awaited<ReturnType<typeof memoryDb>>) =>
  (await db.query("SELECT 1 FROM pg_stats WHERE schemaname = 'public' AND tablename = 'invoices'")).rows.length > 0

describe('planner statistics on PGlite (no autovacuum)', () => {
  it('an import that adds rows leaves the ledger tables analyzed', async () => {
    const db = await memoryDb()
    try {
      expect(await analyzed(db)).toBe(false)
      await createStore(db).imports.importLedger(exampleLedger(), admin)
      expect(await analyzed(db)).toBe(true)
      expect(await analyzeLedgerIfNever(db)).toBe(false)
    } finally {
      await db.close()
    }
  })

  it('a folder with rows and no statistics is analyzed once; an empty one is not', async () => {
    const db = await memoryDb()
    try {
      expect(await analyzeLedgerIfNever(db)).toBe(false)
      await createStore(db).imports.importLedger(exampleLedger(), admin)
      // As a folder imported before imports analyzed: rows, and no statistics.
      await db.exec("DELETE FROM pg_statistic WHERE starelid = 'invoices'::regclass")
      expect(await analyzed(db)).toBe(false)
      expect(await analyzeLedgerIfNever(db)).toBe(true)
      expect(await analyzed(db)).toBe(true)
    } finally {
      await db.close()
    }
  })
})
