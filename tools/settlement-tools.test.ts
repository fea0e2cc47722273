/**
 * settlement_options, choose_settlement and hand_off_to_collections over HTTP (POST /api/tools/:name,
 * the route the dashboard uses) on the real app: the same declaration, roles and errors as chat and MCP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { SPECIALIST } from './testing.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

const post = async (name: string, body: unknown, key = t.keys.specialist) => {
  const res = await t.app.request(`/api/tools/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Globex disputes 400.00 on INV-1002 (42 of 50 received): 320.00 supported, 80.00 owed. */
async function partialDispute(): Promise<string> {
  const r = await t.runtime.services.openDispute(
    { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42, disputedAmount: '400.00' },
    SPECIALIST,
    { today: t.runtime.today(), idempotencyKey: `settle-${crypto.randomUUID()}` },
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value.dispute.number
}

describe('settlement tools over HTTP', () => {
  it('settlement_options answers the options; a 70/30 split and 4 instalments when asked', async () => {
    const number = await partialDispute()
    const r = await post('settlement_options', { disputeId: number, splitPercent: '70', instalments: 4 })
    expect(r.status).toBe(200)
    const options = r.body.options as { kind: string; customerPays: string; instalments: { amount: string }[] }[]
    expect(options.find((o) => o.kind === 'split')?.customerPays).toBe('24.00')
    expect(options.find((o) => o.kind === 'payment_plan')?.instalments.map((i) => i.amount)).toEqual([
      '20.00',
      '20.00',
      '20.00',
      '20.00',
    ])
  })

  it('choose_settlement records the split and releases the customer’s 40.00 to collections', async () => {
    const number = await partialDispute()
    const r = await post('choose_settlement', { disputeId: number, option: 'split', why: 'long-standing account' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      handoff: { released: '40.00', kept: '360.00' },
      option: { kind: 'split', creditTotal: '360.00' },
    })
    expect((r.body.email as { subject: string }).subject).toBe(
      'Invoice INV-1002: credit of $360.00 to settle the $400.00 in question',
    )
    // The option's credits, requested through the credit-memo path and pending their approvers.
    const credits = r.body.credits as { requested: { kind: string; amount: string; status: string }[] }
    expect(credits.requested.map((m) => [m.kind, m.amount, m.status])).toEqual([
      ['credit_memo', '320.00', 'pending'],
      ['goodwill_credit', '40.00', 'pending'],
    ])
  })

  it('resolving from the dashboard’s route hands off what the dispute held, once, however often it is sent', async () => {
    const number = await partialDispute()
    const id = (await t.runtime.services.store.disputes.get(number))?.id ?? ''
    const resolve = () =>
      t.app.request(`/api/disputes/${id}/resolve`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${t.keys.specialist}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ outcome: 'Customer will pay the invoice in full.' }),
      })
    expect((await resolve()).status).toBe(200)
    expect((await resolve()).status).toBe(200)
    const byHand = await post('hand_off_to_collections', { disputeId: number })
    expect(byHand.status).toBe(200)
    // 80.00 the evidence does not support is owed and followed up; the 320.00 it supports is not chased.
    expect(byHand.body).toMatchObject({ handoff: { released: '80.00', kept: '320.00' } })
    const events = await t.runtime.services.store.disputes.events(id)
    expect(events.filter((e) => e.type === 'collections_handoff')).toHaveLength(1)
    expect((await t.runtime.services.store.collections.followUps(id)).map((f) => f.expectedPaid)).toEqual(['80.00'])
  })

  it('moving a dispute to resolved (update_dispute, the dashboard’s status change) is resolving it: the same hand-off', async () => {
    const number = await partialDispute()
    const r = await post('update_dispute', { disputeId: number, status: 'resolved', why: 'Customer paid in full.' })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'resolved' })
    const id = r.body.id as string
    const events = await t.runtime.services.store.disputes.events(id)
    expect(events.filter((e) => e.type === 'collections_handoff').map((e) => e.after)).toEqual([
      expect.objectContaining({ released: '80.00', kept: '320.00' }),
    ])
    expect((await t.runtime.services.store.collections.followUps(id)).map((f) => f.expectedPaid)).toEqual(['80.00'])
  })

  it('hand_off_to_collections on a decided dispute; refused for a customer key and an unknown option', async () => {
    const number = await partialDispute()
    const bad = await post('choose_settlement', { disputeId: number, option: 'barter' })
    expect(bad.status).toBe(400)
    const r = await post('hand_off_to_collections', { disputeId: number })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ handoff: { released: '80.00', kept: '320.00' } })
    const customer = await t.runtime.services.store.apiKeys.create({
      name: 'Globex AP',
      role: 'customer',
      customerId: (await t.runtime.services.store.disputes.get(number))?.customerId,
    })
    expect((await post('settlement_options', { disputeId: number }, customer.key)).status).toBe(403)
  })
})
