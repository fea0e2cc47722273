import { describe, expect, it } from 'vitest'
import { FROM_HEADER } from './pasted-text.ts'
import { understand } from './understand.ts'

const context = { today: '2026-05-20', customers: [], hasDispute: false }
const amountOf = (text: string) => understand(text, context).facts.amount

describe('figures quoted from a pasted thread', () => {
  it.each([
    [
      'Morrow Ltd want 180 back on INV-7710.\n> On 2 Apr 2026, Dana Reyes wrote:\n> Confirming the agreed fee of £2,400.00 for the year.',
      '180.00',
    ],
    [
      'customer says they are owed 355.00 on INV-6120\n> Per our contract the total came to $9,940.00 for the quarter.',
      '355.00',
    ],
    [
      'Disputing $72.10 of the freight on INV-2204.\n\nOn Tue, 3 Mar 2026 at 09:14, Sam Lee <sam@hollis.co.uk> wrote:\n> The contract rate is $1,850.00 a month as agreed.',
      '72.10',
    ],
    [
      'they want £95 credited, see the thread\n-----Original Message-----\nFrom: Priya Shah\nSent: 2 March 2026\nSubject: pricing\nOur quote was £3,200.00 for the lot.',
      '95.00',
    ],
    ['Hollis short-paid INV-5512 by 410.00\n>> Annual contract value is 48,000.00 USD\n>> signed 1 Jan', '410.00'],
  ])('takes the amount from the specialist, not the thread, in %j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })

  it.each([
    ['Service complaint on INV-7002, their note:\n> the full annual fee of $1,100.00 was agreed at renewal'],
    [
      'INV-3301 freight dispute\n> On 4 May, Jo Park wrote:\n> Total for the year comes to $6,400.00 under the framework.',
    ],
    [
      'Fenwick query INV-2290, pasting the old thread\n> From: Ana Ruiz\n> Sent: 3 March\n> The full balance of 7,250.00 EUR is due on the 30th.',
    ],
    [
      'Hi, escalating INV-8120 for Dunmore.\n\nOn Thu, 7 May 2026 at 16:02, Accounts <ap@dunmore.ie> wrote:\n> Our total spend with you this year is €48,000.00\n> Thanks',
    ],
    ['INV-3301 is disputed on the freight\n> On 4 May, Jo Park wrote:\n> The agreed freight price is $640.00 a load.'],
    ['Grant & Co dispute INV-5120, the thread they sent:\n> the full contract value is £4,310.00 for the year'],
  ])('reads no disputed amount from a price quoted in the thread in %j', (text) => {
    expect(amountOf(text)).toBeUndefined()
  })

  it.each([
    [
      'they are disputing the amount in their note below\n> we were overcharged by $312.40 on the last invoice',
      '312.40',
    ],
    [
      'INV-1180: the figure they quote below is what they want back\n> please credit 1,040.00 for the missing pallets',
      '1040.00',
    ],
    [
      'see the credit they ask for below\n> On 3 May, Kim wrote:\n> we want £260.00 credited for the late delivery',
      '260.00',
    ],
    ['the amount they want is in the quote\n> Refund 88.00 EUR for the broken part', '88.00'],
    ['their figure below is right, go with it\n> we are disputing $1,975.00 on INV-4412', '1975.00'],
    [
      'Passing on a note from the manager at the Lakeview Inn:\n\n> Re: invoice 8812\n> The grease trap service on 9 May was rushed and three days on the kitchen still smelled. So they are not paying for this one: L 412.50 incl. ISV. Other visits no problem.\n> Tom Hale, Purchasing',
      '412.50',
    ],
  ])('takes a thread figure when the specialist points to it in %j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
})

describe('the "From:" line of a pasted message in other languages', () => {
  it.each(['Da: Marco Rossi', 'Van: Jan de Vries', 'Od: Petra Nováková', 'Från: Eva Lund'])('%j begins one', (line) => {
    expect(FROM_HEADER.test(line)).toBe(true)
  })

  it('needs a sender after the colon', () => {
    expect(FROM_HEADER.test('Van:')).toBe(false)
  })
})
