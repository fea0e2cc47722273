import { describe, expect, it } from 'vitest'
import { findAmounts } from './amounts.ts'
import { matchCustomer, matchCustomersInText } from './customer-match.ts'
import { findDeadline, findPaymentDate } from './dates.ts'
import { describeMessage, findInvoicePick } from './invoice-clues.ts'
import { findInvoiceRefs, invoiceMentions } from './invoice-refs.ts'
import { findErp, findFeeType, findPoNumber, findTeams } from './mentions.ts'
import { asciiDigits, cjkCompoundAmounts } from './numbers.ts'
import { findQuantities } from './quantities.ts'

describe('invoice references', () => {
  it.each([
    ['INV-1001', ['INV-1001']],
    ['INV1001 please', ['INV1001']],
    ['inv 1002 is short', ['INV1002']],
    ['#1002', ['1002']],
    ['invoice 0451', ['0451']],
    ['the 1002 invoice', ['1002']],
    ['invoice no. 3345 from march', ['3345']],
    ['invoice INV-1001', ['INV-1001']],
    ['INV-1001 and INV-1002', ['INV-1001', 'INV-1002']],
    ['PO #778 on invoice #1002', ['1002']],
    ['they got 42 of the 50', []],
    ['PO-G-778 is missing', []],
    // The invoice's amount after the word for it, grouped or with decimals, is no number of it.
    ['the whole invoice 7,260 rand is on hold', []],
    ['invoice 3.5 million is too much', []],
    // A count of things after the invoice word is what it bills; a number with a leading zero is typed
    // as a reference, and a short word of another language is no plural.
    ['your invoice 60 crates, we counted 57', []],
    ['invoice 0452 pallets line is wrong', ['0452']],
    ['la fact. 7219 nos cobraron dos veces', ['7219']],
  ])('reads %j as %j', (text, expected) => {
    expect(invoiceMentions(text).refs.map((r) => r.normalized)).toEqual(expected)
  })

  it.each([
    ['INV-2002 is a duplicate of INV-2001', 'INV-2002', 'INV-2001'],
    ['Initech says INV-2002 is a duplicate of INV-2001, both for February.', 'INV-2002', 'INV-2001'],
    ['inv 3002 duplicates inv 3001', 'INV3002', 'INV3001'],
    ['invoice 5512 looks like a dupe of invoice 5511', '5512', '5511'],
  ])('in %j the disputed invoice is the duplicate, not the original', (text, disputed, original) => {
    const m = invoiceMentions(text)
    expect(m.refs[0]?.normalized).toBe(disputed)
    expect(m.related?.normalized).toBe(original)
  })

  it.each([
    'cancel the later bill, INV-8273 is the right one',
    'keep INV-8273 and credit the other',
    'INV-8273 is fine, void the second one',
  ])('in %j the invoice said to stand is the original, never the one disputed', (text) => {
    const m = invoiceMentions(text)
    expect(m.refs).toEqual([])
    expect(m.related?.normalized).toBe('INV-8273')
  })

  it('reads "X is the right one" in a correction as the invoice disputed', () => {
    const m = invoiceMentions('sorry, wrong number: INV-8273 is the right one')
    expect(m.refs.map((r) => r.normalized)).toEqual(['INV-8273'])
    expect(m.related).toBeUndefined()
  })

  it('treats a lone "duplicate of X" as the original, leaving the disputed invoice unknown', () => {
    const m = invoiceMentions('this one is a duplicate of INV-2001')
    expect(m.refs).toEqual([])
    expect(m.related?.normalized).toBe('INV-2001')
  })
})

