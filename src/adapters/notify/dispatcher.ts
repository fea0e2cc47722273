/**
 * The notification dispatcher. Each run: (1) reads the audit events past its cursor, decides who is
 * told what with the pure rules (src/core/notification-rules.ts), records one delivery row per
 * channel and recipient and moves the cursor, all in one transaction, so a crash loses no notice;
 * (2) plans SLA breaches and the leads' daily digest the same way; (3) sends what is due, recording
 * every attempt, its error and the next try (exponential backoff) or the final failure.
 * Delivery is at least once: a crash between a send and its record sends it again; webhook
 * receivers drop duplicates by the delivery id header.
 */
import { followUpReminder } from '../../core/collections-handoff.ts'
import { type Audience, digestNotice, type Notice, noticesFor, slaBreachNotice } from '../../core/notification-rules.ts'
import { collectionsRepository } from '../store/collections-repo.ts'
import type { Db } from '../store/db.ts'
import { type EmailSender, smtpSender } from './email.ts'
import type { NotifyConfig } from './notify-config.ts'
import {
  cursor,
  type DeliveryRow,
  digestInput,
  digestPlanned,
  dueDeliveries,
  eventsAfter,
  getDelivery,
  insertDeliveries,
  moveCursor,
  type NewDelivery,
  newlyOverdue,
  personRecipient,
  type Recipient,
  recordAttempt,
  requeueFailed,
  roleRecipients,
} from './outbox.ts'
import { postWebhook } from './webhook.ts'

export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 6 * 3600_000

/** The wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … at most 6 h. */
export const retryDelayMs = (failedAttempts: number): number =>
  Math.min(BASE_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS)

export interface NotifierDeps {
  db: Db
  config: NotifyConfig
  /** The assistant's today ("YYYY-MM-DD"), for SLA dates and the digest's day. */
  today: () => string
  now?: () => Date
  /** An email sender instead of SMTP from the config (null: none). */
  email?: EmailSender | null
  fetch?: typeof fetch
  log?: (line: string) => void
}

export interface RunReport {
  planned: number
  delivered: number
  retrying: number
  failed: number
}

/** A lead's retry of a failed delivery: the row after its one more attempt, or why there was none. */
export type RetryOutcome =
  | { ok: true; value: DeliveryRow }
  | { ok: false; error: { code: 'not_found' | 'conflict'; message: string } }

/** Today's digest as the dispatcher would write it now, with who gets it and whether it was planned already. */
export interface DigestPreview {
  today: string
  subject: string
  text: string
  to: string[]
  planned: boolean
}

export interface Notifier {
  runOnce(): Promise<RunReport>
  /** Makes a failed delivery due now and runs the dispatcher once, so it is tried straight away. */
  retry(id: string): Promise<RetryOutcome>
  digestPreview(): Promise<DigestPreview>
  start(): void
  stop(): Promise<void>
}

const EVENT_BATCH = 200
const SEND_BATCH = 50

