import { beforeAll, describe, expect, it } from 'vitest'
import { loadPrompts } from '../adapters/prompts/load-prompts.ts'
import { decisionFixture, pricingFinding } from './decision-fixtures.ts'
import { companyAtFault, draftEmail, templateKeyFor } from './email.ts'
import { bannedPhrases, EMAIL_TONES, type Prompts } from './prompts.ts'
import type { Decision } from './resolution.ts'

let prompts: Prompts
beforeAll(async () => {
  prompts = await loadPrompts('prompts')
})

const APOLOGY = /\b(apologi[sz]e|apologies|sorry|regret)\b/i
const invoice = { number: 'INV-1001', issueDate: '2026-02-01', dueDate: '2026-03-03' }

const outcomes: { name: string; decision: Decision; amounts: string[] }[] = [
  { name: 'valid credit memo', decision: decisionFixture(), amounts: ['$150.00'] },
  {
    name: 'partial credit memo',
    decision: decisionFixture({
      classification: 'partial',
      disputedAmount: '300.00',
      supportedAmount: '150.00',
      owedAmount: '150.00',
    }),
    amounts: ['$300.00', '$150.00'],
  },
  {
    name: 'invalid, no adjustment',
    decision: decisionFixture({
      classification: 'invalid',
      action: 'no_adjustment',
      supportedAmount: '0.00',
      owedAmount: '150.00',
      approval: null,
      findings: [pricingFinding({ amountNotOwed: '0.00', supportsCustomer: false, evidence: 'contract price 14.00' })],
      rootCauseCode: 'invoice_correct',
    }),
    amounts: ['$150.00'],
  },
  {
    name: 'needs info',
    decision: decisionFixture({
      reasonCode: 'quantity_discrepancy',
      classification: 'needs_info',
      action: 'request_information',
      supportedAmount: '0.00',
      owedAmount: '150.00',
      approval: null,
      findings: [],
      missingDocuments: ['delivery', 'purchase_order'],
      rootCauseCode: 'missing_documentation',
    }),
    amounts: ['$150.00'],
  },
  {
    name: 'apply payment',
    decision: decisionFixture({
      reasonCode: 'already_paid',
      action: 'apply_payment',
      supportedAmount: '150.00',
      approval: null,
      findings: [
        pricingFinding({
          check: 'already_paid',
          target: { kind: 'payment', paymentId: 'PAY-9' },
          billed: 'Open balance 150.00',
          evidence: 'payment PAY-9 of 150.00 on 2026-02-20, unapplied',
          documentId: 'PAY-9',
        }),
      ],
      rootCauseCode: 'payment_not_applied',
    }),
    amounts: ['$150.00'],
  },
  {
    name: 'cancel and rebill',
    decision: decisionFixture({
      reasonCode: 'missing_po',
      action: 'cancel_and_rebill',
      disputedAmount: '1400.00',
      supportedAmount: '0.00',
      owedAmount: '1400.00',
      approval: null,
      findings: [
        pricingFinding({
          check: 'missing_po',
          target: { kind: 'invoice' },
          billed: 'No PO number on INV-1001',
          evidence: 'contract CTR-1 requires a PO; PO-77 is open',
          amountNotOwed: '0.00',
        }),
      ],
      rootCauseCode: 'po_missing_on_invoice',
    }),
    amounts: ['$1,400.00'],
  },
  {
    name: 'write-off of an invalid dispute',
    decision: decisionFixture({
      classification: 'invalid',
      action: 'write_off',
      disputedAmount: '30.00',
      supportedAmount: '0.00',
      owedAmount: '30.00',
      approval: { requiredRole: 'specialist', amount: '30.00' },
      rootCauseCode: 'invoice_correct',
    }),
    amounts: ['$30.00'],
  },
  {
    name: 'write-off of a partial dispute',
    decision: decisionFixture({
      classification: 'partial',
      action: 'write_off',
      disputedAmount: '180.00',
      supportedAmount: '150.00',
      owedAmount: '30.00',
    }),
    amounts: ['$180.00', '$150.00', '$30.00'],
  },
  {
    name: 'goodwill credit',
    decision: decisionFixture({
      reasonCode: 'service_dissatisfaction',
      classification: 'invalid',
      action: 'goodwill_credit',
      supportedAmount: '0.00',
      owedAmount: '150.00',
      approval: { requiredRole: 'specialist', amount: '50.00' },
      rootCauseCode: 'service_quality_issue',
    }),
    amounts: ['$150.00', '$50.00'],
  },
]

