/**
 * Every reason code's rule of evidence through the engine: valid, partial, invalid and needs_info
 * (DOMAIN.md "Reason codes" and "Outcome of the investigation"). Default evidence: 100 WIDGET billed
 * at 14.00 on INV-1 (1,400.00), contract CT-1 at 12.50, PO-1, delivered in full (D-1).
 */
import { describe, expect, it } from 'vitest'
import type { Decision, Evidence } from '../resolution.ts'
import { contract, decide, evidence, invoice, outcomeOf } from '../testing/builders.ts'

type Case = {
  name: string
  claim: Parameters<typeof decide>[0]
  ev: Evidence
  today?: string
  expect: Partial<Decision>
}

function table(cases: Case[]) {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const d = decide(c.claim, c.ev, c.today ? { today: c.today } : {})
    expect(d).toMatchObject(c.expect)
    const pick = Object.fromEntries(Object.keys(outcomeOf(d)).map((k) => [k, d[k as keyof Decision]]))
    expect(pick).toMatchObject(Object.fromEntries(Object.entries(c.expect).filter(([k]) => k in pick)))
  })
}

const seatInvoice = invoice({
  poNumber: null,
  servicePeriodStart: '2026-02-01',
  servicePeriodEnd: '2026-02-28',
  lines: [{ line: 1, sku: 'SEAT', quantity: 10, unitPrice: '30.00' }],
})
const seats = (logs: Evidence['serviceLogs']) => evidence({ invoice: seatInvoice, deliveries: [], serviceLogs: logs })
const log = (status: 'rendered' | 'partial' | 'not_rendered', quantity: number, invoiceNumber?: string) => ({
  id: `SL-${status}`,
  customerId: 'C-1',
  sku: 'SEAT',
  periodStart: '2026-02-01',
  periodEnd: '2026-02-28',
  quantity,
  status,
  ...(invoiceNumber ? { invoiceNumber } : {}),
})

describe('pricing_error: invoice price vs contract price (else PO price)', () => {
  const twoLines = invoice({
    lines: [
      { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00', taxRate: '0.1' },
      { line: 2, sku: 'GADGET', quantity: 1, unitPrice: '5.00' },
    ],
  })
  table([
    {
      name: 'valid: (14.00 − 12.50) × 100 = 150.00, derived from the contract',
      claim: { reasonCode: 'pricing_error' },
      ev: evidence(),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        disputedAmount: '150.00',
        supportedAmount: '150.00',
        disputedAmountSource: 'derived',
        rootCauseCode: 'price_list_not_updated',
      },
    },
    {
      name: 'valid with the line tax: 150.00 + 10% = 165.00',
      claim: { reasonCode: 'pricing_error', sku: 'widget' },
      ev: evidence({ invoice: twoLines }),
      expect: { classification: 'valid', supportedAmount: '165.00' },
    },
    {
      name: 'partial: the customer expects 12.00, the contract says 12.50',
      claim: { reasonCode: 'pricing_error', expectedUnitPrice: '12.00' },
      ev: evidence(),
      expect: {
        classification: 'partial',
        action: 'credit_memo',
        disputedAmount: '200.00',
        supportedAmount: '150.00',
        owedAmount: '50.00',
      },
    },
    {
      name: 'invalid: billed at the contract price',
      claim: { reasonCode: 'pricing_error', disputedAmount: '150.00' },
      ev: evidence({ invoice: invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '12.50' }] }) }),
      expect: {
        classification: 'invalid',
        action: 'no_adjustment',
        supportedAmount: '0.00',
        rootCauseCode: 'invoice_correct',
      },
    },
    {
      name: 'valid on the PO price when there is no contract',
      claim: { reasonCode: 'pricing_error' },
      ev: evidence({ contract: null }),
      expect: { classification: 'valid', supportedAmount: '150.00', missingDocuments: [] },
    },
    {
      name: 'a contract in another currency is not compared; the PO price is',
      claim: { reasonCode: 'pricing_error' },
      ev: evidence({ contract: contract({ currency: 'EUR' }) }),
      expect: { classification: 'valid', supportedAmount: '150.00' },
    },
    {
      name: 'needs_info: no contract and no PO price',
      claim: { reasonCode: 'pricing_error', disputedAmount: '150.00' },
      ev: evidence({ contract: null, purchaseOrders: [] }),
      expect: {
        classification: 'needs_info',
        action: 'request_information',
        missingDocuments: ['contract'],
        rootCauseCode: 'missing_documentation',
      },
    },
    {
      name: 'needs_info: the contract does not price the SKU and the PO does not either',
      claim: { reasonCode: 'pricing_error', lines: [2], disputedAmount: '1.00' },
      ev: evidence({ invoice: twoLines }),
      expect: { classification: 'needs_info', missingDocuments: ['purchase_order'] },
    },
  ])
})

