import { describe, expect, it } from 'vitest'
import { reasonFeatures } from './reason-features.ts'

const unigrams = (text: string): string[] => reasonFeatures(text).filter((f) => !f.includes(' ') && !f.includes(':'))

describe('reasonFeatures negation scope', () => {
  it.each([
    ["I don't think it's the price", '~price'],
    ['no damage this time', '~damage'],
    ["they aren't disputing the VAT", '~vat'],
    ['the tax is fine', '~tax'],
    ["we don't think it was damaged", '~damage'],
  ])('marks the reason a sentence rules out: %j has %s', (text, feature) => {
    expect(unigrams(text)).toContain(feature)
  })

  it.each([
    ["they don't think they owe the interest", 'interest'],
    ["they don't believe they should pay the penalty", 'penalty'],
    ['the engineer never arrived', 'arrive'],
    ["the crew didn't turn up on the 3rd", 'turn'],
  ])('leaves a negated event unmarked, because it is the claim: %j has %s', (text, feature) => {
    const words = unigrams(text)
    expect(words).toContain(feature)
    expect(words).not.toContain(`~${feature}`)
  })
})
