import { describe, expect, it } from 'vitest'
import { policyCurrency } from './fx.ts'
import { moneyOf } from './money.ts'
import { resolvePolicy } from './policy.ts'
import {
  instalmentPlan,
  monthlyDueDate,
  type SettlementInput,
  type SettlementOption,
  settlementOptions,
} from './settlement-options.ts'
import { invoice } from './testing/builders.ts'

// INV-1: 100 × 14.00 = 1,400.00. The customer disputes 300.00; the evidence supports 120.00, so 180.00 is owed.
const usd = (s: string) => moneyOf(s, 'USD')
const base = (
  patch: Partial<SettlementInput> = {},
  res: Partial<SettlementInput['resolution']> = {},
): SettlementInput => ({
  resolution: {
    invoiceNumber: 'INV-1',
    classification: 'partial',
    currency: 'USD',
    disputedAmount: '300.00',
    supportedAmount: '120.00',
    owedAmount: '180.00',
    escalation: { required: false, to: [], reasons: [] },
    ...res,
  },
  invoice: invoice(),
  openBalance: usd('1400.00'),
  policy: resolvePolicy(undefined, 'USD'),
  policyCurrency: { kind: 'same', currency: 'USD' },
  decidedOn: '2026-03-10',
  ...patch,
})

function options(input: SettlementInput): Record<string, SettlementOption> {
  const r = settlementOptions(input)
  if (!r.ok) throw new Error(r.error.message)
  return Object.fromEntries(r.options.map((o) => [o.kind, o]))
}

const figures = (o: SettlementOption | undefined) =>
  o && {
    credits: o.credits.map((c) => `${c.kind} ${c.amount} (${c.approver})`),
    customerPays: o.customerPays,
    keptOnHold: o.keptOnHold,
    approver: o.approver,
  }

describe('settlement options on a partial dispute (default policy)', () => {
  const o = options(base())

  it('supported credit only: credit 120.00 (a specialist may approve), the customer pays 180.00', () => {
    expect(figures(o.supported_credit)).toEqual({
      credits: ['credit_memo 120.00 (specialist)'],
      customerPays: '180.00',
      keptOnHold: '120.00',
      approver: 'specialist',
    })
  })

  it('split 50/50 by default: 90.00 of the 180.00 remainder is credited as goodwill, the customer pays 90.00', () => {
    expect(o.split?.title).toBe('Split the remainder 50/50')
    expect(figures(o.split)).toEqual({
      credits: ['credit_memo 120.00 (specialist)', 'goodwill_credit 90.00 (specialist)'],
      customerPays: '90.00',
      keptOnHold: '210.00',
      approver: 'specialist',
    })
  })

  it('goodwill within the limit: 10 % of the invoice (140.00), under the cap of what is owed (180.00)', () => {
    expect(figures(o.goodwill)).toEqual({
      credits: ['credit_memo 120.00 (specialist)', 'goodwill_credit 140.00 (specialist)'],
      customerPays: '40.00',
      keptOnHold: '260.00',
      approver: 'specialist',
    })
  })

  it('payment plan: 180.00 in 3 monthly instalments of 60.00, each due on a business day', () => {
    expect(o.payment_plan?.instalments).toEqual([
      { n: 1, dueOn: '2026-04-10', amount: '60.00' },
      // 2026-05-10 is a Sunday: due the Monday after.
      { n: 2, dueOn: '2026-05-11', amount: '60.00' },
      { n: 3, dueOn: '2026-06-10', amount: '60.00' },
    ])
    expect(figures(o.payment_plan)).toMatchObject({
      customerPays: '180.00',
      keptOnHold: '120.00',
      approver: 'specialist',
    })
  })

  it('escalation: nothing is credited, the whole 300.00 stays on hold, a lead decides', () => {
    expect(figures(o.escalate)).toEqual({ credits: [], customerPays: '0.00', keptOnHold: '300.00', approver: 'lead' })
  })

  it('states its rounding rule once', () => {
    const r = settlementOptions(base())
    expect(r.ok && r.rounding).toMatch(/half-up .* last instalment absorbs the rounding/)
  })
})

