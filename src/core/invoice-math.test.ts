import { describe, expect, it } from 'vitest'
import { linesBillingUnits, unitsComingTo } from './invoice-math.ts'
import type { Invoice } from './ledger.ts'
import { moneyOf } from './money.ts'

// Two lines billing 400 units each, 10 % tax; a third billing 20.
const invoice: Invoice = {
  number: 'LT-77',
  customerId: 'C-1',
  issueDate: '2026-09-01',
  dueDate: '2026-10-01',
  currency: 'EUR',
  lines: [
    { line: 1, sku: 'PREP', description: 'Sample preparation', quantity: 400, unitPrice: '6.40', taxRate: '0.10' },
    { line: 2, sku: 'ASSAY', description: 'Gold assay', quantity: 400, unitPrice: '11.15', taxRate: '0.10' },
    { line: 3, sku: 'RUSH', description: 'Rush handling', quantity: 20, unitPrice: '30.00', taxRate: '0.10' },
  ],
}

describe('linesBillingUnits', () => {
  it('finds the lines a count of units comes to, with or without their tax', () => {
    // 30 × 6.40 = 192.00 and 30 × 11.15 = 334.50: 526.50 net, 579.15 with tax.
    expect(linesBillingUnits(invoice, 30, moneyOf('579.15', 'EUR'))).toEqual([1, 2])
    expect(linesBillingUnits(invoice, 30, moneyOf('526.50', 'EUR'))).toEqual([1, 2])
  })

  it('reads nothing when no set of two lines or more comes to it', () => {
    // One line's units are another reading's (the single line), not this one's.
    expect(linesBillingUnits(invoice, 30, moneyOf('211.20', 'EUR'))).toBeUndefined()
    expect(linesBillingUnits(invoice, 30, moneyOf('580.00', 'EUR'))).toBeUndefined()
    // A line billing fewer units than said is left out: 25 of each of the three (1,188.75 net) fits no set.
    expect(linesBillingUnits(invoice, 25, moneyOf('1188.75', 'EUR'))).toBeUndefined()
  })
})

describe('unitsComingTo', () => {
  it('finds the one line and count said that come to the amount, with or without the tax', () => {
    // 12 × 6.40 = 76.80, 84.48 with 10 % tax.
    expect(unitsComingTo(invoice, moneyOf('84.48', 'EUR'), [3, 12, 2026])).toEqual({ line: 1, units: 12 })
    expect(unitsComingTo(invoice, moneyOf('76.80', 'EUR'), [12])).toEqual({ line: 1, units: 12 })
  })

  it('reads nothing where no count said comes to the amount', () => {
    expect(unitsComingTo(invoice, moneyOf('84.48', 'EUR'), [5])).toBeUndefined()
    expect(unitsComingTo(invoice, moneyOf('84.48', 'EUR'), [])).toBeUndefined()
    // One unit is the line's price, quoted as often as claimed.
    expect(unitsComingTo(invoice, moneyOf('6.40', 'EUR'), [1])).toBeUndefined()
  })
})
