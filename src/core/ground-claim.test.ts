import { describe, expect, it } from 'vitest'
import {
  billedWithin,
  billsTheSame,
  groundInvoice,
  numberMatch,
  TAKE_AT,
  groundPayment,
  productShare,
  readFigureAgainstInvoice,
  reasonFromTheInvoice,
  singular,
} from './ground-claim.ts'
import type { Invoice } from './ledger.ts'

// 30 × 64.00 + 8 % = 2,073.60; a one-unit line (unit price = its net) and a 25.00 fee.
const invoice: Invoice = {
  number: 'INV-9',
  customerId: 'C-1',
  issueDate: '2026-06-15',
  dueDate: '2026-07-15',
  currency: 'USD',
  lines: [
    { line: 1, sku: 'REBAR-12', quantity: 30, unitPrice: '64.00', taxRate: '0.08' },
    { line: 2, sku: 'SURVEY', quantity: 1, unitPrice: '350.00' },
  ],
  fees: [{ type: 'freight', amount: '25.00' }],
}
const agreed = [
  { sku: 'rebar-12', unitPrice: '60.00' },
  { sku: 'OTHER-SKU', unitPrice: '12.00' },
]

describe('readFigureAgainstInvoice', () => {
  it.each([
    ['64.00', { kind: 'billed_unit_price', line: 1, sku: 'REBAR-12', agreed: '60.00' }],
    ['64', { kind: 'billed_unit_price', line: 1, sku: 'REBAR-12', agreed: '60.00' }],
    ['60.00', { kind: 'agreed_unit_price', sku: 'rebar-12' }],
  ])('reads %s as a price', (value, reading) => {
    expect(readFigureAgainstInvoice(invoice, agreed, value)).toEqual(reading)
  })

  it.each([
    ['2448.60', 'the invoice total'],
    ['1920.00', "a line's net"],
    ['2073.60', "a line's gross"],
    ['153.60', "a line's tax"],
    ['350.00', 'a one-unit line, whose unit price is its charge'],
    ['25.00', 'a fee'],
    ['12.00', 'an agreed price for a SKU the invoice does not bill'],
    ['120.00', 'a figure the invoice does not show'],
  ])('keeps %s as an amount (%s)', (value) => {
    expect(readFigureAgainstInvoice(invoice, agreed, value)).toBeNull()
  })

  it('leaves out the agreed price when it is the billed one', () => {
    expect(readFigureAgainstInvoice(invoice, [{ sku: 'REBAR-12', unitPrice: '64.00' }], '64.00')).toEqual({
      kind: 'billed_unit_price',
      line: 1,
      sku: 'REBAR-12',
    })
  })
})

describe('singular', () => {
  it.each([
    ['valves', 'valve'],
    ['gloves', 'glove'],
    ['batteries', 'battery'],
    ['boxes', 'box'],
    ['switches', 'switch'],
    ['drums', 'drum'],
    ['glass', 'glass'],
    ['status', 'status'],
    ['valve', 'valve'],
  ])('%s → %s', (word, one) => {
    expect(singular(word)).toBe(one)
  })

  it('matches plural product words to a singular line description', () => {
    const lines = [
      { line: 1, sku: 'VLV-BR-22', description: 'Brass ball valve 22mm', quantity: 300, unitPrice: '7.85' },
    ]
    expect(productShare({ lines }, ['valves'])).toBe(1)
    expect(productShare({ lines }, ['batteries'])).toBe(0)
  })

  it('matches a French plural in -ies to its singular, which the English rule would not', () => {
    const lines = [{ line: 1, sku: 'SRT-4', description: 'Sortie de câble 4 mm', quantity: 40, unitPrice: '2.10' }]
    expect(productShare({ lines }, ['sorties'])).toBe(1)
  })
})

describe('groundPayment', () => {
  const payments = [
    { id: 'PAY-0704', date: '2026-07-04', reference: 'TRF 5520719 CSL' },
    { id: 'PAY-0401', date: '2026-04-01', reference: 'TRF 6630418' },
    { id: 'PAY-0402', date: '2026-04-02' },
  ]
  it('finds the payment whose reference holds a number the speaker typed', () => {
    expect(groundPayment(payments, { digitRuns: ['5520719'], dates: [] })).toEqual({ reference: 'TRF 5520719 CSL' })
  })
  it('keeps the reading of an ambiguous date that is the payment date', () => {
    // "04/07": 4 July or 7 April; the ledger has a payment on 4 July.
    expect(groundPayment(payments, { digitRuns: [], dates: ['2026-07-04', '2026-04-07'] })).toEqual({
      date: '2026-07-04',
    })
    expect(groundPayment(payments, { digitRuns: ['5520719'], dates: ['2026-07-04', '2026-04-07'] })).toEqual({
      reference: 'TRF 5520719 CSL',
      date: '2026-07-04',
    })
  })
  it('takes nothing when no payment or several fit', () => {
    expect(groundPayment(payments, { digitRuns: ['12345'], dates: [] })).toEqual({})
    expect(groundPayment(payments, { digitRuns: [], dates: ['2026-04-01', '2026-04-02'] })).toEqual({})
  })
})

