/**
 * The data insights the seed names, over past and current disputes (the trends' shape) and the
 * deductions customers took: how well each dispute type is resolved, how long it takes, how often
 * without escalation, what customers rated it and whether faster meant happier, and how long
 * deductions stay outstanding. Every month of a range is a row (a quiet month is zeros, never a
 * gap). Money stays in integer minor units until it is written as a decimal string. Pure.
 */
import { csvField } from './aging.ts'
import { addDays, daysBetween } from './dates.ts'
import { money, parseMoney, toDecimal } from './money.ts'
import type { TrendDispute } from './trends.ts'
import { monthsBetween } from './trends.ts'

export interface TypeRow {
  reasonCode: string
  disputes: number
  resolved: number
  /** resolved ÷ disputes: the share of this type brought to a resolution. */
  resolutionRate: number
  meanDaysToResolve: number | null
  medianDaysToResolve: number | null
  /** Of the resolved, the share closed without an escalation. */
  withoutEscalationShare: number | null
  /** Of the classified, the share where the evidence backed the customer (valid or partial). */
  customerRightShare: number | null
  csatAverage: number | null
}

export interface MonthRow {
  month: string
  opened: number
  resolved: number
  meanDaysToResolve: number | null
  withoutEscalationShare: number | null
  csatAverage: number | null
}

export interface SpeedBand {
  band: string
  responses: number
  csatAverage: number | null
}

export interface CsatBySpeed {
  responses: number
  average: number | null
  /** Pearson's r between days to resolve and the rating (negative: faster is rated higher); null under 3 ratings. */
  correlation: number | null
  bands: SpeedBand[]
}

/** A deduction with the day its dispute was resolved (null while it is open). */
export interface DeductionSpan {
  paymentDate: string
  currency: string
  deducted: string
  resolvedDate: string | null
}

export interface DeductionsOutstanding {
  currency: string
  open: number
  openAmount: string
  /** Deductions taken in the window (by payment date), open or not. */
  takenInWindow: string
  windowDays: number
  /** Days deduction outstanding: open amount ÷ taken in the window × window days; null when none taken. */
  ddo: number | null
  /** Days the open deductions have been open, weighted by amount. */
  averageDaysOpen: number | null
}

export interface InsightsReport {
  today: string
  from: string | null
  to: string | null
  overall: Omit<TypeRow, 'reasonCode'>
  byType: TypeRow[]
  byMonth: MonthRow[]
  csat: CsatBySpeed
  deductions: DeductionsOutstanding[]
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, n) => s + n, 0) / xs.length : null)
const share = (part: number, whole: number) => (whole ? round(part / whole, 4) : null)

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const daysToResolve = (d: TrendDispute): number | null =>
  d.resolvedDate ? Math.max(0, daysBetween(d.openedDate, d.resolvedDate)) : null

function summary(ds: readonly TrendDispute[]): Omit<TypeRow, 'reasonCode'> {
  const resolved = ds.filter((d) => d.resolvedDate)
  const days = resolved.map((d) => daysToResolve(d) as number)
  const classified = ds.filter((d) => d.classification && d.classification !== 'needs_info')
  const right = classified.filter((d) => d.classification === 'valid' || d.classification === 'partial')
  const csat = ds.flatMap((d) => (d.csat === undefined ? [] : [d.csat]))
  const m = mean(days)
  const c = mean(csat)
  return {
    disputes: ds.length,
    resolved: resolved.length,
    resolutionRate: share(resolved.length, ds.length) ?? 0,
    meanDaysToResolve: m === null ? null : round(m, 1),
    medianDaysToResolve: median(days),
    withoutEscalationShare: share(resolved.filter((d) => !d.escalated).length, resolved.length),
    customerRightShare: share(right.length, classified.length),
    csatAverage: c === null ? null : round(c, 2),
  }
}

/** Pearson's correlation coefficient; null with fewer than 3 pairs or no spread. */
export function pearson(pairs: readonly (readonly [number, number])[]): number | null {
  if (pairs.length < 3) return null
  const mx = mean(pairs.map((p) => p[0])) as number
  const my = mean(pairs.map((p) => p[1])) as number
  let sxy = 0
  let sxx = 0
  let syy = 0
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my)
    sxx += (x - mx) ** 2
    syy += (y - my) ** 2
  }
  return sxx && syy ? round(sxy / Math.sqrt(sxx * syy), 3) : null
}

const BANDS: { band: string; max: number }[] = [
  { band: '0–7 days', max: 7 },
  { band: '8–14 days', max: 14 },
  { band: '15–30 days', max: 30 },
  { band: 'over 30 days', max: Number.POSITIVE_INFINITY },
]

export function csatBySpeed(ds: readonly TrendDispute[]): CsatBySpeed {
  const pairs = ds.flatMap((d) => {
    const days = daysToResolve(d)
    return days === null || d.csat === undefined ? [] : [[days, d.csat] as const]
  })
  const avg = mean(pairs.map((p) => p[1]))
  return {
    responses: pairs.length,
    average: avg === null ? null : round(avg, 2),
    correlation: pearson(pairs),
    bands: BANDS.map(({ band, max }, i) => {
      const lo = i ? (BANDS[i - 1] as { max: number }).max : -1
      const inBand = pairs.filter(([days]) => days > lo && days <= max).map((p) => p[1])
      const a = mean(inBand)
      return { band, responses: inBand.length, csatAverage: a === null ? null : round(a, 2) }
    }),
  }
}

