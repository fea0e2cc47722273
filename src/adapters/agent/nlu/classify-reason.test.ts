import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { classifyReason, MIN_CONFIDENCE, withoutOuterEdges } from './classify-reason.ts'
import { fixSpelling } from './text.ts'
import patternsData from './data/reason-patterns.json' with { type: 'json' }
import { crossValidatePredictions, score } from './reasons-training.ts'

// Phrasings written for this test, not copied from the training file: they check that the
// classifier reads meaning, not a memorised sentence.
const CASES: [string, string][] = [
  ['they got 42 of the 50', 'quantity_discrepancy'],
  ['cust only recieved 18 cases, we invoiced 20', 'quantity_discrepancy'],
  ['shipment came up short by a dozen', 'quantity_discrepancy'],
  ['AP bounced it, no PO', 'missing_po'],
  ["their payables team won't touch it without a purchase order number", 'missing_po'],
  ["we hit them with tax but they're exempt", 'tax_error'],
  ['they have an exemption cert on file and we still added sales tax', 'tax_error'],
  ['they were billed twice', 'duplicate_billing'],
  ['duplicate', 'duplicate_billing'],
  ['looks like we sent the same bill two times', 'duplicate_billing'],
  ['the late fee', 'late_fee'],
  ['they object to the finance charge, paid inside the grace period', 'late_fee'],
  ['already paid, sent the wire last week', 'already_paid'],
  ['they swear the check cleared in january', 'already_paid'],
  ['the buyer settled it by wire on the 14th', 'already_paid'],
  ['AP says that one is paid, 3 Nov', 'already_paid'],
  ['no fitter came on Monday and it is still on the bill', 'service_not_rendered'],
  ['the carpets were still stained after the deep clean', 'service_dissatisfaction'],
  ["they don't recognise this charge", 'unrecognized_charge'],
  ['customer has no idea what this line is for', 'unrecognized_charge'],
  ['unit price is wrong', 'pricing_error'],
  ['charged more than agreed', 'pricing_error'],
  ['we invoiced the old list price, not their contract rate', 'pricing_error'],
  ['arrived cracked', 'damaged_goods'],
  ['half the glassware was smashed when it got there', 'damaged_goods'],
  ['the technician never showed up', 'service_not_rendered'],
  ['no one from our field team went on site but we billed the visit', 'service_not_rendered'],
  ['unhappy with the service', 'service_dissatisfaction'],
  ['quality was poor', 'service_dissatisfaction'],
  ['they think the consultants did a lousy job', 'service_dissatisfaction'],
  ['billed after the contract ended', 'contract_terms'],
  ['contract expired in March', 'contract_terms'],
  ['we kept invoicing them after termination', 'contract_terms'],
  ['Harrow Timber disputes invoice INV-9999 for a pricing error', 'pricing_error'],
  ['Copperfield is disputing INV-3120 - the rate on the hinges is above their contract', 'pricing_error'],
  ['Pellham says INV-7002 repeats INV-7001, both for the April licences.', 'duplicate_billing'],
  ['4 valves arrived dented', 'damaged_goods'],
  ['billed 8 too many', 'quantity_discrepancy'],
  ['duplicat invoice', 'duplicate_billing'],
  ['tax exmept customer', 'tax_error'],
  ['alredy payed', 'already_paid'],
]

describe('classifyReason', () => {
  it.each(CASES)('reads %j as %s', (text, code) => {
    const r = classifyReason(text)
    expect(r.code).toBe(code)
    expect(r.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE)
    expect(r.evidence).not.toBe('')
  })

  it.each(['hi', 'invoice INV-1002', 'I need help with a dispute', 'thanks!', 'ok'])(
    'declines to name a reason for %j',
    (text) => {
      expect(classifyReason(text).code).toBeNull()
    },
  )

  it('offers ranked alternatives that never repeat the chosen code', () => {
    const r = classifyReason('they say the invoice is wrong, maybe a duplicate or the price')
    expect(r.alternatives.map((a) => a.code)).not.toContain(r.code)
    const confidences = r.alternatives.map((a) => a.confidence)
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences)
  })

  it('quotes the words a phrase pattern matched as evidence', () => {
    expect(classifyReason('Customer says they received 17 of the 25 kits').evidence).toBe('received 17 of the 25')
  })

  it('keeps a fee pattern when the negation is of owing it, not of the fee', () => {
    const r = classifyReason("they don't think they should pay the late fee")
    expect(r.code).toBe('late_fee')
    expect(r.matchedPattern).toBe(true)
  })

  it('ignores a pattern inside a clause that rules its reason out', () => {
    const r = classifyReason('the sales tax is fine, they say we billed the freight twice')
    expect(r.code).toBe('duplicate_billing')
    expect(r.alternatives.find((a) => a.code === 'tax_error')?.confidence ?? 0).toBeLessThan(0.2)
  })
})

// Wordings of the classes issue 11 still misread, written for this test (not in training or either
// test set): damage with a count, tax treatments, terms in days, slang, quality with "won't pay".
const WORDINGS: [string, string][] = [
  ['the bottles came leaking, 5 of the 36', 'damaged_goods'],
  ["VAT should be reverse charged, they're in Ireland", 'tax_error'],
  ['their licence agreement had ended when we billed the quarter', 'contract_terms'],
  ['the invoice is on net 30, they negotiated net 60', 'contract_terms'],
  ['the PO on it is the wrong one so AP parked it', 'missing_po'],
  ["painting was done but looks awful, they won't pay", 'service_dissatisfaction'],
  ["cleaners didn't turn up on the 4th", 'service_not_rendered'],
  ["it's a dupe", 'duplicate_billing'],
]

describe('a reason rests on words that name one', () => {
  it.each([
    'they have a problem with one of our bills',
    'the client got in touch about their invoice',
    'she says they still have an issue with it',
  ])('names no reason for %j', (text) => {
    expect(classifyReason(text).code).toBeNull()
  })

  it('still names one when a word does', () => {
    expect(classifyReason('they have a problem with one of our bills: the pallets arrived smashed').code).toBe(
      'damaged_goods',
    )
  })
})

