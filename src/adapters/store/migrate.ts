/**
 * Applies every *.sql file in migrations/ in lexical order, each once, each in its own transaction,
 * recorded in schema_migrations. Safe to run twice and from several processes starting together on
 * one database: every step that writes the schema holds a PostgreSQL advisory lock, and a migration
 * is checked again under it, so each runs once. With nothing pending it costs two statements and no
 * transaction.
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

/** Held for the rest of a transaction: instances starting together on one database take turns. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('dispute-desk:migrations'))"

export async function migrate(db: Db, migrations = loadMigrations()): Promise<{ applied: string[] }> {
  const present = await db.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
  // Two servers creating the table at once can both fail on the catalogue's unique index: under the lock.
  if (!present.rows[0]?.present) {
    await db.transaction(async (tx) => {
      await tx.query(LOCK)
      await tx.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      )
    })
  }
  const applied: string[] = []
  // Two statements when nothing is pending (every start but the first after an upgrade); each pending
  // migration is checked again under the lock, since another process may have applied it meanwhile.
  const seen = new Set((await db.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name))
  for (const m of migrations.filter((x) => !seen.has(x.name))) {
    const done = await db.transaction(async (tx) => {
      await tx.query(LOCK)
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
