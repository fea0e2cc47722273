/**
 * request_credit_memo with a goodwill percentage, through callTool on the real store: the core turns
 * the share into an amount, caps it by policy, and the request records how it was computed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../src/testing/test-app.ts'
import { callByName, SPECIALIST, toolContext } from './testing.ts'

let t: TestApp

/** A pricing claim the contract refutes (WIDGET-B is billed at its contract price): 300.00 still owed. */
async function invalidDispute(): Promise<string> {
  const r = await t.runtime.services.openDispute(
    { invoiceNumber: 'INV-1002', reasonCode: 'pricing_error', disputedAmount: '300.00' },
    SPECIALIST,
    { today: t.runtime.today(), idempotencyKey: `goodwill-${crypto.randomUUID()}` },
  )
  if (!r.ok) throw new Error(r.error.message)
  expect(r.value.resolution).toMatchObject({ classification: 'invalid', owedAmount: '300.00' })
  return r.value.dispute.id
}

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

async function request(input: Record<string, unknown>) {
  return callByName(
    'request_credit_memo',
    { reason: 'keep the account', kind: 'goodwill_credit', ...input },
    toolContext(t),
  )
}

describe('a goodwill credit as a percentage', () => {
  it('requests 10 % of the invoice total, saying how it was computed', async () => {
    const r = await request({ disputeId: await invalidDispute(), percent: 10 })
    expect(r).toMatchObject({
      ok: true,
      value: {
        kind: 'goodwill_credit',
        amount: '200.00',
        status: 'pending',
        reason: 'keep the account (10 % of the invoice total 2000.00 USD = 200.00 USD)',
      },
    })
  })

  it('caps a share above the policy limit at what the customer still owes of the disputed amount', async () => {
    const r = await request({ disputeId: await invalidDispute(), percent: '20' })
    expect(r).toMatchObject({
      ok: true,
      value: { amount: '300.00', reason: expect.stringContaining('capped at 300.00 USD') },
    })
  })

  it('takes a share of one line or of the amount in dispute', async () => {
    const line = await request({ disputeId: await invalidDispute(), percent: '5', of: 'line', line: 1 })
    expect(line).toMatchObject({ ok: true, value: { amount: '100.00' } })
    const disputed = await request({ disputeId: await invalidDispute(), percent: '12.5', of: 'disputed' })
    expect(disputed).toMatchObject({ ok: true, value: { amount: '37.50' } })
  })

  it.each([
    [{ percent: 10, amount: '50.00' }, 'percent'],
    [{ percent: 10, kind: 'credit_memo' }, 'percent'],
    [{ of: 'line', amount: '50.00' }, 'of'],
    [{ percent: 101 }, 'percent'],
    [{ percent: 10, of: 'line', line: 7 }, 'line'],
  ])('refuses %o, naming the field', async (input, field) => {
    const r = await request({ disputeId: await invalidDispute(), ...input })
    expect(r).toMatchObject({ ok: false, error: { field } })
  })
})
