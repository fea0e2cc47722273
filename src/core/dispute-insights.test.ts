import { describe, expect, it } from 'vitest'
import {
  csatBySpeed,
  type DeductionSpan,
  deductionsOutstanding,
  disputeInsights,
  insightTables,
  pearson,
  tableCsv,
} from './dispute-insights.ts'
import type { TrendDispute } from './trends.ts'

const d = (id: string, o: Partial<TrendDispute>): TrendDispute => ({
  id,
  customerId: 'C-1',
  openedDate: '2026-01-05',
  reasonCode: 'pricing_error',
  description: 'x',
  disputedAmount: '10.00',
  escalated: false,
  ...o,
})

const disputes: TrendDispute[] = [
  d('P1', { resolvedDate: '2026-01-09', classification: 'valid', csat: 5 }), // 4 days
  d('P2', { resolvedDate: '2026-01-25', classification: 'invalid', csat: 3, escalated: true }), // 20 days
  d('P3', { openedDate: '2026-03-02' }), // open
  d('Q1', {
    reasonCode: 'quantity_discrepancy',
    openedDate: '2026-01-20',
    resolvedDate: '2026-03-01',
    classification: 'partial',
    csat: 1,
  }), // 40 days
]

describe('dispute insights', () => {
  const r = disputeInsights(disputes, [], '2026-04-10')

  it('rates resolution by dispute type: resolved share, days, escalation, who the evidence backed, CSAT', () => {
    expect(r.byType).toEqual([
      {
        reasonCode: 'pricing_error',
        disputes: 3,
        resolved: 2,
        resolutionRate: 0.6667,
        meanDaysToResolve: 12,
        medianDaysToResolve: 12,
        withoutEscalationShare: 0.5,
        customerRightShare: 0.5,
        csatAverage: 4,
      },
      {
        reasonCode: 'quantity_discrepancy',
        disputes: 1,
        resolved: 1,
        resolutionRate: 1,
        meanDaysToResolve: 40,
        medianDaysToResolve: 40,
        withoutEscalationShare: 1,
        customerRightShare: 1,
        csatAverage: 1,
      },
    ])
    expect(r.overall).toMatchObject({ disputes: 4, resolved: 3, resolutionRate: 0.75, medianDaysToResolve: 20 })
    expect(r.overall.withoutEscalationShare).toBe(0.6667)
  })

  it('has a row for every month to today, a quiet month as zeros (February opened nothing)', () => {
    expect(r.byMonth.map((m) => [m.month, m.opened, m.resolved, m.meanDaysToResolve])).toEqual([
      ['2026-01', 3, 2, 12],
      ['2026-02', 0, 0, null],
      ['2026-03', 1, 1, 40],
      ['2026-04', 0, 0, null],
    ])
  })

  it('correlates CSAT with days to resolve: slower was rated lower here', () => {
    const c = csatBySpeed(disputes)
    expect(c.responses).toBe(3)
    expect(c.average).toBe(3)
    expect(c.correlation).toBeLessThan(-0.9)
    expect(c.bands.map((b) => [b.band, b.responses, b.csatAverage])).toEqual([
      ['0–7 days', 1, 5],
      ['8–14 days', 0, null],
      ['15–30 days', 1, 3],
      ['over 30 days', 1, 1],
    ])
  })

  it.each([
    [[], null],
    [
      [
        [1, 5],
        [2, 5],
      ],
      null,
    ],
    [
      [
        [1, 5],
        [2, 5],
        [3, 5],
      ],
      null,
    ],
    [
      [
        [1, 1],
        [2, 2],
        [3, 3],
      ],
      1,
    ],
    [
      [
        [1, 3],
        [2, 2],
        [3, 1],
      ],
      -1,
    ],
  ] as [[number, number][], number | null][])('pearson(%j) = %s (under 3 pairs or no spread: none)', (pairs, r) => {
    expect(pearson(pairs)).toBe(r)
  })
})

describe('days deduction outstanding', () => {
  const spans: DeductionSpan[] = [
    { paymentDate: '2026-03-01', currency: 'USD', deducted: '100.00', resolvedDate: null }, // open 40 days
    { paymentDate: '2026-03-31', currency: 'USD', deducted: '300.00', resolvedDate: null }, // open 10 days
    { paymentDate: '2026-02-01', currency: 'USD', deducted: '600.00', resolvedDate: '2026-02-20' }, // closed
    { paymentDate: '2025-06-01', currency: 'USD', deducted: '50.00', resolvedDate: '2025-07-01' }, // before window
    { paymentDate: '2026-04-01', currency: 'JPY', deducted: '1500', resolvedDate: null },
  ]

  it('is the open amount over what was taken in the window times its days, per currency, in minor units', () => {
    const [jpy, usd] = deductionsOutstanding(spans, '2026-04-10', 90)
    // 400.00 open of 1,000.00 taken since 2026-01-10: 0.4 × 90 = 36 days; open ones weighted: (100×40 + 300×10) / 400.
    expect(usd).toEqual({
      currency: 'USD',
      open: 2,
      openAmount: '400.00',
      takenInWindow: '1000.00',
      windowDays: 90,
      ddo: 36,
      averageDaysOpen: 17.5,
    })
    expect(jpy).toMatchObject({ currency: 'JPY', openAmount: '1500', ddo: 90, averageDaysOpen: 9 })
  })

  it('has no figure when nothing was taken or nothing is open', () => {
    const [usd] = deductionsOutstanding([spans[3] as DeductionSpan], '2026-04-10', 90)
    expect(usd).toMatchObject({ open: 0, openAmount: '0.00', ddo: null, averageDaysOpen: null })
  })
})

describe('report tables and their CSV', () => {
  it('writes every insight table with a header line, empty cells for none, and defused formulas', () => {
    const tables = insightTables(disputeInsights(disputes, [], '2026-04-10'))
    expect(tables.map((t) => t.name)).toEqual([
      'resolution-by-type',
      'resolution-by-month',
      'csat-by-speed',
      'deductions-outstanding',
    ])
    const csv = tableCsv(tables[1] as (typeof tables)[number])
    expect(csv.split('\r\n').slice(0, 3)).toEqual([
      'month,opened,resolved,mean_days_to_resolve,resolved_without_escalation,csat_average',
      '2026-01,3,2,12,0.5,4',
      '2026-02,0,0,,,',
    ])
    expect(tableCsv({ headers: ['name'], rows: [['=HYPERLINK("x")'], ['a,b']] })).toBe(
      'name\r\n"\'=HYPERLINK(""x"")"\r\n"a,b"\r\n',
    )
  })
})
