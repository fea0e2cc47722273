import { describe, expect, it } from 'vitest'
import type { InvoiceRecord } from '../../services/ports.ts'
import { corroborates } from './invoice-corroboration.ts'

const invoice = {
  number: 'QX-0077/26',
  customerId: 'C-9',
  issueDate: '2026-04-02',
  dueDate: '2026-05-02',
  currency: 'EUR',
  lines: [
    { line: 1, sku: 'PAL-EUR', description: 'Euro pallet hire, per week', quantity: 40, unitPrice: '3.50' },
    { line: 2, sku: 'STRAP-25', description: 'Ratchet strap 25 mm', quantity: 12, unitPrice: '8.20' },
  ],
  fees: [{ type: 'other', description: 'Fumigation certificate', amount: '35.00' }],
  total: '273.40',
  computedTotal: '273.40',
  openBalance: '273.40',
} as unknown as InvoiceRecord

describe('what else a message says of an invoice a number loosely names', () => {
  it.each([
    ['a word of its lines, in the plural', 'invoice 77 for the pallets'],
    ['its SKU', 'the 77 with the STRAP-25 on it'],
    ['its total, in a European format', 'la 77, 273,40 € en total'],
    ['a fee it carries, by its words', 'what is the fumigation thing on 77'],
    ['a fee it carries, by its amount', 'no. 77: the 35.00 extra'],
    ["a line's amount", 'no. 77: the 140.00 for hire'],
    ['a unit price', 'no. 77 at 8.20 each'],
  ])('corroborates it by %s', (_what, text) => {
    expect(corroborates(invoice, text)).toBe(true)
  })

  it.each([
    ['nothing but the number', 'invoice 77 please'],
    ['words any invoice has', 'their invoice 77, one item per month'],
    ['a figure it does not bill', 'invoice 77, 512.00 in all'],
  ])('does not by %s', (_what, text) => {
    expect(corroborates(invoice, text)).toBe(false)
  })
})
