import { describe, expect, it } from 'vitest'
import { countInLineUnits, packsOf, priceInLineUnits, unitsUnclear } from './line-units.ts'

const line = (description: string, quantity = 80) => ({ sku: 'X-1', description, quantity })

describe('countInLineUnits', () => {
  it('reads pieces as the line’s thousands when the line is sold per thousand', () => {
    expect(countInLineUnits(74_000, line('Natural stopper 45x24, per thousand'))).toBe(74)
    expect(countInLineUnits(6_000, line('Wood screws 4x40 /1000'))).toBe(6)
    expect(countInLineUnits(12_000, line('Rolhas técnicas (milheiro)'))).toBe(12)
    expect(countInLineUnits(300, line('Labels, per hundred', 10))).toBe(3)
  })

  it('reads pieces as the line’s packs when its description gives the pack size, in any language', () => {
    expect(countInLineUnits(800, line('Guest slippers, carton of 100 pairs', 10))).toBe(8)
    expect(countInLineUnits(150, line('Coffee pods, æske à 50', 40))).toBe(3)
    expect(countInLineUnits(60, line('Guarnizioni, confezione da 12', 10))).toBe(5)
    expect(countInLineUnits(48, line('Gloves, 24 pairs per case', 10))).toBe(2)
    expect(countInLineUnits(72, line('Sealant 12/box', 10))).toBe(6)
  })

  it('never reads a measure as a pack size', () => {
    expect(countInLineUnits(400, line('Degreaser, drum of 200 L', 5))).toBe(400)
    expect(countInLineUnits(100, line('Tape, roll of 50 m', 5))).toBe(100)
  })

  it('keeps a count that fits the line as said', () => {
    expect(countInLineUnits(74, line('Natural stopper, per thousand'))).toBe(74)
    expect(countInLineUnits(6, line('Valves'))).toBe(6)
  })

  it('keeps a count it cannot convert: no pack size, not a whole pack, or still more than billed', () => {
    expect(countInLineUnits(74_000, line('Natural stopper'))).toBe(74_000)
    expect(countInLineUnits(75, line('Gloves, box of 50', 10))).toBe(75)
    expect(countInLineUnits(90_000, line('Natural stopper, per thousand'))).toBe(90_000)
  })

  it('reads part of a thousand or a hundred exactly: a price per thousand is no pack', () => {
    expect(countInLineUnits(74_500, line('Natural stopper, per thousand'))).toBe(74.5)
    expect(countInLineUnits(1_250, line('Printed sleeves (per 1,000)', 40))).toBe(1.25)
    expect(countInLineUnits(350, line('Labels, per hundred', 10))).toBe(3.5)
  })
})

describe('priceInLineUnits', () => {
  const perM = { sku: 'CARD', description: 'Business cards, per M', unitPrice: '46.00' }
  it('reads a piece price as the pack price when only that reading is near the line’s price', () => {
    expect(priceInLineUnits('0.0420', perM)).toBe('42')
    expect(priceInLineUnits('0.05', { ...perM, description: 'Labels /1000' })).toBe('50')
    expect(priceInLineUnits('0.38', { sku: 'TAG', description: 'Tags, per hundred', unitPrice: '40.00' })).toBe('38')
    // "per thousand" in the ledger's own language, the thousand grouped with a dot or a space.
    expect(
      priceInLineUnits('2.15', { sku: 'LID', description: 'Låg 90 mm, pr. 1.000 stk.', unitPrice: '2300.00' }),
    ).toBe('2150')
    expect(priceInLineUnits('0.61', { sku: 'BAG', description: 'Sachets, par 1 000', unitPrice: '640.00' })).toBe('610')
    expect(priceInLineUnits('1.85', { sku: 'POD', description: 'Coffee pods, box of 50', unitPrice: '96.00' })).toBe(
      '92.5',
    )
  })

  it('keeps a price already in the line’s units, or a line sold by the piece', () => {
    expect(priceInLineUnits('42.00', perM)).toBe('42.00')
    expect(priceInLineUnits('0.042', { sku: 'CARD', description: 'Business card', unitPrice: '0.046' })).toBe('0.042')
  })
})

describe('a measure in the description is no pack', () => {
  it.each([
    ['Towel 50x90 500 g/m² white, carton of 50 pcs', 2000, 40],
    ['Felt 300 g/m2, roll', 12, 12],
  ])('reads the pack of %j', (description, said, expected) => {
    expect(countInLineUnits(said, { sku: 'X', description, quantity: 40 })).toBe(expected)
  })
})

