/**
 * The leads' Notifications page in real headless Chromium against the real app, with a local SMTP
 * server and a webhook receiver that checks every signature: an assignment's email shows "Sent" once
 * the SMTP server has it; a webhook that keeps failing shows "Failed" with its error, and Retry delivers
 * it; today's digest is previewed. The dispatcher runs on a fixed clock (the app's own dispatcher,
 * rebuilt with `now`), so times on the page are the same on every run. axe clean at 1280 and 375 px.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNotifier, MAX_ATTEMPTS, type Notifier } from '../../src/adapters/notify/dispatcher.ts'
import { type SmtpSink, smtpSink } from '../../src/adapters/notify/testing-smtp.ts'
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../src/adapters/notify/webhook.ts'
import { launchChromium, seriousA11yViolations } from './browser.ts'
import { apiCall, type RunningApp, startRealApp } from './real-app.ts'
import { screenshot } from './screenshots.ts'

const SECRET = 'e2e-webhook-secret-0123456789'
// A fixed port when it is free, so the webhook's address on the screenshot does not change between runs.
const HOOK_PORT = 47_813
const DAY_MS = 86_400_000

interface Receiver {
  url: string
  failing: boolean
  hits: { valid: boolean; body: string }[]
  close(): Promise<void>
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

/** Answers 500 while `failing`, else 200; records whether each signature verified. */
async function webhookReceiver(): Promise<Receiver> {
  const receiver = { failing: true, hits: [] } as unknown as Receiver
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => {
      body += c
    })
    req.on('end', async () => {
      const at = Number(req.headers[TIMESTAMP_HEADER])
      const valid = await verifyWebhookSignature(
        SECRET,
        { signature: String(req.headers[SIGNATURE_HEADER]), timestamp: String(req.headers[TIMESTAMP_HEADER]) },
        body,
        at,
      )
      receiver.hits.push({ valid, body })
      res.statusCode = receiver.failing ? 500 : 200
      res.end()
    })
  })
  const bound = await listenOn(server, HOOK_PORT).catch(() => listenOn(server, 0))
  receiver.url = `http://127.0.0.1:${bound}/disputedesk`
  receiver.close = () => new Promise((r) => server.close(() => r()))
  return receiver
}

let browser: Awaited<ReturnType<typeof launchChromium>>
let server: RunningApp
let smtp: SmtpSink
let hook: Receiver
let notifier: Notifier
let clock = Date.parse('2026-03-15T09:00:00Z')
let number = ''

const api = <T>(path: string, key: string, body?: unknown): Promise<T> => apiCall<T>(server, path, key, body)

beforeAll(async () => {
  browser = await launchChromium()
  smtp = await smtpSink()
  hook = await webhookReceiver()
  server = await startRealApp({
    env: {
      DISPUTE_DESK_SMTP_URL: smtp.url,
      DISPUTE_DESK_WEBHOOKS: hook.url,
      DISPUTE_DESK_WEBHOOK_SECRETS: SECRET,
      // The day's digest is previewed, not sent, in this test.
      DISPUTE_DESK_DIGEST_HOUR: '23',
    },
  })
  const { runtime } = server
  // The app's dispatcher on a fixed clock; the retry route and the digest preview use this one.
  notifier = createNotifier({
    db: runtime.db,
    config: runtime.config.notify,
    today: runtime.today,
    now: () => new Date(clock),
  })
  runtime.notifier = notifier

  const lead = server.keys.lead
  const ana = await api<{ personId: string }>('/api/keys', lead, {
    name: 'Ana Ruiz',
    role: 'specialist',
    email: 'ana@meridian.example',
  })
  await api('/api/keys', lead, { name: 'Lee Lead', role: 'lead', email: 'lee@meridian.example' })
  const opened = await api<{ dispute: { id: string; number: string } }>(
    '/api/tools/open_dispute',
    server.keys.specialist,
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', description: 'Widget price above the contract' },
  )
  number = opened.dispute.number
  await api('/api/tools/assign_dispute', lead, {
    disputeId: opened.dispute.id,
    personId: ana.personId,
    why: 'Ana knows Globex',
  })
  // Every attempt the webhook refuses, a day apart (past each backoff, at the same hour).
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await notifier.runOnce()
    clock += DAY_MS
  }
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await notifier?.stop()
  await server?.close()
  await smtp?.close()
  await hook?.close()
})

async function openNotifications(width: number): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the page's own CSP stays as served.
  const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
  await page.goto(`${server.apiOrigin}/leads`)
  await page.getByLabel('Your API key').fill(server.keys.lead)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByRole('link', { name: 'Notifications' }).click()
  await page.getByRole('table', { name: /^Deliveries: \d+ shown/ }).waitFor()
  return page
}

describe('the Notifications page', () => {
  it('shows an assignment email as sent once the SMTP server has it, and retries a failed webhook', async () => {
    const email = smtp.received.find((m) => m.subject?.includes(number) && /assigned/i.test(m.subject ?? ''))
    expect(email?.to && 'text' in email.to ? email.to.text : '').toBe('ana@meridian.example')

    const page = await openNotifications(1280)
    expect(await page.title()).toBe('Notifications · DisputeDesk')
    const deliveries = page.getByRole('table', { name: /^Deliveries: / })
    const toAna = deliveries.getByRole('row').filter({ hasText: 'ana@meridian.example' }).filter({ hasText: number })
    expect(await toAna.first().textContent()).toMatch(/2026-03-15 09:00 UTC.*Assigned.*Email.*Sent/)
    const digest = page.getByRole('heading', { name: /Daily digest 2026-03-15: \d+ open/ })
    await digest.waitFor()
    expect(await page.getByText(/Not sent yet today; to lee@meridian\.example/).count()).toBe(1)
    expect(await seriousA11yViolations(page)).toEqual([])
    await screenshot(page, 'notifications.png')

    // Failed only: the webhook's deliveries, with the receiver's answer.
    await page.getByLabel('Status').selectOption('failed')
    await page.getByRole('button', { name: 'Show' }).click()
    const failed = page.getByRole('table', { name: /^Deliveries: \d+ failed shown/ })
    await failed.waitFor()
    const row = failed.getByRole('row').filter({ hasText: 'Assigned' }).first()
    expect(await row.textContent()).toContain(hook.url)
    expect(await row.textContent()).toMatch(new RegExp(`Failed${MAX_ATTEMPTS}webhook answered HTTP 500`))
    expect(hook.hits.length).toBeGreaterThanOrEqual(MAX_ATTEMPTS)

    hook.failing = false
    const before = hook.hits.length
    await row.getByRole('button', { name: /^Retry Assigned/ }).click()
    await row.getByText('Sent on retry.').waitFor()
    expect(await row.textContent()).toMatch(new RegExp(`Sent${MAX_ATTEMPTS + 1}`))
    expect(hook.hits.length).toBe(before + 1)
    expect(hook.hits.at(-1)?.valid).toBe(true)
    expect(JSON.parse(hook.hits.at(-1)?.body ?? '{}')).toMatchObject({ kind: 'assigned' })
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })

  it('fits 375 px without the page scrolling sideways', async () => {
    const page = await openNotifications(375)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await screenshot(page, 'notifications-375.png')).toBeLessThan(200_000)
    await page.close()
  })
})
