import { describe, expect, it } from 'vitest'
import { extractFacts } from './facts.ts'
import { findAmounts, normalizeNumber } from './amounts.ts'

// Written fresh in the voices of UK and US AR specialists; each table is one class of wording.
const today = '2026-05-20' // a Wednesday
const amountOf = (text: string) => {
  const a = extractFacts(text, { today }).facts.amount
  return a && { value: a.value, currency: a.currency }
}

describe('the disputed amount in any wording', () => {
  it.each([
    ['the hotel group is short-paying R4 310 on the June statement', '4310.00', 'ZAR'],
    ['they want KSh 12,000 credited', '12000.00', 'KES'],
  ])('reads a currency symbol made of letters in %j as %s %s', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })

  it.each([['PR745 was closed, the carrier lost 24 Rolls'], ['Unit R2 is where it was delivered']])(
    'reads no rand in %j',
    (text) => {
      expect(amountOf(text)?.currency).not.toBe('ZAR')
    },
  )

  it.each([
    ['60 sacos a 7,10, reclaman 14,40', '7.10', '14.40'],
    ['100 stk à 2,50 - de vil ha 30,00 tilbage', '2.50', '30.00'],
  ])('reads the price after a count and its unit in %j as a price, not the amount', (text, price, amount) => {
    const facts = extractFacts(text, { today }).facts
    expect(facts.amount?.value).toBe(amount)
    expect([facts.expectedUnitPrice, facts.billedUnitPrice]).toContain(price)
  })

  it.each([
    ['they claim 410,00 € + IVA back on the tiles'],
    ['the overcharge comes to R1 200 ex VAT'],
    ['ils réclament 350 € HT'],
    ['sie fordern 96,00 € zzgl. MwSt zurück'],
    ['traže razliku: 250 × 12 = 3.000 + PDV'],
    ['they reckon 40 x 15 = 600 plus GST is owed back'],
    ['хотят 1 200 руб. + НДС назад'],
  ])('takes no disputed amount from a figure said before tax (%j): the evidence adds the tax', (text) => {
    expect(amountOf(text)).toBeUndefined()
  })

  it.each([
    ['Harlow Estates are querying about £1.2k on INV-88410', '1200.00', 'GBP'],
    ["they're short-paying 1.5k on the last invoice", '1500.00', undefined],
    ['client wants $2.4m credited, which is obviously wrong', '2400000.00', 'USD'],
    ['disputing €12.5K for the scaffold hire', '12500.00', 'EUR'],
    ['they knocked 3k off the remittance', '3000.00', undefined],
    ['customer is claiming ¥750k back', '750000', 'JPY'],
    ['they want USD 4.25M credited across the programme', '4250000.00', 'USD'],
  ])('reads a k/m suffix in %j as %s %s', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })

  it.each([
    ["they're contesting EUR 1 250,00 on the freight", '1250.00', 'EUR'],
    ['AP short-paid us 12 500,50 € on the April run', '12500.50', 'EUR'],
    ["they want CHF 1'250.00 back for the call-out", '1250.00', 'CHF'],
    ['the disputed total is 1.250,00 € per their AP', '1250.00', 'EUR'],
    ['disputing $1,250,000.00 across the rollout', '1250000.00', 'USD'],
    ['they claim £2 340.75 was overbilled', '2340.75', 'GBP'],
  ])('reads the thousands separators in %j as %s %s', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })

  it.each([
    ["they're disputing three hundred pounds of the delivery charge", '300.00', 'GBP'],
    ['short-paid by two hundred twelve dollars and forty cents', '212.40', 'USD'],
    ['customer wants forty-two euros back for the pallet fee', '42.00', 'EUR'],
    ['disputing twelve hundred dollars on INV-5510', '1200.00', 'USD'],
    ["they reckon they're owed fifteen hundred quid", '1500.00', 'GBP'],
    ['they want a credit of two thousand five hundred dollars', '2500.00', 'USD'],
    ['about seventy-five bucks is in dispute on the callout', '75.00', 'USD'],
    ['one hundred and twenty pounds is what they are disputing', '120.00', 'GBP'],
  ])('reads the spelled-out amount in %j as %s %s', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })

  it.each([
    ['they paid on 02.03.2026 by BACS'],
    ['the credit note dated 15.04.2026 never reached them'],
    ['disputing the invoice of 3.4.2026 for the hoist hire'],
    ['remittance came through 12.05.26, they say it covers everything'],
    ['they claim the 2026.03.02 delivery was short'],
  ])('reads no amount from the date in %j', (text) => {
    expect(amountOf(text)).toBeUndefined()
  })

  it.each([
    ['they want credit for 4 valves that arrived cracked'],
    ['customer is disputing 2 pallets on INV-3320'],
    ['claiming 6 drums were never delivered'],
    ['refund for 3 tyres please, they were the wrong size'],
    ['disputing 9 laptops on the last order'],
    ['they are contesting 14 chairs from the March delivery'],
  ])('reads no amount from the count of goods in %j', (text) => {
    expect(amountOf(text)).toBeUndefined()
  })

  it.each([
    ['they paid with ref HFS0528'],
    ['BACS reference ABC12345 should cover it'],
    ['remittance says KLM 7781, paid in full'],
    ['their payment ID is TRX 20931'],
    ['the payment ref is GBP2291'],
    ['they are disputing 15 per cent of the invoice'],
    ['disputing 12.5% of the freight charge'],
    ['call their AP on 0161 496 0732 about the credit'],
  ])('reads no amount from the reference, percentage or phone number in %j', (text) => {
    expect(amountOf(text)).toBeUndefined()
  })

  it.each([
    ['ring their AP on 0161 496 0732 about the £300 credit', '300.00', 'GBP'],
    ['GBP 450 in dispute, their ref is QPR 1120', '450.00', 'GBP'],
    ['ref ZX4471: they want $86.40 back', '86.40', 'USD'],
    ['disputing 20% of the invoice, that is $1,200.00', '1200.00', 'USD'],
    ['they short-paid 2 pallets, 340.00 in all', '340.00', undefined],
  ])('still reads the real amount beside a reference or count in %j', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })
})

