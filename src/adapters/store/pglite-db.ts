/**
 * The embedded driver. PGlite has a single connection, so every statement and every transaction goes
 * through one queue here: concurrent requests never interleave inside someone else's transaction.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { changesSchema, type Db, type QueryOptions, type QueryResult } from './db.ts'
import { sessionStatements } from './pglite-prepared.ts'
import { textParsers } from './type-parsers.ts'

/** How long the queue may keep the event loop before it lets timers and sockets run. */
const YIELD_AFTER_MS = 8

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A FIFO mutex: `run` waits for everything queued before it.
 *
 * PGlite runs PostgreSQL synchronously inside promises, so a chain of statements (and the code
 * between them) is all microtasks: the event loop reached no timer and read no socket for as long as
 * any statement was queued (ten concurrent turns: 0.7 s without one tick). Under load the server then
 * read new requests only in bursts, and a conversation whose request missed a burst waited for many
 * (100 sessions: median 0.5 s, p95 17 s). After YIELD_AFTER_MS of work the next job starts from a
 * macrotask instead, so sockets are read and answered in between and requests join the queue in the
 * order they came.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve()
  #since = performance.now()

  run<T>(fn: () => Promise<T>): Promise<T> {
    const job = async (): Promise<T> => {
      if (performance.now() - this.#since >= YIELD_AFTER_MS) {
        await macrotask()
        this.#since = performance.now()
      }
      return fn()
    }
    const next = this.#tail.then(job, job)
    // A failed job must not poison the queue for the callers after it.
    this.#tail = next.catch(() => undefined)
    return next
  }
}

export interface PgliteOptions {
  /** A folder to persist to, or undefined for memory. */
  dataDir?: string
  /** A dump (dumpDataDir) to start from: a migrated template makes tests fast. */
  loadDataDir?: Blob | File
  /**
   * PostgreSQL's shared_buffers, e.g. '32MB'. When not given: MEMORY_SHARED_BUFFERS in memory,
   * PostgreSQL's default (128MB) in a folder.
   */
  sharedBuffers?: string
}

/**
 * An in-memory database's buffer cache. PGlite zeroes all of PostgreSQL's shared memory when it
 * starts (3–4 ms of CPU a megabyte), so the default 128 MB made every in-memory open cost about
 * 0.4 s more, and the tests open hundreds. A page beyond the cache sits in memory anyway (PGlite's
 * in-memory file system), one copy away. The store's tests took 110 s → 78–84 s with 16 MB
 * (20 files, alternate runs); the demo's bench turns were no slower. The evals' one shared database
 * (every ledger's snapshot of a run) and the search benchmarks at 100k (190 MB of table and indexes)
 * ask for 128 MB.
 */
export const MEMORY_SHARED_BUFFERS = '16MB'

/**
 * Prepared statements keep one generic plan. Left to choose (`auto`), PostgreSQL planned several of the
 * product's statements afresh on every call, because their generic plan's estimate looks dearer than a
 * plan for the values given (an invoice read by `number = ANY($1)`: 1.3 ms a call on the demo ledger,
 * 0.4 ms with its generic plan; docs/performance.md round eleven). A statement whose best plan does
 * depend on its values is sent with `prepare: false` and gets a plan of its own (`customPlanned`).
 */
const PLAN_CACHE_MODE = 'force_generic_plan'

export async function createPglite(options: PgliteOptions = {}): Promise<PGlite> {
  const sharedBuffers = options.sharedBuffers ?? (options.dataDir ? undefined : MEMORY_SHARED_BUFFERS)
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `plan_cache_mode=${PLAN_CACHE_MODE}`,
      ...(sharedBuffers ? ['-c', `shared_buffers=${sharedBuffers}`] : []),
    ],
    extensions: { vector },
    parsers: textParsers,
  })
}

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction

/**
 * `tx` is the database itself or a transaction open on it; statements sent twice run prepared. The
 * PGlite thread (pglite-thread-worker.ts) runs its statements through this too.
 */
export function txDb(pg: PGlite, tx: Queryable): Db {
  const statements = sessionStatements(pg)
  const inTransaction = tx !== pg
  const self: Db = {
    driver: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<QueryResult<T>> {
      const schemaChange = changesSchema(sql)
      if (options?.prepare === false && !schemaChange) return { rows: await customPlanned<T>(sql, params) }
      const prepared = schemaChange ? undefined : await statements.query<T>(sql, params, inTransaction)
      if (prepared) return { rows: prepared }
      const r = await tx.query<T>(sql, params as unknown[])
      if (schemaChange) await statements.forgetAll(inTransaction)
      return { rows: r.rows }
    },
    async exec(sql: string): Promise<void> {
      await tx.exec(sql)
      await statements.forgetAll(inTransaction)
    },
    // Already inside the one transaction: nesting joins it rather than deadlocking on the queue.
    transaction: (fn) => fn(self),
    close: async () => {},
  }

  /** A statement planned for the values it is given, as `prepare: false` promises (PLAN_CACHE_MODE). */
  async function customPlanned<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    await tx.query('SET plan_cache_mode = force_custom_plan')
    let failed = false
    try {
      return (await tx.query<T>(sql, params as unknown[])).rows
    } catch (err) {
      failed = true
      throw err
    } finally {
      // A statement that fails inside a transaction aborts it, and the rollback undoes the SET too.
      if (!(failed && inTransaction)) await tx.query(`SET plan_cache_mode = ${PLAN_CACHE_MODE}`)
    }
  }
  return self
}

export function pgliteDb(pg: PGlite, onClose?: () => Promise<void> | void): Db {
  const queue = new SerialQueue()
  const direct = txDb(pg, pg)
  let closed = false
  return {
    driver: 'pglite',
    query: (sql, params, options) => queue.run(() => direct.query(sql, params, options)),
    exec: (sql) => queue.run(() => direct.exec(sql)),
    transaction: (fn) => queue.run(() => pg.transaction((tx) => fn(txDb(pg, tx)))),
    close: () =>
      queue.run(async () => {
        if (closed) return
        closed = true
        await pg.close()
        await onClose?.()
      }),
  }
}
