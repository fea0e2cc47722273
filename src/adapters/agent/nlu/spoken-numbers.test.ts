import { describe, expect, it } from 'vitest'
import {
  englishSumsWithCents,
  lettersSpelled,
  partsJoined,
  spokenSums,
  frenchNumberWords,
  spokenDigits,
  spokenInvoiceNumbers,
  spokenInvoiceReferences,
} from './spoken-numbers.ts'

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

describe('an invoice number said in English words', () => {
  it.each([
    ['hi, about the in voice r2 forty one, the crates', 'hi, about the invoice R2 41, the crates'],
    ['invoice q9 six two is short by 3 bags', 'invoice Q9 62 is short by 3 bags'],
    ['your invoice h k l nineteen was paid', 'your invoice HKL 19 was paid'],
    ['bill number three eight one, the hoses', 'bill number 381, the hoses'],
    ['the in voice number nine covers june', 'the invoice number 9 covers june'],
    // Parts said with their separators.
    ['invoice k l m four one dash 0277 dash b is wrong', 'invoice KLM 41-0277-b is wrong'],
    ['invoice r t two slash four four, the pumps', 'invoice RT 2/44, the pumps'],
    // A sum said after the word for the invoice is no number of it.
    ['the whole invoice two hundred and ten thousand naira', 'the whole invoice two hundred and ten thousand naira'],
    ['in voice 5531 is a double', 'invoice 5531 is a double'],
    // A series and a serial, then money said in words: only the serial is the number.
    ['invoice w3 twelve four hundred thousand shillings', 'invoice W3 12 four hundred thousand shillings'],
    // No series and one word, a voice note, words that are no number: as said.
    ['the invoice two weeks ago', 'the invoice two weeks ago'],
    ['in voice note from the depot, invoice 77', 'in voice note from the depot, invoice 77'],
    ['invoice for seven pallets', 'invoice for seven pallets'],
  ])('%j reads %j', (text, read) => {
    expect(spokenInvoiceReferences(text)).toBe(read)
  })
})

describe('numbers said in French words', () => {
  it.each([
    ['quatre sacs à deux mille trois cents, ça fait neuf mille deux cents', '4 sacs à 2300, ça fait 9200'],
    ['un million deux cent quarante mille cinq cents francs', '1,240,500 francs'],
    ['quatre-vingt-dix-sept lames, soixante et onze cartons', '97 lames, 71 cartons'],
    // Cents said after the currency.
    ['ça fait neuf cent douze euros quarante', 'ça fait 912.40 euros'],
    ['deux cents dollars et cinq centimes', '200.05 dollars'],
    // Words of prose in both languages, alone, and a number after a month (a name): as said.
    ['un camion neuf, sept jours', 'un camion neuf, sept jours'],
    ['la facture mai douze', 'la facture mai douze'],
    ['for a cent more', 'for a cent more'],
  ])('%j reads %j', (text, read) => {
    expect(frenchNumberWords(text)).toBe(read)
  })
})

describe('a sum in English words with its cents after the currency', () => {
  it.each([
    ['it comes to four thousand two hundred and ten dollars thirty five each', 'it comes to 4210.35 dollars each'],
    ['nine hundred pounds and six pence', '900.06 pounds'],
    ['five dollars fifty', 'five dollars fifty'],
  ])('%j reads %j', (text, read) => {
    expect(englishSumsWithCents(text)).toBe(read)
  })
})

describe('letters and separators said on the phone', () => {
  it.each([
    ['invoice k as in kilo 205518 please', 'invoice k 205518 please'],
    // Only where the word begins with the letter: "a as in the other" is prose.
    ['a as in the other one', 'a as in the other one'],
  ])('%j reads %j', (text, read) => {
    expect(lettersSpelled(text)).toBe(read)
  })
  it.each([
    ['bill 205518 dot 002 is wrong', 'bill 205518.002 is wrong'],
    ['order 4471 dash 12 came', 'order 4471-12 came'],
    // "point" is a decimal point in a sum said, and money is no identifier.
    ['it was 12 point 50', 'it was 12 point 50'],
    ['paid 1,250.00 dot com', 'paid 1,250.00 dot com'],
  ])('%j reads %j', (text, read) => {
    expect(partsJoined(text)).toBe(read)
  })
})

describe('sums said as prices on the phone, read against the invoice', () => {
  const onInvoice = (figures: string[]) => (v: string) => figures.includes(v)
  it.each([
    // The invoice bills 615: hundreds, and every sum of the message is read so.
    [
      'they billed six fifteen a unit and the list says five ninety',
      ['615.00'],
      'they billed 615.00 a unit and the list says 590.00',
    ],
    // The invoice holds 61.50: cents.
    ['the fee of sixty one fifty is wrong', ['61.50'], 'the fee of 61.50 is wrong'],
    // Hundreds and cents in one: "two forty seven thirty five" is 247.35.
    ['credit two forty seven thirty five please', ['247.35'], 'credit 247.35 please'],
    // A count before a sum is a number of its own ("nine" then "three ten").
    ['nine at three ten each', ['310.00'], 'nine at 310.00 each'],
    ['times nine three ten', ['310.00'], 'times nine 310.00'],
    // A sum not on the invoice, followed by what it counts, is a count and a name ("the 12 of the 40X").
    ['the twelve forty x filters at three ten each', ['310.00'], 'the twelve forty x filters at 310.00 each'],
    // "and" after a sum is the next thing said, not a number said in full.
    ['four at six twenty and the tax', ['6.20'], 'four at 6.20 and the tax'],
  ])('%j with %j reads %j', (text, figures, read) => {
    expect(spokenSums(text, onInvoice(figures))).toBe(read)
  })
  it.each([
    // Nothing of the invoice confirms a reading: as said.
    ['they billed six fifteen a unit', ['42']],
    // Numbers said in full belong to their own readers.
    ['six fifteen thousand dollars', ['615.00', '615000']],
    ['two hundred six fifteen', ['615.00']],
  ])('%j stays as said against %j', (text, figures) => {
    expect(spokenSums(text, onInvoice(figures))).toBe(text)
  })
})
