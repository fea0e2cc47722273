/**
 * The dashboard's People view in real headless Chromium against the real app: a lead creates a key
 * (shown once), sees the person in the list, revokes the key, and the page passes axe-core.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousA11yViolations } from './browser.ts'
import { type RunningApp, startRealApp } from './real-app.ts'

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

describe("the leads' dashboard: people", () => {
  it('creates a key shown once, lists its person, and revokes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true })
    await page.goto(`${server.apiOrigin}/leads`)
    await page.getByLabel('Your API key').fill(server.keys.lead)
    await page.getByRole('button', { name: 'Use this key' }).click()
    await page.getByRole('link', { name: 'People' }).click()
    await page.getByRole('table', { name: 'Every key, with the person it belongs to' }).waitFor()

    await page.getByLabel('Name').fill('Ana Ruiz')
    await page.getByLabel('Email (optional)').fill('ana@example.com')
    await page.getByLabel('Role').selectOption('specialist')
    await page.getByRole('button', { name: 'Create key' }).click()
    const shown = page.locator('code.new-key-value')
    await shown.waitFor()
    expect(await shown.textContent()).toMatch(/^ddk_[0-9a-f]{48}$/)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Refresh the list' }).click()
    const row = page.getByRole('row').filter({ hasText: 'Ana Ruiz <ana@example.com>' })
    await row.waitFor()
    expect(await page.locator('code.new-key-value').count()).toBe(0)
    await row.getByRole('button', { name: /Revoke ddk_\w+… of Ana Ruiz/ }).click()
    await row.getByText(/Revoked \d{4}-/).waitFor()
    await page.close()
  })
})
