import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'
import type { ChatResponse } from './chat-types.ts'

// Which lines a claim is about (a count, a tax), read against an invented ledger whose invoices carry two lines that a
// word of the message, or the count itself, tells apart.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Tidewater Packaging Services', currency: 'USD' },
  customers: [
    { id: 'C-MAR', name: 'Marlowe Cold Stores Inc.' },
    { id: 'C-QUI', name: 'Quill & Barrow Preserves' },
    { id: 'C-FND', name: 'Larchmont Children’s Foundation', taxExempt: true },
    { id: 'C-HRB', name: 'Harbour Row Bakery' },
  ],
  invoices: [
    {
      number: 'TPS-7101',
      customerId: 'C-MAR',
      issueDate: '2026-03-31',
      dueDate: '2026-04-30',
      currency: 'USD',
      lines: [
        {
          line: 1,
          sku: 'HIRE-PJ',
          description: 'Pallet jack hire - Eastfield depot - Mar',
          quantity: 6,
          unitPrice: '120.00',
        },
        {
          line: 2,
          sku: 'SVC-INSP',
          description: 'Safety inspection - Eastfield depot - Mar',
          quantity: 6,
          unitPrice: '45.00',
        },
      ],
      total: '990.00',
    },
    {
      number: 'TPS-7102',
      customerId: 'C-QUI',
      issueDate: '2026-04-03',
      dueDate: '2026-05-03',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'LBL-RUN', description: 'Wrap application run day', quantity: 2, unitPrice: '700.00' },
        { line: 2, sku: 'WRAP-1K', description: 'Printed wraps (per 1,000)', quantity: 30, unitPrice: '90.00' },
      ],
      total: '4100.00',
    },
    {
      number: 'TPS-7103',
      customerId: 'C-QUI',
      issueDate: '2026-04-08',
      dueDate: '2026-05-08',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'JAR-500', description: 'Glass jar 500 ml with lid', quantity: 3000, unitPrice: '0.50' },
        { line: 2, sku: 'CAP-MCH', description: 'Capping machine, bench model', quantity: 1, unitPrice: '900.00' },
      ],
      total: '2400.00',
    },
    {
      number: 'TPS-7104',
      customerId: 'C-QUI',
      issueDate: '2026-04-10',
      dueDate: '2026-05-10',
      currency: 'USD',
      lines: [{ line: 1, sku: 'CRT-PRS', description: 'Crate of preserves', quantity: 30, unitPrice: '24.00' }],
      total: '720.00',
    },
    {
      number: 'TPS-7105',
      customerId: 'C-FND',
      issueDate: '2026-04-01',
      dueDate: '2026-05-01',
      currency: 'USD',
      lines: [
        {
          line: 1,
          sku: 'HIRE-PJ',
          description: 'Pallet jack hire - Mar',
          quantity: 2,
          unitPrice: '120.00',
          taxRate: '0.08',
        },
        {
          line: 2,
          sku: 'SVC-INSP',
          description: 'Safety inspection',
          quantity: 2,
          unitPrice: '45.00',
          taxRate: '0.08',
        },
      ],
      total: '356.40',
    },
    {
      number: 'TPS-7106',
      customerId: 'C-QUI',
      issueDate: '2026-04-12',
      dueDate: '2026-05-12',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'GAS-AR40', description: 'Argon refill 40 L', quantity: 90, unitPrice: '30.00' },
        { line: 2, sku: 'CYL-RENT', description: 'Cylinder rental, April', quantity: 60, unitPrice: '9.00' },
      ],
      total: '3240.00',
    },
    {
      number: 'TPS-7107',
      customerId: 'C-QUI',
      issueDate: '2026-04-14',
      dueDate: '2026-05-14',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'EO-15W40', description: 'Engine oil 15W-40, 20 L can', quantity: 10, unitPrice: '60.00' },
        { line: 2, sku: 'EO-5W30', description: 'Engine oil 5W-30, 20 L can', quantity: 10, unitPrice: '70.00' },
      ],
      total: '1300.00',
    },
    {
      number: 'TPS-7108',
      customerId: 'C-HRB',
      issueDate: '2026-04-15',
      dueDate: '2026-05-15',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'FLR-25', description: 'Bread flour 25 kg sack', quantity: 50, unitPrice: '21.00' },
        { line: 2, sku: 'SYR-5L', description: 'Glucose syrup 5 L', quantity: 12, unitPrice: '18.00' },
      ],
      total: '1266.00',
    },
    {
      number: 'TPS-7109',
      customerId: 'C-HRB',
      issueDate: '2026-04-20',
      dueDate: '2026-05-20',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'HYG-SESS', description: 'Food hygiene workshop 14 April', quantity: 1, unitPrice: '600.00' },
        { line: 2, sku: 'HYG-SEAT', description: 'Workshop attendees', quantity: 9, unitPrice: '40.00' },
      ],
      total: '960.00',
    },
    {
      number: 'TPS-7110',
      customerId: 'C-HRB',
      issueDate: '2026-04-22',
      dueDate: '2026-05-22',
      currency: 'USD',
      servicePeriodStart: '2026-04-06',
      servicePeriodEnd: '2026-04-08',
      lines: [
        { line: 1, sku: 'OVN-SVC', description: 'Annual oven service, 4 bays', quantity: 4, unitPrice: '150.00' },
        { line: 2, sku: 'GAS-TST', description: 'Gas leak test, 4 bays', quantity: 4, unitPrice: '80.00' },
      ],
      total: '920.00',
    },
    {
      number: 'TPS-7111',
      customerId: 'C-HRB',
      issueDate: '2026-04-30',
      dueDate: '2026-05-30',
      currency: 'USD',
      servicePeriodStart: '2026-04-01',
      servicePeriodEnd: '2026-04-30',
      lines: [
        { line: 1, sku: 'WIN-CLN', description: 'Shopfront window cleaning', quantity: 10, unitPrice: '30.00' },
        { line: 2, sku: 'GUT-CLR', description: 'Gutter clearing', quantity: 4, unitPrice: '50.00' },
      ],
      total: '500.00',
    },
    {
      number: 'TPS-7112',
      customerId: 'C-HRB',
      issueDate: '2026-04-16',
      dueDate: '2026-05-16',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'SAND-T', description: 'Washed sand for the yard (MT)', quantity: 2.25, unitPrice: '400.00' },
      ],
      total: '900.00',
    },
  ],
  serviceLogs: [
    ...[
      { sku: 'WIN-CLN', quantity: 8 },
      { sku: 'GUT-CLR', quantity: 3 },
    ].map((l) => ({
      id: `SL-${l.sku}`,
      customerId: 'C-HRB',
      invoiceNumber: 'TPS-7111',
      ...l,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      status: 'partial' as const,
    })),
    ...['HYG-SESS', 'HYG-SEAT'].map((sku) => ({
      id: `SL-${sku}`,
      customerId: 'C-HRB',
      invoiceNumber: 'TPS-7109',
      sku,
      periodStart: '2026-04-14',
      periodEnd: '2026-04-14',
      quantity: 0,
      status: 'not_rendered' as const,
    })),
    {
      id: 'SL-OVN',
      customerId: 'C-HRB',
      invoiceNumber: 'TPS-7110',
      sku: 'OVN-SVC',
      periodStart: '2026-04-06',
      periodEnd: '2026-04-08',
      quantity: 4,
      status: 'rendered' as const,
    },
    ...['06', '07', '08'].map((d) => ({
      id: `SL-GAS-${d}`,
      customerId: 'C-HRB',
      invoiceNumber: 'TPS-7110',
      sku: 'GAS-TST',
      periodStart: `2026-04-${d}`,
      periodEnd: `2026-04-${d}`,
      quantity: d === '07' ? 2 : 1,
      status: 'rendered' as const,
    })),
  ],

  deliveries: [
    { id: 'D-12', invoiceNumber: 'TPS-7112', sku: 'SAND-T', quantity: 2.15, deliveredDate: '2026-04-15' },
    { id: 'D-8', invoiceNumber: 'TPS-7108', sku: 'FLR-25', quantity: 50, deliveredDate: '2026-04-15' },
    {
      id: 'D-9',
      invoiceNumber: 'TPS-7108',
      sku: 'SYR-5L',
      quantity: 12,
      damagedQuantity: 3,
      deliveredDate: '2026-04-15',
    },
    { id: 'D-4', invoiceNumber: 'TPS-7106', sku: 'GAS-AR40', quantity: 80, deliveredDate: '2026-04-11' },
    { id: 'D-3', invoiceNumber: 'TPS-7104', sku: 'CRT-PRS', quantity: 26, deliveredDate: '2026-04-09' },
    { id: 'D-1', invoiceNumber: 'TPS-7102', sku: 'WRAP-1K', quantity: 30, deliveredDate: '2026-04-02' },
    {
      id: 'D-2',
      invoiceNumber: 'TPS-7103',
      sku: 'JAR-500',
      quantity: 3000,
      deliveredDate: '2026-04-07',
      damagedQuantity: 180,
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-04-20', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

const talk = (turns: string[]): Promise<ChatResponse> => converse(t, ...turns)

describe('a count on an invoice whose lines bill the same number', () => {
  it.each([
    'Marlowe say TPS-7101 has 6 safety inspections at Eastfield but only 4 were carried out',
    'TPS-7101 for Marlowe: of the 6 inspections billed only 4 took place at the Eastfield depot',
  ])('is about the line a word names that the other does not share: %j', async (text) => {
    const last = await talk([text])
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
  })
})

describe('a line named by a word of another language that shares its start', () => {
  it('is the line the claim is about', async () => {
    const last = await talk(['Marlowe: TPS-7101 cobra 6 inspecciones en Eastfield, solo se hicieron 4'])
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
  })
})

describe('a line a sentence accepts before naming the disputed one', () => {
  it("is not the claim's", async () => {
    const last = await talk([
      'Marlowe on TPS-7101: the pallet jack hire (6 at 120.00, i.e. 720.00), which we accept, and the safety inspections. We contest 2 of the 6 inspections, amounting to 90.00.',
    ])
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
    expect(last.reply).not.toMatch(/HIRE-PJ: 2 ×/)
  })
})

describe('a count in pieces on a line priced per thousand', () => {
  it('is told apart from a line a word also names by the count billed', async () => {
    const last = await talk(['Quill & Barrow counted 27k wraps on TPS-7102 against the 30k we invoiced'])
    expect(last.resolution?.disputedAmount, last.reply).toBe('270.00')
  })
})

describe('a count only one line bills as many units as', () => {
  it('is about that line', async () => {
    const last = await talk(['Quill & Barrow: 180 smashed on arrival, TPS-7103, driver noted it'])
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
  })
})

describe('a count corrected with a figure the invoice also prices at', () => {
  it('stays a count: the claim is not turned into a price dispute', async () => {
    const last = await talk([
      'Quill & Barrow only took delivery of 24 crates on TPS-7104',
      'recount from their store: they got 26, not 24',
    ])
    expect(last.resolution?.reasonCode, last.reply).toBe('quantity_discrepancy')
    expect(last.resolution?.disputedAmount, last.reply).toBe('96.00')
  })
})

describe('a tax said at what the whole invoice carries', () => {
  it('is about every line, whatever word names the invoice', async () => {
    const last = await talk([
      'Larchmont Children’s Foundation: the pallet jack hire bill TPS-7105 carries sales tax of $26.40, they are a tax-exempt charity',
    ])
    expect(last.resolution?.reasonCode, last.reply).toBe('tax_error')
    expect(last.resolution?.action, last.reply).toBe('cancel_and_rebill')
  })
})

describe('a count billed that another line bills', () => {
  it('is about that line, not the one a passing word names', async () => {
    const last = await talk(['Quill & Barrow on TPS-7106: 80 cylinders came across, we billed 90'])
    expect(last.resolution?.disputedAmount, last.reply).toBe('300.00')
    expect(last.resolution?.classification, last.reply).toBe('valid')
  })
})

describe('a count on an invoice whose words name two lines', () => {
  it.each([
    'Quill & Barrow: TPS-7106, only 75 argon cylinders turned up',
    'TPS-7106 for Quill — they received 75 argon cylinders and no more',
  ])('is about the one line the count fits: %j', async (text) => {
    const r = await talk([text])
    // 75 received fits the 90 refills billed, not the 60 rentals: (90 − 75) × 30.00.
    expect(r.resolution?.disputedAmount).toBe('450.00')
  })
})

describe('two prices in words no rule reads, beside the amount they come to', () => {
  it('are a price claim on the line billed at one of them, the amount as said', async () => {
    const r = await talk(['TPS-7106 Quill: argon na 26 for di paper, una write 30. Dem want 360 back.'])
    // (30.00 − 26.00) × 90 refills = 360.00; this ledger holds no contract to price it against.
    expect(r.resolution?.reasonCode).toBe('pricing_error')
    expect(r.resolution?.disputedAmount).toBe('360.00')
    expect(r.understood?.expectedUnitPrice).toBe('26.00')
  })
})

describe('the invoice total quoted beside a narrower claim', () => {
  it.each([
    'TPS-7106 for Quill, 3,240.00 total: 5 of the argon refills arrived leaking',
    'Quill & Barrow, TPS-7106 (USD 3,240.00 in all) — five argon refills came damaged',
  ])('is context, not the amount in dispute: %j', async (text) => {
    const r = await talk([text])
    expect(r.resolution?.reasonCode).toBe('damaged_goods')
    // 5 × 30.00, no tax on the line.
    expect(r.resolution?.disputedAmount).toBe('150.00')
  })
})

describe('an amount in dispute that is exactly what one line comes to', () => {
  it.each([
    'Quill & Barrow refuse to pay the 540.00 on TPS-7106, the service was poor all month',
    'TPS-7106: Quill say the service was sloppy and will not pay USD 540.00 of it',
  ])('is that line: %j', async (text) => {
    const r = await talk([text])
    expect(r.understood?.lines, r.reply.slice(0, 300)).toEqual([2])
  })
})

describe('a figure said before tax that one line bills net', () => {
  it.each([
    'Larchmont are unhappy with TPS-7105, the 240.00 plus tax one, the work was done badly',
    'Larchmont Children’s Foundation refuse 240.00 + tax on TPS-7105: sloppy work, they say',
  ])('names that line: %j', async (text) => {
    const r = await talk([text])
    // 2 × 120.00 net on line 1, with its 8 % tax: 259.20; not the whole invoice's 356.40.
    expect(r.resolution?.disputedAmount, r.reply).toBe('259.20')
  })
})

describe('a product code said however it is punctuated', () => {
  it.each([
    'Quill & Barrow: TPS-7107, they got 7 cans of the 15w40, not 10',
    'TPS-7107 for Quill: engine oil 5W-30, only 7 cans came',
  ])('names the one line that carries it: %j', async (text) => {
    const r = await talk([text])
    // 3 cans at 60.00 (15W-40) or at 70.00 (5W-30), not a question about which engine oil.
    expect(r.resolution?.disputedAmount, r.reply).toBe(text.includes('5W-30') ? '210.00' : '180.00')
  })
})

describe('a shortfall said in plain words beside the price the line bills', () => {
  it.each([
    'Quill & Barrow: the preserves on TPS-7104 came short, they are still counting. 24.00 a crate.',
    'TPS-7104 for Quill came up short on crates; we bill them at $24.00 each',
  ])('stays a shortfall, sized by the delivery: %j', async (text) => {
    const r = await talk([text])
    expect(r.resolution?.reasonCode, r.reply).toBe('quantity_discrepancy')
    // 30 billed, 26 delivered: 4 × 24.00.
    expect(r.resolution?.supportedAmount, r.reply).toBe('96.00')
  })
})

describe('a correction that says one line is in order and names another', () => {
  it('moves the claim to the other line', async () => {
    const r = await talk([
      'Marlowe on TPS-7101: the pallet jack hire was short, only 4 days',
      'sorry, my mistake: the pallet jack hire is fine, it is the safety inspections. 4 done, not 6',
    ])
    // 2 inspections at 45.00, no tax; not the hire line and not a question about which line.
    expect(r.resolution?.disputedAmount, r.reply).toBe('90.00')
  })
})

describe('a claim with no count whose words name two lines', () => {
  it('is about the line named by a word the other does not share', async () => {
    const last = await talk([
      'Marlowe are disputing the Eastfield depot inspection on TPS-7101, nobody from our side turned up for it. They want 90.00 off.',
    ])
    expect(last.understood?.lines, last.reply).toEqual([2])
  })
})

describe('a price said only as a term of the working', () => {
  it('is the line’s own price, not one the customer holds: the counts make the claim', async () => {
    const last = await talk([
      'TPS-7101, Marlowe: 6 safety inspections @ 45 on it. Their manager says just 4, and wants 2 x 45 = 90.00 back.',
    ])
    expect(last.understood?.expectedUnitPrice, last.reply).toBeUndefined()
    expect(last.resolution?.reasonCode).not.toBe('pricing_error')
  })

  it.each([
    'TPS-7101, Marlowe: they only used four of the inspections, so credit USD 45 x 2 = USD 90.00',
    'Marlowe, TPS-7101: two inspection slots went unused this month. Credit 45.00 × 2 = 90.00 please',
  ])('with the price first, multiplies the count in dispute: %j', async (text) => {
    const last = await talk([text])
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
  })
})

describe('an amount that is a count said of one line’s units', () => {
  it.each([
    'Marlowe, TPS-7101: their controller wants 2 × 45.00 = 90.00 back on the Eastfield inspections',
    'TPS-7101 (Marlowe): Eastfield site book has 4 inspection entries against 6, deduct 90.00',
  ])('is that count, and the line says a service: %j', async (text) => {
    const last = await talk([text])
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
    expect(last.resolution?.disputedAmount, last.reply).toBe('90.00')
  })
})

describe('a count short said with no reason a rule knows', () => {
  it('takes its reason from the line: a service line is a service not rendered', async () => {
    const last = await talk(['TPS-7101, Marlowe: 6 safety inspections @ 45. Their site book: only 4 inspections.'])
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
  })
})

describe('a price said per unit that is the one the line bills', () => {
  it.each([
    'Quill & Barrow on TPS-7106: the cylinder rental is charged 60 days at 9.00 per day, but they sent the cylinders back after 45. They want 135.00 off.',
    'Quill & Barrow say the cylinder hire on TPS-7106 (60 days x 9.00 each) should be 52 days, they returned them early. 72.00 off please.',
  ])('is the working of a count claim, whose reason the line gives: %s', async (message) => {
    const last = await talk([message])
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
    expect(last.understood?.quantityReceived).toBeLessThan(60)
  })
})

describe('a reason guessed from the words around counts the line confirms', () => {
  it.each([
    'Marlowe on TPS-7101: the agreement allows for inspections and you put 6 on the invoice, their site book shows 4 not 6.',
    'Quill & Barrow, TPS-7106: the cylinder rental contract says monthly, you charged 60 days, they had them 45 days.',
  ])('gives way to the counts, and the line says what they are: %s', async (message) => {
    const last = await talk([message])
    expect(last.resolution?.reasonCode, last.reply).toBe('service_not_rendered')
  })
})

describe('a damage claim whose words name no line', () => {
  it.each([
    'Harbour Row on TPS-7108: 3 came in crushed, as their goods-in sheet says. Credit those please, 54.00.',
    'Harbour Row, TPS-7108: the 50 sacks all arrived fine, but 3 others were crushed and leaking. Credit 54.00 please.',
  ])('is about the line whose delivery recorded that many damaged: %j', async (message) => {
    const last = await talk([message])
    expect(last.understood?.lines, last.reply).toEqual([2])
    expect(last.resolution?.classification, last.reply).toBe('valid')
  })
})

describe('a workshop that never took place, disputed at the invoice total', () => {
  it('is every line of it, each unit its log shows not rendered', async () => {
    const last = await talk([
      "Harbour Row Bakery: the hygiene workshop of 14 April didn't happen, the trainer never came, and still TPS-7109 arrived for 960.00",
    ])
    expect(last.resolution?.disputedAmount, last.reply).toBe('960.00')
    expect(last.resolution?.supportedAmount, last.reply).toBe('960.00')
  })
})

describe('a count of units two lines bill alike', () => {
  it('is about the line whose other words the message says', async () => {
    const last = await talk([
      "Harbour Row on TPS-7110: nobody came on the 7th, so 2 of the 4 bays weren't gas leak tested",
    ])
    // The gas leak test line, whose log shows the 7th served: not the oven service's one entry for three days.
    expect(last.resolution?.classification, last.reply).toBe('invalid')
  })
})

describe('a later turn that adds another line of the invoice to the claim', () => {
  it('disputes both lines, each by its own evidence, not the added one in place of the first', async () => {
    const last = await talk([
      'Harbour Row Bakery: two of the 10 window cleans billed on TPS-7111 never happened, the cleaner did not come. Credit 60.00.',
      'The gutter clearing on that bill too: one of the 4 visits charged never happened either. Please add it, 110.00 in all.',
    ])
    expect(last.resolution?.disputedAmount, last.reply).toBe('110.00')
    expect(last.resolution?.supportedAmount, last.reply).toBe('110.00')
  })
})

describe('a figure with no currency that is what a line bills in its measure', () => {
  it('is that quantity, never the amount in dispute', async () => {
    const last = await talk([
      'Harbour Row Bakery, TPS-7112: the sand was billed as 2.25 MT. Their weighbridge slip shows 2.15 t net. Please credit the 0.1 t short.',
    ])
    expect(last.resolution?.disputedAmount, last.reply).toBe('40.00')
    expect(last.resolution?.supportedAmount, last.reply).toBe('40.00')
  })
})
