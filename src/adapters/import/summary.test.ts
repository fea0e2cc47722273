import { describe, expect, it } from 'vitest'
import { summaryLines } from './summary.ts'

describe('a converter’s summary', () => {
  it('prints every count and every listed row, however many', () => {
    const skipped = Array.from({ length: 120 }, (_, i) => ({ row: i + 2, column: 'Type', message: 'not imported' }))
    const lines = summaryLines({
      mapping: 'netsuite',
      rows: 240,
      invoices: 80,
      skipped,
      unmatched: [{ row: 9, invoiceNumber: 'C5001', sku: 'X', amount: '1.50', reason: 'no earlier invoice' }],
      empty: [],
    })
    expect(lines[0]).toBe('mapping netsuite, rows 240, invoices 80')
    expect(lines).toContain('  skipped (120):')
    expect(lines).toContain('    row 121, column "Type": not imported')
    expect(lines.at(-1)).toBe('    row 9, invoiceNumber C5001, sku X, amount 1.50, reason no earlier invoice')
    expect(lines).toHaveLength(1 + 1 + 120 + 1 + 1)
  })
})
