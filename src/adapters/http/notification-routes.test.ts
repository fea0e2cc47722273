import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

let t: TestApp
beforeAll(async () => {
  // Digest from midnight: the run below plans today's, whatever the hour.
  t = await createTestApp({ env: { DISPUTE_DESK_DIGEST_HOUR: '0' } })
  const opened = await t.runtime.services.openDispute(
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '1.00' },
    { id: 'system', name: 'DisputeDesk', role: 'admin' },
    { today: '2026-03-15', idempotencyKey: 'notification-routes-1' },
  )
  if (!opened.ok) throw new Error(opened.error.message)
  const to = await t.runtime.store.apiKeys.create({ name: 'Ana Ruiz', role: 'specialist' })
  const assigned = await t.runtime.store.assignment.assign(opened.value.dispute.id, to.record.personId, 'workload', {
    id: 'system',
    name: 'DisputeDesk',
    role: 'admin',
  })
  if (!assigned.ok) throw new Error(assigned.error.message)
  await t.runtime.notifier.runOnce()
})
afterAll(() => t.close())

const call = (path: string, key: string, method = 'GET') =>
  t.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(method === 'POST' ? { body: '{}' } : {}),
  })

describe('the notification routes', () => {
  it('previews today’s digest for a lead, with when each delivery was planned in the log', async () => {
    const digest = await call('/api/notifications/digest', t.keys.lead)
    expect(digest.status).toBe(200)
    expect(await digest.json()).toMatchObject({
      today: '2026-03-15',
      subject: expect.stringContaining('Daily digest 2026-03-15: 1 open'),
      planned: true,
    })
    const log = (await (await call('/api/notifications', t.keys.lead)).json()) as {
      items: { createdAt: string; status: string; id: string }[]
    }
    expect(log.items.length).toBeGreaterThan(0)
    expect(log.items.every((d) => !Number.isNaN(Date.parse(d.createdAt)))).toBe(true)
  })

  it('retries only a failed delivery (409 otherwise, 404 unknown) and refuses a specialist', async () => {
    const log = (await (await call('/api/notifications', t.keys.lead)).json()) as {
      items: { status: string; id: string }[]
    }
    const skipped = log.items.find((d) => d.status === 'skipped')
    const again = await call(`/api/notifications/${skipped?.id}/retry`, t.keys.lead, 'POST')
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/only a failed delivery/)
    expect((await call('/api/notifications/NTF-none/retry', t.keys.lead, 'POST')).status).toBe(404)
    expect((await call(`/api/notifications/${skipped?.id}/retry`, t.keys.specialist, 'POST')).status).toBe(403)
    expect((await call('/api/notifications/digest', t.keys.specialist)).status).toBe(403)
  })
})
