/** The `pg` driver: a real PostgreSQL (or PGlite served over the wire in tests). */
import pg from 'pg'
import { changesSchema, type Db, type QueryOptions, type QueryResult } from './db.ts'
import { textParsers } from './type-parsers.ts'

const types = {
  getTypeParser: ((oid: number, format?: string) => {
    const mine = textParsers[oid]
    if (mine && format !== 'binary') return mine
    return pg.types.getTypeParser(oid, format as 'text')
  }) as typeof pg.types.getTypeParser,
}

/** A statement is prepared the second time its text is sent: one-offs (DDL, migrations) are not. */
const PREPARE_AT = 2
/** Per connection; later statements run unprepared (texts built with literals). */
const MAX_PREPARED = 400
/** The sighting counts are forgotten past this many texts, so they stay bounded too. */
const MAX_SEEN = 4000
/** SQLSTATE 0A000 with this text: a table the statement reads changed its columns (a migration). */
const RESULT_TYPE_CHANGED = 'cached plan must not change result type'

/**
 * Named statements, per connection: `pg` parses a named statement once per connection and only
 * binds it after that. Names are unique in the process, not reused per connection: a server session
 * can outlive a `pg` client behind a proxy that keeps sessions (PGlite's socket server does), and a
 * new client reusing a name would find it taken.
 */
class NamedStatements {
  readonly #seen = new Map<string, number>()
  #names = new WeakMap<pg.ClientBase, Map<string, string>>()
  readonly #process = Math.random().toString(36).slice(2, 8)
  #next = 0

  /** After a schema change: every text gets a new name, prepared again against the new columns. */
  forgetAll(): void {
    this.#names = new WeakMap()
  }

  #config(client: pg.ClientBase, sql: string, values: unknown[], options?: QueryOptions): pg.QueryConfig {
    if (options?.prepare === false) return { text: sql, values }
    if (changesSchema(sql)) {
      this.forgetAll()
      return { text: sql, values }
    }
    let names = this.#names.get(client)
    if (!names) {
      names = new Map()
      this.#names.set(client, names)
    }
    const known = names.get(sql)
    if (known) return { name: known, text: sql, values }
    const seen = (this.#seen.get(sql) ?? 0) + 1
    if (seen < PREPARE_AT || names.size >= MAX_PREPARED) {
      if (this.#seen.size >= MAX_SEEN) this.#seen.clear()
      this.#seen.set(sql, seen)
      return { text: sql, values }
    }
    const name = `ddp_${this.#process}_${(this.#next++).toString(36)}`
    names.set(sql, name)
    return { name, text: sql, values }
  }

  async query<T>(
    client: pg.ClientBase,
    sql: string,
    params: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>> {
    try {
      const r = await client.query(this.#config(client, sql, params as unknown[], options))
      return { rows: r.rows as T[] }
    } catch (err) {
      // Planned against a table's old columns: the next call prepares it again under a new name.
      if ((err as Error).message?.includes(RESULT_TYPE_CHANGED)) this.#names.get(client)?.delete(sql)
      throw err
    }
  }
}

function clientDb(client: pg.PoolClient, statements: NamedStatements): Db {
  const self: Db = {
    driver: 'pg',
    query: (sql, params = [], options) => statements.query(client, sql, params, options),
    async exec(sql: string): Promise<void> {
      await client.query(sql)
      statements.forgetAll()
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
  const statements = new NamedStatements()
  return {
    driver: 'pg',
    // pool.query's steps, with a client in hand so a named statement is bound on its connection.
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<QueryResult<T>> {
      const client = await pool.connect()
      // As pool.query: a client that failed a statement (or erred while it ran) is not reused.
      let failure: Error | undefined
      const onError = (err: Error) => {
        failure ??= err
      }
      client.once('error', onError)
      try {
        return await statements.query<T>(client, sql, params, options)
      } catch (err) {
        failure ??= err as Error
        throw err
      } finally {
        client.removeListener('error', onError)
        client.release(failure)
      }
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql)
      statements.forgetAll()
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const out = await fn(clientDb(client, statements))
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