describe('quantity_discrepancy: billed vs delivered', () => {
  const delivered = (...qty: number[]) =>
    evidence({
      deliveries: qty.map((q, i) => ({
        id: `D-${i + 1}`,
        invoiceNumber: 'INV-1',
        sku: 'WIDGET',
        quantity: q,
        deliveredDate: '2026-02-01',
      })),
    })
  table([
    {
      name: 'valid: 90 of 100 delivered over two deliveries, 10 × 14.00',
      claim: { reasonCode: 'quantity_discrepancy', quantityReceived: 90 },
      ev: delivered(60, 30),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        disputedAmount: '140.00',
        supportedAmount: '140.00',
        rootCauseCode: 'billed_ordered_not_delivered',
      },
    },
    {
      name: 'partial: the customer says 85, the POD says 90',
      claim: { reasonCode: 'quantity_discrepancy', quantityReceived: 85 },
      ev: delivered(90),
      expect: {
        classification: 'partial',
        action: 'credit_memo',
        disputedAmount: '210.00',
        supportedAmount: '140.00',
        owedAmount: '70.00',
      },
    },
    {
      name: 'invalid: the POD shows all 100',
      claim: { reasonCode: 'quantity_discrepancy', quantityReceived: 90 },
      ev: delivered(100),
      expect: { classification: 'invalid', action: 'no_adjustment', owedAmount: '140.00' },
    },
    {
      name: 'needs_info: no delivery record',
      claim: { reasonCode: 'quantity_discrepancy', quantityReceived: 90 },
      ev: evidence({ deliveries: [] }),
      expect: { classification: 'needs_info', action: 'request_information', missingDocuments: ['delivery'] },
    },
    {
      name: 'a delivery recorded against another invoice of the same PO does not count',
      claim: { reasonCode: 'quantity_discrepancy', quantityReceived: 90 },
      ev: evidence({
        deliveries: [
          {
            id: 'D-9',
            invoiceNumber: 'INV-9',
            poNumber: 'PO-1',
            sku: 'WIDGET',
            quantity: 100,
            deliveredDate: '2026-02-01',
          },
        ],
      }),
      expect: { classification: 'needs_info' },
    },
  ])
})

describe('damaged_goods: the delivery record’s damaged quantity', () => {
  const cracked = (damagedQuantity?: number) =>
    evidence({
      invoice: invoice({ lines: [{ line: 1, sku: 'VASE', quantity: 10, unitPrice: '210.00', taxRate: '0.08' }] }),
      deliveries: [
        {
          id: 'D-5',
          invoiceNumber: 'INV-1',
          sku: 'VASE',
          quantity: 10,
          deliveredDate: '2026-02-01',
          ...(damagedQuantity === undefined ? {} : { damagedQuantity }),
        },
      ],
    })
  table([
    {
      name: 'valid: "4 cracked" on a 210.00 line = 840.00 + 8% tax = 907.20',
      claim: { reasonCode: 'damaged_goods', quantityAffected: 4 },
      ev: cracked(4),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        disputedAmount: '907.20',
        supportedAmount: '907.20',
        rootCauseCode: 'damaged_in_transit',
      },
    },
    {
      name: 'partial: 4 claimed, 2 recorded damaged',
      claim: { reasonCode: 'damaged_goods', quantityAffected: 4 },
      ev: cracked(2),
      expect: { classification: 'partial', supportedAmount: '453.60', owedAmount: '453.60', action: 'credit_memo' },
    },
    {
      name: 'valid: a service line in scope (its own service log, no delivery) is no gap in the goods evidence',
      claim: { reasonCode: 'damaged_goods', lines: [1, 2] },
      ev: {
        ...cracked(4),
        invoice: invoice({
          lines: [
            { line: 1, sku: 'VASE', quantity: 10, unitPrice: '210.00', taxRate: '0.08' },
            { line: 2, sku: 'FIT', quantity: 1, unitPrice: '90.00', taxRate: '0.08' },
          ],
        }),
        serviceLogs: [
          {
            id: 'SL-1',
            customerId: 'C-1',
            invoiceNumber: 'INV-1',
            sku: 'FIT',
            periodStart: '2026-02-02',
            periodEnd: '2026-02-02',
            quantity: 1,
            status: 'rendered',
          },
        ],
      },
      expect: { classification: 'valid', supportedAmount: '907.20' },
    },
    {
      name: 'invalid: the POD records no damage',
      claim: { reasonCode: 'damaged_goods', quantityAffected: 4 },
      ev: cracked(),
      expect: { classification: 'invalid', action: 'no_adjustment', supportedAmount: '0.00' },
    },
    {
      name: 'partial: 4 recorded damaged, 2 of them credited already (a memo naming the vases)',
      claim: { reasonCode: 'damaged_goods', quantityAffected: 4 },
      ev: {
        ...cracked(4),
        creditMemos: [
          { number: 'CM-9', invoiceNumber: 'INV-1', amount: '453.60', date: '2026-02-10', reason: '2 vases chipped' },
          {
            number: 'CM-8',
            invoiceNumber: 'INV-1',
            amount: '50.00',
            date: '2026-02-10',
            reason: 'late delivery goodwill',
          },
        ],
      },
      expect: { classification: 'valid', disputedAmount: '453.60', supportedAmount: '453.60' },
    },
    {
      name: 'needs_info: no delivery record',
      claim: { reasonCode: 'damaged_goods', quantityAffected: 4 },
      ev: { ...cracked(4), deliveries: [] },
      expect: { classification: 'needs_info', missingDocuments: ['delivery'] },
    },
  ])
})

