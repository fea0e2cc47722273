/**
 * Figures read by what stands around them: identifiers that are not money or counts, rates, counts
 * with a scale, prices in other languages, matters set aside, and facts that outrank a guessed
 * reason. Written fresh for these classes; none is an eval case's wording.
 */
import { describe, expect, it } from 'vitest'
import { findAmounts } from './amounts.ts'
import { classifyReason } from './classify-reason.ts'
import { extractFacts } from './facts.ts'
import { findInvoiceCorrection, findInvoicePick } from './invoice-clues.ts'
import { findInvoiceRefs } from './invoice-refs.ts'
import { findFeeType, withoutSetAside } from './mentions.ts'
import { readCorrectionPair } from './turn-intent.ts'

const read = (text: string) => extractFacts(text, { today: '2026-05-20' }).facts

describe('numbers that name documents are neither money nor counts', () => {
  it.each([
    'they will settle 0388, the other one is the problem',
    'customer is paying 0712 this week and disputes the rest',
    'remit covers 0045 only',
  ])('a leading-zero number in %j is no amount or price', (text) => {
    const f = read(text)
    expect(f.amount).toBeUndefined()
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.billedUnitPrice).toBeUndefined()
  })

  it.each([
    ['the order 5531-14 was short on INV-7781, only 30 came', 30],
    ['AB 2025/0442 is short, they got 30 of the 40 drums', 30],
  ])('a digits-only document number in %j is not a count', (text, received) => {
    const f = read(text)
    expect(f.quantityReceived).toBe(received)
    for (const n of [f.quantityAffected, f.quantityBilled]) expect([undefined, 40]).toContain(n)
  })

  it.each([
    ['PO KLM-26-0091 was billed twice on INV-5530', ['INV-5530']],
    ['their Bestellnummer RB-2201-77 is missing from INV-5530', ['INV-5530']],
    ['el pedido AX-77-0301 no aparece en INV-5530', ['INV-5530']],
    ['purchase order no. ZZ/26/118 is on INV-5530', ['INV-5530']],
  ])('an order number in %j is not an invoice', (text, refs) => {
    expect(findInvoiceRefs(text).map((r) => r.normalized)).toEqual(refs)
  })
})

describe('rates and prices, in English and in the languages customers write in', () => {
  it.each([
    ['the fitter was quoted at $95/hr and we billed 110', '110.00', '95.00'],
    ['they insist the pallets are 41/unit. Billed 44.', '44.00', '41.00'],
    ['mandaram 19,50 € o metro, o contrato diz 17,00 €', '19.50', '17.00'],
    ['notre contrat dit 8,40 €, facturé 9,10 € la pièce', '9.10', '8.40'],
  ])('%j: billed %s, agreed %s', (text, billed, expected) => {
    const f = read(text)
    expect([f.billedUnitPrice, f.expectedUnitPrice]).toEqual([billed, expected])
  })

  it.each([
    'they say the gaskets should be 2,10 € each',
    'agreed rate was $65/hr, they were charged more',
    'the contract price is 12.75 a roll',
  ])('a stated right price makes %j a pricing dispute', (text) => {
    expect(read(text).reason?.code).toBe('pricing_error')
  })
})

describe('counts with a scale', () => {
  it.each([
    ['only 38 thousand labels arrived', 38_000],
    ['they received 12k of the caps', undefined],
    ['we billed 60k but 55k came', 55_000],
  ])('%j: %s received', (text, received) => {
    const f = read(text)
    if (received !== undefined) expect(f.quantityReceived).toBe(received)
    expect(f.amount).toBeUndefined()
  })

  it.each([
    ['they want 2.5k back for 30 cracked tiles', '2500.00'],
    ['disputing 4k, the whole pallet was wet', '4000.00'],
  ])('money with a scale in %j stays money', (text, value) => {
    expect(read(text).amount?.value).toBe(value)
  })
})

describe('corrections read whole figures', () => {
  it.each([
    ['sorry - 58 thousand arrived, not 60. So 36 €.', { now: '58', was: '60' }],
    ['make it 112 received, not 121', { now: '112', was: '121' }],
    ['not 75. it is 57', { now: '57', was: '75' }],
  ])('%j swaps %j', (text, pair) => {
    expect(readCorrectionPair(text)).toMatchObject(pair)
  })
})

