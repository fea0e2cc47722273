/**
 * DisputeRepository. Every change runs in one transaction with the row locked and appends its
 * audit event in that same transaction: the trail never misses a committed change.
 */
import { cmp, moneyOf, parseMoney } from '../../core/money.ts'
import type { Resolution } from '../../core/resolution.ts'
import type {
  Actor,
  DisputeRecord,
  DisputeRepository,
  DisputeStatus,
  OpenDisputeInput,
  StoreResult,
} from '../../services/ports.ts'
import { appendEvent, eventOf, verifyChain } from './audit.ts'
import type { Db } from './db.ts'
import { canMove, NEXT_STATUSES } from './dispute-lifecycle.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { claimIdempotencyKey } from './idempotency.ts'
import { pageArgs, Where } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const notFound = (id: string) =>
  ({ ok: false, error: { code: 'not_found', message: `No dispute ${id}.`, field: 'disputeId' } }) as const

export async function lockDispute(tx: Db, id: string): Promise<DisputeRecord | null> {
  const r = await tx.query<Row>('SELECT * FROM disputes WHERE id = $1 FOR UPDATE', [id])
  return r.rows[0] ? disputeOf(r.rows[0]) : null
}

async function openDispute(db: Db, input: OpenDisputeInput, actor: Actor): Promise<StoreResult<DisputeRecord>> {
  return db.transaction(async (tx): Promise<StoreResult<DisputeRecord>> => {
    const inv = await tx.query<Row>(
      'SELECT i.number, i.customer_id, i.currency, b.total FROM invoices i JOIN invoice_balances b ON b.number = i.number WHERE i.number = $1 FOR UPDATE OF i',
      [input.invoiceNumber],
    )
    const invoice = inv.rows[0]
    if (!invoice)
      return {
        ok: false,
        error: { code: 'not_found', message: `No invoice ${input.invoiceNumber}.`, field: 'invoiceNumber' },
      }
    const parsed = parseMoney(input.disputedAmount, invoice.currency)
    if (!parsed.ok || parsed.value.minor < 0n)
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: `disputedAmount: ${parsed.ok ? 'must not be negative' : parsed.error.message}`,
          field: 'disputedAmount',
        },
      }
    const total = moneyOf(String(invoice.total), invoice.currency)
    if (cmp(parsed.value, total) > 0)
      return {
        ok: false,
        error: {
          code: 'amount_exceeds_balance',
          message: `The disputed amount ${input.disputedAmount} is more than invoice ${invoice.number}'s total ${String(invoice.total)}.`,
          field: 'disputedAmount',
        },
      }
    const id = `DSP-${crypto.randomUUID()}`
    if (input.idempotencyKey) {
      const existing = await claimIdempotencyKey(tx, 'dispute.open', input.idempotencyKey, id)
      if (existing) {
        const r = await tx.query<Row>('SELECT * FROM disputes WHERE id = $1', [existing])
        if (r.rows[0]) return { ok: true, value: disputeOf(r.rows[0]) }
      }
    }
    const row = await tx.query<Row>(
      `INSERT INTO disputes (id, invoice_number, customer_id, status, reason_code, description, currency,
         original_disputed, remaining_disputed, disputed_lines, owner_id, opened_at, opened_on, target_date)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $7, $8::jsonb, $9, now(), $10, $11) RETURNING *`,
      [
        id,
        invoice.number,
        invoice.customer_id,
        input.reasonCode,
        input.description,
        invoice.currency,
        input.disputedAmount,
        JSON.stringify(input.disputedLines ?? []),
        actor.id,
        input.openedOn,
        input.targetDate ?? null,
      ],
    )
    const d = disputeOf(row.rows[0] as Row)
    await appendEvent(tx, actor, {
      disputeId: id,
      type: 'dispute_opened',
      why: input.description,
      before: null,
      after: { ...snapshot(d), invoiceNumber: d.invoiceNumber, reasonCode: d.reasonCode, collectionsHold: true },
    })
    return { ok: true, value: d }
  })
}

