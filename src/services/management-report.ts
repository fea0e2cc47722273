/**
 * The management report over the store: the same disputes the trends and insights read (past and
 * recorded, counted once), with each one's currency, the amount its investigation supported and
 * the prevention actions recorded on it, and the aging report's open items. The figures are the core's.
 */
import { type ManagementReport, managementReport, type ReportDispute } from '../core/management-report.ts'
import type { Store } from './ports.ts'
import { readAll } from './read-all.ts'
import { agingItems, pastAndCurrentDisputes } from './report-inputs.ts'

export async function managementReportOf(
  store: Store,
  today: string,
  range: { from?: string; to?: string; top?: number } = {},
): Promise<ManagementReport> {
  // All of them: the core picks the range as the trends do, and counts open disputes at any date.
  const [disputes, recorded, invoices, customers, aging, company] = await Promise.all([
    pastAndCurrentDisputes(store),
    readAll((page) => store.disputes.list(page)),
    readAll((page) => store.ledger.findInvoices(page)),
    readAll((page) => store.ledger.listCustomers(page)),
    agingItems(store),
    store.ledger.company(),
  ])
  const own = new Map(recorded.map((d) => [d.id, d]))
  const invoiceCurrency = new Map(invoices.map((i) => [i.number, i.currency]))
  const enriched: ReportDispute[] = disputes.map((d) => {
    const r = own.get(d.id)
    if (!r) {
      const currency = d.invoiceNumber ? invoiceCurrency.get(d.invoiceNumber) : undefined
      return currency ? { ...d, currency } : d
    }
    return {
      ...d,
      currency: r.currency,
      ...(r.supportedAmount !== null ? { supportedAmount: r.supportedAmount } : {}),
      ...(r.resolution?.prevention.length ? { prevention: r.resolution.prevention } : {}),
    }
  })
  return managementReport(enriched, aging, today, {
    ...(range.from ? { from: range.from } : {}),
    ...(range.to ? { to: range.to } : {}),
    ...(range.top ? { top: range.top } : {}),
    currency: company.currency,
    customerNames: Object.fromEntries(customers.map((c) => [c.id, c.name])),
  })
}
