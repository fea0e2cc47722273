/**
 * The aging report: open balances by days past due, per customer and in total, one row per
 * currency (amounts in different currencies are never added), with the part in dispute shown
 * separately. `applyResolutionToAging` gives the after-picture of a resolution without touching
 * the ledger, so a report can be shown before and after.
 */
import { daysBetween } from './dates.ts'
import { add, clamp, cmp, isZero, type Money, moneyOf, parseMoney, sub, toDecimal, zero } from './money.ts'

export interface AgingItem {
  invoiceNumber: string
  customerId: string
  customerName: string
  currency: string
  dueDate: string
  /** The invoice's open balance, "1400.00". */
  openBalance: string
  /** The part of the open balance in dispute, "150.00" ("0.00" when none). */
  disputedAmount: string
}

export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const
export type AgingBucket = (typeof AGING_BUCKETS)[number]
export const AGING_BUCKET_LABELS: Record<AgingBucket, string> = {
  current: 'Current',
  days1to30: '1–30',
  days31to60: '31–60',
  days61to90: '61–90',
  over90: '90+',
}

/** Days past due → bucket: not yet due (or due today) is current; 30 is the last day of 1–30. */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current'
  if (daysPastDue <= 30) return 'days1to30'
  if (daysPastDue <= 60) return 'days31to60'
  if (daysPastDue <= 90) return 'days61to90'
  return 'over90'
}

export type AgingAmounts = Record<AgingBucket, string>

/** One currency's figures. `buckets` is the whole open balance; `disputed` + `undisputed` split it. */
export interface AgingRow {
  currency: string
  invoices: number
  buckets: AgingAmounts
  disputed: AgingAmounts
  undisputed: AgingAmounts
  total: string
  disputedTotal: string
  undisputedTotal: string
}

export interface AgingCustomer {
  customerId: string
  customerName: string
  rows: AgingRow[]
  /** Open balance per currency, { USD: "1400.00" }: never one figure across currencies. */
  openBalance: Record<string, string>
  inDispute: Record<string, string>
}

export interface AgedItem extends AgingItem {
  daysPastDue: number
  bucket: AgingBucket
}

export interface AgingReport {
  today: string
  bucketLabels: Record<AgingBucket, string>
  customers: AgingCustomer[]
  totals: AgingRow[]
  items: AgedItem[]
}

interface Acc {
  invoices: number
  open: Record<AgingBucket, Money>
  disputed: Record<AgingBucket, Money>
}

const emptyAcc = (currency: string): Acc => ({
  invoices: 0,
  open: Object.fromEntries(AGING_BUCKETS.map((b) => [b, zero(currency)])) as Record<AgingBucket, Money>,
  disputed: Object.fromEntries(AGING_BUCKETS.map((b) => [b, zero(currency)])) as Record<AgingBucket, Money>,
})

function addTo(acc: Acc, bucket: AgingBucket, open: Money, disputed: Money): void {
  acc.invoices += 1
  acc.open[bucket] = add(acc.open[bucket], open)
  acc.disputed[bucket] = add(acc.disputed[bucket], disputed)
}

function toRow(currency: string, acc: Acc): AgingRow {
  const amounts = (pick: (b: AgingBucket) => Money) =>
    Object.fromEntries(AGING_BUCKETS.map((b) => [b, toDecimal(pick(b))])) as AgingAmounts
  const total = (pick: (b: AgingBucket) => Money) => toDecimal(AGING_BUCKETS.map(pick).reduce(add, zero(currency)))
  const undisputed = (b: AgingBucket) => sub(acc.open[b], acc.disputed[b])
  return {
    currency,
    invoices: acc.invoices,
    buckets: amounts((b) => acc.open[b]),
    disputed: amounts((b) => acc.disputed[b]),
    undisputed: amounts(undisputed),
    total: total((b) => acc.open[b]),
    disputedTotal: total((b) => acc.disputed[b]),
    undisputedTotal: total(undisputed),
  }
}

/** The disputed part can never be more than what is open, nor below zero. */
function disputedPart(item: AgingItem, open: Money): Money {
  const disputed = moneyOf(item.disputedAmount, item.currency)
  return open.minor <= 0n ? zero(item.currency) : clamp(disputed, open)
}

export function agingReport(items: readonly AgingItem[], today: string): AgingReport {
  const totals = new Map<string, Acc>()
  const customers = new Map<string, { name: string; byCurrency: Map<string, Acc> }>()
  const aged: AgedItem[] = []
  for (const item of items) {
    const open = moneyOf(item.openBalance, item.currency)
    if (isZero(open)) continue
    const days = daysBetween(item.dueDate, today)
    const bucket = agingBucket(days)
    const disputed = disputedPart(item, open)
    aged.push({ ...item, daysPastDue: Math.max(0, days), bucket })
    const total = totals.get(item.currency) ?? emptyAcc(item.currency)
    totals.set(item.currency, total)
    addTo(total, bucket, open, disputed)
    const customer = customers.get(item.customerId) ?? { name: item.customerName, byCurrency: new Map() }
    customers.set(item.customerId, customer)
    const acc = customer.byCurrency.get(item.currency) ?? emptyAcc(item.currency)
    customer.byCurrency.set(item.currency, acc)
    addTo(acc, bucket, open, disputed)
  }
  const rowsOf = (m: Map<string, Acc>) =>
    [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, acc]) => toRow(currency, acc))
  return {
    today,
    bucketLabels: AGING_BUCKET_LABELS,
    customers: [...customers.entries()]
      .map(([customerId, c]) => {
        const rows = rowsOf(c.byCurrency)
        return {
          customerId,
          customerName: c.name,
          rows,
          openBalance: Object.fromEntries(rows.map((r) => [r.currency, r.total])),
          inDispute: Object.fromEntries(rows.map((r) => [r.currency, r.disputedTotal])),
        }
      })
      .sort((a, b) => a.customerName.localeCompare(b.customerName) || a.customerId.localeCompare(b.customerId)),
    totals: rowsOf(totals),
    items: aged.sort((a, b) => b.daysPastDue - a.daysPastDue || a.invoiceNumber.localeCompare(b.invoiceNumber)),
  }
}