describe('amounts', () => {
  it.each([
    ['$150', '150.00', 'USD'],
    ['they want 150.00 back', '150.00', undefined],
    ['Disputing the full 1,700.', '1700.00', undefined],
    ['USD 2,000.50', '2000.50', 'USD'],
    ['10.770,00 €', '10770.00', 'EUR'],
    ['€1.234,56', '1234.56', 'EUR'],
    ['the full 1,700', '1700.00', undefined],
    ['¥5000', '5000', 'JPY'],
    ['£75.5', '75.50', 'GBP'],
    ['20 euros', '20.00', 'EUR'],
    ['they owe 300', '300.00', undefined],
  ])('reads %j as %s %s', (text, value, currency) => {
    const [a] = findAmounts(text)
    expect(a?.value).toBe(value)
    expect(a?.currency).toBe(currency)
    expect(a?.role).toBe('amount')
  })

  it.each([
    ['should be 12.50', '12.50'],
    ['contract says $12.50 a unit', '12.50'],
    ['the agreed price was 11.00', '11.00'],
    ['we billed 14.00 but the contract price is 12.50', '12.50'],
  ])('reads the expected unit price in %j', (text, value) => {
    expect(findAmounts(text).find((a) => a.role === 'unit_price')?.value).toBe(value)
  })

  it.each([
    'they got 42 of the 50',
    'only 45 units arrived',
    'by 2026-03-20',
    '5% discount',
    '4 valves arrived cracked',
  ])('finds no amount in %j', (text) => {
    expect(findAmounts(text).filter((a) => a.role === 'amount')).toEqual([])
  })
})

describe('quantities', () => {
  it.each([
    ['they got 42 of the 50', { quantityReceived: 42, quantityBilled: 50 }],
    ['customer says they only got 42 of the 50 widget B units', { quantityReceived: 42, productWords: 'widget B' }],
    ['received 18 out of 20 cases', { quantityReceived: 18, quantityBilled: 20 }],
    ['only 45 units arrived', { quantityReceived: 45 }],
    ['4 valves arrived cracked', { quantityAffected: 4, productWords: 'valves' }],
    ['four pumps arrived with cracked housings', { quantityAffected: 4, productWords: 'pumps' }],
    ['two cartons were damaged', { quantityAffected: 2 }],
    ['billed 8 too many', { quantityAffected: 8 }],
    ['missing 3 pallets', { quantityAffected: 3 }],
    ['6 units missing', { quantityAffected: 6 }],
  ])('reads %j', (text, expected) => {
    expect(findQuantities(text)).toMatchObject(expected)
  })
})

describe('dates', () => {
  const today = '2026-03-11' // a Wednesday
  it.each([
    ['need it by Friday', '2026-03-13'],
    ['by 2026-03-20', '2026-03-20'],
    ['resolve by March 20', '2026-03-20'],
    ['deadline is 20 March', '2026-03-20'],
    ['by end of month', '2026-03-31'],
    ['by tomorrow', '2026-03-12'],
    ['within 5 business days', '2026-03-18'],
    ['by 3/20', '2026-03-20'],
    ['before Jan 15', '2027-01-15'],
  ])('reads the deadline in %j', (text, date) => {
    expect(findDeadline(text, today)).toBe(date)
  })

  it.each(['contract expired in March', 'they paid on March 3', 'INV-1001'])('finds no deadline in %j', (text) => {
    expect(findDeadline(text, today)).toBeUndefined()
  })

  it.each([
    ['they paid on March 3', '2026-03-03'],
    ['sent the wire last Friday', '2026-03-06'],
    ['payment went out 2026-02-27', '2026-02-27'],
  ])('reads the payment date in %j', (text, date) => {
    expect(findPaymentDate(text, today)).toBe(date)
  })
})

describe('customers', () => {
  const customers = [
    { id: 'C-100', name: 'Globex Corporation' },
    { id: 'C-200', name: 'Initech LLC' },
    { id: 'C-300', name: 'Northwind Supply Co.' },
    { id: 'C-400', name: 'Wayne Foods' },
    { id: 'C-500', name: 'El-Bab Marine Supplies' },
    { id: 'C-600', name: 'El Oued Marine Supplies' },
  ]
  it.each([
    ['globex says the price is wrong', 'C-100'],
    // A particle and a short word, as the name is said.
    ['El-Bab say the rope came short', 'C-500'],
    ['the el oued store is asking', 'C-600'],
    ['Globex Corp is disputing', 'C-100'],
    ['GLOBEX', 'C-100'],
    ['Intiech called about it', 'C-200'],
    ['initch', 'C-200'],
    ["Wayne's AP bounced it", 'C-400'],
    ['wayne foods disputes', 'C-400'],
    ['northwind wants a credit', 'C-300'],
  ])('matches %j to %s', (text, id) => {
    expect(matchCustomer(text, customers)?.id).toBe(id)
  })

  it.each(['they got 42 of the 50', 'Acme Industries', 'the supply was short'])('matches no one in %j', (text) => {
    expect(matchCustomer(text, customers)).toBeNull()
  })
})

