import { describe, expect, it } from 'vitest'
import {
  feeAgainstFees,
  affectedInBilledMeasure,
  countsAgainstLines,
  heldBack,
  lineAtPriceSaid,
  pricesAgainstLines,
  saysShortPaid,
} from './figures-against-lines.ts'
import { toDecimal } from '../../core/money.ts'

const lines = [
  { line: 1, quantity: 360, unitPrice: '12.40' },
  { line: 2, quantity: 1, unitPrice: '85.00' },
]

describe('counts read against the lines, in words no rule knows', () => {
  it.each([
    ['300 cajas nomás llegaron, 360 ang naka-bill sa invoice'],
    ['Lieferschein: 300 Stück gezählt. Rechnung: 360.'],
    ['360 laskutettu, 300 vastaanotettu'],
  ])('reads %j as 300 against the 360 line 1 bills', (text) => {
    expect(countsAgainstLines(text, lines)).toMatchObject({ received: 300, billed: 360, line: 1 })
  })

  it.each([
    ['a figure no line bills', 'they counted 300, we said 350'],
    ['the billed count alone', '360 arrived in good order'],
    ['two other figures', '300 or 320 arrived of 360'],
    ['a day of the month, not a count', 'delivered 12/03, 360 billed'],
    ['money, not a count', '€300 of the 360 line'],
    ['a figure far smaller than the billed count', 'the 3rd pallet of 360 was late, 20 left'],
    ['a negation, which may make the figure the units missing', '300 of the 360 never came'],
    ['a negation in another language', '300 der 360 sind nicht angekommen'],
  ])('reads nothing from %s', (_what, text) => {
    expect(countsAgainstLines(text, lines)).toBeUndefined()
  })
})

describe('a count corrected further on, after a comma', () => {
  it.each([
    ['ils disent qu’on a changé seulement 5 pneus au dépôt fin mars, pas 8', 8, 5],
    ['we only had 11 loads picked up last week, not 14', 14, 11],
  ])('%j is %d billed against %d', (text, billed, received) => {
    expect(countsAgainstLines(text, [{ line: 1, quantity: billed, unitPrice: '40.00' }])).toMatchObject({
      billed,
      received,
    })
  })
  it('a count said missing still reads nothing ("5 of the 8 never came")', () => {
    expect(
      countsAgainstLines('5 of the 8 tyres never came back from the depot', [
        { line: 1, quantity: 8, unitPrice: '40.00' },
      ]),
    ).toBeUndefined()
  })
})

describe('counts in a measure, with decimals or grouped in thousands, read against the lines', () => {
  const line = (quantity: number) => [
    { line: 1, quantity, unitPrice: '19.00' },
    { line: 2, quantity: 900, unitPrice: '4.50' },
  ]
  it.each([
    ['facturaron 312.4 t de descarga; la báscula del muelle marcó 305.9', 312.4, 305.9],
    ['na fakturze 18,75 t, nasza waga pokazała 18,20 t', 18.75, 18.2],
    ['bill says 7,200 dozen, we counted 6,950 dozen on receipt', 7200, 6950],
    ['tika piegādātas 11 t, bet rēķinā 12,5', 12.5, 11],
    ['the sheet bills 2,340 man-hours; their gate log adds up to 2,296 and the gap is 44', 2340, 2296],
  ])('%j is %d billed against %d', (text, billed, received) => {
    expect(countsAgainstLines(text, line(billed))).toMatchObject({ billed, received, line: 1 })
  })
  it('leaves out the invoice said by its serial ("en la 305"), which is no count', () => {
    const text = 'en la 305 nos cobran 512.5 t y nuestra báscula marca 498.0'
    expect(countsAgainstLines(text, line(512.5))).toBeUndefined()
    expect(countsAgainstLines(text, line(512.5), 'TR-0305')).toMatchObject({ billed: 512.5, received: 498 })
  })
  it.each([
    ['money beside the billed measure', 'you billed 312.4 t, we only want to pay €305.90', 312.4],
    ['a figure far below the billed measure', 'of the 312.4 t billed, 14.4 t were wet', 312.4],
  ])('reads nothing from %s', (_what, text, billed) => {
    expect(countsAgainstLines(text, line(billed))).toBeUndefined()
  })
})

