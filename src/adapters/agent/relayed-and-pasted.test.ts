/**
 * Claims relayed in a hurry or pasted from a thread, read against the ledger: which of two invoices the
 * message asks to take off, a fee named by its figure where a word named another kind, "disputing one"
 * at a line's price, a working that names its line, the verb "check" (no cheque), payment rails, an
 * invoice set aside as a separate thread, "did not come" over a model's guess, a damage deduction
 * valued at the customer's own price, and an invoice named only as the example. Invented ledger,
 * through the real chat API (in-memory Postgres, embedded engine).
 */
import { describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { invoicesIn } from '../../testing/ledger-builders.ts'
import { chatOnLedger, converse } from '../../testing/test-app.ts'

const usd = invoicesIn('USD', '2026-07-31')

const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Prairie Line Managed Services', currency: 'USD' },
  customers: [
    { id: 'C-GR', name: 'Grainfield Coop' },
    { id: 'C-RV', name: 'Riverside Clinic' },
    { id: 'C-SH', name: 'Shorthorn Transit' },
    { id: 'C-MH', name: 'Maple Hill Dental' },
  ],
  contracts: [
    {
      id: 'K-SH',
      customerId: 'C-SH',
      startDate: '2026-01-01',
      currency: 'USD',
      paymentTermsDays: 30,
      prices: [{ sku: 'FW-UNIT', unitPrice: '900.00' }],
    },
    {
      id: 'K-RV',
      customerId: 'C-RV',
      startDate: '2026-01-01',
      currency: 'USD',
      paymentTermsDays: 30,
      prices: [{ sku: 'SEAT', unitPrice: '30.00' }],
      notes: 'Statements and invoices by email only.',
    },
    {
      id: 'K-SH2',
      customerId: 'C-SH',
      startDate: '2026-01-01',
      endDate: '2026-05-15',
      currency: 'USD',
      paymentTermsDays: 30,
      prices: [{ sku: 'SITE-MONTH', unitPrice: '4800.00' }],
    },
  ],
  invoices: [
    usd(
      'PL.26.5101',
      'C-GR',
      '2026-05-01',
      [{ line: 1, sku: 'DESK', description: 'Managed desktops', quantity: 20, unitPrice: '45.00' }],
      { servicePeriodStart: '2026-04-01', servicePeriodEnd: '2026-04-30' },
    ),
    usd(
      'PL.26.5114',
      'C-GR',
      '2026-06-01',
      [{ line: 1, sku: 'DESK', description: 'Managed desktops', quantity: 20, unitPrice: '45.00' }],
      { servicePeriodStart: '2026-05-01', servicePeriodEnd: '2026-05-31' },
    ),
    usd(
      'PL.26.5120',
      'C-RV',
      '2026-06-02',
      [{ line: 1, sku: 'SEAT', description: 'Helpdesk seats', quantity: 12, unitPrice: '30.00' }],
      {
        contractId: 'K-RV',
        fees: [{ type: 'other', description: 'Paper statement and mailing fee', amount: '15.00' }],
      },
    ),
    usd('PL.26.5130', 'C-RV', '2026-06-03', [
      { line: 1, sku: 'LAPTOP', description: 'Managed laptops', quantity: 7, unitPrice: '40.00' },
    ]),
    usd('PL.26.5140', 'C-GR', '2026-06-04', [
      { line: 1, sku: 'DESK', description: 'Managed desktops', quantity: 50, unitPrice: '55.00' },
      { line: 2, sku: 'M365', description: 'Office licences', quantity: 40, unitPrice: '20.00' },
      { line: 3, sku: 'BKP', description: 'Cloud backup', quantity: 10, unitPrice: '35.00' },
    ]),
    usd('PL.26.5150', 'C-RV', '2026-06-05', [
      { line: 1, sku: 'SEAT', description: 'Helpdesk seats', quantity: 20, unitPrice: '30.00' },
      { line: 2, sku: 'ONSITE', description: 'Onsite visit', quantity: 1, unitPrice: '650.00' },
    ]),
    usd('PL.26.5160', 'C-GR', '2026-05-20', [
      { line: 1, sku: 'DESK', description: 'Managed desktops', quantity: 30, unitPrice: '45.00' },
    ]),
    usd('PL.26.5165', 'C-RV', '2026-05-25', [
      { line: 1, sku: 'SEAT', description: 'Helpdesk seats', quantity: 15, unitPrice: '30.00' },
    ]),
    usd('PL.26.5170', 'C-RV', '2026-06-01', [
      { line: 1, sku: 'SEAT', description: 'Helpdesk seats', quantity: 14, unitPrice: '30.00' },
    ]),
    usd('PL.26.5180', 'C-SH', '2026-06-06', [
      { line: 1, sku: 'ONSITE', description: 'Onsite technician visits', quantity: 6, unitPrice: '180.00' },
    ]),
    usd(
      'PL.26.5190',
      'C-SH',
      '2026-06-07',
      [
        {
          line: 1,
          sku: 'FW-UNIT',
          description: 'Firewall appliance',
          quantity: 10,
          unitPrice: '900.00',
          taxRate: '0.07',
        },
      ],
      { contractId: 'K-SH' },
    ),
    usd(
      'PL.26.5200',
      'C-SH',
      '2026-06-01',
      [
        {
          line: 1,
          sku: 'SITE-MONTH',
          description: 'Site support package, May',
          quantity: 1,
          unitPrice: '4800.00',
          taxRate: '0.07',
        },
      ],
      { contractId: 'K-SH2', servicePeriodStart: '2026-05-01', servicePeriodEnd: '2026-05-31' },
    ),
    usd('PL-MHD-0210', 'C-MH', '2026-06-08', [
      { line: 1, sku: 'SEAT', description: 'Helpdesk seats', quantity: 12, unitPrice: '30.00' },
    ]),
  ],
  deliveries: [
    {
      id: 'DL-5190',
      invoiceNumber: 'PL.26.5190',
      sku: 'FW-UNIT',
      quantity: 10,
      damagedQuantity: 2,
      deliveredDate: '2026-06-07',
    },
  ],
  serviceLogs: [
    {
      id: 'SL-5130',
      customerId: 'C-RV',
      invoiceNumber: 'PL.26.5130',
      sku: 'LAPTOP',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      quantity: 7,
      status: 'rendered',
    },
    {
      id: 'SL-5180',
      customerId: 'C-SH',
      invoiceNumber: 'PL.26.5180',
      sku: 'ONSITE',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      quantity: 5,
      status: 'partial',
    },
  ],
  payments: [
    { id: 'PM-5160', customerId: 'C-GR', amount: '1350.00', currency: 'USD', date: '2026-06-03', method: 'BACS' },
    {
      id: 'PM-5170',
      customerId: 'C-RV',
      amount: '420.00',
      currency: 'USD',
      date: '2026-06-02',
      reference: 'RIVERSIDE WIRE 0602',
    },
    { id: 'PM-5150', customerId: 'C-RV', amount: '1250.00', currency: 'USD', date: '2026-06-10' },
  ],
})

