/**
 * Idempotency keys: the first write under a key wins; a repeat with the same input gets the first
 * record back, a repeat with another input is refused. The key is claimed inside the write's
 * transaction, so a refused write (rolled back) frees its key for a corrected retry.
 */
import { canonicalJson, sha256Hex } from './audit.ts'
import type { Db } from './db.ts'

export type Claim = { claimed: true } | { claimed: false; recordId: string; sameInput: boolean }

/** Claims `key` for `recordId`; `input` (any JSON) is fingerprinted so a reuse with other input is caught. */
export async function claimIdempotencyKey(
  tx: Db,
  scope: string,
  key: string,
  recordId: string,
  input?: unknown,
): Promise<Claim> {
  const fingerprint = input === undefined ? null : await sha256Hex(canonicalJson(input))
  const ins = await tx.query(
    `INSERT INTO idempotency_keys (scope, key, record_id, fingerprint) VALUES ($1, $2, $3, $4)
     ON CONFLICT (scope, key) DO NOTHING RETURNING 1`,
    [scope, key, recordId, fingerprint],
  )
  if (ins.rows.length) return { claimed: true }
  const r = await tx.query<{ record_id: string; fingerprint: string | null }>(
    'SELECT record_id, fingerprint FROM idempotency_keys WHERE scope = $1 AND key = $2',
    [scope, key],
  )
  const row = r.rows[0]
  if (!row) return { claimed: true } // cannot happen: the conflict row exists
  return {
    claimed: false,
    recordId: row.record_id,
    // Keys stored before fingerprints existed match any input.
    sameInput: row.fingerprint === null || fingerprint === null || row.fingerprint === fingerprint,
  }
}

export const keyReused = (key: string, field = 'idempotencyKey') =>
  ({
    ok: false,
    error: {
      code: 'idempotency_key_reused',
      message: `Idempotency key "${key}" was already used with a different input; use a new key for a new request.`,
      field,
    },
  }) as const
