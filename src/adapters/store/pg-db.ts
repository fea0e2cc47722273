/** The `pg` driver: a real PostgreSQL (or PGlite served over the wire in tests). */
import pg from 'pg'
import type { Db, QueryResult } from './db.ts'
import { textParsers } from './type-parsers.ts'

const types = {
  getTypeParser: ((oid: number, format?: string) => {
    const mine = textParsers[oid]
    if (mine && format !== 'binary') return mine
    return pg.types.getTypeParser(oid, format as 'text')
  }) as typeof pg.types.getTypeParser,
}

function clientDb(client: pg.PoolClient): Db {
  const self: Db = {
    driver: 'pg',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await client.query(sql, params as unknown[])
      return { rows: r.rows as T[] }
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql)
    },
    transaction: (fn) => fn(self),
    close: async () => {},
  }
  return self
}

export interface PgDbOptions {
  connectionString: string
  /** Pool size. Tests over pglite-socket use 1: PGlite has a single session behind the socket. */
  max?: number
  /** The socket each connection uses, when not the driver's own (the Worker coalesces its writes). */
  stream?: pg.PoolConfig['stream']
}

export function pgDb(options: PgDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    ...(options.stream ? { stream: options.stream } : {}),
  })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  return {
    driver: 'pg',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await pool.query(sql, params as unknown[])
      return { rows: r.rows as T[] }
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql)
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const out = await fn(clientDb(client))
        await client.query('COMMIT')
        return out
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
}
