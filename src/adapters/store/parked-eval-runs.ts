/**
 * Eval runs parked while another process held the data folder. The evals CLI cannot open a folder
 * a running server has locked, so it leaves each run as a JSON file in `<data folder>/eval-runs-pending/`;
 * whoever holds the database saves them: the server before it lists runs, the next CLI run first.
 */
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { EvalRunRecord, EvalRunRepository } from '../../services/ports.ts'

export const PENDING_FOLDER = 'eval-runs-pending'

/** Saves every parked run, oldest first; returns how many. A file is claimed by renaming it, so two
 *  concurrent flushes never save the same run twice. */
export async function flushParkedRuns(repo: EvalRunRepository, pendingDir: string): Promise<number> {
  let files: string[] = []
  try {
    files = readdirSync(pendingDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  } catch {
    return 0 // no folder: nothing parked
  }
  let flushed = 0
  for (const file of files) {
    const path = join(pendingDir, file)
    const taken = `${path}.${process.pid}.saving`
    try {
      renameSync(path, taken)
    } catch {
      continue // another flush took it
    }
    await repo.save(JSON.parse(readFileSync(taken, 'utf8')) as Omit<EvalRunRecord, 'id'>)
    rmSync(taken)
    flushed++
  }
  return flushed
}

/** The repository a server serves: runs parked by the CLI are saved before each list. */
export function withParkedRuns(repo: EvalRunRepository, dataDir: string): EvalRunRepository {
  const pendingDir = join(dataDir, PENDING_FOLDER)
  return {
    ...repo,
    async list(page) {
      await flushParkedRuns(repo, pendingDir)
      return repo.list(page)
    },
    async get(id) {
      await flushParkedRuns(repo, pendingDir)
      return repo.get(id)
    },
  }
}
