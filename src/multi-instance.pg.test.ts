/**
 * Two instances of the product on one PostgreSQL server, as a company scales out behind a load
 * balancer: two runtimes (each its own `pg` pool) started together on an empty database, each
 * served over HTTP by @hono/node-server. Whatever one instance starts, the other carries on:
 * conversations, confirmations, idempotency keys, rate limits, MCP sessions; concurrent credit
 * requests through both never pass what the evidence supports; the migrations run once and the
 * ledger both were started with is imported once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatResponse } from './adapters/agent/chat-types.ts'
import { loadMigrations, migrate } from './adapters/store/migrate.ts'
import { pgDb } from './adapters/store/pg-db.ts'
import { serverPg, stopPgServer } from './adapters/store/testing-pg.ts'
import { parseConfig } from './config.ts'
import { createRuntime, type Runtime } from './runtime.ts'
import { createServer } from './server.ts'
import type { Db } from './adapters/store/db.ts'
import { EXAMPLE_TODAY, exampleLedger } from './testing/example-ledger.ts'

const CHAT_PER_MINUTE = 6
const AUTH_FAILURES_PER_MINUTE = 4
const dir = mkdtempSync(join(tmpdir(), 'dd-two-instances-'))
const ran: string[] = []

interface Instance {
  name: 'A' | 'B'
  runtime: Runtime
  base: string
  /** Requests this instance's HTTP server received. */
  served: number
  stop(): void
}

let owner: Db
let a: Instance
let b: Instance
const keys = { specialist: '', lead: '', other: '' }

async function serveInstance(name: 'A' | 'B', runtime: Runtime): Promise<Instance> {
  const app = await createServer(runtime, { embedLocalKeys: false })
  const instance: Instance = { name, runtime, base: '', served: 0, stop: () => {} }
  const server = serve({
    fetch: (req, env) => {
      instance.served++
      return app.fetch(req, env)
    },
    hostname: '127.0.0.1',
    port: 0,
  })
  await new Promise((r) => server.once('listening', r))
  instance.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  instance.stop = () => server.close()
  return instance
}

