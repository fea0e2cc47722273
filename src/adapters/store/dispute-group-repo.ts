/**
 * DisputeGroupRepository: a claim over several invoices links their disputes, in order. Creating a
 * group writes an audit event on every dispute it links, in the same transaction.
 */
import type { DisputeGroupRecord, DisputeGroupRepository, StoreResult } from '../../services/ports.ts'
import { atomically } from './atomic.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { claimIdempotencyKey, keyReused } from './idempotency.ts'
import { pageArgs, Where } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

async function groupsOf(db: Db, rows: Row[]): Promise<DisputeGroupRecord[]> {
  if (!rows.length) return []
  const members = await db.query<{ group_id: string; dispute_id: string }>(
    'SELECT group_id, dispute_id FROM dispute_group_members WHERE group_id = ANY($1) ORDER BY group_id, position',
    [rows.map((r) => r.id)],
  )
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    description: r.description,
    createdBy: r.created_by,
    createdAt: r.created_at,
    disputeIds: members.rows.filter((m) => m.group_id === r.id).map((m) => m.dispute_id),
  }))
}

const get = async (db: Db, id: string): Promise<DisputeGroupRecord | null> =>
  (await groupsOf(db, (await db.query<Row>('SELECT * FROM dispute_groups WHERE id = $1', [id])).rows))[0] ?? null

type CreateInput = Parameters<DisputeGroupRepository['create']>[0]

async function create(db: Db, input: CreateInput, actor: Parameters<DisputeGroupRepository['create']>[1]) {
  const bad = checkTexts({ description: input.description })
  if (bad) return { ok: false, error: bad } as const
  return atomically(db, async (tx): Promise<StoreResult<DisputeGroupRecord>> => {
    const ids = [...new Set(input.disputeIds)]
    if (!ids.length)
      return { ok: false, error: { code: 'invalid_input', message: 'A group needs disputes.', field: 'disputeIds' } }
    const found = await tx.query<{ id: string; customer_id: string }>(
      'SELECT id, customer_id FROM disputes WHERE id = ANY($1)',
      [ids],
    )
    const missing = ids.filter((id) => !found.rows.some((r) => r.id === id))
    if (missing.length)
      return {
        ok: false,
        error: { code: 'not_found', message: `No dispute ${missing.join(', ')}.`, field: 'disputeIds' },
      }
    const other = found.rows.find((r) => r.customer_id !== input.customerId)
    if (other)
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `Dispute ${other.id} is for customer ${other.customer_id}, not ${input.customerId}: a group is one customer's claim.`,
          field: 'disputeIds',
        },
      }
    const id = `DGR-${crypto.randomUUID()}`
    if (input.idempotencyKey) {
      const claim = await claimIdempotencyKey(tx, 'dispute_group.create', input.idempotencyKey, id, {
        customerId: input.customerId,
        disputeIds: ids,
      })
      if (!claim.claimed) {
        if (!claim.sameInput) return keyReused(input.idempotencyKey)
        const first = await get(tx, claim.recordId)
        if (first) return { ok: true, value: first }
      }
    }
    await tx.query('INSERT INTO dispute_groups (id, customer_id, description, created_by) VALUES ($1, $2, $3, $4)', [
      id,
      input.customerId,
      input.description,
      actor.id,
    ])
    for (const [position, disputeId] of ids.entries()) {
      await tx.query('INSERT INTO dispute_group_members (group_id, dispute_id, position) VALUES ($1, $2, $3)', [
        id,
        disputeId,
        position,
      ])
      await appendEvent(tx, actor, {
        disputeId,
        type: 'dispute_grouped',
        why: input.description,
        before: null,
        after: { groupId: id, position: position + 1, of: ids.length, disputeIds: ids },
      })
    }
    const created = await get(tx, id)
    if (!created) throw new Error(`group ${id} vanished inside its own transaction`)
    return { ok: true, value: created }
  })
}

export function disputeGroupRepository(db: Db): DisputeGroupRepository {
  return {
    create: (input, actor) => create(db, input, actor),
    get: (id) => get(db, id),
    async list(f) {
      const { limit, offset } = pageArgs(f)
      const w = new Where()
        .when(f.customerId, 'customer_id = ?', f.customerId)
        .when(f.disputeId, 'id IN (SELECT group_id FROM dispute_group_members WHERE dispute_id = ?)', f.disputeId)
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispute_groups ${w.sql}`, w.params)
      const rows = await db.query<Row>(
        `SELECT * FROM dispute_groups ${w.sql} ORDER BY created_at DESC, id LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
        w.params,
      )
      return { items: await groupsOf(db, rows.rows), total: n.rows[0]?.n ?? 0, limit, offset }
    },
  }
}
