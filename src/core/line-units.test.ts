import { describe, expect, it } from 'vitest'
import { countInLineUnits } from './line-units.ts'

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
