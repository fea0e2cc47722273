import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callByName, toolContext } from '../../../tools/testing.ts'
import type { Actor } from '../../services/ports.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

let t: TestApp
const lead: Actor = { id: 'k-lead', name: 'Lee', role: 'lead' }

beforeAll(async () => {
  t = await createTestApp()
}, 60_000)
afterAll(() => t?.close())

async function waitingDispute(invoiceNumber: string, reasonCode: string): Promise<{ id: string; requestId: string }> {
  const ctx = toolContext(t)
  const opened = await callByName('open_dispute', { invoiceNumber, reasonCode }, ctx)
  if (!opened.ok) throw new Error(opened.error.message)
  const id = (opened.value as { dispute: { id: string } }).dispute.id
  const requested = await callByName('request_credit_memo', { disputeId: id, reason: 'contract price' }, ctx)
  if (!requested.ok) throw new Error(requested.error.message)
  expect((await t.runtime.store.disputes.get(id))?.status).toBe('awaiting_approval')
  return { id, requestId: (requested.value as { id: string }).id }
}

describe('a dispute awaiting approval', () => {
  it('leaves awaiting approval once its credit memo is issued, with the change in its audit trail', async () => {
    const { id, requestId } = await waitingDispute('INV-1001', 'pricing_error')
    const decided = await callByName(
      'decide_credit_memo',
      { requestId, decision: 'approve', reason: 'matches the contract' },
      toolContext(t, false, lead),
    )
    expect(decided).toMatchObject({ ok: true, value: { status: 'issued' } })
    expect((await t.runtime.store.disputes.get(id))?.status).toBe('investigating')
    const events = await t.runtime.store.disputes.events(id)
    expect(events.at(-1)).toMatchObject({ type: 'status_changed', after: { status: 'investigating' } })
    expect(await t.runtime.store.disputes.verifyDispute(id)).toMatchObject({ ok: true })
  })

  it('leaves awaiting approval when its only request is rejected', async () => {
    const { id, requestId } = await waitingDispute('INV-1002', 'quantity_discrepancy')
    await callByName(
      'decide_credit_memo',
      { requestId, decision: 'reject', reason: 'not enough' },
      toolContext(t, false, lead),
    )
    expect((await t.runtime.store.disputes.get(id))?.status).toBe('investigating')
  })
})