describe('draftEmail', () => {
  it.each(outcomes)('$name: names the invoice, the amounts and the target date', ({ decision, amounts }) => {
    const email = draftEmail({
      decision,
      customer: { name: 'Globex Corporation' },
      invoice,
      companyName: 'Northwind Supply Co.',
      templates: prompts.emails,
      tone: 'neutral',
      lexicon: prompts.lexicon,
    })
    const text = `${email.subject}\n${email.body}`
    expect(text).toContain('INV-1001')
    for (const a of amounts) expect(text).toContain(a)
    expect(email.body).toContain('March 27, 2026')
    expect(email.body).not.toMatch(/\{\{|\}\}|\n{3}/)
    const words = email.body.split(/\s+/).length
    expect(words).toBeGreaterThanOrEqual(40)
    expect(words).toBeLessThanOrEqual(400)
  })

  it.each(outcomes)('$name: apologises only when the company is at fault', ({ decision }) => {
    for (const tone of EMAIL_TONES) {
      const email = draftEmail({
        decision,
        customer: { name: 'Globex' },
        invoice,
        companyName: 'Northwind',
        templates: prompts.emails,
        tone,
      })
      expect(APOLOGY.test(`${email.subject}\n${email.body}`), `${tone}`).toBe(companyAtFault(decision))
    }
  })

  it.each(outcomes)('$name: no tone renders a phrase of the tone lexicon', ({ decision }) => {
    for (const tone of EMAIL_TONES) {
      const email = draftEmail({
        decision,
        customer: { name: 'Globex' },
        invoice,
        companyName: 'Northwind',
        templates: prompts.emails,
        tone,
      })
      expect(bannedPhrases(`${email.subject}\n${email.body}`, prompts.lexicon)).toEqual([])
    }
  })

  it.each(outcomes)('$name: a firmer or warmer tone changes wording, never figures', ({ decision }) => {
    const figures = (tone: 'neutral' | 'warm' | 'firm') => {
      const e = draftEmail({
        decision,
        customer: { name: 'Globex' },
        invoice,
        companyName: 'Northwind',
        templates: prompts.emails,
        tone,
      })
      return { text: e.body, figures: [...new Set(`${e.subject} ${e.body}`.match(/\$[\d,]+\.\d{2}/g))].sort() }
    }
    const neutral = figures('neutral')
    for (const tone of ['warm', 'firm'] as const) {
      const other = figures(tone)
      expect(other.figures).toEqual(neutral.figures)
      expect(other.text).not.toEqual(neutral.text)
    }
  })

  it('asks for exactly the missing documents, by name', () => {
    const decision = outcomes.find((o) => o.name === 'needs info')!.decision
    const email = draftEmail({
      decision,
      customer: { name: 'Globex' },
      invoice,
      companyName: 'Northwind',
      templates: prompts.emails,
      tone: 'neutral',
    })
    expect(email.body).toContain(prompts.emails.wording.documents.delivery)
    expect(email.body).toContain(prompts.emails.wording.documents.purchase_order)
    expect(email.body).not.toContain(prompts.emails.wording.documents.contract)
    expect(email.body.toLowerCase()).toContain('delivery')
    expect(email.body.toLowerCase()).toContain('purchase')
  })

  it('formats amounts in the invoice currency and locale', () => {
    const decision = decisionFixture({ currency: 'EUR', disputedAmount: '1234.50', supportedAmount: '1234.50' })
    const email = draftEmail({
      decision,
      customer: { name: 'Globex' },
      invoice,
      companyName: 'Northwind',
      templates: prompts.emails,
      tone: 'neutral',
      locale: 'de-DE',
    })
    expect(email.body).toMatch(/1\.234,50\s€/)
    expect(email.body).toContain('27. März 2026')
  })

  it('uses the given signature instead of the default one', () => {
    const email = draftEmail({
      decision: decisionFixture(),
      customer: { name: 'Globex' },
      invoice,
      companyName: 'Northwind',
      templates: prompts.emails,
      tone: 'neutral',
      signature: 'Dana Kim, AR',
    })
    expect(email.body.endsWith('Dana Kim, AR')).toBe(true)
  })

  it("names the customer's own order number where the invoice carries one, and nothing where it does not", () => {
    const draft = (poNumber?: string) =>
      draftEmail({
        decision: decisionFixture(),
        customer: { name: 'Globex' },
        invoice: { ...invoice, ...(poNumber ? { poNumber } : {}) },
        companyName: 'Northwind',
        templates: prompts.emails,
        tone: 'neutral',
      }).body
    expect(draft('GLX-PO-7730')).toContain('(your order GLX-PO-7730)')
    expect(draft()).not.toMatch(/your order|\(\s*\)/)
  })

  it('treats ledger text as text: braces in a customer name are never expanded', () => {
    const email = draftEmail({
      decision: decisionFixture(),
      customer: { name: 'Evil {{owedAmount}} Ltd' },
      invoice,
      companyName: 'Northwind',
      templates: prompts.emails,
      tone: 'warm',
    })
    expect(email.body).toContain('Evil {{owedAmount}} Ltd')
  })

  it('throws when a hand-built template carries a banned phrase', () => {
    const templates = structuredClone(prompts.emails)
    templates.templates.credit_full.body += '\nThis was clearly your fault.'
    expect(() =>
      draftEmail({
        decision: decisionFixture(),
        customer: { name: 'Globex' },
        invoice,
        companyName: 'Northwind',
        templates,
        tone: 'neutral',
        lexicon: prompts.lexicon,
      }),
    ).toThrow(/your fault/)
  })

  it.each([
    ['credit_memo', 'valid', 'credit_full'],
    ['credit_memo', 'partial', 'credit_partial'],
    ['write_off', 'partial', 'write_off_partial'],
    ['write_off', 'invalid', 'write_off'],
    ['request_information', 'needs_info', 'needs_info'],
    ['goodwill_credit', 'invalid', 'goodwill'],
  ] as const)('picks the template for %s / %s', (action, classification, key) => {
    expect(templateKeyFor({ action, classification })).toBe(key)
  })
})