describe('which of two invoices: a keeping verb belongs to the number after it', () => {
  it.each([
    ['they settled 0101, the second one is the duplicate', 1],
    ['they keep 77120; the first one must go', 0],
    ['they will pay the first, cancel the second', 1],
    // Their AP processing one is keeping it; a participle after the ordinal disputes it.
    ['their ledger team books the first, they want the second one cancelled', 1],
    ['please have the latter voided, the first one is ours', -1],
    // Said after the ordinal: the first was paid, the second is a copy (in French too).
    ['two bills for one order: the first was paid in June, the second is a duplicate', 1],
    ['deux factures pour une livraison. La première a été payée, la seconde est un doublon', 1],
    // The first said paid with its date, in the gloss of another language.
    ['Dwie faktury za jedną dostawę. Pierwszą zapłaciliśmy 3 marca, proszę anulować drugą.', 1],
    // The day before the verb, as Dutch and German put it; a negation keeps nothing.
    ['Twee rekeningen voor één levering: de eerste is op 3 maart betaald, crediteer de tweede a.u.b.', 1],
    ['Zwei Rechnungen, die erste wurde am 3. März bezahlt, bitte die zweite stornieren', 1],
    ['Twee rekeningen: de eerste is nog niet betaald, de tweede wel', 0],
  ])('%j picks index %i', (text, index) => {
    expect(findInvoicePick(text, '2026-05-20')).toEqual({ kind: 'ordinal', index })
  })

  it('takes, of the months named, the one not said to stand', () => {
    expect(
      findInvoicePick('They settled the March one last week. The April one is the copy.', '2026-05-20'),
    ).toMatchObject({
      kind: 'period',
      from: '2026-04-01',
    })
  })
})

describe('matters set aside are not the claim', () => {
  it.each([
    ['they are no longer disputing the delivery charge, the tiles arrived cracked', undefined],
    ['the handling fee is fine now; it is the unit price', undefined],
    ['they dispute the shipping charge', 'freight'],
  ])('%j names fee %s', (text, fee) => {
    expect(findFeeType(text)).toBe(fee)
  })

  it('reads the reason from what is left after a sentence that sets a matter aside', () => {
    const text = 'They are not questioning the delivery charge any more, that is sorted. The panels came in scratched.'
    expect(withoutSetAside(text)).toBe('The panels came in scratched.')
  })
})

describe('a denial reaches only its own part of the sentence', () => {
  it.each([
    ["their AP can't book it because there is no PO on the invoice", 'missing_po'],
    ["they won't pay as the purchase order is missing", 'missing_po'],
  ])('%j is %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each([
    'credit note for 310,00 € (IVA incluído) please',
    'they want 95.00 back (VAT incl.)',
    // Canada's taxes by their names, one or two at a time, and a total with VAT in Croatian.
    'le prix convenu est 12 $, facturé 14 $ : 40 $ de différence plus TPS/TVQ, soit 45,99 $',
    'ils réclament 120,00 $ TVH incluse pour les 10 unités',
    'odobrenje za 12 komada, to je 150,00 € s PDV-om',
    'Prašo grąžinti skirtumą su VAT.',
    'Ju lutem na ktheni diferencën, 12.000 lekë me TVSH.',
  ])('a total "with tax included" in %j is no tax dispute', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })

  it('keeps a claim about those taxes', () => {
    expect(classifyReason('they billed GST/QST to our Ontario office, it should be HST').code).toBe('tax_error')
    expect(classifyReason('la factura debería ir sin IVA, somos una entidad exenta').code).toBe('tax_error')
  })
})

describe('a missing order number in the words customers use', () => {
  it.each([
    'their system rejects it: ohne Bestellnummer können wir nicht buchen',
    'la factura no tiene número de pedido',
    'er staat geen inkoopnummer op, en geen inkoopordernummer',
    'nous ne pouvons pas la traiter sans bon de commande',
  ])('%j is a missing PO', (text) => {
    expect(classifyReason(text).code).toBe('missing_po')
  })
})

describe('a reissue to a new name or owner', () => {
  it.each([
    'the client was taken over by a holding company and wants the invoice reissued in the new name',
    'they renamed the company in March, please reissue under the new legal name',
    'can we reissue it to their new entity? nothing else changes',
  ])('%j is "other"', (text) => {
    expect(classifyReason(text).code).toBe('other')
  })
})

describe('a time is not a count', () => {
  it.each(['they paid only 4 days after the due date', 'settled only 2 weeks late, the interest is unfair'])(
    '%j counts nothing received',
    (text) => {
      expect(read(text).quantityReceived).toBeUndefined()
    },
  )
})

describe('reasons in the languages customers write in', () => {
  it.each([
    ['Nous ne reconnaissons pas ces frais de dossier sur la facture', 'unrecognized_charge'],
    ['Die Rechnung wurde bereits bezahlt, bitte keine Mahnung mehr', 'already_paid'],
    ['Wir bestreiten die Verzugszinsen auf dieser Rechnung', 'late_fee'],
    ['la mitad de las sillas llegaron rotas', 'damaged_goods'],
    ['metade das garrafas chegaram partidas', 'damaged_goods'],
    ['płyty przyszły uszkodzone', 'damaged_goods'],
    ['le prix est de 12 € au lieu de 10 € selon le contrat', 'pricing_error'],
  ])('%j is %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each(['frais de port de 45 € non prévus', 'die Frachtkosten auf der Rechnung', 'koszty transportu 120 zł'])(
    '%j names the freight',
    (text) => {
      expect(findFeeType(text)).toBe('freight')
    },
  )
})