describe('currency names and scale words after a figure', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    ['they wired 1,250,000 won last week', '1250000.00'],
    ['disputing 3,400 baht on the laundry', '3400.00'],
    ['short paid 640 zlotys', '640.00'],
    ['they want four hundred pesos back', '400.00'],
  ])('reads %j as money (%s)', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it.each([
    ['la tienda dice que le debemos 275 dólares', '275.00'],
    ['nos deben 275 dolares por las cajas', '275.00'],
    ['il reste 38 500 francs à régler', '38500.00'],
    ['faltaram 1.250 reais na nota', '1250.00'],
  ])('reads a currency named in Spanish, Portuguese or French in %j (%s)', (text, value) => {
    const f = extractFacts(text, ctx).facts
    expect(f.amount?.value).toBe(value)
    // Said with a currency's name, the figure is no invoice number either.
    expect(f.invoiceCandidates).toBeUndefined()
  })

  it.each([
    ['請求額は128,400円でした', '128400', 'JPY'],
    ['差額 3.2万円 を返金してほしい', '32000', 'JPY'],
    ['공급가 48,700원으로 청구됐어요', '48700', 'KRW'],
    ['총 2억 원이 아니라', '200000000', 'KRW'],
    ['төлбөр 650,000₮ болно', '650000.00', 'MNT'],
  ])('reads a sign written right after the figure, without a space, in %j (%s %s)', (text, value, currency) => {
    expect(extractFacts(text, ctx).facts.amount).toMatchObject({ value, currency })
  })

  it.each([
    ['金额合计 5.8万', '58000.00'],
    ['共计2亿', '200000000.00'],
    ['약 7천', '7000.00'],
  ])('reads an East Asian scale sign at the end of a figure in %j (%s)', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it('keeps a name that is also an everyday word a count unless written as money', () => {
    expect(extractFacts('nous avons reçu 20 livres abîmés', ctx).facts.amount).toBeUndefined()
  })

  it('reads the dong written as the letter đ after the figure', () => {
    expect(extractFacts('họ trả thiếu 4.350.000đ (phí vận chuyển)', ctx).facts.amount).toMatchObject({
      value: '4350000',
      currency: 'VND',
    })
  })

  it('takes "più IVA" for how the figure is counted, not a tax claim', () => {
    const f = extractFacts('il prezzo concordato era 7,80 al chilo, chiediamo indietro 31,20 € più IVA', ctx).facts
    expect(f.expectedUnitPrice).toBe('7.80')
    expect(f.reason?.code).not.toBe('tax_error')
  })

  it('reads a Turkish price claim: the price billed per kilo against the one agreed', () => {
    const f = extractFacts(
      "zeytinyağının kilosu 412 TL'den kesmişiz, anlaşmamız 395 TL. 30 kilo, KDV ile 561 TL istiyor",
      ctx,
    ).facts
    expect(f.expectedUnitPrice).toBe('395.00')
    expect(f.reason?.code).toBe('pricing_error')
  })

  it('takes the total after a Greek figure said before tax', () => {
    expect(extractFacts('ζητάει πίσω 40,00 € συν ΦΠΑ, σύνολο 49,60 €', ctx).facts.amount?.value).toBe('49.60')
  })

  it('reads a figure grouped in millions as money without a currency', () => {
    expect(extractFacts('they are holding the whole bill, 3,418,250, until we fix it', ctx).facts.amount?.value).toBe(
      '3418250.00',
    )
  })

  it('names the currency when only one currency has the name', () => {
    expect(extractFacts('short paid 640 zlotys', ctx).facts.amount?.currency).toBe('PLN')
    // Several currencies are called "peso": money, the invoice's currency stands.
    expect(extractFacts('they want 400 pesos back', ctx).facts.amount?.currency).toBeUndefined()
  })

  it.each([
    ['they are holding back ₹4.5 lakh', '450000.00'],
    ['disputing Rs 2 crore on the contract', '20000000.00'],
  ])('reads the Indian scale word in %j as %s', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it('reads a price written as an invoice line ("7.90 x 40 bags") as the billed price', () => {
    const f = extractFacts('cement should be 7.20/bag, they charge 7.90 x 40 bags', ctx).facts
    expect([f.expectedUnitPrice, f.billedUnitPrice]).toEqual(['7.20', '7.90'])
    expect(f.reason?.code).toBe('pricing_error')
  })
})

describe('currencies of three minor digits', () => {
  it.each([
    ['they query the call-out fee of KWD 35.000', '35.000', 'KWD'],
    ['BHD 1,240.750 is in dispute', '1240.750', 'BHD'],
  ])('reads %j as %s %s, the three digits after one separator being fils', (text, value, currency) => {
    expect(amountOf(text)).toEqual({ value, currency })
  })
})

describe('the price a customer says was agreed', () => {
  it.each([
    ['pumps billed at 310.00 each, but the price agreed with our Mr. Hale was 290.00', '290.00'],
    ['the rate quoted by their rep is 18.50', '18.50'],
    ['nos cobraron 6.40 el saco y tenemos negociado 5.95', '5.95'],
  ])('reads the agreed figure in %j as the right price', (text, price) => {
    expect(extractFacts(text, { today }).facts.expectedUnitPrice).toBe(price)
  })
})

describe('currency symbols written in letters, from ICU', () => {
  it.each([
    ['the fine of Rp 48.500 on it', '48500.00', 'IDR'],
    ['a 12 000 Ft delivery charge', '12000.00', 'HUF'],
    ['charged 450 zł for it', '450.00', 'PLN'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(findAmounts(text)[0]).toMatchObject({ value, currency })
  })

  it('reads a symbol several currencies share as money in no currency of its own', () => {
    expect(findAmounts('the 1 250 kr line')[0]).toMatchObject({ value: '1250.00' })
    expect(findAmounts('the 1 250 kr line')[0]?.currency ?? null).toBeNull()
  })
})

describe('a figure per unit is not the amount in dispute', () => {
  it.each([
    ['they only want the 2.50 difference on the 80 crates, 240.00 with tax', '240.00'],
    ['scratch that: a 4 gap across all 60 sacks, so 288 incl. VAT', '288.00'],
    // A difference "a" unit, then the total said "in all".
    ['the crane rate is $55 too much a day, $385 in all', '385.00'],
    // A bare figure said to be charged too much, in the customer's language too.
    ['son 9 cajas = 171 de más, favor corregir', '171.00'],
    ['they are 96 too much on the tiles', '96.00'],
    ['we pay €0.40 more per bottle than agreed, 600 bottles, €240 altogether', '240.00'],
  ])('reads %j as %s', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })

  it('takes no amount from a difference per unit said alone', () => {
    expect(amountOf('they want the 1.20 difference on the 500 bottles back')).toBeUndefined()
    expect(amountOf('the hire is $70 too much a week on each scaffold tower')).toBeUndefined()
  })
})

describe('a figure naming one charge is money, in a currency written without decimals too', () => {
  it.each([
    ['the hotel is querying a 95 000 cleaning charge on 0712', '95000.00'],
    ['they dispute the 45 handling fee', '45.00'],
  ])('reads %j as %s', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
    expect(extractFacts(text, { today }).facts.invoiceCandidates ?? []).not.toContain('000')
  })

  it('counts charges said in the plural', () => {
    expect(amountOf('they were billed 3 callout charges')).toBeUndefined()
  })
})

