/**
 * Invoices described rather than numbered ("the one we sent them on 2 March for the grout", "last
 * month's cleaning"), numbers said by their sequence before a year suffix ("fattura 212"), hours
 * worked against hours billed, and pieces counted against a line sold in boxes: through the real chat
 * API (in-memory Postgres, embedded engine). Wordings invented here, none taken from an eval case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const TODAY = '2026-05-18'

type Line = Ledger['invoices'][number]['lines'][number]
const invoice = (number: string, customerId: string, issueDate: string, lines: Line[], period?: [string, string]) =>
  invoicesIn('EUR', '2026-06-30')(
    number,
    customerId,
    issueDate,
    lines,
    period ? { servicePeriodStart: period[0], servicePeriodEnd: period[1] } : {},
  )

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Collina Forniture S.r.l.', currency: 'EUR' },
  customers: [
    { id: 'T-1', name: 'Trattoria Gallo Nero' },
    { id: 'T-2', name: 'Ostello Porta Nuova' },
  ],
  invoices: [
    invoice('CF-210/26', 'T-1', '2026-03-02', [
      { line: 1, sku: 'TILE-GRT', description: 'Tile grout, bag', quantity: 30, unitPrice: '9.00' },
    ]),
    invoice('CF-211/26', 'T-1', '2026-03-02', [
      { line: 1, sku: 'SEAL-SIL', description: 'Silicone sealant', quantity: 24, unitPrice: '6.50' },
    ]),
    invoice(
      'CF-212/26',
      'T-1',
      '2026-05-01',
      [
        { line: 1, sku: 'CLN-KIT', description: 'Kitchen deep cleaning', quantity: 4, unitPrice: '180.00' },
        { line: 2, sku: 'TECH-HR', description: 'Ore tecnico', quantity: 12, unitPrice: '55.00' },
      ],
      ['2026-04-01', '2026-04-30'],
    ),
    invoice(
      'CF-205/26',
      'T-1',
      '2026-04-01',
      [{ line: 1, sku: 'CLN-KIT', description: 'Kitchen deep cleaning', quantity: 4, unitPrice: '180.00' }],
      ['2026-03-01', '2026-03-31'],
    ),
    invoice('CF-220/26', 'T-2', '2026-04-10', [
      { line: 1, sku: 'SOAP-BAR', description: 'Guest soap, carton of 200', quantity: 6, unitPrice: '70.00' },
    ]),
  ],
  deliveries: [
    { id: 'D-1', invoiceNumber: 'CF-210/26', sku: 'TILE-GRT', quantity: 30, deliveredDate: '2026-03-03' },
    { id: 'D-2', invoiceNumber: 'CF-211/26', sku: 'SEAL-SIL', quantity: 24, deliveredDate: '2026-03-03' },
    { id: 'D-3', invoiceNumber: 'CF-220/26', sku: 'SOAP-BAR', quantity: 5, deliveredDate: '2026-04-11' },
  ],
  serviceLogs: [
    {
      id: 'L-1',
      customerId: 'T-1',
      invoiceNumber: 'CF-212/26',
      sku: 'TECH-HR',
      periodStart: '2026-04-14',
      periodEnd: '2026-04-14',
      quantity: 8,
      status: 'rendered',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('an invoice described by its date, period and what it bills', () => {
  it.each([
    [
      'the invoice we sent Trattoria Gallo Nero on 2 March for the grout - they say 5 bags were never delivered',
      'CF-210/26',
    ],
    ['Gallo Nero: the sealant they got from us in early March, 4 tubes short', 'CF-211/26'],
  ])('%j is %s', async (text, number) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber ?? r.reply.slice(0, 300)).toBe(number)
  })

  it('reads a month of service as the month served, not the month billed', async () => {
    const r = await converse(t, "Gallo Nero say April's kitchen cleaning only happened 3 times of the 4")
    expect(r.resolution?.invoiceNumber ?? r.reply.slice(0, 300)).toBe('CF-212/26')
  })

  it('asks when the description fits two invoices equally', async () => {
    const r = await converse(t, 'Gallo Nero have a problem with what we billed them on 2 March')
    expect(r.resolution).toBeFalsy()
    expect(r.questions.map((q) => q.topic)).toContain('invoice')
  })

  it('never replaces a number that names no invoice with a described one', async () => {
    const r = await converse(t, 'Gallo Nero dispute CF-999/26, the grout from 2 March was short')
    expect(r.resolution).toBeFalsy()
  })
})

describe('a sequence before a year suffix, in the customer’s language', () => {
  it.each(['Gallo Nero: fattura 210, mancano 5 sacchi di stucco', 'Gallo Nero say invoice 210 was 5 bags short'])(
    '%j is CF-210/26',
    async (text) => {
      const r = await converse(t, text)
      expect(r.resolution?.invoiceNumber ?? r.reply.slice(0, 300)).toBe('CF-210/26')
    },
  )
})

describe('hours worked against hours billed', () => {
  it.each([
    'CF-212/26: Gallo Nero say the technician was there 8 hours, not 12',
    'on CF-212/26 the technician hours should be 8 not 12',
  ])('%j: 4 hours × 55.00 on the hours line, a service not rendered', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('service_not_rendered')
    expect(r.resolution?.supportedAmount).toBe('220.00')
  })
})

describe('pieces counted against a line sold in cartons', () => {
  it('reads 1,000 bars as 5 cartons of 200', async () => {
    const r = await converse(t, 'Ostello Porta Nuova on CF-220/26: only 1,000 soap bars came, not 1,200')
    expect(r.resolution?.supportedAmount, r.reply.slice(0, 300)).toBe('70.00')
  })
})
