/**
 * The management report in real headless Chromium against the real app: the leads' Report page shows
 * the dashboard's totals for a range, and the PDF the server prints for that range carries the same
 * totals (in the PDF's title metadata, which Chromium writes as text, and in the page it was printed
 * from). axe clean; screenshots of the printable page (report.png) and the Report page at 375 px (screenshots.ts).
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seriousA11yViolations } from './browser.ts'
import { browserAndApp, openAsLead } from './lead-session.ts'
import { screenshot } from './screenshots.ts'

const FROM = '2025-01-01'
const TO = '2026-03-15'
const session = browserAndApp()

/** The Report page for FROM–TO, chosen in its form. */
async function openReport(page: Page): Promise<void> {
  await openAsLead(page, session.server, 'Report')
  await page.getByTestId('report-disputes').waitFor()
  await page.locator('#report-from').fill(FROM)
  await page.locator('#report-to').fill(TO)
  await page.getByRole('button', { name: 'Show' }).click()
  await page.waitForURL(/#report\?from=2025-01-01&to=2026-03-15$/)
  // The range's own render: its input carries the range as its default value (typing sets only the property).
  await page.locator(`#report-from[value="${FROM}"]`).waitFor()
  await page.getByRole('table', { name: 'Volume and value by reason' }).waitFor()
}

/** The PDF's /Title, which Skia writes as UTF-16BE hex: <FEFF…>. */
function pdfTitle(pdf: Buffer): string {
  const hex = /\/Title\s*<FEFF([0-9A-F]*)>/i.exec(pdf.toString('latin1'))?.[1] ?? ''
  let text = ''
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16))
  return text
}

describe("the leads' management report", () => {
  it("prints a PDF whose totals are the dashboard's for the same range", async () => {
    const page = await session.browser.newPage({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
      acceptDownloads: true,
    })
    await openReport(page)
    const disputes = (await page.getByTestId('report-disputes').textContent()) ?? ''
    const resolved = (await page.getByTestId('report-resolved').textContent()) ?? ''
    const value = (await page.getByTestId('report-value').textContent()) ?? ''
    expect(Number(disputes)).toBeGreaterThan(0)
    // The metrics view's Disputes figure, asked of the same trends endpoint for the same range.
    const trends = await page.request.get(`${session.server.apiOrigin}/api/trends?from=${FROM}&to=${TO}`, {
      headers: { Authorization: `Bearer ${session.server.keys.lead}` },
    })
    expect(String(((await trends.json()) as { total: number }).total)).toBe(disputes)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download PDF' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`dispute-report-${FROM}-to-${TO}.pdf`)
    const pdf = readFileSync((await download.path()) as string)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
    const title = pdfTitle(pdf)
    expect(title).toContain(`Dispute analysis ${FROM} to ${TO}: ${disputes} disputes, ${resolved} resolved, `)
    // The dashboard groups thousands ("1,234.50 USD"); the report writes the decimal ("1234.50 USD").
    for (const amount of value.split(' · ')) expect(title).toContain(amount.replace(/,/g, ''))

    // The page the PDF was printed from holds the same figures in its body.
    const html = await page.request.get(`${session.server.apiOrigin}/api/reports/management?from=${FROM}&to=${TO}`, {
      headers: { Authorization: `Bearer ${session.server.keys.lead}` },
    })
    const printed = await html.text()
    expect(printed).toContain(`<title>${title.replace(/&/g, '&amp;')}</title>`)
    expect(printed).toContain(`<dd data-figure="disputes">${disputes}</dd>`)
    expect(printed).toContain(`<dd data-figure="resolved">${resolved}</dd>`)

    expect(await seriousA11yViolations(page)).toEqual([])
    const sheet = await session.browser.newPage({ viewport: { width: 1000, height: 1200 } })
    await sheet.setContent(printed)
    expect(await screenshot(sheet, 'report.png')).toBeLessThan(250_000)
    await sheet.close()
    await page.close()
  })

  it('fits 375 px without the page scrolling sideways', async () => {
    const page = await session.browser.newPage({ viewport: { width: 375, height: 800 }, bypassCSP: true })
    await openReport(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await screenshot(page, 'report-375.png')).toBeLessThan(200_000)
    await page.close()
  })
})