describe('prices and amounts written the local way', () => {
  const facts = (text: string) => extractFacts(text, { today }).facts

  it('reads pence written onto the figure as a price in cents', () => {
    const f = facts('the window cleaning should be 42p a pane per the agreement, we billed 45p on 3,000')
    expect(f.expectedUnitPrice).toBe('0.4200')
    expect(f.billedUnitPrice).toBe('0.4500')
    expect(facts('the driver came at 3pm').amount).toBeUndefined()
  })

  it('reads no rand in a product code that starts with R', () => {
    const f = facts('they got 3 cylinders of R134A, the invoice has 4 cylinders')
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.amount).toBeUndefined()
  })

  it('reads TL as Turkish lira', () => {
    expect(facts('they want 1.250 TL back').amount).toMatchObject({ value: '1250.00', currency: 'TRY' })
  })

  it('reads a figure said as the unit price, beside the agreed one, as the price billed', () => {
    const f = facts('unit price 52 TL on the bill, but the agreed price was 48 TL')
    expect(f).toMatchObject({ billedUnitPrice: '52.00', expectedUnitPrice: '48.00' })
    expect(f.amount).toBeUndefined()
  })

  it('reads a total with its tax and the claiming words in the customer language', () => {
    const text =
      'Fra kunden: "stykprisen er 2,10 kr., aftalen siger 1,95 kr., i alt 375,00 inkl. moms, og de ønsker beløbet krediteret"'
    expect(facts(text).amount?.value).toBe('375.00')
  })
})

describe('the reason a deduction gives is the reason', () => {
  it.each([
    ['Norland short-paid 5521 by 180.00, remittance says 3 TRAYS BROKEN IN TRANSIT', 'damaged_goods'],
    ['Lindqvist deducted 96 euro, remittance advice: "price difference 1,20/1,12 on the lids"', 'pricing_error'],
  ])('%j is %s, not a payment claim', (text, code) => {
    expect(extractFacts(text, { today }).facts.reason?.code).toBe(code)
  })
})

describe('figures that are not money or not the claim', () => {
  const facts = (text: string) => extractFacts(text, { today }).facts

  it('reads a lower-case m after a measure as metres, not millions', () => {
    expect(facts('tarps 4ft x 30m: only 18 reached the yard, we billed 20').amount).toBeUndefined()
  })

  it('reads the guaraní sign', () => {
    expect(facts('the difference is Gs. 22.500').amount).toMatchObject({ value: '22500', currency: 'PYG' })
  })

  it('reads a year after its month as a year, never a price or the amount', () => {
    const f = facts('the service agreement ran from March 2024 to February 2025 and this bill is for April, 610.00')
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.amount?.value).toBe('610.00')
  })

  it('takes no figure put off to another message, and one refused as the claim', () => {
    const text =
      'Of the 10 guides we got 7, so 3 x USD 40.00 = USD 120.00 we do not pay. The binding USD 85.00 is fine. The postage USD 22.00 we will ask about separately.'
    expect(facts(text).amount?.value).toBe('120.00')
  })

  it('reads "F" after a grouped figure as the CFA franc, and not after a bare one', () => {
    expect(findAmounts('ils contestent 41 250 F de frais')[0]?.value).toBe('41250.00')
    expect(findAmounts('the cold room read 38 F at delivery')).toEqual([])
  })

  it('takes no price the customer accepts', () => {
    const f = facts('the 7.20 a tray is fine, it is the count: they signed for 40 trays, not 44')
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f).toMatchObject({ quantityReceived: 40, quantityBilled: 44 })
  })
})

describe('currencies of three minor digits and letter signs', () => {
  const facts = (text: string) => extractFacts(text, { today }).facts
  it.each([
    ['they want BD 12.450 back incl VAT', '12.450', 'BHD'],
    ['credit of KD 7.125 please', '7.125', 'KWD'],
    ['просять повернути 2 310,00 грн', '2310.00', 'UAH'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(facts(text).amount).toMatchObject({ value, currency })
  })
})

describe('a rate set against another figure', () => {
  it('reads "rate X instead of Y" as the rate billed against the rate expected', () => {
    const f = extractFacts('the daily rate EUR 410 instead of 380 per the framework', { today }).facts
    expect(f).toMatchObject({ billedUnitPrice: '410.00', expectedUnitPrice: '380.00' })
  })

  it('reads a price beside counts compared, with no word that it should differ, as context', () => {
    const f = extractFacts('they got 4 pumps, not 5 - EUR 220 per pump', { today }).facts
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f).toMatchObject({ quantityReceived: 4, quantityBilled: 5 })
    expect(f.reason?.code).toBe('quantity_discrepancy')
  })
})

describe('currency signs ICU knows in the customer’s own locale, before or after the figure', () => {
  it.each([
    ['they paid 48 200 ₸ on the 3rd', '48200.00', 'KZT'],
    ['a fee of 350 ₾ nobody ordered', '350.00', 'GEL'],
    ['the deposit line is 90,000₮', '90000.00', 'MNT'],
    ['৳ 12,500 short', '12500.00', 'BDT'],
    ['they want Tk 2,300 back', '2300.00', 'BDT'],
    ['разница 9 400 тг', '9400.00', 'KZT'],
    // The sign ICU gives in the region's own language (Sesotho for the loti, siSwati for the lilangeni),
    // its thousands grouped by a space: never the figure after the space alone.
    ['they only owe M2 418.50 of it', '2418.50', 'LSL'],
    ['take E3 905.00 off the bill', '3905.00', 'SZL'],
  ])('%j is %s %s', (text, value, currency) => {
    expect(findAmounts(text)[0]).toMatchObject({ value, currency })
  })
})

describe('a count times a price', () => {
  const ctx = { today: '2026-03-15' }
  it('is the billed price in a clause that says it was billed', () => {
    const f = extractFacts('INV-5510: 1,200 × 3.15 invoiced, but only 1,150 pcs were delivered', ctx).facts
    expect(f.billedUnitPrice).toBe('3.15')
    expect(f.amount).toBeUndefined()
  })

  it('is the agreed price in a clause that quotes the agreement', () => {
    const f = extractFacts('INV-5510: the agreement reads 1,200 x 2.95, you billed 3.15', ctx).facts
    expect([f.expectedUnitPrice, f.billedUnitPrice]).toEqual(['2.95', '3.15'])
  })

  it('makes the sum claimed when nobody says its result ("3 x 118 EUR to be credited")', () => {
    const f = extractFacts('INV-5510: 3 of the pumps came cracked, please credit 3 x 118.40 EUR', ctx).facts
    expect(f.amount?.value).toBe('355.20')
    expect(f.expectedUnitPrice).toBeUndefined()
  })

  it('is a term of working, not a price, when a result follows it ("300 × 12 = 3.600")', () => {
    const f = extractFacts('INV-5510: the difference is 300 × 12 = 3.600 + VAT', ctx).facts
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.billedUnitPrice).toBeUndefined()
  })
})

