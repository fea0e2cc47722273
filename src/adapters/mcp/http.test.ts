/**
 * Streamable HTTP served by @hono/node-server on 127.0.0.1 and driven by the SDK's
 * StreamableHTTPClientTransport: bearer keys with their roles, sessions bound to the key that
 * opened them, DELETE cleanup, and Host/Origin checks against DNS rebinding.
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKeyRecord } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import type { Db } from '../store/db.ts'
import { createStore } from '../store/store.ts'
import { memoryDb } from '../store/testing.ts'
import { createMcpHttp } from './http.ts'
import { testTools } from './test-tools.ts'

const KEYS: Record<string, ApiKeyRecord> = {
  'spec-key': { id: 'k-spec', personId: 'p-spec', name: 'Sam', role: 'specialist', readOnly: false },
  'lead-key': { id: 'k-lead', personId: 'p-lead', name: 'Lee', role: 'lead', readOnly: false },
  'ro-key': { id: 'k-ro', personId: 'p-ro', name: 'Auditor', role: 'lead', readOnly: true },
}
// The key check, sessions and rate limits reach the store here; the test tools read their own rows.
const apiKeys = { verify: async (k: string) => KEYS[k] ?? null, create: async () => null, count: async () => 3 }
let db: Db

let base: URL
let close: () => void

beforeAll(async () => {
  db = await memoryDb()
  const services = { store: { ...createStore(db), apiKeys } } as unknown as Services
  const app = new Hono()
  app.route(
    '/mcp',
    createMcpHttp({
      services,
      today: () => '2024-05-01',
      persona: 'persona',
      tools: testTools,
      allowedHosts: ['desk.example.com'],
    }),
  )
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => server.once('listening', r))
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`)
  close = () => server.close()
})
afterAll(async () => {
  close()
  await db.close()
})

async function connect(key: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(base, {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  })
  const client = new Client({ name: 'http-test', version: '1' })
  await client.connect(transport)
  return { client, transport }
}

/** node:http rather than fetch: fetch will not send a Host header of our choosing. */
function post(
  headers: Record<string, string>,
  body: unknown = { jsonrpc: '2.0', id: 1, method: 'tools/list' },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; json: () => unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      base,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () => {
          const data = text.startsWith('event:') ? text.split('data: ')[1] : text
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: () => JSON.parse(data ?? 'null') })
        })
      },
    )
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

describe('MCP over Streamable HTTP', () => {
  it('serves tools to a keyed client in a session and calls them', async () => {
    const { client, transport } = await connect('spec-key')
    expect(transport.sessionId).toBeTruthy()
    const names = (await client.listTools()).tools.map((t) => t.name)
    expect(names).toEqual(['find_invoices', 'get_invoice', 'add_dispute_note'])
    const r = await client.callTool({ name: 'get_invoice', arguments: { invoiceNumber: 'T-0001' } })
    expect(r.structuredContent).toEqual({ number: 'T-0001', total: '10.00' })
    await transport.terminateSession()
    await client.close()
  })

  it.each([
    ['spec-key', 'decide_credit_memo', { requestId: 'R1' }, /forbidden/],
    ['ro-key', 'add_dispute_note', { disputeId: 'D1', note: 'hello' }, /read_only/],
  ])('refuses with key %s calling %s', async (key, name, args, pattern) => {
    const { client } = await connect(key)
    const r = await client.callTool({ name, arguments: args })
    expect(r.isError).toBe(true)
    expect((r.content as { text: string }[])[0]?.text).toMatch(pattern)
    await client.close()
  })

  it.each([
    ['no key', {}, 401],
    ['a wrong key', { Authorization: 'Bearer nope' }, 401],
    ['a foreign Host', { Authorization: 'Bearer lead-key', Host: 'evil.example.net' }, 403],
    ['a foreign Origin', { Authorization: 'Bearer lead-key', Origin: 'http://evil.example.net' }, 403],
    ['an unknown session', { Authorization: 'Bearer lead-key', 'mcp-session-id': 'nope' }, 404],
    ['no session and no initialize', { Authorization: 'Bearer lead-key' }, 400],
  ])('answers %s with an error status', async (_label, headers, status) => {
    const res = await post(headers as Record<string, string>)
    expect(res.status).toBe(status)
    expect((res.json() as { error: { message: string } }).error.message).toBeTruthy()
  })

  it('accepts a configured host and a local origin', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
    }
    const variants: Record<string, string>[] = [{ Host: 'desk.example.com:8787' }, { Origin: 'http://localhost:5173' }]
    for (const headers of variants) {
      const res = await post({ Authorization: 'Bearer lead-key', ...headers }, init)
      expect(res.status).toBe(200)
      const id = String(res.headers['mcp-session-id'] ?? '')
      expect(id).toBeTruthy()
      await fetch(base, { method: 'DELETE', headers: { Authorization: 'Bearer lead-key', 'mcp-session-id': id } })
    }
  })

  it('refuses a session to another key and forgets it after DELETE', async () => {
    const { client, transport } = await connect('lead-key')
    const id = transport.sessionId ?? ''
    const stolen = await post({ Authorization: 'Bearer spec-key', 'mcp-session-id': id })
    expect(stolen.status).toBe(403)
    await transport.terminateSession()
    const after = await post({ Authorization: 'Bearer lead-key', 'mcp-session-id': id })
    expect(after.status).toBe(404)
    await client.close()
  })
})