describe('approvals follow the policy limits', () => {
  it('a specialist limit of 100.00 puts every credit above it with a lead', () => {
    const o = options(base({ policy: resolvePolicy({ approvalLimits: { specialist: '100.00' } }, 'USD') }))
    expect(o.supported_credit?.approver).toBe('lead')
    expect(o.split?.credits.map((c) => c.approver)).toEqual(['lead', 'specialist'])
    expect(o.split?.approver).toBe('lead')
    expect(o.payment_plan?.approver).toBe('lead')
  })

  it('amounts above the lead limit go to the finance controller', () => {
    const o = options(
      base(
        {
          invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 3000, unitPrice: '14.00' }] }),
          openBalance: usd('42000.00'),
        },
        { disputedAmount: '30000.00', supportedAmount: '12000.00', owedAmount: '18000.00' },
      ),
    )
    expect(o.supported_credit?.approver).toBe('finance_controller')
    expect(o.split?.credits).toEqual([
      { kind: 'credit_memo', amount: '12000.00', approver: 'finance_controller' },
      { kind: 'goodwill_credit', amount: '9000.00', approver: 'lead' },
    ])
    // 10 % of 42,000.00 is 4,200.00: within the cap of 18,000.00 still owed.
    expect(o.goodwill?.credits[1]).toEqual({ kind: 'goodwill_credit', amount: '4200.00', approver: 'lead' })
    expect(o.payment_plan?.approver).toBe('finance_controller')
  })

  it('an invoice in another currency meets the limits after conversion (950.00 EUR = 1045.00 USD: a lead)', () => {
    const pc = policyCurrency('EUR', 'USD', [{ currency: 'EUR', rate: '1.1', date: '2026-01-01' }], '2026-02-02')
    const o = options(
      base(
        { invoice: invoice({ currency: 'EUR' }), openBalance: moneyOf('1400.00', 'EUR'), policyCurrency: pc },
        { currency: 'EUR', disputedAmount: '1000.00', supportedAmount: '950.00', owedAmount: '50.00' },
      ),
    )
    expect(o.supported_credit?.credits).toEqual([{ kind: 'credit_memo', amount: '950.00', approver: 'lead' }])
  })

  it('without a rate the amount cannot be checked: the finance controller approves', () => {
    const pc = policyCurrency('EUR', 'USD', [], '2026-02-02')
    const o = options(
      base(
        { invoice: invoice({ currency: 'EUR' }), openBalance: moneyOf('1400.00', 'EUR'), policyCurrency: pc },
        { currency: 'EUR' },
      ),
    )
    expect(o.supported_credit?.approver).toBe('finance_controller')
  })

  it('an escalated dispute that needs the finance controller is escalated to them', () => {
    const o = options(base({}, { escalation: { required: true, to: ['lead', 'finance_controller'], reasons: [] } }))
    expect(o.escalate?.approver).toBe('finance_controller')
  })
})

describe('figures round once and add up', () => {
  it('a 50/50 split of 100.01: the company’s half rounds half-up to 50.01, the customer pays the 50.00 left', () => {
    const o = options(base({}, { disputedAmount: '220.01', supportedAmount: '120.00', owedAmount: '100.01' }))
    expect(o.split?.credits[1]?.amount).toBe('50.01')
    expect(o.split?.customerPays).toBe('50.00')
  })

  it('a 70/30 split states its split', () => {
    const o = options(base({ splitPercent: '70' }))
    expect(o.split?.title).toBe('Split the remainder 70/30')
    expect(o.split?.credits[1]?.amount).toBe('126.00')
    expect(o.split?.customerPays).toBe('54.00')
  })

  it('the goodwill credit is capped at what is still owed', () => {
    const o = options(base({ goodwill: { percent: '20' } }))
    expect(o.goodwill?.credits[1]?.amount).toBe('180.00')
    expect(o.goodwill?.customerPays).toBe('0.00')
  })

  it.each([
    ['100.00 in 3', '100.00', 3, ['33.33', '33.33', '33.34']],
    ['100.01 in 3 (the share rounds up; the last is smaller)', '100.01', 3, ['33.34', '33.34', '33.33']],
    ['0.05 in 2', '0.05', 2, ['0.03', '0.02']],
  ] as const)('instalments of %s: the last one absorbs the rounding', (_n, owed, n, amounts) => {
    const plan = instalmentPlan(usd(owed), n, '2026-03-10')
    expect(plan.map((p) => p.amount)).toEqual(amounts)
  })

  it('instalment dates skip weekends, holidays and short months', () => {
    expect(monthlyDueDate('2026-01-31', 1)).toBe('2026-03-02') // Feb 28 2026 is a Saturday
    expect(monthlyDueDate('2026-03-10', 1, new Set(['2026-04-10']))).toBe('2026-04-13')
  })

  it('JPY has no minor unit: a 50/50 split of 1,001 yen credits 501', () => {
    const o = options(
      base(
        {
          invoice: invoice({ currency: 'JPY', lines: [{ line: 1, sku: 'W', quantity: 1, unitPrice: '5000' }] }),
          openBalance: moneyOf('5000', 'JPY'),
          policy: resolvePolicy(undefined, 'JPY'),
          policyCurrency: { kind: 'same', currency: 'JPY' },
        },
        { currency: 'JPY', disputedAmount: '2001', supportedAmount: '1000', owedAmount: '1001' },
      ),
    )
    expect(o.split?.credits[1]?.amount).toBe('501')
    expect(o.split?.customerPays).toBe('500')
  })
})

describe('when options are offered', () => {
  it('not for a valid dispute the customer accepted', () => {
    const r = settlementOptions(base({}, { classification: 'valid', supportedAmount: '300.00', owedAmount: '0.00' }))
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.code).toBe('not_negotiable')
  })

  it('an invalid dispute whose customer rejected the outcome: nothing supported, the options share what is owed', () => {
    const o = options(
      base({ customerRejected: true }, { classification: 'invalid', supportedAmount: '0.00', owedAmount: '300.00' }),
    )
    expect(figures(o.supported_credit)).toEqual({
      credits: [],
      customerPays: '300.00',
      keptOnHold: '0.00',
      approver: null,
    })
    expect(o.split?.credits).toEqual([{ kind: 'goodwill_credit', amount: '150.00', approver: 'specialist' }])
    expect(o.payment_plan?.instalments.map((i) => i.amount)).toEqual(['100.00', '100.00', '100.00'])
  })

  it('refuses a plan of 1 or 13 instalments and a split of 100 %', () => {
    for (const patch of [{ instalments: 1 }, { instalments: 13 }, { splitPercent: '100' }] as const) {
      const r = settlementOptions(base(patch))
      expect(!r.ok && r.error.code).toBe('invalid_input')
    }
  })
})
