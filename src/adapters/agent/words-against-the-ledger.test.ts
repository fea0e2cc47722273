/**
 * Words a claim is read by, weighed against what the ledger holds: a late fee read from words alone
 * ("disputing two days") is none on an invoice that carries none; "2 days at 300.00 = 600.00", at the
 * price a line bills, is a count of that line; "un cargo" (a charge) describes no invoice whose fee is
 * called a "Cargo por …"; a fee named, then said to be in order, is none of the claim; a service that
 * never came is read from the gloss; what a whole line comes to is its amount, not a unit price; "the
 * October one" picks neither of a bill issued in October and one that served October.
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
    invoice('BWL-5101', 'C-TARN', '2026-10-05', [
      { line: 1, sku: 'HC-46', description: 'Hydraulic coolant grade 46, per litre', quantity: 160, unitPrice: '3.50' },
      { line: 2, sku: 'GR-2', description: 'Grease EP2, per kg (tub 15 kg)', quantity: 45, unitPrice: '4.00' },
    ]),
    invoice(
      'BWL-5105',
      'C-TARN',
      '2026-10-15',
      [{ line: 1, sku: 'PREHEAT', description: 'Engine preheat, per morning', quantity: 10, unitPrice: '85.00' }],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-15' },
    ),
    invoice(
      'BWL-5107',
      'C-TARN',
      '2026-10-16',
      [{ line: 1, sku: 'CRANE-25', description: 'Mobile crane 25 t, per day', quantity: 10, unitPrice: '300.00' }],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-10' },
    ),
    invoice(
      'BWL-5109',
      'C-TARN',
      '2026-10-18',
      [
        {
          line: 1,
          sku: 'HC-46',
          description: 'Hydraulic coolant grade 46, per litre',
          quantity: 100,
          unitPrice: '3.50',
        },
      ],
      { fees: [{ type: 'freight', description: 'Weekend express delivery', amount: '60.00' }] },
    ),
    invoice(
      'BWL-5110',
      'C-TARN',
      '2026-10-02',
      [{ line: 1, sku: 'COMP-R', description: 'Compressor rental, monthly', quantity: 1, unitPrice: '480.00' }],
      { servicePeriodStart: '2026-09-01', servicePeriodEnd: '2026-09-30' },
    ),
    invoice(
      'BWL-5111',
      'C-TARN',
      '2026-11-01',
      [{ line: 1, sku: 'COMP-R', description: 'Compressor rental, monthly', quantity: 1, unitPrice: '480.00' }],
      { servicePeriodStart: '2026-10-01', servicePeriodEnd: '2026-10-31' },
    ),
    invoice('BWL-5103', 'C-OAK', '2026-10-07', [
      { line: 1, sku: 'RICE-BR', description: 'Broken rice, 25 kg bag', quantity: 40, unitPrice: '18.00' },
    ]),
    invoice(
      'BWL-5108',
      'C-OAK',
      '2026-10-09',
      [{ line: 1, sku: 'GO-90', description: 'Gear oil 80W-90 (5 x 200 L drums)', quantity: 200, unitPrice: '2.00' }],
      { fees: [{ type: 'service_fee', description: 'Cargo por manejo de tambores', amount: '25.00' }] },
    ),
  ],
  serviceLogs: [
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
    { id: 'DV-1', invoiceNumber: 'BWL-5101', sku: 'HC-46', quantity: 160, deliveredDate: '2026-10-04' },
    { id: 'DV-2', invoiceNumber: 'BWL-5101', sku: 'GR-2', quantity: 45, deliveredDate: '2026-10-04' },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-02', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('a late fee read from words alone', () => {
  it.each([
    "Tarn Valley say their heaters were down on the 6th and 7th, they're disputing two days of preheat on BWL-5105",
    "the client says the generator was down on the 6th and 7th, they're disputing two days of hire on BWL-5105",
  ])('is no reading on an invoice that carries no late fee, in words that name none: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.reply).not.toMatch(/carries no late fee/)
    expect(r.resolution?.reasonCode ?? null).not.toBe('late_fee')
  })
})

describe('the price a line bills, said as the working of the amount claimed', () => {
  it.each([
    "Tarn Valley won't pay the 8th and 9th on the crane, BWL-5107 - 2 days at 300.00 = 600.00.",
    'BWL-5107: they refuse 2 days at 300.00 on the crane hire, so 600.00 off',
  ])('prices a count of the line, not a price claim: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('service_not_rendered')
    expect(r.resolution?.disputedAmount).toBe('600.00')
  })
})

describe('a word of billing in general, in the language the ledger describes a fee in', () => {
  it('tells no invoice of the customer from the others: the assistant asks which', async () => {
    const r = await converse(t, 'Oakridge Mills llamó: hay un cargo en su cuenta que nadie reconoce.')
    expect(r.resolution, r.reply.slice(0, 300)).toBeNull()
    expect(r.questions?.map((q) => q.topic)).toContain('invoice')
  })
})

describe('a fee the message names, then says is in order', () => {
  it.each([
    "Tarn Valley flagged two things on BWL-5109, the 60.00 express delivery and the coolant price. They've since said the express is fine, they asked for it. So it's only the coolant: billed 3.50 a litre, they say 3.20, on 100 litres = 30.00.",
    "Two queries from Tarn Valley on BWL-5109 - the weekend delivery charge and the coolant price. Later on: the delivery's fine. Just the coolant then, 3.50 a litre billed instead of 3.20, 30.00 on the 100 litres.",
  ])('is none of the claim: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('pricing_error')
    expect(r.resolution?.disputedAmount).toBe('30.00')
    expect(r.reply).not.toMatch(/What I read:[^\n]*freight/)
  })
})

describe('a service that never came, said in another language', () => {
  it.each([
    'Tarn Valley: tekniku nuk erdhi më 6 dhe 7 tetor për ngrohjen, fatura BWL-5105.',
    "Tarn Valley: ngrohësi nuk erdhi në oborr më 6 dhe 7 tetor, por në faturën BWL-5105 janë 10 ditë. Duan t'i heqim 2 ditët.",
  ])('claims the days named, read from the gloss: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('service_not_rendered')
    // The one service log spans the period: it cannot say whether those days were served.
    expect(r.resolution?.classification).toBe('needs_info')
  })
})

describe('what a line comes to, said after "por"', () => {
  it('is the amount of that line, not a price of one unit', async () => {
    const r = await converse(
      t,
      'Tarn Valley: en la BWL-5101 aparece grasa EP2, 45 kg por $180,00. Eso no lo entendemos, nunca la pedimos.',
    )
    expect(r.reply).not.toMatch(/nothing in dispute/)
    expect(r.resolution?.reasonCode ?? null).not.toBe('pricing_error')
  })
})

describe('"the October one" of two invoices named', () => {
  it('picks neither where one was issued in October and the other served October', async () => {
    const r = await converse(
      t,
      "Tarn Valley say the compressor rental was charged twice, on BWL-5110 and again on BWL-5111, and they won't pay it on the October one.",
    )
    // The later billing is the one a double billing is about; the month does not override it.
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BWL-5111')
  })
})
