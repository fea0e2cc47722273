import { describe, expect, it } from 'vitest'
import { type AgingItem, agingBucket, agingReport, agingToCsv, applyResolutionToAging } from './aging.ts'
import { addDays } from './dates.ts'

const today = '2026-03-15'
const item = (overrides: Partial<AgingItem> = {}): AgingItem => ({
  invoiceNumber: 'INV-1',
  customerId: 'C-1',
  customerName: 'Globex',
  currency: 'USD',
  dueDate: today,
  openBalance: '100.00',
  disputedAmount: '0.00',
  ...overrides,
})

describe('agingReport', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, 'days1to30'],
    [30, 'days1to30'],
    [31, 'days31to60'],
    [60, 'days31to60'],
    [61, 'days61to90'],
    [90, 'days61to90'],
    [91, 'over90'],
  ] as const)('puts an invoice %i days past due in %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket)
    const report = agingReport([item({ dueDate: addDays(today, -days) })], today)
    expect(report.totals[0]?.buckets[bucket]).toBe('100.00')
    expect(report.items[0]?.bucket).toBe(bucket)
  })

  it('shows the disputed part separately from the undisputed part, per bucket', () => {
    const report = agingReport(
      [
        item({
          invoiceNumber: 'INV-1',
          dueDate: addDays(today, -10),
          openBalance: '1400.00',
          disputedAmount: '150.00',
        }),
        item({ invoiceNumber: 'INV-2', dueDate: addDays(today, -45), openBalance: '200.00' }),
      ],
      today,
    )
    const row = report.totals[0]!
    expect(row.buckets.days1to30).toBe('1400.00')
    expect(row.disputed.days1to30).toBe('150.00')
    expect(row.undisputed.days1to30).toBe('1250.00')
    expect(row.buckets.days31to60).toBe('200.00')
    expect(row.disputed.days31to60).toBe('0.00')
    expect([row.total, row.disputedTotal, row.undisputedTotal]).toEqual(['1600.00', '150.00', '1450.00'])
  })

  it('never adds different currencies: one row per currency, per customer and in total', () => {
    const report = agingReport(
      [
        item({ invoiceNumber: 'INV-1', openBalance: '100.00' }),
        item({ invoiceNumber: 'INV-2', currency: 'EUR', openBalance: '50.00' }),
        item({
          invoiceNumber: 'INV-3',
          customerId: 'C-2',
          customerName: 'Initech',
          currency: 'JPY',
          openBalance: '5000',
        }),
      ],
      today,
    )
    expect(report.totals.map((r) => [r.currency, r.total])).toEqual([
      ['EUR', '50.00'],
      ['JPY', '5000'],
      ['USD', '100.00'],
    ])
    expect(report.customers.find((c) => c.customerId === 'C-1')?.openBalance).toEqual({ EUR: '50.00', USD: '100.00' })
  })

  it('leaves settled items out and caps the disputed part at the open balance', () => {
    const report = agingReport(
      [
        item({ invoiceNumber: 'INV-1', openBalance: '0.00', disputedAmount: '10.00' }),
        item({ invoiceNumber: 'INV-2', openBalance: '40.00', disputedAmount: '150.00' }),
      ],
      today,
    )
    expect(report.items.map((i) => i.invoiceNumber)).toEqual(['INV-2'])
    expect(report.totals[0]?.disputedTotal).toBe('40.00')
  })
})

describe('applyResolutionToAging', () => {
  const before = [
    item({ invoiceNumber: 'INV-1', dueDate: addDays(today, -10), openBalance: '1400.00', disputedAmount: '150.00' }),
    item({ invoiceNumber: 'INV-2', dueDate: addDays(today, -45), openBalance: '200.00' }),
  ]

  it('reduces the open balance by the credit and clears the resolved dispute, leaving others alone', () => {
    const after = applyResolutionToAging(before, {
      invoiceNumber: 'INV-1',
      creditedAmount: '150.00',
      resolvedDisputedAmount: '150.00',
    })
    if (!after.ok) throw new Error(after.error.message)
    const a = agingReport(after.items, today).totals[0]!
    const b = agingReport(before, today).totals[0]!
    expect([b.total, b.disputedTotal]).toEqual(['1600.00', '150.00'])
    expect([a.total, a.disputedTotal, a.buckets.days1to30, a.buckets.days31to60]).toEqual([
      '1450.00',
      '0.00',
      '1250.00',
      '200.00',
    ])
    expect(before[0]?.openBalance).toBe('1400.00')
  })

  it('drops an invoice from the report once a payment settles it', () => {
    const after = applyResolutionToAging(before, {
      invoiceNumber: 'INV-2',
      paidAmount: '200.00',
      resolvedDisputedAmount: '0.00',
    })
    if (!after.ok) throw new Error(after.error.message)
    expect(agingReport(after.items, today).items.map((i) => i.invoiceNumber)).toEqual(['INV-1'])
  })

  it.each([
    [{ invoiceNumber: 'INV-9', resolvedDisputedAmount: '0' }, 'invoice_not_found', 'invoiceNumber'],
    [
      { invoiceNumber: 'INV-1', creditedAmount: '1400.01', resolvedDisputedAmount: '0' },
      'amount_exceeds_balance',
      'creditedAmount',
    ],
    [
      { invoiceNumber: 'INV-1', creditedAmount: '1.005', resolvedDisputedAmount: '0' },
      'invalid_amount',
      'creditedAmount',
    ],
    [{ invoiceNumber: 'INV-1', paidAmount: '-1.00', resolvedDisputedAmount: '0' }, 'invalid_amount', 'paidAmount'],
  ] as const)('refuses %o with %s on %s', (applied, code, field) => {
    const r = applyResolutionToAging(before, applied)
    expect(r.ok).toBe(false)
    if (!r.ok) expect([r.error.code, r.error.field]).toEqual([code, field])
  })
})

describe('agingToCsv', () => {
  it('writes one line per customer and currency plus totals, quoting names with commas', () => {
    const csv = agingToCsv(
      agingReport([item({ customerName: 'Acme, Inc.', openBalance: '100.00', disputedAmount: '25.00' })], today),
    )
    const lines = csv.trim().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^scope,customer_id,customer_name,currency,invoices,open_current/)
    expect(lines[1]).toBe(
      'customer,C-1,"Acme, Inc.",USD,1,100.00,0.00,0.00,0.00,0.00,100.00,25.00,0.00,0.00,0.00,0.00,25.00,75.00',
    )
    expect(lines[2]?.startsWith('total,,,USD,1,100.00')).toBe(true)
  })

  it('neutralises a customer name a spreadsheet would run as a formula', () => {
    const csv = agingToCsv(agingReport([item({ customerName: '=HYPERLINK("x")' })], today))
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
  })
})
