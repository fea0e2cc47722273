import { describe, expect, it } from 'vitest'
import { extractFacts } from './facts.ts'
import {
  claimLeft,
  IN_ORDER,
  leavesInvoiceOpen,
  narrowing,
  saysInvoiceNotKnown,
  saysNoDispute,
  withoutClauses,
  withoutStance,
} from './stance.ts'
import { understand } from './understand.ts'

// Written for this test; none is an eval turn.
describe('withoutStance', () => {
  it.each([
    ["The buyer wants the whole invoice credited. I'm not doing that.", 'The buyer wants the whole invoice credited.'],
    [
      "they say the bolts were rusty - we won't agree to it - what do the delivery notes show?",
      'they say the bolts were rusty - what do the delivery notes show?',
    ],
    [
      "Their AP asked for 12,500 back, don't change anything yet, just look.",
      'Their AP asked for 12,500 back, just look.',
    ],
  ])("drops the speaker's stance from %j", (text, kept) => {
    expect(withoutStance(text)).toBe(kept)
  })

  it.each(["we don't accept the late fee, we paid on time", 'they did not receive it', "I don't think so"])(
    'keeps %j, whose negation has an object or is the claim',
    (text) => {
      expect(withoutStance(text)).toBe(text)
    },
  )
})

describe("the customer's reason in a demand the speaker does not agree to", () => {
  it.each([
    [
      "The plant manager demands a credit for all 40 hoses because 'several were split'. I'm not doing that.",
      'damaged_goods',
    ],
    [
      "Their controller says we overcharged the hourly rate on the March bill. Don't do anything yet, tell me where we stand.",
      'pricing_error',
    ],
    [
      "They want the whole thing credited, we're not agreeing to that. Can you check the unit price against their contract?",
      'pricing_error',
    ],
  ])('%j is %s', (text, code) => {
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe(code)
  })
})

describe('a matter set aside is no evidence of the reason', () => {
  it.each([
    [
      'to be clear they are not questioning the hourly rate, the rate is fine. Only 5 of the 6 visits happened',
      'service_not_rendered',
    ],
    ['Invoice 881 (PO 4400123): the crew was not on site on the 3rd', 'service_not_rendered'],
    // What the customer accepts before "but" is no evidence either.
    [
      "she's fine w/ the 2,400 litres but the 60 dollar admin fee was never mentioned to her, she won't accept it",
      'unrecognized_charge',
    ],
    // "separately" of a charge billed on its own is the claim, not a matter left for later.
    [
      'they say the crane hire was all-in, they never agreed to pay the banksman separately, take it off',
      'unrecognized_charge',
    ],
    // A part named to be left out ("ignore the …", "… is handling that") says nothing of the claim.
    [
      'Ignore the interest charge, Dana in credit control is handling that. Just the hoses: billed at 12.40 each, their price list says 11.90',
      'pricing_error',
    ],
    [
      'Forget the late fee, collections are chasing that. The 4 valves we billed were never delivered',
      'quantity_discrepancy',
    ],
    // The rest of the bill paid beside the part disputed.
    [
      "They won't pay the weekend surcharge, nobody asked for it. The rest of the invoice has been paid.",
      'unrecognized_charge',
    ],
  ])('%j is %s', (text, code) => {
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe(code)
  })
})

describe("the rest of a bill paid, in the customer's language", () => {
  it('is no claim that the bill was paid', () => {
    const text = 'Den Wochenendzuschlag zahlen sie nicht. Der Rest dieser Rechnung wurde bezahlt.'
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).not.toBe('already_paid')
  })
})

describe('clauses that say a day or unit was in order', () => {
  it.each([
    ['correction: the 4th was fine, only the 11th is disputed', 'only the 11th is disputed'],
    ['the Monday visit did happen - the Friday one did not', 'the Friday one did not'],
  ])('%j keeps %j', (text, kept) => {
    expect(withoutClauses(text, IN_ORDER)).toBe(kept)
  })

  it('keeps a clause with a negation', () => {
    expect(withoutClauses('the 4th was not fine', IN_ORDER)).toBe('the 4th was not fine')
  })
})

