/**
 * The one SQL seam. Two drivers implement it: PGlite (embedded, the default) and `pg` (a real
 * PostgreSQL, or PGlite served over the wire in tests). Repositories are written once against it.
 */
import type { AuditAnchor } from './audit-anchor.ts'

export interface QueryResult<T> {
  rows: T[]
}

export interface Db {
  readonly driver: 'pglite' | 'pg'
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>
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