describe('reasonFromTheInvoice', () => {
  const withFee: Invoice = { ...invoice, fees: [{ type: 'late_fee', amount: '18.40' }] }
  const feeAt2Percent: Invoice = { ...invoice, fees: [{ type: 'late_fee', amount: '45.40' }] }
  const said = { percents: [], paymentWords: false, unitPriceNamed: false, countsGiven: false }
  it.each([
    ['the late fee, by its amount', withFee, { ...said, amount: '18.40' }, 'already_paid', 'late_fee'],
    ['a tax rate the invoice charges', invoice, { ...said, percents: ['8'] }, 'service_not_rendered', 'tax_error'],
    [
      'exactly the total, with payment words',
      invoice,
      { ...said, amount: '2448.60', paymentWords: true },
      'quantity_discrepancy',
      'already_paid',
    ],
    [
      'a unit price named without counts',
      invoice,
      { ...said, unitPriceNamed: true },
      'quantity_discrepancy',
      'pricing_error',
    ],
    ['nothing read from the words', invoice, { ...said, percents: ['8,0'] }, null, 'tax_error'],
    // 2 % of the net 2,270.00 is 45.40: the percentage is the late fee's rate, whatever it was called.
    ['the rate the late fee was charged at', feeAt2Percent, { ...said, percents: ['2'] }, null, 'late_fee'],
  ] as const)('confirms %s', (_what, inv, s, current, reason) => {
    expect(reasonFromTheInvoice(inv, s, current)).toBe(reason)
  })

  it.each([
    ['a strong reading stays', withFee, { ...said, amount: '18.40' }, 'damaged_goods'],
    ['a percentage the invoice does not charge', invoice, { ...said, percents: ['15'] }, 'pricing_error'],
    ['the total without payment words', invoice, { ...said, amount: '2448.60' }, 'quantity_discrepancy'],
    ["a percentage that is not the late fee's rate", feeAt2Percent, { ...said, percents: ['3'] }, null],
    [
      'a unit price with counts given',
      invoice,
      { ...said, unitPriceNamed: true, countsGiven: true },
      'quantity_discrepancy',
    ],
  ] as const)('leaves it when %s', (_what, inv, s, current) => {
    expect(reasonFromTheInvoice(inv, s, current)).toBeNull()
  })
})

describe('billsTheSame', () => {
  it('is the same customer, PO, SKUs and quantities, and period; never the invoice itself', () => {
    const twin = { ...invoice, number: 'INV-10', issueDate: '2026-06-20' }
    expect(billsTheSame(invoice, twin)).toBe(true)
    expect(billsTheSame(invoice, invoice)).toBe(false)
    expect(billsTheSame(invoice, { ...twin, poNumber: 'PO-2' })).toBe(false)
    expect(billsTheSame(invoice, { ...twin, customerId: 'C-2' })).toBe(false)
    expect(billsTheSame(invoice, { ...twin, servicePeriodStart: '2026-07-01' })).toBe(false)
    expect(billsTheSame(invoice, { ...twin, lines: [{ ...invoice.lines[0]!, quantity: 31 }] })).toBe(false)
  })
})

describe('billedWithin', () => {
  it('is every line of one billed again on the other, for the same customer, PO and period', () => {
    const part = { ...invoice, number: 'INV-12', issueDate: '2026-06-25', lines: [invoice.lines[0]!] }
    expect(billedWithin(part, invoice)).toBe(true)
    expect(billedWithin(invoice, part)).toBe(false)
    expect(billedWithin(part, { ...invoice, poNumber: 'PO-2' })).toBe(false)
    expect(billedWithin({ ...part, lines: [{ ...invoice.lines[0]!, quantity: 12 }] }, invoice)).toBe(false)
  })
})

