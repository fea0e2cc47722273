/**
 * Puts a database back exactly as it was after the ledger was imported and indexed, so cases that
 * share a ledger can share one runtime and still each start on a fresh database: a new PGlite costs
 * about four seconds to initialise here, a restore a few milliseconds.
 *
 * The snapshot copies every table of the public schema (columns that are not generated) into a
 * schema of its own, with the sequences' positions. Restoring truncates and refills the tables with
 * triggers off (the audit table refuses TRUNCATE, rightly, in the product), then resets sequences.
 */
import type { Db } from '../src/adapters/store/db.ts'

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`

interface TableCopy {
  table: string
  columns: string[]
}

export interface Snapshot {
  restore(): Promise<void>
  /** Frees the copy (its schema). */
  drop(): Promise<void>
  tables: string[]
}

/** `schema`: where the copy is kept; several snapshots of one database need a schema each. */
export async function snapshotDb(db: Db, schema = 'evals_snapshot'): Promise<Snapshot> {
  const kept = ident(schema)
  const tables = (
    await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  ).rows.map((r) => r.table_name)
  // One catalogue query for every table's columns: information_schema is slow to ask table by table.
  const columnRows = (
    await db.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position",
    )
  ).rows
  const copies: TableCopy[] = tables.map((table) => ({
    table,
    columns: columnRows.filter((r) => r.table_name === table).map((r) => ident(r.column_name)),
  }))
  await db.exec(
    [
      `DROP SCHEMA IF EXISTS ${kept} CASCADE; CREATE SCHEMA ${kept};`,
      ...copies.map(
        (c) =>
          `CREATE TABLE ${kept}.${ident(c.table)} AS SELECT ${c.columns.join(', ')} FROM public.${ident(c.table)};`,
      ),
    ].join('\n'),
  )
  const sequences = (
    await db.query<{ name: string }>(
      "SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public'",
    )
  ).rows.map((r) => r.name)
  const positions: { name: string; last: string; called: boolean }[] = []
  for (const name of sequences) {
    const r = await db.query<{ last_value: string | number; is_called: boolean }>(
      `SELECT last_value, is_called FROM public.${ident(name)}`,
    )
    const row = r.rows[0]
    if (row) positions.push({ name, last: String(row.last_value), called: row.is_called })
  }

  const restoreSql = [
    'SET session_replication_role = replica;',
    // DELETE, not TRUNCATE: TRUNCATE gives each table new files, which PGlite's in-memory file system
    // makes the dearest part of a case; with triggers off (replica role) DELETE empties the same way.
    ...copies.map((c) => `DELETE FROM public.${ident(c.table)};`),
    ...copies.map(
      (c) =>
        `INSERT INTO public.${ident(c.table)} (${c.columns.join(', ')}) OVERRIDING SYSTEM VALUE SELECT ${c.columns.join(', ')} FROM ${kept}.${ident(c.table)};`,
    ),
    ...positions.map(
      (p) => `SELECT setval('public.${ident(p.name).replace(/'/g, "''")}', ${Number(p.last)}, ${p.called});`,
    ),
    'SET session_replication_role = origin;',
  ].join('\n')

  return {
    tables,
    async restore() {
      await db.transaction((tx) => tx.exec(restoreSql))
    },
    async drop() {
      await db.exec(`DROP SCHEMA IF EXISTS ${kept} CASCADE`)
    },
  }
}