describe('customers named by a part of a name written without spaces', () => {
  const customers = [
    { id: 'K-1', name: '(주)푸른들농산유통' },
    { id: 'K-2', name: '(주)바다향수산' },
    { id: 'J-1', name: '株式会社みなと厨房機器' },
    { id: 'Z-1', name: '青浦市宏远机电设备有限公司' },
    { id: 'Z-2', name: '青浦市安泰物流有限公司' },
  ]
  it.each([
    ['푸른들 구매팀에서 단가 문의가 왔습니다', 'K-1'],
    ['みなと厨房さんから連絡がありました', 'J-1'],
    ['宏远机电的采购说发票金额不对', 'Z-1'],
  ])('matches %j to %s', (text, id) => {
    expect(matchCustomer(text, customers)?.id).toBe(id)
  })

  it('takes no part several names share (a city) for one of them', () => {
    expect(matchCustomer('青浦市的客户说发票有问题', customers)).toBeNull()
  })
})

describe('a word several customers share names none of them', () => {
  const customers = [
    { id: 'D-1', name: 'Harbourside Veterinary Practice' },
    { id: 'D-2', name: 'Kestrel Veterinary Practice' },
    { id: 'D-3', name: 'Moorland Equine Services' },
  ]
  it('matches no one on the shared word alone', () => {
    expect(matchCustomersInText('the veterinary clinic in the old town says the invoice is wrong', customers)).toEqual(
      [],
    )
  })
  it('matches no one on a first word two names share', () => {
    const twins = [
      { id: 'T-1', name: 'Saltmarsh Bakeries Ltd' },
      { id: 'T-2', name: 'Saltmarsh Freight Ltd' },
    ]
    expect(matchCustomersInText('Saltmarsh say the invoice is wrong', twins)).toEqual([])
    expect(matchCustomer('Saltmarsh Freight say the invoice is wrong', twins)?.id).toBe('T-2')
  })
  it('still matches the word one name alone has', () => {
    expect(matchCustomer('the equine people say the invoice is wrong', customers)?.id).toBe('D-3')
  })
  it('names the customer its own words name, not another whose name holds only the words they share', () => {
    const districts = [
      { id: 'S-1', name: 'School District 14 (Cedar Hollow)' },
      { id: 'S-2', name: 'Larkspur Valley School District' },
    ]
    expect(
      matchCustomersInText('Cedar Hollow school district say the laptops are overpriced', districts).map((m) => m.id),
    ).toEqual(['S-1'])
  })
})

describe('other mentions', () => {
  it.each([
    ["we're on NetSuite", 'NetSuite'],
    ['they use sap', 'SAP'],
    ['exported from QuickBooks Online', 'QuickBooks'],
    ['our ERP is Microsoft Dynamics 365', 'Dynamics'],
    ['Xero', 'Xero'],
    ['Oracle Fusion', 'Oracle'],
  ])('names the ERP in %j', (text, erp) => {
    expect(findErp(text)).toBe(erp)
  })

  it('lists the teams mentioned', () => {
    expect(findTeams('loop in sales and the warehouse, cc legal')).toEqual(['sales', 'logistics', 'legal'])
  })

  it.each([
    ['AP needs PO-G-778', 'PO-G-778'],
    ['PO# 4500012345', '4500012345'],
    ['purchase order 778 was on the order', '778'],
    ['missing PO', undefined],
    // "po" is "at" in Serbian, Croatian, Polish and Slovak: before a price it names no order.
    ['naplatili ste 4 sata po 3.250,00', undefined],
    ['PO 4471.', '4471'],
  ])('reads the PO in %j', (text, po) => {
    expect(findPoNumber(text)).toBe(po)
  })

  it.each([
    ['the late fee', 'late_fee'],
    ['remove the finance charge', 'late_fee'],
    ['freight charge is wrong', 'freight'],
    ['what is this service fee', 'service_fee'],
  ])('reads the fee type in %j', (text, fee) => {
    expect(findFeeType(text)).toBe(fee)
  })
})

