import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Ledger, parseLedger } from '../../core/ledger.ts'
import type { Actor, Store } from '../../services/ports.ts'
import type { Db } from './db.ts'
import { importLedgerValue } from './import-value.ts'
import { fragmentKeys } from './ledger-repo.ts'
import { migrate } from './migrate.ts'
import { createStore } from './store.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'
import { EXAMPLE_LEDGER_PATH } from '../../testing/example-ledger.ts'

const NORTHWIND = EXAMPLE_LEDGER_PATH
const raw = () => JSON.parse(readFileSync(NORTHWIND, 'utf8'))
const northwind = (): Ledger => {
  const r = parseLedger(raw())
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.ledger
}

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const bo: Actor = { id: 'u-bo', name: 'Bo', role: 'specialist' }
const lee: Actor = { id: 'u-lee', name: 'Lee', role: 'lead' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

describe.each(STORE_DRIVERS)('store on %s', (_name, open) => {
  let db: Db
  let store: Store
  beforeEach(async () => {
    db = (await open()).db
    store = createStore(db)
    const r = await store.imports.importLedger(northwind(), system)
    expect(r.ok).toBe(true)
  })
  afterEach(async () => {
    await db.close()
  })

  const openDispute = async (invoiceNumber = 'INV-1001', disputedAmount = '200.00', key?: string) => {
    const r = await store.disputes.open(
      {
        invoiceNumber,
        reasonCode: 'pricing_error',
        description: 'price above contract',
        disputedAmount,
        openedOn: '2026-02-01',
        ...(key ? { idempotencyKey: key } : {}),
      },
      ana,
    )
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }

  it("numbers a turn's messages after the ones saved before, in order, when two saves of a session race (check)", async () => {
    const say = (content: string, at: string) => ({ role: 'user' as const, content, at })
    await store.conversations.save('s-race', { step: 1 }, [say('one', '2026-02-01T10:00:00Z')], ana)
    await Promise.all([
      store.conversations.save(
        's-race',
        { step: 2 },
        [say('two', '2026-02-01T10:01:00Z'), say('three', '2026-02-01T10:01:01Z')],
        ana,
      ),
      store.conversations.save('s-race', { step: 3 }, [say('four', '2026-02-01T10:02:00Z')], ana),
    ])
    await store.conversations.save('s-race', { step: 4 }, [], ana)
    const saved = await store.conversations.load('s-race')
    expect(saved?.state).toEqual({ step: 4 })
    const contents = saved?.messages.map((m) => m.content)
    expect(contents?.[0]).toBe('one')
    expect(contents?.slice().sort()).toEqual(['four', 'one', 'three', 'two'])
    // A turn's own messages stay together and in their order, whichever save went first.
    expect(contents?.join(' ')).toMatch(/two three/)
    const numbered = await db.query<{ position: number }>(
      "SELECT position FROM conversation_messages WHERE session_id = 's-race' ORDER BY position",
    )
    expect(numbered.rows.map((r) => r.position)).toEqual([0, 1, 2, 3])
  })

  it('runs migrations a second time without applying anything', async () => {
    expect((await migrate(db)).applied).toEqual([])
  })

  it('imports every example invoice with its figures, and a re-import changes nothing', async () => {
    for (const n of ['INV-1001', 'INV-1002', 'INV-2001', 'INV-2002', 'INV-5001']) {
      const inv = await store.ledger.getInvoice(n)
      expect(inv?.total).toBe(inv?.computedTotal)
    }
    const inv = await store.ledger.getInvoice('INV-5001')
    expect(inv).toMatchObject({ total: '1122.00', paidAmount: '1100.00', openBalance: '22.00' })
    const again = await store.imports.importLedger(northwind(), system)
    expect(again.ok && again.value.inserted).toEqual({})
    expect(again.ok && again.value.unchanged.invoices).toBe(5)
    expect((await store.disputes.verifyChain()).ok).toBe(true)
  })

  it('rejects the whole file when one record is bad, naming paths and both totals', async () => {
    const fresh = createStore((await open()).db)
    const bad = northwind()
    bad.customers.push({ id: 'C-NEW', name: 'New Co' })
    const first = bad.invoices[0]
    if (!first) throw new Error('no invoice')
    first.total = '9999.00'
    bad.payments?.push({ id: 'P-X', customerId: 'C-404', amount: '1.00', currency: 'USD', date: '2026-01-01' })
    let r = await fresh.imports.importLedger(bad, system)
    expect(r.ok).toBe(false)
    if (!r.ok && r.error.code === 'invalid_ledger') {
      expect(r.error.errors[0]?.path).toBe('invoices[0].total')
      expect(r.error.errors[0]?.message).toContain('9999.00')
      expect(r.error.errors[0]?.message).toContain('1400.00')
    }
    first.total = '1400.00'
    r = await fresh.imports.importLedger(bad, system)
    expect(!r.ok && r.error.code === 'invalid_ledger' && r.error.errors.map((e) => e.path)).toEqual([
      'payments[1].customerId',
    ])
    expect(await fresh.ledger.getCustomer('C-NEW')).toBeNull()
    expect(await fresh.ledger.getInvoice('INV-1001')).toBeNull()
    await fresh.close()
  })

  it('reports every schema problem of a ledger at once, with paths', async () => {
    const value = raw()
    value.invoices[0].lines[0].unitPrice = 14
    delete value.customers[1].name
    const r = await importLedgerValue(db, value, system)
    const paths = !r.ok && r.error.code === 'invalid_ledger' ? r.error.errors.map((e) => e.path) : []
    expect(paths).toEqual(expect.arrayContaining(['invoices[0].lines[0].unitPrice', 'customers[1].name']))
  })

  it('assembles the evidence for an invoice', async () => {
    const ev = await store.ledger.evidenceFor('INV-5001')
    expect(ev?.invoice.number).toBe('INV-5001')
    expect(ev?.customer.id).toBe('C-500')
    expect(ev?.contract?.id).toBe('CT-500')
    expect(ev?.payments.map((p) => p.id)).toEqual(['P-5001'])
    expect(await store.ledger.evidenceFor('INV-0000')).toBeNull()
  })

  it.each([
    ['1002', 'INV-1002'],
    ['inv 1002', 'INV-1002'],
    ['INV-1002', 'INV-1002'],
    ['invoice 2001', 'INV-2001'],
  ])('finds an invoice typed as "%s"', async (fragment, number) => {
    const page = await store.ledger.findInvoices({ numberFragment: fragment })
    expect(page.items[0]?.number).toBe(number)
  })

  it("finds a customer's invoices billed against one purchase order", async () => {
    const all = (await store.ledger.findInvoices({ limit: 500 })).items
    const onPo = all.filter((i) => i.poNumber)
    expect(onPo.length).toBeGreaterThan(0)
    for (const po of new Set(onPo.map((i) => i.poNumber!))) {
      const page = await store.ledger.findInvoices({ poNumber: po, limit: 500 })
      expect(page.items.map((i) => i.number).sort()).toEqual(
        all
          .filter((i) => i.poNumber === po)
          .map((i) => i.number)
          .sort(),
      )
    }
  })

  it('searches a prefixed reference typed without its zero padding by its digits too', () => {
    // "FAC-452" for FAC 00452: "fac452" is in no key, "452" is.
    expect(fragmentKeys('FAC-452')).toContain('452')
    expect(fragmentKeys('1002')).toEqual(['1002'])
  })

  it('searches a sequence said with its year ("0457/2026" for QRT26/B/0457) by the sequence too', () => {
    expect(fragmentKeys('0457/2026')).toContain('0457')
    expect(fragmentKeys('2026/0457')).toContain('0457')
    expect(fragmentKeys('0457/2026')).not.toContain('2026')
  })

  it('moves a dispute through its lifecycle and refuses an illegal move', async () => {
    const d = await openDispute()
    expect((await store.ledger.getInvoice('INV-1001'))?.collectionsHold).toBe(true)
    const bad = await store.disputes.transition(d.id, 'closed', ana, 'skip')
    expect(!bad.ok && bad.error.code).toBe('illegal_transition')
    expect(!bad.ok && bad.error.message).toContain('cannot become closed')
    for (const to of ['investigating', 'awaiting_customer'] as const) {
      expect((await store.disputes.transition(d.id, to, ana, 'next')).ok).toBe(true)
    }
    const done = await store.disputes.resolve(d.id, 'customer accepted', ana)
    expect(done.ok && done.value.status).toBe('resolved')
    expect((await store.ledger.getInvoice('INV-1001'))?.collectionsHold).toBe(false)
    expect((await store.disputes.transition(d.id, 'closed', ana, 'done')).ok).toBe(true)
    const types = (await store.disputes.events(d.id)).map((e) => e.type)
    expect(types).toEqual([
      'dispute_opened',
      'dispute_assigned',
      'status_changed',
      'status_changed',
      'dispute_resolved',
      'status_changed',
    ])
  })

  it('makes one dispute for one idempotency key', async () => {
    const a = await openDispute('INV-1001', '200.00', 'k-1')
    const b = await openDispute('INV-1001', '200.00', 'k-1')
    expect(b.id).toBe(a.id)
    expect((await store.disputes.list({ invoiceNumber: 'INV-1001' })).total).toBe(1)
  })

  it('refuses self-approval and an approver over their limit, then issues and reduces the balance', async () => {
    const d = await openDispute('INV-1002', '2000.00')
    const req = await store.creditMemos.request(
      { disputeId: d.id, amount: '1500.00', reason: 'price', kind: 'credit_memo' },
      ana,
    )
    if (!req.ok) throw new Error(req.error.message)
    expect(req.value.requiredRole).toBe('lead')
    const self = await store.creditMemos.decide(req.value.id, 'approve', 'ok', ana)
    expect(!self.ok && self.error.code).toBe('self_approval')
    const low = await store.creditMemos.decide(req.value.id, 'approve', 'ok', bo)
    expect(!low.ok && low.error.code).toBe('approval_limit_exceeded')
    const ok = await store.creditMemos.decide(req.value.id, 'approve', 'ok', lee)
    expect(ok.ok && ok.value.status).toBe('issued')
    const inv = await store.ledger.getInvoice('INV-1002')
    expect(inv).toMatchObject({ creditedAmount: '1500.00', openBalance: '500.00' })
    const after = await store.disputes.get(d.id)
    expect(after).toMatchObject({ credited: '1500.00', remainingDisputed: '500.00' })
    expect((await store.disputes.verifyChain()).ok).toBe(true)
  })

  it('never credits more than the disputed amount or the open balance when requests and approvals race', async () => {
    const d = await openDispute('INV-1001', '1400.00')
    const asked = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        store.creditMemos.request({ disputeId: d.id, amount: '500.00', reason: `r${i}`, kind: 'credit_memo' }, ana),
      ),
    )
    const reqs = asked.flatMap((r) => (r.ok ? [r.value] : []))
    expect(reqs).toHaveLength(2)
    expect(asked.filter((r) => !r.ok && r.error.code === 'credit_exceeds_supported')).toHaveLength(2)
    const results = await Promise.all(reqs.map((r) => store.creditMemos.decide(r.id, 'approve', 'ok', fin)))
    expect(results.filter((r) => r.ok)).toHaveLength(2)
    expect((await store.ledger.getInvoice('INV-1001'))?.openBalance).toBe('400.00')
  })

  it('detects a tampered audit event, and the trigger refuses updates and deletes', async () => {
    const d = await openDispute()
    await store.disputes.note(d.id, 'called the customer', ana)
    expect(await store.disputes.verifyChain()).toMatchObject({ ok: true })
    await expect(db.query("UPDATE dispute_events SET why = 'x' WHERE seq = 2")).rejects.toThrow(/append-only/)
    await expect(db.query('DELETE FROM dispute_events WHERE seq = 2')).rejects.toThrow(/append-only/)
    await db.exec('ALTER TABLE dispute_events DISABLE TRIGGER dispute_events_no_update')
    await db.query("UPDATE dispute_events SET why = 'nothing happened' WHERE seq = 3")
    const v = await store.disputes.verifyChain()
    expect(v).toMatchObject({ ok: false, brokenAt: 3 })
  })

  it('stores only a hash of an API key and verifies the key', async () => {
    const { key, record } = await store.apiKeys.create({ name: 'ci', role: 'lead' })
    expect(await store.apiKeys.verify(key)).toEqual(record)
    expect(await store.apiKeys.verify(`${key}x`)).toBeNull()
    const rows = await db.query<Record<string, string>>('SELECT key_hash, prefix FROM api_keys')
    expect(JSON.stringify(rows.rows)).not.toContain(key)
    expect(rows.rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})
