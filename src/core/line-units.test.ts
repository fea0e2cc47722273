import { describe, expect, it } from 'vitest'
import { countInLineUnits, priceInLineUnits } from './line-units.ts'

const line = (description: string, quantity = 80) => ({ sku: 'X-1', description, quantity })

describe('countInLineUnits', () => {
  it('reads pieces as the line’s thousands when the line is sold per thousand', () => {
    expect(countInLineUnits(74_000, line('Natural stopper 45x24, per thousand'))).toBe(74)
    expect(countInLineUnits(6_000, line('Wood screws 4x40 /1000'))).toBe(6)
    expect(countInLineUnits(12_000, line('Rolhas técnicas (milheiro)'))).toBe(12)
    expect(countInLineUnits(300, line('Labels, per hundred', 10))).toBe(3)
  })

  it('keeps a count that fits the line as said', () => {
    expect(countInLineUnits(74, line('Natural stopper, per thousand'))).toBe(74)
    expect(countInLineUnits(6, line('Valves'))).toBe(6)
  })

  it('keeps a count it cannot convert: no pack size, not a whole pack, or still more than billed', () => {
    expect(countInLineUnits(74_000, line('Natural stopper'))).toBe(74_000)
    expect(countInLineUnits(74_500, line('Natural stopper, per thousand'))).toBe(74_500)
    expect(countInLineUnits(90_000, line('Natural stopper, per thousand'))).toBe(90_000)
  })
})

describe('priceInLineUnits', () => {
  const perM = { sku: 'CARD', description: 'Business cards, per M', unitPrice: '46.00' }
  it('reads a piece price as the pack price when only that reading is near the line’s price', () => {
    expect(priceInLineUnits('0.0420', perM)).toBe('42.0')
    expect(priceInLineUnits('0.05', { ...perM, description: 'Labels /1000' })).toBe('50')
    expect(priceInLineUnits('0.38', { sku: 'TAG', description: 'Tags, per hundred', unitPrice: '40.00' })).toBe('38')
  })

  it('keeps a price already in the line’s units, or a line sold by the piece', () => {
    expect(priceInLineUnits('42.00', perM)).toBe('42.00')
    expect(priceInLineUnits('0.042', { sku: 'CARD', description: 'Business card', unitPrice: '0.046' })).toBe('0.042')
  })
})
