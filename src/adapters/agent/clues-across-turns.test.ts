/**
 * What a conversation's words point at in the ledger: the invoice a request for a copy named, carried
 * into the claim that follows; two bills told apart by the days they were issued; a net figure that is
 * the price of one unit of a line; of two lines named with a day, the one the service log keeps; the
 * week a day falls in, and hours taken off it. Invented ledger, through the real chat API (in-memory
 * Postgres, embedded engine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const week = (number: string, start: string, end: string, issueDate: string) => ({
  number,
  customerId: 'C-PNF',
  issueDate,
  dueDate: '2026-05-30',
  currency: 'GBP',
  servicePeriodStart: start,
  servicePeriodEnd: end,
  lines: [{ line: 1, sku: 'TEMP-HR', description: 'Support worker, hour', quantity: 120, unitPrice: '20.00' }],
  total: '2400.00',
})

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Brackenfold Services', currency: 'GBP' },
  customers: [
    { id: 'C-QMT', name: 'Eastgate Lettings Partnership' },
    { id: 'C-PNF', name: 'Pinfold Night Shelter' },
    { id: 'C-HVH', name: 'Harlow Vale Housing' },
  ],
  invoices: [
    {
      number: 'BF-301',
      customerId: 'C-QMT',
      issueDate: '2026-04-02',
      dueDate: '2026-05-02',
      currency: 'GBP',
      servicePeriodStart: '2026-03-01',
      servicePeriodEnd: '2026-03-31',
      lines: [
        {
          line: 1,
          sku: 'WIN-VISIT',
          description: 'Window cleaning visit',
          quantity: 4,
          unitPrice: '60.00',
          taxRate: '0.20',
        },
        {
          line: 2,
          sku: 'CONSUM',
          description: 'Cleaning consumables',
          quantity: 3,
          unitPrice: '25.00',
          taxRate: '0.20',
        },
      ],
      total: '378.00',
    },
    week('BF-410', '2026-04-06', '2026-04-12', '2026-04-14'),
    week('BF-411', '2026-04-13', '2026-04-19', '2026-04-21'),
    ...[
      ['BF-520', '2026-05-04'],
      ['BF-521', '2026-05-05'],
    ].map(([number, issueDate]) => ({
      number: number!,
      customerId: 'C-HVH',
      issueDate: issueDate!,
      dueDate: '2026-06-04',
      currency: 'GBP',
      lines: [{ line: 1, sku: 'SALT-25', description: 'Grit salt, 25 kg bag', quantity: 20, unitPrice: '9.50' }],
      total: '190.00',
    })),
    {
      number: 'BF-530',
      customerId: 'C-HVH',
      issueDate: '2026-04-01',
      dueDate: '2026-05-01',
      currency: 'GBP',
      servicePeriodStart: '2026-03-01',
      servicePeriodEnd: '2026-03-31',
      lines: [{ line: 1, sku: 'GRIT-VISIT', description: 'Gritting round', quantity: 4, unitPrice: '60.00' }],
      total: '240.00',
    },
  ],
  deliveries: [{ id: 'DN-520', invoiceNumber: 'BF-520', sku: 'SALT-25', quantity: 20, deliveredDate: '2026-05-04' }],
  serviceLogs: [
    ...['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24'].map((day, i) => ({
      id: `SL-301-${i + 1}`,
      customerId: 'C-QMT',
      invoiceNumber: 'BF-301',
      sku: 'WIN-VISIT',
      periodStart: day,
      periodEnd: day,
      quantity: 1,
      status: 'rendered' as const,
    })),
    ...[
      ['BF-410', '2026-04-06', '2026-04-12'],
      ['BF-411', '2026-04-13', '2026-04-19'],
    ].map(([invoiceNumber, periodStart, periodEnd]) => ({
      id: `SL-${invoiceNumber}`,
      customerId: 'C-PNF',
      invoiceNumber: invoiceNumber!,
      sku: 'TEMP-HR',
      periodStart: periodStart!,
      periodEnd: periodEnd!,
      quantity: 120,
      status: 'rendered' as const,
    })),
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-05-20', ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('clues across turns', () => {
  it('keeps the invoice a request for a copy named for the claim the next turn makes', async () => {
    const first = await converse(t, 'Harlow Vale office asking copy of BF-530, it never reached their inbox.')
    expect(first.resolution, first.reply.slice(0, 200)).toBeFalsy()
    const r = await converse(
      t,
      'Harlow Vale office asking copy of BF-530, it never reached their inbox.',
      'Now they have read it: two of the gritting rounds were never done, they will not pay for those.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BF-530')
  })

  it('takes the bill the days named say was issued second as the copy of the other', async () => {
    const r = await converse(
      t,
      'Harlow Vale have two bills for the same 20 bags of grit salt, 4 May and 5 May',
      'it is the second one they want cancelled, BF-521',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BF-521')
    expect(r.resolution?.classification).toBe('valid')
  })

  it('reads a net figure as one unit of the line billed at that price, with its tax', async () => {
    const r = await converse(t, 'Eastgate Lettings: nobody came on the 17th, 60 + VAT, it is on BF-301')
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('72.00')
  })

  it('takes the line a price said as billed names', async () => {
    const r = await converse(
      t,
      'Eastgate Lettings dispute the extras on BF-301, invoiced @ 25.00: two of them never came',
    )
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('60.00')
  })

  it('of two lines named with a day, takes the one the service log keeps', async () => {
    const r = await converse(
      t,
      'Eastgate Lettings: the window cleaner never came on the 10th, their caretaker put the consumables out himself. Not paying that day - BF-301',
    )
    expect(r.resolution?.disputedAmount, r.reply.slice(0, 300)).toBe('72.00')
    expect(r.resolution?.classification).toBe('invalid')
  })

  it('names the customer by the account code the ledger keeps', async () => {
    const r = await converse(t, 'QMT say the cleaning consumables on their March bill were never delivered')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BF-301')
  })

  it('takes the invoice of the week a day falls in, and the hours said off it', async () => {
    const r = await converse(
      t,
      "Pinfold's manager says 3 of our staff never came on Thursday 16 April (8 hr shift each). Take 24 hrs off that week's bill, please.",
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('BF-411')
    expect(r.resolution?.disputedAmount).toBe('480.00')
  })
})