describe('counts said of damaged units', () => {
  // Count words lean the model to units short; a phrase naming the damage says what happened to them.
  it.each([
    "Brookfield say 8 of the 240 stacking chairs delivered for the gala on 9 June were broken (cracked backs). Invoice BF-2231. They're asking for £52 back.",
    "Kilbride Events say 12 of the 400 folding chairs delivered for the show on 5 May were broken (split legs). They're asking for €70 back.",
    "Orwell Hire say 20 of the 500 plates delivered for the dinner on 8 April were cracked. Invoice OH-771. They're asking for £30 back.",
  ])('reads %j as damaged goods', (text) => {
    expect(classifyReason(text).code).toBe('damaged_goods')
  })
})

describe('the state goods arrived in, in the words of several languages', () => {
  // A count, a few words naming the goods, then their state; the state word in the customer's language.
  it.each([
    'Bruno Conti dice che il prosciutto della fattura 0388 è arrivato tutto rovinato, 12 kg, e non vuole pagarlo.',
    'Mirko iz Kragujevca kaže da je deo robe iz fakture 0712 stigao odmrznut i neće da plati.',
    'A 0544-es számlán szereplő 30 zsákból 5 szakadtan érkezett, ezekért nem fizetnek.',
    'Иван казва, че от доставката от 12.03 – 4 кашона с олио със спукани бутилки.',
    'Da fatura 0931, quatro tambores chegaram amolgados e não dá para usar.',
    'Frau Lenz sagt, 3 der 20 Matratzen kamen fleckig, sie will eine Gutschrift',
    'Les nappes de la livraison de mars ont déteint : 12 pièces à reprendre.',
    '6 bags of flour wet at delivery, they want them credited',
  ])('reads %j as damaged goods', (text) => {
    expect(classifyReason(text).code).toBe('damaged_goods')
  })

  it.each(['we leased 3 wet leased aircraft for the season', '11 days of wet weather held up the crew'])(
    'reads no damage in wet weather or a wet lease (%j)',
    (text) => {
      expect(classifyReason(text).code).not.toBe('damaged_goods')
    },
  )
})

describe('reasons in Italian, Malay and Hinglish words, and in plain English', () => {
  it.each([
    ["nella fattura c'è un 'trasporto urgente' da 80 € che non abbiamo mai chiesto", 'unrecognized_charge'],
    ['la posa è fatturata su 40 m² ma 6 m² non li avete posati', 'service_not_rendered'],
    ['il 3 e il 4 marzo il vostro furgone non è passato, vogliono togliere 2 giorni', 'service_not_rendered'],
    ['dicono che il 9 la navetta non si è vista', 'service_not_rendered'],
    ['la fattura non riporta il numero d’ordine d’acquisto, non possiamo registrarla', 'missing_po'],
    ["the invoice doesn't quote our purchase order number, AP has bounced it", 'missing_po'],
    ['3 karton botol sampai koyak, tak boleh guna', 'damaged_goods'],
    ['300 piece ki silai charge ki hai, par 50 piece bina silai ke wapas aaye', 'service_not_rendered'],
    ['₹2,400 ka packing charge samajh nahi aa raha, isko hatao', 'unrecognized_charge'],
    [
      'the invoice has 5 pool visits at $40, but the technician never came on the 9th or the 16th',
      'service_not_rendered',
    ],
    ['your tax invoice 3318 comes back unprocessed, no main-contract order no. on it', 'missing_po'],
    ['their clerk thinks our valuation 4 is just valuation 3 sent again, can you check?', 'duplicate_billing'],
    [
      'the developer says no site instruction was ever issued for the extra manholes, they refuse that line',
      'unrecognized_charge',
    ],
    ['Hurtownia Lipa odesłała fakturę 0519 — brak numeru zamówienia, nie zaksięgują jej', 'missing_po'],
    ['przy odbiorze 3 beczki z 12 były popękane, olej wyciekł', 'damaged_goods'],
    ['Hi, our head office cannot reclaim UK VAT, please reissue without the 20%', 'tax_error'],
    [
      'Anand bhai ko 200 kurtiyon ki silai pasand nahi aayi, finishing ekdum bekaar, ₹8,000 kam chahiye',
      'service_dissatisfaction',
    ],
    [
      'they did not like the engraving on the 40 plaques, the lettering is sloppy, they want 20% off',
      'service_dissatisfaction',
    ],
    [
      'el guardia del turno de la noche no se presentó ni el martes 3 ni el jueves 5, piden descontar esas dos noches',
      'service_not_rendered',
    ],
  ])('reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('a reissue is no second billing, and an instruction no variation', () => {
  it('reads "cancel it and issue it again in euros" as no double billing', () => {
    expect(classifyReason('the contract is in euros, so they want it cancelled and issued again in EUR').code).not.toBe(
      'duplicate_billing',
    )
  })
  it('reads services billed after the agreement ended, with no instruction for them, as no charge not recognised', () => {
    expect(
      classifyReason(
        'their cleaning agreement expired on 30 June and no instruction was issued for visits after that date',
      ).code,
    ).not.toBe('unrecognized_charge')
  })
})

describe('words that name no reason', () => {
  it.each([
    'Quick correction from Priya - the 80 was net. They want 96 with tax.',
    'A follow-up from their accounts team: they would like it sorted this week',
  ])('guesses none from how an ask is put in %j', (text) => {
    expect(classifyReason(text).code).toBeNull()
  })

  it.each([
    'the intruder alarm went off at 2am and your guard only showed at 4',
    'the smoke alarm went off twice during the service',
  ])('reads no spoiled goods in an alarm that went off (%j)', (text) => {
    expect(classifyReason(text).code).not.toBe('damaged_goods')
  })

  it('still reads food that went off', () => {
    expect(classifyReason('the cream went off before the use-by date').code).toBe('damaged_goods')
  })

  it.each(['Favor de eliminar esa partida de la factura', 'please remove the partida for freight'])(
    'reads the Spanish line item ("partida") as no damage in %j',
    (text) => {
      expect(classifyReason(text).code).not.toBe('damaged_goods')
    },
  )

  it('still reads the Portuguese "partida" (broken) as damage', () => {
    expect(classifyReason('a tampa do tanque veio partida').code).toBe('damaged_goods')
  })
})

describe('a total said with its tax, in any language', () => {
  it.each([
    '清掃が2回来なかったので、36,300円（税込）を差し引いてください',
    '계근 차이 1,200kg, 금액 88,000원(부가세 포함) 정정 요청드립니다',
    'يطلبون خصم 1,150 ريال شامل الضريبة عن الزيارة التي لم تتم',
    'מבקשים זיכוי של 2,340 ש"ח כולל מע"מ על היום שלא עבדו',
  ])('is no tax claim: %j', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })
})

