/**
 * How much more may be credited on a dispute, read inside the transaction that will write the
 * request, after the dispute and its invoice rows are locked: two requests can never both see the
 * same room. What counts is every active request (pending, approved, issued) of the dispute:
 * - a credit memo within the supported amount, less what another dispute on the same invoice, for
 *   the same reason and the same charges (the same defect), already has requested or issued;
 * - a write-off within what the customer still owes of the disputed amount (disputed − supported);
 * - a goodwill credit within the disputed amount (what a person may grant on this dispute);
 * - all kinds together within the disputed amount, and every pending request on the invoice
 *   together within its open balance.
 */
import { add, isZero, max, min, type Money, moneyOf, sub, toDecimal, zero } from '../../core/money.ts'
import type { Finding, Resolution } from '../../core/resolution.ts'
import type { CreditMemoRequest, DisputeRecord, StoreError } from '../../services/ports.ts'
import type { Db } from './db.ts'

type Kind = CreditMemoRequest['kind']
// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

export const ACTIVE_STATUSES = "('pending', 'approved', 'issued')"

export interface Room {
  /** What may still be requested of this kind on this dispute. */
  remaining: Money
  basis: string
  /** Other disputes that already took part of this defect, with how much. */
  earlier: { disputeId: string; amount: Money }[]
  /** This dispute's active requests of the kind, for the refusal's message. */
  used: Money
}

/** Charges a finding is about: a line (with its tax), a fee, a payment, or the whole invoice. */
function chargeOf(f: Finding): string {
  const t = f.target
  if (t.kind === 'line') return `line:${t.line}`
  if (t.kind === 'tax') return t.line === undefined ? 'invoice' : `line:${t.line}`
  if (t.kind === 'fee') return `fee:${t.index}`
  if (t.kind === 'payment') return `payment:${t.paymentId}`
  return 'invoice'
}

/** Supported amount per charge; the disputed lines when the findings name none. */
function supportedCharges(res: Resolution | null, lines: number[], currency: string): Map<string, Money> {
  const out = new Map<string, Money>()
  for (const f of res?.findings ?? []) {
    if (!f.supportsCustomer) continue
    const amt = moneyOf(f.amountNotOwed, currency)
    if (isZero(amt)) continue
    const key = chargeOf(f)
    out.set(key, add(out.get(key) ?? zero(currency), amt))
  }
  if (out.size === 0) {
    const whole = moneyOf(res?.supportedAmount ?? '0', currency)
    if (lines.length === 0) out.set('invoice', whole)
    else for (const l of lines) out.set(`line:${l}`, whole)
  }
  return out
}

/** The part of `mine` that overlaps `theirs`: a whole-invoice finding overlaps every charge. */
function overlap(mine: Map<string, Money>, theirs: Map<string, Money>, currency: string): Money {
  let total = zero(currency)
  const theirsWhole = theirs.has('invoice')
  for (const [key, amt] of mine) {
    if (key === 'invoice' ? theirs.size > 0 : theirsWhole || theirs.has(key)) total = add(total, amt)
  }
  return total
}

async function activeByKind(tx: Db, disputeId: string, currency: string): Promise<Record<Kind, Money>> {
  const r = await tx.query<{ kind: Kind; total: string }>(
    `SELECT kind, sum(amount)::text AS total FROM credit_memo_requests
     WHERE dispute_id = $1 AND status IN ${ACTIVE_STATUSES} GROUP BY kind`,
    [disputeId],
  )
  const out: Record<Kind, Money> = {
    credit_memo: zero(currency),
    write_off: zero(currency),
    goodwill_credit: zero(currency),
  }
  for (const row of r.rows) out[row.kind] = moneyOf(row.total, currency)
  return out
}

