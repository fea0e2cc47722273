/**
 * Dispute trends over past and current disputes (the ledger's PastDispute shape), and settlement
 * statistics over invoices with a disputed flag (the shape of an AR export such as IBM's sample).
 * Counts carry the dispute ids so a lead can open each one.
 */
import { addDays, daysBetween } from './dates.ts'
import type { PastDispute } from './ledger.ts'

/** A past or current dispute; `skus` when the dispute names products. */
export type TrendDispute = PastDispute & { skus?: string[] }

export interface CountRow {
  key: string
  count: number
  ids: string[]
}

export interface TrendsOptions {
  /** Only disputes opened on or after / on or before these dates count. */
  from?: string
  to?: string
  /** The "recent" window ending today, in days (default 90, the policy's repeat-dispute window). */
  windowDays?: number
}

export interface TrendsReport {
  today: string
  from: string | null
  to: string | null
  total: number
  open: number
  resolved: number
  byCustomer: CountRow[]
  byReason: CountRow[]
  byDepartment: CountRow[]
  bySku: CountRow[]
  byMonth: CountRow[]
  /** Customers with two or more disputes. */
  repeatCustomers: CountRow[]
  /** Root causes (as written, compared case- and space-insensitively) seen two or more times. */
  recurringRootCauses: CountRow[]
  /** Mean days from opening to resolution over resolved disputes, one decimal; null when none resolved. */
  averageResolutionDays: number | null
  /** Share (0–1) of resolved disputes closed without escalation; null when none resolved. */
  resolvedWithoutEscalationShare: number | null
  csatAverage: number | null
  csatResponses: number
  recent: { days: number; from: string; count: number; ids: string[] }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

/** The grouping key of free-text root causes: case and spacing do not make a different cause. */
export function rootCauseKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.;:]+$/, '')
}

