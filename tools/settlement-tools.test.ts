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
