/**
 * Tax on the line vs the customer's exemption and the rate the customer is usually charged. An
 * exempt customer owes none of the tax; when every taxed line is wrong, the invoice document itself
 * is wrong (the customer needs an invoice without tax for its records): cancel and re-bill. A
 * customer that is not exempt owes the tax at the rate its other invoices use for the same SKU; with
 * no other invoice to compare, the line's rate stands.
 */
import { lineFigures } from '../invoice-math.ts'
import type { Invoice, InvoiceLine } from '../ledger.ts'
import { decimal, decimalCmp, multiply, ratePercent, sub, toDecimal, zero } from '../money.ts'
import type { Finding } from '../resolution.ts'
import { type Check, finding, result } from './check.ts'

const taxed = (l: InvoiceLine) => !!l.taxRate && decimal(l.taxRate).int !== 0n

/** The rate the customer's other invoices most often charge on this SKU, and one invoice that shows it. */
function usualRate(others: readonly Invoice[], sku: string): { rate: string; invoice: string } | null {
  const seen = new Map<string, { count: number; invoice: string }>()
  for (const inv of others) {
    for (const l of inv.lines) {
      if (l.sku !== sku) continue
      const rate = l.taxRate ?? '0'
      const entry = seen.get(rate) ?? { count: 0, invoice: inv.number }
      seen.set(rate, { ...entry, count: entry.count + 1 })
    }
  }
  const best = [...seen.entries()].sort((a, b) => b[1].count - a[1].count)[0]
  return best ? { rate: best[0], invoice: best[1].invoice } : null
}

export const taxError: Check = (ctx) => {
  const { evidence, currency, scope } = ctx
  const customer = evidence.customer
  const inv = evidence.invoice
  const lines = scope.lines.filter(taxed)
  if (!lines.length) {
    const f = finding('tax_error', {
      target: { kind: 'tax' },
      billed: `${inv.number}: no tax on the lines in question`,
      evidence: customer.taxExempt ? `customer ${customer.id} is tax-exempt` : 'nothing to correct',
      documentId: inv.number,
      amount: zero(currency),
    })
    return result([f], [])
  }
  const findings: Finding[] = lines.map((line) => {
    const fig = lineFigures(line, currency)
    const billed = `Line ${line.line} ${line.sku}: tax ${ratePercent(line.taxRate ?? '0')} on ${toDecimal(fig.net)} = ${toDecimal(fig.tax)}`
    const target = { kind: 'tax' as const, line: line.line }
    if (customer.taxExempt) {
      const words = `customer ${customer.id} ${customer.name} is tax-exempt`
      return finding('tax_error', { target, billed, evidence: words, documentId: customer.id, amount: fig.tax })
    }
    const usual = usualRate(evidence.otherInvoices, line.sku)
    if (!usual || decimalCmp(decimal(usual.rate), decimal(line.taxRate ?? '0')) >= 0) {
      const words = usual
        ? `rate ${usual.rate} on ${usual.invoice}; customer not tax-exempt`
        : `customer ${customer.id} is not tax-exempt; the rate stands`
      return finding('tax_error', {
        target,
        billed,
        evidence: words,
        documentId: usual?.invoice ?? customer.id,
        amount: zero(currency),
      })
    }
    const right = multiply(fig.net, decimal(usual.rate))
    return finding('tax_error', {
      target,
      billed,
      evidence: `rate ${usual.rate} on ${usual.invoice} for ${line.sku}`,
      documentId: usual.invoice,
      amount: sub(fig.tax, right),
    })
  })
  if (!customer.taxExempt) return result(findings, [])
  const exempt = { ...result(findings, []), rootCause: 'tax_exemption_not_applied' as const }
  const wholeInvoice = inv.lines.filter(taxed).every((l) => lines.includes(l))
  if (!wholeInvoice) return exempt
  return {
    ...exempt,
    defect: {
      code: 'tax_on_exempt_invoice',
      detail: `${customer.name} is tax-exempt and every taxed line of ${inv.number} carries tax`,
    },
  }
}