describe('duplicate_billing: another invoice for the same customer, PO/period, SKU and quantity', () => {
  const twin = (patch: Parameters<typeof invoice>[0] = {}) =>
    invoice({ number: 'INV-0', issueDate: '2026-02-01', ...patch })
  const twoLines = invoice({
    lines: [
      { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
      { line: 2, sku: 'SEAT', quantity: 2, unitPrice: '30.00' },
    ],
  })
  table([
    {
      name: 'valid: same PO, same line, the whole total is not owed',
      claim: { reasonCode: 'duplicate_billing' },
      ev: evidence({ otherInvoices: [twin()] }),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        disputedAmount: '1400.00',
        supportedAmount: '1400.00',
        rootCauseCode: 'duplicate_invoice_generated',
        stakeholders: ['billing'],
      },
    },
    {
      name: 'partial: only one of two lines is billed twice',
      claim: { reasonCode: 'duplicate_billing', disputedAmount: '1460.00' },
      ev: evidence({ invoice: twoLines, otherInvoices: [twin()] }),
      expect: { classification: 'partial', supportedAmount: '1400.00', owedAmount: '60.00', action: 'credit_memo' },
    },
    {
      name: 'invalid: the named invoice bills another quantity',
      claim: { reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-0', disputedAmount: '1400.00' },
      ev: evidence({
        otherInvoices: [twin({ lines: [{ line: 1, sku: 'WIDGET', quantity: 50, unitPrice: '14.00' }] })],
      }),
      expect: { classification: 'invalid', action: 'no_adjustment' },
    },
    {
      name: 'invalid: a voided twin is no duplicate',
      claim: { reasonCode: 'duplicate_billing', disputedAmount: '1400.00' },
      ev: evidence({ otherInvoices: [twin({ status: 'void' })] }),
      expect: { classification: 'invalid' },
    },
    {
      name: 'needs_info: the invoice the customer names is not in the ledger',
      claim: { reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-404' },
      ev: evidence(),
      expect: { classification: 'needs_info', missingDocuments: ['duplicate_invoice'] },
    },
  ])
})

describe('service_not_rendered and service_dissatisfaction: service logs for the SKU and period', () => {
  table([
    {
      name: 'valid: the log says not rendered',
      claim: { reasonCode: 'service_not_rendered' },
      ev: seats([log('not_rendered', 0, 'INV-1')]),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        supportedAmount: '300.00',
        rootCauseCode: 'service_billed_not_rendered',
        stakeholders: ['service_delivery', 'customer_success'],
      },
    },
    {
      name: 'partial: 6 of 10 seats rendered (an unlinked log of the period counts)',
      claim: { reasonCode: 'service_not_rendered', disputedAmount: '300.00' },
      ev: seats([log('partial', 6)]),
      expect: { classification: 'partial', supportedAmount: '120.00', owedAmount: '180.00' },
    },
    {
      name: 'invalid: rendered in full',
      claim: { reasonCode: 'service_not_rendered' },
      ev: seats([log('rendered', 10, 'INV-1')]),
      expect: { classification: 'invalid', action: 'no_adjustment', disputedAmount: '300.00' },
    },
    {
      name: 'needs_info: no service log',
      claim: { reasonCode: 'service_not_rendered' },
      ev: seats([]),
      expect: { classification: 'needs_info', missingDocuments: ['service_log'] },
    },
    {
      name: 'dissatisfaction with a delivered service: invalid, a service quality issue',
      claim: { reasonCode: 'service_dissatisfaction' },
      ev: seats([log('rendered', 10, 'INV-1')]),
      expect: { classification: 'invalid', action: 'no_adjustment', rootCauseCode: 'service_quality_issue' },
    },
    {
      name: 'dissatisfaction where the log shows it was not delivered: valid',
      claim: { reasonCode: 'service_dissatisfaction' },
      ev: seats([log('not_rendered', 0, 'INV-1')]),
      expect: { classification: 'valid', action: 'credit_memo' },
    },
    {
      name: 'dissatisfaction, partial: 8 of 10 seats',
      claim: { reasonCode: 'service_dissatisfaction', disputedAmount: '300.00' },
      ev: seats([log('partial', 8, 'INV-1')]),
      expect: { classification: 'partial', supportedAmount: '60.00' },
    },
    {
      name: 'dissatisfaction, needs_info: no log',
      claim: { reasonCode: 'service_dissatisfaction' },
      ev: seats([]),
      expect: { classification: 'needs_info', missingDocuments: ['service_log'] },
    },
  ])
})

describe('missing_po: PO number vs poRequired and the customer’s POs (never partial: the defect exists or not)', () => {
  table([
    {
      name: 'valid: a required PO is missing → cancel and re-bill, 0.00 supported',
      claim: { reasonCode: 'missing_po' },
      ev: evidence({ invoice: invoice({ poNumber: null }) }),
      expect: {
        classification: 'valid',
        action: 'cancel_and_rebill',
        supportedAmount: '0.00',
        disputedAmount: '1400.00',
        approval: null,
        rootCauseCode: 'po_missing_on_invoice',
      },
    },
    {
      name: 'valid: a PO the customer never issued',
      claim: { reasonCode: 'missing_po' },
      ev: evidence({ invoice: invoice({ poNumber: 'PO-9' }) }),
      expect: { classification: 'valid', action: 'cancel_and_rebill' },
    },
    {
      name: 'invalid: the contract does not require a PO',
      claim: { reasonCode: 'missing_po' },
      ev: evidence({ invoice: invoice({ poNumber: null }), contract: contract({ poRequired: false }) }),
      expect: { classification: 'invalid', action: 'no_adjustment' },
    },
    {
      name: 'invalid: the invoice carries the customer’s PO',
      claim: { reasonCode: 'missing_po' },
      ev: evidence(),
      expect: { classification: 'invalid', action: 'no_adjustment', rootCauseCode: 'invoice_correct' },
    },
    {
      name: 'needs_info: no contract to say whether a PO is required',
      claim: { reasonCode: 'missing_po' },
      ev: evidence({ invoice: invoice({ poNumber: null }), contract: null }),
      expect: { classification: 'needs_info', missingDocuments: ['contract'] },
    },
    {
      name: 'needs_info: a PO number and no POs of the customer in the ledger',
      claim: { reasonCode: 'missing_po' },
      ev: evidence({ purchaseOrders: [] }),
      expect: { classification: 'needs_info', missingDocuments: ['purchase_order'] },
    },
  ])
})

describe('already_paid: payments referencing the invoice or matching amount/customer', () => {
  const pay = (amount: string, patch: Partial<Evidence['payments'][number]> = {}) => ({
    id: 'P-1',
    customerId: 'C-1',
    invoiceNumber: null,
    amount,
    currency: 'USD',
    date: '2026-03-01',
    ...patch,
  })
  table([
    {
      name: 'valid: an unapplied payment of the amount due → apply it, no credit',
      claim: { reasonCode: 'already_paid' },
      ev: evidence({ payments: [pay('1400.00')] }),
      expect: {
        classification: 'valid',
        action: 'apply_payment',
        supportedAmount: '1400.00',
        approval: null,
        rootCauseCode: 'payment_not_applied',
        stakeholders: ['cash_application'],
      },
    },
    {
      name: 'valid: a payment cash application put on another invoice, its remittance naming this one',
      claim: { reasonCode: 'already_paid' },
      ev: evidence({ payments: [pay('1400.00', { invoiceNumber: 'INV-7', reference: 'Remittance for INV-1' })] }),
      expect: { classification: 'valid', action: 'apply_payment' },
    },
    {
      name: 'invalid: the check they quote ("4411" of "CHK 4411") rightly pays another invoice',
      claim: { reasonCode: 'already_paid', paymentReference: '4411' },
      ev: evidence({ payments: [pay('1400.00', { invoiceNumber: 'INV-7', reference: 'CHK 4411' })] }),
      expect: { classification: 'invalid', action: 'no_adjustment', supportedAmount: '0.00' },
    },
    {
      name: 'valid: the unapplied check they quote by number',
      claim: { reasonCode: 'already_paid', paymentReference: '20455' },
      ev: evidence({
        payments: [pay('1400.00', { reference: 'CHK 20455' }), pay('1400.00', { id: 'P-2', reference: 'CHK 1' })],
      }),
      expect: {
        classification: 'valid',
        action: 'apply_payment',
        findings: [expect.objectContaining({ documentId: 'P-1' })],
      },
    },
    {
      name: 'partial: the remittance names the invoice but covers 1,000.00 of 1,400.00',
      claim: { reasonCode: 'already_paid' },
      ev: evidence({ payments: [pay('1000.00', { reference: 'Remittance INV-1' })] }),
      expect: { classification: 'partial', action: 'apply_payment', supportedAmount: '1000.00', owedAmount: '400.00' },
    },
    {
      name: 'invalid: the applied payment leaves 400.00 open',
      claim: { reasonCode: 'already_paid' },
      ev: evidence({ payments: [pay('1000.00', { invoiceNumber: 'INV-1' })] }),
      expect: { classification: 'invalid', action: 'no_adjustment', disputedAmount: '400.00', openBalance: '400.00' },
    },
    {
      name: 'needs_info: no payment of the customer at all (a payment in another currency cannot be applied)',
      claim: { reasonCode: 'already_paid' },
      ev: evidence({ payments: [pay('1400.00', { currency: 'EUR' })] }),
      expect: { classification: 'needs_info', missingDocuments: ['payment'] },
    },
  ])
})

describe('late_fee: contract clause, grace days, actual payment date', () => {
  // 1,400.00 principal due 2026-03-04; the contract allows 1.5% a month after 10 grace days.
  const withFee = (amount: string, patch: Partial<Evidence> = {}) =>
    evidence({ invoice: invoice({ fees: [{ type: 'late_fee', amount }] }), ...patch })
  const paid = (date: string) => [
    { id: 'P-1', customerId: 'C-1', invoiceNumber: 'INV-1', amount: '1400.00', currency: 'USD', date },
  ]
  table([
    {
      name: 'valid: the contract has no late-fee clause',
      claim: { reasonCode: 'late_fee' },
      ev: withFee('21.00', { contract: contract({ lateFee: null }) }),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        disputedAmount: '21.00',
        supportedAmount: '21.00',
        rootCauseCode: 'late_fee_applied_in_error',
        stakeholders: ['collections', 'billing'],
      },
    },
    {
      name: 'valid: paid within the grace days',
      claim: { reasonCode: 'late_fee' },
      ev: withFee('21.00', { payments: paid('2026-03-14') }),
      expect: { classification: 'valid', supportedAmount: '21.00' },
    },
    {
      name: 'partial: 89 days late allows 3 × 21.00 = 63.00 of a 150.00 fee',
      claim: { reasonCode: 'late_fee', disputedAmount: '150.00' },
      ev: withFee('150.00', { payments: paid('2026-06-01') }),
      today: '2026-06-10',
      expect: { classification: 'partial', action: 'credit_memo', supportedAmount: '87.00', owedAmount: '63.00' },
    },
    {
      name: 'partial: paid 30 days late by a payment left unapplied whose remittance names the invoice, 1 month of 3',
      claim: { reasonCode: 'late_fee', disputedAmount: '63.00' },
      ev: withFee('63.00', {
        payments: [
          {
            id: 'P-2',
            customerId: 'C-1',
            invoiceNumber: null,
            amount: '1400.00',
            currency: 'USD',
            date: '2026-04-03',
            remittance: [{ invoiceNumber: 'INV-1', paid: '1400.00', deducted: '63.00' }],
          },
        ],
      }),
      today: '2026-06-01',
      expect: { classification: 'partial', supportedAmount: '42.00', owedAmount: '21.00' },
    },
    {
      name: 'invalid: unpaid 89 days, a 63.00 fee is within the clause',
      claim: { reasonCode: 'late_fee' },
      ev: withFee('63.00'),
      today: '2026-06-01',
      expect: { classification: 'invalid', action: 'no_adjustment', owedAmount: '63.00' },
    },
    {
      name: 'needs_info: no contract',
      claim: { reasonCode: 'late_fee' },
      ev: withFee('21.00', { contract: null }),
      expect: { classification: 'needs_info', missingDocuments: ['contract'] },
    },
  ])
})

