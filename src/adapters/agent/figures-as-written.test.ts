/**
 * Figures and names as people write them, read against the ledger: "GH¢" is the cedi and "2 dozen"
 * is 24; a figure said roughly ("approx 1.1k") is no amount to credit; of two billings,
 * the one the customer asks to credit, in their language ("krediter venligst …"), is the claim's; a
 * word that ends a compound of a line ("terminals" of "Kortterminal") names that line, so a shortfall
 * of terminals is never put on a licence line because only the licence has a log.
 * Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const eur = invoicesIn('EUR', '2026-11-30')
const ghs = invoicesIn('GHS', '2026-11-30')

/** The one line two invoices of the same PO bill alike. */
const racking = [
  { line: 1, sku: 'PAL-EU', description: 'Pallet racking bay', quantity: 8, unitPrice: '150.00', taxRate: '0.25' },
]

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Lindqvist Retail Systems', currency: 'EUR' },
  customers: [
    { id: 'C-BAKE', name: 'Bakkerij Verlinden' },
    { id: 'C-FISK', name: 'Fiskehuset Aarhus' },
    { id: 'C-KUMA', name: 'Kumasi Wheel House' },
  ],
  fxRates: [{ currency: 'GHS', date: '2026-01-01', rate: '0.075' }],
  invoices: [
    eur(
      'LRS-7703',
      'C-BAKE',
      '2026-10-04',
      [
        { line: 1, sku: 'KASSA-M', description: 'Kassaterminal, hyra per månad', quantity: 3, unitPrice: '59.00' },
        { line: 2, sku: 'KORT-M', description: 'Kortterminal, hyra per månad', quantity: 3, unitPrice: '27.00' },
        { line: 3, sku: 'LIC-M', description: 'Kassaprogram licens per månad', quantity: 3, unitPrice: '45.00' },
      ],
      { servicePeriodStart: '2026-09-01', servicePeriodEnd: '2026-09-30' },
    ),
    eur('LRS-7710', 'C-FISK', '2026-09-05', racking, { poNumber: 'FA-2231' }),
    eur('LRS-7714', 'C-FISK', '2026-09-20', racking, { poNumber: 'FA-2231' }),
    eur('LRS-7740', 'C-BAKE', '2026-10-08', [
      { line: 1, sku: 'MIX-20', description: 'Dough mixer 20 l', quantity: 6, unitPrice: '1850.00', taxRate: '0.21' },
    ]),
    ghs('LRS-7720', 'C-KUMA', '2026-09-11', [
      { line: 1, sku: 'TYRE-17', description: 'Motorcycle tyre 2.75-17', quantity: 120, unitPrice: '40.00' },
    ]),
    eur(
      'LRS-7730',
      'C-BAKE',
      '2026-10-06',
      [
        {
          line: 1,
          sku: 'SCALE-30',
          description: 'Bench scale 30 kg',
          quantity: 10,
          unitPrice: '110.00',
          taxRate: '0.21',
        },
        { line: 2, sku: 'LABEL-R', description: 'Label rolls', quantity: 40, unitPrice: '4.00', taxRate: '0.21' },
      ],
      { contractId: 'K-BAKE' },
    ),
  ],
  contracts: [
    {
      id: 'K-BAKE',
      customerId: 'C-BAKE',
      currency: 'EUR',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      paymentTermsDays: 30,
      prices: [{ sku: 'SCALE-30', unitPrice: '100.00' }],
    },
  ],
  purchaseOrders: [
    {
      number: 'FA-2231',
      customerId: 'C-FISK',
      issueDate: '2026-09-01',
      lines: [{ sku: 'PAL-EU', quantity: 8, unitPrice: '150.00' }],
    },
  ],
  deliveries: [
    {
      id: 'DN-7720',
      invoiceNumber: 'LRS-7720',
      sku: 'TYRE-17',
      deliveredDate: '2026-09-12',
      quantity: 108,
      proofOfDelivery: 'signed K. Owusu',
    },
  ],
  serviceLogs: [
    {
      id: 'LOG-7703',
      customerId: 'C-BAKE',
      invoiceNumber: 'LRS-7703',
      sku: 'LIC-M',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      quantity: 2,
      status: 'rendered',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-10', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('a currency sign and a count in dozens as Ghana writes them', () => {
  it('reads GH¢ as the cedi and "2 dozen" as 24 units', async () => {
    const r = await converse(
      t,
      'Kumasi Wheel House on LRS-7720: 2 dozen tyres missing from the load, 24 x GH¢40 = GH¢960.',
    )
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('960.00')
    // The delivery note shows 108 of 120: twelve short, not twenty-four.
    expect(r.resolution?.supportedAmount).toBe('480.00')
  })
})

