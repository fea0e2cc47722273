import { describe, expect, it } from 'vitest'
import { decisionFixture, pricingFinding } from './decision-fixtures.ts'
import { consultantInsights, type InsightInput } from './insights.ts'
import type { Contract, Invoice } from './ledger.ts'
import type { Insight, SimilarDispute } from './resolution.ts'
import type { TrendDispute } from './trends.ts'

const today = '2026-03-15'
const past = (id: string, overrides: Partial<TrendDispute> = {}): TrendDispute => ({
  id,
  customerId: 'C-100',
  openedDate: '2025-11-03',
  reasonCode: 'pricing_error',
  description: 'price wrong',
  disputedAmount: '100.00',
  ...overrides,
})

const run = (overrides: Partial<InsightInput> = {}) =>
  consultantInsights({ decision: decisionFixture(), history: [], similar: [], today, ...overrides })
const ofKind = (insights: Insight[], kind: Insight['kind']) => insights.filter((i) => i.kind === kind)

describe('consultantInsights: trends', () => {
  it('counts repeat disputes by this customer with their ids, and says nothing without history', () => {
    expect(ofKind(run(), 'trend')).toEqual([])
    const trends = ofKind(run({ history: [past('D1'), past('D2', { reasonCode: 'late_fee' })] }), 'trend')
    expect(trends[0]?.text).toContain('3 disputes')
    expect(trends[0]?.text).toContain('1 earlier one(s) were also pricing error')
    expect(trends[0]?.basis.join(' ')).toMatch(/D1.*D2/)
  })

  it('ignores disputes outside the window and the current dispute already recorded in history', () => {
    const history = [
      past('OLD', { openedDate: '2024-01-01' }),
      past('SELF', { invoiceNumber: 'INV-1001', openedDate: '2026-03-13' }),
    ]
    expect(ofKind(run({ history }), 'trend')).toEqual([])
  })

  it('spots a reason recurring across customers, a department and a SKU', () => {
    const history = [
      past('D1', { customerId: 'C-200', department: 'billing', skus: ['WIDGET-A'] }),
      past('D2', { customerId: 'C-300', department: 'billing' }),
    ]
    const texts = ofKind(run({ history }), 'trend').map((i) => i.text)
    expect(texts).toContain(
      'pricing error is recurring: 3 disputes across 3 customers since 2025-03-15, counting this one.',
    )
    expect(texts).toContain('The billing department handled 2 earlier pricing error disputes (D1, D2).')
    expect(texts.some((t) => t.startsWith('SKU WIDGET-A was disputed 1 time(s)'))).toBe(true)
    const otherSku = decisionFixture({
      findings: [pricingFinding({ target: { kind: 'line', line: 2, sku: 'BOLT-9' } })],
    })
    expect(ofKind(run({ decision: otherSku, history }), 'trend').some((i) => i.text.includes('SKU'))).toBe(false)
  })
})

describe('consultantInsights: credit memo vs re-bill', () => {
  it('explains a line-level credit with the correct remainder', () => {
    const [i] = ofKind(run(), 'credit_vs_rebill')
    expect(i?.text).toContain('line 1 (WIDGET-A)')
    expect(i?.text).toContain('1250.00 USD of the invoice is right')
    expect(i?.basis).toContain('CTR-1: Line 1 WIDGET-A: 100 × 14.00 vs contract price 12.50 → not owed 150.00')
  })

  it('credits the whole invoice when nothing on it is owed', () => {
    const whole = decisionFixture({ supportedAmount: '1400.00', disputedAmount: '1400.00' })
    expect(ofKind(run({ decision: whole }), 'credit_vs_rebill')[0]?.text).toMatch(/nothing on INV-1001 is owed/)
  })

  it('re-bills when the charges are owed but the document is defective', () => {
    const rebill = decisionFixture({
      reasonCode: 'missing_po',
      action: 'cancel_and_rebill',
      supportedAmount: '0.00',
      findings: [
        pricingFinding({
          check: 'missing_po',
          target: { kind: 'invoice' },
          billed: 'no PO on INV-1001',
          evidence: 'contract requires a PO',
          amountNotOwed: '0.00',
        }),
      ],
    })
    const text = ofKind(run({ decision: rebill }), 'credit_vs_rebill')[0]?.text ?? ''
    expect(text).toContain('Cancel and re-bill')
    expect(text).toContain('no PO on INV-1001 (contract requires a PO)')
  })
})

