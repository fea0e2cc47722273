/**
 * Embedded PGlite in a worker thread (`DISPUTE_DESK_DB_THREAD`). A turn spent about two thirds of the
 * main thread's time inside PGlite (PostgreSQL's WebAssembly and its protocol code), on the one core
 * the event loop has; here that runs on another core while the main thread understands the next
 * message and answers HTTP. pglite-thread-worker.ts holds the database and runs each statement through
 * the in-thread driver's own `txDb` (the same parsers, the same prepared statements); rows come back
 * by structured clone, errors with PostgreSQL's message, code and other fields.
 *
 * Order: the worker runs messages in the order they arrive. A statement outside a transaction is
 * posted at once, so several turns' statements are in flight and the worker does not wait on the
 * main thread between them. A transaction's callback runs here, so while one is open or waiting its
 * turn, the statements after it wait in a FIFO (`Gate`): requests never interleave inside someone
 * else's transaction, as with the in-thread driver's queue.
 */
import { Worker } from 'node:worker_threads'
import { messages } from '@electric-sql/pglite'
import type { Db, QueryOptions } from './db.ts'
import type { PgliteOptions } from './pglite-db.ts'

/** What the main thread asks. `tx` names the open transaction a statement belongs to (0: none). */
export type Ask =
  | { op: 'query'; tx: number; sql: string; params: readonly unknown[]; options?: QueryOptions }
  | { op: 'exec'; tx: number; sql: string }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'close' }

export type ThreadRequest = Ask & { id: number }

/** An error as it crosses: structured clone keeps an Error's message but drops PostgreSQL's fields. */
export interface ThreadError {
  name: string
  message: string
  /** PGlite's DatabaseError (code, detail, constraint…), rebuilt as one on this side. */
  database: boolean
  fields: Record<string, string | number | boolean>
}

/** Id 0 answers the start: the database is open, or why not. */
export type ThreadReply = { id: number; ok: true; rows?: unknown[] } | { id: number; ok: false; error: ThreadError }

export interface ThreadStart {
  options: PgliteOptions
}

const CLOSED = 'PGlite is closed'

/**
 * The worker's first code. The worker is TypeScript and Node 20 runs none by itself: tsx's loader is
 * registered in the thread (the server built by scripts/start.mjs and Vitest's workers have none).
 */
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pglite-thread-worker.ts', import.meta.url).href)}) })`

/** Rebuilt on this side, so the stack names the caller that awaited the statement. */
function rebuilt(e: ThreadError, params: readonly unknown[] | undefined): Error {
  const err = e.database
    ? new messages.DatabaseError(e.message, Number(e.fields.length ?? 0), 'error')
    : Object.assign(new Error(e.message), { name: e.name })
  Object.assign(err, e.fields)
  // As both PGlite paths report a failed statement: with its query and parameters (ours, not a copy).
  if ('query' in e.fields && params) Object.assign(err, { params })
  return err
}

const failure = (id: number, message: string): ThreadReply => ({
  id,
  ok: false,
  error: { name: 'Error', message, database: false, fields: {} },
})

/** The worker and the replies it owes. Held (ref'd) only while a reply is owed, as a socket would be. */
class Thread {
  readonly #worker: Worker
  readonly #owed = new Map<number, (reply: ThreadReply) => void>()
  #next = 1
  #ended: string | undefined
  readonly started: Promise<ThreadReply>

  constructor(start: ThreadStart) {
    this.#worker = new Worker(BOOT, { eval: true, name: 'pglite', workerData: start })
    this.started = new Promise((resolve) => this.#owed.set(0, resolve))
    this.#worker.on('message', (reply: ThreadReply) => {
      const owed = this.#owed.get(reply.id)
      if (!owed) return
      this.#owed.delete(reply.id)
      if (!this.#owed.size) this.#worker.unref()
      owed(reply)
    })
    this.#worker.on('error', (err) => this.#end(`the PGlite thread failed: ${err.message}`))
    this.#worker.on('exit', (code) => this.#end(`the PGlite thread exited (code ${code})`))
  }

