/**
 * Reads the store into the plain shapes the core's reports take (aging items, trend disputes).
 * Pages through everything: the reports are over the whole ledger, not one page of it.
 */
import type { AgingItem } from '../core/aging.ts'
import type { TrendDispute } from '../core/trends.ts'
import { isZeroAmount } from '../core/money.ts'
import type { Store } from './ports.ts'
import { readAll } from './read-all.ts'

/** Every invoice with something still open, as the aging report reads it. */
export async function agingItems(store: Store, filter: { customerId?: string } = {}): Promise<AgingItem[]> {
  const invoices = await readAll((page) =>
    store.ledger.findInvoices({ ...page, ...(filter.customerId ? { customerId: filter.customerId } : {}) }),
  )
  const names = new Map((await readAll((page) => store.ledger.listCustomers(page))).map((c) => [c.id, c.name]))
  const items: AgingItem[] = []
  for (const invoice of invoices) {
    if (invoice.status === 'void' || isZeroAmount(invoice.openBalance) || invoice.openBalance.startsWith('-')) continue
    const name = names.get(invoice.customerId) ?? invoice.customerId
    items.push({
      invoiceNumber: invoice.number,
      customerId: invoice.customerId,
      customerName: name,
      currency: invoice.currency,
      dueDate: invoice.dueDate,
      openBalance: invoice.openBalance,
      disputedAmount: invoice.disputedAmount,
    })
  }
  return items
}

/**
 * The ledger's past disputes and the disputes recorded here, in one shape. A recorded dispute
 * that was imported as a past dispute is counted once (the recorded one wins: it is newer).
 */
export async function pastAndCurrentDisputes(
  store: Store,
  range: { from?: string; to?: string } = {},
): Promise<TrendDispute[]> {
  const past = await readAll((page) => store.ledger.pastDisputes({ ...page, ...range }))
  const recorded = await readAll((page) => store.disputes.list({ ...page, ...range }))
  const current: TrendDispute[] = recorded.map((d) => ({
    id: d.id,
    customerId: d.customerId,
    invoiceNumber: d.invoiceNumber,
    openedDate: d.openedOn,
    ...(d.resolvedAt ? { resolvedDate: d.resolvedAt.slice(0, 10) } : {}),
    reasonCode: d.reasonCode,
    description: d.description,
    disputedAmount: d.originalDisputed,
    ...(d.classification ? { classification: d.classification } : {}),
    ...(d.action ? { action: d.action } : {}),
    ...(isZeroAmount(d.credited) ? {} : { creditedAmount: d.credited }),
    ...rootCauseOf(d),
    ...(d.department ? { department: d.department } : {}),
    escalated: d.escalated,
    ...(d.csat ? { csat: d.csat } : {}),
    ...skusOf(d),
  }))
  const ids = new Set(current.map((d) => d.id))
  return [...past.filter((p) => !ids.has(p.id)), ...current]
}

function skusOf(d: { resolution: { findings: { target: { kind: string; sku?: string } }[] } | null }) {
  const skus = (d.resolution?.findings ?? []).flatMap((f) =>
    f.target.kind === 'line' && f.target.sku ? [f.target.sku] : [],
  )
  return skus.length ? { skus: [...new Set(skus)] } : {}
}

/**
 * Trends group recurring root causes: the investigation's root-cause code groups the same cause
 * across invoices (its sentence names the invoice, so no two would ever match).
 */
function rootCauseOf(d: { rootCause: string | null; resolution: { rootCauseCode: string } | null }) {
  const code = d.resolution?.rootCauseCode
  if (code && code !== 'unknown') return { rootCause: code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) }
  return d.rootCause ? { rootCause: d.rootCause } : {}
}
