import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../core/ledger.ts'
import { createTestApp, type TestApp } from '../testing/test-app.ts'
import { customersToMatch } from './customers-to-match.ts'

// Invented names; "Zuidkust Bakkerij" sorts after the first 500, where a single page read used to stop.
const ledgerOf = (n: number): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Testco', currency: 'EUR' },
  customers: [
    ...Array.from({ length: n }, (_, i) => ({ id: `C-${i}`, name: `Alpha Trading ${String(i).padStart(5, '0')}` })),
    { id: 'C-Z', name: 'Zuidkust Bakkerij B.V.' },
  ],
  invoices: [
    {
      number: 'T-1',
      customerId: 'C-Z',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      currency: 'EUR',
      lines: [{ line: 1, sku: 'X', quantity: 1, unitPrice: '10.00' }],
    },
  ],
})

describe('the customers a message may name', () => {
  let small: TestApp
  let large: TestApp
  beforeAll(async () => {
    ;[small, large] = await Promise.all([
      createTestApp({ ledger: ledgerOf(700) }),
      createTestApp({ ledger: ledgerOf(2_500) }),
    ])
  }, 120_000)
  afterAll(async () => {
    await small?.close()
    await large?.close()
  })

  it('reads a ledger of a few hundred customers whole, past the 500 rows of one page', async () => {
    const all = await customersToMatch(small.runtime.store.ledger, 'Zuidkust say the bread price is wrong')
    expect(all).toHaveLength(701)
    expect(all.map((c) => c.id)).toContain('C-Z')
  })

  it('searches a large ledger by the message’s words instead of reading it whole', async () => {
    const found = await customersToMatch(large.runtime.store.ledger, 'Zuidkust say the bread price is wrong')
    expect(found.map((c) => c.id)).toEqual(['C-Z'])
  })

  it('leaves out a word in more than a hundred names: it names no one in particular', async () => {
    const found = await customersToMatch(large.runtime.store.ledger, 'Alpha Trading and Zuidkust: the bread price')
    expect(found.map((c) => c.id)).toEqual(['C-Z'])
  })
})
