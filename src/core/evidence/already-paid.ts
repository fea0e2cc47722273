/**
 * The customer says they paid. An unapplied payment of theirs that matches the claim (the reference
 * or date they quote, a reference naming the invoice, or exactly the amount due) only needs
 * applying: no credit. A payment applied to another invoice is theirs only if its reference names
 * this one (cash application put it on the wrong invoice); one they quote that rightly pays another
 * invoice proves nothing here. Payments applied to this invoice reduce the open balance; what
 * remains is owed. No payment that could be theirs at all: ask for the remittance advice.
 */
import { appliedPayments, invoiceTotal } from '../balance.ts'
import { cmp, type Money, min, moneyOf, sum, toDecimal, zero } from '../money.ts'
import type { Claim, Invoice, Payment } from '../resolution.ts'
import { type Check, finding, result } from './check.ts'

const norm = (s: string | undefined) => (s ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '')

const paymentWords = (p: Payment) =>
  `${p.id} ${p.amount} ${p.currency} on ${p.date}${p.reference ? ` ref ${p.reference}` : ''}`

/** "20455" quotes "CHK 20455"; a reference shorter than 3 characters quotes nothing. */
function quoted(p: Payment, claim: Claim): boolean {
  const ref = norm(claim.paymentReference)
  const own = [norm(p.reference), norm(p.id)].filter((r) => r.length >= 3)
  if (ref.length >= 3 && own.some((r) => r.includes(ref) || ref.includes(r))) return true
  return !!claim.paymentDate && p.date === claim.paymentDate
}

/** The customer's payments that could settle this invoice but are not applied to it. */
export function unappliedMatches(invoice: Invoice, payments: readonly Payment[], claim: Claim, due: Money): Payment[] {
  const cur = invoice.currency
  const mentionsInvoice = (p: Payment) => !!p.reference && norm(p.reference).includes(norm(invoice.number))
  const saidSomething = !!(claim.paymentReference || claim.paymentDate)
  return payments.filter((p) => {
    if (p.currency !== cur || p.invoiceNumber === invoice.number) return false
    if (mentionsInvoice(p)) return true
    if (p.invoiceNumber) return false
    if (quoted(p, claim)) return true
    // Unapplied cash of exactly the amount due is theirs unless they quoted something else.
    const amount = moneyOf(p.amount, cur)
    return !saidSomething && (cmp(amount, due) === 0 || cmp(amount, invoiceTotal(invoice)) === 0)
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
        evidence: `payment ${paymentWords(p)} ${p.invoiceNumber ? `applied to ${p.invoiceNumber}` : 'unapplied'}`,
        documentId: p.id,
        amount,
      })
    })
    return { ...result(findings, ['payment']), paymentToApply: true }
  }
  const applied = appliedPayments(inv, evidence.payments)
  const elsewhere = evidence.payments.filter(
    (p) => p.invoiceNumber && p.invoiceNumber !== inv.number && quoted(p, claim),
  )
  if (!applied.length && elsewhere.length) {
    const findings = elsewhere.map((p) =>
      finding('already_paid', {
        target: { kind: 'payment', paymentId: p.id },
        billed: `${inv.number} open ${toDecimal(openBalance)}`,
        evidence: `the payment quoted, ${paymentWords(p)}, pays ${p.invoiceNumber}`,
        documentId: p.id,
        amount: zero(currency),
      }),
    )
    return result(findings, ['payment'])
  }
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
