/**
 * The dispute's conversation with its customer (messages both ways, findings a specialist released,
 * the customer's rating), written as audit events in the transaction that locks the dispute: the
 * thread is in the timeline and the hash chain, and nothing about it is stored twice.
 */
import { PORTAL_EVENT_TYPES, type PortalRepository } from '../../services/ports.ts'
import { atomically } from './atomic.ts'
import { appendEvent, eventOf } from './audit.ts'
import type { Db } from './db.ts'
import { lockDispute } from './dispute-repo.ts'
import { disputeOf } from './dispute-rows.ts'
import { checkTexts } from './stored-text.ts'

const notFound = (id: string) =>
  ({ ok: false, error: { code: 'not_found', message: `No dispute ${id}.`, field: 'disputeId' } }) as const

export function portalRepository(db: Db): PortalRepository {
  return {
    post: (disputeId, entry, actor) =>
      atomically(db, async (tx) => {
        const text = entry.type === 'findings_shared' ? entry.findings.text : entry.text
        const bad = checkTexts({ text })
        if (bad) return { ok: false, error: bad }
        if (!(await lockDispute(tx, disputeId))) return notFound(disputeId)
        const event =
          entry.type === 'findings_shared'
            ? { disputeId, type: entry.type, why: 'findings released to the customer', after: entry.findings }
            : { disputeId, type: entry.type, why: entry.text }
        return { ok: true, value: await appendEvent(tx, actor, event) }
      }),
    rate: (disputeId, csat, actor) =>
      atomically(db, async (tx) => {
        const d = await lockDispute(tx, disputeId)
        if (!d) return notFound(disputeId)
        if (d.status !== 'resolved' && d.status !== 'closed') {
          return {
            ok: false,
            error: {
              code: 'conflict',
              message: `Dispute ${disputeId} is ${d.status.replace('_', ' ')}; it can be rated once it is resolved.`,
            },
          }
        }
        const r = await tx.query<Record<string, unknown>>('UPDATE disputes SET csat = $2 WHERE id = $1 RETURNING *', [
          disputeId,
          csat,
        ])
        await appendEvent(tx, actor, { disputeId, type: 'csat_recorded', before: { csat: d.csat }, after: { csat } })
        return { ok: true, value: disputeOf(r.rows[0] as Record<string, unknown>) }
      }),
    async thread(disputeId) {
      const r = await db.query<Record<string, unknown>>(
        'SELECT * FROM dispute_events WHERE dispute_id = $1 AND type = ANY($2) ORDER BY seq',
        [disputeId, [...PORTAL_EVENT_TYPES]],
      )
      return r.rows.map(eventOf)
    },
  }
}
