import { describe, expect, it } from 'vitest'
import { candidateInvoices } from './ground-claim.ts'
import type { InvoiceFilter, InvoiceRecord, LedgerRepository } from './ports.ts'

/** A ledger of `total` invoices issued on 2026-03-02 (invented), recording the reads made of it. */
function ledgerOf(total: number) {
  const calls: string[] = []
  const invoice = (i: number) => ({ number: `T-${i}`, customerId: 'C-1', issueDate: '2026-03-02' }) as InvoiceRecord
  const ledger = {
    async countInvoices(upTo: number, range?: Pick<InvoiceFilter, 'issuedFrom' | 'issuedTo'>) {
      calls.push(`count ${upTo} ${range?.issuedFrom ?? ''}`)
      return Math.min(total, upTo)
    },
    async findInvoices(f: InvoiceFilter) {
      calls.push(`find ${f.offset ?? 0}`)
      const from = f.offset ?? 0
      const n = Math.max(0, Math.min(f.limit ?? 50, total - from))
      return {
        items: Array.from({ length: n }, (_, i) => invoice(from + i)),
        total,
        limit: f.limit ?? 50,
        offset: from,
      }
    },
  } as unknown as LedgerRepository
  return { ledger, calls }
}

describe('candidate invoices for a claim without a number or a customer', () => {
  it('reads the invoices of the day the claim names when they are few', async () => {
    const { ledger, calls } = ledgerOf(3)
    const found = await candidateInvoices(ledger, { date: '2026-03-02', amount: '120.00' })
    expect(found.map((i) => i.number)).toEqual(['T-0', 'T-1', 'T-2'])
    expect(calls[0]).toBe('count 20001 2026-03-02')
  })

  it('reads nothing when the day or the whole ledger holds more than it may scan, counting no further', async () => {
    const { ledger, calls } = ledgerOf(1_000_000)
    expect(await candidateInvoices(ledger, { date: '2026-03-02', amount: '120.00' })).toEqual([])
    expect(await candidateInvoices(ledger, { amount: '120.00' })).toEqual([])
    expect(calls).toEqual(['count 20001 2026-03-02', 'count 20001 '])
  })
})
