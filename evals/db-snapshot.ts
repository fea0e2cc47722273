/**
 * Puts a database back exactly as it was after the ledger was imported and indexed, so cases that
 * share a ledger can share one runtime and still each start on a fresh database: a new PGlite costs
 * about four seconds to initialise here, a restore a few milliseconds.
 *
 * A snapshot copies every table of the public schema (columns that are not generated), with the
 * sequences' positions. Restoring empties and refills the tables with their triggers off (the audit
 * table refuses DELETE and TRUNCATE, rightly, in the product), then resets the sequences.
 *
 * Where the time went, and why it is laid out so (250 held-out cases, 15 ledgers, 23 s):
 * - Every snapshot of a database keeps its rows in the same copy tables (schema `evals_kept`, one per
 *   public table, each row tagged with its snapshot), made once per database: a schema of tables
 *   per snapshot cost 100–300 ms of file creation in PGlite's in-memory file system for each ledger.
 * - The catalogue (tables, columns, sequences) is read once per database: 45 ms a snapshot.
 * - A case writes to a few tables (the dispute, its audit events, the conversation) and never to the
 *   ledger's: a statement trigger on every table notes which were written since the last restore,
 *   and restoring the snapshot the database already holds refills only those (refilling them all
 *   was about 8 ms of a case's 90).
 * - A restore is one statement, a call of a function made with the copy tables: sent as a script
 *   through `exec`, it made the driver drop every prepared statement (a script may change the schema),
 *   so each case prepared the product's statements again (1,200 held-out cases: 49.7 → 46.1 s).
 */
import type { Db } from '../src/adapters/store/db.ts'

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`

/** The schema of the copy tables and of the note of tables written. */
const KEPT = 'evals_kept'

export interface Snapshot {
  restore(): Promise<void>
  /** Frees the copy (its rows in the copy tables). */
  drop(): Promise<void>
  tables: string[]
}

interface TableCopy {
  table: string
  /** Quoted, in the table's order; generated columns left out. */
  columns: string[]
}

interface Keeper {
  copies: TableCopy[]
  sequences: string[]
  /** The snapshot the database holds now, as last restored or taken; none while unknown. */
  holding?: Snapshot
  next: number
}

const keepers = new WeakMap<Db, Promise<Keeper>>()

/** The copy tables, the note of tables written and its triggers, made once per database. */
async function keeperOf(db: Db): Promise<Keeper> {
  let keeper = keepers.get(db)
  if (!keeper) {
    keeper = prepare(db)
    keepers.set(db, keeper)
  }
  return keeper
}

async function prepare(db: Db): Promise<Keeper> {
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
  const sequences = (
    await db.query<{ name: string }>(
      "SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name)
  await db.exec(
    [
      `DROP SCHEMA IF EXISTS ${KEPT} CASCADE; CREATE SCHEMA ${KEPT};`,
      `CREATE TABLE ${KEPT}.written (name text PRIMARY KEY);`,
      `CREATE TABLE ${KEPT}.sequences (snap int, name text, last bigint, called boolean);`,
      `CREATE FUNCTION ${KEPT}.note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO ${KEPT}.written VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING; RETURN NULL; END $$;`,
      ...copies.flatMap((c) => [
        `CREATE TABLE ${KEPT}.${ident(c.table)} AS SELECT 0 AS evals_snap, ${c.columns.join(', ')} FROM public.${ident(c.table)} WHERE false;`,
        `CREATE TRIGGER evals_written AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.${ident(c.table)} FOR EACH STATEMENT EXECUTE FUNCTION ${KEPT}.note();`,
      ]),
      `CREATE TABLE ${KEPT}.copies (ord int PRIMARY KEY, name text NOT NULL, columns text NOT NULL);`,
      ...copies.map(
        (c, i) => `INSERT INTO ${KEPT}.copies VALUES (${i}, ${literal(c.table)}, ${literal(c.columns.join(', '))});`,
      ),
      // Puts back snapshot `snap_id`: every table, or (`everything` false) only those written since the last
      // restore. DELETE, not TRUNCATE: TRUNCATE gives each table new files, which PGlite's in-memory file
      // system makes the dearest part of a case; with triggers off DELETE empties the same way.
      // Triggers off table by table (DISABLE TRIGGER ALL: the audit table's refusal and the keys' checks),
      // not by session_replication_role: setting that role flushes every cached plan of the session, so
      // each case planned every statement of the product afresh; a table's DDL replans only the
      // statements on the tables refilled (310 held-out cases: the turns' statements took about a quarter
      // less, docs/performance.md round ten).
      `CREATE FUNCTION ${KEPT}.restore(snap_id int, everything boolean) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE c record;
        BEGIN
          FOR c IN SELECT k.name FROM ${KEPT}.copies k
            WHERE everything OR k.name IN (SELECT w.name FROM ${KEPT}.written w) ORDER BY k.ord LOOP
            EXECUTE format('ALTER TABLE public.%I DISABLE TRIGGER ALL', c.name);
            EXECUTE format('DELETE FROM public.%I', c.name);
          END LOOP;
          -- Each table's triggers back on once it is full: a table's own triggers never fire on another's rows.
          FOR c IN SELECT k.name, k.columns FROM ${KEPT}.copies k
            WHERE everything OR k.name IN (SELECT w.name FROM ${KEPT}.written w) ORDER BY k.ord LOOP
            EXECUTE format('INSERT INTO public.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM ${KEPT}.%I WHERE evals_snap = %s',
              c.name, c.columns, c.columns, c.name, snap_id);
            EXECUTE format('ALTER TABLE public.%I ENABLE TRIGGER ALL', c.name);
          END LOOP;
          PERFORM setval(format('public.%I', s.name), s.last, s.called) FROM ${KEPT}.sequences s WHERE s.snap = snap_id;
          DELETE FROM ${KEPT}.written;
        END $$;`,
    ].join('\n'),
  )
  return { copies, sequences, next: 1 }
}

/** Copies the database as it is now; restoring puts it back so. */
export async function snapshotDb(db: Db): Promise<Snapshot> {
  const keeper = await keeperOf(db)
  const { copies } = keeper
  const id = keeper.next++
  await db.transaction((tx) =>
    tx.exec(
      [
        ...copies.map(
          (c) =>
            `INSERT INTO ${KEPT}.${ident(c.table)} SELECT ${id}, ${c.columns.join(', ')} FROM public.${ident(c.table)};`,
        ),
        ...keeper.sequences.map(
          (name) =>
            `INSERT INTO ${KEPT}.sequences SELECT ${id}, ${literal(name)}, last_value, is_called FROM public.${ident(name)};`,
        ),
        // The database holds what was just copied; from here, only what a case writes differs.
        `DELETE FROM ${KEPT}.written;`,
      ].join('\n'),
    ),
  )

  const snapshot: Snapshot = {
    tables: copies.map((c) => c.table),
    async restore() {
      const held = keeper.holding === snapshot
      delete keeper.holding
      await db.query(`SELECT ${KEPT}.restore($1, $2)`, [id, !held])
      keeper.holding = snapshot
    },
    async drop() {
      if (keeper.holding === snapshot) delete keeper.holding
      await db.exec(
        [
          ...copies.map((c) => `DELETE FROM ${KEPT}.${ident(c.table)} WHERE evals_snap = ${id};`),
          `DELETE FROM ${KEPT}.sequences WHERE snap = ${id};`,
        ].join('\n'),
      )
    },
  }
  keeper.holding = snapshot
  return snapshot
}