describe('countInLineUnits with the word counted in', () => {
  it('reads containers the description sizes in the unit it bills per', () => {
    expect(countInLineUnits(2, line('Hydraulic oil, per litre (jerrycan 25 L)', 200), 'jerrycans')).toBe(50)
    expect(countInLineUnits(3, line('Basmati rice, per kg, 10 kg sack', 500), 'sacks')).toBe(30)
    expect(countInLineUnits(1, line('Wire, per metre, reel of 100 m', 400), 'reel')).toBe(100)
  })

  it('keeps the count when the container is not sized in the billed unit, or is what the line bills', () => {
    expect(countInLineUnits(2, line('Napkins, bale of 24 packs', 30), 'bales')).toBe(2)
    expect(countInLineUnits(2, line('Diesel, per litre', 900), 'drums')).toBe(2)
    expect(countInLineUnits(4, line('Cement, per bag (bag 50 kg)', 200), 'bags')).toBe(4)
    expect(countInLineUnits(9, line('Hydraulic oil, per litre (jerrycan 25 L)', 200), 'jerrycans')).toBe(9)
  })
})

describe('a count in another word than the line bills in', () => {
  it('is the one container the description sizes, when fewer than one holds and they fit the bill', () => {
    expect(countInLineUnits(2, line('Gear oil, per litre (drum 208 L)', 832), 'barrels')).toBe(416)
    expect(countInLineUnits(3, line('Rice, per kg, 25 kg sack', 500), 'bags')).toBe(75)
  })

  it('keeps it where the word is the unit billed, no container is sized, or the count fits as said', () => {
    expect(countInLineUnits(2, line('Gear oil, per litre (drum 208 L)', 832), 'litres')).toBe(2)
    expect(countInLineUnits(2, line('Gear oil, per litre (drum 208 L, tote 1000 L)', 3000), 'barrels')).toBe(2)
    expect(countInLineUnits(300, line('Gear oil, per litre (drum 208 L)', 832), 'barrels')).toBe(300)
    expect(countInLineUnits(2, line('Gear oil, per litre (drum 208 L)', 832))).toBe(2)
  })
})

describe('a count whose units are unclear on a line billed per a measure', () => {
  const cartons = line('Motor oil 10W-40, per litre (carton 6 x 1 L = 6 L)', 600)
  it('converts packs the description works out, and asks about those it gives no size for', () => {
    expect(countInLineUnits(5, cartons, 'cartons')).toBe(30)
    expect(countInLineUnits(5, cartons, 'ctns')).toBe(30)
    expect(unitsUnclear(5, 'cartons', cartons)).toBe(false)
    expect(unitsUnclear(2, 'drums', line('Solvent, per litre', 400))).toBe(true)
  })

  it('asks about a bare count smaller than one container, never about one said in the unit billed', () => {
    expect(unitsUnclear(4, undefined, cartons)).toBe(true)
    expect(unitsUnclear(40, undefined, cartons)).toBe(false)
    expect(unitsUnclear(4, 'litres', cartons)).toBe(false)
    expect(unitsUnclear(4, undefined, line('Bolts M8, box of 50', 20))).toBe(false)
  })
})

describe('a container the description sizes in what the line counts', () => {
  it('is that many of them: "36 cases per pallet" is no price per pallet', () => {
    expect(countInLineUnits(3, line('Paper cups, case of 1,000; 36 cases per pallet', 144), 'pallets')).toBe(108)
    expect(countInLineUnits(3, line('Paper cups, case of 1,000; 36 cases per pallet', 100), 'pallets')).toBe(3)
  })
})

describe('a line whose description says the packs that make its quantity', () => {
  const line = {
    line: 1,
    sku: 'HYD-46',
    description: 'Hydraulic oil HV46 (9 x 20 L)',
    quantity: 180,
    unitPrice: '3.10',
  }
  it('bills in that measure: its packs are counted in it', () => {
    expect(countInLineUnits(7, line, 'pails')).toBe(140)
  })
  it('asks how many litres a bare count is when fewer than one pack holds', () => {
    expect(unitsUnclear(7, undefined, line)).toBe(true)
  })
  it('names its packs only when they make the quantity billed', () => {
    expect(packsOf(line)).toEqual({ count: 9, size: 20, unit: 'L' })
    expect(packsOf({ ...line, quantity: 200 })).toBeUndefined()
  })
})
