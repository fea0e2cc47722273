/**
 * The dispute analysis report for management, for any date range (by default the previous calendar
 * month): volume and value by reason, customer, department and SKU, days to resolve, the share
 * resolved without escalation, credits granted against what the evidence supported, recurring root
 * causes with the prevention actions recorded on them, and the accounts most at risk.
 *
 * Counts, shares and days are the dashboard's own figures (`disputeTrends`, `disputeInsights`, the
 * aging report), never recomputed another way; this module adds the money beside them. Money stays
 * in minor units per currency until it is written as a decimal string: currencies never add. Pure.
 */
import { type AgingItem, agingReport } from './aging.ts'
import { addDays, daysBetween } from './dates.ts'
import { type Cell, disputeInsights, type ReportTable } from './dispute-insights.ts'
import { add, cmp, type Money, max, moneyOf, sub, toDecimal, zero } from './money.ts'
import { type CountRow, disputeTrends, type TrendDispute, type TrendsReport } from './trends.ts'

/** A dispute as the trends read it, with what only the report needs. */
export interface ReportDispute extends TrendDispute {
  /** The dispute's currency; absent: the report's home currency. */
  currency?: string
  /** What the investigation found supported; absent: see `supportedOf`. */
  supportedAmount?: string
  /** Prevention actions recorded on the dispute (its investigation's, or the lead's). */
  prevention?: readonly string[]
}

export interface ReportOptions {
  /** Neither: the calendar month before `today`; only `from`: up to today; only `to`: its month. */
  from?: string
  to?: string
  /** The currency of a dispute that names none (the company's). */
  currency: string
  customerNames?: Readonly<Record<string, string>>
  /** How many accounts at risk to list per currency (default 10). */
  top?: number
}

/** An amount per currency: { USD: "1200.00", EUR: "80.00" }. */
export type Amounts = Record<string, string>

export interface ValueRow extends CountRow {
  name?: string
  value: Amounts
}

export interface CreditRow {
  currency: string
  /** Credited on every dispute of the range (credit memos and goodwill alike). */
  granted: string
  /** What the evidence supported, over the disputes where that is known. */
  supported: string
  /** Of `granted`, what went beyond the support on the same dispute (goodwill, concessions). */
  beyondSupport: string
  /** Of `granted`, what was credited on disputes whose support is not known (not compared). */
  grantedSupportUnknown: string
  /** Disputes whose supported amount is known / not known. */
  compared: number
  unknown: number
  /** Settled without a credit (a payment applied, a cancel-and-rebill): no credit was due, so not compared. */
  otherRemedy: number
}

export interface RootCauseRow extends CountRow {
  prevention: string[]
}

export interface AccountAtRisk {
  customerId: string
  customerName: string
  currency: string
  inDispute: string
  openBalance: string
  over90: string
  /** The oldest open invoice that carries a disputed amount, in days past due. */
  oldestDisputedDaysPastDue: number
  openDisputes: number
}

export interface ManagementReport {
  today: string
  from: string
  to: string
  totals: { disputes: number; open: number; resolved: number; value: Amounts }
  byReason: ValueRow[]
  byCustomer: ValueRow[]
  byDepartment: ValueRow[]
  bySku: ValueRow[]
  daysToResolve: { mean: number | null; median: number | null; p90: number | null }
  resolvedWithoutEscalationShare: number | null
  credits: CreditRow[]
  recurringRootCauses: RootCauseRow[]
  accountsAtRisk: AccountAtRisk[]
}

/** The first and last day of the calendar month before `today`. */
export function previousMonth(today: string): { from: string; to: string } {
  const to = addDays(`${today.slice(0, 7)}-01`, -1)
  return { from: `${to.slice(0, 7)}-01`, to }
}

/** The nearest-rank percentile of whole days; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? null
}

/**
 * What the evidence supported: the investigation's figure when recorded; for an imported past
 * dispute its classification says it (valid: all of it, invalid: none); otherwise it is not known.
 */
export function supportedOf(d: ReportDispute): string | null {
  if (d.supportedAmount !== undefined) return d.supportedAmount
  if (d.classification === 'valid') return d.disputedAmount
  if (d.classification === 'invalid') return '0'
  return null
}

type Totals = Map<string, Money>

function addAmount(totals: Totals, currency: string, amount: Money): void {
  totals.set(currency, add(totals.get(currency) ?? zero(currency), amount))
}

const amountsOf = (totals: Totals): Amounts =>
  Object.fromEntries([...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([c, m]) => [c, toDecimal(m)]))

