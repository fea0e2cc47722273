import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor, Store } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import type { Db } from '../store/db.ts'
import { createStore } from '../store/store.ts'
import { investigatedDispute } from '../store/testing-disputes.ts'
import { memoryDb } from '../store/testing.ts'
import { createNotifier, MAX_ATTEMPTS, retryDelayMs } from './dispatcher.ts'
import type { NotifyConfig } from './notify-config.ts'
import { listDeliveries } from './outbox.ts'
import { smtpSink } from './testing-smtp.ts'
import { webhookSink } from './testing-webhooks.ts'
import { verifyWebhookSignature } from './webhook.ts'

const SECRET = 'test-secret-0123456789'
const TODAY = '2026-03-15'

const config = (over: Partial<NotifyConfig> = {}): NotifyConfig => ({
  smtpUrl: undefined,
  from: 'DisputeDesk <ar@meridian.example>',
  webhooks: [],
  teams: {},
  everySeconds: 0,
  digestHour: 23,
  ...over,
})

let db: Db
let store: Store
let lead: Actor
let specialist: Actor
const system: Actor = { id: 'system', name: 'DisputeDesk', role: 'admin' }

async function person(name: string, role: 'lead' | 'specialist', email: string): Promise<Actor> {
  const k = await store.apiKeys.create({ name, role, email })
  return { id: k.record.personId, name, role }
}

beforeEach(async () => {
  db = await memoryDb()
  store = createStore(db)
  expect((await store.imports.importLedger(exampleLedger(), system)).ok).toBe(true)
  lead = await person('Lee Lead', 'lead', 'lee@meridian.example')
  specialist = await person('Sam Spec', 'specialist', 'sam@meridian.example')
})
afterEach(async () => {
  await db.close()
})

