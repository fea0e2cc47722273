/** Idempotency keys: the first create under a key wins; a repeat gets the first record's id back. */
import type { Db } from './db.ts'

/** Claims `key` for `recordId`. Returns the id already holding the key, or null when claimed now. */
export async function claimIdempotencyKey(
  tx: Db,
  scope: string,
  key: string,
  recordId: string,
): Promise<string | null> {
  const ins = await tx.query(
    'INSERT INTO idempotency_keys (scope, key, record_id) VALUES ($1, $2, $3) ON CONFLICT (scope, key) DO NOTHING RETURNING 1',
    [scope, key, recordId],
  )
  if (ins.rows.length) return null
  const r = await tx.query<{ record_id: string }>(
    'SELECT record_id FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  )
  return r.rows[0]?.record_id ?? null
}
