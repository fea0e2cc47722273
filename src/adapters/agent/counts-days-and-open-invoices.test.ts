/**
 * Claims whose words lean one way and whose ledger says another: hours "over-billed" that are hours not
 * worked, a price said with its tax that is the line's own, days of a hire "taken off" with no price in
 * sight, a word of one line's description in a claim about a period outside the contract, and a
 * customer's one open invoice among paid ones that bill the same. Invented ledger, through the real chat
 * API (in-memory Postgres, embedded engine); none of these wordings comes from an eval case.
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger, converse } from '../../testing/test-app.ts'

const gbp = invoicesIn('GBP', '2026-05-31')
const vat = '0.20'

/** One log entry a day for a hired line, `quantity` each day. */
const day = (invoiceNumber: string, sku: string, date: string, quantity: number, billed = 1) => ({
  id: `${invoiceNumber}-${date}`,
  customerId: 'C-BRK',
  invoiceNumber,
  sku,
  periodStart: date,
  periodEnd: date,
  quantity,
  status: quantity === 0 ? ('not_rendered' as const) : quantity < billed ? ('partial' as const) : ('rendered' as const),
})

const storage = (number: string, issueDate: string, extra: object = {}) =>
  gbp(
    number,
    'C-FEN',
    issueDate,
    [
      {
        line: 1,
        sku: 'PAL-WK',
        description: 'Pallet storage, per pallet-week',
        quantity: 40,
        unitPrice: '4.50',
        taxRate: vat,
      },
    ],
    extra,
  )

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Wren Hollow Services', currency: 'GBP' },
  customers: [
    { id: 'C-BRK', name: 'Brackenfield Leisure' },
    { id: 'C-TOL', name: 'Tolland Cold Store' },
    { id: 'C-FEN', name: 'Fenwick Bakeries' },
  ],
  contracts: [
    {
      id: 'CT-TOL',
      customerId: 'C-TOL',
      startDate: '2025-04-01',
      endDate: '2026-03-31',
      currency: 'GBP',
      paymentTermsDays: 30,
      prices: [
        { sku: 'CLEAN-M', unitPrice: '800.00' },
        { sku: 'DEPOT-SKIP', unitPrice: '150.00' },
      ],
    },
  ],
  invoices: [
    gbp('WH-2201', 'C-BRK', '2026-04-30', [
      {
        line: 1,
        sku: 'CONS-HR',
        description: 'Senior consultant hours',
        quantity: 24,
        unitPrice: '95.00',
        taxRate: vat,
      },
    ]),
    gbp(
      'WH-2202',
      'C-BRK',
      '2026-04-16',
      [
        {
          line: 1,
          sku: 'KIT-DAY',
          description: 'Climbing kit hire, per person per day',
          quantity: 60,
          unitPrice: '12.50',
          taxRate: vat,
        },
      ],
      { servicePeriodStart: '2026-04-14', servicePeriodEnd: '2026-04-15' },
    ),
    gbp(
      'WH-2203',
      'C-BRK',
      '2026-04-11',
      [
        {
          line: 1,
          sku: 'MIXER-DAY',
          description: 'Concrete mixer hire, per day',
          quantity: 5,
          unitPrice: '40.00',
          taxRate: vat,
        },
      ],
      { servicePeriodStart: '2026-04-06', servicePeriodEnd: '2026-04-10' },
    ),
    gbp(
      'WH-2210',
      'C-TOL',
      '2026-05-01',
      [
        {
          line: 1,
          sku: 'CLEAN-M',
          description: 'Office cleaning, monthly',
          quantity: 1,
          unitPrice: '800.00',
          taxRate: vat,
        },
        { line: 2, sku: 'DEPOT-SKIP', description: 'Depot skip hire', quantity: 1, unitPrice: '150.00', taxRate: vat },
      ],
      { contractId: 'CT-TOL', servicePeriodStart: '2026-04-01', servicePeriodEnd: '2026-04-30' },
    ),
    gbp('0041/26/KEN', 'C-TOL', '2026-03-02', [
      {
        line: 1,
        sku: 'SKIP-LIFT',
        description: 'Skip lift, depot yard',
        quantity: 2,
        unitPrice: '75.00',
        taxRate: vat,
      },
    ]),
    gbp('TC-26W10-02', 'C-TOL', '2026-03-09', [
      {
        line: 1,
        sku: 'SKIP-LIFT',
        description: 'Skip lift, depot yard',
        quantity: 1,
        unitPrice: '75.00',
        taxRate: vat,
      },
    ]),
    storage('WH-2301', '2026-03-01', { status: 'paid' }),
    storage('WH-2302', '2026-04-01', { status: 'paid' }),
    storage('WH-2303', '2026-05-01'),
  ],
  payments: [
    {
      id: 'PM-2301',
      customerId: 'C-FEN',
      invoiceNumber: 'WH-2301',
      amount: '216.00',
      currency: 'GBP',
      date: '2026-03-20',
    },
    {
      id: 'PM-2302',
      customerId: 'C-FEN',
      invoiceNumber: 'WH-2302',
      amount: '216.00',
      currency: 'GBP',
      date: '2026-04-20',
    },
  ],
  serviceLogs: [
    day('WH-2202', 'KIT-DAY', '2026-04-14', 30, 30),
    day('WH-2202', 'KIT-DAY', '2026-04-15', 26, 30),
    ...['06', '07', '08', '09', '10'].map((d) => day('WH-2203', 'MIXER-DAY', `2026-04-${d}`, d === '08' ? 0 : 1)),
  ],
})