export function countBy<T extends { id: string }>(
  items: readonly T[],
  keys: (item: T) => readonly string[],
): CountRow[] {
  const groups = new Map<string, string[]>()
  for (const item of items) {
    for (const key of new Set(keys(item))) {
      const ids = groups.get(key) ?? []
      ids.push(item.id)
      groups.set(key, ids)
    }
  }
  return [...groups.entries()]
    .map(([key, ids]) => ({ key, count: ids.length, ids }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}

/** "YYYY-MM" of each month from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = []
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))]
  const last = to.slice(0, 7)
  for (let key = from.slice(0, 7); key <= last; key = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(key)
    m += 1
    if (m > 12) [y, m] = [y + 1, 1]
  }
  return months
}

const maxDate = (a: string, b: string | undefined) => (b && b > a ? b : a)

/**
 * One row per month of the range, a month without disputes as a zero row: a chart over time must
 * not draw September next to December as if they were neighbours.
 */
export function everyMonth(rows: readonly CountRow[], from: string | undefined, to: string): CountRow[] {
  const byKey = new Map(rows.map((r) => [r.key, r]))
  const first = [from?.slice(0, 7), ...byKey.keys()].filter((k): k is string => Boolean(k)).sort()[0]
  if (!first) return []
  return monthsBetween(first, to).map((key) => byKey.get(key) ?? { key, count: 0, ids: [] })
}

export function disputeTrends(
  disputes: readonly TrendDispute[],
  today: string,
  options: TrendsOptions = {},
): TrendsReport {
  const from = options.from ?? null
  const to = options.to ?? null
  const inRange = disputes
    .filter((d) => (!from || d.openedDate >= from) && (!to || d.openedDate <= to))
    .slice()
    .sort((a, b) => a.openedDate.localeCompare(b.openedDate) || a.id.localeCompare(b.id))
  const resolved = inRange.filter((d) => d.resolvedDate)
  const rootCauseText = new Map<string, string>()
  for (const d of inRange) if (d.rootCause) rootCauseText.set(rootCauseKey(d.rootCause), d.rootCause.trim())

  const byCustomer = countBy(inRange, (d) => [d.customerId])
  const csat = inRange.flatMap((d) => (d.csat === undefined ? [] : [d.csat]))
  const windowDays = options.windowDays ?? 90
  const windowFrom = addDays(today, -windowDays)
  const recent = inRange.filter((d) => d.openedDate > windowFrom && d.openedDate <= today)

  return {
    today,
    from,
    to,
    total: inRange.length,
    open: inRange.length - resolved.length,
    resolved: resolved.length,
    byCustomer,
    byReason: countBy(inRange, (d) => [d.reasonCode]),
    byDepartment: countBy(inRange, (d) => (d.department ? [d.department] : [])),
    bySku: countBy(inRange, (d) => d.skus ?? []),
    byMonth: everyMonth(
      countBy(inRange, (d) => [d.openedDate.slice(0, 7)]),
      from ?? inRange[0]?.openedDate,
      to ?? maxDate(today, inRange.at(-1)?.openedDate),
    ),
    repeatCustomers: byCustomer.filter((r) => r.count >= 2),
    recurringRootCauses: countBy(inRange, (d) => (d.rootCause ? [rootCauseKey(d.rootCause)] : []))
      .filter((r) => r.count >= 2)
      .map((r) => ({ ...r, key: rootCauseText.get(r.key) ?? r.key })),
    averageResolutionDays: resolved.length
      ? round(
          resolved.reduce((s, d) => s + daysBetween(d.openedDate, d.resolvedDate ?? d.openedDate), 0) / resolved.length,
          1,
        )
      : null,
    resolvedWithoutEscalationShare: resolved.length
      ? round(resolved.filter((d) => !d.escalated).length / resolved.length, 4)
      : null,
    csatAverage: csat.length ? round(csat.reduce((s, n) => s + n, 0) / csat.length, 2) : null,
    csatResponses: csat.length,
    recent: { days: windowDays, from: addDays(windowFrom, 1), count: recent.length, ids: recent.map((d) => d.id) },
  }
}

/** One invoice of an AR export; `invoiceDate` when known gives days-to-settle, else only lateness is measured. */
export interface SettlementInvoice {
  customerId: string
  disputed: boolean
  dueDate: string
  settledDate: string | null
  amount: string
  invoiceDate?: string
}

export interface SettlementGroup {
  invoices: number
  settled: number
  medianDaysToSettle: number | null
  meanDaysToSettle: number | null
  /** Share (0–1) of settled invoices paid after their due date. */
  latePaymentShare: number | null
  meanDaysLate: number | null
}

export interface CustomerDisputeRate {
  customerId: string
  invoices: number
  disputed: number
  rate: number
}

export interface SettlementStats {
  invoices: number
  disputed: number
  disputeRate: number
  topDisputingCustomers: CustomerDisputeRate[]
  disputedInvoices: SettlementGroup
  undisputedInvoices: SettlementGroup
}

function median(sorted: readonly number[]): number | null {
  if (!sorted.length) return null
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function settlementGroup(invoices: readonly SettlementInvoice[]): SettlementGroup {
  const settled = invoices.filter((i) => i.settledDate)
  const toSettle = settled
    .flatMap((i) => (i.invoiceDate && i.settledDate ? [daysBetween(i.invoiceDate, i.settledDate)] : []))
    .sort((a, b) => a - b)
  const late = settled.map((i) => Math.max(0, daysBetween(i.dueDate, i.settledDate ?? i.dueDate)))
  const mean = (xs: readonly number[]) => (xs.length ? round(xs.reduce((s, n) => s + n, 0) / xs.length, 2) : null)
  return {
    invoices: invoices.length,
    settled: settled.length,
    medianDaysToSettle: median(toSettle),
    meanDaysToSettle: mean(toSettle),
    latePaymentShare: settled.length ? round(late.filter((d) => d > 0).length / settled.length, 4) : null,
    meanDaysLate: mean(late),
  }
}

/** Dispute rate, the customers who dispute most, and how disputed invoices settle against the rest. */
export function settlementStats(invoices: readonly SettlementInvoice[], top = 10): SettlementStats {
  const perCustomer = new Map<string, { invoices: number; disputed: number }>()
  for (const i of invoices) {
    const c = perCustomer.get(i.customerId) ?? { invoices: 0, disputed: 0 }
    c.invoices += 1
    if (i.disputed) c.disputed += 1
    perCustomer.set(i.customerId, c)
  }
  const disputed = invoices.filter((i) => i.disputed)
  return {
    invoices: invoices.length,
    disputed: disputed.length,
    disputeRate: invoices.length ? round(disputed.length / invoices.length, 4) : 0,
    topDisputingCustomers: [...perCustomer.entries()]
      .filter(([, c]) => c.disputed > 0)
      .map(([customerId, c]) => ({ customerId, ...c, rate: round(c.disputed / c.invoices, 4) }))
      .sort((a, b) => b.disputed - a.disputed || b.rate - a.rate || a.customerId.localeCompare(b.customerId))
      .slice(0, top),
    disputedInvoices: settlementGroup(disputed),
    undisputedInvoices: settlementGroup(invoices.filter((i) => !i.disputed)),
  }
}
