import { describe, expect, it } from 'vitest'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { createStore } from './store.ts'
import { memoryPglite } from './testing.ts'

const admin = { id: 'system', name: 'Import', role: 'admin' as const }

describe('ledger pages', () => {
  it('tell the same total whether the page is full, partial, empty or past the end', async () => {
    const { db } = await memoryPglite()
    const store = createStore(db)
    await store.imports.importLedger(exampleLedger(), admin)
    const all = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM invoices')).rows[0]?.n ?? 0
    expect(all).toBeGreaterThan(2)
    for (const [limit, offset] of [
      [500, 0],
      [1, 0],
      [2, 1],
      [500, all - 1],
      [500, all],
      [500, all + 10],
    ] as const) {
      const page = await store.ledger.findInvoices({ limit, offset })
      expect(page.total, `limit ${limit}, offset ${offset}`).toBe(all)
      expect(page.items.length).toBe(Math.max(0, Math.min(limit, all - offset)))
    }
    const none = await store.ledger.payments({ customerId: 'no-such-customer', limit: 500 })
    expect(none.total).toBe(0)
    await db.close()
  })
})