  ask(ask: Ask): Promise<ThreadReply> {
    const id = this.#next++
    if (this.#ended) return Promise.resolve(failure(id, this.#ended))
    return new Promise((resolve) => {
      // Throws (DataCloneError) for a parameter structured clone cannot copy, before anything is owed.
      this.#worker.postMessage({ ...ask, id } satisfies ThreadRequest)
      if (!this.#owed.size) this.#worker.ref()
      this.#owed.set(id, resolve)
    })
  }

  async stop(): Promise<void> {
    this.#end(CLOSED)
    await this.#worker.terminate()
  }

  #end(why: string): void {
    this.#ended ??= why
    for (const [id, owed] of this.#owed) owed(failure(id, this.#ended))
    this.#owed.clear()
  }
}

/**
 * The FIFO in front of the thread. A statement passes at once unless a transaction (or the close) is
 * open or waiting; then it waits behind the last of them, in the order it came. Each of those waits
 * for the one before it.
 */
export class Gate {
  #last: Promise<void> | undefined

  pass<T>(fn: () => Promise<T>): Promise<T> {
    return this.#last ? this.#last.then(fn) : fn()
  }

  /** Runs `fn` after everything before it has passed; everything after it waits until it ends. */
  hold<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.#last
    let release = () => {}
    const mine = new Promise<void>((resolve) => {
      release = resolve
    })
    this.#last = mine
    // Registered first, so it runs before the statements waiting on `mine` are posted, in order.
    void mine.then(() => {
      if (this.#last === mine) this.#last = undefined
    })
    const run = before ? before.then(fn) : fn()
    run.then(release, release)
    return run
  }
}

function threadDb(thread: Thread, onClose?: () => Promise<void> | void): Db {
  const gate = new Gate()
  let transactions = 0
  let closed = false

  const ask = async (what: Ask, params?: readonly unknown[]): Promise<unknown[] | undefined> => {
    const reply = await thread.ask(what)
    if (!reply.ok) throw rebuilt(reply.error, params)
    return reply.rows
  }

  const on = (tx: number): Db => {
    const self: Db = {
      driver: 'pglite',
      async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
        const rows = await ask({ op: 'query', tx, sql, params, ...(options ? { options } : {}) }, params)
        return { rows: (rows ?? []) as T[] }
      },
      async exec(sql) {
        await ask({ op: 'exec', tx, sql })
      },
      // Already inside the one transaction: nesting joins it rather than deadlocking on the gate.
      transaction: (fn) => fn(self),
      close: async () => {},
    }
    return self
  }

  const direct = on(0)
  return {
    driver: 'pglite',
    query: (sql, params, options) => gate.pass(() => direct.query(sql, params, options)),
    exec: (sql) => gate.pass(() => direct.exec(sql)),
    transaction: (fn) =>
      gate.hold(async () => {
        const tx = ++transactions
        await ask({ op: 'begin', tx })
        let result: Awaited<ReturnType<typeof fn>>
        try {
          result = await fn(on(tx))
        } catch (err) {
          await ask({ op: 'end', tx, commit: false }).catch(() => {})
          throw err
        }
        await ask({ op: 'end', tx, commit: true })
        return result
      }),
    close: () =>
      gate.hold(async () => {
        if (closed) return
        closed = true
        try {
          await ask({ op: 'close' })
        } finally {
          await thread.stop()
          await onClose?.()
        }
      }),
  }
}

/** Starts the thread and opens PGlite in it (a folder, or memory from a dump); rejects as PGlite would. */
export async function openPgliteThread(options: PgliteOptions = {}, onClose?: () => Promise<void> | void): Promise<Db> {
  const thread = new Thread({ options })
  const started = await thread.started
  if (!started.ok) {
    await thread.stop()
    throw rebuilt(started.error, undefined)
  }
  return threadDb(thread, onClose)
}
