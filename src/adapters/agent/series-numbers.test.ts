/**
 * Numbers as a ledger with series writes them ("FV 2025/0031", "HX/EX/25/0012") and as colleagues
 * say them ("0031", "FV 2025/0031", "2025/0031"), lines sold per thousand, a whole invoice billed
 * twice, and the figures around them that are not money: through the real chat API (in-memory
 * Postgres, embedded engine). Each class has several wordings, none taken from an eval case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const TODAY = '2026-04-20'

const invoice = invoicesIn('EUR', '2026-05-30')

const seriesLedger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Serra Fasteners S.A.', currency: 'EUR' },
  customers: [
    { id: 'K-1', name: 'Montanhas Carpintaria Lda' },
    { id: 'K-2', name: 'Oostveld Bouw B.V.' },
  ],
  invoices: [
    invoice('FV 2026/0031', 'K-1', '2026-03-02', [
      { line: 1, sku: 'SCR-440', description: 'Wood screw 4x40, per thousand', quantity: 50, unitPrice: '18.00' },
    ]),
    invoice('FV 2026/0012', 'K-1', '2026-01-12', [
      { line: 1, sku: 'NAIL-60', description: 'Ring nail 60 mm, per thousand', quantity: 10, unitPrice: '25.00' },
    ]),
    invoice('FV 2026/0032', 'K-1', '2026-03-09', [
      { line: 1, sku: 'NAIL-60', description: 'Ring nail 60 mm, per thousand', quantity: 20, unitPrice: '25.00' },
    ]),
    invoice('HX/EX/26/0012', 'K-2', '2026-03-03', [
      { line: 1, sku: 'BOLT-M8', description: 'Hex bolt M8', quantity: 400, unitPrice: '0.50' },
      { line: 2, sku: 'SVC-INST', description: 'Installation support', quantity: 2, unitPrice: '60.00' },
    ]),
    invoice('HX/EX/26/0013', 'K-2', '2026-03-04', [
      { line: 1, sku: 'BOLT-M8', description: 'Hex bolt M8', quantity: 400, unitPrice: '0.50' },
      { line: 2, sku: 'SVC-INST', description: 'Installation support', quantity: 2, unitPrice: '60.00' },
    ]),
  ],
  deliveries: [
    { id: 'G-31', invoiceNumber: 'FV 2026/0031', sku: 'SCR-440', quantity: 46, deliveredDate: '2026-03-03' },
    { id: 'G-32', invoiceNumber: 'FV 2026/0032', sku: 'NAIL-60', quantity: 20, deliveredDate: '2026-03-10' },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: seriesLedger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('an invoice number written with a space after its series, or by its sequence', () => {
  it.each([
    ['Montanhas says FV 2026/0031 was short, 46 thousand screws came of the 50', 'FV 2026/0031'],
    ['fv 2026/0031: they only counted 46 thousand screws', 'FV 2026/0031'],
    ['on 2026/0031 Montanhas got 46k screws, not 50k', 'FV 2026/0031'],
    ['Montanhas: 0031 came short, 46 thousand screws delivered', 'FV 2026/0031'],
  ])('%j is %s', async (text, number) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe(number)
  })

  it('asks when two series share the sequence said', async () => {
    const r = await converse(t, 'they query 0012, the price is wrong')
    expect(r.questions.map((q) => q.topic)).toContain('invoice')
  })
})

describe('pieces counted against a line sold per thousand', () => {
  it.each([
    'Montanhas says FV 2026/0031 is short: 46 thousand screws arrived, not 50 thousand',
    'FV 2026/0031 short delivery, they received 46k of the wood screws',
    'FV 2026/0031 - only 46,000 screws came',
  ])('%j: 4 thousand short × 18.00 = 72.00', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.supportedAmount, r.reply.slice(0, 400)).toBe('72.00')
  })
})

describe('a whole invoice billed twice, described by one of its products', () => {
  it.each([
    'Oostveld got the M8 bolts billed twice, HX/EX/26/0012 and HX/EX/26/0013, the second has to go',
    'the bolt order for Oostveld is on 0012 and again on 0013 - cancel 0013, they paid 0012',
  ])('%j credits all of HX/EX/26/0013 (200.00 + 120.00)', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('HX/EX/26/0013')
    expect(r.resolution?.supportedAmount).toBe('320.00')
  })
})

describe('a correction of a count that also restates the total', () => {
  it('takes the corrected count and the new total said with its currency', async () => {
    const r = await converse(
      t,
      'FV 2026/0031: Montanhas received 47 thousand screws of the 50, so 54 euros',
      'sorry, I misread the delivery note - 46 thousand received, not 47. So 72 €.',
    )
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('72.00')
    expect(r.resolution?.supportedAmount).toBe('72.00')
  })
})
