/**
 * CreditMemoRepository: request → approve (by someone else, within their limit) → issued, or reject.
 * Issuing locks the invoice row and re-reads its balance, so credits and write-offs never exceed
 * the open balance even when two approvals race.
 */
import type { PolicyInput } from '../../core/ledger.ts'
import { cmp, type Money, moneyOf, parseMoney, toDecimal } from '../../core/money.ts'
import type { CreditMemoRepository, CreditMemoRequest, StoreResult } from '../../services/ports.ts'
import { approvalLimit, covers, requiredRole } from './approval-limits.ts'
import { appendEvent } from './audit.ts'
import type { Db } from './db.ts'
import { isOpenStatus } from './dispute-lifecycle.ts'
import { lockDispute } from './dispute-repo.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { claimIdempotencyKey } from './idempotency.ts'
import { amount, pageArgs, Where } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const requestOf = (r: Row): CreditMemoRequest => ({
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

async function policyOf(tx: Db): Promise<PolicyInput> {
  const r = await tx.query<{ policy: PolicyInput }>('SELECT policy FROM company_settings')
  return r.rows[0]?.policy ?? {}
}

/** Locks the invoice row, then reads its open balance (a fresh read after the lock). */
async function lockedOpenBalance(tx: Db, invoiceNumber: string, currency: string): Promise<Money> {
  await tx.query('SELECT number FROM invoices WHERE number = $1 FOR UPDATE', [invoiceNumber])
  const r = await tx.query<{ open: string }>(
    'SELECT total - paid - credited - written_off AS open FROM invoice_balances WHERE number = $1',
    [invoiceNumber],
  )
  return moneyOf(r.rows[0]?.open ?? '0', currency)
}

const exceeds = (amt: Money, open: Money, invoice: string): StoreResult<never> => ({
  ok: false,
  error: {
    code: 'amount_exceeds_balance',
    message: `${toDecimal(amt)} ${amt.currency} is more than invoice ${invoice}'s open balance of ${toDecimal(open)} ${open.currency}.`,
    field: 'amount',
  },
})

export function creditMemoRepository(db: Db): CreditMemoRepository {
  const get = async (tx: Db, id: string, lock = false) => {
    const r = await tx.query<Row>(`SELECT * FROM credit_memo_requests WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
    return r.rows[0] ? requestOf(r.rows[0]) : null
  }
  return {
    request: (input, actor) =>
      db.transaction(async (tx): Promise<StoreResult<CreditMemoRequest>> => {
        const id = `CMR-${crypto.randomUUID()}`
        if (input.idempotencyKey) {
          const existing = await claimIdempotencyKey(tx, 'credit_memo.request', input.idempotencyKey, id)
          const found = existing ? await get(tx, existing) : null
          if (found) return { ok: true, value: found }
        }
        const d = await lockDispute(tx, input.disputeId)
        if (!d)
          return {
            ok: false,
            error: { code: 'not_found', message: `No dispute ${input.disputeId}.`, field: 'disputeId' },
          }
        if (!isOpenStatus(d.status))
          return { ok: false, error: { code: 'conflict', message: `Dispute ${d.id} is ${d.status}; reopen it first.` } }
        const parsed = parseMoney(input.amount, d.currency)
        if (!parsed.ok || parsed.value.minor <= 0n)
          return {
            ok: false,
            error: {
              code: 'invalid_input',
              message: `amount: ${parsed.ok ? 'must be more than zero' : parsed.error.message}`,
              field: 'amount',
            },
          }
        const open = await lockedOpenBalance(tx, d.invoiceNumber, d.currency)
        if (cmp(parsed.value, open) > 0) return exceeds(parsed.value, open, d.invoiceNumber)
        const role = requiredRole(parsed.value, await policyOf(tx))
        const r = await tx.query<Row>(
          `INSERT INTO credit_memo_requests (id, dispute_id, invoice_number, amount, currency, reason, kind, status,
             requested_by, requested_at, required_role)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, now(), $9) RETURNING *`,
          [id, d.id, d.invoiceNumber, toDecimal(parsed.value), d.currency, input.reason, input.kind, actor.id, role],
        )
        const req = requestOf(r.rows[0] as Row)
        await appendEvent(tx, actor, {
          disputeId: d.id,
          type: `${input.kind}_requested`,
          why: input.reason,
          before: null,
          after: { requestId: id, amount: req.amount, currency: req.currency, requiredRole: role },
        })
        return { ok: true, value: req }
      }),

    decide: (id, decision, reason, actor) =>
      db.transaction(async (tx): Promise<StoreResult<CreditMemoRequest>> => {
        const req = await get(tx, id, true)
        if (!req)
          return { ok: false, error: { code: 'not_found', message: `No credit memo request ${id}.`, field: 'id' } }
        if (req.status !== 'pending')
          return { ok: false, error: { code: 'conflict', message: `Request ${id} is already ${req.status}.` } }
        if (decision === 'approve' && req.requestedBy === actor.id)
          return {
            ok: false,
            error: { code: 'self_approval', message: `${actor.name} requested ${id} and cannot also approve it.` },
          }
        const amt = moneyOf(req.amount, req.currency)
        const policy = await policyOf(tx)
        if (decision === 'approve' && !covers(actor.role, amt, policy)) {
          const limit = approvalLimit(actor.role, policy, req.currency)
          const what = limit === 'none' ? 'may not approve credits' : `may approve up to ${toDecimal(limit as Money)}`
          return {
            ok: false,
            error: {
              code: 'approval_limit_exceeded',
              message: `A ${actor.role} ${what}; ${req.amount} ${req.currency} needs a ${requiredRole(amt, policy)}.`,
            },
          }
        }
        const before = await lockDispute(tx, req.disputeId)
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
            after: { requestId: id, status: 'rejected' },
          })
          return { ok: true, value: requestOf(r.rows[0] as Row) }
        }
        const open = await lockedOpenBalance(tx, req.invoiceNumber, req.currency)
        if (cmp(amt, open) > 0) return exceeds(amt, open, req.invoiceNumber)
        const today = new Date().toISOString().slice(0, 10)
        let memoNumber: string | null = null
        if (req.kind === 'write_off') {
          await tx.query(
            'INSERT INTO write_offs (id, dispute_id, invoice_number, amount, request_id, created_at, created_by) VALUES ($1, $2, $3, $4, $5, now(), $6)',
            [`WO-${crypto.randomUUID()}`, req.disputeId, req.invoiceNumber, req.amount, id, actor.id],
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
          after: { requestId: id, status: 'approved', approverRole: actor.role },
        })
        await appendEvent(tx, actor, {
          disputeId: req.disputeId,
          type: req.kind === 'write_off' ? 'write_off_issued' : 'credit_memo_issued',
          why: req.reason,
          before: before ? { ...snapshot(before), openBalance: toDecimal(open) } : null,
          after: {
            ...snapshot(disputeOf(upd.rows[0] as Row)),
            creditMemoNumber: memoNumber,
            amount: req.amount,
            openBalance: toDecimal({ minor: open.minor - amt.minor, currency: open.currency }),
          },
        })
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
