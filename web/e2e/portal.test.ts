/**
 * The customer portal in real headless Chromium against the real app: a customer signs in with a key
 * bound to their company, raises a dispute on one of their invoices, and sees its status change as a
 * specialist acts (findings released, a question, then resolved); they rate it. axe-core clean at
 * desktop and 375 px width; screenshots (see screenshots.ts).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousA11yViolations } from './browser.ts'
import { type RunningApp, startRealApp } from './real-app.ts'
import { screenshot } from './screenshots.ts'

let browser: Browser
let server: RunningApp
let customerKey = ''

async function api(path: string, key: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.apiOrigin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, json: await res.json() }
}

beforeAll(async () => {
  browser = await launchChromium()
  server = await startRealApp()
  const made = await api('/api/keys', server.keys.lead, {
    name: 'Ivy Chen',
    email: 'ivy.chen@initech.example',
    role: 'customer',
    customerId: 'C-200',
  })
  expect(made.status).toBe(201)
  customerKey = (made.json as { key: string }).key
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const card = (page: Page) => page.locator('article.dispute').first()

async function refreshUntil(page: Page, status: string): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.getByRole('button', { name: 'Refresh' }).click()
        return card(page).getByTestId('status').textContent()
      },
      { timeout: 10_000 },
    )
    .toBe(status)
}

describe('the customer portal', () => {
  it('submits a dispute on an own invoice and shows its status change after the specialist acts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true })
    await page.goto(`${server.apiOrigin}/portal`)
    await page.getByLabel('Access key').fill(customerKey)
    await page.getByRole('button', { name: 'Sign in' }).click()

    // Only the customer's own invoices are offered.
    await page.getByLabel('Invoice').locator('option').nth(1).waitFor({ state: 'attached' })
    const options = await page.getByLabel('Invoice').locator('option').allTextContents()
    const numbers = options.slice(1).map((o) => o.slice(0, 8))
    expect(numbers.sort()).toEqual(['INV-2001', 'INV-2002'])
    await page.getByLabel('Invoice').selectOption('INV-2001')
    await page.getByLabel('Reason').selectOption('pricing_error')
    await page.getByLabel('Amount in dispute (optional)').fill('50.00')
    await page.getByLabel('What is wrong?').fill('The unit price is higher than the one in our contract.')
    await page.getByLabel('Document name').fill('Contract excerpt')
    await page.getByLabel('Document text').fill('Unit price agreed for 2026: 10.00 per unit.')
    await page.getByRole('button', { name: 'Submit dispute' }).click()
    await page.getByText('Dispute on INV-2001 submitted.').waitFor()
    expect(await card(page).getByTestId('status').textContent()).toBe('Under review')
    await card(page).getByText('We are reviewing your dispute').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    // The dispute reached the team investigated; the specialist releases findings and asks a question.
    const mine = (await api('/api/portal/disputes', customerKey)).json as { items: { id: string }[] }
    const id = mine.items[0]?.id as string
    const team = (await api(`/api/disputes/${id}`, server.keys.specialist)).json as { dispute: { status: string } }
    expect(team.dispute.status).toBe('investigating')
    const spec = server.keys.specialist
    expect((await api(`/api/portal/disputes/${id}/findings`, spec, {})).status).toBe(200)
    await api(`/api/portal/disputes/${id}/messages`, spec, { text: 'Could you send the purchase order number?' })
    await api(`/api/disputes/${id}/status`, spec, { status: 'awaiting_customer', why: 'asked for the PO' })

    await refreshUntil(page, 'Waiting for your reply')
    await card(page).getByText('Could you send the purchase order number?').waitFor()
    expect(await card(page).locator('blockquote.findings').count()).toBe(1)
    await card(page).getByLabel('Your message').fill('It is PO-4410.')
    await card(page).getByRole('button', { name: 'Send message' }).click()
    await card(page).getByText('It is PO-4410.').waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    expect(await screenshot(page, 'portal.png')).toBeLessThan(200_000)
    expect(await seriousA11yViolations(page)).toEqual([])

    // Resolved by the team: the customer sees it and rates it.
    expect((await api(`/api/disputes/${id}/resolve`, spec, { outcome: 'credit agreed' })).status).toBe(200)
    await refreshUntil(page, 'Resolved')
    await card(page).getByRole('button', { name: '4 of 5' }).click()
    await card(page).getByText('Your rating: 4 of 5.').waitFor()
    const rated = (await api(`/api/disputes/${id}`, spec)).json as { dispute: { csat: number } }
    expect(rated.dispute.csat).toBe(4)
    await page.close()
  })

  it('fits a 375 px screen without horizontal scrolling and stays axe clean', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true })
    await page.goto(`${server.apiOrigin}/portal`)
    await page.getByLabel('Access key').fill(customerKey)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await card(page).waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    await card(page).evaluate((el) => el.scrollIntoView())
    expect(await screenshot(page, 'portal-375.png')).toBeLessThan(200_000)
    await page.close()
  })
})
