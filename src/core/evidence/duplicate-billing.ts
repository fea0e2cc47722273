/**
 * Another invoice of the same customer bills the same thing: same SKU, quantity and unit price, on
 * the same PO and for an overlapping service period (where both carry one). When neither invoice carries a PO or a period,
 * only the invoice the customer names can be its duplicate (identical lines), unless the invoice's own
 * delivery records cover the line in full: goods that came against it are a supply of its own. An
 * invoice named as the other billing that was voided bills nothing: only live invoices can repeat it.
 */
import { periodsOverlap } from '../dates.ts'
import type { Delivery, Invoice, InvoiceLine } from '../ledger.ts'
import { moneyOf } from '../money.ts'
import type { Evidence, Finding } from '../resolution.ts'
import { type Check, finding, lineFinding, lineGross, result } from './check.ts'

const IDENTICAL = 'identical lines'

const sameLine = (a: InvoiceLine, b: InvoiceLine) =>
  a.sku === b.sku && a.quantity === b.quantity && a.unitPrice === b.unitPrice

/**
 * Why `other` bills the same thing as `inv`, or null. Same customer, PO, SKU, quantity AND period:
 * two invoices with different POs, or with service periods that do not overlap (two consecutive
 * months of the same rental), are not duplicates, whatever else they share.
 */
function sameBasis(inv: Invoice, other: Invoice, named: boolean): string | null {
  const bothPeriods = !!inv.servicePeriodStart && !!other.servicePeriodStart
  let period: string | null = null
  if (inv.servicePeriodStart && other.servicePeriodStart) {
    const aEnd = inv.servicePeriodEnd ?? inv.servicePeriodStart
    const bEnd = other.servicePeriodEnd ?? other.servicePeriodStart
    if (!periodsOverlap(inv.servicePeriodStart, aEnd, other.servicePeriodStart, bEnd)) return null
    period = `same period ${other.servicePeriodStart}–${bEnd}`
  }
  if (inv.poNumber && other.poNumber && inv.poNumber !== other.poNumber) return null
  const po = inv.poNumber && inv.poNumber === other.poNumber ? `same PO ${inv.poNumber}` : null
  if (po || period) return [po, period].filter(Boolean).join(', ')
  const neither = !inv.poNumber && !other.poNumber && !bothPeriods
  return named && neither ? IDENTICAL : null
}

/** The ids of the deliveries made against the invoice itself that hold the line's whole quantity, or null. */
function ownDeliveries(deliveries: readonly Delivery[], invoiceNumber: string, line: InvoiceLine): string | null {
  const own = deliveries.filter((d) => d.invoiceNumber === invoiceNumber && d.sku === line.sku)
  const came = own.reduce((n, d) => n + d.quantity - (d.damagedQuantity ?? 0), 0)
  return own.length && came >= line.quantity ? own.map((d) => d.id).join(', ') : null
}

function candidates(evidence: Evidence, related: string | undefined): Invoice[] {
  const others = evidence.otherInvoices.filter(
    (o) =>
      o.customerId === evidence.invoice.customerId && o.currency === evidence.invoice.currency && o.status !== 'void',
  )
  return related ? others.filter((o) => o.number === related) : others
}

export const duplicateBilling: Check = (ctx) => {
  const { evidence, claim, scope, currency } = ctx
  const inv = evidence.invoice
  // The invoice named as the other billing was voided (cancelled and billed again as this one): it bills
  // nothing, so the claim is read against the live invoices alone.
  const voided = evidence.otherInvoices.find((o) => o.number === claim.relatedInvoiceNumber && o.status === 'void')
  const related = voided ? undefined : claim.relatedInvoiceNumber
  const pool = candidates(evidence, related)
  if (related && !pool.length) return result([], ['duplicate_invoice'], ['duplicate_invoice'])
  const matches = pool.flatMap((other) => {
    const basis = sameBasis(inv, other, !!related)
    return basis ? [{ other, basis }] : []
  })
  const findings: Finding[] = scope.lines.map((line) => {
    const twin = matches.find((m) => m.other.lines.some((l) => sameLine(l, line)))
    // With no PO or period to go on, a delivery of its own is the line's basis (see the header).
    const own = twin?.basis === IDENTICAL ? ownDeliveries(evidence.deliveries, inv.number, line) : null
    const hit = own ? undefined : twin
    return lineFinding('duplicate_billing', line, {
      evidence: own
        ? `${own} delivered ${line.quantity} ${line.sku} against ${inv.number} itself: a supply of its own`
        : hit
          ? `${hit.other.number} bills ${line.quantity} × ${line.unitPrice} ${line.sku} (${hit.basis})`
          : `${voided ? `${voided.number} is void; ` : ''}no other invoice bills ${line.quantity} × ${line.unitPrice} ${line.sku} on the same PO or period`,
      documentId: hit ? hit.other.number : inv.number,
      amount: hit ? lineGross(line, currency) : moneyOf('0', currency),
    })
  })
  // A whole invoice duplicated carries its fees twice too.
  const allDuplicated = scope.whole && findings.length > 0 && findings.every((f) => f.supportsCustomer)
  if (allDuplicated) {
    for (const { fee, index } of scope.fees) {
      findings.push(
        finding('duplicate_billing', {
          target: { kind: 'fee', feeType: fee.type, index },
          billed: `${fee.description ?? fee.type} ${fee.amount}`,
          evidence: 'fee of a duplicated invoice',
          documentId: findings[0]?.documentId ?? inv.number,
          amount: moneyOf(fee.amount, currency),
        }),
      )
    }
  }
  return result(findings, ['duplicate_invoice'])
}