describe('prices in cents', () => {
  it.each([
    ['labels quoted at 3.5¢ each, billed 3.9¢', '0.0390', '0.0350'],
    ['tags were agreed at 12 cents a piece, we charged 14 cents', '0.1400', '0.1200'],
  ])('%j: billed %s, agreed %s', (text, billed, expected) => {
    const f = read(text)
    expect([f.billedUnitPrice, f.expectedUnitPrice]).toEqual([billed, expected])
  })
})

describe('an invoice named in a matter set aside', () => {
  it('is withdrawn, and the other one is the claim', () => {
    const text =
      'They are no longer querying the pallet invoice 3310, that is settled. The open point is the rate on invoice 3314'
    const refs = findInvoiceRefs(text)
    const c = findInvoiceCorrection(text, refs)
    expect(c.withdrawn).toEqual(['3310'])
    expect(c.corrected).toBe('3314')
  })

  it('is withdrawn when its own clause says it is in order or left for later', () => {
    const text =
      'Invoice 5120 (the spring service) is paid and fine, invoice 5127 they will raise separately. Today it is invoice 5133: two hours too many'
    const c = findInvoiceCorrection(text, findInvoiceRefs(text))
    expect([...c.withdrawn].sort()).toEqual(['5120', '5127'])
    expect(c.corrected).toBe('5133')
  })

  it('keeps an invoice said only to be paid: that may be the claim', () => {
    const text = 'They say invoice 6610 is paid, and invoice 6614 too'
    expect(findInvoiceCorrection(text, findInvoiceRefs(text)).withdrawn).toEqual([])
  })
})

describe('an invoice taken back as it is said', () => {
  it.each([
    'They query the haulage on invoice 7720 - hang on, that is the June one. It is invoice 7734, July.',
    'Disputing the storage on invoice 4410, oops, it is invoice 4418 actually.',
  ])('gives way to the one said after it: %j', (text) => {
    const c = findInvoiceCorrection(text, findInvoiceRefs(text))
    expect(c.corrected).toBe(text.includes('7734') ? '7734' : '4418')
  })
})

describe('an ordinal of a period is no pick of an invoice', () => {
  it.each([
    'the forklift hire for the first half of March, billed twice on 7741 and 7748',
    'two bills for the second fortnight of June, 3305 and 3311',
    'dos facturas por la segunda quincena de junio, la 118 y la 121',
    'the crane for the second shift was billed on both',
    // An ordinal that sets a point in time.
    'ten days after the first invoice a second one arrived, 5521 and 5530 are the same order',
    'zwei Wochen nach der ersten Rechnung kam die 5530 für dieselbe Lieferung',
  ])('%j', (text) => {
    expect(findInvoicePick(text, '2026-07-20')).toBeUndefined()
  })
})

describe('a working with its tax added by name and a total', () => {
  it.each([
    ['credit 12 rolls: 12 x 40.00 = 480.00 + VAT 96.00, total 576.00', '576.00'],
    ['prosimy o korektę: 12 x 40,00 = 480,00 + VAT 96,00, razem 576,00', '576.00'],
    ['просим скорректировать: 12 × 40 = 480 тг + НДС 57,60 тг, итого 537,60 тг', '537.60'],
    ['iade istiyorlar: 12 x 40,00 TL = 480,00 TL + KDV 96,00 TL, toplam 576,00 TL', '576.00'],
  ])('the total is the claim, not the tax added: %j', (text, value) => {
    expect(read(text).amount?.value).toBe(value)
  })
})

describe('a range of days whose first date has no year', () => {
  it.each([
    'storage for 16.07–15.08.2026 was billed after the contract ended, they want 8 412,50 back',
    'remove the days 21.09–30.09 from the bill please, 8 412,50 in all',
  ])('is a period, never the amount: %j', (text) => {
    expect(read(text).amount?.value).toBe('8412.50')
    expect(findAmounts(text).map((a) => a.value)).toEqual(['8412.50'])
  })
})

describe('an approver that cannot pass an invoice for payment', () => {
  it.each([
    "AP can't pass INV-5521 for payment, that PO isn't theirs",
    'they cannot process the invoice for payment: PO 77-310 was never raised',
  ])('makes no claim of having paid: %j', (text) => {
    expect(read(text).reason?.code).toBe('missing_po')
  })
})

describe('escudos written with the cifrão as the decimal mark', () => {
  it.each([
    ['reclamam 12$50 × 500 kg + IVA = 7.187$50', '7187.50'],
    ['o frete de 2.350$75 não estava no contrato', '2350.75'],
  ])('%j is %s, not the figure before the sign', (text, value) => {
    expect(read(text).amount?.value).toBe(value)
  })
})
