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
