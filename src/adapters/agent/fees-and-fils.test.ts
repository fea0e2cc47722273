import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

// A charge named by its amount, prices in a currency of three minor digits, and a PO called an LPO,
// read against an invented ledger of a gas supplier billing in KWD and one customer in TZS.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Dasman Industrial Gases', currency: 'KWD' },
  customers: [
    { id: 'K-1', name: 'Jahra Metal Works' },
    { id: 'K-2', name: 'Bukoba Dairy Cooperative' },
    { id: 'K-3', name: 'Erbil Print House' },
  ],
  contracts: [
    {
      id: 'CT-K1',
      customerId: 'K-1',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      currency: 'KWD',
      paymentTermsDays: 30,
      prices: [{ sku: 'REG-O2', unitPrice: '16.250' }],
    },
  ],
  invoices: [
    {
      number: 'DIG/26/0311',
      customerId: 'K-1',
      contractId: 'CT-K1',
      poNumber: 'JMW-LPO-5512',
      issueDate: '2026-03-02',
      dueDate: '2026-04-01',
      currency: 'KWD',
      lines: [{ line: 1, sku: 'REG-O2', description: 'Oxygen regulator', quantity: 4, unitPrice: '19.750' }],
      total: '79.000',
    },
    {
      number: 'DIG/26/0312',
      customerId: 'K-1',
      issueDate: '2026-03-03',
      dueDate: '2026-04-02',
      currency: 'KWD',
      lines: [{ line: 1, sku: 'AR-50', description: 'Argon refill 50 L', quantity: 20, unitPrice: '11.500' }],
      fees: [{ type: 'service_fee', description: 'Weekend call-out delivery', amount: '22.000' }],
      total: '252.000',
    },
    {
      number: 'DIG/26/0314',
      customerId: 'K-1',
      contractId: 'CT-K1',
      issueDate: '2026-03-09',
      dueDate: '2026-04-08',
      currency: 'KWD',
      lines: [{ line: 1, sku: 'N2-50', description: 'Nitrogen refill 50 L', quantity: 6, unitPrice: '9.000' }],
      fees: [{ type: 'service_fee', description: 'Short-run surcharge (under 10 cylinders)', amount: '15.000' }],
      total: '69.000',
    },
    {
      number: 'BKD-0907',
      customerId: 'K-2',
      issueDate: '2026-03-05',
      dueDate: '2026-04-04',
      currency: 'TZS',
      lines: [
        { line: 1, sku: 'CO2-45', description: 'CO2 cylinder refill 45 kg', quantity: 12, unitPrice: '95000.00' },
      ],
      fees: [{ type: 'freight', description: 'Usafiri wa haraka (express transport)', amount: '180000.00' }],
      total: '1320000.00',
    },
    {
      number: 'DIG/26/0317',
      customerId: 'K-1',
      issueDate: '2026-01-12',
      dueDate: '2026-02-11',
      currency: 'KWD',
      lines: [{ line: 1, sku: 'AR-50', description: 'Argon refill 50 L', quantity: 4, unitPrice: '11.500' }],
      fees: [{ type: 'late_fee', description: 'Ada ya ucheleweshaji', amount: '6.500' }],
    },
    {
      number: 'DIG/26/0318',
      customerId: 'K-1',
      issueDate: '2026-03-09',
      dueDate: '2026-04-08',
      currency: 'KWD',
      lines: [{ line: 1, sku: 'AR-50', description: 'Argon refill 50 L', quantity: 6, unitPrice: '11.500' }],
      fees: [{ type: 'freight', description: 'Transport Shuwaikh to Jahra', amount: '18.000' }],
    },
    {
      number: 'EPH-26-044',
      customerId: 'K-3',
      issueDate: '2026-03-06',
      dueDate: '2026-04-05',
      currency: 'IQD',
      lines: [
        { line: 1, sku: 'TONER-K', description: 'Toner cartridge, black', quantity: 10, unitPrice: '96000.000' },
        { line: 2, sku: 'PAGE-BW', description: 'Black and white pages', quantity: 40000, unitPrice: '12.500' },
      ],
      total: '1460000.000',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-03-20', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('a charge named by its amount', () => {
  it.each([
    ["Jahra Metal Works don't recognise the 22.000 weekend charge on 0312", 'DIG/26/0312', '22.000'],
    ['Bukoba Dairy hawatambui gharama ya Tsh 180,000 kwenye ankara BKD-0907', 'BKD-0907', '180000.00'],
  ])('is that fee, not the whole invoice: %j', async (text, invoice, amount) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe(invoice)
    expect(last.resolution?.disputedAmount, last.reply).toBe(amount)
  })
})

describe('a fee named by its amount and its own words', () => {
  it.each([
    ["Jahra Metal Works are querying the 15.000 short-run surcharge on 0314, they say it shouldn't be there"],
    ['Jahra object to the 15.000 short-run surcharge on 0314'],
  ])('is the charge in question, not a shortage its name reads as: %j', async (text) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0314')
    expect(last.resolution?.reasonCode, last.reply).toBe('unrecognized_charge')
    expect(last.resolution?.disputedAmount, last.reply).toBe('15.000')
  })
})

