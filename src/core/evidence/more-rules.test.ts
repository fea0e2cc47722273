/** DOMAIN.md, "More rules of evidence" and duplicate billing's "same period": one table per rule. */
import { describe, expect, it } from 'vitest'
import type { ServiceLog } from '../ledger.ts'
import { contract, decide, evidence, invoice, outcomeOf } from '../testing/builders.ts'

describe('unrecognized_charge: a fee the customer’s own PO lists', () => {
  const withFreight = (poLine: { sku: string; description?: string; quantity: number; unitPrice: string }) =>
    evidence({
      invoice: invoice({ fees: [{ type: 'freight', description: 'Expedited freight', amount: '85.00' }] }),
      contract: contract({ notes: '' }),
      purchaseOrders: [
        {
          number: 'PO-1',
          customerId: 'C-1',
          issueDate: '2026-01-20',
          lines: [{ sku: 'WIDGET', quantity: 100, unitPrice: '14.00' }, poLine],
        },
      ],
    })
  it.each([
    [
      'supports the invoice: the PO lists expedited freight at 85.00',
      { sku: 'SHIP-EXP', description: 'Expedited freight', quantity: 1, unitPrice: '85.00' },
      'invalid',
      '0.00',
    ],
    [
      'supports the invoice: the PO line’s SKU is FREIGHT at that price',
      { sku: 'FREIGHT', quantity: 1, unitPrice: '85.00' },
      'invalid',
      '0.00',
    ],
    [
      'does not: the PO lists freight at another price',
      { sku: 'FREIGHT', description: 'Expedited freight', quantity: 1, unitPrice: '60.00' },
      'valid',
      '85.00',
    ],
    [
      'does not: the PO line is for something else',
      { sku: 'CRATE', description: 'Wooden crate', quantity: 1, unitPrice: '85.00' },
      'valid',
      '85.00',
    ],
  ])('%s', (_name, poLine, classification, supported) => {
    const d = decide({ reasonCode: 'unrecognized_charge', feeType: 'freight' }, withFreight(poLine))
    expect(outcomeOf(d)).toMatchObject({ classification, supportedAmount: supported })
  })

  it('reads a fee and a PO line written in another script: the same words in Greek match', () => {
    const ev = evidence({
      invoice: invoice({ fees: [{ type: 'freight', description: 'Μεταφορά Λάρισα–Βόλος', amount: '85.00' }] }),
      contract: contract({ notes: '' }),
      purchaseOrders: [
        {
          number: 'PO-1',
          customerId: 'C-1',
          issueDate: '2026-01-20',
          lines: [{ sku: 'MTF', description: 'Μεταφορά Λάρισα–Βόλος', quantity: 1, unitPrice: '85.00' }],
        },
      ],
    })
    const d = decide({ reasonCode: 'unrecognized_charge', feeType: 'freight' }, ev)
    expect(outcomeOf(d)).toMatchObject({ classification: 'invalid', supportedAmount: '0.00' })
    expect(d.findings[0]?.documentId).toBe('PO-1')
  })

  it('reads a fee by the name before its particulars: the notes provide for damage repair', () => {
    const ev = evidence({
      invoice: invoice({
        fees: [
          { type: 'other', description: 'Damage repair - nearside mirror glass, inspection 7781', amount: '640.00' },
        ],
      }),
      contract: contract({ notes: 'Damage repair is charged at assessed cost per the signed return report.' }),
    })
    const d = decide({ reasonCode: 'unrecognized_charge', feeType: 'other' }, ev)
    expect(outcomeOf(d)).toMatchObject({ classification: 'invalid', supportedAmount: '0.00' })
  })

  it('judges a fee the PO lists even without a contract', () => {
    const ev = { ...withFreight({ sku: 'FREIGHT', quantity: 1, unitPrice: '85.00' }), contract: null }
    const d = decide({ reasonCode: 'unrecognized_charge', feeType: 'freight' }, ev)
    expect(outcomeOf(d)).toMatchObject({ classification: 'invalid', supportedAmount: '0.00' })
    expect(d.findings[0]?.documentId).toBe('PO-1')
  })
})

const visits = (patch: Partial<ServiceLog>[]): ServiceLog[] =>
  patch.map((p, i) => ({
    id: `SL-${i + 1}`,
    customerId: 'C-1',
    invoiceNumber: 'INV-1',
    sku: 'VISIT',
    periodStart: '2026-02-02',
    periodEnd: '2026-02-02',
    quantity: 1,
    status: 'rendered' as const,
    ...p,
  }))

const serviceEvidence = (logs: ServiceLog[]) =>
  evidence({
    invoice: invoice({
      servicePeriodStart: '2026-02-01',
      servicePeriodEnd: '2026-02-28',
      lines: [{ line: 1, sku: 'VISIT', description: 'Site visit', quantity: 4, unitPrice: '100.00', taxRate: '0.1' }],
    }),
    contract: contract({ prices: [{ sku: 'VISIT', unitPrice: '100.00' }] }),
    deliveries: [],
    serviceLogs: logs,
  })

