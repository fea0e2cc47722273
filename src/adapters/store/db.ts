/**
 * The one SQL seam. Two drivers implement it: PGlite (embedded, the default) and `pg` (a real
 * PostgreSQL, or PGlite served over the wire in tests). Repositories are written once against it.
 */
import type { AuditAnchor } from './audit-anchor.ts'

export interface QueryResult<T> {
  rows: T[]
}

export interface QueryOptions {
  /**
   * Both drivers prepare a statement the second time its text is sent (once per connection): it is
   * parsed once, and PostgreSQL may then keep one generic plan for it. `false` sends it unprepared,
   * planned for its own parameters on every call: for a statement whose best plan depends on them
   * (the similar-dispute search: a generic plan of it ran 2.5× slower).
   */
  readonly prepare?: boolean
}

/**
 * A statement that can change a table's columns: never prepared, and both drivers prepare every
 * statement afresh after one (and after `exec`, which runs the migrations), so none is bound to a
 * table's old columns.
 */
export const changesSchema = (sql: string): boolean => /^\s*(ALTER|CREATE|DROP)\b/i.test(sql)

export interface Db {
  readonly driver: 'pglite' | 'pg'
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>>
  /** Runs several statements (migrations). No parameters. */
  exec(sql: string): Promise<void>
  /**
   * Runs `fn` in one transaction on one connection; concurrent callers are serialised (PGlite has a
   * single connection), so requests never interleave inside a transaction.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  close(): Promise<void>
  /** The audit chain's external anchor, when this database has one (see audit-anchor.ts). */
  readonly anchor?: AnchorLink
}

/** What appendEvent tells the anchor; the transaction wrapper confirms the last event after commit. */
export interface AnchorLink {
  readonly log: AuditAnchor
  /** Called before commit: the event (seq, hash) is about to be part of the chain. */
  announce(seq: number, hash: string): void
}