describe('a late fee named by its amount and its words, beside the day the customer paid', () => {
  it('is contested as a late fee, not as a payment nor as a charge nobody knows', async () => {
    const last = await converse(
      t,
      'Jahra hawakubali ada ya ucheleweshaji KWD 6.500 kwenye DIG/26/0317; walilipa tarehe 20 Februari',
    )
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0317')
    expect(last.resolution?.reasonCode, last.reply).toBe('late_fee')
  })
})

describe('a fee the words name by its type, at its amount', () => {
  it('is the charge in question, not a shortage of the goods the words speak of', async () => {
    const last = await converse(t, 'Jahra: freight KWD 18.000 on 0318 not agreed, our deliveries come free')
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0318')
    expect(last.resolution?.reasonCode, last.reply).toBe('unrecognized_charge')
  })
})

describe('a fee named by its amount and its words, in a message whose words give no reason', () => {
  it('is the charge in question, not counts of something else read against a line', async () => {
    const last = await converse(
      t,
      'Jahra wanauliza: "Transport Shuwaikh to Jahra" KWD 18.000 kwenye DIG/26/0318 ni nini? mitungi 6, tulisubiri siku 3.',
    )
    expect(last.resolution?.reasonCode, last.reply).toBe('unrecognized_charge')
  })
})

describe('a fee contested as a price with no price said against it', () => {
  it('is contested as a charge: the contract that does not provide for it decides', async () => {
    const last = await converse(
      t,
      'Jahra Metal Works: DIG/26/0314 carries a new "short-run surcharge", 15.000. Our contract price is all-in and no surcharge was ever agreed with us. Kindly cancel the 15.000.',
    )
    expect(last.resolution?.reasonCode, last.reply).toBe('unrecognized_charge')
    expect(last.resolution?.supportedAmount, last.reply).toBe('15.000')
  })
})

describe('a fee named by its amount and two of its words, beside the line the customer agreed to', () => {
  it.each([
    ['Jahra on 0312: they only ordered the argon refills, so what is the 22.000 weekend call-out?'],
    ['Jahra only got argon refills on 0312 and now find 22.000 for a weekend call-out'],
  ])('is the charge in question, not a shortage of that line: %j', async (text) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0312')
    expect(last.resolution?.reasonCode, last.reply).toBe('unrecognized_charge')
    expect(last.resolution?.disputedAmount, last.reply).toBe('22.000')
  })
})

describe('a price kept from before a corrected invoice number', () => {
  it('is read again against the invoice now named: the price it bills is the billed one', async () => {
    const last = await converse(
      t,
      'Jahra Metal Works: DIG/26/0312 has the regulators at 19.750 instead of 16.250',
      'sorry, wrong number, it is DIG/26/0311',
    )
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0311')
    expect(last.resolution?.disputedAmount, last.reply).toBe('14.000')
  })
})

describe('prices written with three decimals', () => {
  it('are fils on an invoice in KWD, and an LPO is the PO', async () => {
    const last = await converse(
      t,
      'Jahra Metal Works: their LPO JMW-LPO-5512 has the regulators at 16.250 each, we invoiced 19.750 x 4',
    )
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0311')
    expect(last.resolution?.reasonCode, last.reply).toBe('pricing_error')
    expect(last.resolution?.disputedAmount, last.reply).toBe('14.000')
  })
})

describe('thousands grouped with commas in a currency of three minor digits', () => {
  it.each([
    // The comma figure read as thousands is the line's own price.
    [
      'Erbil Print House, EPH-26-044: 2 of the 10 toners came cracked, 2 x 96,000 = IQD 192,000 to credit',
      '192000.000',
    ],
    // A whole number of a line's units at its price.
    ['Erbil Print House hold back 3 toners on EPH-26-044, IQD 288,000: they arrived cracked', '288000.000'],
    // A count beside the amount, which has no fils.
    ['Erbil Print House were overcharged on 4,000 black and white pages on EPH-26-044, IQD 50,000', '50000.000'],
    // Fils written with a dot beside the comma figure: the comma groups.
    [
      'Erbil Print House dispute pages on EPH-26-044: 38,400 counted, not 40,000, so 1,600 x 12.500 = IQD 20,000',
      '20000.000',
    ],
  ])('%j', async (text, amount) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('EPH-26-044')
    expect(last.resolution?.disputedAmount, last.reply).toBe(amount)
  })
})

describe("of two invoices named, the one not said to stand, in the customer's language", () => {
  it('takes the other', async () => {
    const last = await converse(
      t,
      'Jahra Metal Works escribe: "recibimos la 0311 y la 0314. La 0311 ya está aprobada para pago; la otra no la reconocemos, anúlenla."',
    )
    expect(last.resolution?.invoiceNumber ?? JSON.stringify(last.questions), last.reply).toBe('DIG/26/0314')
  })
})

describe('a comma before three digits, followed by a word that joins', () => {
  it.each([
    'Jahra Metal Works ne reconnaissent pas la surtaxe de 15,000 pour la 0314',
    'Jahra Metal Works ne reconnaissent pas la surtaxe de 15,000 dinars sur la 0314',
  ])('stays the fils of a currency that writes them so: %j', async (text) => {
    const last = await converse(t, text)
    expect(last.resolution?.invoiceNumber, last.reply).toBe('DIG/26/0314')
    expect(last.resolution?.disputedAmount, last.reply).toBe('15.000')
  })
})