/** Days deduction outstanding per currency, in minor units until the end. */
export function deductionsOutstanding(
  deductions: readonly DeductionSpan[],
  today: string,
  windowDays = 90,
): DeductionsOutstanding[] {
  const windowFrom = addDays(today, -windowDays)
  const currencies = [...new Set(deductions.map((d) => d.currency))].sort()
  return currencies.map((currency) => {
    const minor = (d: DeductionSpan) => {
      const m = parseMoney(d.deducted, currency)
      return m.ok ? m.value.minor : 0n
    }
    const mine = deductions.filter((d) => d.currency === currency && d.paymentDate <= today)
    const open = mine.filter((d) => !d.resolvedDate || d.resolvedDate > today)
    const openMinor = open.reduce((s, d) => s + minor(d), 0n)
    const taken = mine.filter((d) => d.paymentDate > windowFrom).reduce((s, d) => s + minor(d), 0n)
    const weighted = open.reduce((s, d) => s + minor(d) * BigInt(Math.max(0, daysBetween(d.paymentDate, today))), 0n)
    return {
      currency,
      open: open.length,
      openAmount: toDecimal(money(openMinor, currency)),
      takenInWindow: toDecimal(money(taken, currency)),
      windowDays,
      ddo: taken > 0n ? Number((openMinor * BigInt(windowDays) * 10n) / taken) / 10 : null,
      averageDaysOpen: openMinor > 0n ? Number((weighted * 10n) / openMinor) / 10 : null,
    }
  })
}

export function disputeInsights(
  disputes: readonly TrendDispute[],
  deductions: readonly DeductionSpan[],
  today: string,
  options: { from?: string; to?: string; windowDays?: number } = {},
): InsightsReport {
  const from = options.from ?? null
  const to = options.to ?? null
  const inRange = disputes.filter((d) => (!from || d.openedDate >= from) && (!to || d.openedDate <= to))
  const types = [...new Set(inRange.map((d) => d.reasonCode))].sort()
  const first = from ?? inRange.map((d) => d.openedDate).sort()[0]
  const last = to ?? today
  const months = first ? monthsBetween(first, last) : []
  return {
    today,
    from,
    to,
    overall: summary(inRange),
    byType: types
      .map((reasonCode) => ({ reasonCode, ...summary(inRange.filter((d) => d.reasonCode === reasonCode)) }))
      .sort((a, b) => b.disputes - a.disputes || a.reasonCode.localeCompare(b.reasonCode)),
    byMonth: months.map((month) => {
      const opened = inRange.filter((d) => d.openedDate.startsWith(month))
      const resolved = inRange.filter((d) => d.resolvedDate?.startsWith(month))
      const s = summary(resolved)
      return {
        month,
        opened: opened.length,
        resolved: resolved.length,
        meanDaysToResolve: s.meanDaysToResolve,
        withoutEscalationShare: s.withoutEscalationShare,
        csatAverage: s.csatAverage,
      }
    }),
    csat: csatBySpeed(inRange),
    deductions: deductionsOutstanding(deductions, today, options.windowDays),
  }
}

export type Cell = string | number | null

/** A report as one table: the rows the dashboard draws and its CSV download holds. */
export interface ReportTable {
  name: string
  headers: string[]
  rows: Cell[][]
}

export function insightTables(r: InsightsReport): ReportTable[] {
  const typeCells = (t: Omit<TypeRow, 'reasonCode'>): Cell[] => [
    t.disputes,
    t.resolved,
    t.resolutionRate,
    t.meanDaysToResolve,
    t.medianDaysToResolve,
    t.withoutEscalationShare,
    t.customerRightShare,
    t.csatAverage,
  ]
  const typeHeaders = [
    'disputes',
    'resolved',
    'resolution_rate',
    'mean_days_to_resolve',
    'median_days_to_resolve',
    'resolved_without_escalation',
    'customer_right_share',
    'csat_average',
  ]
  return [
    {
      name: 'resolution-by-type',
      headers: ['dispute_type', ...typeHeaders],
      rows: [...r.byType.map((t) => [t.reasonCode, ...typeCells(t)]), ['all', ...typeCells(r.overall)]],
    },
    {
      name: 'resolution-by-month',
      headers: ['month', 'opened', 'resolved', 'mean_days_to_resolve', 'resolved_without_escalation', 'csat_average'],
      rows: r.byMonth.map((m) => [
        m.month,
        m.opened,
        m.resolved,
        m.meanDaysToResolve,
        m.withoutEscalationShare,
        m.csatAverage,
      ]),
    },
    {
      name: 'csat-by-speed',
      headers: ['days_to_resolve', 'responses', 'csat_average'],
      rows: r.csat.bands.map((b) => [b.band, b.responses, b.csatAverage]),
    },
    {
      name: 'deductions-outstanding',
      headers: ['currency', 'open', 'open_amount', 'taken_in_window', 'window_days', 'ddo_days', 'average_days_open'],
      rows: r.deductions.map((d) => [
        d.currency,
        d.open,
        d.openAmount,
        d.takenInWindow,
        d.windowDays,
        d.ddo,
        d.averageDaysOpen,
      ]),
    },
  ]
}

/** RFC 4180 lines; an empty cell for null; formula-looking text defused as the aging CSV does. */
export function tableCsv(t: Pick<ReportTable, 'headers' | 'rows'>): string {
  const line = (cells: readonly Cell[]) => cells.map((c) => (c === null ? '' : csvField(c))).join(',')
  return `${[line(t.headers), ...t.rows.map(line)].join('\r\n')}\r\n`
}
