/**
 * CreditMemoRepository: request → approve (by someone else, within their limit) → issued, or reject,
 * or cancelled when the dispute is resolved first. Every step locks the dispute row, then the
 * invoice row, and checks the caps of credit-caps.ts in that same transaction, so no number,
 * order or concurrency of requests credits a dispute beyond what it may receive. Every step is a
 * chained audit event carrying the amounts, so a direct edit of these tables fails verification.
 */
import { inPolicyCurrency, policyCurrency } from '../../core/fx.ts'
import type { PolicyInput } from '../../core/ledger.ts'
import { add, cmp, type Money, moneyOf, parseMoney, sub, toDecimal } from '../../core/money.ts'
import type { Role } from '../../core/resolution.ts'
import type { CreditMemoRepository, CreditMemoRequest, StoreError, StoreResult } from '../../services/ports.ts'
import { approvalLimit, covers, requiredRole } from './approval-limits.ts'
import { endApprovalWait } from './approval-wait.ts'
import { atomically } from './atomic.ts'
import { appendEvent } from './audit.ts'
import { exceedsSupported, pendingOnInvoice, roomFor } from './credit-caps.ts'
import type { Db } from './db.ts'
import { isOpenStatus } from './dispute-lifecycle.ts'
import { lockDispute } from './dispute-repo.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { claimIdempotencyKey, keyReused } from './idempotency.ts'
import { amount, pageArgs, Where } from './rows.ts'
import { checkTexts } from './stored-text.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

export const requestOf = (r: Row): CreditMemoRequest => ({
  id: r.id,
  disputeId: r.dispute_id,
  invoiceNumber: r.invoice_number,
  amount: amount(r.amount, r.currency),
  currency: r.currency,
  reason: r.reason,
  kind: r.kind,
  status: r.status,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  requiredRole: r.required_role,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
  creditMemoNumber: r.credit_memo_number,
})

const refuse = (error: StoreError): { ok: false; error: StoreError } => ({ ok: false, error })

async function policyOf(tx: Db): Promise<PolicyInput> {
  const r = await tx.query<{ policy: PolicyInput }>('SELECT policy FROM company_settings')
  return r.rows[0]?.policy ?? {}
}

/** An amount as the approval limits read it: in the company currency, converted at the ledger's rate
 *  on or before the invoice date (DOMAIN.md "Currencies"); null when no rate exists, so no limit but
 *  the finance controller's can be checked. */
async function inCompanyCurrency(tx: Db, amount: Money, invoiceNumber: string): Promise<Money | null> {
  const company = (await tx.query<{ currency: string | null }>('SELECT currency FROM company_settings')).rows[0]
  const currency = company?.currency ?? amount.currency
  if (currency === amount.currency) return amount
  const issued = (
    await tx.query<{ d: string }>('SELECT issue_date::text AS d FROM invoices WHERE number = $1', [invoiceNumber])
  ).rows[0]?.d
  const rates = (
    await tx.query<{ currency: string; date: string; rate: string }>(
      'SELECT currency, date::text AS date, rate::text AS rate FROM fx_rates WHERE currency = $1',
      [amount.currency],
    )
  ).rows
  return inPolicyCurrency(amount, policyCurrency(amount.currency, currency, rates, issued ?? '9999-12-31'))
}

/** Who must approve: by the converted amount, and the finance controller when it cannot be converted. */
const roleFor = (converted: Money | null, policy: PolicyInput): Role =>
  converted ? requiredRole(converted, policy) : 'finance_controller'

/** Locks the invoice row, then reads its open balance (a fresh read after the lock). */
async function lockedOpenBalance(tx: Db, invoiceNumber: string, currency: string): Promise<Money> {
  await tx.query('SELECT number FROM invoices WHERE number = $1 FOR UPDATE', [invoiceNumber])
  const r = await tx.query<{ open: string }>(
    'SELECT total - paid - credited - written_off AS open FROM invoice_balances WHERE number = $1',
    [invoiceNumber],
  )
  return moneyOf(r.rows[0]?.open ?? '0', currency)
}

