import { describe, expect, it } from 'vitest'
import { matchSku, resolveScope } from './claim-scope.ts'
import type { InvoiceLine } from './ledger.ts'
import { invoice } from './testing/builders.ts'

const lines: InvoiceLine[] = [
  { line: 1, sku: 'WIDGET-A', description: 'Widget A', quantity: 1, unitPrice: '1.00' },
  { line: 2, sku: 'WIDGET-B', description: 'Widget B', quantity: 1, unitPrice: '1.00' },
  { line: 3, sku: 'INSTALL-HR', description: 'Installation hours', quantity: 1, unitPrice: '1.00' },
]
const names = (ls: InvoiceLine[]) => ls.map((l) => l.sku)

describe('matchSku: the specialist’s product words to invoice lines', () => {
  it.each([
    ['widget B', ['WIDGET-B']],
    ['WIDGET-B', ['WIDGET-B']],
    ['widgets', ['WIDGET-A', 'WIDGET-B']],
    ['installation', ['INSTALL-HR']],
    ['gizmo', []],
    ['b', []],
    ['', []],
  ])('"%s" → %j', (words, skus) => {
    expect(names(matchSku(lines, words))).toEqual(skus)
  })
})

describe('resolveScope', () => {
  const inv = invoice({ lines, fees: [{ type: 'freight', amount: '9.00' }] })
  it('is the whole invoice, fees included, when nothing is named', () => {
    const s = resolveScope({ invoiceNumber: 'INV-1', reasonCode: 'pricing_error' }, inv)
    expect(s.ok && { lines: s.value.lines.length, fees: s.value.fees.length, whole: s.value.whole }).toEqual({
      lines: 3,
      fees: 1,
      whole: true,
    })
  })
  it('names lines by number, and the fee alone when only a fee type is given', () => {
    const byNumber = resolveScope({ invoiceNumber: 'INV-1', reasonCode: 'pricing_error', lines: [2] }, inv)
    expect(byNumber.ok && names(byNumber.value.lines)).toEqual(['WIDGET-B'])
    const fee = resolveScope({ invoiceNumber: 'INV-1', reasonCode: 'unrecognized_charge', feeType: 'freight' }, inv)
    expect(fee.ok && { lines: fee.value.lines.length, fees: fee.value.fees.map((f) => f.index) }).toEqual({
      lines: 0,
      fees: [0],
    })
  })
})

describe('resolveScope by the disputed amount', () => {
  const priced: InvoiceLine[] = [
    { line: 1, sku: 'TERMINAL', quantity: 2, unitPrice: '150.00', taxRate: '0.10' },
    { line: 2, sku: 'CABLE', quantity: 10, unitPrice: '4.00' },
    { line: 3, sku: 'ADAPTER', quantity: 10, unitPrice: '4.00' },
  ]
  const inv = invoice({ lines: priced, fees: [{ type: 'freight', amount: '25.00' }] })
  const scope = (reasonCode: 'unrecognized_charge' | 'duplicate_billing', disputedAmount: string) => {
    const s = resolveScope({ invoiceNumber: 'INV-1', reasonCode, disputedAmount }, inv)
    return s.ok ? { skus: names(s.value.lines), fees: s.value.fees.map((f) => f.fee.type), whole: s.value.whole } : null
  }
  it('names the one charge the amount equals: a line with or without its tax, or a fee', () => {
    expect(scope('unrecognized_charge', '330.00')).toEqual({ skus: ['TERMINAL'], fees: [], whole: false })
    expect(scope('unrecognized_charge', '300.00')).toEqual({ skus: ['TERMINAL'], fees: [], whole: false })
    expect(scope('unrecognized_charge', '25.00')).toEqual({ skus: [], fees: ['freight'], whole: false })
  })
  it('names nothing when two charges share the amount, none matches, or the reason is about the whole invoice', () => {
    expect(scope('unrecognized_charge', '40.00')?.whole).toBe(true)
    expect(scope('unrecognized_charge', '12.34')?.whole).toBe(true)
    expect(scope('duplicate_billing', '330.00')?.whole).toBe(true)
  })
})