describe('quantities stated as counts against the invoice', () => {
  it.each([
    ['75 rolls of tape were delivered out of 80', { quantityReceived: 75, quantityBilled: 80 }],
    ['es kamen nur 18 Kartons statt 20', { quantityReceived: 18, quantityBilled: 20 }],
    ['6 of the 24 jars came in smashed', { quantityAffected: 6, quantityBilled: 24 }],
    ['the crates showed up crushed, all 12 of them', { quantityAffected: 12 }],
    ['200 hinges had rusted through', { quantityAffected: 200 }],
    ['invoiced 1,200 clips but only 1,150 arrived', { quantityBilled: 1200, quantityReceived: 1150 }],
    ['charged for 3 licences too many', { quantityAffected: 3 }],
    ['the third training session never took place', { quantityAffected: 1 }],
    ['only 12 of the 15 drums were delivered', { quantityReceived: 12, quantityBilled: 15 }],
    ['the invoice shows 3 more pallets than we shipped', { quantityAffected: 3 }],
  ])('reads %j', (text, expected) => {
    expect(findQuantities(text)).toMatchObject(expected)
  })

  it('does not count damaged units as received', () => {
    expect(findQuantities('5 mirrors arrived cracked').quantityReceived).toBeUndefined()
  })
})

describe('unit prices compared', () => {
  it.each([
    ['invoiced at 7.10 when the price list says 6.80', '6.80', '7.10'],
    ['should have been 19,90 € not 21,50 €', '19.90', '21.50'],
    ['charged 2,450 yen vs contract 2,300', '2300.00', '2450'],
    ['ought to be 4 each instead of 5', '4.00', '5.00'],
  ])('in %j the right price is %s and the billed one %s', (text, right, billed) => {
    const a = findAmounts(text)
    expect(a.find((x) => x.role === 'unit_price')?.value).toBe(right)
    expect(a.find((x) => x.role === 'billed_unit_price')?.value).toBe(billed)
  })
})

describe('customer names with accents and short forms', () => {
  const names = [
    { id: 'X-1', name: 'Brauerei Müller KG' },
    { id: 'X-2', name: 'Café Élan SARL' },
    { id: 'X-3', name: 'North-East Rail Services Ltd' },
  ]
  it.each([
    ['mueller called', 'X-1'],
    ['Müller called', 'X-1'],
    ['cafe elan disputes', 'X-2'],
    ['north east rail says', 'X-3'],
    ['northeast says', 'X-3'],
  ])('reads %j as %s', (text, id) => {
    expect(matchCustomer(text, names)?.id).toBe(id)
  })
})

describe('initials, leaving out particles and dotted legal forms', () => {
  const names = [
    { id: 'M-1', name: 'Talleres Metálicos del Norte S.A. de C.V.' },
    { id: 'M-2', name: 'Clínica Santa Lucía de Valencia' },
    { id: 'M-3', name: 'Banque de Commerce et Industrie S.A.' },
    { id: 'M-4', name: 'Eastern Utility Regional Operations' },
    { id: 'M-5', name: 'Hornos y Parrillas del Sur S.L.' },
    { id: 'M-6', name: 'Pratt & Wills Ltd' },
    { id: 'M-7', name: "Office National pour l'Artisanat - antenne de Sousse" },
  ]
  it.each([
    ['TMN says the PO is missing', 'M-1'],
    ['the man from HyP says half the order is missing', 'M-5'],
    ['P&W paid on Tuesday', 'M-6'],
    ['invoice for TMN, wrong rate', 'M-1'],
    ['CSL paid last week', 'M-2'],
    ['BCI disputes the fee', 'M-3'],
    // "pour" and the elided "l'" are particles in French as "for" and "the" are in English.
    ['ONA conteste le tarif', 'M-7'],
  ])('reads %j as %s', (text, id) => {
    expect(matchCustomersInText(text, names)[0]?.id).toBe(id)
  })

  it('never reads a currency code as the initials of the first words', () => {
    // EUR are the first initials of Eastern Utility Regional Operations.
    expect(matchCustomersInText('they paid 400 EUR on Friday', names)).toEqual([])
  })
})

