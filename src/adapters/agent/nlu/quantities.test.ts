import { describe, expect, it } from 'vitest'
import { extractFacts } from './facts.ts'

const today = '2026-05-20'
const read = (text: string) => extractFacts(text, { today }).facts

describe('counts of goods and visits in any wording', () => {
  it.each([
    ['six of the 30 chairs never turned up', { quantityAffected: 6, quantityBilled: 30 }],
    ["they're missing seven of the twenty boxes", { quantityAffected: 7, quantityBilled: 20 }],
    ['twenty-four of the 40 bags were torn', { quantityAffected: 24, quantityBilled: 40 }],
    ['fifteen of the sixty lamps were faulty', { quantityAffected: 15, quantityBilled: 60 }],
    ['3 of the 12 crates did not arrive', { quantityAffected: 3, quantityBilled: 12 }],
    ['nine of the 50 panels were missing from the drop', { quantityAffected: 9, quantityBilled: 50 }],
    ['they dispute 7 of the 20 cabinets, the doors were cracked', { quantityAffected: 7, quantityBilled: 20 }],
  ])('reads %j as the part affected of the part billed', (text, expected) => {
    const f = read(text)
    expect(f).toMatchObject(expected)
    expect(f.quantityReceived).toBeUndefined()
  })

  it.each([
    ['only 2 of the 4 visits took place', { quantityReceived: 2, quantityBilled: 4 }],
    ['just three of the five site visits happened', { quantityReceived: 3, quantityBilled: 5 }],
    ['the engineer only came out twice out of the four booked', { quantityReceived: 2, quantityBilled: 4 }],
    ['we billed 40 but only thirty-two were delivered', { quantityReceived: 32, quantityBilled: 40 }],
    ['they received forty-five of the sixty', { quantityReceived: 45, quantityBilled: 60 }],
  ])('reads %j as what was received or rendered of what was billed', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([
    ['short 3 ctns on the last drop', 3],
    ['a dozen arrived smashed', 12],
    ['two dozen cartons missing from the order', 24],
    ['they are short by eleven bags', 11],
    ['twenty-one tiles came cracked', 21],
    ['half a dozen mugs were chipped', 6],
  ])('reads %j as %i units affected', (text, affected) => {
    expect(read(text).quantityAffected).toBe(affected)
  })
})

describe('counts written in the customer’s language', () => {
  it.each([
    ['Wir haben nur 18 Kartons erhalten, berechnet 20', { quantityReceived: 18, quantityBilled: 20 }],
    ['de leverancier: 4 van de 16 dozen waren kapot', { quantityAffected: 4, quantityBilled: 16 }],
    ['Kunden fick bara 30 lådor, inte 36 som fakturerat', { quantityReceived: 30, quantityBilled: 36 }],
    ['2 af de 9 paller var beskadiget', { quantityAffected: 2, quantityBilled: 9 }],
    ['7 delle 40 confezioni sono arrivate danneggiate', { quantityAffected: 7, quantityBilled: 40 }],
  ])('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
})