describe('service claims about specific dates', () => {
  it.each([
    [
      'the monthly log: one entry for the whole period cannot show the 3rd and 4th → needs_info, ask for visit records',
      visits([{ periodStart: '2026-02-01', periodEnd: '2026-02-28', quantity: 4 }]),
      { classification: 'needs_info', action: 'request_information' },
    ],
    [
      'daily logs show nobody came on the 3rd and 4th → 2 visits with their tax not owed',
      visits([
        { periodStart: '2026-02-02', periodEnd: '2026-02-02' },
        { periodStart: '2026-02-05', periodEnd: '2026-02-05' },
      ]),
      { classification: 'valid', supportedAmount: '220.00' },
    ],
    [
      'daily logs show a visit on both dates → the invoice stands',
      visits([
        { periodStart: '2026-02-03', periodEnd: '2026-02-03' },
        { periodStart: '2026-02-04', periodEnd: '2026-02-04' },
      ]),
      { classification: 'invalid', supportedAmount: '0.00' },
    ],
    [
      'a daily log marks the 4th not rendered → 1 visit not owed',
      visits([
        { periodStart: '2026-02-03', periodEnd: '2026-02-03' },
        { periodStart: '2026-02-04', periodEnd: '2026-02-04', status: 'not_rendered', quantity: 0 },
      ]),
      { classification: 'partial', supportedAmount: '110.00' },
    ],
  ])('%s', (_name, logs, expected) => {
    const d = decide(
      { reasonCode: 'service_not_rendered', disputedAmount: '220.00', serviceDates: ['2026-02-03', '2026-02-04'] },
      serviceEvidence(logs),
    )
    expect(outcomeOf(d)).toMatchObject(expected)
    if (expected.classification === 'needs_info')
      expect(d.rationale.find((r) => r.code === 'visit_records_needed')?.detail).toMatch(/visit records/)
  })

  it('an invoice for one event (no service period) logged not rendered on the date claimed → every unit of it not owed', () => {
    const workshop = evidence({
      invoice: invoice({
        lines: [
          { line: 1, sku: 'WORKSHOP', description: 'Safety workshop 12 March', quantity: 1, unitPrice: '500.00' },
          { line: 2, sku: 'SEAT', description: 'Workshop seats', quantity: 6, unitPrice: '40.00' },
        ],
      }),
      contract: contract({ prices: [] }),
      deliveries: [],
      serviceLogs: [
        ...visits([
          { sku: 'WORKSHOP', periodStart: '2026-03-12', periodEnd: '2026-03-12', status: 'not_rendered', quantity: 0 },
        ]),
        ...visits([
          {
            id: 'SL-S',
            sku: 'SEAT',
            periodStart: '2026-03-12',
            periodEnd: '2026-03-12',
            status: 'not_rendered',
            quantity: 0,
          },
        ]),
      ],
    })
    const d = decide(
      { reasonCode: 'service_not_rendered', disputedAmount: '740.00', serviceDates: ['2026-03-12'] },
      workshop,
    )
    expect(outcomeOf(d)).toMatchObject({ classification: 'valid', supportedAmount: '740.00' })
  })

  it('a count of units on the one day every log of the line keeps → the units billed beyond those logged', () => {
    // A period invoice whose holiday-hours line is logged on the holiday alone: 24 billed, 16 logged.
    const holiday = evidence({
      invoice: invoice({
        servicePeriodStart: '2026-12-21',
        servicePeriodEnd: '2026-12-27',
        lines: [
          { line: 1, sku: 'STD-HR', description: 'Standard hour', quantity: 200, unitPrice: '20.00' },
          { line: 2, sku: 'HOL-HR', description: 'Holiday hour', quantity: 24, unitPrice: '30.00' },
        ],
      }),
      contract: contract({ prices: [] }),
      deliveries: [],
      serviceLogs: [
        ...visits([{ sku: 'HOL-HR', periodStart: '2026-12-25', periodEnd: '2026-12-25', quantity: 16 }]),
        ...visits([{ id: 'SL-STD', sku: 'STD-HR', periodStart: '2026-12-21', periodEnd: '2026-12-27', quantity: 200 }]),
      ],
    })
    const d = decide(
      {
        reasonCode: 'service_not_rendered',
        disputedAmount: '240.00',
        quantityAffected: 8,
        lines: [2],
        serviceDates: ['2026-12-25'],
      },
      holiday,
    )
    expect(outcomeOf(d)).toMatchObject({ classification: 'valid', supportedAmount: '240.00' })
  })

  it('a count received on the one day every log of the line keeps → the units billed beyond those logged', () => {
    // 4 hours billed for a hearing on the 9th, 2.5 logged; the customer counts 2: the log decides 1.5.
    const hearing = evidence({
      invoice: invoice({
        servicePeriodStart: '2026-03-01',
        servicePeriodEnd: '2026-03-31',
        lines: [{ line: 1, sku: 'CAPTION-HR', description: 'Live captioning hour', quantity: 4, unitPrice: '60.00' }],
      }),
      contract: contract({ prices: [] }),
      deliveries: [],
      serviceLogs: visits([{ sku: 'CAPTION-HR', periodStart: '2026-03-09', periodEnd: '2026-03-09', quantity: 2.5 }]),
    })
    const d = decide(
      {
        reasonCode: 'service_not_rendered',
        disputedAmount: '120.00',
        quantityReceived: 2,
        serviceDates: ['2026-03-09'],
      },
      hearing,
    )
    expect(outcomeOf(d)).toMatchObject({ classification: 'partial', supportedAmount: '90.00' })
  })

  it.each([
    ['counts at least the days claimed not rendered → the count decides', 6, 2, 'valid', '220.00'],
    [
      '(a check) counts every day billed rendered → the dates still decide: visit records needed',
      8,
      2,
      'needs_info',
      '0.00',
    ],
  ])('a span log with a count of days claimed: %s', (_name, logged, claimed, classification, supported) => {
    // 8 hire days billed over a span the log keeps as one entry; the days named bound the claim.
    const hire = evidence({
      invoice: invoice({
        servicePeriodStart: '2026-02-02',
        servicePeriodEnd: '2026-02-13',
        lines: [
          {
            line: 1,
            sku: 'VISIT',
            description: 'Boom lift, per day',
            quantity: 8,
            unitPrice: '100.00',
            taxRate: '0.1',
          },
        ],
      }),
      contract: contract({ prices: [] }),
      deliveries: [],
      serviceLogs: visits([{ periodStart: '2026-02-02', periodEnd: '2026-02-13', quantity: logged }]),
    })
    const d = decide(
      {
        reasonCode: 'service_not_rendered',
        disputedAmount: '220.00',
        quantityAffected: claimed,
        serviceDates: ['2026-02-11', '2026-02-13'],
      },
      hire,
    )
    expect(outcomeOf(d)).toMatchObject({ classification, supportedAmount: supported })
  })

  it('decides a claim about how many visits by the quantity logged: 2 of 4 rendered → 2 × 100.00 + tax not owed', () => {
    const d = decide(
      { reasonCode: 'service_not_rendered' },
      serviceEvidence(visits([{ periodStart: '2026-02-01', periodEnd: '2026-02-28', quantity: 2 }])),
    )
    expect(outcomeOf(d)).toMatchObject({ classification: 'valid', supportedAmount: '220.00' })
  })
})

