/**
 * The metrics view's data insights in real headless Chromium against the real app: resolution by
 * dispute type, days to resolve over time, CSAT against speed, deductions; every report's CSV is the
 * table on screen. axe clean at desktop and 375 px; screenshots (see screenshots.ts).
 */
import { readFileSync } from 'node:fs'
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
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function openMetrics(page: Page): Promise<void> {
  await page.goto(`${server.apiOrigin}/leads`)
  await page.locator('#api-key').fill(server.keys.lead)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByRole('link', { name: 'Metrics' }).click()
  await page.getByRole('table', { name: 'Resolution by dispute type' }).waitFor()
}

describe("the leads' metrics: data insights", () => {
  it('shows resolution by type, every month, CSAT by speed, and downloads each report as the CSV of its table', async () => {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      acceptDownloads: true,
    })
    await openMetrics(page)
    const byType = page.getByRole('table', { name: 'Resolution by dispute type' })
    const firstRow = await byType.locator('tbody tr').first().locator('td').allTextContents()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Resolution by dispute type (CSV)' }).click(),
    ])
    const csv = readFileSync((await download.path()) as string, 'utf8').split('\r\n')
    expect(csv[0]).toBe(
      'dispute_type,disputes,resolved,resolution_rate,mean_days_to_resolve,median_days_to_resolve,' +
        'resolved_without_escalation,customer_right_share,csat_average',
    )
    expect(csv[1]?.split(',').slice(0, 3)).toEqual(firstRow.slice(0, 3))
    // The month table has every month in order: no gap between two of its rows.
    const months = await page
      .getByRole('table', { name: 'Opened and resolved by month' })
      .locator('tbody tr td:first-child')
      .allTextContents()
    for (let i = 1; i < months.length; i++) {
      const [y, m] = (months[i - 1] as string).split('-').map(Number) as [number, number]
      expect(months[i]).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`)
    }
    expect(await page.getByRole('button', { name: /^Download .* \(CSV\)$/ }).count()).toBeGreaterThanOrEqual(9)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('heading', { name: 'Data insights' }).evaluate((el) => el.scrollIntoView())
    expect(await screenshot(page, 'insights.png')).toBeLessThan(200_000)
    await page.close()
  })

  it('fits 375 px without the page scrolling sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true })
    await openMetrics(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('heading', { name: 'Data insights' }).evaluate((el) => el.scrollIntoView())
    expect(await screenshot(page, 'insights-375.png')).toBeLessThan(200_000)
    await page.close()
  })
})
