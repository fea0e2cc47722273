/**
 * A dispute waits in awaiting_approval only while a credit request on it is pending. The decision
 * that leaves none pending (issued or rejected) ends the wait in the same transaction, with its own
 * status_changed event: the specialist has the next step (resolve, or ask again).
 */
import type { Actor } from '../../services/ports.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'

export async function endApprovalWait(tx: Db, disputeId: string, actor: Actor, why: string): Promise<void> {
  const r = await tx.query<Record<string, unknown>>(
    `UPDATE disputes SET status = 'investigating'
     WHERE id = $1 AND status = 'awaiting_approval'
       AND NOT EXISTS (SELECT 1 FROM credit_memo_requests WHERE dispute_id = $1 AND status = 'pending')
     RETURNING *`,
    [disputeId],
  )
  const row = r.rows[0]
  if (!row) return
  const after = disputeOf(row)
  await appendEvent(tx, actor, {
    disputeId,
    type: 'status_changed',
    why,
    before: { ...snapshot(after), status: 'awaiting_approval' },
    after: snapshot(after),
  })
}
