/**
 * The dispute card as an MCP Apps host renders it, in real headless Chromium: the page hosts the
 * card with the SDK's host side (AppBridge over PostMessageTransport into a sandboxed iframe), and
 * forwards the card's tool calls to a real SDK client connected in memory to the real MCP server
 * over the example ledger in PGlite. The host finds the card the way Claude or VS Code do (the
 * tool's `_meta.ui.resourceUri`, then resources/read), hands it the investigate_dispute call, and
 * the test presses what a person would: another tone, then a credit memo request that is proposed,
 * cancelled, proposed again and confirmed. The request exists in the store only after Confirm.
 * Screenshot of the proposal: mcp-dispute-card.png (web/e2e/screenshots.ts says where).
 */
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import type { CallToolRequest, CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { build } from 'esbuild'
import type { Browser, Frame, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callerOfKey } from '../../src/adapters/mcp/caller.ts'
import { DISPUTE_CARD_URI } from '../../src/adapters/mcp/mcp-apps.ts'
import { createMcpServer } from '../../src/adapters/mcp/server.ts'
import type { Resolution } from '../../src/core/resolution.ts'
import { createTestApp, type TestApp } from '../../src/testing/test-app.ts'
import { launchChromium, seriousA11yViolations } from '../e2e/browser.ts'
import { screenshot } from '../e2e/screenshots.ts'

const CLAIM = { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }
/** What the model asked for: the claim and a tone (which open_dispute, being strict, must not be sent). */
const INPUT = { ...CLAIM, tone: 'warm' }

let browser: Browser
let t: TestApp
let client: Client
let bridgeJs = ''
/** Every call the card made through the host, in order. */
const calls: CallToolRequest['params'][] = []

beforeAll(async () => {
  browser = await launchChromium()
  t = await createTestApp()
  const record = await t.runtime.store.apiKeys.verify(t.keys.specialist)
  if (!record) throw new Error('the specialist key does not verify')
  const { services, prompts, today } = t.runtime
  const server = createMcpServer({ services, today, persona: prompts.persona }, callerOfKey(record))
  const [a, b] = InMemoryTransport.createLinkedPair()
  await server.connect(a)
  client = new Client({ name: 'card-host', version: '1' })
  await client.connect(b)
  // The host side of the SDK, bundled for the page as a global.
  const out = await build({
    stdin: {
      contents: "export { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge'",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    },
    bundle: true,
    format: 'iife',
    globalName: 'McpHost',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  })
  bridgeJs = out.outputFiles[0]?.text ?? ''
}, 120_000)

afterAll(async () => {
  await client?.close()
  await browser?.close()
  await t?.close()
})

/** The card's status line once the call it reports on has answered (a pending one ends in "…"). */
async function settled(card: FrameLocator): Promise<string> {
  const status = card.locator('#status')
  await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toMatch(/[^…]$/)
  return (await status.textContent()) ?? ''
}

const textOf = (r: CallToolResult): string => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n')

/** What a host does: find the tool's card, read it, and give it the call's input and result in a sandboxed frame. */
async function hostCard(page: Page, input: Record<string, unknown>, result: CallToolResult): Promise<Frame> {
  const tool = (await client.listTools()).tools.find((x) => x.name === 'investigate_dispute')
  const uri = (tool?._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri
  expect(uri).toBe(DISPUTE_CARD_URI)
  const read = await client.readResource({ uri: uri as string })
  const content = read.contents[0] as { mimeType?: string; text?: string }
  expect(content.mimeType).toBe('text/html;profile=mcp-app')
  const html = content.text ?? ''

  await page.exposeFunction('hostCallTool', async (params: CallToolRequest['params']) => {
    calls.push(params)
    return client.callTool(params)
  })
  await page.setContent(
    '<!doctype html><html lang="en"><head><title>Test host</title></head><body style="margin:0"></body></html>',
  )
  await page.addScriptTag({ content: bridgeJs })
  await page.evaluate(
    async ({ html, input, result }) => {
      const w = window as unknown as {
        McpHost: typeof import('@modelcontextprotocol/ext-apps/app-bridge')
        hostCallTool(p: unknown): Promise<CallToolResult>
      }
      const iframe = document.createElement('iframe')
      iframe.title = 'Dispute card'
      iframe.setAttribute('sandbox', 'allow-scripts')
      iframe.style.cssText = 'display:block;width:720px;height:300px;border:0'
      document.body.append(iframe)
      const win = iframe.contentWindow as Window
      const bridge = new w.McpHost.AppBridge(null, { name: 'Test host', version: '1' }, { serverTools: {} })
      bridge.oncalltool = (params) => w.hostCallTool(params)
      // As hosts do: the card reports its height (ResizeObserver in the SDK) and the frame follows.
      bridge.onsizechange = ({ height }) => {
        if (height) iframe.style.height = `${height}px`
      }
      const initialized = new Promise<void>((resolve) => {
        bridge.oninitialized = () => resolve()
      })
      await bridge.connect(new w.McpHost.PostMessageTransport(win, win))
      iframe.srcdoc = html
      await initialized
      await bridge.sendToolInput({ arguments: input })
      await bridge.sendToolResult(result)
    },
    { html, input, result: result as never },
  )
  const frame = page.frames().find((f) => f !== page.mainFrame())
  if (!frame) throw new Error('the card frame did not load')
  return frame
}

describe('the dispute card in an MCP Apps host', () => {
  it('advertises the card on investigate_dispute only, as a self-contained page', async () => {
    const tools = (await client.listTools()).tools
    expect(tools.filter((x) => x._meta?.ui).map((x) => x.name)).toEqual(['investigate_dispute'])
    const listed = (await client.listResources()).resources.find((r) => r.uri === DISPUTE_CARD_URI)
    expect(listed?.mimeType).toBe('text/html;profile=mcp-app')
    const html = ((await client.readResource({ uri: DISPUTE_CARD_URI })).contents[0] as { text: string }).text
    // Nothing from the network: a host's default CSP allows inline code only.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=/i)
    expect(html).toMatch(/<script>/)
  })

  it('renders the investigation, re-drafts the email in another tone, and files a credit request only after Confirm', async () => {
    const result = (await client.callTool({ name: 'investigate_dispute', arguments: INPUT })) as CallToolResult
    expect(result.isError, textOf(result)).toBeFalsy()
    const r = result.structuredContent as unknown as Resolution
    expect(r.supportedAmount).toBe('150.00')
    // Tall enough for the whole card: a sandboxed frame is painted only where the viewport shows it.
    const page = await browser.newPage({ viewport: { width: 720, height: 1700 } })
    const frame = await hostCard(page, INPUT, result)
    const card: FrameLocator = page.frameLocator('iframe[title="Dispute card"]')

    // The figures and the evidence, as the tool decided them.
    await card.getByRole('heading', { level: 1 }).waitFor()
    expect(await card.getByRole('heading', { level: 1 }).textContent()).toBe(`INV-1001 · ${r.customerName}`)
    const supported = card.getByRole('row', { name: /Supported by the evidence/ })
    expect(await supported.textContent()).toContain('150.00 USD')
    const docId = r.findings[0]?.documentId as string
    expect(docId).toBeTruthy()
    expect(await card.locator('.findings code').first().textContent()).toBe(docId)
    expect(await card.locator('#email-body').textContent()).toBe(r.email.body)
    expect(await card.getByRole('radio', { name: 'warm' }).isChecked()).toBe(true)

    // Another tone: the card asks the tool again; the figures do not change.
    const firm = (await client.callTool({
      name: 'investigate_dispute',
      arguments: { ...CLAIM, tone: 'firm' },
    })) as unknown as { structuredContent: Resolution }
    await card.getByRole('radio', { name: 'firm' }).check()
    await card.getByRole('status').filter({ hasText: 'firm tone' }).waitFor()
    expect(await card.locator('#email-body').textContent()).toBe(firm.structuredContent.email.body)
    expect(firm.structuredContent.email.body).not.toBe(r.email.body)
    expect(calls.at(-1)).toMatchObject({ name: 'investigate_dispute', arguments: { ...CLAIM, tone: 'firm' } })

    // Proposed, then cancelled: nothing is requested.
    const pendingBefore = (await t.runtime.store.creditMemos.list({ status: 'pending', limit: 500, offset: 0 })).total
    await card.getByRole('button', { name: 'Request credit memo' }).click()
    const proposal = card.locator('#proposal')
    expect(await settled(card)).toBe('Not requested yet: confirm or cancel below.')
    expect(await proposal.textContent()).toMatch(/Request a credit memo of 150\.00 USD on dispute \S+ \(INV-1001\)/)
    await proposal.getByRole('button', { name: 'Cancel' }).click()
    await card.getByRole('status').filter({ hasText: 'nothing was requested' }).waitFor()
    expect((await t.runtime.store.creditMemos.list({ status: 'pending', limit: 500, offset: 0 })).total).toBe(
      pendingBefore,
    )

    // Proposed again (the same dispute) and confirmed: now it is filed, pending a lead's approval.
    await card.getByRole('button', { name: 'Request credit memo' }).click()
    await proposal.getByRole('button', { name: 'Confirm' }).waitFor()
    await screenshot(page, 'mcp-dispute-card.png')
    const a11y = await seriousA11yViolations(frame as unknown as Page)
    expect(a11y, JSON.stringify(a11y, null, 2)).toEqual([])
    await proposal.getByRole('button', { name: 'Confirm' }).click()
    const filed = card.getByRole('status').filter({ hasText: 'filed' })
    await filed.waitFor()
    const id = /request (\S+) filed/.exec((await filed.textContent()) ?? '')?.[1] as string
    const request = await t.runtime.store.creditMemos.get(id)
    expect(request).toMatchObject({ amount: '150.00', status: 'pending', invoiceNumber: 'INV-1001' })

    // The calls the card made: one dispute, two unconfirmed proposals, one confirmed request.
    const credit = calls.filter((c) => c.name === 'request_credit_memo').map((c) => c.arguments?.confirm)
    expect(credit).toEqual([undefined, undefined, true])
    const opened = calls.filter((c) => c.name === 'open_dispute')
    expect(opened.map((c) => c.arguments)).toEqual([{ ...CLAIM, idempotencyKey: expect.any(String) }])
    expect(request?.disputeId).toBe(calls.find((c) => c.name === 'request_credit_memo')?.arguments?.disputeId)
    await page.close()
  })
})
