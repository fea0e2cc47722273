/**
 * DisputeRepository. Every change runs in one transaction with the row locked and appends its
 * audit event in that same transaction: the trail never misses a committed change.
 */
import { parseDisputeNumber } from '../../core/assignment.ts'
import { cmp, moneyOf, parseMoney, toDecimal } from '../../core/money.ts'
import type { Resolution } from '../../core/resolution.ts'
import type {
  Actor,
  DisputeRecord,
  DisputeRepository,
  DisputeStatus,
  OpenDisputeInput,
  StoreResult,
} from '../../services/ports.ts'
import { assignOnOpen } from './assignment-repo.ts'
import { atomically } from './atomic.ts'
import { appendEvent, eventOf } from './audit.ts'
import { readDisputeChain, verifyChain, verifyDispute } from './audit-verify.ts'
import { roomFor } from './credit-caps.ts'
import { cancelPendingRequests } from './credit-memo-repo.ts'
import type { Db } from './db.ts'
import { canMove, NEXT_STATUSES } from './dispute-lifecycle.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { claimIdempotencyKey, keyReused } from './idempotency.ts'
import { pageArgs, Where } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const notFound = (id: string) =>
  ({ ok: false, error: { code: 'not_found', message: `No dispute ${id}.`, field: 'disputeId' } }) as const

export async function lockDispute(tx: Db, id: string): Promise<DisputeRecord | null> {
  const r = await tx.query<Row>('SELECT * FROM disputes WHERE id = $1 FOR UPDATE', [id])
  return r.rows[0] ? disputeOf(r.rows[0]) : null
}

async function openDispute(db: Db, input: OpenDisputeInput, actor: Actor): Promise<StoreResult<DisputeRecord>> {
  return atomically(db, async (tx): Promise<StoreResult<DisputeRecord>> => {
    const bad = checkTexts({ description: input.description })
    if (bad) return { ok: false, error: bad }
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
      const claim = await claimIdempotencyKey(tx, 'dispute.open', input.idempotencyKey, id)
      if (!claim.claimed) {
        const r = await tx.query<Row>('SELECT * FROM disputes WHERE id = $1', [claim.recordId])
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
    return { ok: true, value: await assignOnOpen(tx, d, actor) }
  })
}

/**
 * Locks, checks the move, applies `set` (SQL assignments) and records the event. Resolving or
 * closing cancels the dispute's pending credit requests in the same transaction.
 */
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
  return atomically(db, async (tx): Promise<StoreResult<DisputeRecord>> => {
    const bad = checkTexts({ why })
    if (bad) return { ok: false, error: bad }
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
    if (to === 'resolved' || to === 'closed') await cancelPendingRequests(tx, id, `dispute ${to}: ${why}`, actor)
    return { ok: true, value: after }
  })
}

export function disputeRepository(db: Db): DisputeRepository {
  return {
    open: (input, actor) => openDispute(db, input, actor),
    async get(id) {
      // Its id or its readable number (DSP-000123).
      const r = await db.query<Row>('SELECT * FROM disputes WHERE id = $1 OR number = $2', [id, parseDisputeNumber(id)])
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
      const where = [...w.params]
      const rows = await db.query<Row>(
        `SELECT * FROM disputes ${w.sql} ORDER BY ${col} ${dir}, id LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
        w.params,
      )
      // A page that is not full ends the list, so it tells the total (as ledger-repo's pages do).
      const got = rows.rows.length
      const total =
        got < limit && (got > 0 || offset === 0)
          ? offset + got
          : ((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disputes ${w.sql}`, where)).rows[0]?.n ?? 0)
      return { items: rows.rows.map(disputeOf), total, limit, offset }
    },
    transition: (id, to, actor, why) => change(db, id, actor, 'status_changed', why, to, '', []),
    async note(id, text, actor) {
      const bad = checkTexts({ note: text })
      if (bad) return { ok: false, error: bad }
      return db.transaction(async (tx) => {
        const d = await lockDispute(tx, id)
        if (!d) return notFound(id)
        return { ok: true, value: await appendEvent(tx, actor, { disputeId: id, type: 'note_added', why: text }) }
      })
    },
    recordResolution(id, res: Resolution, actor) {
      return atomically(db, async (tx) => {
        const d = await lockDispute(tx, id)
        if (!d) return notFound(id)
        // Recording an investigation starts it: an open dispute becomes investigating.
        const to: DisputeStatus | null = d.status === 'open' ? 'investigating' : null
        const recorded = await change(
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
        if (recorded.ok) await noteEarlierCredit(tx, recorded.value, actor)
        return recorded
      })
    },
    resolve: (id, outcome, actor, idempotencyKey) =>
      atomically(db, async (tx): Promise<StoreResult<DisputeRecord>> => {
        if (idempotencyKey) {
          const claim = await claimIdempotencyKey(tx, 'dispute.resolve', idempotencyKey, id, {
            id,
            outcome,
            actor: actor.id,
          })
          if (!claim.claimed) {
            if (!claim.sameInput) return keyReused(idempotencyKey)
            const d = await lockDispute(tx, id)
            return d ? { ok: true, value: d } : notFound(id)
          }
        }
        return change(
          tx,
          id,
          actor,
          'dispute_resolved',
          outcome,
          'resolved',
          'outcome_note = $2, resolved_at = now()',
          [outcome],
        )
      }),
    async events(disputeId) {
      const r = await db.query<Row>('SELECT * FROM dispute_events WHERE dispute_id = $1 ORDER BY seq', [disputeId])
      return r.rows.map(eventOf)
    },
    verifyChain: (options) => verifyChain(db, options),
    verifyDispute: (disputeId) => verifyDispute(db, disputeId),
    eventsVerified: (disputeId) => readDisputeChain(db, disputeId),
  }
}

/**
 * When another dispute on the same invoice already credited the same defect, the resolution's
 * record says so in the trail, naming it: a credit request on this one is reduced by that much.
 */
async function noteEarlierCredit(tx: Db, d: DisputeRecord, actor: Actor): Promise<void> {
  if (!d.resolution || d.supportedAmount === null) return
  const room = await roomFor(tx, d, 'credit_memo')
  if (room.earlier.length === 0) return
  const names = room.earlier.map((e) => `${e.disputeId} (${e.amount.currency} ${toDecimal(e.amount)})`)
  await appendEvent(tx, actor, {
    disputeId: d.id,
    type: 'defect_already_credited',
    why: `The same defect on invoice ${d.invoiceNumber} was already credited through dispute ${names.join(', ')}; at most ${toDecimal(room.remaining)} ${d.currency} is left to credit here.`,
    after: { earlierDisputes: room.earlier.map((e) => e.disputeId), remaining: toDecimal(room.remaining) },
  })
}