describe('prices read against the lines, in words no rule knows', () => {
  it.each([
    ['単価 12,40 ではなく 11,90 のはずです', 'EUR', '11.90'],
    ['cena 11.90 miała być, jest 12.40', 'EUR', '11.90'],
  ])('reads %j as 11.90 against the 12.40 line 1 bills', (text, currency, expected) => {
    expect(pricesAgainstLines(text, lines, currency)).toEqual({ expected, billed: '12.40', line: 1 })
  })

  it.each([
    ['3 pallets × 4 days × 12.40 = 148.80 + VAT 10.42 = 159.22'],
    ['148,80 net, IVA: 10,42, total 159,22 at 12,40 each'],
  ])('reads no price from a tax amount near the billed one: %j', (text) => {
    expect(pricesAgainstLines(text, lines, 'EUR')).toBeUndefined()
  })

  it.each([
    ['contract 11 900 per unit, billed 12 400', '11900.00'],
    ['agreed 11.900/pc but the bill says 12.400/pc', '11900.00'],
  ])('reads %j with grouping by a space or a dot, and a price per unit', (text, expected) => {
    const dear = [{ line: 1, quantity: 8, unitPrice: '12400.00' }]
    expect(pricesAgainstLines(text, dear, 'IDR')).toEqual({ expected, billed: '12400.00', line: 1 })
  })

  it('reads grouped figures in a currency of no minor digits', () => {
    const won = [{ line: 1, quantity: 10, unitPrice: '48500' }]
    expect(pricesAgainstLines('단가 48,500원이 아니라 46,000원', won, 'KRW')).toEqual({
      expected: '46000',
      billed: '48500',
      line: 1,
    })
  })

  it.each([
    ['no figure the invoice prices', 'should be 11.90, not 12.90'],
    ['the billed price alone', '12.40 is what the invoice shows'],
    ['another figure far from the price', '12.40 each, 4,460.00 in all'],
  ])('reads nothing from %s', (_what, text) => {
    expect(pricesAgainstLines(text, lines, 'EUR')).toBeUndefined()
  })

  it.each([
    'please credit one visit: 480,00 € + VAT 24 % = 595,20 €',
    'bitte eine Anfahrt gutschreiben, 480 EUR zzgl. 24 % = 595,20 EUR',
  ])('reads no second price from the billed price worked out with its tax: %j', (text) => {
    const taxed = [{ line: 1, quantity: 4, unitPrice: '480.00', taxRate: '0.24' }]
    expect(pricesAgainstLines(text, taxed, 'EUR')).toBeUndefined()
  })
})

describe('the line a price said is billed at', () => {
  const three = [
    { line: 1, quantity: 50, unitPrice: '640.00' },
    { line: 2, quantity: 20, unitPrice: '1180.00' },
    { line: 3, quantity: 1, unitPrice: '-900.00' },
  ]
  it.each([
    ['naplaćeno 1.180,00 po komadu, a dogovoreno 1.100,00'],
    ['they were charged 1,180.00 each where the quote had 1,100.00'],
  ])('names the one line billed at it in %j', (text) => {
    expect(lineAtPriceSaid(text, three, 'EUR')).toBe(2)
  })

  it('names none when the message says the prices of two lines', () => {
    expect(lineAtPriceSaid('640.00 is right, 1,180.00 should be 1,100.00', three, 'EUR')).toBeUndefined()
  })
})

describe('what a short payment held back, read against the invoice', () => {
  const open = { minor: 4_812_50n, currency: 'EUR' }
  it.each([
    ['Their transfer came in short: they paid €4,500.00 against the invoice, note says 3 CASES BROKEN', '312.50'],
    ['Le client a réglé avec une retenue : virement de 4 600,00 € pour la facture', '212.50'],
  ])('%j', (text, held) => {
    const h = heldBack(text, open)
    expect(h && toDecimal(h)).toBe(held)
  })
  it('is nothing without words of a short payment, or with a payment not below the invoice', () => {
    expect(heldBack('they paid €4,500.00 on Monday', open)).toBeUndefined()
    expect(heldBack('short-paid? no, they paid €4,812.50 in full', open)).toBeUndefined()
  })
})