describe('a purchase order named by its number', () => {
  it('is where the goods were ordered, no sign that a PO is missing', () => {
    const f = extractFacts('Harvest Co: 30 crates arrived smashed on order PO 7781-22, driver noted it', {
      today: '2026-05-20',
    }).facts
    expect(f.reason?.code).toBe('damaged_goods')
  })

  it('named with a possessive, is still where the goods were ordered', () => {
    const f = extractFacts('the valves on our invoice 0571 were ordered at 64 on their PO VR-PO-118, we billed 71', {
      today: '2026-05-20',
    }).facts
    expect(f.reason?.code).toBe('pricing_error')
  })

  it.each(['their PO 5520-61 is not on the bill', 'AP bounced it, PO 5520-61 has closed'])(
    'still reads a PO claim said with its number: %j',
    (text) => {
      expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe('missing_po')
    },
  )
})

describe('the season, not a fall', () => {
  it.each([
    ['owner says the 75 dollar callout fee was never agreed; 3 crates this fall were fine'],
    ['the 75 dollar callout fee was never agreed. he has called 3 times since last fall'],
  ])('reads no damage and no count damaged in %j', (text) => {
    const f = understand(text, { today: '2026-11-20', customers: [], hasDispute: false }).facts
    expect([f.reason?.code, f.quantityAffected]).toEqual(['unrecognized_charge', undefined])
  })
})

