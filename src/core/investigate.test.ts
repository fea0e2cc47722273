import { describe, expect, it } from 'vitest'
import { addDays } from './dates.ts'
import { investigate } from './investigate.ts'
import type { InvestigationInput } from './resolution.ts'
import { contract, decide, evidence, invoice, TODAY } from './testing/builders.ts'

const big = (qty = 2000) =>
  evidence({
    invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: qty, unitPrice: '14.00' }] }),
    contract: contract({ prices: [{ sku: 'WIDGET', unitPrice: '5.00' }] }),
  })

function errorOf(claim: Partial<InvestigationInput['claim']>, ev = evidence()) {
  const outcome = investigate({
    claim: { invoiceNumber: ev.invoice.number, reasonCode: 'pricing_error', ...claim },
    evidence: ev,
    today: TODAY,
  })
  if (outcome.ok) throw new Error('expected an error')
  return outcome.error
}

describe('an unresolvable claim is an error naming the field, never a guess', () => {
  it.each([
    ['a line the invoice does not have', { lines: [9] }, 'lines'],
    ['a SKU no line matches', { sku: 'gizmo' }, 'sku'],
    ['a zero disputed amount', { disputedAmount: '0.00' }, 'disputedAmount'],
    ['a negative disputed amount', { disputedAmount: '-5.00' }, 'disputedAmount'],
    ['more than the invoice total', { disputedAmount: '1400.01' }, 'disputedAmount'],
    ['more decimals than USD has', { disputedAmount: '10.005' }, 'disputedAmount'],
    ['an expected price with too many decimals', { expectedUnitPrice: '12.505' }, 'expectedUnitPrice'],
    ['an expected price at or above the billed one', { expectedUnitPrice: '15.00' }, 'expectedUnitPrice'],
    [
      'received at least what was billed',
      { reasonCode: 'quantity_discrepancy' as const, quantityReceived: 100 },
      'quantityReceived',
    ],
    [
      'more received than billed (a count in another unit): asked, not "nothing in dispute"',
      { reasonCode: 'quantity_discrepancy' as const, quantityReceived: 2400 },
      'quantityReceived',
    ],
    [
      'more units affected than billed',
      { reasonCode: 'damaged_goods' as const, quantityAffected: 101 },
      'quantityAffected',
    ],
    ['a late fee on an invoice without one', { reasonCode: 'late_fee' as const }, 'feeType'],
    [
      'an invoice duplicating itself',
      { reasonCode: 'duplicate_billing' as const, relatedInvoiceNumber: 'INV-1' },
      'relatedInvoiceNumber',
    ],
    ['evidence for another invoice', { invoiceNumber: 'INV-2' }, 'invoiceNumber'],
    ['a goodwill amount with too many decimals', { goodwillAmount: '1.001' }, 'goodwillAmount'],
    [
      'a negative quantity (schema)',
      { reasonCode: 'quantity_discrepancy' as const, quantityReceived: -1 },
      'quantityReceived',
    ],
  ])('%s', (_name, claim, field) => {
    const error = errorOf(claim)
    expect(error).toMatchObject({ code: 'invalid_claim', field })
    expect(error.message).not.toBe('')
  })

  it('asks which line when units are given on a multi-line invoice', () => {
    const ev = evidence({
      invoice: invoice({
        lines: [
          { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
          { line: 2, sku: 'GADGET', quantity: 5, unitPrice: '3.00' },
        ],
      }),
    })
    expect(errorOf({ reasonCode: 'quantity_discrepancy', quantityReceived: 90 }, ev).field).toBe('lines')
  })

  it('rejects a JPY amount with decimals', () => {
    const ev = evidence({
      invoice: invoice({ currency: 'JPY', lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '1500' }] }),
    })
    expect(errorOf({ disputedAmount: '100.5' }, ev).field).toBe('disputedAmount')
  })
})

