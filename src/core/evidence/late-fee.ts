/**
 * A late fee is owed only as the contract's clause allows: none without a clause; none when the
 * principal (the lines with their tax) was paid by the due date plus the grace days; otherwise at
 * most percentPerMonth of the principal still unpaid at the end of the grace period, per started
 * 30-day month from the due date until it was settled (or today). Anything above that is not owed.
 */
import { appliedPayments } from '../balance.ts'
import { addDays, daysBetween } from '../dates.ts'
import type { Contract } from '../ledger.ts'
import {
  add,
  clamp,
  decimal,
  type Money,
  max,
  moneyOf,
  multiply,
  percentOf,
  sub,
  sum,
  toDecimal,
  zero,
} from '../money.ts'
import type { Evidence, Finding } from '../resolution.ts'
import { type Check, finding, lineGross, result } from './check.ts'

interface Allowance {
  amount: Money
  words: string
}

function allowedFee(evidence: Evidence, contract: Contract, currency: string, today: string): Allowance {
  const clause = contract.lateFee
  if (!clause) return { amount: zero(currency), words: `contract ${contract.id} has no late-fee clause` }
  const inv = evidence.invoice
  const grace = clause.graceDays ?? 0
  const graceEnd = addDays(inv.dueDate, grace)
  const terms = `contract ${contract.id}: ${clause.percentPerMonth}% a month after ${grace} grace days`
  const principal = sum(
    inv.lines.map((l) => lineGross(l, currency)),
    currency,
  )
  const credits = evidence.creditMemos
    .filter((m) => m.invoiceNumber === inv.number)
    .map((m) => ({ date: m.date, amount: moneyOf(m.amount, currency) }))
  // A payment not applied to the invoice whose remittance advice names it paid what the advice says, on
  // its date: the customer settled the principal then, whatever cash application did with the money.
  const byAdvice = evidence.payments
    .filter((p) => !p.invoiceNumber && p.currency === inv.currency)
    .flatMap((p) =>
      (p.remittance ?? [])
        .filter((r) => r.invoiceNumber === inv.number)
        .map((r) => ({ date: p.date, amount: moneyOf(r.paid, currency) })),
    )
  const paid = [
    ...appliedPayments(inv, evidence.payments).map((p) => ({ date: p.date, amount: moneyOf(p.amount, currency) })),
    ...byAdvice,
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  const onTime = sum(
    [...credits.map((c) => c.amount), ...paid.filter((p) => p.date <= graceEnd).map((p) => p.amount)],
    currency,
  )
  const overdue = max(sub(principal, onTime), zero(currency))
  if (overdue.minor === 0n) {
    return { amount: zero(currency), words: `${terms}; the principal was paid by ${graceEnd}` }
  }
  let settledOn = today
  let covered = sum(
    credits.map((c) => c.amount),
    currency,
  )
  for (const p of paid) {
    covered = add(covered, p.amount)
    if (covered.minor >= principal.minor) {
      settledOn = p.date
      break
    }
  }
  const daysLate = daysBetween(inv.dueDate, settledOn)
  if (daysLate <= grace) {
    return { amount: zero(currency), words: `${terms}; ${daysLate} days late on ${settledOn}, within grace` }
  }
  const months = Math.ceil(daysLate / 30)
  const amount = multiply(percentOf(overdue, decimal(clause.percentPerMonth)), decimal(months))
  return {
    amount,
    words: `${terms}; ${toDecimal(overdue)} overdue ${daysLate} days (${months} month(s)) allows ${toDecimal(amount)}`,
  }
}

export const lateFee: Check = (ctx) => {
  const contract = ctx.evidence.contract
  if (!contract) return result([], ['contract'], ['contract'])
  const allowance = allowedFee(ctx.evidence, contract, ctx.currency, ctx.today)
  let left = allowance.amount
  const findings: Finding[] = ctx.scope.fees.map(({ fee, index }) => {
    const charged = moneyOf(fee.amount, ctx.currency)
    const allowed = clamp(left, charged)
    left = sub(left, allowed)
    return finding('late_fee', {
      target: { kind: 'fee', feeType: fee.type, index },
      billed: `${fee.description ?? fee.type.replace(/_/g, ' ')} ${fee.amount}`,
      evidence: allowance.words,
      documentId: contract.id,
      amount: sub(charged, allowed),
    })
  })
  return result(findings, ['contract'])
}