describe('a currency written with one letter where it is used', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    ['the school wants Q2,350.00 back for the water', '2350.00', 'GTQ'],
    // A check: the naira's ₦ typed as N (read so before).
    ['Lagos depot wants N45,000.00 credited for the torn sacks', '45000.00', 'NGN'],
    ['they will only pay E980.50 of it', '980.50', 'SZL'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(extractFacts(text, ctx).facts.amount).toMatchObject({ value, currency })
  })

  it.each([
    ['the farm is short-paying K4,120.00', '4120.00'],
    // The pula's P, and the peso's ₱ typed as the letter it strikes through.
    ['Gaborone office disputes P12,400.00 on the courier run', '12400.00'],
    ['Cebu site says P8,960.00 was overcharged', '8960.00'],
  ])('reads a letter several currencies share as money in the invoice currency: %j', (text, value) => {
    const a = extractFacts(text, ctx).facts.amount
    expect(a?.value).toBe(value)
    expect(a?.currency).toBeUndefined()
  })

  it.each([
    ['the Q3 invoice for pump 4411'],
    ['parts for the L200 pickup were billed twice'],
    ['two jerrycans of 25 L leaked'],
  ])('reads no money in a quarter or a model name: %j', (text) => {
    expect(extractFacts(text, ctx).facts.amount).toBeUndefined()
  })
})

describe('which figure is the claim', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    [
      'We settled the full 48,200.00 on the 2nd, a week late. A single month of charges is fair, so please reverse 964.00.',
      '964.00',
    ],
    ['credit 6 drums @ 1,250.00 + 16% VAT = USD 8,700.00 please', '8700.00'],
    // A part accepted, then the sum of what a later sentence contests.
    [
      'The invoice bills hosting (EUR 1,200.00), which we accept, and four audits. We contest the audits of 3 and 9 June, amounting to EUR 840.00.',
      '840.00',
    ],
  ])('%j claims %s', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it('reads a credit asked for a count at a price as the price billed, not a price in dispute', () => {
    const f = extractFacts('INV-7391: three pumps came with cracked housings, credit 3 pumps @ 410.00', ctx).facts
    expect(f.billedUnitPrice).toBe('410.00')
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.reason?.code).not.toBe('pricing_error')
  })
})

describe('a short sign of Latin capitals where the currency is used', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    ['ils contestent 3 412,750 DT pour mars', '3412.750', 'TND'],
    ['el cliente reclama S/ 1,240.00 de la guía', '1240.00', 'PEN'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(extractFacts(text, ctx).facts.amount).toMatchObject({ value, currency })
  })
  it('reads no money in a VAT number that begins with a country code ("FR 61 318 204 775")', () => {
    expect(extractFacts('nous sommes assujettis, n° TVA FR 61 318 204 775', ctx).facts.amount).toBeUndefined()
  })
  it('reads no money in "3 FC" or "Le 12 mars"', () => {
    expect(extractFacts('the 3 FC badges were missing', ctx).facts.amount).toBeUndefined()
    expect(extractFacts('Le 12 mars, rien', ctx).facts.amount).toBeUndefined()
  })
})

describe('a figure before a unit of measure is a quantity, never money', () => {
  it.each([
    ['the scale gave 212,40 t, you billed 219,75 t; we claim the difference, $ 8.120,55 with tax', ['8120.55']],
    ['we got 1,480 l of diesel, not 1,600 l; credit 96.00 please', ['96.00']],
    ['the survey says 455.5 m² and you billed 480 m²: 312.40 back', ['312.40']],
  ])('%j', (text, values) => {
    expect(findAmounts(text).map((a) => a.value)).toEqual(values)
  })
})

describe('a currency word that names no one currency', () => {
  it.each([
    ['ils réclament 36 000 F CFA pour les caisses manquantes', '36000.00'],
    ['un avoir de 18 500 FCFA', '18500.00'],
  ])('%j is money in the invoice currency', (text, value) => {
    const [a] = findAmounts(text)
    expect(a?.value).toBe(value)
    expect(a?.currency).toBeUndefined()
  })
})

describe('the figure the customer asks for, in their own language', () => {
  it('outweighs the line total quoted before it', () => {
    const text =
      'Ils contestent 30 sacs facturés à 1 500 (45 000,00), ils n’en ont reçu que 27, et veulent 4 500,00 de moins.'
    expect(extractFacts(text, { today: '2026-05-20' }).facts.amount?.value).toBe('4500.00')
  })
})

describe('chat figures: a checked working, lower-case codes, dates and names that are words', () => {
  it.each([
    // The result of a multiplication that the terms give, written as money is.
    ['they counted 140 crates, we billed 150. 10 x 265 = 2 650', ['2650.00']],
    ['only 1,6 t came not 2,1. 0,5 t x 41 200 = 20 600', ['20600.00']],
    // A count after "=" stays a count; a result the terms do not give is not taken.
    ['3 pallets x 40 = 120', []],
    ['15 x 265 = 2 000', []],
  ])('%j', (text, values) => {
    expect(findAmounts(text).map((a) => a.value)).toEqual(values)
  })

  it.each([
    ['the dup is the one issued 4 oct, 318 500 amd', '318500.00', 'AMD'],
    ['refund 75usd pls', '75.00', 'USD'],
    ['the credit is 2,4k usd', '2400.00', 'USD'],
    ['the last month = 96 400 kip', '96400.00', 'LAK'],
    // A currency's name of three letters is not a code typed in lower case.
    ['they were quoted 900 yen a piece', '900', 'JPY'],
  ])('%j reads the currency typed in lower case or as an everyday word', (text, value, currency) => {
    const found = findAmounts(text).find((a) => a.value === value)
    expect(found?.currency).toBe(currency)
  })

  it.each([
    ['pero 300 ang nasa resibo'],
    ['2 real problems with that delivery'],
    ['two real problems with that delivery'],
    ['they paid on 14.09 and again on 02.10'],
  ])('%j holds no money', (text) => {
    expect(findAmounts(text)).toEqual([])
  })

  it('takes the figure with all taxes included over the one before tax', () => {
    const text = 'Il manque 12 cartons : 18 000,00 DA HT, 19 620,00 DA TTC.'
    expect(extractFacts(text, { today: '2026-11-20' }).facts.amount?.value).toBe('19620.00')
  })
})

describe('money said in words on a call', () => {
  it.each([
    ['the forty dollars eighteen service charge should not be there', '40.18', 'USD'],
    ['interest of two thousand and twelve dalasi twenty-five butut on it', '2012.25', 'GMD'],
    ['Four thousand one hundred six dollars fifteen cents US, take it off', '4106.15', 'USD'],
    ['the later one repeats it: two hundred and ten thousand CFA', '210000.00', undefined],
  ])('%j', (text, value, currency) => {
    const [a] = findAmounts(text)
    expect(a?.value).toBe(value)
    expect(a?.currency).toBe(currency)
  })

  it('ends the money at its currency when the next figure counts something', () => {
    expect(findAmounts('sixty dollars twenty units of it').map((a) => a.raw)).toEqual(['sixty dollars'])
  })

  it('reads a figure worked out or put at as a total, not a price', () => {
    expect(findAmounts('she works it out at two hundred and six dollars').map((a) => a.role)).toEqual(['amount'])
    expect(findAmounts('they put it at 1,480.00 for the lot').map((a) => a.role)).toEqual(['amount'])
    expect(findAmounts('billed at 45.00').map((a) => a.role)).toEqual(['billed_unit_price'])
  })

  it('reads a figure after "beyond the contract" as money, not the contract price', () => {
    expect(findAmounts('the last nine days are beyond the contract: EUR 4,350').map((a) => a.role)).toEqual(['amount'])
    expect(findAmounts('the contract says 45.00').map((a) => a.role)).toEqual(['unit_price'])
  })

  it('takes no figure typed elsewhere as part of a reference for money', () => {
    const { facts } = extractFacts('billed on 4417/KTR and again on 4420/KTR; he paid 4417 already, 4420 is double', {
      today: '2026-11-20',
    })
    expect(facts.amount).toBeUndefined()
  })
})

