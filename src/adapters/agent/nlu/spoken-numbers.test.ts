import { describe, expect, it } from 'vitest'
import { spokenDigits, spokenInvoiceNumbers } from './spoken-numbers.ts'

describe('numbers said digit by digit', () => {
  it.each([
    [
      'the one of the 3rd, zero zero four two, and the later one zero zero five nine',
      'the one of the 3rd, 0042, and the later one 0059',
    ],
    ['call back on oh seven nine one two', 'call back on 07912'],
    ['facture zéro zéro huit', 'facture 008'],
    ['one or two boxes', 'one or two boxes'],
  ])('%j reads %j', (text, read) => {
    expect(spokenDigits(text)).toBe(read)
  })
})

describe('an invoice number said in French words', () => {
  it.each([
    ['pour la facture k2 zéro zéro soixante-douze, les sacs', 'pour la facture k2 0072, les sacs'],
    ['la facture mars 26 zéro quatre-vingt-quinze est fausse', 'la facture mars 26 095 est fausse'],
    // A number and a count after it, or a lone word, stay as said.
    ['la facture douze trois cartons sont abîmés', 'la facture douze trois cartons sont abîmés'],
    ['on a payé vingt-deux mille francs', 'on a payé vingt-deux mille francs'],
  ])('%j reads %j', (text, read) => {
    expect(spokenInvoiceNumbers(text)).toBe(read)
  })
})
