/**
 * The PGlite thread's side (pglite-thread.ts starts it and says why): one PGlite, the in-thread
 * driver's `txDb` for every statement, one message at a time in the order they came. A transaction
 * is PGlite's own, held open between the main thread's `begin` and `end`.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { messages, type PGlite } from '@electric-sql/pglite'
import type { Db } from './db.ts'
import { createPglite, txDb } from './pglite-db.ts'
import type { Ask, ThreadError, ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.ts'

if (!parentPort) throw new Error('pglite-thread-worker.ts runs in the thread pglite-thread.ts starts')
const port = parentPort

/** An Error's own fields that structured clone would drop (PostgreSQL's code, detail, query…). */
function thrown(err: unknown): ThreadError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), database: false, fields: {} }
  const fields: ThreadError['fields'] = {}
  for (const [key, value] of Object.entries(err))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value
  return { name: err.name, message: err.message, database: err instanceof messages.DatabaseError, fields }
}

const reply = (r: ThreadReply) => port.postMessage(r)

function serve(pg: PGlite): void {
  const direct = txDb(pg, pg)
  let open: { tx: number; db: Db; finish: (commit: boolean) => void; done: Promise<unknown> } | undefined

  const dbOf = (tx: number): Db => {
    if (!tx) return direct
    if (open?.tx !== tx) throw new Error('Transaction is closed')
    return open.db
  }

  /** Resolves once PGlite's transaction has begun; it stays open until `end`. */
  const begin = async (tx: number): Promise<void> => {
    let entered = () => {}
    const inside = new Promise<void>((resolve) => {
      entered = resolve
    })
    let finish: (commit: boolean) => void = () => {}
    const decided = new Promise<boolean>((resolve) => {
      finish = resolve
    })
    const done = pg
      .transaction(async (t) => {
        open = { tx, db: txDb(pg, t), finish, done }
        entered()
        if (!(await decided)) await t.rollback()
      })
      .finally(() => {
        open = undefined
      })
    await Promise.race([inside, done])
  }

  const end = async (tx: number, commit: boolean): Promise<void> => {
    if (open?.tx !== tx) throw new Error('Transaction is closed')
    const { finish, done } = open
    finish(commit)
    await done
  }

  const run = async (ask: Ask): Promise<unknown[] | undefined> => {
    switch (ask.op) {
      case 'query':
        return (await dbOf(ask.tx).query(ask.sql, ask.params, ask.options)).rows
      case 'exec':
        await dbOf(ask.tx).exec(ask.sql)
        return undefined
      case 'begin':
        await begin(ask.tx)
        return undefined
      case 'end':
        await end(ask.tx, ask.commit)
        return undefined
      case 'close':
        await pg.close()
        return undefined
    }
  }

  let tail: Promise<void> = Promise.resolve()
  port.on('message', (request: ThreadRequest) => {
    tail = tail.then(async () => {
      try {
        const rows = await run(request)
        reply(rows ? { id: request.id, ok: true, rows } : { id: request.id, ok: true })
      } catch (err) {
        reply({ id: request.id, ok: false, error: thrown(err) })
      }
    })
  })
}

try {
  const pg = await createPglite((workerData as ThreadStart).options)
  serve(pg)
  reply({ id: 0, ok: true })
} catch (err) {
  reply({ id: 0, ok: false, error: thrown(err) })
}