describe('duplicate billing needs the same customer, PO, SKU, quantity and period', () => {
  const rental = (number: string, start: string, end: string, po = 'PO-1') =>
    invoice({
      number,
      poNumber: po,
      servicePeriodStart: start,
      servicePeriodEnd: end,
      lines: [{ line: 1, sku: 'RENTAL', description: 'Forklift rental', quantity: 1, unitPrice: '900.00' }],
    })
  it.each([
    [
      'two consecutive months of the same rental are not duplicates',
      rental('INV-2', '2026-01-01', '2026-01-31'),
      'invalid',
    ],
    ['the same month billed twice on the same PO is', rental('INV-2', '2026-02-01', '2026-02-28'), 'valid'],
    ['the same month on another PO is not', rental('INV-2', '2026-02-01', '2026-02-28', 'PO-9'), 'invalid'],
  ])('%s', (_name, other, classification) => {
    const ev = evidence({
      invoice: rental('INV-1', '2026-02-01', '2026-02-28'),
      otherInvoices: [other],
      deliveries: [],
    })
    const d = decide({ reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-2' }, ev)
    expect(d.classification).toBe(classification)
  })
})

describe('duplicate billing against an invoice that was voided', () => {
  it('reads the claim against the live invoices: a voided one bills nothing', () => {
    const ev = evidence({
      invoice: invoice({ number: 'INV-2' }),
      otherInvoices: [invoice({ number: 'INV-1', status: 'void' })],
      deliveries: [],
    })
    const d = decide({ reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-1' }, ev)
    expect(d.classification).toBe('invalid')
    expect(d.findings[0]?.evidence).toContain('INV-1 is void')
  })
})

describe('duplicate billing with no PO or period on either invoice', () => {
  const plain = (number: string, issueDate: string) =>
    invoice({ number, issueDate, poNumber: undefined, contractId: undefined })
  const delivered = (id: string, invoiceNumber: string, quantity: number) => ({
    id,
    invoiceNumber,
    sku: 'WIDGET',
    quantity,
    deliveredDate: '2026-02-01',
  })
  it.each([
    ['the named invoice is its duplicate where the invoice has no delivery of its own', [], 'valid'],
    [
      'it is not where the invoice’s own deliveries hold the whole line',
      [delivered('D-7', 'INV-1', 60), delivered('D-8', 'INV-1', 40)],
      'invalid',
    ],
    ['it still is where they hold only part of it', [delivered('D-7', 'INV-1', 60)], 'valid'],
  ])('%s', (_name, deliveries, classification) => {
    const ev = evidence({
      invoice: plain('INV-1', '2026-02-02'),
      otherInvoices: [plain('INV-0', '2026-01-26')],
      contract: null,
      purchaseOrders: [],
      deliveries,
    })
    const d = decide({ reasonCode: 'duplicate_billing', relatedInvoiceNumber: 'INV-0' }, ev)
    expect(d.classification).toBe(classification)
  })
})
