import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../../core/ledger.ts'
import { converse, createTestApp, type TestApp } from '../../testing/test-app.ts'

// An invented ledger whose lines carry the month billed in the customer's language, as many do.
const ledger = (): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: 'Vigilancia Andina', currency: 'USD' },
  customers: [{ id: 'C-QOR', name: 'Hotel Qori Wasi' }],
  invoices: [
    {
      number: 'VA-0917',
      customerId: 'C-QOR',
      issueDate: '2026-10-31',
      dueDate: '2026-11-30',
      currency: 'USD',
      lines: [
        { line: 1, sku: 'GUARD-12', description: 'Vigilante, turno 12 h - octubre', quantity: 31, unitPrice: '80.00' },
        {
          line: 2,
          sku: 'PATROL',
          description: 'Ronda motorizada nocturna - octubre',
          quantity: 31,
          unitPrice: '25.00',
        },
        { line: 3, sku: 'ESCORT', description: 'Escolta de valores al banco', quantity: 4, unitPrice: '60.00' },
      ],
      total: '3495.00',
    },
  ],
})

let t: TestApp
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-12', ledger: ledger(), env: { DISPUTE_DESK_CHAT_PER_MINUTE: '100000' } })
}, 60_000)
afterAll(() => t?.close())

describe('a month named in the customer’s language', () => {
  it.each([
    'VA-0917, Qori Wasi: la escolta al banco del 14 de octubre nunca se hizo',
    'Qori Wasi on VA-0917: the bank escort of 14 octubre never took place',
  ])('names the period, not the lines that carry it: %j', async (text) => {
    const r = await converse(t, text)
    expect(r.understood?.lines, r.reply.slice(0, 300)).toEqual([3])
  })
})