describe('numberMatch', () => {
  it('takes the sequence after a series as a reading strong enough on its own', () => {
    for (const [typed, number] of [
      ['0150', 'NBE/EX/26/0150'],
      ['0403', 'FT 2026/0403'],
      ['7781', 'RE-2026-7781'],
      ['418', 'FT-418/26'],
      ['0977', 'AR/0977/2025'],
    ] as const)
      expect(numberMatch(typed, number)?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
  })

  it('reads a number typed without its year and its zero padding, part for part ("518/K" of 0518/K/26)', () => {
    expect(numberMatch('518/K', '0518/K/26')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('518/M', '0518/K/26')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads a number grouped in thousands by dots, its check digit left off, as its sequence', () => {
    expect(numberMatch('NF 52307', '000.052.307-4')).not.toBe(null)
    expect(numberMatch('52307', '000.052.307-4')).not.toBe(null)
    expect(numberMatch('52308', '000.052.307-4')).toBe(null)
  })

  it('keeps a bare ending that is not the whole sequence weak: it needs the customer or the amount', () => {
    expect(numberMatch('1002', 'INV-551002')?.score ?? 0).toBeLessThan(TAKE_AT)
    expect(numberMatch('150', 'NBE/EX/26/0150')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads a number of digits alone said without its zero padding as that number', () => {
    expect(numberMatch('512', '#000512')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('512', '000512')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('51', '#000512')?.score ?? 0).toBe(0)
  })

  it('leaves out the letters typed before the digits of a ledger that numbers in digits alone', () => {
    expect(numberMatch('SI 20433', '00002-20433')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('OR20433', '00002-20433')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    // A ledger whose numbers carry letters keeps them: "SI" is no part of "CI-20433".
    expect(numberMatch('SI20433', 'CI-20433')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads a number said without its zero padding or as its last segments', () => {
    // The padded sequence is a reading that needs corroboration; the last segments are the number.
    expect(numberMatch('77', 'KL-0077/26')?.score ?? 0).toBe(0)
    expect(numberMatch('277', 'KL-0277/26')?.score).toBeGreaterThan(0.5)
    expect(numberMatch('277', 'KL-0277/26')?.score ?? 1).toBeLessThan(TAKE_AT)
    expect(numberMatch('918', 'MRX2025000000918')?.score).toBeGreaterThan(0.5)
    expect(numberMatch('277/26', 'KL-0277/26')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
  })

  it('reads a sequence said with the year it was issued in, where the number carries that year', () => {
    for (const typed of ['0457/2026', '0457/26', '2026/0457'])
      expect(numberMatch(typed, 'QRT26/B/0457')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('0214/2026', 'PLX-M26-0214')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    // Another year, or a sequence too short to be one, is no such reading.
    expect(numberMatch('0457/2025', 'QRT26/B/0457')?.score ?? 0).toBeLessThan(TAKE_AT)
    expect(numberMatch('71/2026', 'QRT26/B/0071')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads letters and a sequence: the series the number begins with, or the kind of document', () => {
    expect(numberMatch('QT 552', 'QT-0552-26')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('SI 0733', 'HBR-AY2627-0733')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('RM0733', 'RM0733X')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    // Another document's word, or a year, is no such reading.
    expect(numberMatch('PO 0733', 'HBR-AY2627-0733')?.score ?? 0).toBeLessThan(TAKE_AT)
    expect(numberMatch('QT 2026', 'QT-2026-0001')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads a number said without the year or fiscal year written after it', () => {
    expect(numberMatch('GR-0552', 'GR-0552/26-27')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('PX-91', 'PX-91/2026')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    // A part after it that is no year is no such reading.
    expect(numberMatch('KX-25', 'KX-25/0917')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it("reads the count after a one-piece number's zero padding as its sequence, a reading that needs corroboration", () => {
    // A series ("E46") and a count padded to ten digits, written as one piece.
    expect(numberMatch('031', 'E450000000031')?.score).toBeGreaterThan(0.5)
    expect(numberMatch('031', 'E450000000031')?.score ?? 1).toBeLessThan(TAKE_AT)
    expect(numberMatch('31', 'E450000000031')?.score ?? 0).toBe(0)
  })

  it('reads a structured number said without its check digit or branch letters', () => {
    expect(numberMatch('KX-25/0917', 'KX-25/0917-3')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    expect(numberMatch('DEP4-0210', 'DEP4-0210-NW')?.score ?? 0).toBeGreaterThanOrEqual(TAKE_AT)
    // Not a longer sequence cut short, nor a last part of more than two characters.
    expect(numberMatch('KX-25/091', 'KX-25/0917')?.score ?? 0).toBeLessThan(TAKE_AT)
    expect(numberMatch('DEP4-0210', 'DEP4-0210-WEST')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('reads a serial of one or two digits as a weak reading, taken with the customer named', () => {
    expect(numberMatch('58', 'QT7-0058')?.score ?? 0).toBeGreaterThan(0)
    expect(numberMatch('58', 'QT7-0058')?.score ?? 1).toBeLessThan(TAKE_AT)
    expect(numberMatch('8', 'QT7-0058')?.score ?? 0).toBe(0)
    const inv = (number: string, customerId: string): Invoice => ({ ...invoice, number, customerId })
    const ledger = [inv('QT7-0058', 'C-1'), inv('QT7-0068', 'C-1'), inv('QT6-0058', 'C-2')]
    const named = groundInvoice(ledger, { numbers: ['58'], customerIds: ['C-1'] })
    expect(named.kind === 'resolved' && named.best.number).toBe('QT7-0058')
    // Without the customer, two invoices end so: a question.
    expect(groundInvoice(ledger, { numbers: ['58'] }).kind).toBe('ambiguous')
  })

  it('never takes the year of a number as its sequence', () => {
    expect(numberMatch('2026', 'INV/2026/00981')?.score ?? 0).toBeLessThan(TAKE_AT)
  })

  it('asks when two series share the sequence', () => {
    const inv = (number: string): Invoice => ({ ...invoice, number })
    const g = groundInvoice([inv('NBE/EX/25/0150'), inv('NBE/EX/26/0150')], { numbers: ['0150'] })
    expect(g.kind).toBe('ambiguous')
  })
})
