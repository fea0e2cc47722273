/**
 * One chat turn asks for the same rows several times: the invoice a claim names is looked up while the
 * message is read, again while its figures are grounded and again for the evidence; the customer list
 * twice; the company's settings four times. Inside `withinTurn`, a read sent a second time is answered
 * from the first, so callers need no change. Anything written through this Db (a statement that is
 * not a plain read, `exec`, a transaction) forgets everything remembered, before and after it, so a
 * turn always reads its own writes. Writes by other requests are not seen by a read the turn already
 * made: the turn keeps one view of a row from its first read, as it would if the reads were one.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Db, QueryOptions, QueryResult } from './db.ts'

type Memo = Map<string, Promise<QueryResult<unknown>>>

/**
 * One AsyncLocalStorage for every store in the process, holding each store's memo by its key. On Node 20
 * each AsyncLocalStorage that has run stays in a process-wide list for good, and every promise created
 * afterwards is stamped once per storage in the list: with one storage per store, a process that made
 * 350 stores (the held-out evals, or a test worker) spent a quarter of its CPU stamping promises
 * (200k awaits: 15 ms with none, 7.2 s with 350).
 */
const scope = new AsyncLocalStorage<ReadonlyMap<object, Memo>>()

// A plain read: SELECT or WITH, with nothing that writes, locks or draws from a sequence or a clock.
const READ = /^\s*(SELECT|WITH)\b/i
const NOT_A_PLAIN_READ =
  /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|FOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)|FOR\s+KEY\s+SHARE|nextval|setval|pg_advisory\w*|now|clock_timestamp|random|gen_random_uuid)\b/i
export const isPlainRead = (sql: string): boolean => READ.test(sql) && !NOT_A_PLAIN_READ.test(sql)

export interface TurnReads {
  db: Db
  /** Runs `fn` with repeated reads answered once (a nested call joins the outer turn). */
  withinTurn<T>(fn: () => Promise<T>): Promise<T>
}

export function turnReads(db: Db): TurnReads {
  const owner = {}
  const memoOf = (): Memo | undefined => scope.getStore()?.get(owner)
  const forget = () => memoOf()?.clear()
  // Each caller gets its own row objects: a caller that changes a row cannot change another's.
  const copy = <T>(r: QueryResult<T>): QueryResult<T> => ({ rows: r.rows.map((row) => ({ ...row })) })
  const writing = async <T>(run: () => Promise<T>): Promise<T> => {
    forget()
    try {
      return await run()
    } finally {
      forget()
    }
  }
  const wrapped: Db = {
    get driver() {
      return db.driver
    },
    get anchor() {
      return db.anchor
    },
    // db.query is looked up on each call, not bound once: a bench that counts statements wraps it.
    async query<T>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
      const memo = memoOf()
      if (!memo) return db.query<T>(sql, params, options)
      if (!isPlainRead(sql)) return writing(() => db.query<T>(sql, params, options))
      const key = keyOf(sql, params)
      if (key === null) return db.query<T>(sql, params, options)
      let pending = memo.get(key) as Promise<QueryResult<T>> | undefined
      if (!pending) {
        pending = db.query<T>(sql, params, options)
        memo.set(key, pending)
        // A failed read is not remembered: the next caller asks again.
        pending.catch(() => {
          if (memo.get(key) === pending) memo.delete(key)
        })
      }
      return copy(await pending)
    },
    exec: (sql) => (memoOf() ? writing(() => db.exec(sql)) : db.exec(sql)),
    transaction: (fn) => (memoOf() ? writing(() => db.transaction(fn)) : db.transaction(fn)),
    close: () => db.close(),
  }
  return {
    db: wrapped,
    // A turn of another store's that is running keeps its memo beside this one's.
    withinTurn: (fn) => (memoOf() ? fn() : scope.run(new Map(scope.getStore()).set(owner, new Map()), fn)),
  }
}

/** The statement and its parameters, or null when a parameter has no faithful JSON form. */
function keyOf(sql: string, params: readonly unknown[] = []): string | null {
  for (const p of params)
    if (p !== null && typeof p === 'object' && !Array.isArray(p)) return null
    else if (typeof p === 'bigint' || typeof p === 'function') return null
  return `${sql}\u0000${JSON.stringify(params)}`
}
