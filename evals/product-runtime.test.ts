import { afterAll, describe, expect, it } from 'vitest'
import type { Ledger } from '../src/core/ledger.ts'
import type { EvalCase } from './case-schema.ts'
import { productRuntime } from './product-runtime.ts'

const ledger = (n: number): Ledger => ({
  format: 'dispute-desk.ledger/v1',
  company: { name: `Pool Test ${n}`, currency: 'EUR' },
  customers: [{ id: `C-${n}`, name: `Customer ${n}` }],
  invoices: [
    {
      number: `PT-${n}`,
      customerId: `C-${n}`,
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      currency: 'EUR',
      lines: [{ line: 1, sku: 'X', description: 'Widget', quantity: 2, unitPrice: '10.00' }],
      total: '20.00',
    },
  ],
})
const evalCase = { today: '2026-04-01' } as EvalCase

const runtimes = productRuntime({ engine: 'embedded', keepOpen: 2 })
afterAll(() => runtimes.dispose())

describe('shared eval runtimes', () => {
  it('keep only a few runtimes open across many ledgers, and each still serves its own', async () => {
    const ledgers = [1, 2, 3, 4].map(ledger)
    for (const [i, l] of [...ledgers, ledgers[0]!].entries()) {
      const rt = await runtimes.factory(evalCase, l)
      const n = (i % 4) + 1
      expect((await rt.store.ledger.getInvoice(`PT-${n}`))?.total).toBe('20.00')
      await rt.close()
      expect(runtimes.openCount()).toBeLessThanOrEqual(2)
    }
  }, 120_000)

  it('run one case at a time on the database they share: the next waits for the one before to close', async () => {
    const first = await runtimes.factory(evalCase, ledger(5))
    let secondReady = false
    const second = runtimes.factory(evalCase, ledger(6)).then((rt) => {
      secondReady = true
      return rt
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(secondReady).toBe(false)
    // The first case still reads its own ledger, not the one the second is waiting to load.
    expect((await first.store.ledger.getInvoice('PT-5'))?.total).toBe('20.00')
    expect(await first.store.ledger.getInvoice('PT-6')).toBeNull()
    await first.close()
    const rt = await second
    expect((await rt.store.ledger.getInvoice('PT-6'))?.total).toBe('20.00')
    expect(await rt.store.ledger.getInvoice('PT-5')).toBeNull()
    await rt.close()
  }, 120_000)
})