export function createNotifier(deps: NotifierDeps): Notifier {
  const { db, config } = deps
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? (() => {})
  const email = deps.email !== undefined ? deps.email : config.smtpUrl ? smtpSender(config.smtpUrl, config.from) : null
  let running: Promise<RunReport> | null = null
  let timer: ReturnType<typeof setInterval> | null = null

  const recipientsOf = async (q: Db, a: Audience): Promise<Recipient[]> => {
    if ('address' in a) return [{ label: a.address, address: a.address }]
    if ('person' in a) return [await personRecipient(q, a.person)]
    if ('team' in a) {
      const address = config.teams[a.team] ?? null
      return [{ label: address ?? `team:${a.team}`, address }]
    }
    const people = await roleRecipients(q, a.roles)
    return people.length ? people : [{ label: `role:${a.roles.join('|')}`, address: null }]
  }

  /** The delivery rows of one notice: an email per recipient, a post per webhook (read through `q`: inside a transaction, its tx). */
  const rowsOf = async (q: Db, n: Notice, keyPrefix: string, eventSeq: number | null): Promise<NewDelivery[]> => {
    const base = { eventSeq, disputeId: n.disputeId, kind: n.kind }
    const seen = new Set<string>()
    const rows: NewDelivery[] = []
    for (const audience of n.to) {
      for (const r of await recipientsOf(q, audience)) {
        if (seen.has(r.label)) continue
        seen.add(r.label)
        const why = !r.address
          ? `no email address for ${r.label}`
          : !email
            ? 'SMTP is not configured (DISPUTE_DESK_SMTP_URL)'
            : null
        rows.push({
          ...base,
          key: `${keyPrefix}:email:${r.label}`,
          channel: 'email',
          recipient: r.label,
          payload: { to: r.address, subject: n.subject, text: n.text, ...(n.thread ? { thread: n.thread } : {}) },
          status: why ? 'skipped' : 'pending',
          lastError: why,
        })
      }
    }
    const event = { kind: n.kind, disputeId: n.disputeId, eventSeq, subject: n.subject, text: n.text }
    if (config.webhooks.length === 0)
      rows.push({
        ...base,
        key: `${keyPrefix}:webhook:-`,
        channel: 'webhook',
        recipient: '-',
        payload: event,
        status: 'skipped',
        lastError: 'no webhook is configured (DISPUTE_DESK_WEBHOOKS)',
      })
    for (const w of config.webhooks)
      rows.push({
        ...base,
        key: `${keyPrefix}:webhook:${w.url}`,
        channel: 'webhook',
        recipient: w.url,
        payload: { ...event, id: `${keyPrefix}:webhook:${w.url}` },
        status: 'pending',
        lastError: null,
      })
    return rows
  }

  /** Audit events past the cursor → delivery rows, cursor moved in the same transaction. */
  const planEvents = async (): Promise<number> => {
    let planned = 0
    for (;;) {
      const { count, more } = await db.transaction(async (tx) => {
        const from = await cursor(tx, true)
        const events = await eventsAfter(tx, from, EVENT_BATCH)
        const rows: NewDelivery[] = []
        for (const { event, dispute } of events)
          for (const n of noticesFor(event, dispute))
            rows.push(...(await rowsOf(tx, n, `${event.seq}:${n.kind}`, event.seq)))
        await insertDeliveries(tx, rows, now())
        const last = events.at(-1)
        if (last) await moveCursor(tx, last.event.seq)
        return { count: rows.length, more: events.length === EVENT_BATCH }
      })
      planned += count
      if (!more) return planned
    }
  }

  const planSlaAndDigest = async (): Promise<number> => {
    const today = deps.today()
    const rows: NewDelivery[] = []
    for (const d of await newlyOverdue(db, today)) {
      const n = slaBreachNotice(d, today)
      if (n) rows.push(...(await rowsOf(db, n, `sla:${d.id}:${d.targetDate}`, null)))
    }
    // A decided dispute's payment follow-up the customer missed: its owner is reminded, once per date.
    for (const f of await collectionsRepository(db).due(today)) {
      const n = followUpReminder(f, today)
      if (n) rows.push(...(await rowsOf(db, n, `followup:${f.disputeId}:${f.seq}:${f.dueOn}`, null)))
    }
    if (now().getHours() >= config.digestHour && !(await digestPlanned(db, today)))
      rows.push(...(await rowsOf(db, digestNotice(await digestInput(db, today)), `digest:${today}`, null)))
    if (rows.length) await db.transaction((tx) => insertDeliveries(tx, rows, now()))
    return rows.length
  }

  const send = async (d: DeliveryRow): Promise<void> => {
    const p = d.payload
    if (d.channel === 'email') {
      if (!email) throw new Error('SMTP is not configured (DISPUTE_DESK_SMTP_URL)')
      const thread = p.thread as { messageId: string; inReplyTo?: string; references?: string[] } | undefined
      await email.send({
        to: String(p.to),
        subject: String(p.subject),
        text: String(p.text),
        ...(thread ?? {}),
      })
      return
    }
    const target = config.webhooks.find((w) => w.url === d.recipient)
    if (!target) throw new Error(`webhook ${d.recipient} is no longer configured`)
    await postWebhook(
      {
        url: target.url,
        secret: target.secret,
        deliveryId: d.id,
        body: JSON.stringify(p),
        nowSeconds: Math.floor(now().getTime() / 1000),
      },
      deps.fetch,
    )
  }

  const deliverDue = async (report: RunReport): Promise<void> => {
    const done = new Set<string>()
    for (;;) {
      const due = (await dueDeliveries(db, now(), SEND_BATCH)).filter((d) => !done.has(d.id))
      if (due.length === 0) return
      for (const d of due) {
        done.add(d.id)
        try {
          await send(d)
          await recordAttempt(db, d.id, { ok: true, at: now() })
          report.delivered++
        } catch (err) {
          const attempts = d.attempts + 1
          const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(now().getTime() + retryDelayMs(attempts))
          await recordAttempt(db, d.id, { ok: false, error: (err as Error).message || String(err), retryAt })
          if (retryAt) report.retrying++
          else report.failed++
        }
      }
    }
  }

  const run = async (): Promise<RunReport> => {
    const report: RunReport = { planned: 0, delivered: 0, retrying: 0, failed: 0 }
    report.planned += await planEvents()
    report.planned += await planSlaAndDigest()
    await deliverDue(report)
    return report
  }

  const runOnce = (): Promise<RunReport> => {
    // One run at a time per process: the timer and a manual run share it.
    running ??= run().finally(() => {
      running = null
    })
    return running
  }

  const retry = async (id: string): Promise<RetryOutcome> => {
    await running?.catch(() => undefined)
    if (!(await requeueFailed(db, id, now()))) {
      const row = await getDelivery(db, id)
      return {
        ok: false,
        error: row
          ? { code: 'conflict', message: `Delivery ${id} is ${row.status}: only a failed delivery is retried.` }
          : { code: 'not_found', message: `No notification delivery ${id}.` },
      }
    }
    await runOnce()
    const row = await getDelivery(db, id)
    if (!row) throw new Error(`delivery ${id} vanished during its retry`)
    return { ok: true, value: row }
  }

  const digestPreview = async (): Promise<DigestPreview> => {
    const today = deps.today()
    const n = digestNotice(await digestInput(db, today))
    const to: string[] = []
    for (const a of n.to) for (const r of await recipientsOf(db, a)) to.push(r.label)
    return { today, subject: n.subject, text: n.text, to, planned: await digestPlanned(db, today) }
  }

  return {
    runOnce,
    retry,
    digestPreview,
    start() {
      if (timer || config.everySeconds <= 0) return
      timer = setInterval(() => {
        runOnce().catch((err) => log(`Notifications: ${(err as Error).message}`))
      }, config.everySeconds * 1000)
      timer.unref?.()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = null
      await running?.catch(() => undefined)
      email?.close()
    },
  }
}