describe('target date: the deadline, else opening + SLA business days', () => {
  it.each([
    ['a Friday', '2026-03-13', '2026-03-27'],
    ['a Saturday (the weekend is skipped)', '2026-03-14', '2026-03-27'],
    ['a Monday', '2026-03-16', '2026-03-30'],
    ['a Wednesday before a weekend crossing twice', '2026-03-11', '2026-03-25'],
  ])('opened on %s', (_name, openedOn, target) => {
    const d = decide({ reasonCode: 'pricing_error', openedOn }, evidence())
    expect(d).toMatchObject({ openedOn, targetDate: target })
  })

  it('opens today when no date is given, and keeps a given deadline', () => {
    expect(decide({ reasonCode: 'pricing_error' }, evidence())).toMatchObject({
      openedOn: TODAY,
      targetDate: '2026-03-24',
    })
    expect(decide({ reasonCode: 'pricing_error', deadline: '2026-03-18' }, evidence()).targetDate).toBe('2026-03-18')
  })

  it('follows the ledger’s SLA', () => {
    const d = decide({ reasonCode: 'pricing_error' }, evidence(), { policy: { resolutionSlaBusinessDays: 5 } })
    expect(d.targetDate).toBe('2026-03-17')
  })
})

describe('escalation triggers at their boundaries', () => {
  const codes = (d: ReturnType<typeof decide>) => d.escalation.reasons.map((r) => r.code)

  it('escalates to a lead at 10,000.00 disputed, not at 9,999.99', () => {
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '9999.99' }, big()).escalation).toEqual({
      required: false,
      to: [],
      reasons: [],
    })
    const d = decide({ reasonCode: 'pricing_error', disputedAmount: '10000.00' }, big())
    expect(d.escalation.to).toContain('lead')
    expect(codes(d)).toContain('amount_threshold')
  })

  it('escalates more than 90 days past due: 91 yes, 90 no', () => {
    const due = evidence().invoice.dueDate
    expect(decide({ reasonCode: 'pricing_error' }, evidence(), { today: addDays(due, 90) })).toMatchObject({
      daysPastDue: 90,
      escalation: { required: false },
    })
    const d = decide({ reasonCode: 'pricing_error' }, evidence(), { today: addDays(due, 91) })
    expect(d).toMatchObject({ daysPastDue: 91, escalation: { required: true, to: ['lead'] } })
    expect(codes(d)).toEqual(['days_past_due'])
  })

  it('escalates a strategic customer', () => {
    const d = decide(
      { reasonCode: 'pricing_error' },
      evidence({ customer: { id: 'C-1', name: 'Acme Corp', strategic: true } }),
    )
    expect(codes(d)).toEqual(['strategic_customer'])
  })

  it('escalates the third dispute in 90 days, counting this one', () => {
    const past = (...ages: number[]) => ages.map((age, i) => ({ id: `DSP-${i}`, openedDate: addDays(TODAY, -age) }))
    expect(
      decide({ reasonCode: 'pricing_error' }, evidence({ customerDisputes: past(10, 89) })).escalation.reasons.map(
        (r) => r.code,
      ),
    ).toEqual(['repeat_disputes'])
    expect(
      decide({ reasonCode: 'pricing_error' }, evidence({ customerDisputes: past(10, 90) })).escalation.required,
    ).toBe(false)
    expect(decide({ reasonCode: 'pricing_error' }, evidence({ customerDisputes: past(10) })).escalation.required).toBe(
      false,
    )
  })

  it('sends contract-terms disputes of 10,000.00 or more to legal as well', () => {
    const ev = { ...big(), contract: contract({ endDate: '2026-01-31' }) }
    ev.invoice = { ...ev.invoice, servicePeriodStart: '2026-02-01', servicePeriodEnd: '2026-02-28' }
    const below = decide({ reasonCode: 'contract_terms', disputedAmount: '9999.99' }, ev)
    expect(below.escalation.to).not.toContain('legal')
    const at = decide({ reasonCode: 'contract_terms', disputedAmount: '10000.00' }, ev)
    expect(at.escalation.to).toEqual(['lead', 'legal'])
    expect(at.stakeholders).toEqual(['legal', 'sales'])
  })

  it('follows the ledger’s override', () => {
    const d = decide({ reasonCode: 'pricing_error' }, evidence(), { policy: { escalationAmount: '100.00' } })
    expect(d.escalation.to).toEqual(['lead'])
  })
})