/** Credit memos other disputes on the same invoice and reason hold on charges this dispute also supports. */
async function takenElsewhere(tx: Db, d: DisputeRecord, mine: Map<string, Money>): Promise<Room['earlier']> {
  const r = await tx.query<Row>(
    `SELECT d.id, d.resolution, d.disputed_lines, d.opened_at, sum(c.amount)::text AS credited
     FROM disputes d JOIN credit_memo_requests c ON c.dispute_id = d.id
     WHERE d.invoice_number = $1 AND d.reason_code = $2 AND d.id <> $3
       AND c.kind = 'credit_memo' AND c.status IN ${ACTIVE_STATUSES}
     GROUP BY d.id ORDER BY d.opened_at, d.id`,
    [d.invoiceNumber, d.reasonCode, d.id],
  )
  const out: Room['earlier'] = []
  for (const row of r.rows) {
    const theirs = supportedCharges(row.resolution, row.disputed_lines ?? [], d.currency)
    const mineOnTheirs = overlap(mine, theirs, d.currency)
    const theirsOnMine = overlap(theirs, mine, d.currency)
    if (isZero(mineOnTheirs) || isZero(theirsOnMine)) continue
    const credited = moneyOf(row.credited, d.currency)
    const taken = min(credited, min(mineOnTheirs, theirsOnMine))
    if (!isZero(taken)) out.push({ disputeId: row.id, amount: taken })
  }
  return out
}

/** Room for one more request of `kind`; the dispute and its invoice must be locked by the caller. */
export async function roomFor(tx: Db, d: DisputeRecord, kind: Kind): Promise<Room> {
  const res = d.resolution
  const cur = d.currency
  // Not investigated yet (the services refuse that; the store still holds a line): everything
  // within the amount in dispute.
  const disputed = moneyOf(res?.disputedAmount ?? d.originalDisputed, cur)
  const supported = res && d.supportedAmount !== null ? moneyOf(d.supportedAmount, cur) : disputed
  const active = await activeByKind(tx, d.id, cur)
  const allActive = add(add(active.credit_memo, active.write_off), active.goodwill_credit)
  const overall = max(sub(disputed, allActive), zero(cur))
  let cap: Money
  let basis: string
  let earlier: Room['earlier'] = []
  if (!res) {
    cap = disputed
    basis = `the ${toDecimal(disputed)} ${cur} in dispute; it is not investigated yet`
  } else if (kind === 'credit_memo') {
    earlier = await takenElsewhere(tx, d, supportedCharges(res, d.disputedLines, cur))
    const elsewhere = earlier.reduce((a, e) => add(a, e.amount), zero(cur))
    cap = max(sub(supported, elsewhere), zero(cur))
    basis = `the ${toDecimal(supported)} ${cur} the evidence supports`
  } else if (kind === 'write_off') {
    cap = max(sub(disputed, supported), zero(cur))
    basis = `the ${toDecimal(cap)} ${cur} the customer still owes of the disputed amount`
  } else {
    cap = disputed
    basis = `the ${toDecimal(disputed)} ${cur} in dispute`
  }
  const remaining = min(max(sub(cap, active[kind]), zero(cur)), overall)
  return { remaining, basis, earlier, used: active[kind] }
}

/** The refusal: names what is left, what was already requested, and the earlier disputes. */
export function exceedsSupported(d: DisputeRecord, kind: Kind, asked: Money | null, room: Room): StoreError {
  const cur = d.currency
  const what = kind === 'write_off' ? 'written off' : 'credited'
  const parts = [
    asked
      ? `${toDecimal(asked)} ${cur} is more than the ${toDecimal(room.remaining)} ${cur} that can still be ${what} on dispute ${d.id}`
      : `Nothing more can be ${what} on dispute ${d.id}`,
    `(${room.basis}`,
  ]
  if (!isZero(room.used)) parts.push(`; ${toDecimal(room.used)} ${cur} already requested or issued on it`)
  const earlier = room.earlier.map((e) => `${e.disputeId} (${toDecimal(e.amount)} ${cur})`)
  if (earlier.length)
    parts.push(
      `; the same defect on invoice ${d.invoiceNumber} was already credited through dispute ${earlier.join(', ')}`,
    )
  return {
    code: 'credit_exceeds_supported',
    message: `${parts.join('')}). Remaining: ${toDecimal(room.remaining)} ${cur}.`,
    field: 'amount',
    remaining: toDecimal(room.remaining),
    earlierDisputes: room.earlier.map((e) => e.disputeId),
  }
}

/** Pending requests on the invoice (every dispute) reserve its open balance until they are decided. */
export async function pendingOnInvoice(tx: Db, invoiceNumber: string, currency: string): Promise<Money> {
  const r = await tx.query<{ total: string | null }>(
    `SELECT sum(amount)::text AS total FROM credit_memo_requests WHERE invoice_number = $1 AND status IN ('pending', 'approved')`,
    [invoiceNumber],
  )
  return moneyOf(r.rows[0]?.total ?? '0', currency)
}
