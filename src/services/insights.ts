/**
 * The data insights report over the store: past and current disputes as the trends read them, and
 * every deduction with the day its dispute was resolved. The figures are the core's.
 */
import { type DeductionSpan, disputeInsights, type InsightsReport } from '../core/dispute-insights.ts'
import type { Store } from './ports.ts'
import { readAll } from './read-all.ts'
import { pastAndCurrentDisputes } from './report-inputs.ts'

export async function insightsReport(
  store: Store,
  today: string,
  range: { from?: string; to?: string } = {},
): Promise<InsightsReport> {
  const disputes = await pastAndCurrentDisputes(store, range)
  const resolvedOn = new Map(disputes.map((d) => [d.id, d.resolvedDate ?? null]))
  const deductions = await readAll((page) => store.deductions.list(page))
  const spans: DeductionSpan[] = deductions.map((d) => ({
    paymentDate: d.paymentDate,
    currency: d.currency,
    deducted: d.deducted,
    resolvedDate: d.disputeId ? (resolvedOn.get(d.disputeId) ?? null) : null,
  }))
  return disputeInsights(disputes, spans, today, range)
}