describe('a figure said roughly', () => {
  it('is no amount to credit: the evidence sizes the claim', async () => {
    const r = await converse(
      t,
      'Bakkerij Verlinden about LRS-7730: the bench scales are 10% above the contract price, they want 10% off that line, approx 1.2k incl. BTW.',
    )
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).not.toBe('1200.00')
    expect(r.resolution?.supportedAmount).toBe('121.00')
  })
})

describe('of two billings, the one the customer asks to credit in their own language', () => {
  it.each([
    'Fiskehuset Aarhus: reolerne står både på LRS-7710 og på LRS-7714. Krediter venligst LRS-7710 fuldt ud.',
    'Fiskehuset Aarhus say the racking is on LRS-7710 and again on LRS-7714: please credit LRS-7710 in full.',
  ])('is the claim, not the later one: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('LRS-7710')
  })
})

describe('a word that ends a compound of a line', () => {
  it('names that line: terminals short are never credited on the licence line the log covers', async () => {
    const r = await converse(t, 'Bakkerij Verlinden: LRS-7703 charges them 3 card terminals and the shop got only 2.')
    // Both terminal lines bill 3 ("Kassaterminal", "Kortterminal"): the assistant asks which, naming them.
    expect(r.resolution?.findings.some((f) => f.target.kind === 'line' && f.target.sku === 'LIC-M') ?? false).toBe(
      false,
    )
    expect(r.resolution?.action ?? null, r.reply.slice(0, 300)).not.toBe('credit_memo')
    expect(r.reply).toMatch(/KASSA-M[^\n]*KORT-M/)
  })
})

describe('a number typed in full that names no invoice, with a guess beside it', () => {
  it('is asked about, never replaced by the invoice the guess describes', async () => {
    const r = await converse(
      t,
      'Bakkerij Verlinden asks about LRS-7708, "maybe it is the bench scales one? not sure of the amount". Says it is billed double.',
    )
    expect(r.resolution, r.reply.slice(0, 300)).toBeNull()
    expect(r.reply).toMatch(/LRS-7708/)
  })

  it('takes the described invoice where the number typed beside it is of another shape (their order number)', async () => {
    const r = await converse(
      t,
      'Bakkerij Verlinden cannot book our scales invoice of 6 October, it has no PO number. They say it is BV/ORD/88-1204.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('LRS-7730')
  })
})

describe('figures of a claim read against the invoice', () => {
  it('takes a figure written to a scale ("€13.4k") as the one invoice figure it rounds from', async () => {
    const r = await converse(t, 'Bakkerij Verlinden AP bounced LRS-7740 (€13.4k, 6 mixers) as it has no PO number.')
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('13431.00')
  })

  it('takes prices compared ("charged 1,850 instead of 1,790") as no counts of units', async () => {
    const r = await converse(
      t,
      'Bakkerij Verlinden says the mixers on LRS-7740 were charged 1,850 instead of 1,790 on their price list. 6 mixers.',
    )
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('pricing_error')
    expect(r.reply).not.toMatch(/received is more than/)
  })
})

describe('an invoice set aside before its number', () => {
  it('is not the claim: "separate from the LRS-7730 matter …, we looked at LRS-7740"', async () => {
    const r = await converse(
      t,
      'Bakkerij Verlinden: separate from the LRS-7730 scales matter which their AP is handling, we looked at LRS-7740. The mixers are charged 1,850 instead of 1,790.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('LRS-7740')
  })
})
