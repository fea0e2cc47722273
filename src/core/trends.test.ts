import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  disputeTrends,
  everyMonth,
  monthsBetween,
  type SettlementInvoice,
  settlementStats,
  type TrendDispute,
} from './trends.ts'

const d = (id: string, overrides: Partial<TrendDispute>): TrendDispute => ({
  id,
  customerId: 'C-100',
  openedDate: '2026-01-10',
  reasonCode: 'pricing_error',
  description: 'x',
  disputedAmount: '100.00',
  ...overrides,
})

const history: TrendDispute[] = [
  d('D1', {
    openedDate: '2025-07-03',
    resolvedDate: '2025-07-15',
    rootCause: 'Price list not updated after contract renewal',
    department: 'billing',
    escalated: false,
    csat: 3,
    skus: ['WIDGET-A'],
  }),
  d('D2', {
    openedDate: '2025-09-18',
    resolvedDate: '2025-10-01',
    rootCause: 'price list not updated after  contract renewal.',
    department: 'billing',
    escalated: true,
    csat: 4,
    skus: ['WIDGET-A', 'WIDGET-B'],
  }),
  d('D3', {
    customerId: 'C-200',
    reasonCode: 'duplicate_billing',
    openedDate: '2026-02-04',
    resolvedDate: '2026-02-06',
    rootCause: 'subscription renewal job ran twice',
    department: 'billing',
    csat: 5,
  }),
  d('D4', { customerId: 'C-300', reasonCode: 'missing_po', openedDate: '2026-03-01', department: 'sales' }),
  d('D5', { openedDate: '2026-03-14', skus: ['WIDGET-A'] }),
]

describe('disputeTrends', () => {
  const t = disputeTrends(history, '2026-03-15')

  it('counts disputes by customer, reason, department, SKU and month, with their ids', () => {
    expect(t.total).toBe(5)
    expect(t.byCustomer[0]).toEqual({ key: 'C-100', count: 3, ids: ['D1', 'D2', 'D5'] })
    expect(t.byReason.map((r) => [r.key, r.count])).toEqual([
      ['pricing_error', 3],
      ['duplicate_billing', 1],
      ['missing_po', 1],
    ])
    expect(t.byDepartment.map((r) => [r.key, r.count])).toEqual([
      ['billing', 3],
      ['sales', 1],
    ])
    expect(t.bySku).toEqual([
      { key: 'WIDGET-A', count: 3, ids: ['D1', 'D2', 'D5'] },
      { key: 'WIDGET-B', count: 1, ids: ['D2'] },
    ])
    // Every month from the first dispute to today's month, the months without one as zero.
    expect(t.byMonth.map((r) => [r.key, r.count])).toEqual([
      ['2025-07', 1],
      ['2025-08', 0],
      ['2025-09', 1],
      ['2025-10', 0],
      ['2025-11', 0],
      ['2025-12', 0],
      ['2026-01', 0],
      ['2026-02', 1],
      ['2026-03', 2],
    ])
    expect(t.repeatCustomers.map((r) => r.key)).toEqual(['C-100'])
  })

  it('groups root causes written with different case or spacing', () => {
    expect(t.recurringRootCauses).toEqual([
      { key: 'price list not updated after  contract renewal.', count: 2, ids: ['D1', 'D2'] },
    ])
  })

  it('averages resolution days, escalation-free share and CSAT over what was resolved or rated', () => {
    expect(t.resolved).toBe(3)
    expect(t.open).toBe(2)
    expect(t.averageResolutionDays).toBe(9) // (12 + 13 + 2) / 3
    expect(t.resolvedWithoutEscalationShare).toBe(0.6667)
    expect(t.csatAverage).toBe(4)
  })

  it('counts disputes in the recent window and honours a date range', () => {
    expect(t.recent).toEqual({ days: 90, from: '2025-12-16', count: 3, ids: ['D3', 'D4', 'D5'] })
    const ranged = disputeTrends(history, '2026-03-15', { from: '2026-01-01', windowDays: 15 })
    expect(ranged.total).toBe(3)
    expect(ranged.recent.ids).toEqual(['D4', 'D5'])
    expect(ranged.averageResolutionDays).toBe(2)
  })

  it('reports nulls, not zeros, when nothing is resolved or rated', () => {
    const empty = disputeTrends([], '2026-03-15')
    expect([empty.averageResolutionDays, empty.resolvedWithoutEscalationShare, empty.csatAverage]).toEqual([
      null,
      null,
      null,
    ])
  })
})

