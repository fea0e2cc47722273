/**
 * The customer says they paid. A payment of theirs that is unapplied (or applied to another invoice)
 * and matches the claim (its reference, its date, or the amount due) only needs applying: no credit.
 * Payments already applied reduce the open balance; what remains is owed. No payment at all that
 * could be theirs: ask for the remittance advice.
 */
import { appliedPayments, invoiceTotal } from '../balance.ts'
import { cmp, type Money, min, moneyOf, sum, toDecimal, zero } from '../money.ts'
import type { Claim, Invoice, Payment } from '../resolution.ts'
import { type Check, finding, result } from './check.ts'

const norm = (s: string | undefined) => (s ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')

function quoted(p: Payment, claim: Claim): boolean {
  const ref = norm(claim.paymentReference)
  if (ref && (norm(p.reference) === ref || norm(p.id) === ref)) return true
  return !!claim.paymentDate && p.date === claim.paymentDate
}

/** The customer's payments that could settle this invoice but are not applied to it. */
export function unappliedMatches(invoice: Invoice, payments: readonly Payment[], claim: Claim, due: Money): Payment[] {
  const cur = invoice.currency
  const mentionsInvoice = (p: Payment) => !!p.reference && norm(p.reference).includes(norm(invoice.number))
  const saidSomething = !!(claim.paymentReference || claim.paymentDate)
  return payments.filter((p) => {
    if (p.currency !== cur || p.invoiceNumber === invoice.number) return false
    if (quoted(p, claim) || mentionsInvoice(p)) return true
    // Unapplied cash of exactly the amount due is theirs unless they quoted something else.
    const amount = moneyOf(p.amount, cur)
    return !p.invoiceNumber && !saidSomething && (cmp(amount, due) === 0 || cmp(amount, invoiceTotal(invoice)) === 0)
  })
}

export const alreadyPaid: Check = (ctx) => {
  const { evidence, claim, currency, openBalance } = ctx
  const inv = evidence.invoice
  const due = openBalance.minor > 0n ? openBalance : invoiceTotal(inv)
  const matched = unappliedMatches(inv, evidence.payments, claim, due)
  if (matched.length) {
    let left = due
    const findings = matched.map((p) => {
      const amount = min(moneyOf(p.amount, currency), left)
      left = { ...left, minor: left.minor - amount.minor }
      return finding('already_paid', {
        target: { kind: 'payment', paymentId: p.id },
        billed: `${inv.number} open ${toDecimal(openBalance)}`,
        evidence: `payment ${p.id} ${p.amount} ${p.currency} on ${p.date}${p.reference ? ` ref ${p.reference}` : ''} ${p.invoiceNumber ? `applied to ${p.invoiceNumber}` : 'unapplied'}`,
        documentId: p.id,
        amount,
      })
    })
    return { ...result(findings, ['payment']), paymentToApply: true }
  }
  const applied = appliedPayments(inv, evidence.payments)
  if (!applied.length) return result([], ['payment'], ['payment'])
  const paid = sum(
    applied.map((p) => moneyOf(p.amount, currency)),
    currency,
  )
  const settled = openBalance.minor <= 0n
  const f = finding('already_paid', {
    target: { kind: 'invoice' },
    billed: `${inv.number} total ${toDecimal(invoiceTotal(inv))}`,
    evidence: `applied ${applied.map((p) => `${p.id} ${p.amount} on ${p.date}`).join(', ')}; open balance ${toDecimal(openBalance)}`,
    documentId: applied.map((p) => p.id).join(', '),
    amount: settled ? paid : zero(currency),
  })
  return { ...result([f], ['payment']), paymentToApply: settled }
}
