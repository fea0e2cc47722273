/**
 * CollectionsRepository: a decided dispute's hand-off to collections. The hold the aging report shows
 * is the dispute's remaining disputed amount (invoice_balances), so releasing what is owed is lowering
 * it to what is still in dispute, with the dispute's money snapshot in the same audit event (the money
 * check replays it) and the owner's follow-ups written beside it.
 */
import type { FollowUpFacts } from '../../core/collections-handoff.ts'
import { cmp, moneyOf } from '../../core/money.ts'
import type { CollectionsRepository, FollowUpRecord, HandoffWrite } from '../../services/collections-ports.ts'
import type { Actor, DisputeRecord, StoreResult } from '../../services/ports.ts'
import { atomically } from './atomic.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { disputeRepository, lockDispute } from './dispute-repo.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { amount } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const FOLLOW_UP_COLUMNS = `f.dispute_id, f.seq, f.invoice_number, f.due_on::text AS due_on, f.expected_paid, f.currency,
  GREATEST(b.paid - f.paid_at_handoff, 0) AS paid_since`

const followUpOf = (r: Row): FollowUpRecord => ({
  seq: Number(r.seq),
  dueOn: r.due_on,
  expectedPaid: amount(r.expected_paid, r.currency),
  invoiceNumber: r.invoice_number,
  currency: r.currency,
  paidSince: amount(r.paid_since, r.currency),
})

/** Whether the dispute was handed to collections (by hand, on resolving, or by a settlement) since its last decision. */
async function handedOffSinceDecision(tx: Db, disputeId: string): Promise<boolean> {
  const r = await tx.query(
    `SELECT 1 FROM dispute_events e WHERE e.dispute_id = $1 AND e.type IN ('collections_handoff', 'settlement_chosen')
       AND e.seq > COALESCE((SELECT max(seq) FROM dispute_events WHERE dispute_id = $1 AND type = 'resolution_recorded'), 0)
     LIMIT 1`,
    [disputeId],
  )
  return r.rows.length > 0
}

/** The dispute locked, its hold lowered (never raised), the event, its follow-ups replaced; in the caller's transaction. */
async function writeHandOff(tx: Db, input: HandoffWrite, actor: Actor): Promise<StoreResult<DisputeRecord>> {
  const bad = checkTexts({ why: input.why })
  if (bad) return { ok: false, error: bad }
  const before = await lockDispute(tx, input.disputeId)
  if (!before)
    return {
      ok: false,
      error: { code: 'not_found', message: `No dispute ${input.disputeId}.`, field: 'disputeId' },
    }
  const kept = moneyOf(input.kept, before.currency)
  // A hand-off releases; it never puts back on hold what an earlier one released.
  const lowered = cmp(kept, moneyOf(before.remainingDisputed, before.currency)) < 0
  const r = await tx.query<Row>(
    `UPDATE disputes SET remaining_disputed = ${lowered ? '$2' : 'remaining_disputed'} WHERE id = $1 RETURNING *`,
    lowered ? [before.id, input.kept] : [before.id],
  )
  const after = disputeOf(r.rows[0] as Row)
  await tx.query('DELETE FROM collections_followups WHERE dispute_id = $1', [before.id])
  for (const f of input.followUps)
    await tx.query(
      `INSERT INTO collections_followups (dispute_id, seq, invoice_number, due_on, expected_paid, currency, paid_at_handoff)
       SELECT $1, $2, $3, $4::date, $5, $6, b.paid FROM invoice_balances b WHERE b.number = $3`,
      [before.id, f.seq, before.invoiceNumber, f.dueOn, f.expectedPaid, before.currency],
    )
  await appendEvent(tx, actor, {
    disputeId: before.id,
    type: input.type,
    why: input.why,
    before: snapshot(before),
    after: { ...snapshot(after), ...input.details, followUps: input.followUps },
  })
  return { ok: true, value: after }
}

export function collectionsRepository(db: Db): CollectionsRepository {
  return {
    handOff: (input, actor) => atomically(db, (tx) => writeHandOff(tx, input, actor)),
    resolve: (input, plan, actor) =>
      atomically(db, async (tx): Promise<StoreResult<{ dispute: DisputeRecord; handedOff: boolean }>> => {
        // The dispute repository's own resolve (its idempotency key, its cancelled requests), joined to this transaction.
        const resolved = await disputeRepository(tx).resolve(
          input.disputeId,
          input.outcome,
          actor,
          input.idempotencyKey,
        )
        if (!resolved.ok) return resolved
        const d = resolved.value
        // Handed off once per decision: a repeated resolve, or a settlement chosen before, writes nothing more.
        if (await handedOffSinceDecision(tx, d.id)) return { ok: true, value: { dispute: d, handedOff: false } }
        const write = plan(d)
        if (!write) return { ok: true, value: { dispute: d, handedOff: false } }
        const after = await writeHandOff(tx, { ...write, disputeId: d.id, type: 'collections_handoff' }, actor)
        return after.ok ? { ok: true, value: { dispute: after.value, handedOff: true } } : after
      }),
    async followUps(disputeId) {
      const r = await db.query<Row>(
        `SELECT ${FOLLOW_UP_COLUMNS} FROM collections_followups f JOIN invoice_balances b ON b.number = f.invoice_number
         WHERE f.dispute_id = $1 ORDER BY f.seq`,
        [disputeId],
      )
      return r.rows.map(followUpOf)
    },
    async due(today) {
      const r = await db.query<Row>(
        `SELECT ${FOLLOW_UP_COLUMNS}, d.number, d.owner_id, c.name AS customer_name
         FROM collections_followups f JOIN invoice_balances b ON b.number = f.invoice_number
         JOIN disputes d ON d.id = f.dispute_id JOIN customers c ON c.id = d.customer_id
         WHERE f.due_on < $1::date
           AND NOT EXISTS (SELECT 1 FROM notification_deliveries n WHERE n.dispute_id = f.dispute_id AND n.kind = 'reminder'
             AND n.key LIKE 'followup:' || f.dispute_id || ':' || f.seq || ':' || f.due_on::text || ':%')
         ORDER BY f.due_on, f.dispute_id, f.seq LIMIT 500`,
        [today],
      )
      return r.rows.map(
        (x): FollowUpFacts => ({
          ...followUpOf(x),
          disputeId: x.dispute_id,
          number: x.number == null ? null : Number(x.number),
          customerName: x.customer_name,
          ownerId: x.owner_id ?? null,
        }),
      )
    },
  }
}
