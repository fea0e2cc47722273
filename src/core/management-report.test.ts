import { describe, expect, it } from 'vitest'
import type { AgingItem } from './aging.ts'
import { disputeInsights, tableCsv } from './dispute-insights.ts'
import {
  managementReport,
  managementReportTables,
  percentile,
  previousMonth,
  type ReportDispute,
  supportedOf,
} from './management-report.ts'
import { disputeTrends } from './trends.ts'

const d = (id: string, o: Partial<ReportDispute>): ReportDispute => ({
  id,
  customerId: 'C-1',
  openedDate: '2026-10-05',
  reasonCode: 'pricing_error',
  description: 'x',
  disputedAmount: '100.00',
  ...o,
})

/** A ledger's disputes around October 2026: five in the month, one before, one after. */
const disputes: ReportDispute[] = [
  d('D0', { openedDate: '2026-09-30', disputedAmount: '999.99', resolvedDate: '2026-10-02' }),
  d('D1', {
    resolvedDate: '2026-10-09',
    classification: 'valid',
    creditedAmount: '100.00',
    rootCause: 'Price list not updated',
    department: 'billing',
    skus: ['OIL-5'],
    prevention: ['Load renewed prices on the contract start date'],
  }),
  d('D2', {
    openedDate: '2026-10-10',
    resolvedDate: '2026-10-30',
    disputedAmount: '250.50',
    classification: 'partial',
    supportedAmount: '50.25',
    creditedAmount: '80.25',
    rootCause: 'price list not updated.',
    department: 'billing',
    escalated: true,
    skus: ['OIL-5', 'FLOUR-1'],
    prevention: ['Load renewed prices on the contract start date', 'Alert billing on a price mismatch'],
  }),
  d('D3', {
    customerId: 'C-2',
    reasonCode: 'quantity_discrepancy',
    openedDate: '2026-10-12',
    resolvedDate: '2026-10-16',
    disputedAmount: '40.00',
    classification: 'invalid',
    department: 'warehouse',
  }),
  d('D4', { customerId: 'C-2', reasonCode: 'quantity_discrepancy', openedDate: '2026-10-20', disputedAmount: '70.00' }),
  d('D5', {
    customerId: 'C-3',
    openedDate: '2026-10-31',
    currency: 'EUR',
    disputedAmount: '30.00',
    resolvedDate: '2026-11-03',
    classification: 'needs_info',
    creditedAmount: '5.00',
  }),
  d('D6', { openedDate: '2026-11-01', disputedAmount: '12.00' }),
]

const aging: AgingItem[] = [
  {
    invoiceNumber: 'INV-1',
    customerId: 'C-1',
    customerName: 'Lakeshore',
    currency: 'USD',
    dueDate: '2026-07-01',
    openBalance: '500.00',
    disputedAmount: '150.00',
  },
  {
    invoiceNumber: 'INV-2',
    customerId: 'C-2',
    customerName: 'Bayside',
    currency: 'USD',
    dueDate: '2026-11-01',
    openBalance: '900.00',
    disputedAmount: '70.00',
  },
  {
    invoiceNumber: 'INV-3',
    customerId: 'C-2',
    customerName: 'Bayside',
    currency: 'USD',
    dueDate: '2026-12-01',
    openBalance: '300.00',
    disputedAmount: '0.00',
  },
  {
    invoiceNumber: 'INV-4',
    customerId: 'C-3',
    customerName: 'Hafen',
    currency: 'EUR',
    dueDate: '2026-11-10',
    openBalance: '80.00',
    disputedAmount: '30.00',
  },
]

const today = '2026-11-15'
const report = managementReport(disputes, aging, today, {
  currency: 'USD',
  customerNames: { 'C-1': 'Lakeshore', 'C-2': 'Bayside' },
})

