import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireLock } from '../src/adapters/store/data-lock.ts'
import { openDb } from '../src/adapters/store/open-db.ts'
import { createStore } from '../src/adapters/store/store.ts'
import { parseConfig } from '../src/config.ts'
import { summarise } from './case-schema.ts'
import type { RunReport } from './run-evals.ts'
import { PENDING_FOLDER, storeRun } from './store-run.ts'

const report = (startedAt: string, passed: boolean): RunReport => {
  const cases = [
    {
      id: 'c1',
      passed,
      ms: 5,
      checks: [{ name: 'action', passed, expected: 'credit_memo', actual: passed ? 'credit_memo' : 'no_adjustment' }],
    },
  ]
  return { ...summarise('embedded', cases), cases, startedAt, commit: 'a'.repeat(40), ms: 9, passRate: passed ? 1 : 0 }
}

const configFor = (dataDir: string) => {
  const c = parseConfig({ DISPUTE_DESK_DATA: dataDir })
  if (!c.ok) throw new Error(c.errors.join())
  return c.config
}

describe('storeRun', () => {
  it('does nothing for an in-memory configuration and says why', async () => {
    expect(await storeRun(report('2026-03-15T10:00:00.000Z', true), configFor('memory'))).toEqual({
      stored: false,
      reason: 'the configured database is in memory (DISPUTE_DESK_DATA=memory)',
    })
  })

  it('parks the run while a server holds the data folder, then saves both runs once it can open it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evals-store-'))
    const lock = acquireLock(dir)
    if (!lock.ok) throw new Error(lock.message)
    const parked = await storeRun(report('2026-03-15T10:00:00.000Z', false), configFor(dir))
    expect(parked.stored).toBe(false)
    expect(parked.stored === false && parked.pendingFile && existsSync(parked.pendingFile)).toBe(true)
    lock.release()

    const saved = await storeRun(report('2026-03-16T10:00:00.000Z', true), configFor(dir))
    expect(saved).toMatchObject({ stored: true, flushed: 1 })
    expect(readdirSync(join(dir, PENDING_FOLDER))).toEqual([])

    const db = await openDb({ dataDir: dir })
    try {
      const runs = await createStore(db).evalRuns.list()
      expect(runs.items.map((r) => [r.startedAt.slice(0, 10), r.engine, r.passRate, r.commit?.slice(0, 4)])).toEqual([
        ['2026-03-16', 'embedded', 1, 'aaaa'],
        ['2026-03-15', 'embedded', 0, 'aaaa'],
      ])
      const first = await createStore(db).evalRuns.get(runs.items[1]?.id ?? '')
      expect((first?.report as RunReport | undefined)?.cases[0]?.checks[0]).toEqual({
        name: 'action',
        passed: false,
        expected: 'credit_memo',
        actual: 'no_adjustment',
      })
    } finally {
      await db.close()
    }
  })
})
