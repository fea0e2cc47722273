/**
 * The abuse limits on the real app: Host allow-list, local keys only for local requests, body and
 * field limits, rate limits with Retry-After, MCP sessions per key, chat sessions bound to their
 * key, security headers. A hand-moved clock stands in for time; nothing sleeps.
 */
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from '../../server.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

const LOCAL_PEER = { incoming: { socket: { remoteAddress: '127.0.0.1' } } }
const peer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } })

let t: TestApp
let app: Hono
let clock = 1_000_000
beforeAll(async () => {
  t = await createTestApp({
    env: {
      DISPUTE_DESK_ALLOWED_HOSTS: 'desk.example.com',
      DISPUTE_DESK_IMPORT_MAX_MB: '0.01',
      DISPUTE_DESK_CHAT_PER_MINUTE: '3',
      DISPUTE_DESK_MCP_PER_MINUTE: '6',
      DISPUTE_DESK_AUTH_FAILURES_PER_MINUTE: '3',
      DISPUTE_DESK_MCP_SESSIONS_PER_KEY: '2',
    },
  })
  // The same runtime, served as `npm start` serves it on loopback: local keys embedded, a clock we move.
  app = await createServer(t.runtime, { embedLocalKeys: true, now: () => clock })
}, 60_000)
afterAll(() => t?.close())

const auth = (key: string) => ({ Authorization: `Bearer ${key}` })
const json = { 'Content-Type': 'application/json' }
const post = (path: string, body: unknown, key: string, env: object = LOCAL_PEER) =>
  app.request(
    path,
    {
      method: 'POST',
      headers: { ...json, ...auth(key) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    },
    env,
  )
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; field?: string } }).error

const MCP_HEADERS = { ...json, Accept: 'application/json, text/event-stream' }
const initialize = (key: string) =>
  app.request(
    '/mcp',
    {
      method: 'POST',
      headers: { ...MCP_HEADERS, ...auth(key) },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'limits-test', version: '1' } },
      }),
    },
    LOCAL_PEER,
  )

describe('the Host allow-list', () => {
  it.each(['/health', '/api/me', '/', '/leads', '/widget.js', '/mcp'])(
    'refuses %s under a foreign Host',
    async (path) => {
      const res = await app.request(path, { headers: { Host: 'evil.example', ...auth(t.keys.lead) } }, LOCAL_PEER)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain(t.keys.lead)
    },
  )

  it('serves loopback names and the configured host', async () => {
    for (const host of ['127.0.0.1:8787', 'localhost', '[::1]:8787', 'desk.example.com', 'DESK.example.com:443']) {
      const res = await app.request('/health', { headers: { Host: host } }, LOCAL_PEER)
      expect(res.status, host).toBe(200)
    }
    const lookalike = await app.request('/health', { headers: { Host: 'localhost.evil.example' } }, LOCAL_PEER)
    expect(lookalike.status).toBe(403)
    expect(await errorOf(lookalike)).toMatchObject({ code: 'host_not_allowed', field: 'Host' })
  })
})

describe('the pages that embed the local keys', () => {
  it('embed them for a loopback Host from a loopback peer', async () => {
    const demo = await (await app.request('/', { headers: { Host: '127.0.0.1:8787' } }, LOCAL_PEER)).text()
    expect(demo).toContain(t.keys.specialist)
    const leads = await (await app.request('/leads', { headers: { Host: 'localhost:8787' } }, LOCAL_PEER)).text()
    expect(leads).toContain(t.keys.lead)
  })

  it('leave them out for a remote peer, an unknown peer, or a configured non-loopback Host', async () => {
    const cases: [Record<string, string>, object | undefined][] = [
      [{ Host: '127.0.0.1:8787' }, peer('203.0.113.9')],
      [{ Host: '127.0.0.1:8787' }, undefined],
      [{ Host: 'desk.example.com' }, LOCAL_PEER],
    ]
    for (const [headers, env] of cases) {
      for (const path of ['/', '/leads']) {
        const res = await app.request(path, { headers }, env)
        expect(res.status).toBe(200)
        const html = await res.text()
        expect(html).not.toContain(t.keys.specialist)
        expect(html).not.toContain(t.keys.lead)
      }
    }
  })
})