/** Locks, checks the move, applies `set` (SQL assignments) and records the event. */
async function change(
  db: Db,
  id: string,
  actor: Actor,
  type: string,
  why: string,
  to: DisputeStatus | null,
  set: string,
  params: unknown[],
): Promise<StoreResult<DisputeRecord>> {
  return db.transaction(async (tx): Promise<StoreResult<DisputeRecord>> => {
    const before = await lockDispute(tx, id)
    if (!before) return notFound(id)
    if (to && to !== before.status && !canMove(before.status, to)) {
      const allowed = NEXT_STATUSES[before.status]
      return {
        ok: false,
        error: {
          code: 'illegal_transition',
          message: `Dispute ${id} is ${before.status}; it cannot become ${to}${allowed.length ? ` (it can become ${allowed.join(', ')})` : ' (it is final)'}.`,
          from: before.status,
          to,
        },
      }
    }
    const statusSet = to ? `status = '${to}'${to === 'escalated' ? ', escalated = TRUE' : ''}` : ''
    const sets = [statusSet, set].filter(Boolean).join(', ')
    const r = await tx.query<Row>(`UPDATE disputes SET ${sets} WHERE id = $1 RETURNING *`, [id, ...params])
    const after = disputeOf(r.rows[0] as Row)
    await appendEvent(tx, actor, { disputeId: id, type, why, before: snapshot(before), after: snapshot(after) })
    return { ok: true, value: after }
  })
}

export function disputeRepository(db: Db): DisputeRepository {
  return {
    open: (input, actor) => openDispute(db, input, actor),
    async get(id) {
      const r = await db.query<Row>('SELECT * FROM disputes WHERE id = $1', [id])
      return r.rows[0] ? disputeOf(r.rows[0]) : null
    },
    async list(f) {
      const { limit, offset } = pageArgs(f)
      const w = new Where()
        .when(f.status, 'status = ?', f.status)
        .when(f.reasonCode, 'reason_code = ?', f.reasonCode)
        .when(f.customerId, 'customer_id = ?', f.customerId)
        .when(f.invoiceNumber, 'invoice_number = ?', f.invoiceNumber)
        .when(f.from, 'opened_on >= ?', f.from)
        .when(f.to, 'opened_on <= ?', f.to)
      const col = { opened_at: 'opened_at', amount: 'original_disputed', status: 'status' }[f.sort ?? 'opened_at']
      const dir = f.order === 'asc' ? 'ASC' : 'DESC'
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disputes ${w.sql}`, w.params)
      const rows = await db.query<Row>(
        `SELECT * FROM disputes ${w.sql} ORDER BY ${col} ${dir}, id LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
        w.params,
      )
      return { items: rows.rows.map(disputeOf), total: n.rows[0]?.n ?? 0, limit, offset }
    },
    transition: (id, to, actor, why) => change(db, id, actor, 'status_changed', why, to, '', []),
    async note(id, text, actor) {
      return db.transaction(async (tx) => {
        const d = await lockDispute(tx, id)
        if (!d) return notFound(id)
        return { ok: true, value: await appendEvent(tx, actor, { disputeId: id, type: 'note_added', why: text }) }
      })
    },
    recordResolution(id, res: Resolution, actor) {
      return db.transaction(async (tx) => {
        const d = await lockDispute(tx, id)
        if (!d) return notFound(id)
        // Recording an investigation starts it: an open dispute becomes investigating.
        const to: DisputeStatus | null = d.status === 'open' ? 'investigating' : null
        return change(
          tx,
          id,
          actor,
          'resolution_recorded',
          `${res.classification}: ${res.rootCause}`,
          to,
          `classification = $2, action = $3, supported_amount = $4, resolution = $5::jsonb, root_cause = $6,
           department = $7, escalated = escalated OR $8, target_date = $9`,
          [
            res.classification,
            res.action,
            res.supportedAmount,
            JSON.stringify(res),
            res.rootCause,
            res.stakeholders[0] ?? null,
            res.escalation.required,
            res.targetDate,
          ],
        )
      })
    },
    resolve: (id, outcome, actor) =>
      change(db, id, actor, 'dispute_resolved', outcome, 'resolved', 'outcome_note = $2, resolved_at = now()', [
        outcome,
      ]),
    async events(disputeId) {
      const r = await db.query<Row>('SELECT * FROM dispute_events WHERE dispute_id = $1 ORDER BY seq', [disputeId])
      return r.rows.map(eventOf)
    },
    verifyChain: () => verifyChain(db),
  }
}
