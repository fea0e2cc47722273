/** Percentages a claim puts in question, and those it only says a figure was taken before. */
import { describe, expect, it } from 'vitest'
import { claimedPercents, taxRatesNamed } from './locate-claim.ts'

describe('a rate a figure was said before', () => {
  it.each([
    ['overcharged RM 800 加 SST 10%, 880 in all'],
    ['kelebihan RM 800 tambah SST 10%'],
    ['the difference is 800 plus GST 10%'],
    ['son 800 € más IVA 21%'],
    ['giảm 2.400.000đ (đã gồm VAT 10%)'],
    ['the difference, 800 including GST 10%'],
    ['160,00 € συν ΦΠΑ 24%'],
    ['sono 96,00 € più IVA al 22%, in tutto 117,12 €'],
  ])('is no rate in question: %j', (text) => {
    expect(claimedPercents(text)).toEqual([])
  })

  it('leaves a rate said on its own', () => {
    expect(claimedPercents('they charged 10% SST on an exempt customer')).toEqual(['10'])
  })
})

describe('a percentage asked off', () => {
  it.each([
    ['Wants 15% off = $4,195.20 for the rushed baling', []],
    ['Piden un 10 % de descuento por el retraso', []],
    ['They charged 15% GST and we are exempt', ['15']],
  ])('names no tax rate: %j', (text, rates) => {
    expect(taxRatesNamed(text)).toEqual(rates)
  })
})

describe('a rate that is a term of the working', () => {
  it.each([
    ['chênh 7.500.000đ, cộng VAT 8% là 8.100.000đ', []],
    // Checks: read so before, in English words, and a rate said on its own is still named.
    ['difference 12.000.000, plus VAT 10% is 13.200.000', []],
    ['you charged 21% VAT, we are exempt', ['21']],
  ])('%j names %j', (text, rates) => {
    expect(taxRatesNamed(text)).toEqual(rates)
  })
})
