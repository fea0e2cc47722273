import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../config.ts'
import { createRuntime } from '../../runtime.ts'
import { PENDING_FOLDER } from './parked-eval-runs.ts'
import { memoryDb } from './testing.ts'

describe('eval runs parked while the server holds the data folder', () => {
  it('are listed by the running server (and saved once)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parked-runs-'))
    const parsed = parseConfig({ DISPUTE_DESK_DATA: dir, DISPUTE_DESK_EMPTY: '1', DISPUTE_DESK_TODAY: '2026-03-15' })
    if (!parsed.ok) throw new Error(parsed.errors.join())
    const runtime = await createRuntime(parsed.config, { db: await memoryDb() })
    try {
      // What `npm run evals` leaves when the folder is locked (evals/store-run.ts).
      mkdirSync(join(dir, PENDING_FOLDER), { recursive: true })
      const run = { startedAt: '2026-03-15T10:00:00.000Z', engine: 'embedded', commit: null, report: {}, passRate: 1 }
      writeFileSync(join(dir, PENDING_FOLDER, '2026-03-15T10-00-00-000Z-1.json'), JSON.stringify(run))
      const listed = await runtime.store.evalRuns.list()
      expect(listed.items).toMatchObject([{ engine: 'embedded', passRate: 1 }])
      expect((await runtime.store.evalRuns.list()).total).toBe(1)
      expect(readdirSync(join(dir, PENDING_FOLDER))).toEqual([])
    } finally {
      await runtime.close()
    }
  })
})