export function managementReport(
  disputes: readonly ReportDispute[],
  aging: readonly AgingItem[],
  today: string,
  options: ReportOptions,
): ManagementReport {
  const month = previousMonth(today)
  // Only a start: up to today. Only an end: that month from its first day.
  const from = options.from ?? (options.to ? `${options.to.slice(0, 7)}-01` : month.from)
  const to = options.to ?? (options.from ? today : month.to)
  const trends: TrendsReport = disputeTrends(disputes, today, { from, to })
  const overall = disputeInsights(disputes, [], today, { from, to }).overall
  const inRange = disputes.filter((d) => d.openedDate >= from && d.openedDate <= to)
  const byId = new Map(inRange.map((d) => [d.id, d]))
  const currencyOf = (d: ReportDispute) => d.currency ?? options.currency
  const amount = (text: string | undefined, currency: string) => moneyOf(text ?? '0', currency)

  const valued = (rows: readonly CountRow[], names?: Readonly<Record<string, string>>): ValueRow[] =>
    rows.map((row) => {
      const totals: Totals = new Map()
      for (const id of row.ids) {
        const d = byId.get(id)
        if (d) addAmount(totals, currencyOf(d), amount(d.disputedAmount, currencyOf(d)))
      }
      const name = names?.[row.key]
      return { ...row, ...(name ? { name } : {}), value: amountsOf(totals) }
    })

  const value: Totals = new Map()
  for (const d of inRange) addAmount(value, currencyOf(d), amount(d.disputedAmount, currencyOf(d)))
  const days = inRange.flatMap((d) => (d.resolvedDate ? [Math.max(0, daysBetween(d.openedDate, d.resolvedDate))] : []))

  return {
    today,
    from,
    to,
    totals: { disputes: trends.total, open: trends.open, resolved: trends.resolved, value: amountsOf(value) },
    byReason: valued(trends.byReason),
    byCustomer: valued(trends.byCustomer, options.customerNames),
    byDepartment: valued(trends.byDepartment),
    bySku: valued(trends.bySku),
    daysToResolve: {
      mean: trends.averageResolutionDays,
      median: overall.medianDaysToResolve,
      p90: percentile(days, 90),
    },
    resolvedWithoutEscalationShare: trends.resolvedWithoutEscalationShare,
    credits: credits(inRange, currencyOf),
    recurringRootCauses: trends.recurringRootCauses.map((row) => ({
      ...row,
      prevention: [...new Set(row.ids.flatMap((id) => byId.get(id)?.prevention ?? []))],
    })),
    accountsAtRisk: accountsAtRisk(aging, disputes, today, options),
  }
}

function credits(disputes: readonly ReportDispute[], currencyOf: (d: ReportDispute) => string): CreditRow[] {
  type Row = {
    granted: Money
    supported: Money
    beyond: Money
    unknownGranted: Money
    compared: number
    unknown: number
    otherRemedy: number
  }
  const rows = new Map<string, Row>()
  for (const d of disputes) {
    const currency = currencyOf(d)
    const row = rows.get(currency) ?? {
      granted: zero(currency),
      supported: zero(currency),
      beyond: zero(currency),
      unknownGranted: zero(currency),
      compared: 0,
      unknown: 0,
      otherRemedy: 0,
    }
    rows.set(currency, row)
    const granted = moneyOf(d.creditedAmount ?? '0', currency)
    row.granted = add(row.granted, granted)
    if (granted.minor === 0n && (d.action === 'apply_payment' || d.action === 'cancel_and_rebill')) {
      row.otherRemedy += 1
      continue
    }
    const supportedText = supportedOf(d)
    if (supportedText === null) {
      row.unknown += 1
      row.unknownGranted = add(row.unknownGranted, granted)
      continue
    }
    const supported = moneyOf(supportedText, currency)
    row.compared += 1
    row.supported = add(row.supported, supported)
    row.beyond = add(row.beyond, max(zero(currency), sub(granted, supported)))
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, r]) => ({
      currency,
      granted: toDecimal(r.granted),
      supported: toDecimal(r.supported),
      beyondSupport: toDecimal(r.beyond),
      grantedSupportUnknown: toDecimal(r.unknownGranted),
      compared: r.compared,
      unknown: r.unknown,
      otherRemedy: r.otherRemedy,
    }))
}