describe('tax_error: exemption and the rate on the line', () => {
  const taxed = (rate: string, extra: Partial<Parameters<typeof invoice>[0]> = {}) =>
    invoice({ lines: [{ line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00', taxRate: rate }], ...extra })
  const exempt = { id: 'C-1', name: 'Acme Corp', taxExempt: true }
  table([
    {
      name: 'valid: tax on the whole invoice of an exempt customer → cancel and re-bill',
      claim: { reasonCode: 'tax_error' },
      ev: evidence({ invoice: taxed('0.1'), customer: exempt }),
      expect: {
        classification: 'valid',
        action: 'cancel_and_rebill',
        disputedAmount: '140.00',
        supportedAmount: '140.00',
        rootCauseCode: 'tax_exemption_not_applied',
        approval: null,
      },
    },
    {
      name: 'valid: one taxed line of two on an exempt customer → credit memo for its tax',
      claim: { reasonCode: 'tax_error', lines: [2] },
      ev: evidence({
        customer: exempt,
        invoice: invoice({
          lines: [
            { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00', taxRate: '0.1' },
            { line: 2, sku: 'SEAT', quantity: 1, unitPrice: '30.00', taxRate: '0.1' },
          ],
        }),
      }),
      expect: { classification: 'valid', action: 'credit_memo', supportedAmount: '3.00' },
    },
    {
      name: 'valid: 10% where the customer’s other invoices charge 5% on the SKU',
      claim: { reasonCode: 'tax_error', disputedAmount: '70.00' },
      ev: evidence({ invoice: taxed('0.1'), otherInvoices: [taxed('0.05', { number: 'INV-0' })] }),
      expect: { classification: 'valid', action: 'credit_memo', supportedAmount: '70.00' },
    },
    {
      name: 'partial: the customer disputes all the tax, 5% of it is owed',
      claim: { reasonCode: 'tax_error' },
      ev: evidence({ invoice: taxed('0.1'), otherInvoices: [taxed('0.05', { number: 'INV-0' })] }),
      expect: { classification: 'partial', disputedAmount: '140.00', supportedAmount: '70.00', action: 'credit_memo' },
    },
    {
      name: 'invalid: not exempt and no other rate to compare',
      claim: { reasonCode: 'tax_error' },
      ev: evidence({ invoice: taxed('0.1') }),
      expect: { classification: 'invalid', action: 'no_adjustment', owedAmount: '140.00' },
    },
  ])
})

describe('contract_terms: contract dates and terms', () => {
  const period = (start: string, end: string) => invoice({ servicePeriodStart: start, servicePeriodEnd: end })
  const ended = contract({ endDate: '2026-01-31' })
  table([
    {
      name: 'valid: billed for a period after the contract ended',
      claim: { reasonCode: 'contract_terms' },
      ev: evidence({ contract: ended, invoice: period('2026-02-01', '2026-02-28') }),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        supportedAmount: '1400.00',
        rootCauseCode: 'billed_outside_contract_term',
        stakeholders: ['legal', 'sales'],
      },
    },
    {
      name: 'partial: 17 of 30 days after the end, pro rata 793.33 of 1,400.00',
      claim: { reasonCode: 'contract_terms', disputedAmount: '1400.00' },
      ev: evidence({ contract: ended, invoice: period('2026-01-19', '2026-02-17') }),
      expect: { classification: 'partial', supportedAmount: '793.33', owedAmount: '606.67', action: 'credit_memo' },
    },
    {
      name: 'valid: payment terms of 15 days where the contract sets 30 → cancel and re-bill',
      claim: { reasonCode: 'contract_terms' },
      ev: evidence({ invoice: invoice({ dueDate: '2026-02-17' }) }),
      expect: { classification: 'valid', action: 'cancel_and_rebill', supportedAmount: '0.00' },
    },
    {
      name: 'invalid: billed within the contract on its terms',
      claim: { reasonCode: 'contract_terms' },
      ev: evidence(),
      expect: { classification: 'invalid', action: 'no_adjustment' },
    },
    {
      name: 'needs_info: no contract',
      claim: { reasonCode: 'contract_terms' },
      ev: evidence({ contract: null }),
      expect: { classification: 'needs_info', missingDocuments: ['contract'] },
    },
  ])
})

describe('unrecognized_charge: PO, delivery proof or contract line that supports it', () => {
  const mystery = invoice({
    lines: [
      { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
      { line: 2, sku: 'MYSTERY', quantity: 1, unitPrice: '99.00' },
    ],
  })
  const freight = invoice({ fees: [{ type: 'freight', amount: '80.00' }] })
  table([
    {
      name: 'valid: nothing supports the MYSTERY line',
      claim: { reasonCode: 'unrecognized_charge', sku: 'mystery' },
      ev: evidence({ invoice: mystery }),
      expect: {
        classification: 'valid',
        action: 'credit_memo',
        supportedAmount: '99.00',
        rootCauseCode: 'charge_not_supported',
      },
    },
    {
      name: 'partial: the whole invoice disputed, only MYSTERY is unsupported',
      claim: { reasonCode: 'unrecognized_charge', disputedAmount: '1499.00' },
      ev: evidence({ invoice: mystery }),
      expect: { classification: 'partial', supportedAmount: '99.00', owedAmount: '1400.00' },
    },
    {
      name: 'invalid: the PO orders WIDGET',
      claim: { reasonCode: 'unrecognized_charge', sku: 'WIDGET' },
      ev: evidence({ invoice: mystery }),
      expect: { classification: 'invalid', action: 'no_adjustment' },
    },
    {
      name: 'invalid: a freight fee the contract notes provide for',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'freight' },
      ev: evidence({ invoice: freight, contract: contract({ notes: 'Freight billed at cost.' }) }),
      expect: { classification: 'invalid', disputedAmount: '80.00' },
    },
    {
      name: 'invalid: a fee named with the place it went to, which the notes name by what it is',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Messenger to Port Vila', amount: '35.00' }] }),
        contract: contract({ notes: 'Messenger and filing costs are passed on at cost.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '35.00' },
    },
    {
      name: 'valid: a fee the notes say is included in the price',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Messenger to Port Vila', amount: '35.00' }] }),
        contract: contract({ notes: 'Messenger is included in the monthly retainer.' }),
      }),
      expect: { classification: 'valid', supportedAmount: '35.00' },
    },
    {
      name: 'invalid: a fee whose name the notes use in other words and order',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Drum deposit (залог)', amount: '45.00' }] }),
        contract: contract({ notes: 'Returnable drums carry a deposit, refunded on return of the drums.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '45.00' },
    },
    {
      name: 'invalid: a typed fee whose description the notes name, its arithmetic in brackets aside',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({
          fees: [{ type: 'service_fee', description: 'Weekend delivery (3 x EUR 40.00)', amount: '120.00' }],
        }),
        contract: contract({ notes: 'Orders delivered on a Saturday or Sunday carry a weekend delivery charge.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '120.00' },
    },
    {
      name: 'invalid: a fee of a long name the notes name in all but one of its words',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({
          fees: [{ type: 'other', description: 'Third-party survey at Walvis Bay, consignee half', amount: '310.00' }],
        }),
        contract: contract({
          notes: 'The third-party survey at Walvis Bay is charged at cost, half to the consignee.',
        }),
      }),
      expect: { classification: 'invalid', disputedAmount: '310.00' },
    },
    {
      name: 'invalid: a fee whose description bills a count at the rate the notes state, however many',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({
          fees: [
            { type: 'other', description: 'Déchargement au quai de Tombouctou (250 fûts x 30.00)', amount: '7500.00' },
          ],
        }),
        contract: contract({ notes: 'Le déchargement est facturé 30.00 par fût.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '7500.00' },
    },
    {
      name: 'invalid: a fee named by its code and amount in notes of another language',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Kosten T2L-Dokument (Zoll)', amount: '38.00' }] }),
        contract: contract({ notes: 'A T2L transit document is charged at 38.00 per consignment.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '38.00' },
    },
    {
      name: 'valid: a fee whose code the notes name at another amount',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Kosten T2L-Dokument (Zoll)', amount: '52.00' }] }),
        contract: contract({ notes: 'A T2L transit document is charged at 38.00 per consignment.' }),
      }),
      expect: { classification: 'valid', disputedAmount: '52.00' },
    },
    {
      name: 'invalid: a fee whose own amount a sentence of the notes states, with a word of its name',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({
          fees: [{ type: 'other', description: 'Acarreo Norte - Pilar (pedido chico)', amount: '15500.00' }],
        }),
        contract: contract({ notes: 'Pedidos de menos de 40 cajas: acarreo de $ 15.500 por viaje. Pago a 30 días.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '15500.00' },
    },
    {
      name: 'invalid: a fee that is a whole number of a rate a sentence of the notes states, with a word of its name',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({
          fees: [{ type: 'service_fee', description: 'Tempo de descarga - cais 3 (3 h)', amount: '270.00' }],
        }),
        contract: contract({ notes: 'Descarga além de 2 horas: 90,00 por cada hora adicional.' }),
      }),
      expect: { classification: 'invalid', disputedAmount: '270.00' },
    },
    {
      name: 'valid: a rate of the notes the fee is no whole number of',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'service_fee', description: 'Tempo de descarga', amount: '250.00' }] }),
        contract: contract({ notes: 'Descarga além de 2 horas: 90,00 por cada hora adicional.' }),
      }),
      expect: { classification: 'valid', disputedAmount: '250.00' },
    },
    {
      name: 'valid: a sentence of the notes with the amount but none of the fee’s words',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Acarreo Norte - Pilar', amount: '15500.00' }] }),
        contract: contract({ notes: 'Minimum order value $ 15.500 per month.' }),
      }),
      expect: { classification: 'valid', disputedAmount: '15500.00' },
    },
    {
      name: 'valid: a fee the one sentence of the notes naming it rules out',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'service_fee', description: 'Weekend delivery', amount: '120.00' }] }),
        contract: contract({ notes: 'Payment within 30 days. No weekend delivery charge applies to this account.' }),
      }),
      expect: { classification: 'valid', supportedAmount: '120.00' },
    },
    {
      name: 'invalid: a fee the notes provide for on conditions that say "no" (an "i.e." ends no sentence)',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({
          fees: [
            {
              type: 'service_fee',
              description: 'Waiting time crane 3 h @ EUR 60 (client not ready)',
              amount: '180.00',
            },
          ],
        }),
        contract: contract({
          notes:
            'Waiting time: where the crane cannot lift for reasons of the client (no load ready, no access), waiting time is billed at half rate, i.e. crane EUR 60.00 per hour.',
        }),
      }),
      expect: { classification: 'invalid', disputedAmount: '180.00' },
    },
    {
      name: 'valid: a fee the notes waive after naming it',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'service_fee' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'service_fee', description: 'Waiting time', amount: '90.00' }] }),
        contract: contract({ notes: 'Waiting time charges are waived for this account.' }),
      }),
      expect: { classification: 'valid', supportedAmount: '90.00' },
    },
    {
      name: 'valid: a fee only some of whose words the notes use',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'other' },
      ev: evidence({
        invoice: invoice({ fees: [{ type: 'other', description: 'Drum cleaning surcharge', amount: '45.00' }] }),
        contract: contract({ notes: 'Returnable drums carry a deposit.' }),
      }),
      expect: { classification: 'valid', supportedAmount: '45.00' },
    },
    {
      name: 'valid: a freight fee the contract does not provide for',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'freight' },
      ev: evidence({ invoice: freight }),
      expect: { classification: 'valid', supportedAmount: '80.00' },
    },
    {
      name: 'needs_info: a fee and no contract',
      claim: { reasonCode: 'unrecognized_charge', feeType: 'freight' },
      ev: evidence({ invoice: freight, contract: null }),
      expect: { classification: 'needs_info', missingDocuments: ['contract'] },
    },
  ])
})

