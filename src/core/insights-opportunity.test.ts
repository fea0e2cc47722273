import { beforeAll, describe, expect, it } from 'vitest'
import { loadPrompts } from '../adapters/prompts/load-prompts.ts'
import { draftEmail } from './email.ts'
import { consultantInsights } from './insights.ts'
import { opportunityInsights } from './insights-opportunity.ts'
import type { Invoice } from './ledger.ts'
import type { Prompts } from './prompts.ts'
import { contract, decide, evidence, invoice, TODAY } from './testing/builders.ts'

let prompts: Prompts
beforeAll(async () => {
  prompts = await loadPrompts('prompts')
})

const customer = { id: 'C-1', name: 'Acme Corp', accountManager: 'Dana Whitfield' }
/** Earlier orders of the same customer, each one line. */
const order = (n: number, sku: string, quantity: number, unitPrice: string, patch: Partial<Invoice> = {}) =>
  invoice({
    number: `INV-${n}`,
    issueDate: `2025-${String(n).padStart(2, '0')}-10`,
    dueDate: `2025-${String(n).padStart(2, '0')}-28`,
    lines: [{ line: 1, sku, quantity, unitPrice }],
    ...patch,
  })
const d = { customerId: 'C-1', customerName: 'Acme Corp' }
const since = '2025-03-10'

describe('opportunityInsights', () => {
  it('names the account manager when the customer keeps ordering a SKU the contract does not price', () => {
    const ev = evidence({
      customer,
      invoice: invoice({ lines: [{ line: 1, sku: 'GASKET', quantity: 40, unitPrice: '2.50' }] }),
      otherInvoices: [order(5, 'GASKET', 60, '2.50'), order(8, 'GASKET', 50, '2.60')],
    })
    expect(opportunityInsights(d, ev, since, TODAY)).toEqual([
      {
        kind: 'opportunity',
        text:
          'For Dana Whitfield (account manager): Acme Corp orders GASKET regularly (3 invoices, 150 units, ' +
          '$380.00 before tax since 2025-03-10) with no contract price in CT-1; offer a contract price for that volume.',
        basis: ['customer C-1', 'account manager Dana Whitfield', 'INV-1', 'INV-5', 'INV-8'],
      },
    ])
  })

  it('sees a better-fitting tier when their purchase orders price a regular SKU below the contract', () => {
    const ev = evidence({
      customer,
      invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '12.50' }] }),
      purchaseOrders: [
        {
          number: 'PO-1',
          customerId: 'C-1',
          issueDate: '2026-01-20',
          lines: [{ sku: 'WIDGET', quantity: 100, unitPrice: '11.00' }],
        },
      ],
      otherInvoices: [order(6, 'WIDGET', 120, '12.50'), order(9, 'WIDGET', 90, '12.50')],
    })
    const [tier] = opportunityInsights(d, ev, since, TODAY)
    expect(tier?.text).toBe(
      'For Dana Whitfield (account manager): Acme Corp keeps ordering WIDGET (3 invoices, 310 units, $3,875.00 ' +
        'before tax since 2025-03-10) and their purchase orders price it at $11.00 against $12.50 in contract CT-1; ' +
        'a volume tier for that quantity would fit them better than a price dispute on each invoice.',
    )
    expect(tier?.basis).toContain('contract CT-1 WIDGET 12.50')
  })

  it('makes nothing up: two orders, void or out-of-window invoices, or a PO at the contract price are no opportunity', () => {
    const twice = evidence({
      customer,
      otherInvoices: [order(6, 'GASKET', 1, '1.00'), order(7, 'WIDGET', 10, '12.50')],
    })
    expect(opportunityInsights(d, twice, since, TODAY)).toEqual([])
    const stale = evidence({
      customer,
      invoice: invoice({ lines: [{ line: 1, sku: 'GASKET', quantity: 1, unitPrice: '2.50' }] }),
      otherInvoices: [order(1, 'GASKET', 1, '2.50'), order(4, 'GASKET', 1, '2.50', { status: 'void' })],
    })
    expect(opportunityInsights(d, stale, since, TODAY)).toEqual([])
    // The builders' PO asks 12.50, the contract's price: ordering often at the agreed price is no unmet need.
    const agreed = evidence({
      customer,
      otherInvoices: [order(6, 'WIDGET', 10, '12.50'), order(7, 'WIDGET', 10, '12.50')],
    })
    expect(opportunityInsights(d, agreed, since, TODAY)).toEqual([])
  })

  it('says so when no account manager is recorded', () => {
    const ev = evidence({
      contract: contract({ prices: [] }),
      otherInvoices: [order(6, 'WIDGET', 10, '14.00'), order(7, 'WIDGET', 10, '14.00')],
    })
    expect(opportunityInsights(d, ev, since, TODAY)[0]?.text).toMatch(
      /^For the account manager \(none recorded for C-1\): Acme Corp orders WIDGET regularly/,
    )
  })

  it('appears among the consultant insights and never in the customer email drafted for the same dispute', () => {
    const ev = evidence({
      customer,
      invoice: invoice({
        lines: [
          { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
          { line: 2, sku: 'GASKET', quantity: 40, unitPrice: '2.50' },
        ],
      }),
      otherInvoices: [order(5, 'GASKET', 60, '2.50'), order(8, 'GASKET', 50, '2.60')],
    })
    const decision = decide({ reasonCode: 'pricing_error', openedOn: TODAY }, ev)
    const insights = consultantInsights({ decision, history: [], similar: [], today: TODAY, evidence: ev })
    const opportunity = insights.filter((i) => i.kind === 'opportunity')
    expect(opportunity).toHaveLength(1)
    expect(opportunity[0]?.text).toContain('Dana Whitfield')
    for (const tone of ['neutral', 'warm', 'firm'] as const) {
      const email = draftEmail({
        decision,
        customer: ev.customer,
        invoice: ev.invoice,
        companyName: 'Meridian Industrial Supply Co.',
        templates: prompts.emails,
        tone,
      })
      const text = `${email.subject}\n${email.body}`
      expect(text).toContain('Acme Corp')
      expect(text).not.toContain('Dana Whitfield')
      expect(text).not.toMatch(/account manager|GASKET|contract price for that volume|volume tier/i)
    }
  })
})