/** The aging report's customers with money in dispute, the largest disputed balance first, per currency. */
function accountsAtRisk(
  items: readonly AgingItem[],
  disputes: readonly ReportDispute[],
  today: string,
  options: ReportOptions,
): AccountAtRisk[] {
  const aging = agingReport(items, today)
  const openIds = new Map<string, Set<string>>()
  for (const d of disputes) {
    if (d.resolvedDate) continue
    const ids = openIds.get(d.customerId) ?? new Set<string>()
    ids.add(d.id)
    openIds.set(d.customerId, ids)
  }
  const oldest = new Map<string, number>()
  for (const item of aging.items) {
    if (moneyOf(item.disputedAmount, item.currency).minor <= 0n) continue
    const key = `${item.customerId}\u0000${item.currency}`
    oldest.set(key, Math.max(oldest.get(key) ?? 0, item.daysPastDue))
  }
  const rows = aging.customers.flatMap((c) =>
    c.rows
      .filter((r) => moneyOf(r.disputedTotal, r.currency).minor > 0n)
      .map((r) => ({
        customerId: c.customerId,
        customerName: c.customerName,
        currency: r.currency,
        inDispute: r.disputedTotal,
        openBalance: r.total,
        over90: r.buckets.over90,
        oldestDisputedDaysPastDue: oldest.get(`${c.customerId}\u0000${r.currency}`) ?? 0,
        openDisputes: openIds.get(c.customerId)?.size ?? 0,
      })),
  )
  const top = options.top ?? 10
  const currencies = [...new Set(rows.map((r) => r.currency))].sort()
  return currencies.flatMap((currency) =>
    rows
      .filter((r) => r.currency === currency)
      .sort(
        (a, b) =>
          cmp(moneyOf(b.inDispute, currency), moneyOf(a.inDispute, currency)) ||
          b.oldestDisputedDaysPastDue - a.oldestDisputedDaysPastDue ||
          a.customerId.localeCompare(b.customerId),
      )
      .slice(0, top),
  )
}

const amountCells = (a: Amounts): Cell =>
  Object.entries(a)
    .map(([c, v]) => `${v} ${c}`)
    .join('; ') || '0'

/** The report as tables: the printable page draws them, the CSV holds them one after another. */
export function managementReportTables(r: ManagementReport): ReportTable[] {
  const valueTable = (name: string, key: string, rows: readonly ValueRow[]): ReportTable => ({
    name,
    headers: [key, ...(key === 'customer' ? ['customer_name'] : []), 'disputes', 'value'],
    rows: rows.map((row) => [
      row.key,
      ...(key === 'customer' ? [row.name ?? ''] : []),
      row.count,
      amountCells(row.value),
    ]),
  })
  return [
    {
      name: 'summary',
      headers: ['figure', 'value'],
      rows: [
        ['from', r.from],
        ['to', r.to],
        ['disputes', r.totals.disputes],
        ['open', r.totals.open],
        ['resolved', r.totals.resolved],
        ['value_in_dispute', amountCells(r.totals.value)],
        ['mean_days_to_resolve', r.daysToResolve.mean],
        ['median_days_to_resolve', r.daysToResolve.median],
        ['p90_days_to_resolve', r.daysToResolve.p90],
        ['resolved_without_escalation', r.resolvedWithoutEscalationShare],
      ],
    },
    valueTable('by-reason', 'reason', r.byReason),
    valueTable('by-customer', 'customer', r.byCustomer),
    valueTable('by-department', 'department', r.byDepartment),
    valueTable('by-sku', 'sku', r.bySku),
    {
      name: 'credits',
      headers: [
        'currency',
        'granted',
        'supported',
        'beyond_support',
        'granted_support_unknown',
        'disputes_compared',
        'support_unknown',
        'settled_without_credit',
      ],
      rows: r.credits.map((c) => [
        c.currency,
        c.granted,
        c.supported,
        c.beyondSupport,
        c.grantedSupportUnknown,
        c.compared,
        c.unknown,
        c.otherRemedy,
      ]),
    },
    {
      name: 'recurring-root-causes',
      headers: ['root_cause', 'disputes', 'prevention_actions'],
      rows: r.recurringRootCauses.map((c) => [c.key, c.count, c.prevention.join(' | ')]),
    },
    {
      name: 'accounts-at-risk',
      headers: [
        'customer',
        'customer_name',
        'currency',
        'in_dispute',
        'open_balance',
        'over_90',
        'oldest_disputed_days_past_due',
        'open_disputes',
      ],
      rows: r.accountsAtRisk.map((a) => [
        a.customerId,
        a.customerName,
        a.currency,
        a.inDispute,
        a.openBalance,
        a.over90,
        a.oldestDisputedDaysPastDue,
        a.openDisputes,
      ]),
    },
  ]
}
