/**
 * The widget on a page whose origin DISPUTE_DESK_CORS_ORIGINS does not list, in real headless
 * Chromium: the browser refuses the chat request, and the widget says which setting to change
 * instead of "could not reach" (issue 18). A stopped server is still "could not reach".
 */
import { Hono } from 'hono'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from './browser.ts'
import { hostPage, listen, type RunningApp, startRealApp } from './real-app.ts'

let browser: Browser
let server: RunningApp
let unlisted: { origin: string; close(): Promise<void> }

/** A page on an origin the app was not told about, embedding the widget against `apiOrigin`. */
function servePage(apiOrigin: string, key: string): ReturnType<typeof listen> {
  const page = new Hono()
  page.get('/', (c) => c.html(hostPage(apiOrigin, key)))
  return listen(page.fetch)
}

beforeAll(async () => {
  browser = await launchChromium()
  server = await startRealApp()
  unlisted = await servePage(server.apiOrigin, server.keys.specialist)
})

afterAll(async () => {
  await browser?.close()
  await unlisted?.close()
  await server?.close()
})

async function sayOnPage(page: Page, origin: string, text: string): Promise<string> {
  await page.goto(origin)
  await page.getByRole('button', { name: /Dispute assistant/ }).click()
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.keyboard.press('Enter')
  const error = page.locator('dispute-desk-chat').locator('.msg.error').last()
  await error.waitFor({ timeout: 20_000 })
  return (await error.textContent()) ?? ''
}

describe('the widget on a page of an origin the server does not allow', () => {
  it('names DISPUTE_DESK_CORS_ORIGINS and the page’s origin', async () => {
    expect(unlisted.origin).not.toBe(new URL(server.hostOrigin).origin)
    const page = await browser.newPage()
    const said = await sayOnPage(page, unlisted.origin, 'Globex is disputing INV-1001')
    expect(said).toContain('DISPUTE_DESK_CORS_ORIGINS')
    expect(said).toContain(`add ${unlisted.origin} to`)
    await page.close()
  })

  it('says the server cannot be reached when it is down', async () => {
    // A port that was just served and closed: nothing answers there.
    const gone = await servePage('', '')
    await gone.close()
    const down = gone.origin
    const stopped = await servePage(down, server.keys.specialist)
    const page = await browser.newPage()
    // The widget's script is served once, from the running server, so its API base is the closed port.
    const script = await (await fetch(`${server.apiOrigin}/widget.js`)).text()
    await page.route(`${down}/widget.js`, (route) => route.fulfill({ body: script, contentType: 'text/javascript' }), {
      times: 1,
    })
    const said = await sayOnPage(page, stopped.origin, 'Globex is disputing INV-1001')
    expect(said).toContain(`Could not reach the dispute assistant at ${down}`)
    expect(said).not.toContain('DISPUTE_DESK_CORS_ORIGINS')
    await page.close()
    await stopped.close()
  })
})
