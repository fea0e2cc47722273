/** Figures no tool produced are withheld however they are written; the tools' figures stay. */
import { describe, expect, it } from 'vitest'
import { figuresIn, guardFigures, WITHHELD } from './figure-guard.ts'

const allowed = figuresIn([{ supportedAmount: '150.00', total: 1700, note: 'fee of $25.50 waived' }])

describe('guardFigures', () => {
  it.each([
    ['900 dollars', 'Offer 900 dollars as goodwill.'],
    ['1.2k', 'A credit of 1.2k is fair.'],
    ['nine hundred pounds', 'Credit nine hundred pounds.'],
    ['$1,234.56', 'We owe $1,234.56.'],
    ['USD 2,000', 'Refund USD 2,000 now.'],
    ['€1.234,56', 'Refund €1.234,56 now.'],
  ])('withholds %s', (figure, text) => {
    const g = guardFigures(text, allowed)
    expect(g.text).not.toContain(figure)
    expect(g.text).toContain(WITHHELD)
    expect(g.removed).toEqual([figure])
  })

  it('keeps figures the tools produced, in any writing', () => {
    const text = 'Credit $150.00 (150 dollars) of the 1,700.00 total; the $25.50 fee stays waived.'
    expect(guardFigures(text, allowed)).toEqual({ text, removed: [] })
  })

  it('leaves counts, dates and invoice numbers alone', () => {
    const text = 'They got 42 of 50 units on INV-1002, delivered 2026-03-02.'
    expect(guardFigures(text, allowed)).toEqual({ text, removed: [] })
  })
})