describe('managementReport', () => {
  it('covers the previous calendar month unless given a range', () => {
    expect([report.from, report.to]).toEqual(['2026-10-01', '2026-10-31'])
    expect(previousMonth('2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(previousMonth('2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    const fromOnly = managementReport(disputes, aging, today, { currency: 'USD', from: '2026-10-20' })
    expect([fromOnly.to, fromOnly.totals.disputes]).toEqual([today, 3])
  })

  it('counts exactly what the dashboard counts for the same range', () => {
    const trends = disputeTrends(disputes, today, { from: report.from, to: report.to })
    const insights = disputeInsights(disputes, [], today, { from: report.from, to: report.to })
    expect(report.totals).toMatchObject({ disputes: trends.total, open: trends.open, resolved: trends.resolved })
    expect(report.totals.disputes).toBe(5)
    expect(report.byReason.map((r) => [r.key, r.count])).toEqual(trends.byReason.map((r) => [r.key, r.count]))
    expect(report.daysToResolve.mean).toBe(trends.averageResolutionDays)
    expect(report.daysToResolve.median).toBe(insights.overall.medianDaysToResolve)
    expect(report.resolvedWithoutEscalationShare).toBe(trends.resolvedWithoutEscalationShare)
  })

  it('adds the value in dispute per currency, as decimals, by reason, customer, department and SKU', () => {
    expect(report.totals.value).toEqual({ EUR: '30.00', USD: '460.50' })
    expect(report.byReason).toEqual([
      { key: 'pricing_error', count: 3, ids: ['D1', 'D2', 'D5'], value: { EUR: '30.00', USD: '350.50' } },
      { key: 'quantity_discrepancy', count: 2, ids: ['D3', 'D4'], value: { USD: '110.00' } },
    ])
    expect(report.byCustomer[0]).toMatchObject({ key: 'C-1', name: 'Lakeshore', count: 2, value: { USD: '350.50' } })
    expect(report.byDepartment.map((r) => [r.key, r.value])).toEqual([
      ['billing', { USD: '350.50' }],
      ['warehouse', { USD: '40.00' }],
    ])
    // A dispute naming two SKUs counts in each.
    expect(report.bySku.map((r) => [r.key, r.count, r.value.USD])).toEqual([
      ['OIL-5', 2, '350.50'],
      ['FLOUR-1', 1, '250.50'],
    ])
  })

  it('gives days to resolve as mean, median and 90th percentile, and the share without escalation', () => {
    // Resolved in range: D1 4 days, D2 20, D3 4, D5 3.
    expect(report.daysToResolve).toEqual({ mean: 7.8, median: 4, p90: 20 })
    expect(report.resolvedWithoutEscalationShare).toBe(0.75)
    expect(percentile([], 90)).toBeNull()
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
  })

  it('sets credits granted against what the evidence supported, per currency', () => {
    expect(report.credits).toEqual([
      {
        currency: 'EUR',
        granted: '5.00',
        supported: '0.00',
        beyondSupport: '0.00',
        grantedSupportUnknown: '5.00',
        compared: 0,
        unknown: 1,
        otherRemedy: 0,
      },
      // D1 valid 100 (credited 100), D2 supported 50.25 credited 80.25 (30.00 beyond), D3 invalid 0, D4 unknown.
      {
        currency: 'USD',
        granted: '180.25',
        supported: '150.25',
        beyondSupport: '30.00',
        grantedSupportUnknown: '0.00',
        compared: 3,
        unknown: 1,
        otherRemedy: 0,
      },
    ])
    // A valid dispute settled by applying the payment was owed no credit: it is not compared.
    const paid = managementReport(
      [d('P1', { classification: 'valid', action: 'apply_payment', creditedAmount: '0.00' })],
      [],
      today,
      {
        currency: 'USD',
      },
    )
    expect(paid.credits[0]).toMatchObject({ supported: '0.00', compared: 0, unknown: 0, otherRemedy: 1 })
    expect(supportedOf(d('x', { classification: 'partial' }))).toBeNull()
  })

  it('lists recurring root causes with the prevention actions recorded on them, once each', () => {
    expect(report.recurringRootCauses).toEqual([
      {
        key: 'price list not updated.',
        count: 2,
        ids: ['D1', 'D2'],
        prevention: ['Load renewed prices on the contract start date', 'Alert billing on a price mismatch'],
      },
    ])
  })

  it('ranks accounts at risk by the open disputed value, per currency, with their aging', () => {
    expect(report.accountsAtRisk).toEqual([
      {
        customerId: 'C-3',
        customerName: 'Hafen',
        currency: 'EUR',
        inDispute: '30.00',
        openBalance: '80.00',
        over90: '0.00',
        oldestDisputedDaysPastDue: 5,
        openDisputes: 0,
      },
      {
        customerId: 'C-1',
        customerName: 'Lakeshore',
        currency: 'USD',
        inDispute: '150.00',
        openBalance: '500.00',
        over90: '500.00',
        oldestDisputedDaysPastDue: 137,
        openDisputes: 1,
      },
      {
        customerId: 'C-2',
        customerName: 'Bayside',
        currency: 'USD',
        inDispute: '70.00',
        openBalance: '1200.00',
        over90: '0.00',
        oldestDisputedDaysPastDue: 14,
        openDisputes: 1,
      },
    ])
  })

  it('writes the same figures as CSV tables', () => {
    const tables = managementReportTables(report)
    expect(tables.map((t) => t.name)).toEqual([
      'summary',
      'by-reason',
      'by-customer',
      'by-department',
      'by-sku',
      'credits',
      'recurring-root-causes',
      'accounts-at-risk',
    ])
    const summary = tableCsv(tables[0] as (typeof tables)[number])
    expect(summary).toContain('disputes,5\r\n')
    expect(summary).toContain('value_in_dispute,30.00 EUR; 460.50 USD\r\n')
    expect(tableCsv(tables[2] as (typeof tables)[number])).toContain('C-1,Lakeshore,2,350.50 USD\r\n')
  })
})
