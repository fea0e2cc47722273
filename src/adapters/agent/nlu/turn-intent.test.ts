import { describe, expect, it } from 'vitest'
import { classifyTurn, fieldAround, readCorrectionPair } from './turn-intent.ts'
import { understand } from './understand.ts'

const customers = [
  { id: 'C-100', name: 'Globex Corporation' },
  { id: 'C-200', name: 'Initech LLC' },
]
const fresh = { today: '2026-03-11', customers, hasDispute: false }
const ongoing = { ...fresh, hasDispute: true }

describe('a claim told before "can you check?"', () => {
  it.each([
    'Harbour Foods say the oil delivery was short. Invoice has 24 tins, they counted 20. Can you check?',
    'the Millbrook team say half the chairs came broken on PO MB-22. Could you look into it?',
  ])('keeps the reason of %j', (text) => {
    const turn = classifyTurn(text, fresh)
    expect(turn.facts.reason?.code).toBeDefined()
    expect(turn.intent).toBe('provide_info')
  })
})

describe('classifyTurn', () => {
  it.each([
    ['I need help with a dispute', 'new_dispute'],
    ['got a new dispute for you', 'new_dispute'],
    ['Globex is disputing INV-1001, unit price is wrong', 'new_dispute'],
    ['customer says they only got 42 of the 50 widget B units', 'new_dispute'],
    ['hi', 'greeting'],
    ['Good morning!', 'greeting'],
    ['what does the contract say?', 'question'],
    ['how long do credit memos take to approve', 'question'],
  ])('reads %j at the start of a conversation as %s', (text, intent) => {
    expect(classifyTurn(text, fresh).intent).toBe(intent)
  })

  it.each([
    ['invoice INV-1002', 'provide_info'],
    ['they are on NetSuite', 'provide_info'],
    ['by Friday please', 'provide_info'],
    ['actually it is 45 units', 'correction'],
    ["sorry, it's INV-1003 not 1002", 'correction'],
    ['Apologies, I gave you the wrong reference: the pallets are on INV-1004', 'correction'],
    ['the clerk read the wrong sheet, it is INV-1005', 'correction'],
    ['make the email firmer', 'email_tone'],
    ['can you make it softer', 'email_tone'],
    ['the email is too harsh', 'email_tone'],
    ['firm it up a bit', 'email_tone'],
    ['request the credit memo', 'request_credit_memo'],
    ['go ahead and raise the credit', 'request_credit_memo'],
    ['pls issue a credit note', 'request_credit_memo'],
    ['write off the rest', 'request_write_off'],
    ["let's write it off", 'request_write_off'],
    ['customer accepted, mark it resolved', 'mark_resolved'],
    ['close the dispute', 'mark_resolved'],
    ['the customer accepted', 'customer_accepted'],
    ['they agreed to the proposal', 'customer_accepted'],
    ['they rejected it', 'customer_rejected'],
    ["customer won't accept that", 'customer_rejected'],
    ['asdf qwerty', 'unknown'],
  ])('reads %j during a dispute as %s', (text, intent) => {
    expect(classifyTurn(text, ongoing).intent).toBe(intent)
  })

  it.each([
    "don't request the credit memo yet",
    'hold off on the credit memo',
    'do not write it off',
    "don't mark it resolved",
  ])('never turns a negated request %j into the action', (text) => {
    expect(['request_credit_memo', 'request_write_off', 'mark_resolved']).not.toContain(
      classifyTurn(text, ongoing).intent,
    )
  })

  it.each([
    ['make the email firmer', 'firm'],
    ['be more direct', 'firm'],
    ['softer please, make the email warmer', 'warm'],
    ['make it friendlier', 'warm'],
    ['make the email neutral', 'neutral'],
  ])('reads the tone asked for in %j', (text, tone) => {
    expect(classifyTurn(text, ongoing).tone).toBe(tone)
  })

  it('restates the received quantity in a bare correction', () => {
    const r = classifyTurn("actually it's 45 units", { ...ongoing, reasonCode: 'quantity_discrepancy' })
    expect(r.intent).toBe('correction')
    expect(r.facts.quantityReceived).toBe(45)
    expect(r.facts.reason).toBeUndefined()
  })

  it('restates the affected quantity when the claim is about damage', () => {
    const r = classifyTurn('sorry, 6 units not 4', { ...ongoing, reasonCode: 'damaged_goods' })
    expect(r.facts.quantityAffected).toBe(6)
  })

  it('reads the one count of a reply as the count affected after a damage claim or work not done', () => {
    expect(classifyTurn('6 cartons', { ...ongoing, reasonCode: 'damaged_goods' }).facts.quantityAffected).toBe(6)
    expect(classifyTurn('3 visits', { ...ongoing, reasonCode: 'service_not_rendered' }).facts.quantityAffected).toBe(3)
    // After a shortage the count could be what came or what is missing: left to the question.
    expect(classifyTurn('3 cartons', { ...ongoing, reasonCode: 'quantity_discrepancy' }).facts.quantityAffected).toBe(
      undefined,
    )
  })

  it('starts a dispute with no facts when asked for help', () => {
    const r = classifyTurn('I need help with a dispute', fresh)
    expect(r.facts.invoiceRefs).toEqual([])
    expect(r.facts.reason).toBeUndefined()
  })

  it.each([
    ["Globex don't recognise the $85 freight charge on INV-1001. Can you check what it is?", 'unrecognized_charge'],
    [
      'Initech have queried the widget price on INV-1002 - we billed 15.60 a unit. Could you look into it please?',
      'pricing_error',
    ],
    ['Globex says INV-1003 was billed twice, same order as INV-1001. Would you mind checking?', 'duplicate_billing'],
    ['INV-1001: 4 of the 20 units arrived smashed. Can you take a look?', 'damaged_goods'],
    ['Initech: the late fee on INV-1004 should not be there, they paid on time. Any chance you can check?', 'late_fee'],
  ])('reads a claim told before a request to look at it as a claim: %j', (text, reason) => {
    const r = classifyTurn(text, fresh)
    expect(r.intent).not.toBe('question')
    expect(r.facts.reason?.code).toBe(reason)
  })

  it.each([
    [
      'The invoice for the March workshop went out with no PO number, and their AP sent it back. Should we reissue it?',
      'missing_po',
    ],
    [
      "Leur comptabilité a rejeté la facture de la formation de mai : il n'y a pas de numéro de bon de commande. On la refait ?",
      'missing_po',
    ],
  ])(
    'reads a claim about an invoice named by its word, before a question on what to do, as a claim: %j',
    (text, reason) => {
      const r = classifyTurn(text, fresh)
      expect(r.intent).not.toBe('question')
      expect(r.facts.reason?.code).toBe(reason)
    },
  )

  it('reads a question challenging a charge as the claim it puts', () => {
    const r = classifyTurn('what is this $40 pallet charge on INV-1001?? we never ordered pallets. pls remove', fresh)
    expect(r.intent).not.toBe('question')
    expect(r.facts.reason?.code).toBe('unrecognized_charge')
    expect(classifyTurn('what is this charge about?', fresh).intent).toBe('question')
  })

  it('keeps a question that states no sure reason a question', () => {
    expect(classifyTurn('Our invoices never show a PO. Is that a problem?', fresh).intent).toBe('question')
  })

  it('does not take a question about the contract as the reason', () => {
    expect(classifyTurn('what does the contract say?', ongoing).facts.reason).toBeUndefined()
  })

  it.each([
    ['Their AP manager insists they already paid KB-2210 in May, so how come it shows open?', 'already_paid'],
    ['Acme Rail wrote: "the freight line on KB-2210, we cannot identify it at all" ??', 'unrecognized_charge'],
  ])('keeps the reason of a claim reported inside a question: %j', (text, reason) => {
    expect(classifyTurn(text, fresh).facts.reason?.code).toBe(reason)
  })
})

