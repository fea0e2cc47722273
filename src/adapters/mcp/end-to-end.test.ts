/**
 * The real registry over both transports on the example ledger, in a real (in-memory) Postgres:
 * the SDK Client over an in-memory link (what stdio carries) and over Streamable HTTP on
 * 127.0.0.1. Same figures as the chat API for INV-1001 (pricing error, 150.00 supported, valid,
 * credit memo), a dispute resource with its audit trail, a role refusal and a read-only refusal.
 *
 * Similar-dispute search is an empty port implementation: retrieval has its own tests and no
 * figure depends on it.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLedger } from '../../core/ledger.ts'
import type { Prompts } from '../../core/prompts.ts'
import type { Store } from '../../services/ports.ts'
import type { Services, SimilarSearch } from '../../services/services.ts'
import { loadPrompts } from '../prompts/load-prompts.ts'
import { createStore } from '../store/store.ts'
import { createServices } from '../../services/create-services.ts'
import { EXAMPLE_LEDGER_PATH } from '../../testing/example-ledger.ts'
import { memoryPglite } from '../store/testing.ts'
import { callerOfKey } from './caller.ts'
import { createMcpHttp } from './http.ts'
import { createMcpServer } from './server.ts'

const NORTHWIND = EXAMPLE_LEDGER_PATH
const TODAY = '2024-05-01'

const noSimilar: SimilarSearch = { search: async () => [], upsertDispute: async () => {} }

let store: Store
let services: Services
let persona: string
const keys: Record<'specialist' | 'lead' | 'readOnly', string> = { specialist: '', lead: '', readOnly: '' }
let base: URL
let closeAll = async (): Promise<void> => {}

beforeAll(async () => {
  const { db } = await memoryPglite()
  store = createStore(db)
  const ledger = parseLedger(JSON.parse(readFileSync(NORTHWIND, 'utf8')))
  if (!ledger.ok) throw new Error('the example ledger does not parse')
  const imported = await store.imports.importLedger(ledger.ledger, { id: 'system', name: 'Import', role: 'admin' })
  if (!imported.ok) throw new Error(imported.error.message)
  keys.specialist = (await store.apiKeys.create({ name: 'Sam', role: 'specialist' })).key
  keys.lead = (await store.apiKeys.create({ name: 'Lee', role: 'lead' })).key
  keys.readOnly = (await store.apiKeys.create({ name: 'Auditor', role: 'lead', readOnly: true })).key
  const prompts: Prompts = await loadPrompts('prompts')
  persona = prompts.persona
  services = createServices({ store, similar: noSimilar, prompts })

  const app = new Hono()
  app.route('/mcp', createMcpHttp({ services, today: () => TODAY, persona }))
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => server.once('listening', r))
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)
  closeAll = async () => {
    server.close()
    await db.close()
  }
}, 60_000)
afterAll(() => closeAll())

async function inMemoryClient(key: string): Promise<Client> {
  const record = await store.apiKeys.verify(key)
  if (!record) throw new Error('test key does not verify')
  const server = createMcpServer({ services, today: () => TODAY, persona }, callerOfKey(record))
  const [a, b] = InMemoryTransport.createLinkedPair()
  await server.connect(a)
  const client = new Client({ name: 'e2e-memory', version: '1' })
  await client.connect(b)
  return client
}

async function httpClient(key: string): Promise<Client> {
  const client = new Client({ name: 'e2e-http', version: '1' })
  await client.connect(
    new StreamableHTTPClientTransport(base, { requestInit: { headers: { Authorization: `Bearer ${key}` } } }),
  )
  return client
}

const transports = [
  ['in-memory (stdio framing)', inMemoryClient],
  ['Streamable HTTP', httpClient],
] as const

const text = (r: unknown): string =>
  (((r as { content?: { text?: string }[] }).content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('\n')

describe.each(transports)('the real registry over %s', (_name, connect) => {
  it('lists tools, resources and prompts', async () => {
    const client = await connect(keys.specialist)
    const tools = (await client.listTools()).tools.map((t) => t.name)
    expect(tools).toContain('investigate_dispute')
    expect(tools).not.toContain('decide_credit_memo')
    const resources = await client.listResources()
    expect(resources.resources.length).toBeGreaterThan(0)
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)
    expect(templates).toEqual(expect.arrayContaining(['invoice://{number}', 'dispute://{id}']))
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name)
    expect(prompts).toEqual(['resolve-dispute', 'customer-email'])
    const p = await client.getPrompt({ name: 'resolve-dispute', arguments: { invoice: 'INV-1001', reason: 'price' } })
    expect(text({ content: p.messages.map((m) => m.content) })).toContain(persona.split('\n')[0])
    await client.close()
  })

  it('investigates INV-1001 with the chat figures: 150.00 supported, valid, credit memo', async () => {
    const client = await connect(keys.specialist)
    const r = await client.callTool({
      name: 'investigate_dispute',
      arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' },
    })
    expect(r.isError, text(r)).toBeFalsy()
    const v = r.structuredContent as { supportedAmount: string; classification: string; action: string }
    expect(v.supportedAmount).toBe('150.00')
    expect(v.classification).toBe('valid')
    expect(v.action).toBe('credit_memo')
    expect(text(r)).toContain('150.00')
    await client.close()
  })

  it('opens a dispute and reads it back as a resource with its audit trail', async () => {
    const client = await connect(keys.specialist)
    const opened = await client.callTool({
      name: 'open_dispute',
      arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' },
    })
    expect(opened.isError, text(opened)).toBeFalsy()
    const id = (opened.structuredContent as { dispute: { id: string } }).dispute.id
    const read = await client.readResource({ uri: `dispute://${encodeURIComponent(id)}` })
    const body = JSON.parse((read.contents[0] as { text: string }).text) as {
      dispute: { id: string; supportedAmount: string }
      events: { type: string }[]
    }
    expect(body.dispute.id).toBe(id)
    expect(body.dispute.supportedAmount).toBe('150.00')
    expect(body.events.map((e) => e.type)).toContain('dispute_opened')
    await client.close()
  })

  it('refuses decide_credit_memo to a specialist, naming the role', async () => {
    const client = await connect(keys.specialist)
    const r = await client.callTool({
      name: 'decide_credit_memo',
      arguments: { requestId: 'any', decision: 'approve', reason: 'looks right' },
    })
    expect(r.isError).toBe(true)
    expect(text(r)).toMatch(/forbidden.*lead/)
    await client.close()
  })

  it('refuses a write to a read-only key, even a lead', async () => {
    const client = await connect(keys.readOnly)
    expect((await client.listTools()).tools.every((t) => t.annotations?.readOnlyHint)).toBe(true)
    const r = await client.callTool({
      name: 'open_dispute',
      arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' },
    })
    expect(r.isError).toBe(true)
    expect(text(r)).toMatch(/read_only/)
    await client.close()
  })
})