describe('a deduction said outright', () => {
  const open = { minor: 4_812_50n, currency: 'EUR' }
  it.each([
    ['Müller short-paid 0455 by 312,50 € - 5 cases arrived wet', '312.50'],
    ['Remittance: paid 4,500.00, deducted €312.50, note "5 CASES WET"', '312.50'],
    ['Kestrel paid 0455 except €312.50, the crate hire they say nobody booked', '312.50'],
  ])('%j is the deduction, never the invoice number after "paid"', (text, held) => {
    const h = heldBack(text, open)
    expect(h && toDecimal(h)).toBe(held)
  })
  it.each(['the second van was short by 14 crates', 'the pallet came short by 6 drums, they want them credited'])(
    'is never a count of goods: %j',
    (text) => {
      expect(heldBack(text, open)).toBeUndefined()
    },
  )
})

describe('a payment of part', () => {
  it.each([
    'they paid everything except the crane hire',
    'Kestrel paid only the goods and left the handling open',
    'the parts are paid; only the call-out fee is still open',
  ])('is a short payment, never a claim of having paid: %j', (text) => {
    expect(saysShortPaid(text)).toBe(true)
  })
  it('is not read into a plain payment', () => {
    expect(saysShortPaid('they paid 0455 in full on Monday')).toBe(false)
  })
})

describe('counts with their difference said too', () => {
  it('takes the count, not the difference, and never the first group of a spaced figure', () => {
    const lines = [{ line: 1, quantity: 16, unitPrice: '7 400' }]
    expect(countsAgainstLines('16 tuntia laskulla, paikalla 13 h, erotus 3 tuntia à 7 400', lines)).toMatchObject({
      received: 13,
      billed: 16,
      line: 1,
    })
  })
})

describe('whether the two counts are of one thing', () => {
  const lines = (quantity: number) => [{ line: 1, quantity, unitPrice: '10.00' }]
  it.each([
    ['the bill says 8 shifts but the roster only has 6 shifts', 8, true],
    ['returned on the 12th, so 19 days not 30', 30, true],
    ['the order of 40 jars came with payment terms of 30 days', 40, false],
  ])('%j: %s', (text, billed, same) => {
    expect(countsAgainstLines(text, lines(billed))?.sameUnit).toBe(same)
  })

  it('reads no count in a group of a spaced figure or a price multiplied', () => {
    expect(countsAgainstLines('both bill 300 kg, both come to 8 125 dinars', lines(300))).toBeUndefined()
    expect(countsAgainstLines('45 nights billed, 45 × 30 = 1 350', lines(45))).toBeUndefined()
  })
})

describe('counts spelled out, in English or another language', () => {
  const lines = (quantity: number) => [{ line: 1, quantity, unitPrice: '10.00' }]
  it.each([
    ['the invoice bills twelve pallet moves, the yard book shows ten', 12, 10],
    ['Die Rechnung zählt zwölf Paletten, angekommen sind zehn Paletten.', 12, 10],
    ['facturé: huit passages; réalisés: cinq passages', 8, 5],
  ])('%j: %i billed, %i held', (text, billed, received) => {
    expect(countsAgainstLines(text, lines(billed))).toMatchObject({ billed, received })
  })

  it('never reads a month abbreviation as a count', () => {
    expect(countsAgainstLines('on 9 sept they took 12 drums', lines(12))).toBeUndefined()
    expect(countsAgainstLines('am 14 Okt. kamen die 40 Kartons', lines(40))).toBeUndefined()
    expect(countsAgainstLines('12 out of the 20 arrived', lines(20))).toMatchObject({ received: 12 })
  })
})