describe('security headers', () => {
  it('harden API answers and pages, and keep the widget loadable from any origin', async () => {
    const me = await app.request('/api/me', { headers: auth(t.keys.specialist) }, LOCAL_PEER)
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(me.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(me.headers.get('referrer-policy')).toBe('no-referrer')
    for (const path of ['/', '/leads']) {
      const page = await app.request(path, {}, LOCAL_PEER)
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
      expect(page.headers.get('x-frame-options')).toBe('DENY')
    }
    const widget = await app.request('/widget.js', {}, LOCAL_PEER)
    expect(widget.headers.get('access-control-allow-origin')).toBe('*')
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    expect(widget.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('body and field limits', () => {
  it('answers 413 with the JSON error for a chat body over 64 KB, an import over its limit and MCP over 1 MB', async () => {
    const chat = await post('/api/chat', { message: 'x'.repeat(70 * 1024) }, t.keys.specialist)
    expect(chat.status).toBe(413)
    expect(await errorOf(chat)).toMatchObject({ code: 'payload_too_large' })
    const ledger = await post('/api/import', { customers: [{ id: 'x'.repeat(20_000) }] }, t.keys.lead)
    expect(ledger.status).toBe(413)
    const mcp = await app.request(
      '/mcp',
      { method: 'POST', headers: { ...MCP_HEADERS, ...auth(t.keys.lead) }, body: `"${'x'.repeat(1100 * 1024)}"` },
      LOCAL_PEER,
    )
    expect(mcp.status).toBe(413)
    expect(await mcp.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } })
  })

  it.each([
    ['/api/disputes/D-1/notes', { note: 'n'.repeat(4001) }, 'note'],
    ['/api/disputes/D-1/resolve', { outcome: 'o'.repeat(4001) }, 'outcome'],
    ['/api/disputes/D-1/status', { status: 'investigating', why: 'w'.repeat(4001) }, 'why'],
    [`/api/disputes/${'D'.repeat(101)}/notes`, { note: 'fine' }, 'disputeId'],
    ['/api/credit-memos/R-1/decision', { decision: 'approve', reason: 'r'.repeat(4001) }, 'reason'],
  ])('refuses an overlong field on %s with 400 naming it', async (path, body, field) => {
    const res = await post(path, body, t.keys.lead)
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ code: 'invalid_input', field })
  })

  it.each([
    ['/api/disputes/D%001', 'id'],
    ['/api/invoices/INV%00-1', 'invoiceNumber'],
    ['/api/invoices?offset=99999999999999999999999', 'offset'],
    ['/api/credit-memos?offset=-1', 'offset'],
    ['/api/credit-memos?limit=1e400', 'limit'],
    ['/api/evals/runs?offset=18446744073709551616', 'offset'],
    ['/api/disputes?customerId=C%00', 'customerId'],
  ])('answers GET %s with 400 naming %s, never 500', async (path, field) => {
    const res = await app.request(path, { headers: auth(t.keys.lead) }, LOCAL_PEER)
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ field })
  })

  it('refuses NUL in a JSON body with 400 naming the field', async () => {
    const res = await post('/api/disputes/D-1/notes', { note: 'call\u0000ed' }, t.keys.lead)
    expect(res.status).toBe(400)
    expect(await errorOf(res)).toMatchObject({ field: 'note' })
  })
})

describe('rate limits', () => {
  it('answers 429 with Retry-After after too many wrong keys from one address, then lets it try again', async () => {
    const attacker = peer('198.51.100.7')
    const tryKey = () => app.request('/api/me', { headers: auth('ddk_wrong') }, attacker)
    for (let i = 0; i < 3; i++) expect((await tryKey()).status).toBe(401)
    const blocked = await tryKey()
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await errorOf(blocked)).toMatchObject({ code: 'rate_limited' })
    // Even a right key is not checked from that address while it is blocked; the MCP endpoint shares the budget.
    expect((await app.request('/api/me', { headers: auth(t.keys.lead) }, attacker)).status).toBe(429)
    expect((await app.request('/mcp', { method: 'POST', headers: auth('ddk_wrong') }, attacker)).status).toBe(429)
    // Another address is not affected.
    expect((await app.request('/api/me', { headers: auth(t.keys.lead) }, peer('198.51.100.8'))).status).toBe(200)
    clock += 60_000
    expect((await tryKey()).status).toBe(401)
  })

  it('answers 429 with Retry-After after too many chat turns for one key; another key is not affected', async () => {
    const key = t.keys.lead
    for (let i = 0; i < 3; i++) expect((await post('/api/chat', {}, key)).status).toBe(400)
    const limited = await post('/api/chat/stream', {}, key)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await post('/api/chat', {}, t.keys.specialist)).status).toBe(400)
    clock += 60_000
  })

  it('keeps at most two MCP sessions per key, closing the longest idle, and rate-limits MCP calls per key', async () => {
    clock += 60_000
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await initialize(t.keys.lead)
      expect(res.status).toBe(200)
      ids.push(res.headers.get('mcp-session-id') ?? '')
      await res.body?.cancel()
      clock += 1000
    }
    const list = (id: string) =>
      app.request(
        '/mcp',
        {
          method: 'POST',
          headers: { ...MCP_HEADERS, ...auth(t.keys.lead), 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
        },
        LOCAL_PEER,
      )
    expect((await list(ids[0] as string)).status).toBe(404)
    const live = await list(ids[2] as string)
    expect(live.status).toBe(200)
    await live.body?.cancel()
    // Six requests a minute for this key: three initializes and two lists are spent, one is left.
    expect((await list(ids[1] as string)).status).toBe(200)
    const limited = await list(ids[1] as string)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    clock += 60_000
  })

  it("keeps the transport's 4xx answers 4xx (here a client that accepts no event stream)", async () => {
    clock += 60_000
    const res = await app.request(
      '/mcp',
      {
        method: 'POST',
        headers: { ...json, Accept: 'text/html', ...auth(t.keys.specialist) },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
        }),
      },
      LOCAL_PEER,
    )
    expect(res.status).toBe(406)
  })
})

describe('chat sessions', () => {
  it('are issued by the server, refused when made up, and belong to the key that opened them', async () => {
    clock += 60_000
    const invented = await post('/api/chat', { message: 'hello', sessionId: '00000000' }, t.keys.specialist)
    expect(invented.status).toBe(404)
    expect(await errorOf(invented)).toMatchObject({ code: 'session_not_found', field: 'sessionId' })

    const first = await post('/api/chat', { message: 'a customer disputes an invoice' }, t.keys.specialist)
    expect(first.status).toBe(200)
    const { sessionId } = (await first.json()) as { sessionId: string }
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)

    const stolen = await post('/api/chat', { message: 'continue', sessionId }, t.keys.lead)
    expect(stolen.status).toBe(404)
    expect(await errorOf(stolen)).toMatchObject({ code: 'session_not_found' })
    const stolenStream = await post('/api/chat/stream', { message: 'continue', sessionId }, t.keys.lead)
    expect(stolenStream.status).toBe(404)

    const mine = await post('/api/chat', { message: 'it is INV-1001', sessionId }, t.keys.specialist)
    expect(mine.status).toBe(200)
    expect(((await mine.json()) as { sessionId: string }).sessionId).toBe(sessionId)
  })
})
