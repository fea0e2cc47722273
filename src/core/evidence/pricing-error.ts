/**
 * Invoice line price vs the contract price for that SKU, else the price on the invoice's PO.
 * Over-billing = (billed − agreed) × quantity, with the line's tax on it. A price in another
 * currency than the invoice's cannot be compared and is not used.
 */
import type { InvoiceLine } from '../ledger.ts'
import { decimal, type Money, moneyOf, multiply, parseMoney, sub, zero } from '../money.ts'
import type { DocumentKind, Evidence, Finding } from '../resolution.ts'
import { type Check, creditToNet, lineFinding, result, unitPrice } from './check.ts'

export interface AgreedPrice {
  price: Money
  documentId: string
  kind: DocumentKind
  words: string
}

/** The invoice's PO, when the ledger has it. */
export const invoicePo = (evidence: Evidence) =>
  evidence.invoice.poNumber
    ? (evidence.purchaseOrders.find((po) => po.number === evidence.invoice.poNumber) ?? null)
    : null

export function agreedPrice(evidence: Evidence, sku: string, currency: string): AgreedPrice | null {
  const contract = evidence.contract
  const listed = contract?.currency === currency ? contract.prices.find((p) => p.sku === sku) : undefined
  if (contract && listed) {
    return {
      price: moneyOf(listed.unitPrice, currency),
      documentId: contract.id,
      kind: 'contract',
      words: `contract ${contract.id} price ${listed.unitPrice}`,
    }
  }
  // A PO without a currency is in the company's; it is used only if its price fits the invoice's.
  const po = invoicePo(evidence)
  const poLine = po && (po.currency ?? currency) === currency ? po.lines.find((l) => l.sku === sku) : undefined
  const poPrice = poLine ? parseMoney(poLine.unitPrice, currency) : null
  if (po && poLine && poPrice?.ok) {
    return {
      price: poPrice.value,
      documentId: po.number,
      kind: 'purchase_order',
      words: `PO ${po.number} price ${poLine.unitPrice}`,
    }
  }
  return null
}

/** What the line over-bills against `agreed` (zero when billed at or below it), tax included. */
export function overBilled(line: InvoiceLine, agreed: Money, currency: string): Money {
  if (sub(unitPrice(line, currency), agreed).minor <= 0n) return zero(currency)
  return creditToNet(line, multiply(agreed, decimal(line.quantity)), currency)
}

export const pricingError: Check = (ctx) => {
  const findings: Finding[] = []
  const used = new Set<DocumentKind>()
  let unpriced = 0
  for (const line of ctx.scope.lines) {
    const agreed = agreedPrice(ctx.evidence, line.sku, ctx.currency)
    if (!agreed) {
      unpriced += 1
      continue
    }
    used.add(agreed.kind)
    findings.push(
      lineFinding('pricing_error', line, {
        evidence: agreed.words,
        documentId: agreed.documentId,
        amount: overBilled(line, agreed.price, ctx.currency),
      }),
    )
  }
  // On a whole-invoice claim, lines no document prices are passed over if another line can be
  // checked; a line the specialist named must be checked.
  const blocked = ctx.scope.whole ? findings.length === 0 : unpriced > 0
  if (!blocked) return result(findings, [...used])
  const wanted: DocumentKind = ctx.evidence.contract ? 'purchase_order' : 'contract'
  return result(findings, [...used, wanted], [wanted])
}
