/**
 * Money moves once (DOMAIN.md): on both drivers, whatever the number, order or concurrency of
 * credit requests, a dispute never gets more than it may receive; a defect credited through
 * another dispute is not credited again; resolving cancels what waits; keys make retries safe;
 * text that cannot round-trip never reaches the audit trail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { add, moneyOf, toDecimal, zero } from '../../core/money.ts'
import type { Actor, CreditMemoRequest, Store, StoreResult } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import type { Db } from './db.ts'
import { createStore } from './store.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'
import { investigatedDispute } from './testing-disputes.ts'

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }
const pricing = { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' as const }

const total = (rs: StoreResult<CreditMemoRequest>[]) =>
  rs.reduce((t, r) => (r.ok ? add(t, moneyOf(r.value.amount, 'USD')) : t), zero('USD'))

describe.each(STORE_DRIVERS)('money invariants on %s', (name, open) => {
  let db: Db
  let store: Store
  beforeEach(async () => {
    db = (await open()).db
    store = createStore(db)
    expect((await store.imports.importLedger(exampleLedger(), system)).ok).toBe(true)
  })
  afterEach(async () => {
    await db.close()
  })

  const ask = (disputeId: string, amount?: string, key?: string) =>
    store.creditMemos.request(
      {
        disputeId,
        reason: 'contract price',
        kind: 'credit_memo',
        ...(amount ? { amount } : {}),
        ...(key ? { idempotencyKey: key } : {}),
      },
      ana,
    )

  it('refuses the second and third sequential request of the supported amount, naming what is left', async () => {
    const d = await investigatedDispute(store, pricing, ana)
    expect(d.supportedAmount).toBe('150.00')
    const results = [await ask(d.id, '150.00'), await ask(d.id, '150.00'), await ask(d.id, '150.00')]
    expect(results.map((r) => r.ok)).toEqual([true, false, false])
    const refused = results[1]
    expect(!refused?.ok && refused?.error).toMatchObject({ code: 'credit_exceeds_supported', remaining: '0.00' })
    expect(!refused?.ok && refused?.error.message).toContain('Remaining: 0.00 USD')
    console.log(`[${name}] sequential: 3 requests of 150.00, credited ${toDecimal(total(results))} of 150.00 supported`)
    expect(toDecimal(total(results))).toBe('150.00')
  })

  it('lets 30 concurrent requests take at most the supported amount', async () => {
    const d = await investigatedDispute(store, pricing, ana)
    const results = await Promise.all(Array.from({ length: 30 }, () => ask(d.id, '20.00')))
    const accepted = results.filter((r) => r.ok)
    expect(accepted).toHaveLength(7)
    expect(results.filter((r) => !r.ok && r.error.code === 'credit_exceeds_supported')).toHaveLength(23)
    const rest = await ask(d.id)
    expect(rest.ok && rest.value.amount).toBe('10.00')
    const all = [...results, rest]
    console.log(
      `[${name}] concurrent: 30 requests of 20.00 → ${accepted.length} accepted, then the 10.00 left; ` +
        `requested ${toDecimal(total(all))} of 150.00 supported`,
    )
    expect(toDecimal(total(all))).toBe('150.00')
    const issued = await Promise.all(
      all.flatMap((r) => (r.ok ? [store.creditMemos.decide(r.value.id, 'approve', 'ok', fin)] : [])),
    )
    expect(issued.every((r) => r.ok)).toBe(true)
    expect(await store.disputes.get(d.id)).toMatchObject({ credited: '150.00' })
    expect(await store.disputes.verifyChain()).toMatchObject({ ok: true })
  })

  it('does not credit a defect again through a second dispute on the same invoice, and names the first', async () => {
    const first = await investigatedDispute(store, pricing, ana)
    const req = await ask(first.id)
    if (!req.ok) throw new Error(req.error.message)
    expect((await store.creditMemos.decide(req.value.id, 'approve', 'matches the contract', fin)).ok).toBe(true)
    expect((await store.disputes.resolve(first.id, 'credited', ana)).ok).toBe(true)

    const second = await investigatedDispute(store, pricing, ana)
    const again = await ask(second.id)
    expect(again).toMatchObject({ ok: false, error: { code: 'credit_exceeds_supported', earlierDisputes: [first.id] } })
    expect(!again.ok && again.error.message).toContain(`through dispute ${first.id}`)
    const trail = await store.disputes.events(second.id)
    expect(trail.find((e) => e.type === 'defect_already_credited')?.why).toContain(first.id)
  })

  it('cancels pending requests when the dispute is resolved, and refuses to approve them after', async () => {
    const d = await investigatedDispute(store, pricing, ana)
    const req = await ask(d.id, '100.00')
    if (!req.ok) throw new Error(req.error.message)
    expect((await store.disputes.resolve(d.id, 'customer withdrew', ana)).ok).toBe(true)
    const cancelled = await store.creditMemos.get(req.value.id)
    expect(cancelled?.status).toBe('cancelled')
    const types = (await store.disputes.events(d.id)).map((e) => e.type)
    expect(types).toContain('credit_memo_cancelled')
    const late = await store.creditMemos.decide(req.value.id, 'approve', 'ok', fin)
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await store.disputes.get(d.id)).toMatchObject({ credited: '0.00' })
    expect(await store.disputes.verifyDispute(d.id)).toMatchObject({ ok: true })
  })

  it('returns the first result for a repeated idempotency key and refuses the key with another input', async () => {
    const d = await investigatedDispute(store, pricing, ana)
    const a = await ask(d.id, '50.00', 'key-request-1')
    const b = await ask(d.id, '50.00', 'key-request-1')
    expect(a.ok && b.ok && b.value.id === a.value.id).toBe(true)
    expect(await ask(d.id, '60.00', 'key-request-1')).toMatchObject({
      ok: false,
      error: { code: 'idempotency_key_reused' },
    })
    // A refused request leaves its key free: the corrected retry goes through.
    expect(await ask(d.id, '500.00', 'key-request-2')).toMatchObject({ ok: false })
    expect((await ask(d.id, '100.00', 'key-request-2')).ok).toBe(true)
    if (!a.ok) throw new Error('unreachable')
    const once = await store.creditMemos.decide(a.value.id, 'approve', 'ok', fin, 'key-decide-1')
    const twice = await store.creditMemos.decide(a.value.id, 'approve', 'ok', fin, 'key-decide-1')
    expect(once.ok && twice.ok && twice.value.status).toBe('issued')
    expect(await store.disputes.get(d.id)).toMatchObject({ credited: '50.00' })
    const r1 = await store.disputes.resolve(d.id, 'done', ana, 'key-resolve-1')
    const r2 = await store.disputes.resolve(d.id, 'done', ana, 'key-resolve-1')
    expect(r1.ok && r2.ok && r2.value.status).toBe('resolved')
  })

  it('refuses NUL and lone surrogates in stored text, and the chain stays verifiable', async () => {
    const d = await investigatedDispute(store, pricing, ana)
    expect(await store.disputes.note(d.id, 'half a pair \ud800', ana)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'note' },
    })
    expect(await store.disputes.note(d.id, 'nul \u0000 byte', ana)).toMatchObject({ ok: false })
    // A name that slipped in elsewhere (an API key's) is hashed as stored, so the chain still holds.
    expect((await store.disputes.note(d.id, 'fine text, odd name', { ...ana, name: 'Ana \udc00' })).ok).toBe(true)
    expect(await store.disputes.verifyChain()).toMatchObject({ ok: true })
    expect(await store.disputes.verifyDispute(d.id)).toMatchObject({ ok: true })
  })
})