describe('approval: who must approve the money an action moves', () => {
  it.each([
    ['1000.00', 'specialist'],
    ['1000.01', 'lead'],
    ['10000.00', 'lead'],
    ['10000.01', 'finance_controller'],
  ])('a credit memo of %s needs the %s', (amount, role) => {
    const d = decide({ reasonCode: 'pricing_error', disputedAmount: amount }, big())
    expect(d).toMatchObject({ action: 'credit_memo', approval: { requiredRole: role, amount } })
  })

  it('escalates to the finance controller above the lead’s limit', () => {
    const d = decide({ reasonCode: 'pricing_error', disputedAmount: '10000.01' }, big())
    expect(d.escalation.to).toEqual(['lead', 'finance_controller'])
  })

  it('follows the ledger’s limits', () => {
    const d = decide({ reasonCode: 'pricing_error' }, evidence(), {
      policy: { approvalLimits: { specialist: '100.00' } },
    })
    expect(d.approval).toEqual({ requiredRole: 'lead', amount: '150.00' })
  })

  it('never credits more than the open balance', () => {
    const payments = [
      { id: 'P-1', customerId: 'C-1', invoiceNumber: 'INV-1', amount: '1300.00', currency: 'USD', date: '2026-03-01' },
    ]
    const d = decide({ reasonCode: 'pricing_error' }, evidence({ payments }))
    expect(d).toMatchObject({
      supportedAmount: '150.00',
      openBalance: '100.00',
      approval: { requiredRole: 'specialist', amount: '100.00' },
    })
    expect(d.rationale.map((r) => r.code)).toContain('capped_at_open_balance')
  })

  it('is null when no money moves', () => {
    expect(
      decide(
        { reasonCode: 'pricing_error', disputedAmount: '150.00' },
        evidence({ contract: null, purchaseOrders: [] }),
      ).approval,
    ).toBeNull()
  })
})

describe('write-off: invalid or partial and still owed under 50.00', () => {
  const atContractPrice = evidence({
    invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '12.50' }] }),
  })
  it('invalid: 49.99 is written off, 50.00 is not', () => {
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '49.99' }, atContractPrice)).toMatchObject({
      classification: 'invalid',
      action: 'write_off',
      approval: { requiredRole: 'specialist', amount: '49.99' },
    })
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '50.00' }, atContractPrice).action).toBe(
      'no_adjustment',
    )
  })
  it('partial: 150.00 supported of 199.99 is written off, of 200.00 credited', () => {
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '199.99' }, evidence())).toMatchObject({
      classification: 'partial',
      owedAmount: '49.99',
      action: 'write_off',
      approval: { amount: '199.99' },
    })
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '200.00' }, evidence())).toMatchObject({
      classification: 'partial',
      action: 'credit_memo',
      approval: { amount: '150.00' },
    })
  })
  it('never for valid or needs_info', () => {
    expect(decide({ reasonCode: 'pricing_error', disputedAmount: '10.00' }, evidence()).action).toBe('credit_memo')
    expect(
      decide({ reasonCode: 'quantity_discrepancy', quantityReceived: 99 }, evidence({ deliveries: [] })).action,
    ).toBe('request_information')
  })
  it('follows the ledger’s threshold', () => {
    expect(
      decide({ reasonCode: 'pricing_error', disputedAmount: '50.00' }, atContractPrice, {
        policy: { writeOffBelow: '100.00' },
      }).action,
    ).toBe('write_off')
  })
})

describe('goodwill credit: only when the specialist asks, within policy', () => {
  const delivered = evidence({
    invoice: invoice({
      poNumber: null,
      servicePeriodStart: '2026-02-01',
      servicePeriodEnd: '2026-02-28',
      lines: [{ line: 1, sku: 'SEAT', quantity: 10, unitPrice: '30.00' }],
    }),
    serviceLogs: [
      {
        id: 'SL-1',
        customerId: 'C-1',
        invoiceNumber: 'INV-1',
        sku: 'SEAT',
        periodStart: '2026-02-01',
        periodEnd: '2026-02-28',
        quantity: 10,
        status: 'rendered',
      },
    ],
  })
  it('grants it on an invalid dispute', () => {
    const d = decide({ reasonCode: 'service_dissatisfaction', goodwillAmount: '60.00' }, delivered)
    expect(d).toMatchObject({
      classification: 'invalid',
      action: 'goodwill_credit',
      approval: { requiredRole: 'specialist', amount: '60.00' },
    })
  })
  it('is never the default', () => {
    expect(decide({ reasonCode: 'service_dissatisfaction' }, delivered).action).toBe('no_adjustment')
  })
  it('refuses more than the amount still owed', () => {
    const d = decide({ reasonCode: 'service_dissatisfaction', goodwillAmount: '300.01' }, delivered)
    expect(d.action).toBe('no_adjustment')
    expect(d.rationale.map((r) => r.code)).toContain('goodwill_outside_policy')
  })
  it('is not used when the billing was wrong: a credit memo is', () => {
    const d = decide({ reasonCode: 'pricing_error', goodwillAmount: '60.00' }, evidence())
    expect(d.action).toBe('credit_memo')
    expect(d.rationale.map((r) => r.code)).toContain('goodwill_not_applied')
  })
})