describe('disputed totals', () => {
  it.each([
    ['contesting all of 880', '880.00'],
    ['they dispute all 1,040', '1040.00'],
  ])('reads %j as %s', (text, value) => {
    expect(findAmounts(text).find((a) => a.role === 'amount')?.value).toBe(value)
  })
})

describe('a purchase order number with a prefix before its PO', () => {
  it.each([
    ['on order GH-PO-2026-044, the crates', 'GH-PO-2026-044'],
    ['PO-K-512 again', 'PO-K-512'],
    ['purchase order 88120', '88120'],
  ])('reads %j as %s', (text, po) => {
    expect(findPoNumber(text)).toBe(po)
  })
})

describe('a trading name inside a longer legal name', () => {
  const customers = [
    { id: 'C-1', name: 'Molinera Río Claro S.A.' },
    { id: 'C-2', name: 'Claro Freight Ltd' },
  ]
  it.each(["Río Claro's AP rejected invoice 220", 'rio claro says the drying is overpriced'])(
    '%j names C-1',
    (text) => {
      expect(matchCustomer(text, customers)?.id).toBe('C-1')
    },
  )

  it('still names a customer by its own full name first', () => {
    expect(matchCustomer('Claro Freight sent it back', customers)?.id).toBe('C-2')
  })
})

describe('a customer named by the stem of an inflected first word', () => {
  const customers = [
    { id: 'C-1', name: 'Porvoon Leipomo Oy' },
    { id: 'C-2', name: 'Cleaning Partners Ltd' },
    { id: 'C-3', name: 'Szegedi Hűtőház Kft.' },
  ]
  it.each([
    ['Porvoo bakery rang about the flour invoice', 'C-1'],
    ['the Szeged cold store says the pallets were short', 'C-3'],
  ])('%j names %s', (text, id) => {
    const m = matchCustomer(text, customers)
    expect(m?.id).toBe(id)
    expect(m?.score).toBeGreaterThanOrEqual(0.8)
  })

  it('needs a proper noun: a common word in lower case is no stem of a name', () => {
    expect(matchCustomer('they want a clean invoice', customers)?.score ?? 0).toBeLessThan(0.8)
  })
})

describe('a word right after a count names what was counted, not a customer', () => {
  const customers = [
    { id: 'C-1', name: 'Harbour Crates Ltd' },
    { id: 'C-2', name: 'Kestrel Farms' },
  ]
  it.each(['they only got 1,150 crates, not 1,200', 'counted 40 crates on the dock'])(
    '%j names no customer',
    (text) => {
      expect(matchCustomer(text, customers)).toBeNull()
    },
  )

  it('still reads the distinctive later word as a name elsewhere', () => {
    expect(matchCustomer('the crates people rang', customers)?.id).toBe('C-1')
  })
})

describe('initials typed for a customer whose words the text also half-matches', () => {
  // "case" is one letter from "Cave": a weak reading of the name must not hide its initials.
  const customers = [
    { id: 'C-1', name: 'Cave Fine Linen Group (Pty) Ltd' },
    { id: 'C-2', name: 'Harbor Cellars Imports Inc.' },
  ]
  it.each(['CFL group disputes the price per case on the May invoice', 'CFL: one case arrived torn'])(
    '%j names C-1',
    (text) => {
      expect(matchCustomersInText(text, customers).map((m) => m.id)).toEqual(['C-1'])
    },
  )
})

describe('"si" before a figure', () => {
  it.each(['walipokea ndoo 38, si 40', 'si 12 cajas, entonces no pagan'])('is a word, not invoice SI: %j', (text) => {
    expect(findInvoiceRefs(text)).toEqual([])
  })

  it.each([
    ['SI 5814 is short', 'SI5814'],
    ['si-5814 was paid', 'SI-5814'],
  ])('an SI number typed as one reads as one: %j', (text, ref) => {
    expect(findInvoiceRefs(text).map((r) => r.normalized)).toEqual([ref])
  })
})