describe('understand', () => {
  it('gathers every fact of a full first message', () => {
    const u = understand(
      'Globex is disputing INV-1001 - they say we charged the wrong unit price on the widgets, they want $150 back by March 20',
      fresh,
    )
    expect(u.intent).toBe('new_dispute')
    expect(u.facts).toMatchObject({
      invoiceRefs: ['INV-1001'],
      customerId: 'C-100',
      amount: { value: '150.00', currency: 'USD' },
      reason: { code: 'pricing_error' },
      deadline: '2026-03-20',
    })
  })

  it('reads the disputed invoice and the original of a duplicate', () => {
    const u = understand(
      'Initech says INV-2002 is a duplicate of INV-2001, both for February. Disputing the full 1,700.',
      fresh,
    )
    expect(u.facts).toMatchObject({
      invoiceRefs: ['INV-2002'],
      relatedInvoiceRef: 'INV-2001',
      customerId: 'C-200',
      amount: { value: '1700.00' },
      reason: { code: 'duplicate_billing' },
    })
  })

  it('reads a short shipment with its figures and product', () => {
    const u = understand('customer says they only got 42 of the 50 widget B units', fresh)
    expect(u.facts).toMatchObject({
      quantityReceived: 42,
      productWords: 'widget B',
      reason: { code: 'quantity_discrepancy' },
    })
    expect(u.facts.amount).toBeUndefined()
  })

  it('reads a unit-price claim', () => {
    const u = understand('contract says $12.50 a unit, we billed 14', ongoing)
    expect(u.facts.expectedUnitPrice).toBe('12.50')
    expect(u.facts.reason?.code).toBe('pricing_error')
  })
})