describe('figures that are not this claim’s amount', () => {
  it('a figure said as what another claim already holds is not the amount', () => {
    const said = (text: string) => extractFacts(text, { today: '2026-11-20' }).facts.amount?.value
    expect(said('so 7 x $15 = $105 more they want, on top of the $410 for the first crew')).toBe('105.00')
    expect(said('they want 4 x €15.50 = €62 taken off, in addition to the €300')).toBe('62.00')
    expect(said('they want the $410 back')).toBe('410.00')
  })

  it('a rating in amperes or a letter after a figure is no price per unit', () => {
    expect(findAmounts('the standby supply (32 A) for the marquee').map((a) => a.role)).toEqual([])
    expect(findAmounts('they were charged 32 a unit').map((a) => a.role)).toEqual(['billed_unit_price'])
  })
})

describe('a range of days written with the ordinal dot', () => {
  it('is a date, not money', () => {
    expect(findAmounts('the crane stood idle (6.–9.10.), four days')).toEqual([])
    expect(findAmounts('they paid 12.08.').map((a) => a.value)).toEqual(['12.08'])
  })
})

describe('a figure that names a charge', () => {
  it('is the amount, before a payment said beside it', () => {
    const said = (text: string) => extractFacts(text, { today: '2026-11-20' }).facts.amount?.value
    expect(
      said('We settled the balance of $4,380 in full on 2 November and now there is a $131.40 interest charge on it.'),
    ).toBe('131.40')
  })
})

describe('a figure said again in other terms', () => {
  const said = (text: string) => extractFacts(text, { today: '2026-11-20', speaker: 'customer' }).facts.amount?.value
  it.each([
    ['Please credit the overcharge of 44.00 plus GCT, i.e. 50.60, on the next statement.', '50.60'],
    ['Nous réclamons un avoir de 95,00 HT, soit 114,00 TTC.', '114.00'],
    ['We dispute 35.00 net, that is 40.25 with tax, on the cleaning line.', '40.25'],
    ['Tých 120,00 € je bez DPH, dobropis chcú aj s DPH, t. j. 147,60 €.', '147.60'],
  ])('is the one settled on: %j', (text, value) => {
    expect(said(text)).toBe(value)
  })
})

describe('a working of units at a price, ended by its total', () => {
  it('claims the total, never the price of one unit', () => {
    const said = (text: string) => extractFacts(text, { today: '2026-11-20', speaker: 'customer' }).facts.amount?.value
    expect(said('Wij betwisten 7 stuks à Fl 118,20 incl. BTW, totaal Fl 827,40.')).toBe('827.40')
    expect(said('We dispute 6 sacks à Tk 415,50 incl. tax, totaal Tk 2.493,00, and request a credit note.')).toBe(
      '2493.00',
    )
    expect(said('They reject 12 crates @ 18.40, in total 220.80.')).toBe('220.80')
  })
})

describe('scale words of other languages after a figure', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    ['difference USD 150 x 40 = USD 6 mil, please credit it', '6000.00'],
    ['a diferença é de R$ 2,5 mil no total', '2500.00'],
    ['selisih Rp 75 ribu di tagihan', '75000.00'],
    ['they are disputing 3 Mio. EUR on the framework order', '3000000.00'],
    ['reclaman 2 millones COP del contrato', '2000000.00'],
  ])('reads %j as %s', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it('reads no money in a scale word of another language without a currency ("6 mil poly" is a thickness)', () => {
    expect(findAmounts('they laid 6 mil poly sheeting under the slab')).toEqual([])
  })
})

describe('a figure set after the claim in its clause, and figures that are times or dates', () => {
  const ctx = { today: '2026-03-15' }
  it.each([
    ['AP says the second one is a dupe, wants GX-2291 cancelled - 4,380. she was polite about it', '4380.00'],
    ['they are disputing one inspection, 95. the rest of the visit is fine', '95.00'],
    ['the 3 hrs standby @ 140 = 420 they never asked for', '420.00'],
    ['so 3 x 160 CAD = 480 off the invoice', '480.00'],
    ['Your invoice total 5,310.00 | freight 310.00 | we never agreed freight, please credit 310.00.', '310.00'],
    // Sums spoken in words, as a phone note writes them down.
    ["he doesn't want to pay the fencing line - thirty-four hundred. will pay the labour", '3400.00'],
    ['they want two and a half thousand dollars off the hire', '2500.00'],
    ['wants one and a half thousand pounds credited', '1500.00'],
    ['she wants the whole of GX-77 cancelled, two thousand and sixty-one forty.', '2061.40'],
  ])('reads %j as %s', (text, value) => {
    expect(extractFacts(text, ctx).facts.amount?.value).toBe(value)
  })

  it.each([['spoke to Dana, call @ 2:45pm, she disputes the pallet fee'], ['they called at 10 am about it']])(
    'reads no price or amount in the time of %j',
    (text) => {
      expect(findAmounts(text)).toEqual([])
    },
  )

  it.each([['zaplatili jsme na 14.10 převodem'], ['bezahlt am 03.11 per Überweisung'], ['платили на 12.10 по банке']])(
    'reads a day and month after another language’s "on" in %j as a date, not money',
    (text) => {
      expect(findAmounts(text)).toEqual([])
    },
  )
})

describe('figures said in French, per unit and in words', () => {
  const ctx = { today: '2026-03-15' }
  it('reads the total a per-unit difference comes to, not the difference ("de trop sur chaque")', () => {
    expect(
      extractFacts("donc 300 francs de trop sur chaque sac fois 50 sacs ça fait 15 000 francs qu'on conteste", ctx)
        .facts.amount?.value,
    ).toBe('15000.00')
  })

  it('reads no English "six" at the end of "trente-six euros"', () => {
    expect(findAmounts('une pénalité de neuf mille trente-six euros')).toEqual([])
  })
})

describe('figures in a pasted table', () => {
  it('are what the sheet lists, not the claim, unless their row claims them', () => {
    const listed =
      'They want the VAT off, their breakdown:\nLn\tItem\tNet\tVAT\tGross\n1\tPallets\t1,200.00\t180.00\t1,380.00'
    expect(amountOf(listed)).toBeUndefined()
    const queried =
      'Their sheet:\nInvoice | Line | Amount | Comment\nQX-11 | 2 | 310.00 | not accepted, never ordered\nQX-11 | 3 | 95.00 | ok'
    expect(amountOf(queried)?.value).toBe('310.00')
  })
})

