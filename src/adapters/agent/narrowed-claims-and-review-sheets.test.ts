/**
 * Claims that a later turn narrows, and claims pasted as a reviewer's sheet: a part taken back by name
 * ("drop the hinge price … it's only the engineer visit now") restates the claim, while a turn that only
 * says what is left keeps the claim held; a bill review's "Reduction" column holds the figure claimed and
 * its rows at nought name no line; hours said across two sentences; goods "not reached" on a service
 * invoice; a PO "missing one"; a payment said to have hit another invoice; a bill named by its kind; "VAT
 * on both" of two lines; bread refused at the door; a short payment whose note nothing reads; payment
 * terms said in days. Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger } from '../../testing/test-app.ts'

const eur = invoicesIn('EUR', '2026-07-20')
const log = (
  id: string,
  customerId: string,
  invoiceNumber: string,
  sku: string,
  day: string,
  quantity: number,
  status: 'rendered' | 'not_rendered' | 'partial' = 'rendered',
) => ({ id, customerId, invoiceNumber, sku, periodStart: day, periodEnd: day, quantity, status })

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Tamsin Vale Services', currency: 'EUR' },
  customers: [
    { id: 'C-AR', name: 'Ardmore Logistics Hub' },
    { id: 'C-BY', name: 'Bramley Insurance Panel' },
    { id: 'C-WL', name: 'Wexford Legal Partners' },
    { id: 'C-KL', name: 'Kilbride Hotels' },
    { id: 'C-BE', name: 'Bellcross Estates' },
    { id: 'C-NG', name: 'Nagle Foods' },
    { id: 'C-HM', name: 'Hollins Mobility Trust', taxExempt: true },
    { id: 'C-MR', name: 'Moyvalley Deli' },
    { id: 'C-SV', name: 'Severn Signs' },
    { id: 'C-PL', name: 'Portlaw Links Hotel' },
    { id: 'C-RP', name: 'Rosslare Pallet Co' },
    { id: 'C-OT', name: 'Oldcastle Title Agency' },
  ],
  contracts: [
    {
      id: 'K-BY',
      customerId: 'C-BY',
      startDate: '2026-01-01',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [{ sku: 'PAGES', unitPrice: '4.80' }],
    },
    {
      id: 'K-NG',
      customerId: 'C-NG',
      startDate: '2025-06-01',
      endDate: '2026-05-31',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [
        { sku: 'STORE', unitPrice: '20.00' },
        { sku: 'HANDLE', unitPrice: '10.00' },
      ],
    },
    {
      id: 'K-OT',
      customerId: 'C-OT',
      startDate: '2025-04-16',
      endDate: '2026-04-15',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [{ sku: 'FIBRE-MO', unitPrice: '640.00' }],
    },
    {
      id: 'K-KL',
      customerId: 'C-KL',
      startDate: '2026-01-01',
      currency: 'EUR',
      paymentTermsDays: 30,
      poRequired: true,
      prices: [],
    },
    { id: 'K-PL', customerId: 'C-PL', startDate: '2026-01-01', currency: 'EUR', paymentTermsDays: 45, prices: [] },
  ],
  invoices: [
    eur(
      'TV-301',
      'C-AR',
      '2026-06-12',
      [
        { line: 1, sku: 'ENG-DAY', description: 'Engineer day', quantity: 2, unitPrice: '420.00' },
        { line: 2, sku: 'HINGE-SET', description: 'Door hinge sets', quantity: 10, unitPrice: '48.00' },
      ],
      { servicePeriodStart: '2026-06-02', servicePeriodEnd: '2026-06-09' },
    ),
    eur('TV-302', 'C-AR', '2026-06-12', [
      { line: 1, sku: 'CRATE', description: 'Timber crates', quantity: 20, unitPrice: '60.00' },
      { line: 2, sku: 'FREIGHT', description: 'Freight', quantity: 1, unitPrice: '85.00' },
    ]),
    eur(
      'TV-310',
      'C-BY',
      '2026-05-20',
      [
        { line: 1, sku: 'ATTEND', description: 'Attendance, full day', quantity: 1, unitPrice: '300.00' },
        { line: 2, sku: 'PAGES', description: 'Transcript', quantity: 200, unitPrice: '5.10' },
      ],
      { contractId: 'K-BY', servicePeriodStart: '2026-05-14', servicePeriodEnd: '2026-05-14' },
    ),
    eur(
      'TV-320',
      'C-WL',
      '2026-05-28',
      [{ line: 1, sku: 'VIDEO-HR', description: 'Videographer', quantity: 8, unitPrice: '100.00' }],
      { servicePeriodStart: '2026-05-21', servicePeriodEnd: '2026-05-21' },
    ),
    eur(
      'TV-321',
      'C-WL',
      '2026-06-04',
      [
        { line: 1, sku: 'VIDEO-HR', description: 'Videographer', quantity: 5, unitPrice: '100.00' },
        { line: 2, sku: 'MEDIA', description: 'Video on USB, 2 sets', quantity: 2, unitPrice: '20.00' },
      ],
      { servicePeriodStart: '2026-06-01', servicePeriodEnd: '2026-06-01' },
    ),
    eur(
      'TV-330',
      'C-KL',
      '2026-06-05',
      [{ line: 1, sku: 'LOCK', description: 'Lock cylinders', quantity: 6, unitPrice: '70.00' }],
      {
        contractId: 'K-KL',
        poNumber: 'KH-5502',
      },
    ),
    eur(
      'TV-331',
      'C-KL',
      '2026-06-08',
      [
        { line: 1, sku: 'ENG-DAY', description: 'Engineer day', quantity: 1, unitPrice: '420.00' },
        { line: 2, sku: 'LOCK', description: 'Lock cylinders', quantity: 4, unitPrice: '70.00' },
      ],
      { contractId: 'K-KL' },
    ),
    eur('TV-339', 'C-BE', '2026-04-20', [
      { line: 1, sku: 'GATE', description: 'Gate service', quantity: 1, unitPrice: '1275.00' },
    ]),
    eur('TV-340', 'C-BE', '2026-05-04', [
      { line: 1, sku: 'GATE', description: 'Gate service', quantity: 1, unitPrice: '1275.00' },
    ]),
    eur(
      'TV-350',
      'C-NG',
      '2026-06-16',
      [
        { line: 1, sku: 'STORE', description: 'Ambient storage', quantity: 100, unitPrice: '20.00' },
        { line: 2, sku: 'HANDLE', description: 'Pallet handling', quantity: 30, unitPrice: '10.00' },
      ],
      { contractId: 'K-NG', servicePeriodStart: '2026-05-16', servicePeriodEnd: '2026-06-15' },
    ),
    eur('TV-360', 'C-HM', '2026-06-02', [
      { line: 1, sku: 'RAMP', description: 'Ramp installation', quantity: 2, unitPrice: '250.00', taxRate: '0.20' },
      { line: 2, sku: 'RAIL', description: 'Grab rails', quantity: 1, unitPrice: '150.00', taxRate: '0.20' },
    ]),
    eur('TV-370', 'C-MR', '2026-06-10', [
      { line: 1, sku: 'ROLLS', description: 'Bread rolls', quantity: 40, unitPrice: '1.50' },
    ]),
    eur('TV-380', 'C-SV', '2026-05-15', [
      { line: 1, sku: 'PANEL-WK', description: 'Panel weeks', quantity: 10, unitPrice: '50.00' },
    ]),
    eur('TV-395', 'C-RP', '2026-06-08', [
      { line: 1, sku: 'HAUL', description: 'Haulage', quantity: 1, unitPrice: '900.00' },
      { line: 2, sku: 'DETAIN', description: 'Border detention', quantity: 5, unitPrice: '60.00' },
    ]),
    eur(
      'TV-410',
      'C-OT',
      '2026-06-01',
      [{ line: 1, sku: 'FIBRE-MO', description: 'Fibre line, month', quantity: 1, unitPrice: '640.00' }],
      { contractId: 'K-OT', servicePeriodStart: '2026-05-01', servicePeriodEnd: '2026-05-31' },
    ),
    eur(
      'TV-390',
      'C-PL',
      '2026-05-18',
      [{ line: 1, sku: 'LINEN', description: 'Linen service', quantity: 1, unitPrice: '1200.00' }],
      {
        contractId: 'K-PL',
        dueDate: '2026-06-01',
      },
    ),
  ],
  deliveries: [
    { id: 'DL-395', invoiceNumber: 'TV-395', sku: 'HAUL', quantity: 1, deliveredDate: '2026-06-03' },
    { id: 'DL-301', invoiceNumber: 'TV-301', sku: 'HINGE-SET', quantity: 10, deliveredDate: '2026-06-03' },
    { id: 'DL-302', invoiceNumber: 'TV-302', sku: 'CRATE', quantity: 20, deliveredDate: '2026-06-05' },
    { id: 'DL-370', invoiceNumber: 'TV-370', sku: 'ROLLS', quantity: 0, deliveredDate: '2026-06-09' },
  ],
  serviceLogs: [
    log('SL-301A', 'C-AR', 'TV-301', 'ENG-DAY', '2026-06-02', 1),
    log('SL-301B', 'C-AR', 'TV-301', 'ENG-DAY', '2026-06-09', 0, 'not_rendered'),
    log('SL-320', 'C-WL', 'TV-320', 'VIDEO-HR', '2026-05-21', 6.5, 'partial'),
    log('SL-321', 'C-WL', 'TV-321', 'VIDEO-HR', '2026-06-01', 5),
  ],
  payments: [
    {
      id: 'PM-BE-1',
      customerId: 'C-BE',
      invoiceNumber: 'TV-339',
      amount: '1275.00',
      currency: 'EUR',
      date: '2026-05-19',
      reference: 'BCE REMIT 00431 TV-340',
    },
    {
      id: 'PM-SV-1',
      customerId: 'C-SV',
      amount: '420.00',
      currency: 'EUR',
      date: '2026-06-10',
      remittance: [{ invoiceNumber: 'TV-380', paid: '420.00', deducted: '80.00', reasonText: 'RQ 7 PNL WK' }],
    },
  ],
})

const { resolve } = chatOnLedger({ today: '2026-06-20', ledger: ledger() })

describe('a later turn that narrows the claim', () => {
  it('a part taken back by name restates the claim from what is left', async () => {
    expect(
      await resolve(
        'Ardmore have two problems on TV-301: the engineer’s visit on the 9th never happened, and they say the hinge sets should have been €45 not €48.',
        'Drop the hinge price, they found the quote and €48 is right. It is only the engineer visit on the 9th now, €420.',
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered', disputedAmount: '420.00', classification: 'valid' })
  })

  it('check: one that only says what is left keeps the claim held', async () => {
    expect(
      await resolve(
        'Ardmore dispute TV-302: the timber crates should be €55 each like last year, and they have a question on the delivery too',
        "update: they dropped the delivery question, it's only the crate price now",
      ),
    ).toMatchObject({ invoiceNumber: 'TV-302', reasonCode: 'pricing_error', disputedAmount: '100.00' })
  })
})

describe("a reviewer's sheet pasted with a column of reductions", () => {
  it('claims the reduction, on the row it is not nought', async () => {
    const sheet = [
      "Bramley's bill reviewer returned TV-310. Their sheet, as sent:",
      '',
      'Item  Description            Billed     Allowed    Reduction  Note',
      '1     Attendance             300.00     300.00     0.00',
      '2     Transcript 200 pages   1,020.00   960.00     60.00      Page rate above panel rate (4.80)',
      'Total                        1,320.00   1,260.00   60.00',
      '',
      'Not sure they are right.',
    ].join('\n')
    expect(await resolve(sheet)).toMatchObject({
      reasonCode: 'pricing_error',
      disputedAmount: '60.00',
      supportedAmount: '60.00',
      classification: 'valid',
    })
  })
})

describe('counts and goods on a service invoice', () => {
  it('check: hours recorded in one sentence and billed in the next are set against each other', async () => {
    expect(
      await resolve(
        'Wexford Legal on TV-320: the footage lasts six hours. The bill charges the camera operator for eight hours.',
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered', classification: 'partial', supportedAmount: '150.00' })
  })

  it('goods said not to have reached the customer stay goods where nothing logs or delivers them', async () => {
    expect(
      await resolve('Wexford Legal, TV-321: the two USB sets (€40.00) never got to us; the filming itself is fine.'),
    ).toMatchObject({ reasonCode: 'quantity_discrepancy', classification: 'needs_info' })
  })

  it('days of detention are a service, whatever the line is not logged for', async () => {
    expect(
      await resolve('Rosslare query the detention on TV-395: 5 days billed, their gate log says 2. €180 difference.'),
    ).toMatchObject({ reasonCode: 'service_not_rendered', classification: 'needs_info' })
  })

  it('goods refused at the door were not delivered', async () => {
    expect(
      await resolve(
        'Moyvalley Deli: the rolls on TV-370 were refused at the door (came late), 40 rolls €60.00, still on their account',
      ),
    ).toMatchObject({ reasonCode: 'quantity_discrepancy', classification: 'valid', supportedAmount: '60.00' })
  })
})

describe('the invoice a later turn names', () => {
  it('"missing one" of a PO sizes no units: the whole invoice is re-billed', async () => {
    expect(
      await resolve(
        'Kilbride AP bounced TV-330 back, no PO, cannot process.',
        "Scratch that, my mistake, TV-330 has their PO. It's TV-331 that's missing one. They gave us KH-5519 for the reissue.",
      ),
    ).toMatchObject({ invoiceNumber: 'TV-331', reasonCode: 'missing_po', action: 'cancel_and_rebill' })
  })

  it('one a payment is said to have hit instead is where it went, not the invoice claimed paid', async () => {
    expect(
      await resolve(
        'Bellcross says TV-340 is paid, ACH 5/19, €1,275.00',
        'their remittance ref is BCE REMIT 00431. seems it hit TV-339 on our side',
      ),
    ).toMatchObject({ invoiceNumber: 'TV-340', reasonCode: 'already_paid', action: 'apply_payment' })
  })
})

describe('every line of an invoice', () => {
  it('the word before a bill and its number names the bill, not one of its lines', async () => {
    const r = await resolve(
      "Nagle Foods: storage bill TV-350 runs 16 May to 15 June. Their contract ended on 31 May and they won't pay for the days after that.",
    )
    // 15 of the period's 31 days on both lines: 2,000.00 and 300.00 prorated.
    expect(r).toMatchObject({ reasonCode: 'contract_terms', disputedAmount: '1112.90' })
  })

  it('"VAT on both" of an invoice of two lines is the tax of every line', async () => {
    expect(
      await resolve(
        'A charity on my list questions the VAT on one of its invoices. What should I send you?',
        'Hollins Mobility Trust',
        'TV-360, the ramp job. It has two lines, with VAT on both, though they are zero-rated here.',
      ),
    ).toMatchObject({ reasonCode: 'tax_error', disputedAmount: '130.00', action: 'cancel_and_rebill' })
  })
})

describe('a period billed after the contract ended', () => {
  it('a line said cancelled before the month billed is about the contract, whatever the words guessed', async () => {
    expect(
      await resolve(
        'Oldcastle Title cancelled their fibre line effective 15 April (disconnect ref DX-7714) yet May was billed to them all the same: TV-410, €640.00. They want it credited.',
      ),
    ).toMatchObject({ reasonCode: 'contract_terms', classification: 'valid', supportedAmount: '640.00' })
  })
})

describe('payments and terms', () => {
  it('a short payment whose note nothing reads is no claim of having paid: the reason is asked', async () => {
    const r = await resolve("Severn Signs took €80.00 off their payment on TV-380, the remittance says 'RQ 7 PNL WK'")
    expect(r).not.toHaveProperty('reasonCode')
    expect(r).toMatchObject({ reply: expect.stringContaining('before I investigate') })
  })

  it('a short payment of the one deduction the ledger holds is that deduction, its figure unread', async () => {
    expect(await resolve('Severn Signs paid TV-380 short, remittance says TDS deducted at source')).toMatchObject({
      reasonCode: 'tax_error',
      disputedAmount: '80.00',
    })
  })

  it('a whole number said against days of payment terms is days, not a price', async () => {
    expect(
      await resolve(
        'Portlaw Links queried TV-390 (€1,200.00): the bill gives 14 days to pay while the contract grants 45',
      ),
    ).toMatchObject({ reasonCode: 'contract_terms', disputedAmount: '1200.00' })
  })
})
