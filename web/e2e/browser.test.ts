/**
 * The widget and the dashboard in real headless Chromium against the real app: a dispute resolved
 * from a page on another origin, a quick reply, hostile text kept inert, a lead's approval moving
 * the aging report, a customer key refused, and axe-core on both screens.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousA11yViolations } from './browser.ts'
import { type RunningApp, startRealApp } from './real-app.ts'
import { screenshot } from './screenshots.ts'

let browser: Browser
let server: RunningApp

beforeAll(async () => {
  browser = await launchChromium()
  server = await startRealApp()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openWidget(page: Page): Promise<void> {
  await page.goto(server.hostOrigin)
  await page.getByRole('button', { name: /Dispute assistant/ }).click()
  await expect.poll(() => page.getByRole('textbox', { name: 'Message' }).isVisible()).toBe(true)
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
}

async function leadPage(key: string): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the page's own CSP stays as served.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
  await page.goto(`${server.apiOrigin}/leads`)
  await page.getByLabel('Your API key').fill(key)
  await page.getByRole('button', { name: 'Use this key' }).click()
  return page
}

async function agingTotal(page: Page): Promise<string> {
  await page.goto(`${server.apiOrigin}/leads#metrics`)
  const total = page.locator('[data-testid^="aging-total-"]').first()
  await total.waitFor()
  return (await total.textContent()) ?? ''
}

describe('the chat widget on a page of another origin', () => {
  it('asks for the reason, takes a quick reply, investigates, and records and requests the credit memo only when confirmed', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    const hostOrigin = new URL(server.hostOrigin).origin
    expect(hostOrigin).not.toBe(new URL(server.apiOrigin).origin)
    await openWidget(page)

    await say(page, 'Globex is disputing INV-1001')
    const quick = page.getByRole('button', { name: 'The unit price is wrong' })
    await quick.waitFor({ timeout: 20_000 })
    await quick.click()

    const table = page.locator('dispute-desk-chat').locator('table').last()
    await table.waitFor({ timeout: 20_000 })
    expect(await table.textContent()).toContain('INV-1001')
    const steps = await page.locator('dispute-desk-chat').locator('.progress li').allTextContents()
    expect(steps.some((s) => s.includes('INV-1001'))).toBe(true)
    await page.getByRole('button', { name: 'Copy customer email' }).last().waitFor()

    // Nothing is recorded until the specialist confirms; then the credit memo is proposed and confirmed too.
    await page.getByRole('button', { name: 'Confirm: Record the dispute' }).last().click()
    await page.getByText(/Recorded dispute/).waitFor({ timeout: 10_000 })
    await page
      .getByRole('button', { name: /Request credit memo/ })
      .last()
      .click()
    await page.getByRole('button', { name: 'Confirm: Request the credit memo' }).last().click()
    await page.getByText(/Requested a credit memo of .+ pending/).waitFor({ timeout: 10_000 })
    await screenshot(page, 'widget.png')
    expect(await seriousA11yViolations(page)).toEqual([])
    // On a phone the panel takes the screen, and nothing scrolls sideways.
    await page.setViewportSize({ width: 375, height: 812 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await screenshot(page, 'widget-375.png')).toBeLessThan(200_000)
    await page.setViewportSize({ width: 1200, height: 900 })

    // The conversation survives a reload, and Escape closes the panel back to the launcher.
    const before = await page.locator('dispute-desk-chat').locator('.msg').count()
    await page.reload()
    await expect.poll(() => page.locator('dispute-desk-chat').locator('.msg').count()).toBe(before)
    await page.getByRole('textbox', { name: 'Message' }).focus()
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('button', { name: /Dispute assistant/ }).isVisible()).toBe(true)
    await page.close()
  })

  it('lets the specialist correct a misread amount by hand, and the credit follows the correction', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } })
    await openWidget(page)
    // "15" stands for a disputed amount the specialist meant as 150: read as said, then corrected.
    await say(page, 'Globex is disputing INV-1001, the unit price is wrong, they dispute 15')
    const widget = page.locator('dispute-desk-chat')
    await widget.getByText('What I read: correct it').last().click()
    const amount = widget.getByLabel('Amount disputed').last()
    expect(await amount.inputValue()).toBe('15.00')
    await amount.fill('150.00')
    await widget.getByRole('button', { name: 'Check again' }).last().click()
    await widget.getByText(/Updated with your correction/).waitFor({ timeout: 20_000 })
    const table = widget.locator('table').last()
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('$150.00')
    await widget.getByRole('button', { name: 'Confirm: Record the dispute' }).last().click()
    await widget.getByText(/Recorded dispute/).waitFor({ timeout: 10_000 })
    await widget
      .getByRole('button', { name: /Request credit memo \(\$150\.00\)/ })
      .last()
      .click()
    // The proposal states the corrected credit; the first test already credited this defect, so the
    // store refuses a second credit for it (money moves once) and the test stops at the proposal.
    const confirm = widget.getByRole('button', { name: 'Confirm: Request the credit memo' }).last()
    expect(await confirm.getAttribute('title')).toMatch(/credit memo of \$150\.00 on INV-1001/)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })

  it('shows hostile customer text as text: no script or handler from it runs', async () => {
    const page = await browser.newPage()
    await openWidget(page)
    await page.evaluate(() => {
      ;(window as unknown as { __ddPwned?: number }).__ddPwned = 0
    })
    const hostile =
      'Globex is disputing INV-1001, their email says: <script>window.__ddPwned = 1</script> ' +
      'the unit price is wrong <img src=x onerror="window.__ddPwned = 2">'
    await say(page, hostile)
    await page
      .locator('dispute-desk-chat')
      .locator('.msg.assistant:not(.streaming)')
      .last()
      .waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByText('<script>window.__ddPwned = 1</script>', { exact: false }).count()).toBe(1)
    expect(await page.evaluate(() => (window as unknown as { __ddPwned?: number }).__ddPwned)).toBe(0)
    const injected = await page.evaluate(
      () => document.querySelector('dispute-desk-chat')?.shadowRoot?.querySelectorAll('.log script, .log img').length,
    )
    expect(injected).toBe(0)
    await page.close()
  })
})

describe("the leads' dashboard", () => {
  it('lets a lead approve a pending credit memo, and the aging report changes', async () => {
    const page = await leadPage(server.keys.lead)
    const before = await agingTotal(page)

    await page.goto(`${server.apiOrigin}/leads#approvals`)
    const reason = page.getByRole('textbox', { name: 'Reason' }).first()
    await reason.waitFor()
    await reason.fill('Contract price confirmed by sales')
    await page.getByRole('button', { name: 'Approve' }).first().click()
    await page
      .getByText(/ (approved|issued)/)
      .first()
      .waitFor()

    await expect.poll(() => agingTotal(page), { timeout: 10_000 }).not.toBe(before)
    await screenshot(page, 'dashboard.png', true)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.setViewportSize({ width: 375, height: 812 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await screenshot(page, 'dashboard-375.png')).toBeLessThan(200_000)
    await page.setViewportSize({ width: 1280, height: 900 })

    await page.goto(`${server.apiOrigin}/leads#disputes`)
    await page.getByRole('table', { name: /^Worklist: / }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })

  it('draws one aging chart per currency', async () => {
    // A customer billed in EUR beside the example ledger's USD.
    const ledger = {
      format: 'dispute-desk.ledger/v1',
      customers: [{ id: 'C-EU1', name: 'Eurofirm GmbH' }],
      invoices: [
        {
          number: 'INV-EU-1',
          customerId: 'C-EU1',
          issueDate: '2026-01-10',
          dueDate: '2026-02-09',
          currency: 'EUR',
          lines: [{ line: 1, sku: 'X-1', quantity: 2, unitPrice: '150.00' }],
        },
      ],
    }
    const imported = await fetch(`${server.apiOrigin}/api/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.keys.lead}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(ledger),
    })
    expect(imported.status).toBe(200)
    const page = await leadPage(server.keys.lead)
    await agingTotal(page)
    const charts = page.getByRole('img', { name: /^Open balance by age/ })
    expect(await charts.count()).toBe(2)
    expect(await page.locator('[data-testid="aging-total-EUR"]').textContent()).toMatch(/300\.00/)
    await page.close()
  })

  it('refuses a customer key with a clear message', async () => {
    const made = await fetch(`${server.apiOrigin}/api/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.keys.lead}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Globex AP', role: 'customer', customerId: 'C-100' }),
    })
    expect(made.status).toBe(201)
    const page = await leadPage(((await made.json()) as { key: string }).key)
    const refusal = page.getByRole('alert').filter({ hasText: 'Access refused' })
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/for the AR team/)
    expect(await page.getByRole('navigation', { name: 'Dashboard sections' }).locator('a').count()).toBe(0)
    await page.close()
  })
})
