/**
 * What the dashboard's browser tests share: one Chromium and one real app for the file, and a lead
 * signed in on the dashboard with a view open from the navigation.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser.ts'
import { type RunningApp, startRealApp } from './real-app.ts'

interface Session {
  readonly browser: Browser
  readonly server: RunningApp
}

/** Starts both before the file's tests and closes them after; read the fields inside a test. */
export function browserAndApp(): Session {
  const session = {} as { browser: Browser; server: RunningApp }
  beforeAll(async () => {
    session.browser = await launchChromium()
    session.server = await startRealApp()
  }, 120_000)
  afterAll(async () => {
    await session.browser?.close()
    await session.server?.close()
  })
  return session
}

/** Signs in with the lead's key and follows the navigation link named `link`. */
export async function openAsLead(page: Page, server: RunningApp, link: string): Promise<void> {
  await page.goto(`${server.apiOrigin}/leads`)
  await page.locator('#api-key').fill(server.keys.lead)
  await page.getByRole('button', { name: 'Use this key' }).click()
  await page.getByRole('link', { name: link }).click()
}