describe('the word for an invoice with its kind after it', () => {
  it.each([
    ['Sobre factura de exportación 5521: vinieron 30 cajas rotas', '5521'],
    ['la factura electrónica 7710 tiene mal el precio', '7710'],
    ["la facture d'exportation 3308 est en double", '3308'],
  ])('%j', (text, ref) => {
    expect(findInvoiceRefs(text).map((r) => r.normalized)).toEqual([ref])
  })
})

describe('"bill" as the word for an invoice', () => {
  it.each([
    ['the freight bill 5814 is wrong', '5814'],
    ['Bill no. 8273 has the old rate', '8273'],
  ])('%j names invoice %s', (text, ref) => {
    expect(findInvoiceRefs(text).map((r) => r.normalized)).toEqual([ref])
  })

  it.each(['we will bill 500 more next week', 'the bill 18 Oct er was short'])('%j names none', (text) => {
    expect(findInvoiceRefs(text)).toEqual([])
  })
})

describe('customers named in other scripts', () => {
  // Invented names: a Kazakh LLP, a Serbian company and a Greek one, each with its legal form.
  const cyrillic = [
    { id: 'K-1', name: 'ТОО «Степной Элеватор»' },
    { id: 'K-2', name: 'ООО «Дунав Трговина»' },
    { id: 'K-3', name: 'Θαλασσινή Αλιεία Α.Ε.' },
  ]
  it.each([
    ['Степной Элеватор пишут по счёту 77', 'K-1'],
    ['Дунав Трговина again, the freight', 'K-2'],
    ['Θαλασσινή says the crates were short', 'K-3'],
  ])('%j names %s', (text, id) => {
    expect(matchCustomer(text, cyrillic)?.id).toBe(id)
  })

  it('names nobody by a legal form alone', () => {
    expect(matchCustomer('ТОО пишут по счёту 77', cyrillic)).toBeNull()
  })
})

describe('a Latin name written in the customer’s own script', () => {
  // Invented: a Bulgarian and a Mongolian customer the ledger keeps in Latin letters.
  const latin = [
    { id: 'L-1', name: 'Rodopa Mlechni Produkti AD' },
    { id: 'L-2', name: 'Altan Gobi Logistics LLC' },
  ]
  it.each([
    ['Родопа пишат за фактурата', 'L-1'],
    ['Алтан Говь — нэхэмжлэх', 'L-2'],
  ])('%j names %s', (text, id) => {
    expect(matchCustomer(text, latin)?.id).toBe(id)
  })
})

describe('a name the ledger keeps in its own script, typed in Latin letters', () => {
  it.each([
    ['Stepnoy Elevator pishut po schetu 77', 'K-1'],
    ['Thalassini says the crates were short', 'K-3'],
  ])('%j names %s', (text, id) => {
    const own = [
      { id: 'K-1', name: 'ТОО «Степной Элеватор»' },
      { id: 'K-2', name: 'ООО «Дунав Трговина»' },
      { id: 'K-3', name: 'Θαλασσινή Αλιεία Α.Ε.' },
    ]
    expect(matchCustomer(text, own)?.id).toBe(id)
  })
})

describe('an invoice named only to compare with', () => {
  it.each([
    ['on INV-7720 the VAT is 20 % whereas on INV-7702 it was 10 %', 'INV-7720', 'INV-7702'],
    ['sur la facture INV-7720 le prix est à 14,00 alors que sur INV-7702 il était à 12,00', 'INV-7720', 'INV-7702'],
    ['INV-7720 bills the pump at 410.00, compared with INV-7702 at 380.00', 'INV-7720', 'INV-7702'],
  ])('%j disputes the first, the second is context', (text, disputed, related) => {
    const m = invoiceMentions(text)
    expect(m.refs.map((r) => r.normalized)).toEqual([disputed])
    expect(m.related?.normalized).toBe(related)
  })

  it('takes no lone number after "whereas" for an invoice compared', () => {
    const m = invoiceMentions('sur la facture INV-7720 le prix est à 14,00 alors que notre contrat 2026 fixe 12,00', [
      { raw: '2026', normalized: '2026', kind: 'bare', index: 68, length: 4 },
    ])
    expect(m.related).toBeUndefined()
  })

  it('keeps the second disputed when the first is said to be in order', () => {
    const m = invoiceMentions('INV-7720 is fine whereas INV-7702 has the wrong rate')
    expect(m.related).toBeUndefined()
    expect(m.refs.map((r) => r.normalized)).toEqual(['INV-7720', 'INV-7702'])
  })
})

