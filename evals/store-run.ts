/**
 * Keeps every run in the product database (store.evalRuns), so the leads' dashboard
 * (/api/evals/runs) shows the pass rate over time and each failing check.
 *
 * The evals CLI writes to the database the configuration names (DATABASE_URL, else the
 * DISPUTE_DESK_DATA folder). A running server holds the folder's lock; then the run is parked as a
 * JSON file in `<data folder>/eval-runs-pending/`, which the server saves before it lists runs
 * (and the next run that can open the folder saves too).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { OpenDbError, openDb } from '../src/adapters/store/open-db.ts'
import { flushParkedRuns, PENDING_FOLDER } from '../src/adapters/store/parked-eval-runs.ts'
import { createStore } from '../src/adapters/store/store.ts'
import type { Config } from '../src/config.ts'
import type { EvalRunRecord, EvalRunRepository } from '../src/services/ports.ts'
import type { RunReport } from './run-evals.ts'

type NewRun = Omit<EvalRunRecord, 'id'>

export function runRecord(report: RunReport): NewRun {
  return {
    startedAt: report.startedAt,
    engine: report.engine,
    commit: report.commit,
    report,
    passRate: report.passRate,
  }
}

export type StoreOutcome =
  | { stored: true; id: string; flushed: number }
  | { stored: false; reason: string; pendingFile?: string }

export { PENDING_FOLDER }

/** Saves the parked runs first (oldest first), then this one. */
export async function saveRun(
  repo: EvalRunRepository,
  run: NewRun,
  pendingDir?: string,
): Promise<{ id: string; flushed: number }> {
  const flushed = pendingDir ? await flushParkedRuns(repo, pendingDir) : 0
  const saved = await repo.save(run)
  return { id: saved.id, flushed }
}

export async function storeRun(report: RunReport, config: Config): Promise<StoreOutcome> {
  if (!config.databaseUrl && config.dataDir === 'memory') {
    return { stored: false, reason: 'the configured database is in memory (DISPUTE_DESK_DATA=memory)' }
  }
  const pendingDir = config.databaseUrl ? undefined : join(config.dataDir, PENDING_FOLDER)
  const run = runRecord(report)
  let db: Awaited<ReturnType<typeof openDb>>
  try {
    db = await openDb({
      dataDir: config.dataDir,
      thread: config.dbThread,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    })
  } catch (err) {
    if (err instanceof OpenDbError && err.code === 'data_folder_locked' && pendingDir) {
      mkdirSync(pendingDir, { recursive: true })
      const file = join(pendingDir, `${report.startedAt.replace(/[:.]/g, '-')}-${process.pid}.json`)
      writeFileSync(file, `${JSON.stringify(run)}\n`)
      return { stored: false, reason: err.message, pendingFile: file }
    }
    return { stored: false, reason: err instanceof Error ? err.message : String(err) }
  }
  try {
    const saved = await saveRun(createStore(db).evalRuns, run, pendingDir)
    return { stored: true, ...saved }
  } finally {
    await db.close()
  }
}