describe('an action is requested only by the speaker, now, in their own words', () => {
  const ACTION_INTENTS = ['request_credit_memo', 'request_write_off', 'mark_resolved', 'customer_accepted']
  it.each([
    // negated
    'let us not raise the credit memo until Monday',
    "we're not issuing a credit note on this one",
    "I'd rather not write it off",
    "no need to close it, they haven't paid",
    'they never agreed to the freight line either',
    'the customer has not accepted anything yet',
    // reported speech
    'the customer wants us to issue a credit memo for the lot',
    'their AP asked us to raise a credit note and close the ticket',
    'they would like us to write off the remainder',
    'customer is asking that we mark it resolved',
    'the buyer demands we credit the freight',
    // deferred or conditional
    'raise the credit memo once the POD comes back',
    'mark it resolved when they pay the balance',
    'issue the credit if sales signs off',
    'write it off next week if nothing changes',
    'close the dispute after the call tomorrow',
  ])('%j requests nothing', (text) => {
    expect(ACTION_INTENTS).not.toContain(classifyTurn(text, ongoing).intent)
  })

  it.each([
    ['ok, raise the credit memo', 'request_credit_memo'],
    ['please issue the credit note now', 'request_credit_memo'],
    ['go ahead and write it off', 'request_write_off'],
    ['we can close the dispute', 'mark_resolved'],
    ['they accepted the credit', 'customer_accepted'],
  ])('%j is still a request of the speaker (%s)', (text, intent) => {
    expect(classifyTurn(text, ongoing).intent).toBe(intent)
  })
})

describe('readCorrectionPair', () => {
  it.each([
    ['no, the amount is 1,250 not 1,520', { now: '1250', was: '1520', field: 'amount' }],
    ['sorry, 45 boxes not 50', { now: '45', was: '50', field: 'count' }],
    ['not 11.00, it is 11.50 each', { now: '11.50', was: '11.00', field: 'price' }],
    ['correction: it is 60, not 90', { now: '60', was: '90' }],
    ['sorry, the agreed price is 7,35 not 7,10', { now: '7.35', was: '7.10', field: 'price' }],
    ['sorry, they expect 212 per thousand, not 221', { now: '212', was: '221', field: 'price' }],
    [
      'update: the gauge shows 940 kg, not 910; the disputed amount changes',
      { now: '940', was: '910', field: 'count' },
    ],
    ['my mistake, 12 m3 not 15, so the credit is smaller', { now: '12', was: '15', field: 'count' }],
  ])('reads %j', (text, pair) => {
    expect(readCorrectionPair(text)).toEqual(pair)
  })

  it('does not take the price a customer agreed to for the customer accepting the outcome', () => {
    const r = classifyTurn('my mistake: the rate they agreed was 7,35 not 7,10, on 60 sacks', ongoing)
    expect(r.intent).toBe('correction')
    expect(r.facts.quantityReceived).toBeUndefined()
  })

  it('reads nothing when no figure is withdrawn', () => {
    expect(readCorrectionPair('they got 40 boxes of gloves not the 50 ordered')).toBeUndefined()
  })

  it('finds the fact a figure was said as', () => {
    expect(fieldAround('MB-7730 is overcharged by 90 on the yeast', '90')).toBe('amount')
  })
})