describe('numbers beside the invoice word shortened, and tickets', () => {
  it('reads "fact. 6083", "fac 0957", "fatt. 118" and "Rg. 1846" as invoices, never a lone digit after "fact"', () => {
    for (const [text, ref] of [
      ['en la fact. 6083 nos cobraron el flete', '6083'],
      ['la fac 0957 trae IVA', '0957'],
      ['nella fatt. 118 manca lo sconto', '118'],
      ['zu Rg. 1846 fehlt die Gutschrift', '1846'],
    ] as const)
      expect(
        findInvoiceRefs(text).map((r) => r.normalized),
        text,
      ).toEqual([ref])
    expect(findInvoiceRefs('the fact 3 pallets came late is not the point')).toEqual([])
  })

  it('a support ticket or case number is no invoice', () => {
    expect(
      findInvoiceRefs('Portal ticket #TK-6629 from their AP: the freight on INV-5814 is wrong').map(
        (r) => r.normalized,
      ),
    ).toEqual(['INV-5814'])
    expect(findInvoiceRefs('chamado nº AB-8273: cobraram o frete duas vezes')).toEqual([])
  })

  it('a quotation number is no invoice', () => {
    expect(
      findInvoiceRefs('as per your quotation QT-31-904, invoice SR-7719 should be at 12.00').map((r) => r.normalized),
    ).toEqual(['SR-7719'])
    expect(findInvoiceRefs('conforme votre devis DV-2210, le prix est de 9,50')).toEqual([])
  })
})

describe('a customer named in an Indic script, whose vowel marks the transliteration drops', () => {
  const customers = [
    { id: 'C1', name: 'Ganesh Traders & Sons' },
    { id: 'C2', name: 'Mahalaxmi Pickles' },
    { id: 'C3', name: 'Shree Krishna Spices' },
  ]
  it.each([
    ['महालक्ष्मी पिकल्स ने बिल 4410 पर शिकायत की', 'C2'],
    ['శ్రీ కృష్ణ స్పైసెస్ వాళ్ళు 4410 గురించి అడిగారు', 'C3'],
  ])('%j names %s, by its consonants', (text, id) => {
    expect(matchCustomersInText(text, customers).map((m) => m.id)).toEqual([id])
  })
  it('names nobody where no name is written', () => {
    expect(matchCustomer('बिल 4410 का भुगतान हो गया', customers)).toBeNull()
  })
})

describe('names written in Han, kana or hangul', () => {
  const customers = [
    { id: 'J-1', name: '株式会社信濃精機 (Shinano Seiki Co., Ltd.)' },
    { id: 'K-1', name: '(주)대전정밀 (Daejeon Precision Co., Ltd.)' },
  ]
  // The whole names (first and last) are checks, matched so before; the name's first characters alone were not.
  it.each([
    ['信濃精機の佐藤様より、請求書の単価が違うとのこと', 'J-1'],
    ['信濃さんから連絡がありました', 'J-1'],
    ['대전정밀 구매팀에서 연락이 왔습니다', 'K-1'],
  ])('%j names %s by the first characters of its name', (text, id) => {
    expect(matchCustomersInText(text, customers).map((m) => m.id)).toEqual([id])
  })
})

describe('the full-width forms East Asian keyboards type', () => {
  it('are read as their ASCII forms, one for one', () => {
    expect(asciiDigits('差額２４，０００円＋消費税８％')).toBe('差額24,000円+消費税8%')
  })
})

