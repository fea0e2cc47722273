import { describe, expect, it } from 'vitest'
import { classifyReason } from './classify-reason.ts'
import { extractFacts } from './facts.ts'
import { glossToEnglish } from './gloss.ts'
import { asciiDigits } from './numbers.ts'
import { findQuantities } from './quantities.ts'

// Written for this test in the languages customers write in; none is an eval turn.
describe('glossToEnglish', () => {
  it('glosses listed words and phrases and leaves names, figures and references as typed', () => {
    expect(glossToEnglish('Bodega Ruiz dice que ya pagaron la factura RZ-88 por transferencia')).toBe(
      'Bodega Ruiz say que already paid la invoice RZ-88 por bank transfer',
    )
    expect(glossToEnglish("le livreur n'est jamais venu")).toBe('le livreur never came')
  })

  it('names months in English from the runtime locale data, elided or declined', () => {
    expect(glossToEnglish("la facture d'avril")).toBe("la invoice d' April")
    expect(glossToEnglish('a fatura de dezembro')).toBe('a invoice de December')
    expect(glossToEnglish('faktura z listopada')).toBe('invoice z November')
    expect(glossToEnglish('kesäkuun lasku')).toBe('June invoice')
  })

  it('leaves words that fold into other English words alone', () => {
    expect(glossToEnglish('the VAT on the venue hire')).toBe('the VAT on the venue hire')
  })
})

describe('reasons written in other languages', () => {
  it.each([
    ['Klant zegt dat het onderhoudscontract al in maart is verlopen, toch weer een factuur', 'contract_terms'],
    ['Herr Vogt: die Rechnung ist doch längst bezahlt, per Überweisung am 3. Juni', 'already_paid'],
    ['la cliente dice que el técnico nunca vino el martes', 'service_not_rendered'],
    ['Clientul spune că a plătit deja factura prin ordin de plată', 'already_paid'],
    ['Cinci cutii au ajuns sparte, vor notă de credit', 'damaged_goods'],
    ['Nu vor să plătească penalitatea de întârziere', 'late_fee'],
    ['Клієнт каже, що вже оплатили рахунок', 'already_paid'],
    ['три коробки прийшли пошкоджені', 'damaged_goods'],
    ['ils disent que la facture a été envoyée deux fois pour la même commande', 'duplicate_billing'],
    ['Han säger att fakturan saknar vårt inköpsorder, utan den kan de inte betala', 'missing_po'],
    // A phrase the gloss makes readable outweighs the model's guess at the words around it.
    ['a mensalidade do compressor foi paga por PIX dia 4, seguem os 3 comprovantes', 'already_paid'],
    ['Die Wartungsrechnung haben wir am 2.5. per SEPA überwiesen', 'already_paid'],
    ['dos de las cajas llegaron abolladas y una perforada', 'damaged_goods'],
    ['Le client conteste les pénalités de retard sur la facture de juin, payée avant échéance', 'late_fee'],
    ['the mayonnaise pails smell of vinegar and the lids were swollen', 'damaged_goods'],
  ])('%j reads as %s', (text, code) => {
    expect(classifyReason(text).code).toBe(code)
  })

  it('keeps an English reading as it was', () => {
    expect(classifyReason('they were billed twice for the same pallets').code).toBe('duplicate_billing')
  })
})

describe('counts said in other languages', () => {
  it.each([
    ['recibimos 95 sacos, no 100', { quantityReceived: 95, quantityBilled: 100 }],
    ['wir haben 46 Eimer bekommen, nicht 50', { quantityReceived: 46, quantityBilled: 50 }],
    ['they delivered 18 crates, not 20', { quantityReceived: 18, quantityBilled: 20 }],
    ['montören var här 6,5 timmar, inte 8', { quantityReceived: 6.5, quantityBilled: 8, hours: true }],
    // The verb before the count, as Romance languages put it.
    ['encomendámos 12 válvulas, chegaram 9 válvulas', { quantityReceived: 9 }],
    ['llegaron solo 30 sacos de los 40 pedidos', { quantityReceived: 30 }],
    ['sono arrivate 14 scatole', { quantityReceived: 14 }],
    ['clientul a primit 70 de saci, nu 80', { quantityReceived: 70, quantityBilled: 80 }],
    ['وصلنا ٤٥ كرتونة فقط', { quantityReceived: 45 }],
  ])('%j', (text, expected) => {
    expect(findQuantities(asciiDigits(text))).toMatchObject(expected)
  })
})

describe('counts that are no count received', () => {
  it.each([
    'the pallets arrived 3 days late',
    'the crew turned up 12-14 March only',
    'it came 9 June, after the deadline',
    'llegaron 6 cajas aplastadas',
  ])('%j', (text) => {
    expect(findQuantities(text).quantityReceived).toBeUndefined()
  })
})

describe('Romance words in another gender or number than the glossary lists', () => {
  it.each([
    ['las botellas llegaron aplastadas', 'crushed'],
    ['a caixa veio danificada', 'damaged'],
    ['la cassa è arrivata danneggiata', 'damaged'],
  ])('reads %j with %s', (text, english) => {
    expect(glossToEnglish(text)).toContain(english)
  })
})

describe('Korean words with the particle or ending written onto them', () => {
  it.each([
    ['필터 단가가 너무 높습니다', 'price'],
    ['계약서에 따르면', 'contract'],
    ['상자 두 개가 파손되어 도착했습니다', 'damaged'],
  ])('reads %j with %s', (text, english) => {
    expect(glossToEnglish(text)).toContain(english)
  })

  it('leaves a Hangul word the glossary does not hold as typed', () => {
    expect(glossToEnglish('안녕하세요').normalize('NFC')).toBe('안녕하세요')
  })
})

describe('digits of any script', () => {
  it('reads Arabic-Indic, Persian, Devanagari and full-width digits as ASCII ones, keeping positions', () => {
    for (const [typed, ascii] of [
      ['٢٠٠ قطعة', '200 قطعة'],
      ['۳۵ عدد', '35 عدد'],
      ['१२ बॉक्स', '12 बॉक्स'],
      ['１２個', '12個'],
    ]) {
      expect(asciiDigits(typed!)).toBe(ascii)
      expect(asciiDigits(typed!).length).toBe(typed!.length)
    }
  })
})

describe('a price only the English words make one', () => {
  it('reads the contract price of a Ukrainian message', () => {
    const f = extractFacts('в рахунку ціна 820 грн, а за договором 760', { today: '2026-05-20' }).facts
    expect(f.expectedUnitPrice).toBe('760.00')
  })
})
