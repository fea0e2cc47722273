/**
 * Invoices found by the customer's PO are read like invoices named one by one (a double billing
 * among them, or the one a count billed picks out), and a tax claim names its lines by the rates
 * they carry: through the real chat API (in-memory Postgres, embedded engine). Wordings invented here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

const TODAY = '2026-09-20'

type Line = Ledger['invoices'][number]['lines'][number]
const invoice = (number: string, customerId: string, issueDate: string, poNumber: string | null, lines: Line[]) =>
  invoicesIn('EUR', '2026-10-30')(number, customerId, issueDate, lines, poNumber ? { poNumber } : {})

const cakeBoxes: Line = { line: 1, sku: 'BOX-CAKE', description: 'Cake boxes, carton', quantity: 30, unitPrice: '2200' }

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Kestrel Packaging B.V.', currency: 'EUR' },
  customers: [
    { id: 'K-1', name: 'Moorland Dairy Ltd' },
    { id: 'K-2', name: 'Fenwick Bakeries' },
    { id: 'K-3', name: 'Saltmarsh Free Zone Works', taxExempt: true },
    { id: 'K-4', name: 'Harbour Catering Co' },
    { id: 'K-5', name: 'Quarrymead Farm Shop' },
  ],
  invoices: [
    invoice('KP-3001', 'K-1', '2026-09-01', 'MD-PO-5521', [
      { line: 1, sku: 'TRAY-PET', description: 'PET trays, carton', quantity: 80, unitPrice: '31.00' },
    ]),
    invoice('KP-3009', 'K-1', '2026-09-08', 'MD-PO-5521', [
      { line: 1, sku: 'TRAY-PET', description: 'PET trays, carton', quantity: 80, unitPrice: '31.00' },
    ]),
    invoice('KP-3010', 'K-2', '2026-09-02', 'FB-PO-77', [
      { line: 1, sku: 'BOX-CAKE', description: 'Cake boxes, carton', quantity: 60, unitPrice: '22.00' },
    ]),
    invoice('KP-3014', 'K-2', '2026-09-09', 'FB-PO-77', [
      { line: 1, sku: 'BOX-CAKE', description: 'Cake boxes, carton', quantity: 45, unitPrice: '22.00' },
    ]),
    invoice('KP-3020', 'K-3', '2026-09-10', null, [
      {
        line: 1,
        sku: 'FILM-ROLL',
        description: 'Stretch film rolls',
        quantity: 100,
        unitPrice: '12.00',
        taxRate: '0.09',
      },
      { line: 2, sku: 'LABEL-PRN', description: 'Label printing', quantity: 10, unitPrice: '40.00', taxRate: '0.21' },
    ]),
    invoice('KP-3030', 'K-4', '2026-09-04', 'HC-PO-12', [
      { line: 1, sku: 'TRAY-ALU', description: 'Aluminium trays, carton', quantity: 20, unitPrice: '18.00' },
      { line: 2, sku: 'LID-ALU', description: 'Tray lids, carton', quantity: 20, unitPrice: '6.00' },
    ]),
    invoice('KP-3031', 'K-4', '2026-09-11', 'HC-PO-12', [
      { line: 1, sku: 'TRAY-ALU', description: 'Aluminium trays, carton', quantity: 20, unitPrice: '18.00' },
      { line: 2, sku: 'LID-ALU', description: 'Tray lids, carton', quantity: 20, unitPrice: '6.00' },
    ]),
    invoice('KP-3040', 'K-5', '2026-09-03', 'QFS-ORD-0297', [
      { line: 1, sku: 'BOX-CAKE', description: 'Cake boxes, carton', quantity: 30, unitPrice: '22.00' },
    ]),
    invoice('KP-3044', 'K-5', '2026-09-12', 'QFS-ORD-0326', [
      { line: 1, sku: 'BOX-CAKE', description: 'Cake boxes, carton', quantity: 30, unitPrice: '22.00' },
    ]),
    { ...invoice('KP-3060', 'K-5', '2026-09-15', 'QFS-ORD-0440', [cakeBoxes]), currency: 'JPY' },
    { ...invoice('KP-3061', 'K-5', '2026-09-16', 'QFS-ORD-0440', [cakeBoxes]), currency: 'JPY' },
  ],
  contracts: [
    {
      id: 'CT-MD',
      customerId: 'K-1',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      currency: 'EUR',
      paymentTermsDays: 30,
      prices: [{ sku: 'TRAY-PET', unitPrice: '29.50' }],
    },
  ],
  purchaseOrders: [
    {
      number: 'MD-PO-5521',
      customerId: 'K-1',
      issueDate: '2026-08-25',
      lines: [{ sku: 'TRAY-PET', quantity: 80, unitPrice: '31.00' }],
    },
    {
      number: 'FB-PO-77',
      customerId: 'K-2',
      issueDate: '2026-08-28',
      lines: [{ sku: 'BOX-CAKE', quantity: 105, unitPrice: '22.00' }],
    },
  ],
  deliveries: [
    { id: 'DL-1', invoiceNumber: 'KP-3010', sku: 'BOX-CAKE', quantity: 60, deliveredDate: '2026-09-03' },
    { id: 'DL-2', invoiceNumber: 'KP-3014', sku: 'BOX-CAKE', quantity: 40, deliveredDate: '2026-09-10' },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: TODAY, ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('the invoices on one PO', () => {
  it('a PO billed twice: the later invoice is the duplicate', async () => {
    const r = await converse(t, 'Moorland say order MD-PO-5521 was invoiced twice, please cancel the second one')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })

  it('the count the invoice bills picks one of the PO’s invoices', async () => {
    const r = await converse(t, 'Fenwick on PO FB-PO-77: they received 40 cartons of cake boxes, your invoice bills 45')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3014')
    expect(r.resolution?.supportedAmount).toBe('110.00')
  })
})

describe('a figure equal to the invoices’ totals', () => {
  it('is what each invoice bills, not a price', async () => {
    const r = await converse(
      t,
      'Moorland got two bills for the same trays, KP-3001 and KP-3009, 2,480.00 each. The second is a mistake.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
    expect(r.resolution?.supportedAmount).toBe('2480.00')
  })
})

describe('a double billing corrected to the other invoice', () => {
  it('swaps the two; the payment of the original is no new reason', async () => {
    const r = await converse(
      t,
      'Moorland: KP-3001 and KP-3009 both bill the PET trays, 2,480.00. Cancel KP-3001.',
      'correction from their AP: they meant the other one, KP-3009 is the double, they already settled 3001',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe('of two invoices, one said to be paid', () => {
  it('the claim is the other', async () => {
    const r = await converse(
      t,
      'Fenwick are paying KP-3014 for the cake boxes; KP-3010 bills 60 cartons and only 45 came',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3010')
  })
})

describe('one claim made of each of two invoices', () => {
  it('is no double billing: it asks which to take first', async () => {
    const r = await converse(t, 'Fenwick: two invoices, KP-3010 and KP-3014 both charge the cake boxes, reduce both')
    expect(r.resolution?.reasonCode).not.toBe('duplicate_billing')
    expect(r.reply).toMatch(/each of KP-3010 and KP-3014/)
  })
})

describe('a double billing told by description', () => {
  it('is the pair of one customer that bills the same thing; the later is the duplicate', async () => {
    const r = await converse(
      t,
      'Moorland got the September tray bill twice, 2,480.00 each, dated the 1st and the 8th. Please cancel the second.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe('a whole invoice billed twice, told by one of its lines', () => {
  it('is the whole invoice, not the line the words name', async () => {
    const r = await converse(t, 'Harbour Catering got billed twice for the aluminium trays, please cancel KP-3031')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3031')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
    expect(r.resolution?.supportedAmount).toBe('480.00')
  })
})

describe('the invoice total quoted beside two prices', () => {
  it('is what the invoice bills; the claim is the difference the prices make', async () => {
    const last = await converse(
      t,
      'Moorland on KP-3001: agreed price for the PET trays is 29.50, you billed 31.00, invoice total 2,480.00. They will pay at the agreed price.',
    )
    expect(last.resolution?.reasonCode, last.reply.slice(0, 300)).toBe('pricing_error')
    expect(last.resolution?.disputedAmount, last.reply.slice(0, 300)).toBe('120.00')
    expect(last.resolution?.classification).toBe('valid')
  })

  it('stays the amount in dispute when the whole of it is said to be disputed', async () => {
    const last = await converse(
      t,
      'Moorland on KP-3001: agreed price for the PET trays is 29.50, you billed 31.00, so they are disputing the whole 2,480.00',
    )
    expect(last.resolution?.disputedAmount, last.reply.slice(0, 300)).toBe('2480.00')
  })
})

describe('of two invoices named, the one the message asks to undo', () => {
  it.each([
    ['Moorland got two bills for the same trays, KP-3001 and KP-3009; they settled 3009, please cancel 3001'],
    ['Moorland: KP-3009 and KP-3001 bill the same trays, they want KP-3001 cancelled'],
  ])('is the invoice in question: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3001')
  })
})

describe('two invoices named that bill the same thing', () => {
  it.each([
    ['Moorland: you billed order MD-PO-5521 twice, KP-3001 and KP-3009, there was only one delivery. Cancel 3009.'],
    ['Moorland got KP-3001 and KP-3009 for the one delivery of trays; they paid 3001, please cancel 3009'],
  ])('are a double billing, whatever else the words suggest: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('duplicate_billing')
  })
  it('are not, when only their PO was named and the words claim a shortage', async () => {
    const r = await converse(t, 'Moorland say 5 of the trays on order MD-PO-5521 never turned up')
    expect(r.resolution?.reasonCode ?? 'asked', r.reply.slice(0, 300)).not.toBe('duplicate_billing')
  })
})

describe('a short number beside a full one', () => {
  it('is its sibling in the same series', async () => {
    const r = await converse(t, 'Moorland were billed twice for the trays, KP-3001 and 3009; cancel the second please')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe('a tax claim names its lines by their rates', () => {
  it('an exempt customer charged two rates on two lines: the whole tax, a new invoice', async () => {
    const r = await converse(
      t,
      'Saltmarsh Free Zone Works are exempt, yet KP-3020 added 9% on the film and 21% on the labels. They need it reissued without tax.',
    )
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('tax_error')
    expect(r.resolution?.disputedAmount).toBe('192.00')
    expect(r.resolution?.action).toBe('cancel_and_rebill')
  })

  it('tax added to a figure in the working is not a claim about the tax rate', async () => {
    const r = await converse(t, 'Fenwick: KP-3014 bills 45 cartons, they got 40, so 110.00 + VAT 21% = 133.10')
    expect(r.resolution?.reasonCode, r.reply.slice(0, 300)).toBe('quantity_discrepancy')
  })
})

describe('an ordinal among two invoices named out of their order of issue', () => {
  it.each([
    'Moorland: KP-3009 repeats KP-3001 line for line, please void the second one',
    'Moorland write that KP-3009 and KP-3001 are the same trays twice; they want the second invoice cancelled',
  ])('says nothing when said order and issue order disagree; the later billing is the duplicate: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3009')
  })
})

describe('of two invoices named, the one not said to stand', () => {
  it.each([
    'Moorland AP rejected KP-3001 in their portal; KP-3009 is approved for payment.',
    'Forwarded from Moorland: their system bounced KP-3001. KP-3009 is under separate query with our buyer.',
    'Moorland AP rejected KP-3001 in their portal; your earlier KP-3009 was correctly issued.',
    'Moorland ka phone aaya: KP-3009 theek hai, par KP-3001 unke portal ne reject kiya.',
  ])('%j', async (text) => {
    const r = await converse(t, text)
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3001')
  })
})

describe('an ordinal in another language', () => {
  it('picks among the invoices named ("la primera")', async () => {
    const r = await converse(
      t,
      'Moorland: KP-3001 y KP-3009 cobran lo mismo dos veces, quieren que se anule la primera',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3001')
    expect(r.resolution?.reasonCode).toBe('duplicate_billing')
  })
})

describe('the verb that undoes one of two invoices, in the customer’s language', () => {
  it('names the one to cancel ("quieren anular la 3001")', async () => {
    const r = await converse(t, 'Moorland: KP-3001 y KP-3009 cobran lo mismo, quieren anular la 3001')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3001')
  })
})

describe('the customer’s own order number said short', () => {
  it('names the invoice on the PO that ends in it, among the named customer’s invoices', async () => {
    const r = await converse(t, 'Quarrymead Farm Shop: on their order 326 only 24 cartons of cake boxes came, not 30')
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3044')
  })
})

describe('a day and month with its ordinal dot, on an invoice in a currency without cents', () => {
  it('is no amount: the claim is investigated, not refused for its decimals', async () => {
    const r = await converse(
      t,
      'Quarrymead Farm Shop: for the pickup (8.10.) they got KP-3060 and KP-3061, the same boxes. They pay KP-3060 and dispute KP-3061 in full.',
    )
    expect(r.resolution?.invoiceNumber, r.reply.slice(0, 300)).toBe('KP-3061')
    expect(r.resolution?.supportedAmount).toBe('66000')
  })
})

describe('a number no invoice carries, written the way the PO of the invoice in hand is', () => {
  it('is the customer’s order number, not an invoice nobody can find', async () => {
    const last = await converse(
      t,
      'Quarrymead’s bookkeeper sent KP-3040 back unbooked',
      'their order for those cake boxes is QFS-ORD-0279; the invoice quotes a number with the digits swapped. The boxes themselves are fine',
    )
    expect(last.reply).not.toMatch(/can't find an invoice/)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('KP-3040')
  })
})