describe('a working that adds the tax after a comma', () => {
  it.each([
    ['30 mats x 6.00 = GBP 180.00, plus the 20% VAT = GBP 216.00. Please credit us.', '216.00'],
    ['12 hrs @ 45.00 = 540.00, plus 10% GST = 594.00', '594.00'],
  ])('claims the result the tax is added into, not the net figure before it: %j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
})

describe('a second PO number beside the one the invoice quotes', () => {
  it('is a reference, never a price or an amount', () => {
    const f = extractFacts(
      'AP bounced it: PO 7100223 on the bill is not ours, the job was ordered on PO 7100229. Please reissue.',
      {
        today,
      },
    ).facts
    expect(f.expectedUnitPrice).toBeUndefined()
    expect(f.amount).toBeUndefined()
  })
})

describe('a difference per unit after the price agreed', () => {
  it('is neither the price agreed nor the amount', () => {
    const f = extractFacts(
      'the towels are over the 3.10 in our agreement: 15 cents too much on 400 pieces, 69.00 with VAT',
      {
        today,
      },
    ).facts
    expect(f.expectedUnitPrice).not.toBe('0.1500')
    expect(f.amount?.value).toBe('69.00')
  })
})

describe('figures of Romance-language claims read through the gloss', () => {
  const facts = (text: string) => extractFacts(text, { today: '2026-05-20' }).facts
  it('"à" before an article or pronoun is no "a unit"', () => {
    expect(facts("nous réglerons le solde de 3 150,00 € à l'échéance").expectedUnitPrice).toBeUndefined()
    expect(facts('soit 1,50 € × 60 sacs = 90,00 € à nous rembourser').amount?.value).toBe('90.00')
  })
  it('"an" starting a word with an accented letter is no "an hour"', () => {
    expect(facts('faturamos 25 análises de água').expectedUnitPrice).toBeUndefined()
  })
  it('a price said with its year between is the price agreed', () => {
    expect(facts('ils facturent 31,80 € le sac, pourtant le prix 2027 est de 29,90 €').expectedUnitPrice).toBe('29.90')
  })
  it('a figure said before the tax in Portuguese leaves the tax to the line', () => {
    expect(facts('pedem R$ 410,00 mais o ICMS').amount).toBeUndefined()
  })
  it('a letter and a figure after a count in a measure name the product', () => {
    expect(facts('they topped up 8kg R32 in the chiller').amount).toBeUndefined()
  })
  it('a count then "a" and a price is the count at that price, not a price per unit', () => {
    const f = facts('nos facturaron las 20 a US$150.00; no pagaremos las 4 que faltan, US$600.00')
    expect(f).toMatchObject({ billedUnitPrice: '150.00', amount: { value: '600.00' } })
  })
  it('U$S is the US dollar as the River Plate writes it', () => {
    expect(facts('un recargo de U$S 95,00 que no pedimos').amount).toMatchObject({ value: '95.00', currency: 'USD' })
  })
})

describe('units pointed at, and workings written as people write them', () => {
  it.each([
    // "those 3": a plural demonstrative points back at units, never money.
    ['they want those 3 off the invoice', undefined],
    ['They want those 3 off the invoice, 3 x 1,450 incl. VAT = 4,350.', '4350.00'],
    // The working goes on after whole euros written with a dash for the cents.
    ['So 6 crates x € 12,- = € 72,- plus 9% BTW = € 78,48 too much.', '78.48'],
    ['ze willen kr 350,- terug', '350.00'],
    // "GH¢" is the cedi.
    ['24 x GH¢35 = GH¢840, they want it back', '840.00'],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })

  it('reads a count times a price the words ask for as the sum it makes, even of one unit', () => {
    expect(findAmounts('It is the March invoice, so 1 x EUR 31,50.')[0]).toMatchObject({
      value: '31.50',
      role: 'amount',
    })
    expect(findAmounts('the invoice charges 20 hours x 35,000.00')[0]?.role).toBe('billed_unit_price')
  })

  it('takes the first day of a range of dates as no amount: "we will pay 12 to 19 May"', () => {
    expect(amountOf('we will pay 12 to 19 May, not 20 to 26 May')).toBeUndefined()
  })

  it('takes no figure said roughly as the amount', () => {
    expect(amountOf('they want 5% off the pump line, approx 14.2k with tax')).toBeUndefined()
    expect(amountOf('they want roughly $400 back')).toBeUndefined()
    expect(amountOf('a credit of 1,250-ish')).toBeUndefined()
    expect(amountOf('they want $400 back')?.value).toBe('400.00')
  })
})

describe('the figure a claim concludes with', () => {
  it.each([
    ['the rate on 5521 is 980 EUR? Our contract says 930. So 50 EUR too much, or did we miss an extra?', '50.00'],
    ['tile price still RM310 ah? She thought above 20 boxes got RM300. 24 boxes, so RM240 difference.', '240.00'],
    ['So we are questioning the 2 months extra, 1,402.50.', '1402.50'],
    ['they would like the one visit (1,800 + VAT = 2,178) taken off', '2178.00'],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
})

describe('signs of East and West African currencies written as letters', () => {
  it.each([
    ['their GRN shows it, Sh 14,400 less', '14400.00'],
    ['they want to deduct 36 bottles = N98,280 with VAT', '98280.00'],
    ['2.5 tonnes x 20 bob = Sh 50,000 they want credited', '50000.00'],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
  it('takes no letter alone before a bare count as money', () => {
    expect(amountOf('N 5 rooms were not cleaned')).toBeUndefined()
  })
})

describe('figures beside the claim that are none of it', () => {
  it.each([
    // An approval limit.
    ['Who approves that? I can only sign off to 500 and my lead is good to 5k.', undefined],
    // What was paid, beside the sum claimed.
    ['they paid $52 a unit last season and ask for the gap with tax, $93.28', '93.28'],
    // A count the working comes to, its thousands grouped.
    ['3 loads x 510 = 1,530 crates signed for at the gate', undefined],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
})

describe('figures that sort or restate, beside the one claimed', () => {
  it.each([
    // A bound goods are sorted by.
    ['Below ₹1,000 a shirt is taxed at 5%, not 12%; excess GST ₹3,480, credit note please', '3480.00'],
    ['Ye ₹1,000 se neeche ki item hai, 5% lagna chahiye. Excess GST ₹3,480 ka credit note dijiye.', '3480.00'],
    // The same sum given again with its tax.
    ['The overcharge is 12 t x 40 = 480 USD, incl. VAT 552 USD.', '552.00'],
    ['Переплата: 300 т × 20 тг = 6 000 тг, с НДС 6 720 тг.', '6720.00'],
    // A day and month after the Polish "z" (of): a date, never money.
    ['faktury 0412 z 14.09 i 0415 z 16.09 to ta sama dostawa, prosimy anulować drugą', undefined],
    // A measure with one decimal, whose whole part is no figure of its own.
    ['we claimed 22.5t of mesh but their weighbridge slip says 21.9t, so they hold back R8 280', '8280.00'],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })
})

describe('a price said as charged against another', () => {
  const roles = (text: string) => findAmounts(text).map((a) => [a.value, a.role])
  it.each([
    ['all 40 sacks were charged 9,80 instead of 9,20', ['9.80', 'billed_unit_price']],
    ['the 6 tyres were billed at 210.00 instead of 195.00', ['210.00', 'billed_unit_price']],
  ])('%j', (text, first) => {
    expect(roles(text)[0]).toEqual(first)
  })
})

describe('"each" in the customer’s language', () => {
  it.each([
    [
      "Secondo il cliente il listino di prima dava 12 euro l'uno, adesso li fatturiamo a 13. Vuole 1 euro a pezzo più IVA, 48,80 €",
      '12.00',
    ],
    ['Prima costavano 7,50 euro cadauno, ora 8,10: chiedono la differenza, 14,64 € IVA inclusa', '7.50'],
  ])('%j', (text, price) => {
    expect(extractFacts(text, { today }).facts.expectedUnitPrice).toBe(price)
  })
})

describe('a deduction listed in a pasted remittance row, in the customer’s words', () => {
  it.each([
    ['Pago 14-05 | Folio 7731 | dcto $41.650 | MERMA 3 CJ', '41650'],
    ['Zahlung 14.05. | RE 7731 | Abzug 416,50 € | Bruch 3 Kartons', '416.50'],
  ])('%j', (text, value) => {
    expect(amountOf(text)?.value.replace(/\.00$/, '')).toBe(value.replace(/\.00$/, ''))
  })
})

describe('a price in a price letter, and a sum at an exchange rate', () => {
  it('reads the letter\'s price as the one agreed and the figure after a sum "at" as no price', () => {
    const f = extractFacts(
      'On SV-2291: 40 drums of dip at US$18.40, and the price sheet they hold says US$17.20. They make it US$48.00, about R880 at 18.33.',
      { today },
    ).facts
    expect([f.expectedUnitPrice, f.amount?.value]).toEqual(['17.20', '48.00'])
  })
})

describe('prices per measure and sums said again exactly', () => {
  it.each([
    ['The QS says our claim has the screed at R1 340/m2 instead of R1 275, on 210 m2.', '1340.00', '1275.00'],
    ['Their foreman: the invoice lists the kerbing at $61.50/lm instead of $58.00.', '61.50', '58.00'],
  ])(
    'a price per measure set against another, with nothing asked before it, is the price billed: %j',
    (text, billed, expected) => {
      const f = extractFacts(text, { today }).facts
      expect([f.billedUnitPrice, f.expectedUnitPrice]).toEqual([billed, expected])
    },
  )

  it('a rounded sum beside the exact one it rounds gives way to it', () => {
    expect(amountOf('Roughly 21.4k with VAT by their sums (R21 389,35), please check.')?.value).toBe('21389.35')
  })

  it('a dash before money, with no figure before it, is punctuation, not a minus', () => {
    expect(
      amountOf('Their bill has 15% GST on it - NZ$2,318.40. We paid the NZ$15,456.00 in October already.')?.value,
    ).toBe('2318.40')
  })

  it.each([
    // A check: read so before "all up" was a word of a total.
    ['They want the $3 a tonne back plus GST, $1,914 all up.', '1914.00'],
    ['The difference is 1 100,00 лв. без ДДС, 1 320,00 лв. с ДДС.', '1320.00'],
  ])('the sum with its tax, said as the total: %j', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })

  it.each([
    ["We billed $46/hr and the contract rate's $42.", '42.00'],
    ['Charged at $118 a pallet when the deal was $110.', '110.00'],
  ])('the price of the agreement, however it is named: %j', (text, price) => {
    expect(extractFacts(text, { today }).facts.expectedUnitPrice).toBe(price)
  })

  it('a figure in metres in a message that measures in metres is no money', () => {
    expect(amountOf('The kerb on the invoice is 240m, their survey came back at 226m. They want the 14m off.')).toBe(
      undefined,
    )
  })

  it('"po njima" (by their count) before a sum is no purchase order price', () => {
    const f = extractFacts('radi se o 3. i 4.11., po njima 780,00 €', { today }).facts
    expect([f.expectedUnitPrice, f.amount?.value]).toEqual([undefined, '780.00'])
  })
})

describe('figures as other places write them', () => {
  it.each([
    // The thousand and the million shortened after the figure, beside the currency.
    ['the gap is Rp 62rb a carton', '62000.00'],
    ['credit Rp 7,5 jt please', '7500000.00'],
    ['tổng cộng 2,4 tỷ VND', '2400000000'],
    ['họ trừ 45 triệu đồng', '45000000'],
  ])('%j reads %j', (text, value) => {
    expect(findAmounts(text)[0]?.value).toBe(value)
  })
  it('what the customer usually gets charged is the price expected', () => {
    const text = 'they usually get charged 310 for the call-out, this time 365'
    expect(extractFacts(text, { today }).facts.expectedUnitPrice).toBe('310.00')
  })
  it('a figure multiplied by a count is a factor, not the sum', () => {
    expect(amountOf('so 6,40 euro multiplied by 20 is 128,00 euro')?.value).toBe('128.00')
  })
  it('a price in the working of a count ("14 uur a 39,50 + btw = …") is the line’s price, none claimed', () => {
    const f = extractFacts('Ze zeggen: 8 portiers x 12 uur = 96 uur, niet 110. Dus 14 uur a 39,50 + btw = 669,13.', {
      today,
    }).facts
    expect([f.expectedUnitPrice, f.billedUnitPrice]).toEqual([undefined, '39.50'])
  })
})

describe('a comma before a scale word of a language that writes decimal commas', () => {
  it.each([
    ['VND 2,375 triệu', '2375000'],
    ['Rp 4,125 juta', '4125000.00'],
    // A check: thousands grouped by a dot, and the English million, as before.
    ['Rp 1.250 juta', '1250000000.00'],
    ['USD 1,250 million', '1250000000.00'],
  ])('%j reads %j', (text, value) => {
    expect(findAmounts(text)[0]?.value).toBe(value)
  })
})

describe('the dirham as Morocco writes it', () => {
  it('"DH" after a figure is money, and the figure with its tax is the claim', () => {
    expect(amountOf('écart 4 DH x 250 = 1 000 DH HT, soit 1 200 DH TTC')).toEqual({ value: '1200.00', currency: 'MAD' })
  })
})

describe('whole numbers that are no price', () => {
  // The second wording and the name below are checks (read so before); the first was read as a price.
  it.each(['their PO was for 12, we shipped 14', 'the order is for 6 and they got 7'])(
    'the count an order is for, in %j',
    (text) => {
      expect(findAmounts(text)).toEqual([])
    },
  )
  it('a number a price is then said of names something ("Block 3 is $420.00")', () => {
    expect(findAmounts('our rate for Block 3 is $420.00 a month').map((a) => a.value)).toEqual(['420.00'])
  })
  it('a figure in brackets after an invoice’s number is what it bills, not the claim', () => {
    const f = extractFacts(
      'We are processing invoice KT-2291 (USD 18,400.00). The setup line, USD 750.00, we never agreed to.',
      {
        today,
      },
    ).facts
    expect(f.amount?.value).toBe('750.00')
  })
})

describe('a sum said with its tax as a Turkish suffix', () => {
  it('is the sum claimed, over a price said before it', () => {
    const f = extractFacts("astar 640 TL'den kesilmiş, siparişte 610. 12 bidon, farkı KDV'li 432 TL istiyorlar.", {
      today,
    }).facts
    expect(f.amount?.value).toBe('432.00')
  })
})

describe('the end of a working that goes on past a difference', () => {
  it('is the difference with its tax, said after "over plus VAT ="', () => {
    const f = extractFacts(
      'They billed the 3 pumps at €610.00 each. The agreed price is €540.00. That is €210.00 over plus VAT = €254.10.',
      { today },
    ).facts
    expect(f.amount?.value).toBe('254.10')
  })
})

describe('an apostrophe for the millions, as Colombia and Peru write them', () => {
  it.each([
    ["2'750.000", '2750000.00'],
    // Checks: read so before; the Swiss apostrophe keeps its cents.
    ["12'080.500,00", '12080500.00'],
    ["1'234.50", '1234.50'],
    ["12'500", '12500.00'],
  ])('%s is %s', (raw, value) => {
    expect(normalizeNumber(raw)).toBe(value)
  })
})

describe('a count beside the money it comes to', () => {
  it.each([
    // The bare count first, the money with its currency after it: the money is the claim.
    ['they counted 60 trays, we billed 72. They want the 12 off, $96.', '96.00'],
    ['they want the 5 back, 5 x 7.20 so $36', '36.00'],
    // The same figure said twice, or the money said to be another thing, leaves the first.
    ['they want 30 back, $30', '30.00'],
    ['they want the 40 back, $400 was the whole bill', '40.00'],
  ])('in %j the claim is %s', (text, value) => {
    expect(amountOf(text)?.value).toBe(value)
  })

  it('takes the figure put before a refusal to pay it over the figure paid', () => {
    expect(
      amountOf(
        "They paid 4410 only in part, CHF 18'200.00 instead of 19'450.00. Their buyer: 'the rise is above the cap; the difference, CHF 1'250.00, we will not pay.'",
      )?.value,
    ).toBe('1250.00')
  })

  it.each([['they paid R2207/14 last week in full'], ['order R5512-88 came complete']])(
    'reads no rand in a code with a letter before it: %j',
    (text) => {
      expect(findAmounts(text).filter((a) => a.currency === 'ZAR')).toEqual([])
    },
  )

  it.each([['the crates shld be $14 not 16'], ['price s/b 12.50, billed 13.10']])(
    'reads the price said in shorthand in %j as the agreed price',
    (text) => {
      expect(findAmounts(text)[0]?.role).toBe('unit_price')
    },
  )
})

describe('what a dollar sign and the words around a figure say of it', () => {
  it.each([
    ['so they dispute 45 m of cable, $612.00 CAD', 'CAD'],
    ['a credit of $ 1,310 AUD is what they ask', 'AUD'],
    // A check: the dollar sign's own currency where the code agrees.
    ['the fee was $95 USD', 'USD'],
  ])('the code after a dollar figure names its dollars: %j', (text, currency) => {
    expect(findAmounts(text)[0]?.currency).toBe(currency)
  })

  it('a figure "per" a date is a count as of that day, no price per anything', () => {
    expect(findAmounts('the seats were cut back to 75 per 1st of April')).toEqual([])
  })

  it('a figure the units were billed at, after the product, is the price billed', () => {
    expect(findAmounts('the invoice bills 410 m2 of floor coating at $8.15')[0]?.role).toBe('billed_unit_price')
  })
})

describe('a working and its result', () => {
  it('the figure said "all in" after the working is the amount', () => {
    expect(amountOf('zone 2 is $44, so $6 x 9 = $54 plus GST, $59.40 all in')?.value).toBe('59.40')
  })
  it('a figure worked out against a count into the next one is no price expected of its own', () => {
    const facts = extractFacts('sorry, $120 x 3 is US$360, not 400', { today }).facts
    expect(facts.expectedUnitPrice).toBeUndefined()
    expect(facts.amount?.value).toBe('360.00')
  })
  it('check: one said as the price it should be stays the price expected', () => {
    expect(extractFacts('should be 6.50 x 5 = 32.50', { today }).facts.expectedUnitPrice).toBe('6.50')
  })
})

describe('the number of a part of a document', () => {
  it('holds no sum of money', () => {
    expect(findAmounts('the MSA says so in section 12.5; they want a PO')).toEqual([])
  })
  it.each(['see Art. 4.1 of the terms', 'gemäß § 14 der AGB'])('%j holds none either (check)', (text) => {
    expect(findAmounts(text)).toEqual([])
  })
  it('leaves the sum beside it (check)', () => {
    expect(findAmounts('rejected under clause 7.3: 1,480.00 on hold').map((a) => a.value)).toEqual(['1480.00'])
  })
})

describe('a whole sum written with a dash for its cents', () => {
  it.each([
    ['il reste 486.– à régler sur ce virement', '486.00'],
    ['es fehlen noch 75.– auf der Zahlung', '75.00'],
  ])('%j is money, no currency or cents typed', (text, value) => {
    expect(findAmounts(text).map((a) => a.value)).toEqual([value])
  })
  it('and a grouped one as before (check)', () => {
    expect(findAmounts("2 jours à 1'250.– chacun").map((a) => a.value)).toEqual(['1250.00'])
  })
})

describe('a figure marked TTC beside the same charge before tax', () => {
  it('is the claim, as a figure said "incl. tax" is', () => {
    const text = "L'agence juge que l'audit ne vaut pas les 1 200,00 et refuse de payer la ligne (1 440,00 TTC)."
    expect(extractFacts(text, { today }).facts.amount?.value).toBe('1440.00')
  })
})

describe('Gulf currencies as people write them', () => {
  it.each([
    ['they were billed RO 2,414.600 for a month they did not use', { value: '2414.600', currency: 'OMR' }],
    ['R.O. 96.250 is the late charge', { value: '96.250', currency: 'OMR' }],
    ['the bags line, Dhs 1,470, was never ordered', { value: '1470.00', currency: 'AED' }],
  ])('%j', (text, amount) => {
    expect(amountOf(text)).toEqual(amount)
  })
})
