import { describe, expect, it } from 'vitest'
import { extractFacts } from './facts.ts'
import { findInvoicePick } from './invoice-clues.ts'

const read = (text: string) => extractFacts(text, { today: '2026-06-20' }).facts

describe('a payment quoted by its transfer, and one refused', () => {
  it.each([
    ['their bookkeeper gave the EFT of 3 June, ref ACME EFT 7710', '7710'],
    // A check: said with "paid", read before the transfer's own words were known.
    ['paid by BACS on the 4th, reference QRT 55120', '55120'],
  ])('an electronic transfer names the payment’s reference: %j', (text, part) => {
    expect(read(text).paymentReference).toContain(part)
  })

  it.each([
    'Subject: overdue account, ref CC/4410. We have not paid 7712 because it is wrong.',
    // A check: a refusal the readers knew before.
    'Re: reminder, ref RM/5512 - they are not paying 7712 until the pallets are credited',
  ])('a reference beside a payment not made is no payment’s: %j', (text) => {
    expect(read(text).paymentReference).toBeUndefined()
  })
})

describe('ordinals that label two invoices', () => {
  it('say which is which, not which is disputed', () => {
    expect(findInvoicePick('the second one is 4410, the first was 4402', '2026-05-20')).toBeUndefined()
  })
})