describe('resolveScope among several fees of the kind named', () => {
  const inv = invoice({
    lines,
    fees: [
      { type: 'other', description: 'After-hours gate opening', amount: '75.00' },
      { type: 'other', description: 'Waiting time at the yard', amount: '130.00' },
    ],
  })
  const fees = (disputedAmount?: string) => {
    const s = resolveScope(
      {
        invoiceNumber: 'INV-1',
        reasonCode: 'unrecognized_charge',
        feeType: 'other',
        ...(disputedAmount ? { disputedAmount } : {}),
      },
      inv,
    )
    return s.ok ? s.value.fees.map((f) => f.index) : null
  }
  it('takes the one billed at the amount disputed', () => {
    expect(fees('75.00')).toEqual([0])
    expect(fees('130.00')).toEqual([1])
  })
  it('keeps them all when the amount names none of them, or none was said', () => {
    expect(fees('205.00')).toEqual([0, 1])
    expect(fees()).toEqual([0, 1])
  })
})

describe('resolveScope: words that seemed to name a charge give way to what the figures say', () => {
  const taxed: InvoiceLine[] = [
    {
      line: 1,
      sku: 'FRT-SEA',
      description: 'Sea freight per tonne',
      quantity: 10,
      unitPrice: '50.00',
      taxRate: '0.10',
    },
    { line: 2, sku: 'HANDLING', description: 'Wharf handling', quantity: 10, unitPrice: '12.00', taxRate: '0.10' },
  ]
  const inv = invoice({ lines: taxed })
  it('a tax claim for exactly the invoice’s whole tax is about every line', () => {
    const s = resolveScope(
      { invoiceNumber: 'INV-1', reasonCode: 'tax_error', feeType: 'freight', disputedAmount: '62.00' },
      inv,
    )
    expect(s.ok && { skus: names(s.value.lines), whole: s.value.whole }).toEqual({
      skus: ['FRT-SEA', 'HANDLING'],
      whole: true,
    })
  })
  it('a tax claim for one line’s tax stays on that line', () => {
    const s = resolveScope(
      { invoiceNumber: 'INV-1', reasonCode: 'tax_error', lines: [1], disputedAmount: '50.00' },
      inv,
    )
    expect(s.ok && names(s.value.lines)).toEqual(['FRT-SEA'])
  })
  it('a fee word beside lines named otherwise names those lines, not a missing fee', () => {
    const s = resolveScope({ invoiceNumber: 'INV-1', reasonCode: 'damaged_goods', feeType: 'freight', lines: [2] }, inv)
    expect(s.ok && names(s.value.lines)).toEqual(['HANDLING'])
  })
})

describe('a fee word with the invoice’s whole total', () => {
  // Freight and pallet hire on one invoice, 10 % tax: 6 × 40.00 + 6 × 9.00 = 294.00 + 29.40 = 323.40.
  const freightOnly = invoice({
    lines: [
      { line: 1, sku: 'FRT-PAL', description: 'Pallet freight', quantity: 6, unitPrice: '40.00', taxRate: '0.10' },
      { line: 2, sku: 'PAL-HIRE', description: 'Pallet hire', quantity: 6, unitPrice: '9.00', taxRate: '0.10' },
    ],
  })
  it('is about every line: the figure names all of it', () => {
    const s = resolveScope(
      { invoiceNumber: 'INV-1', reasonCode: 'duplicate_billing', feeType: 'freight', disputedAmount: '323.40' },
      freightOnly,
    )
    expect(s.ok && s.value.whole).toBe(true)
  })
  it('with another figure, the fee word still names its line (a check)', () => {
    const s = resolveScope(
      { invoiceNumber: 'INV-1', reasonCode: 'duplicate_billing', feeType: 'freight', disputedAmount: '264.00' },
      freightOnly,
    )
    expect(s.ok && s.value.lines.map((l) => l.sku)).toEqual(['FRT-PAL'])
  })
})
