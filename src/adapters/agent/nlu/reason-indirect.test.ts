import { describe, expect, it } from 'vitest'
import { classifyReason } from './classify-reason.ts'

// Wordings nobody wrote into the training phrasings, patterns or test set: indirect words for a
// reason, and reasons named only to be ruled out. Written for this test.
const INDIRECT: Record<string, [string, string][]> = {
  'interest for a late fee': [
    ['they are refusing the interest on the March invoice', 'late_fee'],
    ['why did we add interest? they paid before the due date', 'late_fee'],
    ['customer wants the interest line taken off, the delay was our fault', 'late_fee'],
    ['the 1.5% interest for paying after 30 days is not in their terms of sale', 'late_fee'],
    ['interest accrued while the invoice was on hold, they say that is unfair', 'late_fee'],
  ],
  'goods that never turned up': [
    ['the spare blades never turned up, yet they are on the bill', 'quantity_discrepancy'],
    ['two of the crates never arrived at the warehouse', 'quantity_discrepancy'],
    ['their order of gaskets never arrived but we invoiced it', 'quantity_discrepancy'],
    ['the second pallet of bricks never turned up on site', 'quantity_discrepancy'],
    ['they have been billed for toner cartridges that never arrived', 'quantity_discrepancy'],
  ],
  'fewer visits than billed': [
    ['only two of the four visits took place this quarter', 'service_not_rendered'],
    ['just three of the eight pest control visits were made', 'service_not_rendered'],
    ['we billed five site visits, the engineer came out twice', 'service_not_rendered'],
    ['only one of the two lift inspections happened in May', 'service_not_rendered'],
    ['they had four of the six coaching calls, the rest never took place', 'service_not_rendered'],
  ],
  'damage in plain words': [
    ['the trolleys are knackered, wheels hanging off', 'damaged_goods'],
    ['the table tops were wobbling and the brackets bent', 'damaged_goods'],
    ['half the railings came bent and twisted', 'damaged_goods'],
    ['every stool we sent is wobbling, the welds gave way', 'damaged_goods'],
    ['the ladders were bent out of shape when the driver unloaded them', 'damaged_goods'],
  ],
  'payment terms': [
    ['they are on 45 days and we put 30 days on the invoice', 'contract_terms'],
    ['the invoice asks for payment in 30 days instead of 45', 'contract_terms'],
    ['terms should be 60 days from invoice, we printed 14', 'contract_terms'],
    ['our invoice says due on receipt but the agreement gives them 30 days', 'contract_terms'],
    ['the due date is wrong, their agreed terms are end of month plus 45', 'contract_terms'],
  ],
  'a new billing entity': [
    ['please reissue it to our new entity', 'other'],
    ['can it be reissued to the new company, we restructured in June', 'other'],
    ['the invoice needs to go to their new legal entity after the merger', 'other'],
    ['reissue the invoice in the name of the parent group', 'other'],
    ['they moved the contract to a new entity and need the invoice redone', 'other'],
  ],
  'a reason ruled out': [
    ["it's not the price, it's the quantity: 40 came, we billed 48", 'quantity_discrepancy'],
    ['no damage this time, the crates were simply never delivered', 'quantity_discrepancy'],
    ["the rate's correct, but the same delivery is on two invoices", 'duplicate_billing'],
    ["they aren't arguing about the VAT, they say they paid it already", 'already_paid'],
    ['if it were broken they would send photos; the issue is the unit price is above the contract', 'pricing_error'],
    ['not a duplicate - the engineer never came', 'service_not_rendered'],
  ],
  'as a voice note tells it': [
    ['the rigger only came 3 days on the job, not 5', 'service_not_rendered'],
    ["votre technicien n'était pas présent mardi et mercredi, on conteste ces journées", 'service_not_rendered'],
    ['our lease with your company started on the 10th so the first week is not ours', 'contract_terms'],
    ['the cement bags all wet, cannot use them, make credit', 'damaged_goods'],
    ['twelve cartons soak water in the yard and the labels fall off', 'damaged_goods'],
    ['the night supervisor was absent on the 3rd and the 4th, take those shifts off', 'service_not_rendered'],
    ['deux des fûts sont arrivés cabossés, on ne peut pas les utiliser', 'damaged_goods'],
    [
      'their porters made our guests wait an hour at check-in twice, service very poor, they want a discount',
      'service_dissatisfaction',
    ],
    ['the light towers were too dim for the night shoot, we will not pay for them', 'service_dissatisfaction'],
  ],
}

describe('classifyReason on words nobody listed', () => {
  for (const [kind, cases] of Object.entries(INDIRECT)) {
    it.each(cases)(`reads ${kind}: %j as %s`, (text, code) => {
      expect(classifyReason(text).code).toBe(code)
    })
  }

  it.each([
    ["it's not the price, it's the quantity", 'pricing_error'],
    ['no damage this time', 'damaged_goods'],
    ['if it had been a duplicate we would have spotted it', 'duplicate_billing'],
    ['the tax is fine', 'tax_error'],
    ['kindly deduct the 40 missing units, i.e. 212.00 inclusive of VAT', 'tax_error'],
    // A price paid before is the price expected, not a payment of this invoice.
    ["vous avez mis 12,40 le kilo, on a toujours payé 11,90 c'est le prix", 'already_paid'],
  ])('never picks the reason a sentence rules out: %j is not %s', (text, ruledOut) => {
    expect(classifyReason(text).code).not.toBe(ruledOut)
  })
})

describe('a guess that rests on how a message is told', () => {
  it.each([
    'hello madam good morning this is my message for you by my phone',
    'hi it is me again from the 4th, by the way call me',
  ])('names no reason: %j', (text) => {
    expect(classifyReason(text).code).toBeNull()
  })
})