const { app, resolve } = chatOnLedger({ today: '2026-06-20', ledger: ledger() })

describe('of two invoices named, the one the message asks to take off', () => {
  it('is the one disputed, and "both have" then says billed twice, which the ledger answers', async () => {
    expect(
      await resolve(
        'grainfield says the same desktops are on two invoices - 5101 and 5114 both bill 20 desktops at $45. they want 5114s $900.00 taken off',
      ),
    ).toMatchObject({ invoiceNumber: 'PL.26.5114', reasonCode: 'duplicate_billing', classification: 'invalid' })
  })
})

describe('a fee named by its figure', () => {
  // The contract names no such fee: not owed. The words lean to a payment ("pay by bank transfer") and
  // name a handling fee, which the invoice does not carry; its figure is the mailing fee's.
  it('is the fee in question, where a word named a kind of fee the invoice does not carry', async () => {
    expect(
      await resolve(
        'Riverside: we always pay by bank transfer, yet PL.26.5120 has a USD 15.00 mailing / cheque handling fee on it. Take it off please.',
      ),
    ).toMatchObject({ reasonCode: 'unrecognized_charge', classification: 'valid', supportedAmount: '15.00' })
  })
})

describe('"disputing one" at the price the line bills', () => {
  it('is one unit disputed, its price the sum', async () => {
    expect(
      await resolve('riverside says PL.26.5130 bills 7 laptops but their PO was for 6. disputing one, $40'),
    ).toMatchObject({ reasonCode: 'service_not_rendered', disputedAmount: '40.00', classification: 'invalid' })
  })
})

