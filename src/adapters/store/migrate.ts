/**
 * Applies every *.sql file in migrations/ in lexical order, each once, each in its own transaction,
 * recorded in schema_migrations. Safe to run twice and from two processes (an advisory lock). With
 * nothing pending it costs two statements and no transaction.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db } from './db.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))

export interface Migration {
  name: string
  sql: string
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(`${dir}/${name}`, 'utf8') }))
}

export async function migrate(db: Db, migrations = loadMigrations()): Promise<{ applied: string[] }> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  )
  const applied: string[] = []
  // One statement when nothing is pending (every start but the first after an upgrade); each pending
  // migration is checked again under the lock, since another process may have applied it meanwhile.
  const seen = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
  for (const m of migrations.filter((x) => !seen.has(x.name))) {
    const done = await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('dispute-desk:migrations'))")
      const seen = await tx.query('SELECT 1 FROM schema_migrations WHERE name = $1', [m.name])
      if (seen.rows.length) return false
      try {
        await tx.exec(m.sql)
      } catch (err) {
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err })
      }
      await tx.query('INSERT INTO schema_migrations (name) VALUES ($1)', [m.name])
      return true
    })
    if (done) applied.push(m.name)
  }
  return { applied }
}