describe('money in other currencies', () => {
  it('JPY has no minor digits: amounts out without decimals', () => {
    const ev = evidence({
      invoice: invoice({ currency: 'JPY', lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '1500' }] }),
      contract: contract({ currency: 'JPY', prices: [{ sku: 'WIDGET', unitPrice: '1250' }] }),
      purchaseOrders: [],
    })
    const d = decide({ reasonCode: 'pricing_error' }, ev)
    expect(d).toMatchObject({
      currency: 'JPY',
      disputedAmount: '25000',
      supportedAmount: '25000',
      owedAmount: '0',
      invoiceTotal: '150000',
      openBalance: '150000',
    })
    // Policy figures are read in the invoice currency (DOMAIN.md): 10,000 yen escalates.
    expect(d.escalation.to).toContain('lead')
  })

  it('KWD has three: tax at 5% on 162.500 over-billed is 8.125', () => {
    const ev = evidence({
      invoice: invoice({
        currency: 'KWD',
        lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.125', taxRate: '0.05' }],
      }),
      contract: contract({ currency: 'KWD', prices: [{ sku: 'WIDGET', unitPrice: '12.500' }] }),
    })
    const d = decide({ reasonCode: 'pricing_error' }, ev)
    expect(d).toMatchObject({
      supportedAmount: '170.625',
      invoiceTotal: '1483.125',
      approval: { requiredRole: 'specialist', amount: '170.625' },
    })
    expect(errorOf({ disputedAmount: '1.2345' }, ev).field).toBe('disputedAmount')
  })
})

describe('balances and dates from the ledger', () => {
  it('open balance = total − applied payments − credit memos; a settled invoice is not past due', () => {
    const payments = [
      { id: 'P-1', customerId: 'C-1', invoiceNumber: 'INV-1', amount: '1000.00', currency: 'USD', date: '2026-03-01' },
      { id: 'P-2', customerId: 'C-1', invoiceNumber: 'INV-7', amount: '9.00', currency: 'USD', date: '2026-03-01' },
    ]
    const creditMemos = [{ number: 'CM-1', invoiceNumber: 'INV-1', amount: '150.00', date: '2026-03-02' }]
    expect(
      decide({ reasonCode: 'pricing_error', disputedAmount: '10.00' }, evidence({ payments, creditMemos })),
    ).toMatchObject({ invoiceTotal: '1400.00', openBalance: '250.00', daysPastDue: 6 })
    const settled = [...payments, { ...payments[0]!, id: 'P-3', amount: '250.00' }]
    expect(
      decide({ reasonCode: 'pricing_error', disputedAmount: '10.00' }, evidence({ payments: settled, creditMemos }))
        .daysPastDue,
    ).toBe(0)
  })

  it('every decision carries a machine-readable rationale', () => {
    const d = decide({ reasonCode: 'pricing_error' }, evidence())
    expect(d.rationale.map((r) => r.code)).toEqual([
      'disputed_amount_derived',
      'classified_valid',
      'approval_specialist',
    ])
  })
})

it('reaches every action', () => {
  const actions = new Set([
    decide({ reasonCode: 'pricing_error' }, evidence()).action,
    decide({ reasonCode: 'missing_po' }, evidence({ invoice: invoice({ poNumber: null }) })).action,
    decide(
      { reasonCode: 'already_paid' },
      evidence({
        payments: [{ id: 'P-1', customerId: 'C-1', amount: '1400.00', currency: 'USD', date: '2026-03-01' }],
      }),
    ).action,
    decide(
      { reasonCode: 'pricing_error', disputedAmount: '150.00', expectedUnitPrice: '1.00' },
      evidence({ invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '12.50' }] }) }),
    ).action,
    decide({ reasonCode: 'quantity_discrepancy', quantityReceived: 99 }, evidence({ deliveries: [] })).action,
    decide({ reasonCode: 'pricing_error', disputedAmount: '160.00' }, evidence()).action,
    decide({ reasonCode: 'missing_po', goodwillAmount: '100.00' }, evidence()).action,
  ])
  expect([...actions].sort()).toEqual(
    [
      'apply_payment',
      'cancel_and_rebill',
      'credit_memo',
      'goodwill_credit',
      'no_adjustment',
      'request_information',
      'write_off',
    ].sort(),
  )
})