describe('notification dispatcher', () => {
  it('records every planned delivery as skipped, with why, when neither SMTP nor a webhook is configured', async () => {
    const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, specialist)
    expect((await store.disputes.transition(d.id, 'escalated', specialist, 'customer is strategic')).ok).toBe(true)
    const n = createNotifier({ db, config: config(), today: () => TODAY, now: () => new Date(2026, 2, 15, 9) })
    const report = await n.runOnce()
    const rows = await listDeliveries(db, { disputeId: d.id })
    expect(report.planned).toBeGreaterThan(0)
    expect((await listDeliveries(db)).length).toBe(report.planned)
    expect(rows.every((r) => r.status === 'skipped')).toBe(true)
    const email = rows.find((r) => r.channel === 'email' && r.recipient === 'lee@meridian.example')
    expect(email?.kind).toBe('escalated')
    expect(email?.lastError).toMatch(/SMTP is not configured/)
    expect(rows.find((r) => r.channel === 'webhook')?.lastError).toMatch(/no webhook/)
    // The person who escalated is not told; teams without a mailbox are recorded, not lost.
    expect(rows.some((r) => r.recipient === 'sam@meridian.example')).toBe(false)
    expect(rows.some((r) => r.recipient === 'team:sales')).toBe(true)
    // A second run plans nothing again.
    expect((await n.runOnce()).planned).toBe(0)
  })

  it('emails the approvers over SMTP and posts signed webhooks, retried after a 500 with the same delivery id', async () => {
    const smtp = await smtpSink()
    const hook = await webhookSink(SECRET, [500])
    let clock = new Date('2026-03-15T09:00:00Z')
    const n = createNotifier({
      db,
      config: config({ smtpUrl: smtp.url, webhooks: [{ url: hook.url, secret: SECRET }] }),
      today: () => TODAY,
      now: () => clock,
    })
    try {
      const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, specialist)
      const req = await store.creditMemos.request(
        { disputeId: d.id, amount: '10.00', reason: 'price', kind: 'credit_memo' },
        specialist,
      )
      expect(req.ok).toBe(true)
      const first = await n.runOnce()
      expect(first.retrying).toBe(1)
      const approval = smtp.received.find((m) => m.subject?.includes('Approval needed'))
      expect(approval?.to && 'text' in approval.to ? approval.to.text : '').toContain('lee@meridian.example')
      expect(approval?.text).toContain(d.number)
      expect(hook.hits).toHaveLength(1)
      const failed = (await listDeliveries(db, { disputeId: d.id })).find((r) => r.channel === 'webhook')
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'webhook answered HTTP 500' })

      // Not before the backoff is over; then delivered on the next run.
      expect((await n.runOnce()).delivered).toBe(0)
      clock = new Date(clock.getTime() + retryDelayMs(1))
      expect((await n.runOnce()).delivered).toBe(1)
      expect(hook.hits).toHaveLength(2)
      expect(hook.hits.every((h) => h.valid)).toBe(true)
      expect(hook.hits[0]?.delivery).toBe(hook.hits[1]?.delivery)
      const body = JSON.parse(hook.hits[1]?.body ?? '{}')
      expect(body).toMatchObject({ kind: 'approval_needed', disputeId: d.id })
      const done = (await listDeliveries(db, { disputeId: d.id })).find((r) => r.channel === 'webhook')
      expect(done).toMatchObject({ status: 'delivered', attempts: 2 })

      // A tampered body does not verify.
      expect(
        await verifyWebhookSignature(
          SECRET,
          { signature: 'v1=00', timestamp: String(Math.floor(clock.getTime() / 1000)) },
          '{}',
          Math.floor(clock.getTime() / 1000),
        ),
      ).toBe(false)

      // The decision goes back to the requester.
      expect((await store.creditMemos.decide(req.ok ? req.value.id : '', 'reject', 'not enough', lead)).ok).toBe(true)
      await n.runOnce()
      const decided = smtp.received.find((m) => m.subject?.includes('rejected'))
      expect(decided?.to && 'text' in decided.to ? decided.to.text : '').toContain('sam@meridian.example')
    } finally {
      await n.stop()
      await smtp.close()
      await hook.close()
    }
  })

  it('loses and repeats nothing when a run dies between planning and moving its cursor, or between sends', async () => {
    const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, specialist)
    expect(
      (await store.creditMemos.request({ disputeId: d.id, reason: 'price', kind: 'credit_memo' }, specialist)).ok,
    ).toBe(true)
    // A database that fails the cursor's move once: the transaction that planned the rows rolls back.
    let failOnce = true
    const faulty = (inner: Db): Db => ({
      ...inner,
      query: (sql, params) => {
        if (failOnce && sql.startsWith('UPDATE notification_cursor')) {
          failOnce = false
          return Promise.reject(new Error('killed'))
        }
        return inner.query(sql, params)
      },
      transaction: (fn) => inner.transaction((tx) => fn(faulty(tx))),
    })
    const clock = () => new Date(2026, 2, 15, 9)
    await expect(
      createNotifier({ db: faulty(db), config: config(), today: () => TODAY, now: clock }).runOnce(),
    ).rejects.toThrow('killed')
    expect(await listDeliveries(db)).toEqual([])
    // A new process (a new dispatcher) plans every notice once.
    const planned = (await createNotifier({ db, config: config(), today: () => TODAY, now: clock }).runOnce()).planned
    expect(planned).toBeGreaterThan(0)
    expect(await listDeliveries(db)).toHaveLength(planned)
    expect((await createNotifier({ db, config: config(), today: () => TODAY, now: clock }).runOnce()).planned).toBe(0)
  })

  it('plans an SLA breach once per due date and one digest a day for the leads', async () => {
    const smtp = await smtpSink()
    const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, specialist)
    const late = d.targetDate ? new Date(`${d.targetDate}T00:00:00Z`) : new Date('2026-04-30T00:00:00Z')
    late.setUTCDate(late.getUTCDate() + 1)
    const today = late.toISOString().slice(0, 10)
    const n = createNotifier({
      db,
      config: config({ smtpUrl: smtp.url, digestHour: 0 }),
      today: () => today,
    })
    try {
      await n.runOnce()
      await n.runOnce()
      const breach = smtp.received.filter((m) => m.subject?.includes('SLA breached'))
      expect(breach.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual([
        'lee@meridian.example',
        'sam@meridian.example',
      ])
      const digest = smtp.received.filter((m) => m.subject?.includes('Daily digest'))
      expect(digest).toHaveLength(1)
      expect(digest[0]?.subject).toContain('1 open, 1 overdue')
      expect(digest[0]?.text).toContain(d.number)
    } finally {
      await n.stop()
      await smtp.close()
    }
  })

  it('marks a webhook failed after its last attempt; a lead’s retry tries it once more, now; the digest previews', async () => {
    const hook = await webhookSink(
      SECRET,
      Array.from({ length: MAX_ATTEMPTS }, () => 503),
    )
    let clock = new Date('2026-03-15T09:00:00Z')
    const n = createNotifier({
      db,
      config: config({ webhooks: [{ url: hook.url, secret: SECRET }] }),
      today: () => TODAY,
      now: () => clock,
    })
    try {
      const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, specialist)
      expect((await store.disputes.transition(d.id, 'escalated', specialist, 'strategic')).ok).toBe(true)
      for (let i = 0; i < MAX_ATTEMPTS; i++) {
        await n.runOnce()
        clock = new Date(clock.getTime() + retryDelayMs(MAX_ATTEMPTS))
      }
      const failed = (await listDeliveries(db, { status: 'failed' })).find((r) => r.channel === 'webhook')
      expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: 'webhook answered HTTP 503' })
      expect(failed?.createdAt).toBe('2026-03-15T09:00:00.000Z')

      const retried = await n.retry(failed?.id ?? '')
      expect(retried.ok && retried.value).toMatchObject({ status: 'delivered', attempts: MAX_ATTEMPTS + 1 })
      expect(retried.ok && retried.value.deliveredAt).toBe(clock.toISOString())
      expect(hook.hits).toHaveLength(MAX_ATTEMPTS + 1)
      // Only a failed delivery is retried.
      expect(await n.retry(failed?.id ?? '')).toMatchObject({ ok: false, error: { code: 'conflict' } })
      expect(await n.retry('NTF-none')).toMatchObject({ ok: false, error: { code: 'not_found' } })

      const digest = await n.digestPreview()
      expect(digest).toMatchObject({ today: TODAY, to: ['lee@meridian.example'], planned: false })
      expect(digest.subject).toContain('Daily digest 2026-03-15: 1 open')
      expect(digest.text).toContain(d.number)
    } finally {
      await n.stop()
      await hook.close()
    }
  })
})
