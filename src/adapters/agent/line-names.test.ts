/**
 * What a line's own name says about the words of a claim: a figure of the product's name ("coolant
 * 46") is no count, a word of it ("broken rice") no damage, and the containers its description sizes
 * ("per litre (pail 20 L)", "(5 x 200 L drums)") turn counts of them into the unit billed; a figure above
 * every price the invoice bills is no price expected. Also: an earlier invoice named in a claim of double
 * billing is the one the invoice in hand repeats, a code said in a claim that the invoice lacks its PO is
 * that PO, and the amount the invoice owes, said beside an unapplied payment of it, is a claim of payment.
 * Invented ledger, through the real chat API (in-memory Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const invoice = invoicesIn('USD', '2026-11-30')

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Brightwater Lubricants', currency: 'USD' },
  customers: [
    { id: 'C-TARN', name: 'Tarn Valley Haulage' },
    { id: 'C-OAK', name: 'Oakridge Mills' },
  ],
  invoices: [
    invoice('BWL-5090', 'C-TARN', '2026-09-05', [
      {
        line: 1,
        sku: 'HC-46',
        description: 'Hydraulic coolant grade 46, per litre (pail 20 L)',
        quantity: 160,
        unitPrice: '3.50',
      },
    ]),
    invoice('BWL-5101', 'C-TARN', '2026-10-05', [
      {
        line: 1,
        sku: 'HC-46',
        description: 'Hydraulic coolant grade 46, per litre (pail 20 L)',
        quantity: 160,
        unitPrice: '3.50',
      },
      { line: 2, sku: 'GR-2', description: 'Grease EP2, per kg (tub 15 kg)', quantity: 45, unitPrice: '4.00' },
    ]),
    invoice('BWL-5104', 'C-TARN', '2026-10-20', [
      {
        line: 1,
        sku: 'HC-46',
        description: 'Hydraulic coolant grade 46, per litre (pail 20 L)',
        quantity: 160,
        unitPrice: '3.50',
      },
    ]),
    invoice(
      'BWL-5105',
      'C-TARN',
      '2026-10-15',
      [{ line: 1, sku: 'PREHEAT', description: 'Engine preheat, per morning', quantity: 10, unitPrice: '85.00' }],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-15' },
    ),
    invoice(
      'BWL-5106',
      'C-OAK',
      '2026-10-08',
      [
        { line: 1, sku: 'WS-G', description: 'Rubber wheel stop', quantity: 9, unitPrice: '30.00' },
        { line: 2, sku: 'WS-FIT', description: 'Wheel stop fitting', quantity: 9, unitPrice: '12.00' },
      ],
      { servicePeriodStart: '2026-10-08', servicePeriodEnd: '2026-10-08' },
    ),
    invoice('BWL-5102', 'C-OAK', '2026-10-06', [
      { line: 1, sku: 'GO-90', description: 'Gear oil 80W-90 (5 x 200 L drums)', quantity: 1000, unitPrice: '2.00' },
    ]),
    invoice('BWL-5103', 'C-OAK', '2026-10-07', [
      { line: 1, sku: 'RICE-BR', description: 'Broken rice, 25 kg bag', quantity: 40, unitPrice: '18.00' },
    ]),
  ],
  payments: [
    {
      id: 'PAY-OAK-1',
      customerId: 'C-OAK',
      amount: '720.00',
      currency: 'USD',
      date: '2026-10-20',
      reference: 'OM-88412',
    },
  ],
  serviceLogs: [
    {
      id: 'SL-5106',
      customerId: 'C-OAK',
      invoiceNumber: 'BWL-5106',
      sku: 'WS-FIT',
      periodStart: '2026-10-08',
      periodEnd: '2026-10-08',
      quantity: 9,
      status: 'rendered',
    },
    {
      id: 'SL-5105',
      customerId: 'C-TARN',
      invoiceNumber: 'BWL-5105',
      sku: 'PREHEAT',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-15',
      quantity: 10,
      status: 'rendered',
    },
  ],
  deliveries: [
    { id: 'DV-1', invoiceNumber: 'BWL-5101', sku: 'HC-46', quantity: 120, deliveredDate: '2026-10-04' },
    { id: 'DV-2', invoiceNumber: 'BWL-5101', sku: 'GR-2', quantity: 45, deliveredDate: '2026-10-04' },
    { id: 'DV-3', invoiceNumber: 'BWL-5102', sku: 'GO-90', quantity: 800, deliveredDate: '2026-10-05' },
    { id: 'DV-4', invoiceNumber: 'BWL-5103', sku: 'RICE-BR', quantity: 32, deliveredDate: '2026-10-06' },
    { id: 'DV-5', invoiceNumber: 'BWL-5090', sku: 'HC-46', quantity: 160, deliveredDate: '2026-09-04' },
    { id: 'DV-6', invoiceNumber: 'BWL-5106', sku: 'WS-G', quantity: 7, deliveredDate: '2026-10-07' },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-02', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('a line names its product', () => {
  it.each([
    'BWL-5101 – coolant 46 received 6 pails only against 8 billed. Please credit 2 pails.',
    'Tarn Valley on BWL-5101: of the coolant 46 they got 6 pails, we billed 8',
  ])('by a figure that is no count: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
    // 2 pails of 20 L at 3.50 a litre.
    expect(r.resolution?.disputedAmount).toBe('140.00')
  })

  it('by a word that is no damage', async () => {
    const r = await converse(t, 'BWL-5103: 40 bags of broken rice billed but only 32 came off the truck')
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
    expect(r.resolution?.disputedAmount).toBe('144.00')
  })
})

describe('a figure above every price the invoice bills', () => {
  it('is no price expected, and the claim is not closed as nothing in dispute', async () => {
    const r = await converse(
      t,
      'Tarn Valley tell me we missed the engine preheat on their 310 a couple of mornings in early October. Could you check BWL-5105?',
    )
    expect(r.reply).not.toMatch(/nothing in dispute/)
    expect(r.resolution?.reasonCode).not.toBe('pricing_error')
  })
})

describe('counts of the containers a line is billed in', () => {
  it('are counted in the unit billed', async () => {
    const r = await converse(
      t,
      'Oakridge on BWL-5102: five drums of gear oil invoiced, four delivered to the mill. Please credit the missing drum.',
    )
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
    // One drum of 200 L at 2.00 a litre.
    expect(r.resolution?.disputedAmount).toBe('400.00')
  })
})

describe('an earlier invoice named in a claim of double billing', () => {
  it('is the one the invoice in hand repeats: the claim stays on the later one', async () => {
    const r = await converse(
      t,
      'Tarn Valley have queried BWL-5104, they cannot tell what it is for.',
      'They say it is the same 8 pails of coolant already invoiced on BWL-5090, billed twice, and want it cancelled.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BWL-5104')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe('a code said in a claim that the invoice lacks its PO', () => {
  it("is the customer's order, not another invoice nobody can find", async () => {
    const r = await converse(
      t,
      'Oakridge sent BWL-5103 back unpaid.',
      'Their payables team say it carries no PO number, so it cannot be booked; the delivery docket showed OM-77120, our invoice did not.',
    )
    expect(r.reply).not.toMatch(/can't find an invoice/)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BWL-5103')
    expect(r.resolution?.reasonCode).toBe('missing_po')
  })
})

describe('the amount the invoice owes, said beside no reason', () => {
  it('is a claim that it was paid where the ledger holds an unapplied payment of that amount', async () => {
    const r = await converse(t, 'BWL-5103 の件、720.00 の入金を確認してください')
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('already_paid')
  })
})