describe('consultantInsights: template improvements and training', () => {
  it('asks for a PO field only when missing-PO disputes recur', () => {
    const decision = decisionFixture({ reasonCode: 'missing_po', rootCauseCode: 'po_missing_on_invoice' })
    expect(ofKind(run({ decision }), 'template')).toEqual([])
    const t = ofKind(
      run({ decision, history: [past('P1', { reasonCode: 'missing_po', customerId: 'C-9' })] }),
      'template',
    )
    expect(t[0]?.text).toMatch(/^Make the PO number a mandatory.*: 2 missing po disputes/)
    expect(t[0]?.basis).toContain('P1 missing_po')
  })

  it('asks to show the service period when duplicate or period disputes recur', () => {
    const history = [
      past('X1', { reasonCode: 'duplicate_billing' }),
      past('X2', { reasonCode: 'service_not_rendered' }),
    ]
    expect(ofKind(run({ history }), 'template')).toEqual([])
    const t = ofKind(run({ history: [...history, past('X3', { reasonCode: 'contract_terms' })] }), 'template')
    expect(t.map((i) => i.text.slice(0, 30))).toContain('Show the service period (start')
  })

  it('flags a training need when one department repeats the same root cause', () => {
    const history = [
      past('T1', { department: 'billing', rootCause: 'Price list not updated after renewal' }),
      past('T2', { department: 'billing', rootCause: 'price list not updated after renewal', customerId: 'C-7' }),
      past('T3', { department: 'sales', rootCause: 'price list not updated after renewal' }),
    ]
    const t = ofKind(run({ history }), 'training')
    expect(t).toHaveLength(1)
    expect(t[0]?.text).toContain('Training need in billing')
    expect(t[0]?.text).toContain('2 disputes (T1, T2), and this dispute has the same cause')
    const different = history.map((h) => ({ ...h, rootCause: `${h.id} cause` }))
    expect(ofKind(run({ history: different }), 'training')).toEqual([])
  })
})

describe('consultantInsights: misconfigurations', () => {
  const contract: Contract = {
    id: 'CTR-1',
    customerId: 'C-100',
    startDate: '2026-01-01',
    currency: 'USD',
    paymentTermsDays: 30,
    prices: [{ sku: 'WIDGET-A', unitPrice: '12.50' }],
  }
  const invoice: Invoice = {
    number: 'INV-1001',
    customerId: 'C-100',
    issueDate: '2026-02-01',
    dueDate: '2026-03-03',
    currency: 'USD',
    lines: [{ line: 1, sku: 'WIDGET-A', quantity: 100, unitPrice: '14.00' }],
  }

  it('names a price list not updated after renewal when the invoice postdates the contract price', () => {
    const m = ofKind(run({ evidence: { contract, invoice } }), 'misconfiguration')
    expect(m[0]?.text).toMatch(/^Price list not updated after the contract renewal/)
    expect(m[0]?.basis[0]).toBe('WIDGET-A: billed 14.00, contract CTR-1 price 12.50 since 2026-01-01')
    const before = { ...contract, startDate: '2026-02-15' }
    expect(ofKind(run({ evidence: { contract: before, invoice } }), 'misconfiguration')).toEqual([])
  })

  it('points at the price list when the same SKU was mispriced before', () => {
    const history = [past('S1', { skus: ['WIDGET-A'], customerId: 'C-5' })]
    const m = ofKind(run({ history }), 'misconfiguration')
    expect(m[0]?.text).toContain('2 disputes for WIDGET-A')
    expect(ofKind(run({ history: [past('S1', { skus: ['OTHER'], customerId: 'C-5' })] }), 'misconfiguration')).toEqual(
      [],
    )
  })

  it('flags the tax exemption flag when an exempt customer was taxed', () => {
    const taxed = decisionFixture({
      reasonCode: 'tax_error',
      rootCauseCode: 'tax_exemption_not_applied',
      findings: [pricingFinding({ check: 'tax_error', target: { kind: 'tax' }, amountNotOwed: '115.50' })],
    })
    expect(ofKind(run({ decision: taxed }), 'misconfiguration')[0]?.text).toMatch(/^Tax exemption flag not applied/)
    const notExempt = { ...taxed, rootCauseCode: 'charge_not_supported' as const }
    expect(
      ofKind(run({ decision: notExempt, evidence: { customer: { id: 'C-100', name: 'G' } } }), 'misconfiguration'),
    ).toEqual([])
  })

  it('suspects a subscription job that ran twice only when the duplicates share a service period', () => {
    const decision = decisionFixture({
      reasonCode: 'duplicate_billing',
      rootCauseCode: 'duplicate_invoice_generated',
      findings: [pricingFinding({ check: 'duplicate_billing', target: { kind: 'invoice' }, documentId: 'INV-0999' })],
    })
    const period = { servicePeriodStart: '2026-02-01', servicePeriodEnd: '2026-02-28' }
    const evidence = (otherStart: string) => ({
      invoice: { ...invoice, ...period },
      otherInvoices: [{ ...invoice, number: 'INV-0999', ...period, servicePeriodStart: otherStart }],
    })
    const same = ofKind(run({ decision, evidence: evidence('2026-02-01') }), 'misconfiguration')
    expect(same[0]?.text).toContain('INV-1001 and INV-0999: period 2026-02-01–2026-02-28')
    expect(ofKind(run({ decision, evidence: evidence('2026-01-01') }), 'misconfiguration')).toEqual([])
  })
})

describe('consultantInsights: precedents', () => {
  it('cites similar resolved disputes with their outcome and score', () => {
    const similar: SimilarDispute[] = [
      {
        id: 'DSP-0901',
        customerId: 'C-100',
        invoiceNumber: 'INV-0890',
        reasonCode: 'pricing_error',
        openedDate: '2025-07-03',
        outcome: 'valid',
        action: 'credit_memo',
        rootCause: 'price list not updated after contract renewal',
        summary: '',
        score: 0.8123,
      },
    ]
    const [p] = ofKind(run({ similar }), 'precedent')
    expect(p?.text).toBe(
      'Precedent DSP-0901 (2025-07-03, pricing error) ended valid with credit memo; root cause: price list not updated after contract renewal.',
    )
    expect(p?.basis).toEqual(['DSP-0901', 'similarity 0.81', 'INV-0890'])
  })
})