beforeAll(async () => {
  const empty = await serverPg({ empty: true })
  owner = empty.db
  const parsed = parseConfig({
    DATABASE_URL: empty.url,
    // One machine's data folder: the audit anchor both instances append to (see Known gaps for hosts).
    DISPUTE_DESK_DATA: dir,
    DISPUTE_DESK_EMPTY: '1',
    DISPUTE_DESK_TODAY: EXAMPLE_TODAY,
    DISPUTE_DESK_NOTIFY_EVERY_SECONDS: '0',
    DISPUTE_DESK_CHAT_PER_MINUTE: String(CHAT_PER_MINUTE),
    DISPUTE_DESK_AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const started = Date.now()
  // Both start at once on the empty database, each with the same ledger: each runs the migrations
  // (under the advisory lock) and imports it.
  const [ra, rb] = await Promise.all([
    createRuntime(parsed.config, { ledger: exampleLedger() }),
    createRuntime(parsed.config, { ledger: exampleLedger() }),
  ])
  ran.push(`${empty.server.description}; both instances started together in ${Date.now() - started} ms`)
  ;[a, b] = await Promise.all([serveInstance('A', ra), serveInstance('B', rb)])
  const create = (name: string, role: 'specialist' | 'lead') => ra.store.apiKeys.create({ name, role })
  keys.specialist = (await create('Sam', 'specialist')).key
  keys.lead = (await create('Lee', 'lead')).key
  keys.other = (await create('Ola', 'specialist')).key
}, 120_000)

afterAll(async () => {
  a?.stop()
  b?.stop()
  await Promise.all([a?.runtime.close(), b?.runtime.close()])
  await owner?.close()
  await stopPgServer('two instances')
  rmSync(dir, { recursive: true, force: true })
  if (a && b) ran.push(`HTTP requests served: A ${a.served}, B ${b.served}`)
  console.log(`[two instances] what ran:\n  ${ran.join('\n  ')}`)
})

const post = (at: Instance, path: string, body: unknown, key: string, headers: Record<string, string> = {}) =>
  fetch(`${at.base}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

async function chat(at: Instance, turn: object, sessionId?: string, key = keys.specialist): Promise<ChatResponse> {
  const res = await post(at, '/api/chat', { ...turn, ...(sessionId ? { sessionId } : {}) }, key)
  if (res.status !== 200) throw new Error(`${at.name} POST /api/chat answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as ChatResponse
}

const confirmOf = (r: ChatResponse) => {
  const action = r.actions.find((x) => x.kind === 'confirm')
  if (action?.kind !== 'confirm') throw new Error(`no proposal to confirm in: ${r.reply.slice(-300)}`)
  return { confirm: action.token }
}

describe('two instances on one PostgreSQL', () => {
  it('ran every migration once, and imported the ledger once, although both instances started together', async () => {
    const names = loadMigrations().map((m) => m.name)
    const rows = await owner.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')
    expect(rows.rows.map((r) => r.name)).toEqual(names)
    const invoices = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM invoices')
    expect(invoices.rows[0]?.n).toBe(exampleLedger().invoices.length)
    // The same race, counted: two pools migrating one more empty database at once share the work.
    const race = await serverPg({ empty: true })
    const other = pgDb({ connectionString: race.url })
    try {
      const [x, y] = await Promise.all([migrate(race.db), migrate(other)])
      expect([...x.applied, ...y.applied].sort()).toEqual(names)
      ran.push(
        `migrations: ${names.length}, applied once between two pools (${x.applied.length} + ${y.applied.length})`,
      )
    } finally {
      await other.close()
      await race.db.close()
    }
  })

  it('continues on B a conversation begun on A, and confirms on each what the other proposed', async () => {
    const first = await chat(a, { message: 'INV-1002 globex only received 42 of the 50 widget b' })
    expect(first.resolution?.supportedAmount).toBe('320.00')
    const recorded = await chat(b, confirmOf(first), first.sessionId)
    expect(recorded.effects).toContain('dispute_opened')
    const corrected = await chat(a, { message: 'actually they got 45' }, first.sessionId)
    expect(corrected.resolution?.supportedAmount).toBe('200.00')
    expect(corrected.proposal?.kind).toBe('update_dispute')
    const updated = await chat(b, confirmOf(corrected), first.sessionId)
    expect(updated.disputeId).toBe(recorded.disputeId)
    const dispute = await a.runtime.store.disputes.get(recorded.disputeId as string)
    expect(dispute?.resolution?.supportedAmount).toBe('200.00')
    ran.push(`chat: 4 turns alternating A, B, A, B in one session; dispute ${recorded.disputeId} opened and updated`)
  })

  it('makes one credit request of the same idempotency key sent to both at once', async () => {
    const disputeId = await openDispute('Initech says INV-2002 duplicates INV-2001, both February')
    const ask = (at: Instance) =>
      post(
        at,
        `/api/disputes/${disputeId}/credit-memos`,
        { kind: 'credit_memo', amount: '100.00', reason: 'duplicate billing' },
        keys.specialist,
        { 'Idempotency-Key': 'two-instances-0001' },
      )
    const [ra, rb] = await Promise.all([ask(a), ask(b)])
    expect([ra.status, rb.status]).toEqual([200, 200])
    const [ja, jb] = (await Promise.all([ra.json(), rb.json()])) as { id: string }[]
    expect(ja?.id).toBeTruthy()
    expect(jb?.id).toBe(ja?.id)
    const memos = await owner.query('SELECT id FROM credit_memo_requests WHERE dispute_id = $1', [disputeId])
    expect(memos.rows).toEqual([{ id: ja?.id }])
    ran.push('idempotency: one key sent to A and B at once -> one credit request')
  })

  it('never lets concurrent credit requests through both instances pass what the dispute supports', async () => {
    const disputeId = await openDispute('INV-1001 Globex says the widget price is wrong, should be 12.50')
    const supported = (await a.runtime.store.disputes.get(disputeId))?.resolution?.supportedAmount
    expect(supported).toBe('150.00')
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          i % 2 ? b : a,
          `/api/disputes/${disputeId}/credit-memos`,
          { kind: 'credit_memo', amount: '20.00', reason: `request ${i}` },
          keys.specialist,
        ).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } })),
      ),
    )
    const accepted = results.filter((r) => r.status === 200)
    expect(accepted).toHaveLength(7)
    expect(results.filter((r) => r.body.error?.code === 'credit_exceeds_supported')).toHaveLength(13)
    expect(await b.runtime.store.disputes.verifyChain()).toMatchObject({ ok: true })
    ran.push(`credit race: 20 requests of 20.00 alternating A/B on 150.00 supported -> ${accepted.length} accepted`)
  })

  it('counts one chat budget per key across both instances', async () => {
    const statuses: number[] = []
    for (let i = 0; i <= CHAT_PER_MINUTE; i++)
      statuses.push((await post(i % 2 ? b : a, '/api/chat', {}, keys.other)).status)
    // An empty body is refused (400) after the budget is counted; the one past the budget is 429 wherever it lands.
    expect(statuses).toEqual([...Array(CHAT_PER_MINUTE).fill(400), 429])
    ran.push(
      `rate limit: ${CHAT_PER_MINUTE} chat turns a minute, alternating A/B -> turn ${CHAT_PER_MINUTE + 1} refused (429)`,
    )
  })

  it('serves an MCP session opened on A through B, as a round-robin load balancer sends it', async () => {
    const turns = [a, b]
    let next = 0
    const landed: string[] = []
    const roundRobin: typeof fetch = (input, init) => {
      const at = turns[next++ % 2] as Instance
      landed.push(at.name)
      const url = new URL(input instanceof Request ? input.url : String(input))
      return fetch(`${at.base}${url.pathname}${url.search}`, init)
    }
    const transport = new StreamableHTTPClientTransport(new URL(`${a.base}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${keys.lead}` } },
      fetch: roundRobin,
    })
    const client = new Client({ name: 'two-instances', version: '1' })
    await client.connect(transport)
    try {
      expect(transport.sessionId).toBeTruthy()
      const tools = (await client.listTools()).tools.map((t) => t.name)
      expect(tools).toContain('get_invoice')
      for (let i = 0; i < 3; i++) {
        const r = await client.callTool({ name: 'get_invoice', arguments: { invoiceNumber: 'INV-1001' } })
        expect(r.isError).toBeFalsy()
        expect(r.structuredContent).toMatchObject({ number: 'INV-1001' })
      }
      expect(new Set(landed)).toEqual(new Set(['A', 'B']))
      await transport.terminateSession()
      // Closed through whichever instance DELETE reached: gone on both.
      for (const at of turns) {
        const res = await fetch(`${at.base}/mcp`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${keys.lead}`,
            'Content-Type': 'application/json',
            Accept: 'application/json, text/event-stream',
            'mcp-session-id': transport.sessionId ?? 'none',
          },
          body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
        })
        expect(res.status).toBe(404)
      }
      ran.push(`MCP: one session, requests landed ${landed.join(' ')}; closed, then unknown on both`)
    } finally {
      await client.close()
    }
  })

  // Last: it blocks 127.0.0.1, every request in this file, for the rest of the minute.
  it('counts wrong keys from one address across both, then refuses even a right key on both', async () => {
    const me = (at: Instance, key: string) =>
      fetch(`${at.base}/api/me`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.status)
    const statuses: number[] = []
    for (let i = 0; i <= AUTH_FAILURES_PER_MINUTE; i++) statuses.push(await me(i % 2 ? b : a, `ddk_wrong_${i}`))
    expect(statuses).toEqual([...Array(AUTH_FAILURES_PER_MINUTE).fill(401), 429])
    expect([await me(a, keys.lead), await me(b, keys.lead)]).toEqual([429, 429])
    ran.push(
      `wrong keys: ${AUTH_FAILURES_PER_MINUTE} a minute per address, alternating A/B -> then 429 on both, a right key too`,
    )
  })
})

/** Opens a dispute from one chat message on A, confirmed on B, as the lead (the specialist's budget is spent above). */
async function openDispute(message: string): Promise<string> {
  const proposed = await chat(a, { message }, undefined, keys.lead)
  const recorded = await chat(b, confirmOf(proposed), proposed.sessionId, keys.lead)
  expect(recorded.effects).toContain('dispute_opened')
  return recorded.disputeId as string
}
