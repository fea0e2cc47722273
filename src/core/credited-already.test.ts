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

  it('reads a charge named in three letters, with its plural, and never as the start of a longer word', () => {
    const mugs = { line: 1, sku: 'MUG-12', description: 'Mug 12 oz, carton of 24', quantity: 30, unitPrice: '9.000' }
    const car = { line: 2, sku: 'CAR-W', description: 'Car wash', quantity: 4, unitPrice: '5.000' }
    const memos = [
      memo('CM-7', 'INV-9', '27.000', '3 ctn mugs missing'),
      memo('CM-8', 'INV-9', '5.500', 'cartons torn'),
    ]
    expect(creditedOnLines(memos.slice(0, 1), 'INV-9', [mugs], 'BHD').memos.map((m) => m.number)).toEqual(['CM-7'])
    expect(creditedOnLines(memos.slice(1), 'INV-9', [car], 'BHD', [mugs, car]).memos).toEqual([])
  })

  it("counts a memo worded in no line's words that is a whole number of a line's units with tax", () => {
    const trays = {
      line: 1,
      sku: 'TR-30',
      description: 'Egg tray 30',
      quantity: 50,
      unitPrice: '12.50',
      taxRate: '0.05',
    }
    const boxes = { line: 2, sku: 'BX', description: 'Shipping box', quantity: 10, unitPrice: '20.00', taxRate: '0.05' }
    // 2 trays at 12.50 + 5 % = 26.25; 42.00 is two boxes at 20.00 + 5 %, the other line.
    const memos = [
      memo('CM-9', 'INV-2', '26.25', 'نقص في التوريد'),
      memo('CM-10', 'INV-2', '42.00', 'نقص في التوريد'),
      memo('CM-11', 'INV-2', '26.25', '2 shipping box dented'),
    ]
    const c = creditedOnLines(memos, 'INV-2', [trays], 'QAR', [trays, boxes])
    expect(c.memos.map((m) => m.number)).toEqual(['CM-9'])
    expect(toDecimal(c.amount)).toBe('26.25')
  })
})