describe('a count restated in a correction, after another correction', () => {
  it('reads "it was 4 crates, not 6" as the count restated, not a count against the billed one', () => {
    const r = classifyTurn('Sorry - wrong invoice, it is 7712 not 7721, and it was 4 crates, not 6.', {
      today: '2026-05-20',
      hasDispute: true,
      reasonCode: 'damaged_goods',
    })
    expect(r.facts.quantityAffected).toBe(4)
    expect(r.facts.quantityBilled).toBeUndefined()
  })
})

describe('days of a range are not figures a correction swaps', () => {
  it.each(['They accept 12-16 May, not 17-19 May', 'the crew worked 3-5 June, not 6-8 June'])('%j', (text) => {
    expect(readCorrectionPair(text)).toBeUndefined()
    expect(classifyTurn(text, ongoing).intent).not.toBe('correction')
  })
})

describe('a price restated in a correction is not also a count', () => {
  it('reads "it is 35 a crate" as the price only', () => {
    const r = classifyTurn('scratch that, they checked the agreement, it is 35 a crate', {
      ...ongoing,
      reasonCode: 'pricing_error',
    })
    expect(r.facts.expectedUnitPrice).toBe('35.00')
    expect(r.facts.quantityReceived).toBeUndefined()
  })
})

describe('accepting a document is not accepting the outcome', () => {
  it.each([
    "they've accepted the delivery notes for the pallets, the issue is the lids",
    'the client accepts our timesheets but not the rate',
  ])('%j', (text) => {
    expect(classifyTurn(text, ongoing).intent).not.toBe('customer_accepted')
  })

  it.each(['the customer accepted the credit', 'they accepted our explanation'])('%j is acceptance', (text) => {
    expect(classifyTurn(text, ongoing).intent).toBe('customer_accepted')
  })
})

describe('a question that challenges a charge states the claim', () => {
  it.each([
    ['our school is exempt, so why is there VAT on the June invoice?', 'tax_error'],
    ['why is there a late fee on invoice 7720?', 'late_fee'],
  ])('%j keeps %s', (text, code) => {
    const r = classifyTurn(text, fresh)
    expect(r.facts.reason?.code).toBe(code)
    expect(r.intent).not.toBe('question')
  })

  it('leaves a question about policy a question', () => {
    expect(classifyTurn('what is our late fee policy?', fresh).intent).toBe('question')
  })
})

describe('a figure written as money, read where it was said', () => {
  it('is an amount, not the count of the noun beside it ("6 pallets = $312")', () => {
    expect(fieldAround('we agreed $48 a pallet, not $52. 6 pallets = $312 NZD', '312')).toBe('amount')
  })
  it('a bare figure beside its noun is still a count (a check)', () => {
    expect(fieldAround('they counted 10 rolls on the pallet, not 12', '12')).toBe('count')
  })
})

describe('a part agreed to beside a part still disputed', () => {
  it('is no acceptance of the outcome: the claim narrows', () => {
    const r = classifyTurn(
      'She agrees the team did the first fortnight. They only dispute the last week now, $410.00.',
      {
        today: '2026-05-20',
        hasDispute: true,
      },
    )
    expect(r.intent).not.toBe('customer_accepted')
    expect(r.facts.amount?.value).toBe('410.00')
  })
})

describe('the fact a corrected figure was', () => {
  it('is read from the words of its own sentence', () => {
    expect(fieldAround('4 runs billed at 1,020 each, their rate is 980. They want $160 back', '160')).not.toBe('price')
  })
})
