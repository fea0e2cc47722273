import { describe, expect, it } from 'vitest'
import { invoiceFigures } from '../core/invoice-math.ts'
import { type Ledger, parseLedger } from '../core/ledger.ts'
import { toDecimal } from '../core/money.ts'
import { FIRST_SCALE_INVOICE, generateScale } from './scale.ts'

// The bench's 100,000 customers and 1,000,000 invoices, at a size a test can afford: the demo's 64
// customers and 2,631 invoices grown to 100 and 3,000.
const SIZE = { customers: 100, invoices: 3_000, today: '2026-11-23' }

const all = (chunks: Iterable<Ledger>) => {
  const out = { customers: [], invoices: [], deliveries: [], serviceLogs: [], payments: [], pastDisputes: [] } as {
    [K in 'customers' | 'invoices' | 'deliveries' | 'serviceLogs' | 'payments' | 'pastDisputes']: unknown[]
  }
  for (const c of chunks) for (const k of Object.keys(out) as (keyof typeof out)[]) out[k].push(...(c[k] ?? []))
  return out
}

describe('generateScale', () => {
  const scale = generateScale({ ...SIZE, chunkCustomers: 10 })
  const chunks = [...scale.chunks()]
  const added = all(chunks)

  it('adds exactly the customers and invoices asked for beyond the demo, in chunks of whole customers', () => {
    expect(scale.added).toEqual({ customers: 36, invoices: 369 })
    expect(chunks.map((c) => c.customers.length)).toEqual([10, 10, 10, 6])
    expect(scale.demo.ledger.customers.length + added.customers.length).toBe(100)
    expect(scale.demo.ledger.invoices.length + added.invoices.length).toBe(3_000)
    const numbers = chunks.flatMap((c) => c.invoices.map((i) => i.number))
    expect(numbers[0]).toBe(`INV-${FIRST_SCALE_INVOICE}`)
    expect(numbers.at(-1)).toBe(`INV-${FIRST_SCALE_INVOICE + 368}`)
  })

  it('is deterministic and the same whatever the chunk size', () => {
    expect(all(generateScale({ ...SIZE, chunkCustomers: 7, demo: scale.demo }).chunks())).toEqual(added)
    const other = all(generateScale({ ...SIZE, seed: 7, chunkCustomers: 10 }).chunks())
    expect(other.customers).not.toEqual(added.customers)
  })

  it('gives chunks that parse alone, with keys unique across the demo and every chunk', () => {
    for (const c of chunks) {
      const parsed = parseLedger(c)
      expect(parsed.ok ? [] : parsed.errors.slice(0, 3)).toEqual([])
      for (const inv of c.invoices) expect(inv.total).toBe(toDecimal(invoiceFigures(inv).total))
    }
    const key = (k: 'customers' | 'deliveries' | 'serviceLogs' | 'payments' | 'pastDisputes') => [
      ...(scale.demo.ledger[k] ?? []).map((r) => r.id),
      ...chunks.flatMap((c) => (c[k] ?? []).map((r) => r.id)),
    ]
    for (const k of ['customers', 'deliveries', 'serviceLogs', 'payments', 'pastDisputes'] as const)
      expect(new Set(key(k)).size, k).toBe(key(k).length)
    const names = [...scale.demo.ledger.customers, ...added.customers].map((c) => (c as { name: string }).name)
    expect(new Set(names).size).toBe(100)
    const pos = [...(scale.demo.ledger.purchaseOrders ?? []), ...chunks.flatMap((c) => c.purchaseOrders ?? [])]
    expect(new Set(pos.map((p) => p.number)).size).toBe(pos.length)
    expect(added.pastDisputes.length).toBeGreaterThan(0)
  })

  it('refuses a size below the demo', () => {
    expect(() => generateScale({ customers: 10, invoices: 100, demo: scale.demo })).toThrow(/at least the demo/)
  })
})
