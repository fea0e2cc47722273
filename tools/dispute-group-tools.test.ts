/**
 * A claim over several invoices through the tools, on the real store: "every Globex invoice in
 * February has the wrong price" is investigated invoice by invoice, recorded as linked disputes with
 * their own figures and totals, and one request files the group's credits, each within its own cap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { callByName, toolContext } from './testing.ts'

let t: TestApp
const ctx = (readOnly = false) => toolContext(t, readOnly)

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

// biome-ignore lint/suspicious/noExplicitAny: tool results are read field by field below.
async function value(name: string, input: unknown, c = ctx()): Promise<any> {
  const r = await callByName(name, input, c)
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`)
  return r.value
}

const FEBRUARY = { customerId: 'C-100', month: '2026-02', reasonCode: 'pricing_error' }
// INV-1001 bills WIDGET-A at 14.00 where contract CT-100 says 12.50 (100 units: 150.00 not owed);
// INV-1002 bills WIDGET-B at its contract price.
const LINES = [
  { invoiceNumber: 'INV-1001', classification: 'valid', disputedAmount: '150.00', supportedAmount: '150.00' },
  { invoiceNumber: 'INV-1002', classification: 'invalid', disputedAmount: '2000.00', supportedAmount: '0.00' },
]
const TOTALS = [{ currency: 'USD', invoices: 2, disputed: '2150.00', supported: '150.00', owed: '2000.00' }]

describe('a claim over several invoices', () => {
  let groupId = ''

  it('investigates every invoice of the month, with per-invoice figures and the total, recording nothing', async () => {
    const before = (await t.runtime.store.disputes.list({})).total
    const r = await value('investigate_dispute_group', FEBRUARY)
    expect(r.lines).toMatchObject(LINES)
    expect(r.totals).toEqual(TOTALS)
    expect((await t.runtime.store.disputes.list({})).total).toBe(before)
  })

  it('opens one dispute per invoice, linked as a group, each with its audit event', async () => {
    const r = await value('open_dispute_group', { ...FEBRUARY, idempotencyKey: 'group-feb-globex' })
    groupId = r.group.id
    expect(r.group.disputeIds).toHaveLength(2)
    expect(r.lines).toMatchObject(LINES.map((l, i) => ({ ...l, disputeId: r.group.disputeIds[i] })))
    expect(r.totals).toEqual(TOTALS)
    const events = await t.runtime.store.disputes.events(r.group.disputeIds[0])
    expect(events.map((e) => e.type)).toContain('dispute_grouped')
    // A retried call with the same key is the same group.
    const again = await value('open_dispute_group', { ...FEBRUARY, idempotencyKey: 'group-feb-globex' })
    expect(again.group.id).toBe(groupId)
    expect(await value('get_dispute_group', { groupId })).toMatchObject({ totals: TOTALS })
  })

  it('takes invoice numbers as typed, and refuses invoices of two customers before recording anything', async () => {
    const r = await value('investigate_dispute_group', {
      invoiceNumbers: ['1001', 'inv 1002'],
      reasonCode: 'pricing_error',
    })
    expect(r.lines.map((l: { invoiceNumber: string }) => l.invoiceNumber)).toEqual(['INV-1001', 'INV-1002'])
    const before = (await t.runtime.store.disputes.list({})).total
    const mixed = await callByName(
      'open_dispute_group',
      { invoiceNumbers: ['INV-1001', 'INV-2001'], reasonCode: 'pricing_error' },
      ctx(),
    )
    expect(mixed).toMatchObject({ ok: false, error: { code: 'invalid_claim', field: 'invoiceNumbers' } })
    expect((await t.runtime.store.disputes.list({})).total).toBe(before)
  })

  it('files the credits of the group in one request, skipping what nothing supports', async () => {
    const r = await value('request_group_credits', {
      groupId,
      reason: 'contract price',
      idempotencyKey: 'group-feb-credit',
    })
    expect(r.requested).toMatchObject([{ invoiceNumber: 'INV-1001', request: { amount: '150.00', status: 'pending' } }])
    expect(r.skipped).toMatchObject([{ invoiceNumber: 'INV-1002' }])
    expect(r.totals).toEqual([{ currency: 'USD', amount: '150.00', count: 1 }])
    // The same confirmation replayed files nothing more.
    const replay = await value('request_group_credits', {
      groupId,
      reason: 'contract price',
      idempotencyKey: 'group-feb-credit',
    })
    expect(replay.requested.map((x: { request: { id: string } }) => x.request.id)).toEqual(
      r.requested.map((x: { request: { id: string } }) => x.request.id),
    )
  })

  it('keeps each dispute within its own cap: a second request finds nothing left and says so', async () => {
    const r = await value('request_group_credits', { groupId, reason: 'asked again' })
    expect(r.requested).toEqual([])
    expect(r.refused).toMatchObject([{ invoiceNumber: 'INV-1001', error: { code: 'credit_exceeds_supported' } }])
  })

  it('a read-only key cannot file credits', async () => {
    expect(await callByName('request_group_credits', { groupId, reason: 'read only' }, ctx(true))).toMatchObject({
      ok: false,
      error: { code: 'read_only' },
    })
  })
})
