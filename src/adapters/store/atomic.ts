/**
 * A write whose refusal leaves no trace: when `fn` returns `{ ok: false }` the transaction rolls
 * back (an idempotency key it claimed, a row it locked or wrote), and the refusal is returned as a
 * value. Only bugs and infrastructure failures throw.
 */
import type { StoreError, StoreResult } from '../../services/ports.ts'
import type { Db } from './db.ts'

class Refused extends Error {
  constructor(readonly result: { ok: false; error: StoreError }) {
    super(result.error.message)
  }
}

export async function atomically<T>(db: Db, fn: (tx: Db) => Promise<StoreResult<T>>): Promise<StoreResult<T>> {
  try {
    return await db.transaction(async (tx) => {
      const r = await fn(tx)
      if (!r.ok) throw new Refused(r)
      return r
    })
  } catch (err) {
    if (err instanceof Refused) return err.result
    throw err
  }
}
