/**
 * Consultant insights of one more kind: the unmet need a dispute reveals, for the account manager
 * (DOMAIN.md, "Think like a consultant": upselling and cross-selling during the resolution). A SKU
 * on the disputed invoice that the customer keeps ordering either has no contract price (they pay
 * list price for a regular volume) or a contract price above what their own purchase orders offer
 * (a volume tier would fit them better than a dispute per invoice). Each insight names the account
 * manager and rests on the invoices it counts. Internal only: the customer email is drafted from
 * the decision alone and never reads insights.
 */
import { lineFigures } from './invoice-math.ts'
import type { Invoice, PurchaseOrder } from './ledger.ts'
import { cmp, decimalToString, formatMoney, type Money, min, moneyOf, sum, sumQuantities } from './money.ts'
import type { Decision, Evidence, Insight } from './resolution.ts'

/** Orders of one SKU within the window that make it a regular purchase. */
export const REGULAR_ORDERS = 3

export type OpportunityEvidence = Partial<
  Pick<Evidence, 'invoice' | 'contract' | 'customer' | 'otherInvoices' | 'purchaseOrders'>
>

function lowestPoPrice(pos: readonly PurchaseOrder[], sku: string, currency: string): Money | null {
  const prices = pos
    .filter((po) => !po.currency || po.currency === currency)
    .flatMap((po) => po.lines.filter((l) => l.sku === sku).map((l) => moneyOf(l.unitPrice, currency)))
  return prices.length ? prices.reduce(min) : null
}

export function opportunityInsights(
  d: Pick<Decision, 'customerId' | 'customerName'>,
  evidence: OpportunityEvidence | undefined,
  since: string,
  today: string,
): Insight[] {
  const invoice = evidence?.invoice
  if (!invoice) return []
  const currency = invoice.currency
  const seen = new Set<string>()
  const orders = [invoice, ...(evidence.otherInvoices ?? [])].filter((i): i is Invoice => {
    const counted =
      !seen.has(i.number) &&
      i.status !== 'void' &&
      i.currency === currency &&
      i.issueDate > since &&
      i.issueDate <= today
    seen.add(i.number)
    return counted
  })
  const manager = evidence.customer?.accountManager
  const who = manager
    ? `For ${manager} (account manager)`
    : `For the account manager (none recorded for ${d.customerId})`
  const contract = evidence.contract && evidence.contract.currency === currency ? evidence.contract : null
  const money = (m: Money) => formatMoney(m)
  const out: Insight[] = []
  for (const sku of new Set(invoice.lines.map((l) => l.sku))) {
    const lines = orders.flatMap((i) =>
      i.lines.filter((l) => l.sku === sku).map((line) => ({ number: i.number, line })),
    )
    const numbers = [...new Set(lines.map((l) => l.number))]
    if (numbers.length < REGULAR_ORDERS) continue
    const units = decimalToString(sumQuantities(lines.map((l) => l.line.quantity)))
    const spend = sum(
      lines.map((l) => lineFigures(l.line, currency).net),
      currency,
    )
    const volume = `${numbers.length} invoices, ${units} units, ${money(spend)} before tax since ${since}`
    const basis = [`customer ${d.customerId}`, `account manager ${manager ?? 'none recorded'}`, ...numbers]
    const price = contract?.prices.find((p) => p.sku === sku)
    if (!price) {
      out.push({
        kind: 'opportunity',
        text:
          `${who}: ${d.customerName} orders ${sku} regularly (${volume}) with no contract price` +
          `${contract ? ` in ${contract.id}` : ''}; offer a contract price for that volume.`,
        basis,
      })
      continue
    }
    const contractPrice = moneyOf(price.unitPrice, currency)
    const asked = lowestPoPrice(evidence.purchaseOrders ?? [], sku, currency)
    if (!asked || cmp(asked, contractPrice) >= 0) continue
    out.push({
      kind: 'opportunity',
      text:
        `${who}: ${d.customerName} keeps ordering ${sku} (${volume}) and their purchase orders price it at ` +
        `${money(asked)} against ${money(contractPrice)} in contract ${contract?.id}; a volume tier for that ` +
        'quantity would fit them better than a price dispute on each invoice.',
      basis: [...basis, `contract ${contract?.id} ${sku} ${price.unitPrice}`, `lowest PO price ${money(asked)}`],
    })
  }
  return out
}