const exceedsBalance = (amt: Money, open: Money, pending: Money, invoice: string): StoreError => ({
  code: 'amount_exceeds_balance',
  message:
    `${toDecimal(amt)} ${amt.currency} is more than invoice ${invoice}'s open balance of ${toDecimal(open)} ${open.currency}` +
    (pending.minor > 0n ? ` less ${toDecimal(pending)} already requested and awaiting approval.` : '.'),
  field: 'amount',
})

export function creditMemoRepository(db: Db): CreditMemoRepository {
  const get = async (tx: Db, id: string, lock = false) => {
    const r = await tx.query<Row>(`SELECT * FROM credit_memo_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
    return r.rows[0] ? requestOf(r.rows[0]) : null
  }
  return {
    request: (input, actor) =>
      atomically(db, async (tx): Promise<StoreResult<CreditMemoRequest>> => {
        const bad = checkTexts({ reason: input.reason })
        if (bad) return refuse(bad)
        const id = `CMR-${crypto.randomUUID()}`
        if (input.idempotencyKey) {
          const { idempotencyKey: key, ...rest } = input
          const claim = await claimIdempotencyKey(tx, 'credit_memo.request', key, id, { ...rest, actor: actor.id })
          if (!claim.claimed) {
            if (!claim.sameInput) return keyReused(key)
            const found = await get(tx, claim.recordId)
            if (found) return { ok: true, value: found }
          }
        }
        const d = await lockDispute(tx, input.disputeId)
        if (!d) return refuse({ code: 'not_found', message: `No dispute ${input.disputeId}.`, field: 'disputeId' })
        if (!isOpenStatus(d.status))
          return refuse({ code: 'conflict', message: `Dispute ${d.id} is ${d.status}; reopen it first.` })
        let asked: Money | null = null
        if (input.amount !== undefined) {
          const parsed = parseMoney(input.amount, d.currency)
          if (!parsed.ok || parsed.value.minor <= 0n)
            return refuse({
              code: 'invalid_input',
              message: `amount: ${parsed.ok ? 'must be more than zero' : parsed.error.message}`,
              field: 'amount',
            })
          asked = parsed.value
        }
        // Lock order everywhere: dispute, then request rows, then the invoice.
        const open = await lockedOpenBalance(tx, d.invoiceNumber, d.currency)
        const room = await roomFor(tx, d, input.kind)
        const amt = asked ?? room.remaining
        if (amt.minor <= 0n || cmp(amt, room.remaining) > 0) return refuse(exceedsSupported(d, input.kind, asked, room))
        const pending = await pendingOnInvoice(tx, d.invoiceNumber, d.currency)
        if (cmp(add(amt, pending), open) > 0) return refuse(exceedsBalance(amt, open, pending, d.invoiceNumber))
        const role = roleFor(await inCompanyCurrency(tx, amt, d.invoiceNumber), await policyOf(tx))
        const r = await tx.query<Row>(
          `INSERT INTO credit_memo_requests (id, dispute_id, invoice_number, amount, currency, reason, kind, status,
             requested_by, requested_at, required_role)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, now(), $9) RETURNING *`,
          [id, d.id, d.invoiceNumber, toDecimal(amt), d.currency, input.reason, input.kind, actor.id, role],
        )
        const req = requestOf(r.rows[0] as Row)
        await appendEvent(tx, actor, {
          disputeId: d.id,
          type: `${input.kind}_requested`,
          why: input.reason,
          before: null,
          after: {
            requestId: id,
            kind: input.kind,
            invoiceNumber: d.invoiceNumber,
            amount: req.amount,
            currency: req.currency,
            status: 'pending',
            requiredRole: role,
            remainingAfter: toDecimal(sub(room.remaining, amt)),
            ...(room.earlier.length ? { earlierDisputes: room.earlier.map((e) => e.disputeId) } : {}),
          },
        })
        return { ok: true, value: req }
      }),

    decide: (id, decision, reason, actor, idempotencyKey) =>
      atomically(db, async (tx): Promise<StoreResult<CreditMemoRequest>> => {
        const bad = checkTexts({ reason })
        if (bad) return refuse(bad)
        const first = await get(tx, id)
        if (!first) return refuse({ code: 'not_found', message: `No credit memo request ${id}.`, field: 'id' })
        if (idempotencyKey) {
          const claim = await claimIdempotencyKey(tx, 'credit_memo.decide', idempotencyKey, id, {
            id,
            decision,
            reason,
            actor: actor.id,
          })
          if (!claim.claimed) return claim.sameInput ? { ok: true, value: first } : keyReused(idempotencyKey)
        }
        // The dispute first, then the request: the same order as resolving a dispute, so no deadlock.
        const d = await lockDispute(tx, first.disputeId)
        const req = await get(tx, id, true)
        if (!req || !d) return refuse({ code: 'not_found', message: `No credit memo request ${id}.`, field: 'id' })
        if (req.status !== 'pending')
          return refuse({ code: 'conflict', message: `Request ${id} is already ${req.status}.` })
        if (decision === 'approve' && !isOpenStatus(d.status))
          return refuse({
            code: 'conflict',
            message: `Dispute ${d.id} is ${d.status}; a credit cannot be approved on it. Reopen the dispute first.`,
          })
        if (decision === 'approve' && req.requestedBy === actor.id)
          return refuse({ code: 'self_approval', message: `${actor.name} requested ${id} and cannot also approve it.` })
        const amt = moneyOf(req.amount, req.currency)
        const policy = await policyOf(tx)
        const converted = await inCompanyCurrency(tx, amt, req.invoiceNumber)
        const allowed = converted ? covers(actor.role, converted, policy) : actor.role === 'finance_controller'
        if (decision === 'approve' && !allowed) {
          const limit = converted ? approvalLimit(actor.role, policy, converted.currency) : 'none'
          const what =
            limit === 'none'
              ? 'may not approve this credit'
              : `may approve up to ${toDecimal(limit as Money)} ${limit?.currency}`
          const shown =
            converted && converted.currency !== amt.currency ? ` (${toDecimal(converted)} ${converted.currency})` : ''
          return refuse({
            code: 'approval_limit_exceeded',
            message: `A ${actor.role} ${what}; ${req.amount} ${req.currency}${shown} needs a ${roleFor(converted, policy)}.`,
          })
        }
        if (decision === 'reject') {
          const r = await tx.query<Row>(
            `UPDATE credit_memo_requests SET status = 'rejected', decided_by = $2, decided_at = now(), decision_reason = $3
             WHERE id = $1 RETURNING *`,
            [id, actor.id, reason],
          )
          await appendEvent(tx, actor, {
            disputeId: req.disputeId,
            type: `${req.kind}_rejected`,
            why: reason,
            before: { requestId: id, status: 'pending' },
            after: { requestId: id, status: 'rejected', amount: req.amount },
          })
          await endApprovalWait(tx, req.disputeId, actor, `${req.kind.replace('_', ' ')} ${id} rejected`)
          return { ok: true, value: requestOf(r.rows[0] as Row) }
        }
        const open = await lockedOpenBalance(tx, req.invoiceNumber, req.currency)
        if (cmp(amt, open) > 0) return refuse(exceedsBalance(amt, open, moneyOf('0', req.currency), req.invoiceNumber))
        const today = new Date().toISOString().slice(0, 10)
        let memoNumber: string | null = null
        let writeOffId: string | null = null
        if (req.kind === 'write_off') {
          writeOffId = `WO-${crypto.randomUUID()}`
          await tx.query(
            'INSERT INTO write_offs (id, dispute_id, invoice_number, amount, request_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, now(), $6)',
            [writeOffId, req.disputeId, req.invoiceNumber, req.amount, id, actor.id],
          )
        } else {
          memoNumber = `CM-${id.slice(4, 12).toUpperCase()}`
          await tx.query(
            'INSERT INTO credit_memos (number, invoice_number, amount, date, reason, request_id) VALUES ($1, $2, $3, $4, $5, $6)',
            [memoNumber, req.invoiceNumber, req.amount, today, req.reason, id],
          )
        }
        const column = req.kind === 'write_off' ? 'written_off' : 'credited'
        const upd = await tx.query<Row>(
          `UPDATE disputes SET ${column} = ${column} + $2, remaining_disputed = GREATEST(remaining_disputed - $2, 0)
           WHERE id = $1 RETURNING *`,
          [req.disputeId, req.amount],
        )
        const r = await tx.query<Row>(
          `UPDATE credit_memo_requests SET status = 'issued', decided_by = $2, decided_at = now(), decision_reason = $3,
             credit_memo_number = $4 WHERE id = $1 RETURNING *`,
          [id, actor.id, reason, memoNumber],
        )
        await appendEvent(tx, actor, {
          disputeId: req.disputeId,
          type: `${req.kind}_approved`,
          why: reason,
          before: { requestId: id, status: 'pending' },
          after: { requestId: id, status: 'approved', approverRole: actor.role, amount: req.amount },
        })
        await appendEvent(tx, actor, {
          disputeId: req.disputeId,
          type: req.kind === 'write_off' ? 'write_off_issued' : 'credit_memo_issued',
          why: req.reason,
          before: { ...snapshot(d), openBalance: toDecimal(open) },
          after: {
            ...snapshot(disputeOf(upd.rows[0] as Row)),
            requestId: id,
            kind: req.kind,
            invoiceNumber: req.invoiceNumber,
            creditMemoNumber: memoNumber,
            writeOffId,
            amount: req.amount,
            openBalance: toDecimal(sub(open, amt)),
          },
        })
        await endApprovalWait(tx, req.disputeId, actor, `${req.kind.replace('_', ' ')} ${id} issued`)
        return { ok: true, value: requestOf(r.rows[0] as Row) }
      }),

    get: (id) => get(db, id),
    async list(f) {
      const { limit, offset } = pageArgs(f)
      const w = new Where().when(f.status, 'status = ?', f.status)
      const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM credit_memo_requests ${w.sql}`, w.params)
      const rows = await db.query<Row>(
        `SELECT * FROM credit_memo_requests ${w.sql} ORDER BY requested_at DESC, id LIMIT ${w.next(limit)} OFFSET ${w.next(offset)}`,
        w.params,
      )
      return { items: rows.rows.map(requestOf), total: n.rows[0]?.n ?? 0, limit, offset }
    },
  }
}

/** Cancels the dispute's pending requests (it is being resolved or closed), one chained event each. */
export async function cancelPendingRequests(
  tx: Db,
  disputeId: string,
  why: string,
  actor: Parameters<typeof appendEvent>[1],
): Promise<CreditMemoRequest[]> {
  const r = await tx.query<Row>(
    `UPDATE credit_memo_requests SET status = 'cancelled', decided_by = $2, decided_at = now(), decision_reason = $3
     WHERE dispute_id = $1 AND status IN ('pending', 'approved') RETURNING *`,
    [disputeId, actor.id, why],
  )
  const cancelled = r.rows.map(requestOf).sort((a, b) => a.id.localeCompare(b.id))
  for (const req of cancelled) {
    await appendEvent(tx, actor, {
      disputeId,
      type: `${req.kind}_cancelled`,
      why,
      before: { requestId: req.id, status: 'pending' },
      after: { requestId: req.id, status: 'cancelled', amount: req.amount },
    })
  }
  return cancelled
}