describe('settlementStats', () => {
  const inv = (customerId: string, disputed: boolean, settledDate: string | null): SettlementInvoice => ({
    customerId,
    disputed,
    invoiceDate: '2026-01-01',
    dueDate: '2026-01-31',
    settledDate,
    amount: '10.00',
  })

  it('measures the dispute rate, the top disputing customers and settlement by group', () => {
    const s = settlementStats([
      inv('A', true, '2026-02-10'),
      inv('A', true, '2026-02-20'),
      inv('A', false, '2026-01-20'),
      inv('B', true, '2026-01-30'),
      inv('B', false, '2026-01-25'),
      inv('C', false, null),
    ])
    expect(s.disputeRate).toBe(0.5)
    expect(s.topDisputingCustomers).toEqual([
      { customerId: 'A', invoices: 3, disputed: 2, rate: 0.6667 },
      { customerId: 'B', invoices: 2, disputed: 1, rate: 0.5 },
    ])
    expect(s.disputedInvoices).toEqual({
      invoices: 3,
      settled: 3,
      medianDaysToSettle: 40,
      meanDaysToSettle: 39.67,
      latePaymentShare: 0.6667,
      meanDaysLate: 10,
    })
    expect(s.undisputedInvoices.settled).toBe(2)
    expect(s.undisputedInvoices.latePaymentShare).toBe(0)
  })

  it('on the real IBM accounts-receivable file, disputed invoices settle later and are paid late more often', () => {
    const rows = parse(readFileSync(new URL('../testing/data/ibm-accounts-receivable.csv', import.meta.url), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Record<string, string>[]
    const iso = (us: string) => {
      const [m, day, y] = us.split('/')
      return `${y}-${m?.padStart(2, '0')}-${day?.padStart(2, '0')}`
    }
    const s = settlementStats(
      rows.map((r) => ({
        customerId: r.customerID ?? '',
        disputed: r.Disputed === 'Yes',
        invoiceDate: iso(r.InvoiceDate ?? ''),
        dueDate: iso(r.DueDate ?? ''),
        settledDate: r.SettledDate ? iso(r.SettledDate) : null,
        amount: r.InvoiceAmount ?? '0',
      })),
    )
    expect(s.invoices).toBe(rows.length)
    expect(s.disputeRate).toBeGreaterThan(0.1)
    expect(s.disputedInvoices.medianDaysToSettle!).toBeGreaterThan(s.undisputedInvoices.medianDaysToSettle!)
    expect(s.disputedInvoices.latePaymentShare!).toBeGreaterThan(s.undisputedInvoices.latePaymentShare!)
    // The file's own DaysToSettle column agrees with our date arithmetic.
    const mean = rows.reduce((n, r) => n + Number(r.DaysToSettle), 0) / rows.length
    const ours =
      ((s.disputedInvoices.meanDaysToSettle ?? 0) * s.disputed +
        (s.undisputedInvoices.meanDaysToSettle ?? 0) * (s.invoices - s.disputed)) /
      s.invoices
    expect(Math.abs(ours - mean)).toBeLessThan(0.05)
  })
})

describe('months in a trend', () => {
  it('draws 2026-10 and 2026-11 as zero between disputes in 2026-09 and 2026-12 (the chart skipped them)', () => {
    const t = disputeTrends(
      [
        d('A', { openedDate: '2026-09-30' }),
        d('B', { openedDate: '2026-12-01' }),
        d('C', { openedDate: '2026-12-02' }),
      ],
      '2026-12-15',
    )
    expect(t.byMonth).toEqual([
      { key: '2026-09', count: 1, ids: ['A'] },
      { key: '2026-10', count: 0, ids: [] },
      { key: '2026-11', count: 0, ids: [] },
      { key: '2026-12', count: 2, ids: ['B', 'C'] },
    ])
  })

  it.each([
    ['2025-11-20', '2026-02-01', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-02-01', '2026-02-28', ['2026-02']],
    ['2026-03-01', '2026-02-01', []],
  ])('lists every month from %s to %s across year ends', (from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months)
  })

  it('fills a requested range at both ends, and has no months without a dispute or a start', () => {
    expect(everyMonth([{ key: '2026-02', count: 3, ids: ['X', 'Y', 'Z'] }], '2026-01-01', '2026-03-31')).toEqual([
      { key: '2026-01', count: 0, ids: [] },
      { key: '2026-02', count: 3, ids: ['X', 'Y', 'Z'] },
      { key: '2026-03', count: 0, ids: [] },
    ])
    expect(everyMonth([], undefined, '2026-03-31')).toEqual([])
    expect(
      disputeTrends([], '2026-03-15', { from: '2026-01-01', to: '2026-02-28' }).byMonth.map((r) => r.count),
    ).toEqual([0, 0])
  })
})
