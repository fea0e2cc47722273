/**
 * The command-line tools' start: parse the environment and open the configured database, or say
 * what is wrong (a bad variable: exit code 2; a folder in use or an unreachable server: 1).
 */
import type { Db } from '../adapters/store/db.ts'
import { OpenDbError, openDb } from '../adapters/store/open-db.ts'
import { type Config, parseConfig } from '../config.ts'

export type Opened = { ok: true; db: Db; config: Config } | { ok: false; exitCode: 1 | 2; message: string }

export async function openConfiguredDb(env: Record<string, string | undefined>): Promise<Opened> {
  const cfg = parseConfig(env)
  if (!cfg.ok) return { ok: false, exitCode: 2, message: cfg.errors.join('\n') }
  try {
    const db = await openDb({
      dataDir: cfg.config.dataDir,
      databaseUrl: cfg.config.databaseUrl,
      thread: cfg.config.dbThread,
    })
    return { ok: true, db, config: cfg.config }
  } catch (err) {
    if (err instanceof OpenDbError) return { ok: false, exitCode: 1, message: err.message }
    throw err
  }
}
