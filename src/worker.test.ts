/**
 * The Worker in workerd, on a PostgreSQL server this test starts, through a Hyperdrive binding: the
 * bundle `npx wrangler deploy --dry-run` builds (what a deploy uploads, so the build is checked here
 * too) run by Miniflare, wrangler's local runtime — a chat turn over SSE, an MCP tool call over
 * Streamable HTTP, and a credit memo requested by a specialist and approved by a lead. The database
 * is readied by `npm run migrate`, as a deployment's would be.
 */
import { execFile } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { Miniflare } from 'miniflare'
import { startScriptedModelServer } from './adapters/agent/scripted-model-server.ts'
import { type Hit, webhookSink } from './adapters/notify/testing-webhooks.ts'
import { serverPg, stopPgServer } from './adapters/store/testing-pg.ts'
import type { Db } from './adapters/store/db.ts'
import { main as migrate } from './cli/migrate.ts'
import { EXAMPLE_TODAY, exampleLedger } from './testing/example-ledger.ts'
import { build, chromium } from './worker-stubs.ts'

const outDir = mkdtempSync(join(tmpdir(), 'dd-worker-'))
let worker: Miniflare | undefined
let startWorker: (bindings: Record<string, string>) => Miniflare
let owner: Db
let proxy: Server | undefined
/** The signed webhooks the Worker's cron run posts. */
let hook: { url: string; hits: Hit[]; close(): Promise<void> } | undefined
const keys = { specialist: '', lead: '' }
const WEBHOOK_SECRET = 'worker-test-webhook-secret'
let base = ''
let databaseUrl = ''

/**
 * workerd reaches PostgreSQL over TCP only; the throwaway cluster listens on a unix socket. A TCP
 * port on loopback that pipes each connection to it (a given server's URL is used as it is).
 */
async function tcpUrl(url: string): Promise<string> {
  const u = new URL(url)
  const socketDir = decodeURIComponent(u.hostname)
  if (!socketDir.startsWith('/')) return url
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    const upstream = createConnection(`${socketDir}/.s.PGSQL.${u.port || '5432'}`)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
      s.on('close', () => sockets.delete(s))
    }
    client.pipe(upstream).pipe(client)
  })
  server.on('close', () => {
    for (const s of sockets) s.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy = server
  const port = (server.address() as { port: number }).port
  // Hyperdrive asks for a password; the throwaway cluster trusts local connections and ignores it.
  return `postgres://${u.username || 'postgres'}:unused@127.0.0.1:${port}${u.pathname}`
}

beforeAll(async () => {
  const pg = await serverPg({ empty: true })
  owner = pg.db
  databaseUrl = pg.url
  const lines: string[] = []
  const code = await migrate(
    ['--url', pg.url],
    { DISPUTE_DESK_TODAY: EXAMPLE_TODAY },
    {
      ledger: exampleLedger(),
      log: (l) => lines.push(l),
    },
  )
  expect(code, lines.join('\n')).toBe(0)
  keys.specialist = /^Specialist key: (\S+)/m.exec(lines.join('\n'))?.[1] ?? ''
  keys.lead = /^Lead key: +(\S+)/m.exec(lines.join('\n'))?.[1] ?? ''
  const hyperdrive = await tcpUrl(pg.url)
  hook = await webhookSink(WEBHOOK_SECRET)

  let started = performance.now()
  await promisify(execFile)('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outDir], { maxBuffer: 1 << 24 })
  const bundle = join(outDir, 'worker.js')
  const kb = (n: number) => `${Math.round(n / 1024)} KiB`
  console.log(
    `[worker] wrangler deploy --dry-run: ${Math.round(performance.now() - started)} ms, bundle ${kb(statSync(bundle).size)}, ${kb(gzipSync(readFileSync(bundle)).length)} gzipped`,
  )
  // The Worker's runtime settings, as wrangler.toml gives them to a deploy.
  const toml = readFileSync('wrangler.toml', 'utf8')
  startWorker = (bindings) =>
    new Miniflare({
      modules: [{ type: 'ESModule', path: bundle }],
      modulesRoot: outDir,
      compatibilityDate: /^compatibility_date = "(.+)"$/m.exec(toml)?.[1] ?? '',
      compatibilityFlags: JSON.parse(/^compatibility_flags = (\[.*\])$/m.exec(toml)?.[1] ?? '[]') as string[],
      hyperdrives: { HYPERDRIVE: hyperdrive },
      unsafeTriggerHandlers: true,
      bindings: { DISPUTE_DESK_TODAY: EXAMPLE_TODAY, ...bindings },
    })
  started = performance.now()
  worker = startWorker({
    DISPUTE_DESK_ALLOWED_HOSTS: 'desk.example.com',
    DISPUTE_DESK_WEBHOOKS: hook.url,
    DISPUTE_DESK_WEBHOOK_SECRETS: WEBHOOK_SECRET,
  })
  base = (await worker.ready).origin
  console.log(`[worker] workerd started in ${Math.round(performance.now() - started)} ms`)
  started = performance.now()
  expect((await fetch(`${base}/health`)).status).toBe(200)
  console.log(`[worker] first request (the isolate builds the app): ${Math.round(performance.now() - started)} ms`)
}, 180_000)

afterAll(async () => {
  await worker?.dispose()
  proxy?.close()
  await hook?.close()
  rmSync(outDir, { recursive: true, force: true })
  await owner?.close()
  await stopPgServer('worker')
}, 60_000)

const auth = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' })

async function post(path: string, body: object, key: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: auth(key), body: JSON.stringify(body) })
  return { status: res.status, json: await res.json() }
}

