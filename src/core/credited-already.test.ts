import { describe, expect, it } from 'vitest'
import { creditedOnLines } from './credited-already.ts'
import { toDecimal } from './money.ts'

const crates = { line: 1, sku: 'CRATE-P', description: 'Plastic crates, 40 L', quantity: 90, unitPrice: '12.00' }
const haul = { line: 2, sku: 'HAUL', description: 'Haulage to depot', quantity: 1, unitPrice: '150.00' }
const memo = (number: string, invoiceNumber: string, amount: string, reason?: string) => ({
  number,
  invoiceNumber,
  amount,
  date: '2026-05-02',
  ...(reason ? { reason } : {}),
})

describe('creditedOnLines', () => {
  it('counts memos on the invoice whose reason names a line in question, in any inflection', () => {
    const memos = [
      memo('CM-1', 'INV-4', '72.00', '6 crates cracked in transit'),
      memo('CM-2', 'INV-4', '30.00', 'haulage waiting time waived'),
      memo('CM-3', 'INV-5', '24.00', '2 crates short'),
    ]
    const c = creditedOnLines(memos, 'INV-4', [crates], 'EUR')
    expect(toDecimal(c.amount)).toBe('72.00')
    expect(c.memos.map((m) => m.number)).toEqual(['CM-1'])
  })

  it('reads no charge in function words or the words of billing ("credit from dispute")', () => {
    const memos = [memo('CM-5', 'INV-4', '40.00', 'credit from dispute 18, per customer')]
    const from = { ...haul, description: 'Haulage from the depot, per trip' }
    expect(toDecimal(creditedOnLines(memos, 'INV-4', [from], 'EUR').amount)).toBe('0.00')
  })

  it('counts none whose reason names no line in question, or gives no reason', () => {
    const memos = [memo('CM-2', 'INV-4', '30.00', 'haulage waiting time waived'), memo('CM-4', 'INV-4', '15.00')]
    expect(toDecimal(creditedOnLines(memos, 'INV-4', [crates], 'EUR').amount)).toBe('0.00')
    expect(toDecimal(creditedOnLines(memos, 'INV-4', [crates, haul], 'EUR').amount)).toBe('30.00')
  })
})