export interface AppliedResolution {
  invoiceNumber: string
  /** Credit memo (or write-off) posted against the invoice. */
  creditedAmount?: string
  /** Payment applied to the invoice. */
  paidAmount?: string
  /** How much of the disputed amount the resolution settles (usually all of it). */
  resolvedDisputedAmount: string
}

export type AgingChangeError =
  | { code: 'invoice_not_found'; field: 'invoiceNumber'; message: string }
  | { code: 'invalid_amount'; field: keyof AppliedResolution; message: string }
  | { code: 'amount_exceeds_balance'; field: 'creditedAmount' | 'paidAmount'; message: string }

export type AgingChange = { ok: true; items: AgingItem[] } | { ok: false; error: AgingChangeError }

/** The open items as they stand once a resolution is applied: credit and payment reduce the balance. */
export function applyResolutionToAging(items: readonly AgingItem[], applied: AppliedResolution): AgingChange {
  const item = items.find((i) => i.invoiceNumber === applied.invoiceNumber)
  if (!item) {
    return {
      ok: false,
      error: {
        code: 'invoice_not_found',
        field: 'invoiceNumber',
        message: `no open item for invoice ${applied.invoiceNumber}`,
      },
    }
  }
  const amount = (field: 'creditedAmount' | 'paidAmount' | 'resolvedDisputedAmount') => {
    const text = applied[field] ?? '0'
    const r = parseMoney(text, item.currency)
    if (!r.ok)
      return { ok: false as const, error: { code: 'invalid_amount' as const, field, message: r.error.message } }
    if (r.value.minor < 0n) {
      return {
        ok: false as const,
        error: { code: 'invalid_amount' as const, field, message: `must not be negative, got "${text}"` },
      }
    }
    return { ok: true as const, value: r.value }
  }
  const credited = amount('creditedAmount')
  if (!credited.ok) return credited
  const paid = amount('paidAmount')
  if (!paid.ok) return paid
  const resolved = amount('resolvedDisputedAmount')
  if (!resolved.ok) return resolved

  const open = moneyOf(item.openBalance, item.currency)
  const afterCredit = sub(open, credited.value)
  if (afterCredit.minor < 0n) {
    return {
      ok: false,
      error: {
        code: 'amount_exceeds_balance',
        field: 'creditedAmount',
        message: `credit ${toDecimal(credited.value)} exceeds the open balance ${item.openBalance} of ${item.invoiceNumber}`,
      },
    }
  }
  const after = sub(afterCredit, paid.value)
  if (after.minor < 0n) {
    return {
      ok: false,
      error: {
        code: 'amount_exceeds_balance',
        field: 'paidAmount',
        message: `payment ${toDecimal(paid.value)} exceeds what is left open (${toDecimal(afterCredit)}) on ${item.invoiceNumber}`,
      },
    }
  }
  const disputedLeft = sub(moneyOf(item.disputedAmount, item.currency), resolved.value)
  const disputed = cmp(disputedLeft, zero(item.currency)) < 0 ? zero(item.currency) : disputedLeft
  const changed: AgingItem = {
    ...item,
    openBalance: toDecimal(after),
    disputedAmount: toDecimal(clamp(disputed, after)),
  }
  return { ok: true, items: items.map((i) => (i === item ? changed : i)) }
}

const CSV_HEADER = [
  'scope',
  'customer_id',
  'customer_name',
  'currency',
  'invoices',
  ...AGING_BUCKETS.map((b) => `open_${b}`),
  'open_total',
  ...AGING_BUCKETS.map((b) => `disputed_${b}`),
  'disputed_total',
  'undisputed_total',
]

export function csvField(value: string | number): string {
  const text = String(value)
  // A leading = + - @ would run as a formula in a spreadsheet; amounts never start with those but names can.
  const safe = /^[=+@]/.test(text) || (/^-/.test(text) && !/^-\d/.test(text)) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One line per customer and currency, then one total line per currency. */
export function agingToCsv(report: AgingReport): string {
  const line = (scope: string, id: string, name: string, r: AgingRow) =>
    [
      scope,
      id,
      name,
      r.currency,
      r.invoices,
      ...AGING_BUCKETS.map((b) => r.buckets[b]),
      r.total,
      ...AGING_BUCKETS.map((b) => r.disputed[b]),
      r.disputedTotal,
      r.undisputedTotal,
    ]
      .map(csvField)
      .join(',')
  const lines = [CSV_HEADER.join(',')]
  for (const c of report.customers)
    for (const r of c.rows) lines.push(line('customer', c.customerId, c.customerName, r))
  for (const r of report.totals) lines.push(line('total', '', '', r))
  return `${lines.join('\r\n')}\r\n`
}