describe('a message that says there is no claim', () => {
  it.each([
    'FYI Harwick withdrew the claim on 7781 this afternoon, their crane operator found the pallet',
    'the query on the ferry tickets has been withdrawn, nothing to credit',
    'sorted: no dispute after all, the boxes were in their other depot',
    'they want a duplicate of 4410 for their auditor; there is no complaint about it',
    'just letting you know the credit note reached them, the matter is closed on their side',
    'is 5520 still open? only a question from their treasurer',
    'Ζητούν αντίγραφο του τιμολογίου 318. Δεν έχουν κανένα παράπονο.',
  ])('opens none: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })

  it.each([
    'Harwick withdrew the claim on the crane, but the 4 pallets are still missing on 7781',
    'they say 3 rolls came torn, please credit',
    'they have no complaint about the price, but 3 boxes never came',
  ])('is a claim still: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a message whose one ask is a document', () => {
  it.each([
    'Harbour Motors need a receipt showing 4410 cleared, for their auditors; which date did it clear?',
    'their AP is asking for our W-9 before they set us up, nothing else',
    'Pak Budi minta dikirim ulang e-faktur untuk invoice 4410',
    'the accountant only needs a copy of the statement for their year end',
    'Nemamo reklamacija, molimo samo izvod otvorenih stavki',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each([
    'they want a copy of 4410, the price on it is wrong',
    'they need a copy of invoice 4410, they say they already paid it',
    'customer asks us to credit 3 broken boxes on 4410',
    'Harbour Motors say 4410 went out by wire weeks ago, fully paid, and it should come off their reminders',
  ])('with a claim beside it, is that claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a document asked for in other words and languages', () => {
  it.each([
    'Would you kindly send a stamped receipt covering last week’s transfer',
    'Envoyez-nous une copie de la facture 4410 pour le transitaire, merci',
    'ramesh traders ko invoice se koi problem nahi, sirf copy bhej do',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it('with a claim, is the claim: "credit the 4 broken chairs and send a copy"', () => {
    expect(saysNoDispute('please credit the 4 broken chairs and send a copy of the new bill')).toBe(false)
  })
})

describe('a document asked for beside a claim on the account', () => {
  it.each([
    'they say 4410 was settled by transfer on the 3rd, so they want a revised statement from us',
    'they are exempt: void 4410 and mail them an e-invoice without VAT',
    'the late charge on 4410 is not due under the grace days, they need an updated statement showing it gone',
  ])('is that claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a message that says of itself it is no complaint', () => {
  it.each([
    'Harbourside asks when 7713 falls due and wants a statement at year-end. Not a complaint, only for their files.',
    'They only want to know the due date of the June invoice; it is not a dispute.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it('sets aside only the part it names: "no complaint about the hours, but 3 of the 8 boxes are missing"', () => {
    expect(saysNoDispute('no complaint about the hours, but 3 of the 8 boxes are missing')).toBe(false)
    expect(saysNoDispute('Please re-issue it with our order number; it is not a dispute over the quantities.')).toBe(
      false,
    )
  })
})

describe('a message that only thanks', () => {
  it.each([
    'Ferretería Oriente solo quiere dar las gracias por el abono de la 5512, ya lo aplicaron.',
    'Tak for den hurtige kopi af 5512, de har nu bogført den.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each(['Thanks, but 3 of the 12 boxes on 5512 are missing.', 'Thank you! 5512 charges 14 hours instead of 12.'])(
    'with a claim, is the claim: %j',
    (text) => {
      expect(saysNoDispute(text)).toBe(false)
    },
  )
})

describe('a message that closes itself: nothing wrong with the bill', () => {
  it.each([
    'Ravi ji ne bola 4471 ki PDF copy aur challan WhatsApp kar do, audit ke liye. Aur kuch nahi, koi issue nahi.',
    'Got the credit for the chipped tiles on 0518, thanks a lot, all good on our side',
    'Pregunta rápida: ¿cuándo vence la 2291? No hay ningún problema con esa factura, es para el calendario de pagos.',
    "Ils demandent seulement l'échéance de la 3310. Pas de problème avec la facture.",
    'Chiedono solo la data di scadenza della 4412. Nessun problema con la fattura.',
    'Vogliono solo la copia della 4412 in PDF. Nessuna contestazione.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each([
    'no issue with the price, but 3 of the 10 boxes on 0518 are missing',
    'All good on our side with the hours, but the travel on 0518 was never agreed',
  ])('with a claim, is the claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a request to confirm a payment came in', () => {
  it.each([
    'Their auditors want confirmation that 7716 was paid and closed. Could you send a statement line?',
    'Accounts at Brora ask: could you confirm you received the payment on 7716? It went out on 2 May, it is for their year-end file.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each([
    'Can you confirm we received their payment for 7716? They paid on 2 May and still get reminders.',
    'Please check 7716 was paid: they were charged interest on it anyway.',
  ])('with something said against the bill, is a claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a message that says the whole bill is correct', () => {
  it.each([
    'Moitas grazas pola factura 7716, todo correcto. Pasádesme o IBAN?',
    'Thanks for invoice 7716, everything is in order. Which account should the transfer go to?',
    'Pani Nowak prosi o duplikat faktury 0519, bo zgubiła oryginał. Nic nie reklamuje.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each([
    'Invoice 7716: all correct except the 3 chairs that never came',
    'Thank you, both deliveries all correct. However 7716 charges VAT on everything and we are exempt; please reissue.',
  ])('with a claim after it, is the claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a request for a document or a word that nothing is wrong', () => {
  it.each([
    'Please send us the final account for the depot and a copy of the practical completion certificate. Thanks.',
    'Maria at Kestrel confirming they got the statement and 0815 goes in the month-end run. No query.',
    'Their bookkeeper lost the March invoice. Nothing wrong with it - can you send her a copy?',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
})

describe('a message that says nothing is to be done', () => {
  it.each([
    'Got the credit note for 0712, all settled on our side. Just for info, nothing to do.',
    'Pour info, la note de crédit sur la facture 0712 est bien reçue, rien à faire.',
    'Hartelijk dank voor het duplicaat van 0712, al geboekt. Niks te doen, even ter info.',
    // The document said before the verb, as Turkish says it.
    "Muhasebe rica ediyor: 0712 nolu faturanın PDF'i tekrar gönderilebilir mi? İtirazımız yok.",
  ])('%j opens no dispute', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  // A check: claims before and after "nothing to do" was read.
  it.each([
    'We had nothing to do with this order, remove the charge.',
    'Nothing to do with the driver: 6 sacks burst.',
  ])('%j is a claim', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a file of the invoice asked for again', () => {
  it.each([
    'Could you resend the PDF of invoice 4471? Ours got lost in the move.',
    'please send us the XML file for 0932',
  ])('%j opens no dispute', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
})

describe('a question of when an invoice falls due', () => {
  it.each([
    'When is invoice 5520 due? We plan the payment run for March.',
    'Mau tanya, faktur 0312 jatuh temponya kapan ya?',
  ])('%j opens no dispute', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  // A check: a due date said to be wrong is a claim, before and after.
  it('"the due date on 5520 is wrong, our terms are 60 days" is a claim', () => {
    expect(saysNoDispute('The due date on 5520 is wrong, our terms are 60 days, why is it due already?')).toBe(false)
  })
})

describe('a due date asked to be corrected', () => {
  it('is a claim, not a question of when to pay', () => {
    expect(
      saysNoDispute(
        'Invoice 2207 falls due on March 9, just ten days out, and our terms are 45 days. Could you re-issue it so the due date matches?',
      ),
    ).toBe(false)
  })
  it('a question of when to pay is still none (a check)', () => {
    expect(saysNoDispute('what is the due date of 2207?')).toBe(true)
  })
})

describe('an invoice the writer does not know yet', () => {
  it.each([
    "the owner thinks one of your bills is off but I can't tell which one yet",
    'they are not sure which invoice it is',
    'no idea which bill she means',
  ])('%j', (text) => {
    expect(saysInvoiceNotKnown(text)).toBe(true)
  })
  it.each(['they know which invoice: 4410', 'I do not know why they paid twice'])('not in %j', (text) => {
    expect(saysInvoiceNotKnown(text)).toBe(false)
  })
})

describe('an invoice left open by the writer', () => {
  it.each([
    'Bayside phoned about some cleaning charges; we do not have the invoice number from them so far',
    'he never said which bill, only that the cartage seemed steep',
    'Ferngully are querying a fee. What would you need of me to start?',
    "Anything more you'd need from my side?",
  ])('%j', (text) => {
    expect(leavesInvoiceOpen(text)).toBe(true)
  })
  it('not where the invoice is given (a check)', () => {
    expect(leavesInvoiceOpen('Ferngully dispute the cartage on 4410, the rate is wrong')).toBe(false)
  })
})

describe('paperwork asked for in other words', () => {
  it.each([
    // The figures of a bill asked for, to fill in a tax form of their own.
    'Their finance team asks for the taxable amount and the VAT of 2207 for a withholding certificate. Can you send me the breakdown?',
    // The bill as a whole said to be undisputed, the copy asked for.
    'Their new bookkeeper wants a copy of 8812 for the files. Not disputing anything, it is in the next payment run.',
    'Could you email over a copy of 5531 please, ours went through the shredder',
    'Site office asking copy of 4410, it did not come by post.',
  ])('opens none: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })

  it('check: opens none for a copy asked for the records, "no issue with the billing"', () => {
    expect(
      saysNoDispute(
        'May we request a PDF of 3319 with the timesheets? No issue with the billing, it is just for documentation.',
      ),
    ).toBe(true)
  })

  it('opens none for a "duplicate copy" asked for', () => {
    expect(saysNoDispute('Their stores want a duplicate copy of the bill dated 3rd June for the pumps')).toBe(true)
  })

  it('opens none for a copy asked for with "no issue with the charges" beside it', () => {
    expect(
      saysNoDispute('Their office asked for one more copy of 7702 for the audit file. No issue with the charges.'),
    ).toBe(true)
  })

  it('check: a bill to be issued again under a new name is a request of its own, amounts in order or not', () => {
    expect(
      saysNoDispute('They changed their trading name, please reissue 7702 under it - no issue with the amounts.'),
    ).toBe(false)
  })

  it('is a claim still when a charge said excessive stands beside the copy asked for', () => {
    expect(saysNoDispute('send me a copy of 4410, the delivery fee on it is excessive')).toBe(false)
  })

  it.each([
    // Asked with a claim beside it: the claim is read.
    'They ask for a breakdown of 2207, they do not recognise the 85.00 admin fee',
    // A part of the bill said to be undisputed, another matter asked for: a request of its own.
    'From 1 May they are a new company, please reissue 7710 to the new name. The amount is fine, they are not contesting it.',
  ])('check: is a claim still: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a bill asked for again, said to have gone astray', () => {
  it.each([
    'Can you re-send invoice 5512 to Lindqvist Bakeries? Their payables inbox says it never came through.',
    'Please send the Orwell Trust another copy of 7730, the invoice never reached them.',
    'Harbour Motors: nothing in dispute, they only want 4410 resent to their new address.',
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
  it.each([
    // A request nobody made names a product billed, not a document asked for.
    'We hired the hall for the week; nobody in our office asked for the extra copy set, the £220 should come off.',
    // A check: the claim after "nothing disputed but" stands.
    'Nothing disputed but the freight on 4410, please resend it once that is taken off.',
  ])('with a claim beside it, is that claim: %j', (text) => {
    expect(saysNoDispute(text)).toBe(false)
  })
})

describe('a part of the bill said to be agreed', () => {
  it('is no evidence of the reason: the missing goods are the claim', () => {
    const text = 'Both crates of tiles (£84.00) are still not with us. The fitting charges are agreed.'
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe('quantity_discrepancy')
  })
})

describe('a part of the bill said paid beside the part disputed', () => {
  it('check: is no evidence of a payment claim', () => {
    const text = 'They never agreed to the weekend surcharge on 4410. They already paid the standard cleaning portion.'
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe('unrecognized_charge')
  })
})

describe('a turn that narrows a claim', () => {
  it.each([
    ['Drop the crate price, the quote was right. It is only the fitter day on the 4th now, €380.', 'part taken back'],
    ["update: they let the freight go, it's only the crate price now", 'only what is left'],
    ['forget it, they paid', undefined],
    ['forget the whole thing', undefined],
    ['scratch that amount, it is 140.00', undefined],
  ])('%j', (text, how) => {
    expect(narrowing(text)).toBe(how)
  })

  it('the claim left starts at the words that say what alone is left', () => {
    expect(claimLeft('The quote was right after all. It is only the fitter day on the 4th now, €380.')).toBe(
      'It is only the fitter day on the 4th now, €380.',
    )
    expect(claimLeft('Please ignore the late fee. The pallets are still short.')).toBe('The pallets are still short.')
  })
})

describe('a copy asked for someone named at length', () => {
  it('is a request for a document, whatever the words between the verb and the copy', () => {
    expect(
      saysNoDispute(
        "Could you send Hollybank Day Nursery a copy of 4471/006? Their accountant wants the May bill and can't locate it.",
      ),
    ).toBe(true)
  })
})

describe('a matter said to be closed already, or to be left alone', () => {
  it.each([
    'Two queries, 5512 and 5520; 5520 has been dealt with already. 5512: 140 cartons of wipes arrived, not 150',
    'Two invoices came up, 77 and 78; 78 has been taken care of already. 77: 12 boxes of screws arrived, not 15',
  ])('reads the reason from the rest: %s', (text) => {
    expect(extractFacts(text, { today: '2026-05-20' }).facts.reason?.code).toBe('quantity_discrepancy')
  })
})

describe('a copy asked for in French', () => {
  it.each([
    "Le syndic nous réclame un duplicata pour la 5520, l'original s'est égaré chez eux.",
    "Les Érables n'ont jamais reçu la 5520 par courrier, ils veulent juste un duplicata. Ils ne contestent rien.",
  ])('opens no dispute: %j', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })
})

describe('no query on the bill as a whole', () => {
  it.each([
    'Their AP says no query on the bill itself; they want our remittance address confirmed.',
    'The bursar wants to split the payment over two months, no objection over the bill itself.',
    'Die Rechnung stimmt, keine Beanstandung; sie wollen nur eine Stundenliste.',
  ])('%j claims nothing', (text) => {
    expect(saysNoDispute(text)).toBe(true)
  })

  // A check: a part of the bill set aside leaves the claim in the rest.
  it('a part set aside is no bill without a query', () => {
    expect(saysNoDispute('no complaint about the hours, only the mileage is wrong')).toBe(false)
  })
})