const { app, resolve } = chatOnLedger({ today: '2026-05-12', ledger: ledger() })

describe('units of a service said to be too many', () => {
  it('"over-billed" hours with a count too many are hours not worked, which the hours line has no log for', async () => {
    expect(
      await resolve(
        "Brackenfield think we've over-billed the consultant hours on WH-2201, 24 hours is too many and they want 5 taken off.",
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered', classification: 'needs_info' })
  })

  it.each([
    'On WH-2202 four of the group were off sick on the second day and never collected kit, so 4 kits @ £15.00 incl VAT = £60.00. Can we credit that?',
    'WH-2202: four of the kids were poorly on the Wednesday and never picked up any gear, so 4 kit hires @ £15.00 incl VAT = £60.00. Can we sort a credit',
    'Brackenfield on WH-2202: 4 climbers never turned up for their kit on day two, 4 x £15.00 incl VAT = £60.00',
  ])(
    'a price said with its tax that is the line’s own price is the working, not a price claimed: %j',
    async (message) => {
      expect(await resolve(message)).toMatchObject({
        reasonCode: 'service_not_rendered',
        classification: 'valid',
        disputedAmount: '60.00',
        supportedAmount: '60.00',
      })
    },
  )

  it.each([
    'WH-2203: they want the two hire days taken off, Wednesday 8 and Thursday 9 April, nothing poured',
    // A check: the words around the days were read as units short before, and the line made them a service.
    "The mixer on WH-2203 packed in on Wednesday 8 April and they couldn't pour on the Thursday either, so they want both hire days knocked off: £96.00 incl. VAT.",
  ])('days of a hire "taken off", with no price said, are days the hire was not rendered: %j', async (message) => {
    expect(await resolve(message)).toMatchObject({
      reasonCode: 'service_not_rendered',
      classification: 'partial',
      supportedAmount: '48.00',
    })
  })
})

describe('units of a day whose log entry is partial', () => {
  it('are credited by the count said, where the line’s log falls short by at least that many', async () => {
    expect(
      await resolve(
        'Brackenfield on WH-2202: on the Wednesday four of their people never collected kit, 4 kit hires @ £15.00 incl VAT = £60.00 back please',
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered', classification: 'valid', supportedAmount: '60.00' })
  })
})

describe('a period billed outside the contract', () => {
  it('is every line, whatever line a word of the message also names', async () => {
    expect(
      await resolve(
        "Tolland's contract with us ended in March when they closed the depot, but WH-2210 still went out for April. They refuse to pay.",
      ),
    ).toMatchObject({ reasonCode: 'contract_terms', classification: 'valid', supportedAmount: '1140.00' })
  })
})

describe('an invoice number the ledger does not hold', () => {
  it.each([
    ['Tolland say the skip lift was billed twice on 0057/26/BRX, £180', '0057/26/BRX'],
    ['Tolland got a debit note TC-26W12-05 for £90 skip lift, nobody there knows what it is for', 'TC-26W12-05'],
  ])('is said to be unknown, even where the words fit another invoice: %j', async (message, number) => {
    expect(await resolve(message)).toEqual({ reply: expect.stringContaining(`can't find an invoice "${number}"`) })
  })
})

describe('the customer’s one open invoice', () => {
  it('is not taken when paid invoices of theirs bill the same: the specialist is asked which', async () => {
    const r = await converse(app(), 'Fenwick reckon we charge too much for the pallet storage. Can you check?')
    expect(r.resolution).toBeNull()
    expect(r.questions.map((q) => q.topic)).toContain('invoice')
  })
})