describe('classifyReason on the wordings of issue 11', () => {
  it.each(WORDINGS)('reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('reason model, cross-validated', () => {
  it('keeps held-out accuracy at 0.85 or above on one fold of five (our phrasings + Banking77)', () => {
    const csv = readFileSync(new URL('../../../testing/data/banking77-train-mapped.csv', import.meta.url), 'utf8')
    const option = {
      name: 'shipped',
      negation: true,
      denials: true,
      cfpb: false,
      patterns: true,
    }
    const held = score(crossValidatePredictions(option, { banking77Csv: csv }, 5, { onlyFolds: [0] }))
    expect(held.n).toBeGreaterThan(350)
    expect(held.accuracy).toBeGreaterThanOrEqual(0.85)
  }, 60_000)
})

describe('phrase families of three reasons', () => {
  it.each([
    ['the Sunday ferry crossing did not run on the 9th, they want it off', 'service_not_rendered'],
    ['four weekend shifts had no attendant on the car park', 'service_not_rendered'],
    ['they never asked for the rush courier, it is on the bill anyway', 'unrecognized_charge'],
    ['the calibration certificates were not requested by us, please remove them', 'unrecognized_charge'],
    ['en la factura 88 los tubos de cobre están mal cobrados', 'pricing_error'],
    ['the copper tubes on 88 were wrongly charged, the buyer says', 'pricing_error'],
    ["their buyer says the pallet wrapping wasn't ordered by them", 'unrecognized_charge'],
    ['we are still finding wasps in the loading bay after the treatment', 'service_dissatisfaction'],
    ['the compressor kept tripping after the service, they do not want to pay for it', 'service_dissatisfaction'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('service phrases: late, not done, unhappy about', () => {
  it.each([
    ['the fitter turned up three hours late and they are cross about paying for the call', 'service_dissatisfaction'],
    ['they are unhappy about the October servicing', 'service_dissatisfaction'],
    ['the second cold room was not cleaned at all in May', 'service_not_rendered'],
    [
      'after your descaling visit in March the boiler loses pressure exactly as before; they call the work unsatisfactory and query the whole line',
      'service_dissatisfaction',
    ],
    ['the resurfacing was substandard and the same rate of wear is back already', 'service_dissatisfaction'],
    [
      'the glazier got there most of a day late and the shop stayed boarded up, so no payment for the call',
      'service_dissatisfaction',
    ],
    ['their technician took four hours to respond when the contract promises one', 'service_dissatisfaction'],
    ['the pest control visit achieved nothing, the mice are back, we will not pay it', 'service_dissatisfaction'],
    ['the repair did not fix the problem with the lift doors so they refuse the charge', 'service_dissatisfaction'],
    [
      "le contrat de maintenance a pris fin en juin et n'a pas été reconduit, ils contestent la facture de juillet",
      'contract_terms',
    ],
    ['the clinic is exonerated from VAT under its convention, please reissue without the VAT', 'tax_error'],
    ['المحل دفعوا الفاتورة 5521 كاش للمندوب الأسبوع الماضي', 'already_paid'],
    ['they say paid invoice 5521 last week, why the reminder', 'already_paid'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('damage told by what the goods have', () => {
  it.each([
    '2 of the hoses you sent have splits near the coupling, credit them please',
    'the panels came with cracks in the corners',
  ])('%j is damage', (text) => {
    expect(classifyReason(text).code).toBe('damaged_goods')
  })
})

describe('a charge the customer asks about', () => {
  it.each([
    "the hotel is asking what the 40 euro 'energy levy' is on their last bill",
    'they were never warned about the fuel surcharge, nobody told them it was coming',
  ])('%j is an unrecognised charge', (text) => {
    expect(classifyReason(text).code).toBe('unrecognized_charge')
  })
})

describe('a reason a phrase names, in a message the model is unsure of', () => {
  it('is answered when it leads, below the threshold for a guess of the model alone', () => {
    const r = classifyReason(
      'Brookfield short-paid 8812 by 140, claiming the hoses are overpriced against the supply agreement',
    )
    expect(r.code).toBe('pricing_error')
    expect(r.matchedPattern).toBe(true)
  })

  it('does not overturn a reading the model is sure of', () => {
    expect(classifyReason('we billed 40 pallets and only 31 turned up at the yard').code).toBe('quantity_discrepancy')
  })
})

describe('a total said with its tax, in other languages', () => {
  it.each([
    'เรียกเก็บชุดละ 210 บาท แต่ราคาที่ตกลงไว้ 190 บาท ขอลดหนี้ส่วนต่าง 2,140.00 บาท (รวม VAT 7%)',
    'сумата е 1 200 лв. с ДДС, цената е грешна',
  ])('is no tax claim: %j', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })
})

describe('phrases a retrained model leaned away from', () => {
  it.each([
    ['we have received two invoices for the same March delivery of resin, please cancel one', 'duplicate_billing'],
    ['the pallets on 7712 were already invoiced on 7698, they will pay once', 'duplicate_billing'],
    ['their site manager says our driver was rude and they will not pay the delivery', 'service_dissatisfaction'],
    ['la factura 3301 trae un cargo por mora de 40 que no corresponde, pagamos a tiempo', 'late_fee'],
  ])('%j is %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('a reason stated in one clause of a long message', () => {
  it.each([
    [
      'the client tells me the window cleaning was never carried out by our crew, the team got sent over to Swansea that week. The 640 on it is what they object to.',
      'service_not_rendered',
    ],
  ])('is read from that clause when the others state none: %j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it('leaves a phrase pattern the say over a clause sure on one word', () => {
    const r = classifyReason(
      'We have received your invoice and it includes an admin charge of £20.00 which we do not recognise - our contract says nothing of it.',
    )
    expect(r.code).toBe('unrecognized_charge')
  })
})

describe('reasons as customers word them: payment rails, complaints, Spanish and French', () => {
  it.each([
    [
      'They settled the whole invoice for the spring fair by SWIFT transfer last week, it still shows as open.',
      'already_paid',
    ],
    [
      'ils ont réglé la facture du salon de printemps par SWIFT le 3 mai, chez vous elle est toujours impayée',
      'already_paid',
    ],
    ['paid in full by RTGS on the 14th, reference below', 'already_paid'],
    ['Le client dit que la 2207 est soldée depuis octobre.', 'already_paid'],
    [
      'Es la segunda vez que nos quejamos: el técnico dejó la cocina sucia y el grifo goteando.',
      'service_dissatisfaction',
    ],
    ['The crew left the lobby dirty and two taps dripping; the residents complained again.', 'service_dissatisfaction'],
    [
      'Siguieron con problemas en la cámara después del service y no van a pagar hasta que alguien vaya a arreglarlo.',
      'service_dissatisfaction',
    ],
    ['Nos devolvieron la factura: no indica la OC y sin OC no la pueden cargar.', 'missing_po'],
    ['La 0912 vuelve rechazada, pas de n° de BC dessus, leur comptable ne peut pas la saisir.', 'missing_po'],
    ['on leur a facturé 30 palettes alors qu’ils en ont refusé 6, ils n’ont reçu que 24.', 'quantity_discrepancy'],
    ['de las 20 bandejas 5 llegaron rajadas, la caja vino aplastada', 'damaged_goods'],
    ['Ils disent que 2 bidons avaient le bouchon entaillé et ils les refusent.', 'damaged_goods'],
    ['the resin drums came with 3 lids off, resin spilled all over the trailer', 'damaged_goods'],
    ['They say 5512 is a double-up of 5507, same load, same amount.', 'duplicate_billing'],
    ['12 sacks got wet at the border and set solid, they want those 12 sacks credited', 'damaged_goods'],
    ['the lime sacks were soaked through and turned to stone', 'damaged_goods'],
    ['Their AP says PO 88-1204 is not one of theirs and was never raised by them', 'missing_po'],
    ['the purchase order on the bill was cancelled last month, so it bounced', 'missing_po'],
  ])('%j is %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each([
    "Narxi 4 100 000 so'm bo'lishi kerak edi, 4 400 000 emas. 12 dona, QQS bilan farq 4 032 000 so'm.",
    'They want the difference on the cement rate back, VAT sahit.',
    'rate on the bill is 41 a bag, the quote said 38: 120 bags, 360 and VAT on top',
    'unka kehna hai rate 41 lagaya, quotation mein 38 tha: 360 aur VAT',
    'price should be 30 not 32 a sheet; they ask for the whole difference with VAT',
    'wanadai bei iwe 30 sio 32, tofauti yote na VAT',
    'ils contestent 12 heures facturées en trop, TVA comprise',
  ])('%j names the tax as how a figure is counted ("with" after it), no tax claim', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })
})

describe('the looser pattern tried on the whole message first', () => {
  it('drops the word edges outside lookarounds and keeps those inside, in classes and escaped', () => {
    expect(withoutOuterEdges(String.raw`\bshort(?: by)?\b`)).toBe('short(?: by)?')
    expect(withoutOuterEdges(String.raw`(?<!\b(?:per|each) )\bcost\b(?!\s+\bnot\b)`)).toBe(
      String.raw`(?<!\b(?:per|each) )cost(?!\s+\bnot\b)`,
    )
    expect(withoutOuterEdges(String.raw`[\b\]x]\\b\b`)).toBe(String.raw`[\b\]x]\\b`)
  })

  it('matches every text each reason pattern matches', () => {
    const edge = String.raw`(?:(?<=[\p{L}\p{N}_])(?![\p{L}\p{N}_])|(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}_]))`
    const cue = (p: string) => new RegExp(p.replace(/(?<!\\)\\b/g, edge), 'iu')
    const patterns = Object.entries(patternsData).flatMap(([code, list]) =>
      code.startsWith('_') ? [] : (list as { pattern: string }[]).map((p) => p.pattern),
    )
    // Invented texts in several languages, with words glued to letters the ASCII edge does not know.
    const texts = [
      ...CASES.map(([t]) => t),
      'the invoice was duplicated, billed twice over; émis deux fois',
      'les colis sont arrivés endommagés, la livraison a été refusée',
      'höhere Preise als im Vertrag vereinbart, Rechnung doppelt',
      'they still seeing leaks after the 3 visits, not paying the call-out fee',
      'should have cost 12.50 per hours not 15',
    ]
    let matched = 0
    for (const p of patterns) {
      const strict = cue(p)
      const loose = cue(withoutOuterEdges(p))
      for (const t of texts) {
        if (strict.test(t)) {
          matched++
          expect(loose.test(t), `${p} on ${t}`).toBe(true)
        }
      }
    }
    expect(matched).toBeGreaterThan(20)
  })
})

describe('reasons typed in chat shorthand, and three phrase families', () => {
  it.each([
    ['cx is unhappy w install crew, they left a mess', 'service_dissatisfaction'],
    ['the 2nd floor isnt finished but billed in full', 'service_not_rendered'],
    ['site survey wasnt completed, only half the plots', 'service_not_rendered'],
    ['no servicing was done in august, the contractor never came back', 'service_not_rendered'],
    ['the tax on the hoses is 18% but on every other invoice 8%', 'tax_error'],
  ])('%j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it('sets a tax named in a working aside however "with" is typed', () => {
    expect(classifyReason('14 short x 2 300 = 32 200 w vat, they got 86 not 100').code).toBe('quantity_discrepancy')
  })
})

describe('chat shorthand', () => {
  it.each([
    ['unhappy w the visit', 'unhappy with the visit'],
    ['agreed w/ sales', 'agreed with sales'],
    ['w/o the fee', 'without the fee'],
    ['sorted w/sales', 'sorted with sales'],
    ['a 500 w heater', 'a 500 w heater'],
    ['the rent shld be 300, cx says it isnt', "the rent should be 300, customer says it isn't"],
  ])('%j', (text, fixed) => {
    expect(fixSpelling(text)).toBe(fixed)
  })
})

describe('reasons a deduction note, a term date or a Dutch letter gives', () => {
  it.each([
    ['the inspection on 4/11 was cancelled by your engineer, so they will not pay that visit', 'service_not_rendered'],
    ['their tenancy only commenced on the 12th, so the first eleven days should not be on the bill', 'contract_terms'],
    ['die regel "Montage" op de factuur, wij hebben daar niet om gevraagd', 'unrecognized_charge'],
    ['de machines kwamen vuil terug: niets gereinigd en niets gedroogd', 'service_not_rendered'],
  ])('%j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each([
    ['la remise prévue au contrat est de 5 %, facturé 42,00 au lieu de 40,00, soit 230,00 TTC (TVA 15 %)'],
    ['het tarief is 31,00 i.p.v. 29,50 per uur; over 40 uur 60,00 te veel, met 21% BTW EUR 72,60'],
  ])('%j names a rate beside the figure it gives, no tax claim', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })
})

describe('a tax named as a term of the working', () => {
  it('is no tax claim, whatever prefix the tax carries or however it is joined', () => {
    for (const text of [
      'Invoice QX-118: the boat never came on the 3rd, 410 USD a day + B-GST',
      'please credit the difference together with the VAT',
      'the two missing days, 2 x 95 plus GST',
    ])
      expect(classifyReason(text).code, text).not.toBe('tax_error')
    expect(classifyReason('they are exempt, the VAT on this invoice should not be there').code).toBe('tax_error')
  })
})

describe('a message in words the model never saw', () => {
  it.each([
    ['položka PAL-WRAP 40 ks × 3,50 = 140,00 € – co to je? to neplatíme, opravte to prosím'],
    ['tétel FÓLIA 40 db × 3,50 = 140,00 € – mi ez?? ezt nem fizetjük ki'],
  ])('is read in the gloss the model knows more words of: %j', (text) => {
    expect(classifyReason(text).code).toBe('unrecognized_charge')
  })
})

describe('a charge nobody ordered, asked about', () => {
  it.each([
    ['who approved the weekend surcharge on this one?'],
    ['Who authorised the extra skip hire? Nobody here did'],
    ['we never bought the extended warranty, take it off'],
    ['Hvem har bestilt rengjøringen av vinduene? Den kjenner vi ikke til.'],
    ['Šta je ovo 36 € za folije? Nismo naručili folije.'],
    ['Hatukuagiza usafiri wa ziada, tafadhali ondoa.'],
    ['Nous ne voyons pas à quoi correspond la ligne « frais annexes », ce n’était pas prévu.'],
  ])('%j', (text) => {
    expect(classifyReason(text).code).toBe('unrecognized_charge')
  })
})

describe('goods spoiled, out of date or dead, in any words', () => {
  it.each([
    ['the frozen prawns arrived warm and went straight back on the van'],
    ['three of the generators won’t start, we need them replaced'],
    ['las bandejas de fresas llegaron calientes y blandas'],
    ['cinco cajas de leche estaban caducadas'],
    ['half the bananas were overripe when unloaded'],
  ])('%j', (text) => {
    expect(classifyReason(text).code).toBe('damaged_goods')
  })
  it('is no contract that did not start', () => {
    expect(classifyReason('our lease didn’t start till the 10th, so the first nine days are not ours').code).not.toBe(
      'damaged_goods',
    )
  })
})

describe('a service done but not to the customer’s liking', () => {
  it.each([
    ['the boiler still makes a rattling sound after your visit, for us the service was worth nothing'],
    ['the repair was useless, the fridge is still warm'],
    ['the deep clean of the kitchen hood was poorly done'],
    ['their fitter turned up at 8 pm, nine hours later than promised'],
    ['three days after the descaling the kettle had limescale again'],
  ])('%j', (text) => {
    expect(classifyReason(text).code).toBe('service_dissatisfaction')
  })
})

describe('a service conceded to have been done, then faulted', () => {
  it.each([
    'The audit was carried out, but the report is no use to us: wrong site plan, nothing signed. We will not pay it.',
    'The courses were held, but the instructor read off the slides and nobody learned a thing. Not paying for that.',
    'Sure, the fitter did come, but he left after an hour and the gate still sticks.',
    "I won't dispute that the survey happened, but it was so rushed that it missed half the roof.",
    "The glazier came and went, the draught is as bad as before. We won't pay the 240.",
  ])('is dissatisfaction, not a service never rendered: %j', (text) => {
    expect(classifyReason(text).code).toBe('service_dissatisfaction')
  })

  it.each([
    ['The cleaning was done, but it was billed twice, on two invoices.', 'duplicate_billing'],
    ['The courses were not held and nobody came to run them.', 'service_not_rendered'],
  ])('leaves another reason said beside it: %j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('tax said as part of working out the figure', () => {
  it.each([
    ['we dispute 3 boxes: 3 x 120,00 = 360,00 HT, TVA 20 % 72,00, total 432,00 TTC'],
    ['6 kasa eksik geldi, 6 × 400 TL + %10 KDV'],
    ['λείπουν 4 κιβώτια, 80,00 € συν ΦΠΑ'],
    ['le tarif du contrat est 95,00 par heure, soit 4 x 12,50 = 50,00 EUR (service exonéré, hors TVA)'],
  ])('is no tax claim: %j', (text) => {
    expect(classifyReason(text).code).not.toBe('tax_error')
  })
  it('leaves a rate said wrong a tax claim', () => {
    expect(classifyReason('you charged VAT 20% on books, they are zero-rated').code).toBe('tax_error')
  })
})

describe('words of the telling that name no reason', () => {
  it('"short version" is no shortage', () => {
    expect(
      classifyReason('short version: the rate on the pumps is 40 € too high each, the contract says 310').code,
    ).toBe('pricing_error')
  })
  it('reads a charge never asked for in Greek', () => {
    expect(classifyReason('Τι είναι η χρέωση «Ειδική συσκευασία» 30,00 €; Δεν τη ζήτησαν ποτέ.').code).toBe(
      'unrecognized_charge',
    )
  })
})

describe('a payment still to be made', () => {
  it.each([
    [
      'the other eight were done; the rest will be paid with the October run, but two inspections never happened',
      'service_not_rendered',
    ],
    ['the balance will be paid on Friday, but the 2 missing cartons we dispute', 'quantity_discrepancy'],
  ])('is a plan, not a claim of having paid: %j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('a negative phrase after a negation', () => {
  it.each([
    'their AP books nothing without a PO number on it; the pallets themselves arrived fine',
    'la contabilidad no registra nada sin número de pedido',
  ])('is stated, not denied: %j', (text) => {
    expect(classifyReason(text).code).toBe('missing_po')
  })
})

describe('"po" in a message written in a Slavic language', () => {
  it.each([
    'Kupac kaže da je po njihovoj evidenciji pumpa radila 10 sati, a naplatili smo 12 sati po 80 €.',
    'Zákazník tvrdí, že po vaší opravě stroj stále nefunguje.',
    'Klient reklamuje 3 godziny po 90 zł, ekipa przyjechała po terminie.',
    'Po našim dnevnicima dizalica je radila 6 dana, a naplatili ste 8.',
  ])('is the preposition, no purchase order: %j', (text) => {
    expect(classifyReason(text).code).not.toBe('missing_po')
  })

  it.each([
    'Na fakturze brakuje numeru po, księgowość jej nie przyjmie',
    'Kupac javlja da PO 4500012 nije upisan na fakturi',
    'the po is missing on the invoice',
  ])('is still the purchase order after a word for a number, in capitals or in English: %j', (text) => {
    expect(classifyReason(text).code).toBe('missing_po')
  })
})

describe('a service that was down or gone for days', () => {
  it.each([
    'the dedicated link was down from the 3rd to the 6th, four days without internet at the branch',
    'their WMS was offline all of Tuesday and Wednesday, they want those days taken off',
    'the heat pump stayed out of service for a week and they want the week credited',
  ])('is a service not rendered: %j', (text) => {
    expect(classifyReason(text).code).toBe('service_not_rendered')
  })

  it('is no reading of a price that went down', () => {
    expect(classifyReason('prices went down last month but the invoice shows the old rate').code).toBe('pricing_error')
  })
})

describe('a contract said to have run only until a day', () => {
  it.each([
    'Fakturaen gjelder hele oktober, men avtalen gjaldt bare til og med 14.10. Vi er fakturert 3 tørkere x 31 døgn.',
    'their scaffold hire agreement only ran until the 14th, yet October was billed in full',
  ])('is a claim on the contract’s terms: %j', (text) => {
    expect(classifyReason(text).code).toBe('contract_terms')
  })
})

describe('a bill said to be doubled, in Taglish or as two statements', () => {
  it.each([
    'Parang na-double ang billing ng 60 desks for March, they received two SOAs.',
    'Na-double daw ang parking billing, they received two SOAs for 35 slots, both for May.',
  ])('is a double billing: %j', (text) => {
    expect(classifyReason(text).code).toBe('duplicate_billing')
  })
})

describe('reasons said in words the patterns now know', () => {
  it.each([
    ['The variation on your claim was never instructed by their site agent, remove it', 'unrecognized_charge'],
    ['Returned unpaid: the invoice must show our requisition no., kindly amend', 'missing_po'],
    ['Tui from the dairy, not happy: the bales are misshapen', 'service_dissatisfaction'],
    // Checks: the model read these so before the patterns named them.
    ['They say no weekend delivery was ever requested by the vessel', 'unrecognized_charge'],
    ['Mrs Ruiz: never been charged a pallet fee before, take it off', 'unrecognized_charge'],
    ['The vet came on the 3rd but the treatment did not work, two cows are still sick', 'service_dissatisfaction'],
  ])('%j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
  it('a sum short-paid is no count short', () => {
    expect(classifyReason('They paid 8,400.00 and short-paid the rest, 610.50').code).not.toBe('quantity_discrepancy')
  })
})

describe('"po" in Bulgarian typed in Latin letters', () => {
  it('is the preposition, never a purchase order', () => {
    expect(classifyReason('vuv faktura 5502 vtulkite sa po 12,40 lv, a po ramkoviya dogovor sa 11,90').code).not.toBe(
      'missing_po',
    )
  })
})

describe('more reasons in words the patterns now know', () => {
  it.each([
    ['We lay our own pavers, the paving labour is not ours.', 'unrecognized_charge'],
    // Checks: the model read these so before the patterns named them.
    ['All fine except: what are the 3 bollards fitted @ $210? Nobody asked.', 'unrecognized_charge'],
    ['Ana says she paid invoice 5521 (the seed, R$ 3.210,40) by PIX on Tuesday.', 'already_paid'],
    ['they found 600 springs deformed at incoming inspection', 'damaged_goods'],
  ])('%j', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('dissatisfaction said plainly, and days of credit that are no terms', () => {
  // The first fails before this session's patterns; the other two, and the terms below, are checks.
  it.each([
    ['the drivers hated the new routing app all of May and want the month comped', 'service_dissatisfaction'],
    ["reception on the new handsets was 'useless' for weeks", 'service_dissatisfaction'],
    ['the scanner was offline May 3-5, they want 3 days credit for it', 'service_not_rendered'],
    // Damage said as what the goods have, in English and German.
    ['the two gearbox housings have rust on the flanges, credit them please', 'damaged_goods'],
    ['die drei Ventile haben Korrosion am Gewinde', 'damaged_goods'],
    ['their site lead says the whole booking system was useless to them all month', 'service_dissatisfaction'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
  it('keeps "45 days credit" as terms', () => {
    expect(classifyReason('our account has 45 days credit, you billed it at 30').code).toBe('contract_terms')
  })
  it('reads a tax added by its amount ("+ 24.80 VAT") as the working', () => {
    expect(classifyReason('correction: 412 x 0.30 = 123.60 + 24.72 VAT').code).not.toBe('tax_error')
  })
  it('reads a tax named beside an abbreviation’s point ("excl. VAT", "incl. 20% VAT") as the working', () => {
    expect(classifyReason('Wij betwisten het verschil: EUR 312,00 excl. btw, 377,52 incl. 21% btw.').code).not.toBe(
      'tax_error',
    )
  })
})

describe('how a service went, and services and terms said plainly', () => {
  it.each([
    ['the route 9 bus was late most mornings in April, they want 5% off', 'service_dissatisfaction'],
    ['the reefer truck was late three times in May', 'service_dissatisfaction'],
    [
      "the roofer didn't show up until two days later and they won't pay the call-out for that",
      'service_dissatisfaction',
    ],
    ['your engineers never got round to all the chillers in March', 'service_not_rendered'],
    ['the riggers did not get to all the cranes, not even half', 'service_not_rendered'],
    // Checks: the model read these so already.
    ['the nursery says there was no chaperone on the minibus on the 3rd and 4th', 'service_not_rendered'],
    ['We terminated the pest programme effective end of June, why a July bill?', 'contract_terms'],
    ['the fuel surcharge is not on our PO, we never agreed it', 'unrecognized_charge'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('remittance reasons in Swedish and Polish', () => {
  it.each([
    ['KURIER EJ BESTÄLLD', 'unrecognized_charge'],
    ['BRAK 3 SZT. PALET W KWIETNIU', 'quantity_discrepancy'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('reasons said in ways a phrase names', () => {
  it.each([
    [
      'The engineer was out on the 9th and the oven is STILL heating unevenly. Complete waste of money.',
      'service_dissatisfaction',
    ],
    ["kept back 212,40 with text 'KUENDIGUNG PER 30.06. - JULI NICHT'", 'contract_terms'],
    [
      'their buyer says the stock management was not worth the 480 this month, two stock-outs',
      'service_dissatisfaction',
    ],
    ['4 of the pressure gauges turned up with the needles sheared and they sent them back', 'damaged_goods'],
    [
      'The overtime on 7781 is 12 hrs @ 41.10; their line manager says none of our drivers went over 45 that week.',
      'service_not_rendered',
    ],
    // A charge said not to be owed, with other words pulling to a payment ("transfers").
    [
      "We're a school; the bursary shouldn't be paying VAT for 5512 (library books and transfers). Please reissue without the £40.00 VAT.",
      'tax_error',
    ],
  ])('reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  // Checks: the model read these before their phrases were added; the phrases keep them read when the
  // words around them pull the other way.
  it.each([
    ['why is there VAT on 3312?? we are an export customer, never been charged it before', 'tax_error'],
    ['their survey reports were useless, they will not pay for them', 'service_dissatisfaction'],
    ['auto-reply from their portal: purchase order number missing, invoice rejected', 'missing_po'],
    ['please resend the invoice with a valid purchase order number', 'missing_po'],
    ['they say since their notice of termination in January they owe nothing', 'contract_terms'],
    ['the maintenance agreement was not renewed, why are we billing April?', 'contract_terms'],
    ['the 40 trays of seedlings froze in the truck overnight', 'damaged_goods'],
    ['the 40 brass transfer hinges on 5512 never turned up', 'quantity_discrepancy'],
    [
      'the crew packed up on the Tuesday night, so nothing on Wednesday 14; drop that day please',
      'service_not_rendered',
    ],
    ['As a registered charity the trust should not be paying VAT here; reissue 4471 without it.', 'tax_error'],
    ["'the kanban programme ended in January' - why is February on 8812?", 'contract_terms'],
    ['the fleet reporting module was gekündigt to the end of June, yet July is on the bill too', 'contract_terms'],
  ])('check: reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each(['their agreement runs up to 31 December', 'the contract was renewed in May'])(
    'check: has no phrase of an ended contract in %j',
    (text) => {
      const phrases = patternsData.contract_terms
      expect(phrases.filter((p) => new RegExp(p.pattern, 'iu').test(text)).map((p) => p.pattern)).toEqual([])
    },
  )

  it('check: reads a fee called useless as no dissatisfaction with a service', () => {
    expect(classifyReason('this admin fee is useless').code).not.toBe('service_dissatisfaction')
  })
})

describe('services said not done on a day, and hours against the customer’s clock', () => {
  it.each([
    ['Lowther Estates: no salting at the north car park on 14/02 or 15/02, they tell me.', 'service_not_rendered'],
    ['the hours on 7710 do not match their time clock, what should I ask for?', 'service_not_rendered'],
    ['the lift was off-hired on the 12th but you charged it up to the 20th', 'service_not_rendered'],
    [
      'the video of the hearing lasts just over 5 hours, the invoice bills 7 hours for the operator',
      'service_not_rendered',
    ],
    [
      'Three of the six fryers failed our own hygiene swabs next morning; each had to be redone.',
      'service_dissatisfaction',
    ],
  ])('reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  // Checks: the model reads these already; the phrases keep them read when the words around them pull away.
  it.each([
    ['no sweeping on the 3rd of March at the Quayside block, according to the caretaker', 'service_not_rendered'],
    ['their rota does not tally with the hours billed on 7710', 'service_not_rendered'],
    ['nobody from Greaves Signs came out on Friday the 6th, the day we had booked', 'service_not_rendered'],
    ['Frankly the deep clean was not the standard we pay for.', 'service_dissatisfaction'],
    ['the two boxes of filters (£61.00) have not reached us yet', 'quantity_discrepancy'],
  ])('check: reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it.each(['the invoice failed our three-way match checks', 'no pricing on 4/5 was agreed'])(
    'check: reads no service missed and no dissatisfaction in %j',
    (text) => {
      expect(['service_not_rendered', 'service_dissatisfaction']).not.toContain(classifyReason(text).code)
    },
  )
})

describe('reasons said the way freight, software and hire customers put them', () => {
  it.each([
    // A check: the model reads this one already; the phrase keeps it where other words pull away.
    ['Pellow Mills have had 2 tax invoices for the same pallet run on 3/6', 'duplicate_billing'],
    // A check: the model reads this one already.
    ['one of the 6 return cages on 4410 came apart at the weld', 'damaged_goods'],
    ['the receiver says we overcharged on weight, April load', 'quantity_discrepancy'],
    ['the second training day was cancelled on our end, yet both days are on 4410', 'service_not_rendered'],
    ['they had us release 6 of their 40 numbers in May but 4410 still charges 40', 'service_not_rendered'],
    ["they don't believe this volume is theirs, 18,000 GB against a usual 6,000", 'service_not_rendered'],
    ['the bill charged the 3 seats they activated mid-month for the full 31 days', 'service_not_rendered'],
    ['the co-op complains about the milling of the March batch', 'service_dissatisfaction'],
  ])('reads %j as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })
})

describe('taxes of a state or trade by their names', () => {
  it.each([
    // A check: the model reads this one already.
    'the clinic is querying the gross receipts tax on 7710; lab work for them is deductible',
    'they dispute the GRT line on 7710',
  ])('reads %j as a tax claim', (text) => {
    expect(classifyReason(text).code).toBe('tax_error')
  })
})

describe('services not done, goods refused, and deductions, by their phrases', () => {
  it.each([
    ['the site says your lorry didnt collect their recycling on the 3rd or the 17th', 'service_not_rendered'],
    ['they say the firmware update never got installed on two of the six scanners', 'service_not_rendered'],
    ['the north gate was left unmanned on the 4th and 5th', 'service_not_rendered'],
    ['the milk on 4471 was refused at the door, it came after noon', 'quantity_discrepancy'],
    ['remittance says SHORT WEIGHT 40KG', 'quantity_discrepancy'],
    ['they deducted TDS at 2% on 5530', 'tax_error'],
    ['Brandt Tooling say 300 of the brackets got rejected at incoming inspection, all burred', 'damaged_goods'],
    ['the hinges arrived as the old rev A, their drawing is rev C', 'damaged_goods'],
    ['they sent 40 of the gaskets back, all of them undersized', 'damaged_goods'],
    ['remit line reads RESALE ACCOUNT - NO SALES TAX', 'tax_error'],
    ['the autumn brochure design missed the mark with their directors', 'service_dissatisfaction'],
    ['stage 3 of the fit-out has not been signed off by their architect yet', 'service_not_rendered'],
  ])('reads %j as %s, by its phrase', (text, code) => {
    expect(classifyReason(text)).toMatchObject({ code, matchedPattern: true })
  })

  it('a phrase matched as typed still stands where a word glossed into a denial hides it', () => {
    // "nav" is a Latvian "is not": glossed, the phrase after it would read as denied.
    expect(classifyReason('the nav chart update never got loaded for two of our three boats')).toMatchObject({
      code: 'service_not_rendered',
      matchedPattern: true,
    })
  })
})

describe('a PO said to be required', () => {
  it.each([
    "kicked back with 'PO number required per clause 5 of the supply agreement'",
    'their AP says a purchase order is mandatory under the framework agreement',
    'rejected: requires a PO per the master services agreement',
  ])('%j is a missing PO by its phrase, whatever the agreement it cites', (text) => {
    expect(classifyReason(text)).toMatchObject({ code: 'missing_po', matchedPattern: true })
  })
})

describe('hire ended or off hire, work nobody approved, a service called a shambles', () => {
  it.each([
    [
      'Their site manager says the forklift went off hire on the Tuesday but we billed the whole week.',
      'service_not_rendered',
    ],
    [
      'Per the customer the hire of the scissor lift had already finished on 3 March, yet April is billed.',
      'contract_terms',
    ],
  ])('%j reads as %s', (text, reason) => {
    expect(classifyReason(text).code).toBe(reason)
  })
  it.each([
    [
      'Nobody on their side ever authorised the extra pallets of tape on 6120, they want them off.',
      'unrecognized_charge',
    ],
    [
      'The customer says the portable cabins were an absolute shambles and they will not pay the full week.',
      'service_dissatisfaction',
    ],
  ])('%j reads as %s by a phrase, not by a guess of the model alone', (text, reason) => {
    const r = classifyReason(text)
    expect(r.code).toBe(reason)
    expect(r.matchedPattern).toBe(true)
  })
})

describe('a charge the customer has never seen', () => {
  it('is a charge not recognised, not a term of the contract', () => {
    expect(
      classifyReason('"handling surcharge 42.00" on the July bill?? never seen that in our agreement, take it off')
        .code,
    ).toBe('unrecognized_charge')
  })
})

describe('more made than ordered, said of the count', () => {
  it.each([
    'the buyer says we ran and billed 5.4M cartons against a PO for 5M and wants the 400k over-run credited',
    'they were over-shipped by 1,500 sleeves and will not pay for them',
  ])('%j is a count dispute', (text) => {
    expect(classifyReason(text).code).toBe('quantity_discrepancy')
  })
  it('a price billed against the contract stays a price (check)', () => {
    expect(classifyReason('billed at 12.50 when the contract says 11.00').code).toBe('pricing_error')
  })
})

describe('a service out of action on named days', () => {
  it('in French, is a service not rendered, by a phrase', () => {
    const r = classifyReason('selon eux la climatisation de la salle serveurs était en panne les 2 et 3 juin')
    expect(r.code).toBe('service_not_rendered')
    expect(r.matchedPattern).toBe(true)
  })
  it.each([
    'their site says the cold store was down for three days in the heatwave',
    'the client portal was offline on the 3rd and 4th, they want those days off the hosting fee',
  ])('%j is a service not rendered (check)', (text) => {
    expect(classifyReason(text).code).toBe('service_not_rendered')
  })
})

describe('a sum of money short', () => {
  it('is no count of goods short: the cents are not a count', () => {
    expect(classifyReason('their transfer came in 212.40 short').code).not.toBe('quantity_discrepancy')
  })
  it('nor is a sum missing, whatever the model guesses at the words', () => {
    const r = classifyReason('€ 75 is still missing from the payment')
    expect(r.matchedPattern && r.code === 'quantity_discrepancy').toBe(false)
  })
})

describe('words that say nothing of the reason, and reasons said in other words', () => {
  it.each([
    ["our roofers keep finding cracks and delamination all over the batch, so we're knocking 600 off", 'damaged_goods'],
    ['driver says both sidewalls were sliced, they want the pair credited', 'damaged_goods'],
    ['the two scanners were not working from day one, they want them credited', 'damaged_goods'],
    [
      'Harlow say the calibration on QT-771 (1 x 120.00 + VAT = 144.00) was already on QT-768. They want QT-771 credited.',
      'duplicate_billing',
    ],
    ['the porters are not clearing the wards properly, the head nurse says', 'service_dissatisfaction'],
    ['the night cleaners are not emptying the bins properly', 'service_dissatisfaction'],
  ])('%j is %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  // A check: neither was read as a double billing before "was already on" was; both stay so.
  it.each(['the visit is already on our statement as paid', 'the lab fee was already included in the price'])(
    '%j is no double billing',
    (text) => {
      expect(classifyReason(text).code).not.toBe('duplicate_billing')
    },
  )

  it('a tax status in brackets beside a figure claims no tax error', () => {
    expect(
      classifyReason('Van de 400 zakken waren er 30 nat bij levering: 30 x 2,10 = 63,00 (btw verlegd)').code,
    ).not.toBe('tax_error')
    expect(classifyReason('they dispute 12 pallet-weeks, 12 x 9.50 = 114.00. Zero VAT (intracom).').code).not.toBe(
      'tax_error',
    )
  })
})