describe('a working that comes to the sum claimed', () => {
  it('names the line whose price it uses, though other lines come to the same sum', async () => {
    const r = await converse(
      app(),
      'grainfield counts 47 desktops, PL.26.5140 bills 50 managed desktops',
      'so 3 x 55 = $165 is what they dispute',
    )
    expect(r.resolution?.findings.map((f) => f.target)).toEqual([expect.objectContaining({ line: 1 })])
  })
})

describe('payment words', () => {
  it('"check" the verb is no cheque: an unknown line stays an unknown line', async () => {
    expect(
      await resolve(
        "Can you check this one? Riverside don't recognise the onsite visit on PL.26.5150, invoice total USD 1,250.00",
      ),
    ).toMatchObject({ reasonCode: 'unrecognized_charge' })
  })
  it('a payment rail named is a payment', async () => {
    expect(
      await resolve(
        'Grainfield say PL.26.5160 (the desktops, $1,350.00) went by BACS on 3 June and they keep getting reminders',
      ),
    ).toMatchObject({ invoiceNumber: 'PL.26.5160', reasonCode: 'already_paid' })
  })
})

// A check (read so before): the unit test of saidToStand in statement-lines.test.ts fails on the old code.
describe('an invoice set aside', () => {
  it('as a separate thread is not the claim’s', async () => {
    expect(
      await resolve(
        'Riverside treasury: invoice PL.26.5170 for $420.00 went out by wire on 2 June (ref RIVERSIDE WIRE 0602). Please apply it. Regarding 5165 - that one is with our buyer, separate thread.',
      ),
    ).toMatchObject({ invoiceNumber: 'PL.26.5170', reasonCode: 'already_paid' })
  })
})

// A check: this wording was read so before; a longer pasted one with more words of records was not.
describe('"did not come"', () => {
  it('is a visit not made, over a guess of an unknown charge from the words around it', async () => {
    expect(
      await resolve(
        'Shorthorn: on PL.26.5180 you charge 6 onsite visits. But one technician did not come, our front desk have no record of him. Please check and deduct.',
      ),
    ).toMatchObject({ reasonCode: 'service_not_rendered' })
  })
})

// A check: the damage words decided it before too; with a price said beside a letter currency ("a Q1,150
// la batería") they did not.
describe('a deduction for damage valued at the customer’s own price', () => {
  // 2 × 950.00 × 1.07 = 2,033.00 deducted; the contract's 900.00: 2 × 900.00 × 1.07 = 1,926.00.
  it('is a damage claim, valued at the agreed price', async () => {
    expect(
      await resolve(
        'Shorthorn deducted $2,033.00 from their payment of PL.26.5190, remittance says "2 FIREWALLS CRACKED", worked at $950 a unit + tax',
      ),
    ).toMatchObject({ reasonCode: 'damaged_goods', supportedAmount: '1926.00' })
  })
})

describe('a customer’s initials inside an invoice’s number', () => {
  it('name the invoice, not the customer: the sender’s own name stands against its owner', async () => {
    const r = await resolve(
      'From: Grainfield AP <ap@grainfieldcoop.com>\nSubject: seats on PL-MHD-0210\n\nHello,\nFor invoice PL-MHD-0210, only 10 seats were used but 12 billed. Please adjust.\n\nRegards,\nGrainfield Coop AP',
    )
    expect(r).not.toHaveProperty('classification')
    expect(r).toMatchObject({ reply: expect.stringContaining('Maple Hill Dental') })
  })
})
