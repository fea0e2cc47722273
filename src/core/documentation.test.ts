import { describe, expect, it } from 'vitest'
import { Resolution } from './resolution.ts'
import { decide, evidence, invoice } from './testing/builders.ts'

const DecisionSchema = Resolution.omit({ similar: true, email: true, prevention: true, insights: true })

describe('documentation status: found / missing / not_applicable', () => {
  it('lists the summary table’s documents with their ids and whether the reason needs them', () => {
    const d = decide({ reasonCode: 'quantity_discrepancy', quantityReceived: 90 }, evidence())
    expect(d.documentation).toEqual([
      { kind: 'invoice', status: 'found', ids: ['INV-1'], required: true },
      { kind: 'purchase_order', status: 'found', ids: ['PO-1'], required: false },
      { kind: 'contract', status: 'found', ids: ['CT-1'], required: false },
      { kind: 'delivery', status: 'found', ids: ['D-1'], required: true },
      { kind: 'service_log', status: 'not_applicable', ids: [], required: false },
    ])
    expect(DecisionSchema.safeParse(d).success).toBe(true)
  })

  it.each([
    ['delivery', { reasonCode: 'damaged_goods' as const, quantityAffected: 1 }, { deliveries: [] }],
    [
      'contract',
      { reasonCode: 'late_fee' as const },
      { contract: null, invoice: invoice({ fees: [{ type: 'late_fee' as const, amount: '5.00' }] }) },
    ],
    ['payment', { reasonCode: 'already_paid' as const }, {}],
    ['duplicate_invoice', { reasonCode: 'duplicate_billing' as const, relatedInvoiceNumber: 'INV-0' }, {}],
    ['service_log', { reasonCode: 'service_not_rendered' as const }, {}],
    ['purchase_order', { reasonCode: 'missing_po' as const }, { purchaseOrders: [] }],
  ])('a missing %s is named, marked missing and required', (kind, claim, patch) => {
    const d = decide(claim, evidence(patch))
    expect(d.classification).toBe('needs_info')
    expect(d.missingDocuments).toEqual([kind])
    expect(d.documentation.find((x) => x.kind === kind)).toMatchObject({ status: 'missing', required: true, ids: [] })
    expect(d.rootCause).toContain(kind.replace(/_/g, ' '))
  })

  it('names the duplicate and the payments the decision rests on', () => {
    const twin = invoice({ number: 'INV-0', issueDate: '2026-02-01' })
    const dup = decide({ reasonCode: 'duplicate_billing' }, evidence({ otherInvoices: [twin] }))
    expect(dup.documentation.at(-1)).toEqual({
      kind: 'duplicate_invoice',
      status: 'found',
      ids: ['INV-0'],
      required: true,
    })
    const payments = [
      { id: 'P-9', customerId: 'C-1', invoiceNumber: null, amount: '1400.00', currency: 'USD', date: '2026-03-01' },
    ]
    const paid = decide({ reasonCode: 'already_paid' }, evidence({ payments }))
    expect(paid.documentation.at(-1)).toEqual({ kind: 'payment', status: 'found', ids: ['P-9'], required: true })
  })
})

describe('root cause', () => {
  it('names the documents and figures in one sentence', () => {
    const d = decide({ reasonCode: 'pricing_error' }, evidence())
    expect(d.rootCause).toBe('INV-1 Line 1 WIDGET: 100 × 14.00, where contract CT-1 price 12.50: 150.00 USD not owed.')
  })
  it('says the invoice stands, and on what, when the evidence supports it', () => {
    const d = decide({ reasonCode: 'quantity_discrepancy', quantityReceived: 90 }, evidence())
    expect(d).toMatchObject({
      rootCauseCode: 'invoice_correct',
      rootCause: 'INV-1 stands as billed: delivered 100 (D-1).',
    })
  })
})