describe('amounts of ten thousands and the rest, in Japanese and Korean', () => {
  it.each([
    ['返金は3万5千円です', ' 35千円'],
    ['合計で12万4000円', ' 124000円'],
    ['환불 7만2천원', ' 72천원'],
  ])('%j reads as one figure, no position moved', (text, figure) => {
    const read = cjkCompoundAmounts(text)
    expect(read).toContain(figure)
    expect(read).toHaveLength(text.length)
  })
  it('takes the sum with its tax, said after the tax ("消費税込みで")', () => {
    const text = cjkCompoundAmounts(asciiDigits('差額は６万円、消費税込みで６万６千円です'))
    expect(findAmounts(text).map((a) => a.value)).toEqual(['60000', '66000'])
  })
})

describe('the worth of so many containers', () => {
  it('is no count of the units billed ("1箱分", "2リール分")', () => {
    expect(findQuantities('不足の2リール分を請求から外してください').quantityAffected).toBeUndefined()
  })
})

describe('a copy asked for is no duplicate', () => {
  it('keeps the invoice a copy is asked of as the one named', () => {
    const m = invoiceMentions('their AP wants a copy of INV-5520 sent again, it never reached them')
    expect([m.refs.map((r) => r.normalized), m.related?.normalized]).toEqual([['INV-5520'], undefined])
  })

  it('reads an invoice said to be a copy of another as its duplicate', () => {
    const m = invoiceMentions('INV-5521 is an exact copy of INV-5520')
    expect([m.refs.map((r) => r.normalized), m.related?.normalized]).toEqual([['INV-5521'], 'INV-5520'])
  })
})

describe('customers named by their codes', () => {
  const customers = [
    { id: 'C-WLM', name: 'Westerleigh Mills' },
    { id: 'C-OBP', name: 'Ormond Bay Packing Corp.' },
    { id: 'C-GRT', name: 'Granite Row Tiles' },
  ]
  it.each([
    ['WLM called about the pallets', 'C-WLM'],
    ['C-WLM called about the pallets', 'C-WLM'],
    // The initials with the legal form's letter after them.
    ['OBPC plant manager says the labels are wrong', 'C-OBP'],
  ])('%j names %s', (text, id) => {
    expect(matchCustomersInText(text, customers)[0]?.id).toBe(id)
  })

  it('reads no code typed in small letters', () => {
    expect(matchCustomersInText('the wlm figures look odd', customers)).toEqual([])
  })
})

describe('units said to come off the bill', () => {
  it.each([
    ['30 hrs off, they say, the rest stands', 30],
    ['need the extra 16 OT hours backed out', 16],
    // Said outright, the units off are the count, before a count of people.
    ['4 of the crew never came, so they want 32 hrs off', 32],
  ])('%j counts %d', (text, n) => {
    expect(findQuantities(text).quantityAffected).toBe(n)
  })

  it('reads hours of a kind ("OT", "holiday") as hours billed against hours worked', () => {
    expect(findQuantities('22 OT hrs billed, she says 9 at most')).toMatchObject({
      quantityBilled: 22,
      quantityReceived: 9,
      hours: true,
    })
  })

  it.each([
    ['their site office never asked for three of the five skip lifts', 3, 5],
    ['2 of the 4 night call-outs were not ordered by them', 2, 4],
  ])('reads the units not ordered in %j', (text, affected, billed) => {
    expect(findQuantities(text)).toMatchObject({ quantityAffected: affected, quantityBilled: billed })
  })

  it('reads no count in the decimals of a size', () => {
    expect(findQuantities('only 3 reels of 2.5 came not 4').quantityReceived).not.toBe(5)
  })
})

describe('which of two invoices, in other languages', () => {
  it('takes the one a verb before the ordinal cancels, whatever keeps the other', () => {
    expect(findInvoicePick('Ils règlent la première et demandent qu’on annule la seconde.', '2026-06-10')).toEqual({
      kind: 'ordinal',
      index: 1,
    })
  })
})

describe('the week a day falls in', () => {
  it('reads "that week" after a day as the Monday to Sunday around it', () => {
    const d = describeMessage("nobody came on Wednesday 6 May, credit it on that week's bill", '2026-06-01', new Set())
    expect(d.periods).toContainEqual({ from: '2026-05-04', to: '2026-05-10', ofInvoice: true })
  })
})