describe('the count affected said again in the measure a line bills per', () => {
  const oil = [
    { line: 1, quantity: 960, unitPrice: '2.150', description: 'Gear oil 80W-90, per litre (carton 6 x 5 L)' },
  ]
  it.each([
    ['5 cartons came short, so 150 litres', { count: 150, unit: 'litres' }],
    ['2 ctn arrived leaking, 60 L to credit', { count: 60, unit: 'L' }],
  ])('%j is %j', (text, expected) => {
    expect(affectedInBilledMeasure(text, oil)).toEqual(expected)
  })

  it.each([
    ['5 cartons came short'],
    ['5 cartons short, 150 litres or maybe 120 litres'],
    ['all 960 litres are wrong'],
  ])('is none in %j (no measure said, two said, or no fewer than billed)', (text) => {
    expect(affectedInBilledMeasure(text, oil)).toBeUndefined()
  })

  it('is none on lines billed per piece', () => {
    expect(
      affectedInBilledMeasure('5 cartons short, 150 litres', [
        { line: 1, quantity: 40, unitPrice: '9.00', description: 'Filters' },
      ]),
    ).toBeUndefined()
  })

  it('is the pieces said of lines billed per piece', () => {
    const swabs = [{ line: 1, quantity: 2000, unitPrice: '0.85', description: 'Sterile swabs (20 packs of 100)' }]
    expect(affectedInBilledMeasure('3 packs got crushed, 300 pcs we cannot use', swabs)).toEqual({
      count: 300,
      unit: 'pcs',
    })
    expect(affectedInBilledMeasure('3 packs got crushed', swabs)).toBeUndefined()
  })
})

describe('a count billed whole against a measure with a decimal comma', () => {
  it('reads the measure as what came ("20 t billed, 19,2 t weighed")', () => {
    const lines = [{ line: 1, quantity: 24, unitPrice: '410.00' }]
    expect(countsAgainstLines('ważone na granicy: 22,8 t z 24 t', lines)).toMatchObject({ received: 22.8, billed: 24 })
  })
})

describe('a fee the message names by its figure', () => {
  const fees = [{ type: 'other' as const, amount: '1.000', description: 'Stamp duty' }]
  const lines = [{ line: 1, sku: 'COLD-PAL', quantity: 140, unitPrice: '28.500' }]
  it('is never the first digit of a figure grouped by spaces', () => {
    expect(feeAgainstFees('they want 30 pallets off: 1 017,450 dinars', fees, lines, 'TND')).toBe(undefined)
  })
  // A check: named so before grouped figures were read whole.
  it('is the fee at its own figure', () => {
    expect(feeAgainstFees('remove the 1.000 stamp duty', fees, lines, 'TND')).toEqual(fees[0])
  })
})

describe('a currency’s letter written onto a figure', () => {
  it('reads the figure after it ("Q98.00") as money set against the line', () => {
    const lines = [{ line: 1, quantity: 40, unitPrice: '98.00' }]
    expect(pricesAgainstLines('nos cobraron Q98.00 la pieza y siempre fue Q92.00', lines, 'GTQ')).toEqual({
      expected: '92.00',
      billed: '98.00',
      line: 1,
    })
  })
})

describe('the sum claimed beside two figures near the billed price', () => {
  it('is the claim, and the other figure the price held', () => {
    const lines = [{ line: 1, quantity: 12, unitPrice: '640.00' }]
    const text = 'billed at 640, their order says 610, so 432 with tax'
    expect(pricesAgainstLines(text, lines, 'TRY')).toBeUndefined()
    expect(pricesAgainstLines(text, lines, 'TRY', '432.00')).toEqual({ expected: '610.00', billed: '640.00', line: 1 })
  })
})

describe('a count said beside the price a line bills', () => {
  const lines = [
    { line: 1, sku: 'ATTEND', unitPrice: '260.00', quantity: 1 },
    { line: 2, sku: 'PAGES', unitPrice: '3.95', quantity: 260 },
  ]
  it('is a count of pages, not the price of the line billed at that figure', () => {
    expect(lineAtPriceSaid('transcript 260 pp billed at 3.95 a page', lines, 'USD')).toBe(2)
  })
})