it('serves health, the pages and the bundled widget from workerd', async () => {
  expect(keys.specialist).toMatch(/\S{16,}/)
  const health = await fetch(`${base}/health`)
  expect(health.status).toBe(200)
  const page = await fetch(`${base}/leads`)
  expect(await page.text()).toContain('<html')
  const widget = await fetch(`${base}/widget.js`)
  expect(widget.headers.get('content-type')).toContain('javascript')
  expect((await widget.text()).length).toBeGreaterThan(10_000)
})

/** One POST /api/chat/stream: its SSE events in order. */
async function streamTurn(message: string): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const res = await fetch(`${base}/api/chat/stream`, {
    method: 'POST',
    headers: { ...auth(keys.specialist), Accept: 'text/event-stream' },
    body: JSON.stringify({ message }),
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  return (await res.text())
    .split('\n\n')
    .filter((block) => block.includes('event:'))
    .map((block) => ({
      event: /^event: ?(.*)$/m.exec(block)?.[1] ?? '',
      data: JSON.parse(/^data: ?(.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>,
    }))
}

it('answers for the host names DISPUTE_DESK_ALLOWED_HOSTS lists and refuses any other', async () => {
  // node:http, not fetch: fetch will not send a Host header of our choosing.
  const statusFor = (host: string) =>
    new Promise<number | undefined>((resolve, reject) =>
      httpRequest(`${base}/health`, { headers: { Host: host } }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
        .on('error', reject)
        .end(),
    )
  expect(await statusFor('desk.example.com')).toBe(200)
  expect(await statusFor('rebound.example.net')).toBe(403)
})

it('answers a chat turn over SSE with the core’s figures', async () => {
  const ms: number[] = []
  for (const message of [
    'Globex is disputing INV-1001, they say the unit price is wrong, $150',
    'Globex disputes INV-1001: the price is not the contract price, 150 dollars',
  ]) {
    const started = performance.now()
    const events = await streamTurn(message)
    ms.push(Math.round(performance.now() - started))
    const done = events.find((e) => e.event === 'done')
    expect(done?.data, JSON.stringify(events)).toMatchObject({
      resolution: { invoiceNumber: 'INV-1001', supportedAmount: '150.00', action: 'credit_memo' },
    })
  }
  console.log(`[worker] chat turn over SSE: first ${ms[0]} ms, then ${ms[1]} ms`)
})

it('opens a dispute through an MCP tool call; a specialist requests its credit memo and a lead approves it', async () => {
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
    requestInit: { headers: { Authorization: `Bearer ${keys.specialist}` } },
  })
  const client = new Client({ name: 'worker-test', version: '1' })
  await client.connect(transport)
  const opened = await client.callTool({
    name: 'open_dispute',
    arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' },
  })
  await client.close()
  expect(opened.isError, JSON.stringify(opened.content)).toBeFalsy()
  const dispute = (opened.structuredContent as { dispute: { id: string; supportedAmount: string } }).dispute
  expect(dispute.supportedAmount).toBe('150.00')

  const requested = await post(
    `/api/disputes/${encodeURIComponent(dispute.id)}/credit-memos`,
    { amount: '150.00', reason: 'contract price not applied' },
    keys.specialist,
  )
  expect(requested.status, JSON.stringify(requested.json)).toBe(200)
  expect(requested.json).toMatchObject({ status: 'pending', amount: '150.00', invoiceNumber: 'INV-1001' })
  const requestId = (requested.json as { id: string }).id
  const decided = await post(
    `/api/credit-memos/${encodeURIComponent(requestId)}/decision`,
    { decision: 'approve', reason: 'matches the contract' },
    keys.lead,
  )
  expect(decided.status, JSON.stringify(decided.json)).toBe(200)
  // Approved by a lead and issued at once: the memo has its number.
  expect(decided.json).toMatchObject({ status: 'issued', amount: '150.00', creditMemoNumber: expect.any(String) })
  const stored = await owner.query<{ status: string; amount: string }>(
    'SELECT status, amount::text AS amount FROM credit_memo_requests WHERE id = $1',
    [requestId],
  )
  expect(stored.rows).toEqual([{ status: 'issued', amount: '150.0000' }])
})

it('sends the recorded notifications as signed webhooks when the cron trigger runs', async () => {
  // What Cloudflare does once a minute (wrangler.toml [triggers]); Miniflare's route for it.
  const cron = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}`)
  expect(cron.status, await cron.text()).toBe(200)
  const hits = hook?.hits ?? []
  expect(hits.length).toBeGreaterThan(0)
  expect(hits.every((h) => h.valid)).toBe(true)
  const rows = await owner.query<{ status: string }>(
    "SELECT status FROM notification_deliveries WHERE channel = 'webhook'",
  )
  expect(rows.rows.length).toBe(hits.length)
  expect(new Set(rows.rows.map((r) => r.status))).toEqual(new Set(['delivered']))
})

it('runs the LLM engine in workerd: the model behind OPENAI_BASE_URL, the key a secret', async () => {
  const model = await startScriptedModelServer()
  const llm = startWorker({ OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.baseURL })
  try {
    const origin = (await llm.ready).origin
    model.script([
      () => ({
        toolCalls: [
          {
            name: 'investigate_dispute',
            arguments: { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error', disputedAmount: '150.00' },
          },
        ],
      }),
      () => ({ text: 'Globex is right: the contract price was not used.' }),
    ])
    const res = await fetch(`${origin}/api/chat`, {
      method: 'POST',
      headers: auth(keys.specialist),
      body: JSON.stringify({ message: 'Globex is disputing INV-1001, they say the unit price is wrong, $150' }),
    })
    const body = (await res.json()) as { reply: string; resolution: unknown }
    expect(res.status, JSON.stringify(body)).toBe(200)
    expect(body.reply).toContain('Globex is right')
    expect(body.resolution).toMatchObject({ invoiceNumber: 'INV-1001', supportedAmount: '150.00' })
    expect(model.remaining()).toBe(0)
  } finally {
    await llm.dispose()
    await model.close()
  }
}, 60_000)

it('npm run migrate is safe to run again: nothing pending, no second pair of keys', async () => {
  const lines: string[] = []
  expect(await migrate(['--url', databaseUrl], {}, { log: (l) => lines.push(l) })).toBe(0)
  expect(lines.join('\n')).not.toMatch(/key:/)
  expect(lines.at(-1)).toBe('The database is ready.')
})

it('says what the Node server loads on demand and a Worker cannot run (wrangler.toml aliases it)', () => {
  expect(() => chromium.launch()).toThrow('Chromium (PDF reports) is not available on Cloudflare Workers')
  expect(() => build()).toThrow('esbuild is not available on Cloudflare Workers')
})
