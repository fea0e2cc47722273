import { describe, expect, it } from 'vitest'
import type { InvoiceLine } from '../ledger.ts'
import { decimal, moneyOf, toDecimal } from '../money.ts'
import { creditToNet, lineGross, unitsCredit } from './check.ts'

const line: InvoiceLine = {
  line: 1,
  sku: 'BOLT-M8',
  description: 'Bolts',
  quantity: 30,
  unitPrice: '22.17',
  taxRate: '0.0875',
}

describe('the credit on a taxed line', () => {
  it('is the gross as billed minus the gross that should have been billed, tax rounded per line', () => {
    // 30 × 22.17 = 665.10 + tax 58.20 = 723.30; at 20.15: 604.50 + 52.89 = 657.39. Crediting
    // 60.60 net + 5.30 tax = 65.90 would leave a cent on the customer's balance.
    expect(toDecimal(creditToNet(line, moneyOf('604.50', 'USD'), 'USD'))).toBe('65.91')
  })

  it('credits whole units the same way, and the whole line for all its units', () => {
    expect(toDecimal(unitsCredit(line, decimal(2), 'USD'))).toBe(
      toDecimal(creditToNet(line, moneyOf('620.76', 'USD'), 'USD')),
    )
    expect(toDecimal(unitsCredit(line, decimal(30), 'USD'))).toBe(toDecimal(lineGross(line, 'USD')))
    expect(toDecimal(unitsCredit(line, decimal(0), 'USD'))).toBe('0.00')
  })
})

describe('rates in words', () => {
  it('shows a tax rate as a percentage, exactly', async () => {
    const { ratePercent } = await import('../money.ts')
    expect(['0.0875', '0.19', '0.1', '0', '1', '0.08250'].map(ratePercent)).toEqual([
      '8.75%',
      '19%',
      '10%',
      '0%',
      '100%',
      '8.25%',
    ])
  })
})
