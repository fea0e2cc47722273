import { describe, expect, it } from 'vitest'
import { linesBillingUnits } from './invoice-math.ts'
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
