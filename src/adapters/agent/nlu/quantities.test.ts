import { describe, expect, it } from 'vitest'
import { extractFacts } from './facts.ts'
import { loneCount } from './quantities.ts'

const today = '2026-05-20'
const read = (text: string) => extractFacts(text, { today }).facts

describe('counts of goods and visits in any wording', () => {
  it.each([
    ['six of the 30 chairs never turned up', { quantityAffected: 6, quantityBilled: 30 }],
    ["they're missing seven of the twenty boxes", { quantityAffected: 7, quantityBilled: 20 }],
    ['twenty-four of the 40 bags were torn', { quantityAffected: 24, quantityBilled: 40 }],
    ['fifteen of the sixty lamps were faulty', { quantityAffected: 15, quantityBilled: 60 }],
    ['3 of the 12 crates did not arrive', { quantityAffected: 3, quantityBilled: 12 }],
    ['nine of the 50 panels were missing from the drop', { quantityAffected: 9, quantityBilled: 50 }],
    ['they dispute 7 of the 20 cabinets, the doors were cracked', { quantityAffected: 7, quantityBilled: 20 }],
  ])('reads %j as the part affected of the part billed', (text, expected) => {
    const f = read(text)
    expect(f).toMatchObject(expected)
    expect(f.quantityReceived).toBeUndefined()
  })

  it.each([
    ['only 2 of the 4 visits took place', { quantityReceived: 2, quantityBilled: 4 }],
    ['just three of the five site visits happened', { quantityReceived: 3, quantityBilled: 5 }],
    ['the engineer only came out twice out of the four booked', { quantityReceived: 2, quantityBilled: 4 }],
    ['we billed 40 but only thirty-two were delivered', { quantityReceived: 32, quantityBilled: 40 }],
    ['they received forty-five of the sixty', { quantityReceived: 45, quantityBilled: 60 }],
  ])('reads %j as what was received or rendered of what was billed', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([
    ['short 3 ctns on the last drop', 3],
    ['a dozen arrived smashed', 12],
    ['two dozen cartons missing from the order', 24],
    ['they are short by eleven bags', 11],
    ['twenty-one tiles came cracked', 21],
    ['half a dozen mugs were chipped', 6],
  ])('reads %j as %i units affected', (text, affected) => {
    expect(read(text).quantityAffected).toBe(affected)
  })
})

describe('counts written in the customer’s language', () => {
  it.each([
    ['Wir haben nur 18 Kartons erhalten, berechnet 20', { quantityReceived: 18, quantityBilled: 20 }],
    ['de leverancier: 4 van de 16 dozen waren kapot', { quantityAffected: 4, quantityBilled: 16 }],
    ['Kunden fick bara 30 lådor, inte 36 som fakturerat', { quantityReceived: 30, quantityBilled: 36 }],
    ['2 af de 9 paller var beskadiget', { quantityAffected: 2, quantityBilled: 9 }],
    ['7 delle 40 confezioni sono arrivate danneggiate', { quantityAffected: 7, quantityBilled: 40 }],
  ])('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
})

describe('a count against the count billed, in any unit', () => {
  it.each([
    ['3 tank cleans, not 4', { quantityReceived: 3, quantityBilled: 4 }],
    ['only 11 shuttle runs not 12 that week', { quantityReceived: 11, quantityBilled: 12 }],
    ['they say 18 printed, not 20', { quantityReceived: 18, quantityBilled: 20 }],
  ])('reads %j as received against billed', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([['they want 60 days, not 30'], ['terms are 45 days not 30']])('reads no count in the terms %j', (text) => {
    const f = read(text)
    expect([f.quantityReceived, f.quantityBilled]).toEqual([undefined, undefined])
  })

  it('reads hours worked and then hours billed as a service not rendered', () => {
    const f = read('the signed job cards show 14 hours on site, the invoice charges 18')
    expect(f).toMatchObject({ quantityReceived: 14, quantityBilled: 18, hoursCounted: true })
    expect(f.reason?.code).toBe('service_not_rendered')
  })

  it('takes a count compared with the count billed over a model-only reading of the words', () => {
    // Units short, of goods or of a service: the invoice's line decides which (locate-claim).
    expect(['quantity_discrepancy', 'service_not_rendered']).toContain(
      read('Harbour Cafe: 5 deep cleans, not 6, the kitchen was shut one week').reason?.code,
    )
  })
})

describe('a damage claim among units that all came', () => {
  it('keeps the count affected and names the product, not a pronoun', () => {
    const f = read('all 12 pumps came, but 2 of them arrived cracked')
    expect(f).toMatchObject({ quantityAffected: 2 })
    expect(f.quantityReceived).toBeUndefined()
    expect(f.productWords).not.toBe('them')
  })
})

describe('one count said in two units', () => {
  it.each([
    ['we got 3 crates (36 jars) of the honey, you billed 48 jars', { quantityReceived: 36, quantityBilled: 48 }],
    ['received 60 tins (5 trays) and the invoice shows 6 trays', { quantityReceived: 5, quantityBilled: 6 }],
    ['received 60 tins = 5 trays, the invoice shows 6 trays', { quantityReceived: 5, quantityBilled: 6 }],
  ])('keeps the unit the rest of %j counts in', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([
    ['the invoice has 30 sacks, their yard counted 540 kilos = 27 Säcke', { quantityReceived: 27, quantityBilled: 30 }],
    ['billed 12 drums; they received 2,400 litres, i.e. 10 bidons', { quantityReceived: 10, quantityBilled: 12 }],
  ])("keeps the count of the billed count's size when neither unit is counted again in %j", (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
})

describe('counts told in more words than the verb rules expect', () => {
  it.each([
    ['we billed 480 m², their survey adds up to 455 m²', { quantityReceived: 455, quantityBilled: 480 }],
    [
      '5 of the 24 night patrols in June on the May invoice were never provided',
      { quantityAffected: 5, quantityBilled: 24 },
    ],
    ['3 of the 12 lessons were not provided', { quantityAffected: 3, quantityBilled: 12 }],
    ['they ran 9 airport shuttles really, not 11', { quantityReceived: 9, quantityBilled: 11 }],
  ])('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
})

describe('the one count of a damage claim', () => {
  it.each([
    ['4 crates of the lemons came in mouldy', 4],
    ['Ridgeway: invoice 8812 — six kegs turned up dented', 6],
    ['60 boxes arrived totally wet after the storm', 60],
    ['9 boxes arrived thawed', 9],
    ['the tiles u sent 3 days ago 8 boxes all wet', 8],
  ])('reads %j as %i affected', (text, n) => {
    expect(read(text).quantityAffected).toBe(n)
  })

  it.each([['the €40 case arrived dented']])('reads no count affected from %j', (text) => {
    expect(read(text).quantityAffected).toBeUndefined()
  })
})

describe('a span of time against another is terms, not a count', () => {
  it.each([['the invoice went out on 14 days instead of 60'], ['net 30 days rather than 45 days']])(
    'reads no count from %j',
    (text) => {
      const f = read(text)
      expect(f.quantityReceived).toBeUndefined()
      expect(f.quantityBilled).toBeUndefined()
    },
  )
})

describe('units of a service that went without it', () => {
  it.each([
    ['they say 6 late shifts in May had no guard on the gate', 6, 'late shifts'],
    ['12 of the rooms got no turndown service', 12, undefined],
  ])('%j affects %d', (text, n, product) => {
    const f = read(text)
    expect(f.quantityAffected).toBe(n)
    if (product) expect(f.productWords).toBe(product)
  })
})

describe('the goods between the verb and the count', () => {
  it.each([
    ['amehesabu upya: walipokea ndoo 46, si 48', 46, 48],
    ['the store counted boxes 31, not 36', 31, 36],
  ])('%j received %d of %d', (text, received, billed) => {
    const f = read(text)
    expect([f.quantityReceived, f.quantityBilled]).toEqual([received, billed])
  })
})

describe('the count after the damage', () => {
  it.each([
    ['ท่อเหล็กงอ 7 ท่อน ใช้ไม่ได้', 7],
    ['the crates came back, lids cracked 5, the rest fine', 5],
  ])('%j affects %d', (text, n) => {
    expect(read(text).quantityAffected).toBe(n)
  })

  it('is not a time', () => {
    expect(read('the pump arrived broken 3 days ago').quantityAffected).toBeUndefined()
  })
})

describe('packs and the measure they make', () => {
  it.each([
    ['3 drums came dented, 600 litres in total', 600],
    ['they say 4 bags (100 kg) were soaked', 100],
  ])('%j affects %d of the measure', (text, n) => {
    const f = read(text)
    expect(f.quantityAffected).toBe(n)
    expect(f.productWords).toBeUndefined()
  })
})

describe('days of a service against the days billed', () => {
  it.each([
    ['the scaffold was only up 9 days, not 12', 9, 12],
    ['the crane was there just 3 days instead of 5', 3, 5],
  ])('%j: %d of %d', (text, received, billed) => {
    const f = read(text)
    expect([f.quantityReceived, f.quantityBilled]).toEqual([received, billed])
  })

  it.each(['only 30 days, not 45, on their payment terms', 'they want 60 days, not 30'])('%j is terms', (text) => {
    expect(read(text).quantityBilled).toBeUndefined()
  })
})

describe('days of a month listed, and units too many', () => {
  it('reads no count from days listed after an arrival verb', () => {
    expect(read('the inspector never came 12 and 19 of the month').quantityReceived).toBeUndefined()
  })

  it.each([
    ['so 3 tests too many on the invoice', 3],
    ['they were charged two pallets too many', 2],
  ])('%j affects %d', (text, n) => {
    expect(read(text).quantityAffected).toBe(n)
  })
})

describe('a count billed with no unit of its own, beside counts in one unit', () => {
  it.each([
    ['their weighbridge showed 940 kg, we invoiced 1000. they want 60 kg knocked off', 940, 1000],
    ['client measured 75 m of fence on site against the 80 we billed', 75, 80],
    ['we billed 48, the site log has 44 panels', 44, 48],
  ])('reads %j as what came against what was billed', (text, received, billed) => {
    expect(read(text)).toMatchObject({ quantityReceived: received, quantityBilled: billed })
  })

  it('takes no unit from a date or a currency', () => {
    for (const text of ['we billed 600 on 12 October', 'we billed 600, they paid 550 EUR']) {
      expect(read(text).quantityReceived).toBeUndefined()
    }
  })

  it('leaves two counts that do not make up the count billed alone', () => {
    expect(read('we billed 100: 70 kg on the first pallet, 20 kg on the second').quantityReceived).toBeUndefined()
  })
})

describe('what each load brought, listed', () => {
  it.each([
    ['two lorries got here, 450 and 430 sacks, and we were invoiced for 900', { quantityReceived: 880 }],
    ['the deliveries were 120, 120 and 95 cartons; your bill says 360', { quantityReceived: 335 }],
    ['we received 60, 55 and 58 blocks although 180 were billed', { quantityReceived: 173 }],
    ['3 vans: 40, 40 & 32 crates came through, invoice shows 120', { quantityReceived: 112 }],
  ])('sums %j into what came', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it('leaves a list whose length is not the number of loads said as it is', () => {
    expect(read('two lorries came: 450, 430 and 20 sacks, we were invoiced for 900').quantityReceived).not.toBe(900)
  })

  it('never takes one figure of the list for an invoice number', () => {
    expect(
      read('the deliveries were 120, 120 and 95 cartons; your bill says 360').invoiceCandidates ?? [],
    ).not.toContain('120')
  })
})

describe('a figure "billed" beside money of its size is a price, not a count', () => {
  it.each([
    ['the rep offered CHF 410 for the oak desks, we billed 432. 6 units'],
    ['quoted at USD 88 per bench, invoiced 95 — 12 pcs'],
  ])('%j names no count received', (text) => {
    expect(read(text).quantityReceived).toBeUndefined()
  })
})

describe('units billed too many, said after the count', () => {
  it.each([
    ['so they say 40 sqm extra billed on the tiling', 40],
    ['the bill has 6 t too many charged', 6],
    ['they dispute 15 m3 of the concrete', 15],
    ['AP is querying 12 pallets on that one', 12],
  ])('%j names %i units in question', (text, n) => {
    expect(read(text).quantityAffected).toBe(n)
  })
})

describe('a count against the count billed, with the price billed beside it', () => {
  it('is about units, not the price ("30 loads = 240 m3, you billed 300 … @ 7.25")', () => {
    const f = read('INV-2817: the tanker brings 8 m3 a load; they dispute 60 m3 of the 300 billed @ USD 7.25')
    expect(f.billedUnitPrice).toBe('7.25')
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.reason?.code).toBe('quantity_discrepancy')
  })
})

describe('days of a month are never counts', () => {
  it.each([
    'We used the crane 3 to 9 June, not 10 to 14 June.',
    'the lease ran until 30 April; they want to pay 22 to 30 April, not 1 to 6 May.',
    'billed for the 2nd of March, not the 4th of March',
  ])('%j', (text) => {
    const f = read(text)
    expect(f.quantityReceived).toBeUndefined()
    expect(f.quantityBilled).toBeUndefined()
  })

  it('still reads a count beside a date', () => {
    expect(read('on 12 March only 40 of the 48 cartons arrived')).toMatchObject({
      quantityReceived: 40,
      quantityBilled: 48,
    })
  })
})

describe('the count billed, said after what was billed', () => {
  it('reads "billed freight on 46" as 46 billed', () => {
    expect(read('only 40 t came off the barge but we billed freight on 44')).toMatchObject({
      quantityReceived: 40,
      quantityBilled: 44,
    })
  })
  it('never reads a span of time as a count billed', () => {
    expect(read('they charged interest for 30 days').quantityBilled).toBeUndefined()
  })
  it('reads a day of a month in Spanish as a date, not a count', () => {
    const f = read('de las 20 bandejas del remito del 3 de marzo, 5 llegaron rotas')
    expect(f.quantityAffected).toBe(5)
    expect(f.quantityReceived).toBeUndefined()
  })
})

describe('a count beside one settled before', () => {
  it.each([
    ['we credited 12 of the tiles last month; 19 were cracked in all, they want the other 7 credited', 7],
    ['a credit note for 4 went out already, now they claim the remaining 3 that arrived damaged', 3],
  ])('%j is the one in question', (text, n) => {
    expect(read(text).quantityAffected).toBe(n)
  })
})

describe("a pack's size said as a multiplication", () => {
  it.each([
    ['we got 14 sacks x 50 kg, you billed 800 kg', { quantityReceived: 700, quantityBilled: 800 }],
    ['sorry, it was 3 torn sacks in the end. 3 sacks x 50 kg.', { quantityAffected: 150 }],
  ])('%j counts in the measure', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
  it('changes nothing without the multiplication', () => {
    expect(read('3 sacks arrived torn').quantityAffected).toBe(3)
  })
})

describe('beside the count billed, a count said as the one claimed', () => {
  it.each([
    'we billed 5 call-outs in May and they claim 2 call-outs back',
    'cobramos 5 visitas en mayo; el técnico vino una sola vez el 4. Reclaman 2 visitas',
  ])('is the count in dispute, not the count that came: %j', (text) => {
    const f = read(text)
    expect(f.quantityAffected).toBe(2)
    expect(f.quantityReceived).toBeUndefined()
  })
})

describe('a lone number said as the count compared', () => {
  it.each([
    ['Harbor Inn disputing inv 5521 - the crew logged 164 hrs that month not 172', 164, 172],
    ['re inv 7710: drivers worked 141 hrs last week not 145, they want the 4 off', 141, 145],
  ])('is a count, never hidden as an invoice number: %j', (text, received, billed) => {
    const f = read(text)
    expect(f.quantityReceived).toBe(received)
    expect(f.quantityBilled).toBe(billed)
  })
})

describe('counts in pasted French, and a message called a short one', () => {
  it.each([
    ['Il manque donc 14 cartons sur la livraison du 3 novembre', { quantityAffected: 14 }],
    ["notre entrepôt n'en avons réceptionné que 86", { quantityReceived: 86 }],
  ])('%j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([
    'Harbour Foods, short one:\n\nINV-5521 is billed twice, same PO.',
    'a quick one – they say the credit never came through',
  ])('%j counts nothing', (text) => {
    const f = read(text)
    expect(f.quantityAffected).toBeUndefined()
    expect(f.quantityReceived).toBeUndefined()
  })

  it('still reads "short one" said of the goods', () => {
    expect(read('the pallet came up short one box')).toMatchObject({ quantityAffected: 1 })
  })
})

describe('a count said to have arrived in order', () => {
  it.each([
    ['the 300 filters all arrived complete; the hoses: invoice says 90 m, the delivery note 72 m, 18 m missing'],
    ['los 300 filtros llegaron completos; mangueras: la factura dice 90 m y el albarán 72 m, faltan 18 m'],
  ])('is no count received of the claim: %j', (text) => {
    const f = read(text)
    expect([f.quantityReceived === 300, f.quantityAffected]).toEqual([false, 18])
  })
})

describe('a count in one clause and what went wrong in the next', () => {
  it.each([
    ['the docket says 120 rolls so 8 are missing, we pay for 112', 8],
    ['le bon dit 240 tuiles donc il en manque 15', 15],
  ])('%j: the count of the clause that says it', (text, affected) => {
    expect(read(text).quantityAffected).toBe(affected)
  })
})

describe('product words after a count in another language', () => {
  it.each([
    ['on en a 6 qui sont cassées', undefined],
    ['hemos recibido 9 que están rotas', undefined],
    ['6 lames sont cassées', 'lames'],
  ])('%j names %j', (text, product) => {
    const f = read(text)
    expect([f.quantityAffected !== undefined, f.productWords]).toEqual([true, product])
  })
})

describe('billed a number of times is no count billed', () => {
  it.each(['la commande nous a été facturée 2 fois', 'they billed 2 times for the one order'])('%j', (text) => {
    expect(read(text).quantityBilled).toBeUndefined()
  })
})

describe('how long a service took against the days billed', () => {
  it('is the days worked against the days billed', () => {
    expect(read('the audit took three days, not the four you billed')).toMatchObject({
      quantityReceived: 3,
      quantityBilled: 4,
    })
  })
})

describe('a damaged count corrected against the one said before', () => {
  it.each([['recount done: 12 cracked tiles, not 10'], ['sorry, it is 12 broken crates, not 10']])(
    'is the count damaged, not a count received against one billed: %j',
    (text) => {
      expect(read(text)).toMatchObject({ quantityAffected: 12 })
      expect(read(text).quantityReceived).toBeUndefined()
    },
  )
})

describe('a count of service billed against the record of it', () => {
  it.each([
    [
      'the roofer was billed at 14 hours, they say 11',
      { quantityReceived: 11, quantityBilled: 14, hoursCounted: true },
    ],
    ['we invoiced 30 hours; the tenant’s own timesheet says 26', { quantityReceived: 26, quantityBilled: 30 }],
    ['19 hours charged, job cards show 16 (see attached)', { quantityReceived: 16, quantityBilled: 19 }],
    ['charged for 7 call-outs, the site log shows 5', { quantityReceived: 5, quantityBilled: 7 }],
    [
      'their logbook has it running 17.5 hours, your invoice says 19.5',
      { quantityReceived: 17.5, quantityBilled: 19.5 },
    ],
    [
      'the statement lists 9 bin lifts but the truck only emptied them 6 times',
      { quantityReceived: 6, quantityBilled: 9 },
    ],
    ['the fitter worked 4 days, not 5. We will pay for 4 days only', { quantityReceived: 4, quantityBilled: 5 }],
    ['the loader was on site 3 shifts, not 4', { quantityReceived: 3, quantityBilled: 4 }],
  ])('%j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it.each([
    'we billed 5 call-outs and they claim 2 call-outs back',
    'they want 45 days, not 30, to pay',
    'billed at 12 hours, they say 14',
  ])('reads no count received in %j', (text) => {
    expect(read(text).quantityReceived).toBeUndefined()
  })
})

describe('counts in words that are not the damage or the shortfall', () => {
  it('"short" before a span of time describes it', () => {
    const f = read('the two short days were when the rain came; 26 hours billed, 23 worked')
    expect(f.quantityAffected).toBeUndefined()
  })
  it('"wet hire" is hire with an operator, nothing wet', () => {
    expect(read('the 12 tonne wet hire for the week of the 3rd').quantityAffected).toBeUndefined()
  })
  it('units billed too many with words between', () => {
    expect(read('so we have charged three hours of standby too many').quantityAffected).toBe(3)
  })
  it('small counts spelled in French, the thing counted between part and whole', () => {
    expect(read('seulement deux camions sur trois se sont présentés au dépôt')).toMatchObject({
      quantityReceived: 2,
      quantityBilled: 3,
    })
  })
})

describe('the count billed, then a connective and the count that came', () => {
  it.each([
    ['cobraram 30 garrafões mas só recebemos 27 no armazém', 30, 27],
    ['nos facturaron 120 bolsas y aquí llegaron 110 nomás', 120, 110],
    ['ci hanno fatturato 64 pallet ma ne sono arrivati 60', 64, 60],
  ])('%j is %d billed and %d received', (text, billed, received) => {
    expect(read(text)).toMatchObject({ quantityBilled: billed, quantityReceived: received })
  })
})

describe('packs of a size in the measure the other count is in', () => {
  it('are that many units of the measure', () => {
    expect(read('recibimos 14 tambores de 200 litros pero nos facturaron 3.000 litros')).toMatchObject({
      quantityReceived: 2800,
      quantityBilled: 3000,
    })
  })
  it('stay packs where no other count is in the measure ("bottles of 0.5 L" names the product)', () => {
    expect(read('they counted 1,204 bottles of 0.5 L but we billed 110 packs of twelve').quantityReceived).toBe(1204)
  })
  it('stay packs where the other count is in another measure of the same first letter (lbs are no litres)', () => {
    expect(read('we took in 30 jugs of 2 l and 50 lbs of rock salt; your bill has 36 jugs')).toMatchObject({
      quantityReceived: 30,
      quantityBilled: 36,
    })
  })
})

describe('one count said in packs and again in units, in the words of several languages', () => {
  it.each([
    'nos llegaron 9 cajas de 24 botellas, es decir 216 botellas, pero nos facturaron 240 botellas',
    'recebemos 9 caixas de 24 garrafas, ou seja 216 garrafas; foram faturadas 240 garrafas',
  ])('%j is units in the measure billed', (text) => {
    expect(read(text)).toMatchObject({ quantityReceived: 216, quantityBilled: 240 })
  })
})

describe('a product’s designation is no count of it', () => {
  it.each([
    ['four pails of 10W-30 invoiced, three delivered', 30],
    ['only 7 drums of gear oil SAE 90 came, they billed 8', 90],
  ])('%j holds no count %i', (text, code) => {
    const f = read(text)
    expect([f.quantityBilled, f.quantityReceived, f.quantityAffected]).not.toContain(code)
  })
})

describe('goods damaged on their way off a vehicle', () => {
  it('are damaged, not a count received', () => {
    expect(read('two of the five crates came off the lorry smashed')).toMatchObject({
      quantityAffected: 2,
      quantityBilled: 5,
    })
  })
  it('still leave a count that only came off the vehicle a count received', () => {
    expect(read('only 11 pallets came off the trailer').quantityReceived).toBe(11)
  })
})

describe('the part said after the whole, or with a long telling of the goods', () => {
  it.each([
    ['of the 6 pumps on that delivery, 2 won’t prime', { quantityAffected: 2, quantityBilled: 6 }],
    ['de los 20 sacos, 4 llegaron rotos', { quantityAffected: 4, quantityBilled: 20 }],
    ['9 of the 40 trays of eggs we took in on Monday were cracked', { quantityAffected: 9, quantityBilled: 40 }],
  ])('%j', (text, counts) => {
    expect(read(text)).toMatchObject(counts)
  })
  it('reads a count said both as delivered and as damaged as the count damaged', () => {
    const f = read('they say 6 of the 90 stools delivered to the canteen last week were cracked')
    expect(f).toMatchObject({ quantityAffected: 6, quantityBilled: 90 })
    expect(f.quantityReceived).toBeUndefined()
    expect(f.reason?.code).toBe('damaged_goods')
  })
  it('reads goods taken out of their wrapping with a defect as affected', () => {
    expect(read('of the 25 jackets, 4 came out of the box with loose stitching').quantityAffected).toBe(4)
    expect(read('seven came out of the crate with loose lids').quantityAffected).toBe(7)
  })
  it('names the goods, not the pack they came in', () => {
    expect(read('two of the 9 sacks of maize arrived wet').productWords).toBe('maize')
  })
  it('leaves a part said to be fine a count received', () => {
    expect(read('of the 12 pallets, 10 arrived fine').quantityAffected).toBeUndefined()
  })
})

describe('what the customer will pay for is what was done or came', () => {
  it('reads the hours paid for as the hours worked', () => {
    expect(read('the invoice bills 10 hours; we will pay for the 6 hours she actually worked')).toMatchObject({
      quantityReceived: 6,
      quantityBilled: 10,
      hoursCounted: true,
    })
  })
  it('counts hours against hours whichever rule read the two counts', () => {
    const f = read('nos facturaron 12 horas de grúa pero solo trabajó el 3 y el 4, unas 7 horas en total')
    expect(f).toMatchObject({ quantityReceived: 7, quantityBilled: 12, hoursCounted: true })
  })
})

describe('services that did not take place, counted', () => {
  it.each([
    ['of the 7 site walks on the invoice, 3 never took place', 3],
    ['they billed five tank cleans and two were cancelled', 2],
    ['we are not paying those 3 callouts', 3],
    ['the clinic will not pay 5 hours of that session', 5],
  ])('%j: %i not rendered', (text, count) => {
    expect(read(text).quantityAffected).toBe(count)
  })
  it('reads "none of the N" as all N', () => {
    expect(read('the inspector came to none of the 4 audits we paid for')).toMatchObject({
      quantityAffected: 4,
      quantityBilled: 4,
    })
    expect(read('ninguna de las 3 podas se hizo')).toMatchObject({ quantityAffected: 3 })
  })
  it('counts no papers, no money refused and no day', () => {
    expect(read('we never received any of the 3 reminders').quantityAffected).toBeUndefined()
    expect(read('on Friday 12 at the depot the technician never came').quantityAffected).toBeUndefined()
    expect(read('we will not pay 450 dollars for that').quantityAffected).toBeUndefined()
  })
})

describe('a day written with its ordinal dot before a month', () => {
  it.each(['the fitter never came 28. September, 5 visits invoiced', 'never showed 14. March, 6 visits billed'])(
    'is no count in %j',
    (text) => {
      const f = read(text)
      expect(f.quantityReceived).toBeUndefined()
      expect(f.quantityAffected).toBeUndefined()
    },
  )
})

describe('the count billed said with what it counts', () => {
  it.each([
    ['eight drums of hydraulic fluid invoiced, six delivered', { quantityBilled: 8, quantityReceived: 6 }],
    ['12 pallets of roof tiles billed but 10 came', { quantityBilled: 12, quantityReceived: 10 }],
  ])('reads %j', (text, counts) => {
    expect(read(text)).toMatchObject(counts)
  })
  it('is not a count of them ("3 of them billed twice")', () => {
    expect(read('3 of them billed twice').quantityBilled).toBeUndefined()
  })
})

describe('counts said in dozens', () => {
  it.each([
    ['the depot says 3 dozen tubes short', 'quantityAffected', 36],
    ['billed 480 valves, their store received 38 dozen.', 'quantityReceived', 456],
  ] as const)('%j', (text, key, n) => {
    expect(read(text)[key]).toBe(n)
  })
  it('leaves the Dutch "dozen" (boxes) a count of boxes: "4 van de 16 dozen waren kapot"', () => {
    expect(read('4 van de 16 dozen waren kapot').quantityBilled).toBe(16)
  })
})

describe('the one count of a message', () => {
  it('is never the thousands of a sum grouped by a space', () => {
    expect(loneCount('So 2 days x R1 450 plus VAT.')?.count).not.toBe(450)
  })
})

describe('chat spellings and dates written month first', () => {
  it('reads units delivered that have damage as damaged, not as those received', () => {
    const f = read('2 of the 12 wall clocking units delivered 08/05 have cracked housings')
    expect(f.quantityAffected).toBe(2)
    expect(f.quantityReceived).toBeUndefined()
  })
  it('reads "w/" as with: goods that came with damage are damaged, not received', () => {
    const f = read('one of the 4 pumps showed up w/ a split casing')
    expect(f.quantityAffected).toBe(1)
    expect(f.quantityReceived).toBeUndefined()
  })
  // The second is a check (read so before).
  it.each(['12 sacks from the Oct 3 drop were torn', 'the Sept 14 load: 20 crates were crushed'])(
    'reads no count from the day of %j',
    (text) => {
      const q = read(text)
      expect([q.quantityAffected, q.quantityReceived]).not.toContain(3)
      expect([q.quantityAffected, q.quantityReceived]).not.toContain(14)
    },
  )
})

describe('counts that a sentence break or a change of number sets apart', () => {
  it.each([
    [
      'their gate scanner for the fortnight shows 912 standard hours for our pickers. we invoiced 940',
      { quantityReceived: 912, quantityBilled: 940, hoursCounted: true },
    ],
    [
      'the site diary has 31 hours. the invoice says 36',
      { quantityReceived: 31, quantityBilled: 36, hoursCounted: true },
    ],
    // The same units reduced to a count: what is in use, not a price.
    [
      'in June you still billed 64 licensed users while they were cut to 50 as of the 1st of June',
      { quantityReceived: 50, quantityBilled: 64 },
    ],
  ])('%j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it('units to come off are the claim; a count of people who came is not units of the line', () => {
    const facts = read(
      'Billed 30 night hours for the 14th, but only three of our guards were there, 8 hrs each. They want the 6 night hours taken off.',
    )
    expect(facts).toMatchObject({ quantityAffected: 6 })
    expect(facts.quantityReceived).toBeUndefined()
  })
})

describe('counts bought below those billed, a count corrected, and weight to come back', () => {
  it.each([
    ['the May bill charges for 30 agent seats while they only bought 24', { quantityReceived: 24, quantityBilled: 30 }],
    ['we invoiced 12 licences while they use 9', { quantityReceived: 9, quantityBilled: 12 }],
    ['correction: it is 3 cleans not done, not 4', { quantityAffected: 3 }],
    ['they want the 2.5 cwt back, $61.25', { quantityAffected: 2.5 }],
  ])('%j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })

  it('a count said not done that replaces another leaves no count received or billed', () => {
    const facts = read('correction: it is 3 cleans not done, not 4')
    expect(facts.quantityReceived).toBeUndefined()
    expect(facts.quantityBilled).toBeUndefined()
  })
})

describe('a count of a service billed, then how often it came', () => {
  it('reads the times it came as the count received', () => {
    expect(read('8 inspections billed, their log shows the inspector was only there 5 times')).toMatchObject({
      quantityReceived: 5,
      quantityBilled: 8,
    })
  })
})

describe('units claimed, in Spanish too', () => {
  it('the units a Spanish message claims are the units affected, not the units that came', () => {
    const facts = read('les facturamos 20 kits y la remisión dice 18. Reclaman los 2 kits.')
    expect(facts).toMatchObject({ quantityAffected: 2, quantityBilled: 20 })
    expect(facts.quantityReceived).toBeUndefined()
  })
})

describe('counts said with when they were, or across two sentences', () => {
  it.each([
    [
      'The log runs to five hours. The bill charges our technician for seven hours.',
      { quantityReceived: 5, quantityBilled: 7 },
    ],
    ['the crane was only on site 3 days in March, not 4', { quantityReceived: 3, quantityBilled: 4 }],
    ['they only had the heater two weeks and we charged them for three', { quantityReceived: 2, quantityBilled: 3 }],
    ['they only had 7 bin swaps in May, not 8', { quantityReceived: 7, quantityBilled: 8 }],
    ['9 hrs billed, they claim our fitter only logged 7 on the job sheet', { quantityReceived: 7, quantityBilled: 9 }],
    ['They want those 3 collections taken off', { quantityAffected: 3 }],
    ['The client says 40 hours is too many; they want 5 knocked off.', { quantityAffected: 5, quantityBilled: 40 }],
  ])('%j', (text, expected) => {
    expect(read(text)).toMatchObject(expected)
  })
})
