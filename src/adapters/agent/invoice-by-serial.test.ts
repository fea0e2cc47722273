/**
 * Ways a turn names its invoice that read the ledger, through the chat API: a serial said on its own
 * among the invoices offered ("the first one (48)" for 0048/26/PKS), the start of a number whose end
 * nobody reads out ("127/2026" for 127/2026/QX88K12PL), and a word of another customer's name that is
 * what the invoice bills ("Cocoa" on a line, Cocoa Growers Union a customer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const TODAY = '2026-11-20'

const line = (sku: string, description: string, quantity: number, unitPrice: string) => ({
  line: 1,
  sku,
  description,
  quantity,
  unitPrice,
})
const invoice = (number: string, customerId: string, issueDate: string, lines: ReturnType<typeof line>[]) =>
  invoicesIn('USD', '2026-12-20')(number, customerId, issueDate, lines, {
    servicePeriodStart: '2027-01-01',
    servicePeriodEnd: '2027-12-31',
  })

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Pakse Testing Ltd', currency: 'USD' },
  customers: [
    { id: 'C-RIV', name: 'Riverbend Hydro Co' },
    { id: 'C-CGU', name: 'Cocoa Growers Union' },
    { id: 'C-BRK', name: 'Brookline Confectioners AG' },
  ],
  invoices: [
    invoice('0047/26/PKS', 'C-RIV', '2026-11-02', [line('MON-Y', 'Monitoring programme 2027', 1, '9400.00')]),
    invoice('0048/26/PKS', 'C-RIV', '2026-11-09', [line('MON-Y', 'Monitoring programme 2027', 1, '9400.00')]),
    invoice('0051/26/PKS', 'C-RIV', '2026-11-12', [line('VIS-1', 'Site visit', 2, '350.00')]),
    invoice('0055/26/PKS', 'C-BRK', '2026-11-10', [line('COC-A', 'Cocoa mass, grade A', 400, '12.50')]),
    // A series with its own digit in the middle of the number ("k2 41" is said of it).
    invoice('G26K2-0041', 'C-RIV', '2026-11-13', [line('VIS-2', 'Site visit, turbine hall', 2, '410.00')]),
    // A serial and year, then a fiscal code nobody reads out.
    invoice('127/2026/QX88K12PL', 'C-BRK', '2026-11-11', [line('COC-B', 'Cocoa butter', 100, '21.00')]),
  ],
  contracts: [],
  purchaseOrders: [],
  deliveries: [],
  serviceLogs: [],
  payments: [],
  creditMemos: [],
  pastDisputes: [],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: ledger() })
})
afterAll(async () => {
  await t.close()
})

describe('a serial said on its own among the invoices offered', () => {
  it('takes the one it names, whatever order an ordinal beside it counts in', async () => {
    const r = await converse(
      t,
      'riverbend got the 2027 monitoring programme billed twice, 48 and 47',
      'the first one (48) is the double, 9,400',
    )
    expect(r.resolution?.invoiceNumber).toBe('0048/26/PKS')
  })

  it('never takes the serial of the invoice said to stay', async () => {
    const r = await converse(
      t,
      'riverbend got the 2027 monitoring programme billed twice',
      'cancel the one from 9 November, 47 is the right one',
    )
    expect(r.resolution?.invoiceNumber).toBe('0048/26/PKS')
  })
})

describe('a word of a customer name that the invoice bills', () => {
  it('names the goods, not that customer', async () => {
    const r = await converse(t, '0055/26/PKS: the Cocoa mass is billed at 12.50, the agreed price is 12.00')
    expect(r.reply).not.toMatch(/but the message names/)
    expect(r.resolution?.invoiceNumber).toBe('0055/26/PKS')
  })
})

describe('the start of a number whose end nobody reads out', () => {
  it('names the one invoice that begins with it', async () => {
    const r = await converse(
      t,
      'Brookline: invoice 127/2026 bills the cocoa butter at 21.00, the agreed price is 20.00',
    )
    expect(r.resolution?.invoiceNumber).toBe('127/2026/QX88K12PL')
  })
})

describe('a number said as a voice message transcribes it', () => {
  it.each([
    ['invoice k2 41: riverbend say only one of the 2 turbine hall visits took place', 'G26K2-0041'],
    ['vocal de riverbend: la facture k2 zéro zéro quarante et un, une seule visite du hall sur les deux', 'G26K2-0041'],
    [
      'voice note from riverbend: the site visit invoice zero zero five one, only one of the 2 visits happened',
      '0051/26/PKS',
    ],
  ])('%j names %s', async (text, number) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber ?? r.reply).toContain(number)
  })
})

describe('an invoice named as another matter', () => {
  it.each([
    'riverbend: 0051/26/PKS bills 2 site visits, only one took place. 0047/26/PKS is a separate matter for later',
    'riverbend say only one of the 2 site visits on 0051/26/PKS happened; 0048/26/PKS is with Tom for another query',
  ])('is not the one disputed: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber).toBe('0051/26/PKS')
  })
})

describe('a correction of the invoice that gives the figures', () => {
  it('keeps the reason the claim was made for', async () => {
    const r = await converse(
      t,
      'riverbend say only one of the two site visits on 0047/26/PKS took place',
      'apologies, wrong number: the visits are on 0051/26/PKS, not 0047/26/PKS. One visit at 350.00, so 350.00',
    )
    expect(r.resolution?.invoiceNumber).toBe('0051/26/PKS')
    expect(r.resolution?.reasonCode).toBe('service_not_rendered')
  })
})