describe('other: no rule of evidence', () => {
  it('with an amount contested, is needs_info for a person to review, routed to billing', () => {
    const d = decide({ reasonCode: 'other', disputedAmount: '100.00' }, evidence())
    expect(d).toMatchObject({
      classification: 'needs_info',
      action: 'request_information',
      rootCauseCode: 'unknown',
      stakeholders: ['billing'],
    })
    expect(d.rationale.map((r) => r.code)).toContain('no_rule_of_evidence')
  })

  it('with no amount contested (a new billing entity), the charges stand and the invoice is reissued', () => {
    const d = decide({ reasonCode: 'other' }, evidence())
    expect(d).toMatchObject({
      classification: 'valid',
      action: 'cancel_and_rebill',
      supportedAmount: '0.00',
      approval: null,
    })
  })
})

describe('the claim’s scope', () => {
  it('a fee billed as a line ("HANDLING-FEE") is found from the fee type', () => {
    const ev = evidence({
      invoice: invoice({
        lines: [
          { line: 1, sku: 'WIDGET', quantity: 100, unitPrice: '14.00' },
          { line: 2, sku: 'HANDLING-FEE', description: 'Handling', quantity: 1, unitPrice: '75.00', taxRate: '0.08' },
        ],
      }),
    })
    expect(decide({ reasonCode: 'unrecognized_charge', feeType: 'service_fee' }, ev)).toMatchObject({
      classification: 'valid',
      disputedAmount: '81.00',
      supportedAmount: '81.00',
    })
  })

  it('a contract with a price list governs only its SKUs: other goods on the invoice are owed', () => {
    const ev = evidence({
      contract: contract({ endDate: '2025-12-31', prices: [{ sku: 'CLEANUP', unitPrice: '1850.00' }] }),
      invoice: invoice({
        servicePeriodStart: '2026-02-01',
        servicePeriodEnd: '2026-02-28',
        lines: [
          { line: 1, sku: 'CLEANUP', quantity: 1, unitPrice: '1850.00' },
          { line: 2, sku: 'WIDGET', quantity: 20, unitPrice: '14.00', taxRate: '0.08' },
        ],
      }),
    })
    expect(decide({ reasonCode: 'contract_terms', disputedAmount: '2152.40' }, ev)).toMatchObject({
      classification: 'partial',
      supportedAmount: '1850.00',
      action: 'credit_memo',
    })
  })
})
