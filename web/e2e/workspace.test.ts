/**
 * The team's workspace in real headless Chromium against the real app: a lead sets a rule, assigns
 * disputes in bulk from the worklist and reassigns one from its page; a specialist works their queue
 * and resolves a dispute from its page, and chooses a settlement on a partial one. Every change is proposed and confirmed; axe-core on each
 * screen; screenshots at desktop and phone (375 px) width, where nothing overflows the page.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, seriousA11yViolations } from './browser.ts'
import { apiCall, type RunningApp, startRealApp } from './real-app.ts'
import { screenshot } from './screenshots.ts'

let browser: Browser
let server: RunningApp
let ana: { id: string; key: string }
let sam: { id: string; name: string }
const numbers: string[] = []

const api = <T>(path: string, key: string, body?: unknown): Promise<T> => apiCall<T>(server, path, key, body)

beforeAll(async () => {
  browser = await launchChromium()
  server = await startRealApp()
  sam = await api('/api/me', server.keys.specialist)
  const made = await api<{ key: string; personId: string }>('/api/keys', server.keys.lead, {
    name: 'Ana Ruiz',
    role: 'specialist',
  })
  ana = { id: made.personId, key: made.key }
  // Three disputes the specialist opened (no rule yet: the opener owns them).
  for (const claim of [
    { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', description: 'Widget price above the contract' },
    { invoiceNumber: 'INV-2002', reasonCode: 'pricing_error', description: 'Price differs from the PO' },
    // Partial: 400.00 disputed, 320.00 supported (8 of 50 short), so it has settlement options.
    { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42, disputedAmount: '400.00' },
  ]) {
    const opened = await api<{ dispute: { number: string } }>('/api/tools/open_dispute', server.keys.specialist, claim)
    numbers.push(opened.dispute.number)
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function signedIn(key: string, width = 1280): Promise<Page> {
  // bypassCSP only so the test can inject axe-core; the page's own CSP stays as served.
  const page = await browser.newPage({ viewport: { width, height: 900 }, bypassCSP: true })
  await page.goto(`${server.apiOrigin}/leads`)
  await page.getByLabel('Your API key').fill(key)
  await page.getByRole('button', { name: 'Use this key' }).click()
  return page
}

async function confirm(page: Page, label: string): Promise<void> {
  const proposal = page.getByRole('group', { name: 'Proposed change' })
  await proposal.waitFor()
  expect(await proposal.textContent()).toMatch(/Nothing is recorded or changed until you confirm/)
  await proposal.getByRole('button', { name: `Confirm: ${label}` }).click()
}

/** Nothing wider than the viewport: no table overflowing its card, no sideways scrolling of the page. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const wide: string[] = []
    if (document.documentElement.scrollWidth > width) wide.push(`page ${document.documentElement.scrollWidth}px`)
    for (const card of document.querySelectorAll<HTMLElement>('.card')) {
      if (card.getBoundingClientRect().right > width + 0.5) wide.push(`card ${card.querySelector('h2')?.textContent}`)
      for (const el of card.querySelectorAll<HTMLElement>('table, dl, form')) {
        if (el.closest('.scroll')) continue
        if (el.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5)
          wide.push(`${el.tagName} in ${card.querySelector('h2')?.textContent}`)
      }
    }
    return wide
  })
}

describe('the worklist and the dispute page', () => {
  it('lets a lead set a rule, assign disputes in bulk and reassign one from its page', async () => {
    const page = await signedIn(server.keys.lead)
    const worklist = page.getByRole('table', { name: /^Worklist: \d+ disputes?/ })
    await worklist.waitFor()
    for (const n of numbers) await worklist.getByRole('link', { name: n }).waitFor()
    // The tab says which page this is.
    expect(await page.title()).toBe('Worklist · DisputeDesk')
    expect(
      await worklist
        .getByRole('row')
        .filter({ hasText: numbers[0] as string })
        .textContent(),
    ).toMatch(/Globex Corporation.*INV-1001.*Sam|Globex Corporation.*INV-1001/)
    expect(await seriousA11yViolations(page)).toEqual([])

    // A rule: quantity disputes go to Ana.
    await page.getByRole('link', { name: 'Assignment' }).click()
    await page.getByRole('table', { name: 'Open disputes per person' }).waitFor()
    await page.getByLabel('Rule name').fill('Quantities to Ana')
    await page.getByLabel('Reason').selectOption('quantity_discrepancy')
    await page.getByLabel('Assign to').selectOption(`person:${ana.id}`)
    await page.getByRole('button', { name: 'Add rule' }).click()
    await page.getByRole('button', { name: 'Save rules and teams…' }).click()
    await confirm(page, 'Save')
    await page
      .getByRole('table', { name: 'Assignment rules in order' })
      .getByRole('cell', { name: 'Quantities to Ana', exact: true })
      .waitFor()
    await screenshot(page, 'assignment.png')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.setViewportSize({ width: 375, height: 900 })
    expect(await overflow(page)).toEqual([])
    expect(await seriousA11yViolations(page)).toEqual([])
    await screenshot(page, 'assignment-375.png')
    await page.setViewportSize({ width: 1280, height: 900 })

    // Bulk: the two pricing disputes to Ana.
    await page.getByRole('link', { name: 'Worklist' }).click()
    await worklist.waitFor()
    await page.getByRole('checkbox', { name: `Select ${numbers[0]}` }).check()
    await page.getByRole('checkbox', { name: `Select ${numbers[1]}` }).check()
    await page.getByLabel('Assign to').selectOption(ana.id)
    await page.getByRole('button', { name: 'Assign selected' }).click()
    await confirm(page, 'Assign')
    for (const n of numbers.slice(0, 2))
      await worklist.getByRole('row').filter({ hasText: n }).getByText('Ana Ruiz').waitFor()
    await screenshot(page, 'worklist.png')

    // Reassign the first back to Sam from its page, with the reason.
    await worklist.getByRole('link', { name: numbers[0] }).click()
    await page.getByRole('heading', { name: new RegExp(`^${numbers[0]} · Globex Corporation`) }).waitFor()
    expect(await page.title()).toBe(`${numbers[0]} · DisputeDesk`)
    const reassign = page.getByRole('form', { name: 'Reassign' })
    await reassign.getByLabel('New owner').selectOption(sam.id)
    await reassign.getByLabel('Why').fill('Sam knows this contract')
    await reassign.getByRole('button', { name: 'Reassign…' }).click()
    await confirm(page, 'Reassign')
    const activity = page.getByRole('list', { name: 'Activity, oldest first' })
    await activity.getByText(`to ${sam.name} (was Ana Ruiz)`).waitFor()
    expect(await activity.textContent()).toMatch(/Sam knows this contract/)
    await screenshot(page, 'dispute.png')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })

  it('lets a specialist work their queue and resolve a dispute from its page, on a phone as on a desk', async () => {
    const page = await signedIn(server.keys.specialist, 375)
    const queue = page.getByRole('table', { name: /^My queue: \d+ disputes?/ })
    await queue.waitFor()
    await queue.getByRole('link', { name: numbers[0] }).waitFor()
    expect(await page.title()).toBe('My queue · DisputeDesk')
    expect(await queue.getByRole('link', { name: numbers[1] }).count()).toBe(0) // Ana's now
    expect(await overflow(page)).toEqual([])
    expect(await seriousA11yViolations(page)).toEqual([])
    await screenshot(page, 'worklist-375.png')

    await queue.getByRole('link', { name: numbers[0] }).click()
    await page.getByRole('heading', { name: new RegExp(`^${numbers[0]}`) }).waitFor()
    expect(await page.getByRole('form', { name: 'Reassign' }).count()).toBe(0) // a lead's action
    const note = page.getByRole('form', { name: 'Add a note' })
    await note.getByLabel(/^Note/).fill('Called Globex AP: they accept the credit')
    await note.getByRole('button', { name: 'Add a note…' }).click()
    await confirm(page, 'Add the note')
    const activity = page.getByRole('list', { name: 'Activity, oldest first' })
    await activity.getByText('Called Globex AP: they accept the credit').waitFor()

    const resolve = page.getByRole('form', { name: 'Resolve' })
    await resolve.getByLabel(/^Outcome/).fill('Customer accepted the contract price credit')
    await resolve.getByRole('button', { name: 'Resolve…' }).click()
    await confirm(page, 'Mark it resolved')
    await activity.getByText('Customer accepted the contract price credit').waitFor()
    expect(await page.locator('.facts').textContent()).toMatch(/StatusResolved/)
    expect(await overflow(page)).toEqual([])
    expect(await seriousA11yViolations(page)).toEqual([])
    await screenshot(page, 'dispute-375.png')
    await page.close()
  })

  it('lists a partial dispute’s settlement options with figures and approvers, and chooses the split on Confirm', async () => {
    const page = await signedIn(server.keys.specialist)
    const queue = page.getByRole('table', { name: /^My queue: \d+ disputes?/ })
    await queue.getByRole('link', { name: numbers[2] }).click()
    const options = page.getByRole('table', { name: 'Settlement options' })
    await options.waitFor()
    const row = (title: string) => options.getByRole('row').filter({ hasText: title })
    expect(await row('Supported credit only').textContent()).toMatch(/320\.00 USD80\.00 USD320\.00 USDLead/)
    expect(await row('Split the remainder 50/50').textContent()).toMatch(/360\.00 USD40\.00 USD360\.00 USD/)
    expect(await row('Escalate').textContent()).toMatch(/0\.00 USD0\.00 USD400\.00 USDLead/)
    expect(await seriousA11yViolations(page)).toEqual([])
    await screenshot(page.locator('section.card').filter({ has: options }), 'settlement.png')

    await page.getByRole('button', { name: 'Choose: Split the remainder 50/50' }).click()
    expect(await page.getByRole('group', { name: 'Proposed change' }).textContent()).toMatch(
      /a credit memo of 320\.00 USD and a goodwill credit of 40\.00 USD will be requested/,
    )
    await confirm(page, 'Choose this settlement')
    const activity = page.getByRole('list', { name: 'Activity, oldest first' })
    await activity.getByText('40.00 USD back to collections, 360.00 USD kept on hold').waitFor()
    expect(await page.locator('.facts').textContent()).toMatch(/StatusAwaiting approval.*Still in dispute360\.00 USD/)
    // The credits went the one credit-memo way: pending, in the leads' approval queue.
    const pending = await api<{ items: { disputeId: string; kind: string; amount: string }[] }>(
      '/api/credit-memos?status=pending',
      server.keys.lead,
    )
    const id = (await api<{ dispute: { id: string } }>(`/api/disputes/${numbers[2]}`, server.keys.lead)).dispute.id
    expect(pending.items.filter((m) => m.disputeId === id).map((m) => [m.kind, m.amount])).toEqual(
      expect.arrayContaining([
        ['credit_memo', '320.00'],
        ['goodwill_credit', '40.00'],
      ]),
    )
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.setViewportSize({ width: 375, height: 900 })
    expect(await overflow(page)).toEqual([])
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })

  it('shows a customer’s inbound email on the right dispute’s timeline', async () => {
    // The raw message a mail server forwards; it names the dispute's number in its subject.
    const raw = [
      'From: Accounts Payable <ap@customer.example>',
      'To: ar@dispute-desk.example',
      `Subject: Re: ${numbers[1]} - price on our order`,
      'Message-ID: <e2e-inbound-1@customer.example>',
      'Date: Mon, 16 Mar 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Our buyer confirms the PO price; please send the corrected invoice.',
      '',
    ].join('\r\n')
    const posted = await fetch(`${server.apiOrigin}/api/inbound/email`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.keys.specialist}`, 'Content-Type': 'message/rfc822' },
      body: raw,
    })
    expect(posted.status).toBe(201)
    expect(await posted.json()).toMatchObject({ status: 'added', matchedBy: expect.arrayContaining(['number']) })
    const page = await signedIn(server.keys.lead)
    await page.goto(`${server.apiOrigin}/leads#dispute/${numbers[1]}`)
    await page.getByRole('heading', { name: new RegExp(`^${numbers[1]}`) }).waitFor()
    const activity = page.getByRole('list', { name: 'Activity, oldest first' })
    await activity.getByText('Our buyer confirms the PO price; please send the corrected invoice.').waitFor()
    expect(await activity.textContent()).toMatch(/ap@customer\.example/)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })
})
