/**
 * Thousands of malformed requests, generated deterministically (fast-check, a fixed seed), sent to
 * the real app on PGlite: bad JSON, wrong types, huge strings, NUL, bad ids and query values, bad
 * headers, bad MCP JSON-RPC in and out of a session. None may answer 5xx, and none may write a row
 * anywhere (every table but the rate-limit counters is counted before and after).
 */
import fc from 'fast-check'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tools } from '../../../tools/index.ts'
import { createTestApp, type TestApp } from '../../testing/test-app.ts'

const SEED = 20261202
const PER_FAMILY = 1000

let t: TestApp
let app: Hono
const sessions = { lead: '', specialist: '' }

type Who = 'lead' | 'specialist' | 'wrong' | 'none'
interface Spec {
  method: string
  path: string
  who: Who
  headers: Record<string, string>
  body?: string
  /** MCP: send inside this key's session. */
  mcpSession?: 'lead' | 'specialist' | 'bogus'
}

// ---- values ---------------------------------------------------------------------------------------
const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'INV-1001\u0000',
  '%00',
  '%',
  '%ZZ',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '\uD800',
  '\uFFFF',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '1e400',
  '-1',
  'NaN',
  'null',
  '99999999999999999999999',
  '9223372036854775808',
  '0x10',
  ' 5',
  'x'.repeat(4001),
  'y'.repeat(25_000),
]
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`) },
)
const nastyNumber = fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, 2 ** 63, 1e20, Number.MAX_SAFE_INTEGER + 2)
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
)
const deep = fc.integer({ min: 40, max: 3000 }).map((n) => `${'['.repeat(n)}1${']'.repeat(n)}`)
const brokenJson = fc.constantFrom(
  '{',
  '{"message":',
  'nul',
  '[1,',
  '{"a":1}}',
  '\u0000',
  '',
  '"',
  '{"message":"\\ud800"}',
)

/** A JSON body that no route accepts as valid: a wrong type, a NUL, a missing or extra-long field. */
const badBody = (fields: string[]) =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .dictionary(fc.constantFrom(...fields, 'zz', '\u0000'), nastyValue, { maxKeys: 4 })
        .map((o) => JSON.stringify(o)),
    },
    { weight: 1, arbitrary: brokenJson },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: nastyValue.map((v) => JSON.stringify(v) ?? 'undefined') },
  )

/** A path segment: never an id that exists (every real id is too plain to come out of this). */
const badId = fc.oneof(
  fc.constantFrom(
    'ZZ-404',
    '%00',
    'a%00b',
    '%ZZ',
    '%',
    '..',
    '%2F..%2F',
    'x'.repeat(101),
    'DSP-%00',
    '%E2%82',
    '%C0%AF',
  ),
  nastyString.filter((s) => s.length > 0).map((s) => `ZZ${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}`),
)
const QUERY_KEYS = [
  'limit',
  'offset',
  'from',
  'to',
  'status',
  'customerId',
  'invoiceNumber',
  'unappliedOnly',
  'numberFragment',
  'query',
  'reasonCode',
  'zz',
]
const badQuery = fc
  .array(
    fc.tuple(
      fc.constantFrom(...QUERY_KEYS),
      fc.oneof(
        nastyString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))),
        fc.constantFrom('%', '%ZZ', '%00', '-5', '1e400', '99999999999999999999'),
      ),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`)

/** Header values a client can send (a Request refuses NUL, CR and LF itself). */
const headerValue = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\u0020-\u007e]/g, '')),
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(8000),
    'application/json; charset=utf-8',
    'text/plain',
    '*/*',
    'multipart/form-data',
  ),
)
const who = fc.constantFrom<Who>('lead', 'specialist', 'lead', 'specialist', 'wrong', 'none')
const extraHeaders = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.record({ 'Content-Type': headerValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      Host: fc.constantFrom('evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', '', '[::2]'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ Origin: headerValue }) },
  { weight: 1, arbitrary: fc.record({ 'Idempotency-Key': headerValue }) },
  {
    weight: 1,
    arbitrary: fc.record({
      Authorization: fc.constantFrom('Bearer', 'Bearer ', 'Basic abc', `Bearer ${'k'.repeat(5000)}`, 'Bearer ddk_00'),
    }),
  },
)

// ---- request families -----------------------------------------------------------------------------
const CHAT = ['/api/chat', '/api/chat/stream']
const chatRequests: fc.Arbitrary<Spec> = fc
  .record({
    path: fc.constantFrom(...CHAT),
    who,
    headers: extraHeaders,
    kind: fc.nat(2),
    body: badBody(['message', 'sessionId', 'confirm', 'cancel']),
    message: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('INV-1001 price is wrong', 'yes')),
    sessionId: fc.oneof(fc.constantFrom('00000000', 'ZZZZZZZZZZZZ', 'a'.repeat(64)), fc.uuid()),
  })
  .map(({ path, who, headers, kind, body, message, sessionId }) => ({
    method: 'POST',
    path,
    who,
    headers,
    // A well-formed message goes only with a session id the server never issued: it must be refused before the engine.
    body: kind === 0 ? JSON.stringify({ message, sessionId }) : withUnissuedSession(body),
  }))

/** A body that happens to be a valid turn gets a session id the server never issued, so the engine never runs. */
function withUnissuedSession(body: string): string {
  try {
    const v: unknown = JSON.parse(body)
    if (v && typeof v === 'object' && !Array.isArray(v) && !('sessionId' in v)) {
      return JSON.stringify({ ...v, sessionId: 'ZZZZZZZZ-never-issued' })
    }
  } catch {
    // Not JSON: malformed already.
  }
  return body
}

const WRITES: [string, string[]][] = [
  ['notes', ['note']],
  ['status', ['status', 'why']],
  ['resolve', ['outcome']],
  ['credit-memos', ['kind', 'amount', 'reason', 'idempotencyKey']],
]
const writeRequests: fc.Arbitrary<Spec> = fc
  .record({
    id: badId,
    route: fc.constantFrom(...WRITES),
    who,
    headers: extraHeaders,
    verb: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH'),
    decision: fc.boolean(),
  })
  .chain(({ id, route, who, headers, verb, decision }) =>
    (decision
      ? badBody(['decision', 'reason']).map((body) => ({ path: `/api/credit-memos/${id}/decision`, body }))
      : badBody(route[1]).map((body) => ({ path: `/api/disputes/${id}/${route[0]}`, body }))
    ).map(({ path, body }) => ({
      method: verb,
      path,
      who,
      headers,
      body,
    })),
  )

const READS = [
  '/api/invoices',
  '/api/customers',
  '/api/disputes',
  '/api/credit-memos',
  '/api/aging',
  '/api/aging.csv',
  '/api/trends',
  '/api/evals/runs',
  '/api/me',
  '/health',
]
const readRequests: fc.Arbitrary<Spec> = fc.oneof(
  fc
    .record({ base: fc.constantFrom(...READS), q: badQuery, who, headers: extraHeaders })
    .map(({ base, q, who, headers }) => ({ method: 'GET', path: `${base}${q}`, who, headers })),
  fc
    .record({
      base: fc.constantFrom(
        '/api/invoices/',
        '/api/disputes/',
        '/api/evals/runs/',
        '/api/nothing/',
        '/leads/',
        '/mcp/',
      ),
      id: badId,
      who,
      headers: extraHeaders,
    })
    .map(({ base, id, who, headers }) => ({ method: 'GET', path: `${base}${id}`, who, headers })),
)

const LEDGER_KEYS = [
  'company',
  'customers',
  'contracts',
  'invoices',
  'payments',
  'deliveries',
  'pastDisputes',
  'policy',
  'fxRates',
]
const importRequests: fc.Arbitrary<Spec> = fc
  .record({
    who: fc.constantFrom<Who>('lead', 'lead', 'specialist', 'wrong'),
    headers: extraHeaders,
    body: fc.oneof(
      badBody(LEDGER_KEYS),
      fc
        .record({
          customers: fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'segment', 'taxExempt'), nastyValue), {
            minLength: 1,
            maxLength: 3,
          }),
        })
        .map((o) => JSON.stringify(o)),
      fc
        .record({
          invoices: fc.array(
            fc.dictionary(fc.constantFrom('number', 'customerId', 'lines', 'total', 'currency'), nastyValue),
            { minLength: 1, maxLength: 3 },
          ),
        })
        .map((o) => JSON.stringify(o)),
    ),
  })
  .map(({ who, headers, body }) => ({ method: 'POST', path: '/api/import', who, headers, body }))

const TOOL_NAMES = tools.map((s) => s.name)
const TOOL_FIELDS = [
  'invoiceNumber',
  'disputeId',
  'requestId',
  'customerId',
  'note',
  'reason',
  'outcome',
  'why',
  'status',
  'reasonCode',
  'amount',
  'kind',
  'decision',
  'limit',
  'offset',
  'from',
  'to',
  'text',
  'query',
]
/** Tool arguments that cannot be valid: a write names a dispute or request that does not exist, or a field is NUL, mistyped or too long. */
const badArguments = fc
  .tuple(fc.dictionary(fc.constantFrom(...TOOL_FIELDS), nastyValue, { maxKeys: 5 }), badId)
  .map(([args, id]) => ({
    ...args,
    disputeId: args.disputeId ?? id,
    requestId: args.requestId ?? id,
    reasonCode: args.reasonCode ?? 'zz_reason',
  }))
const rpc = (method: string, params: unknown, id: unknown = 1) => JSON.stringify({ jsonrpc: '2.0', id, method, params })
const MCP_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }
const mcpRequests: fc.Arbitrary<Spec> = fc.oneof(
  // In a session: tools, resources and prompts with bad arguments.
  fc
    .record({
      session: fc.constantFrom<'lead' | 'specialist'>('lead', 'specialist'),
      method: fc.constantFrom(
        'tools/call',
        'tools/call',
        'tools/call',
        'resources/read',
        'prompts/get',
        'tools/list',
        'nope/nope',
        'initialize',
      ),
      name: fc.oneof(fc.constantFrom(...TOOL_NAMES), nastyString),
      args: fc.oneof({ weight: 4, arbitrary: badArguments }, { weight: 1, arbitrary: nastyValue }),
      uri: fc.oneof(
        nastyString,
        fc.constantFrom('dispute-desk://invoices/%00', 'dispute-desk://disputes/ZZ', 'file:///etc/passwd'),
      ),
      id: fc.oneof(fc.nat(), nastyString, fc.constant(null)),
      headers: fc.oneof(
        { weight: 5, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.record({ 'mcp-protocol-version': headerValue }) },
        { weight: 1, arbitrary: fc.record({ Accept: headerValue }) },
      ),
    })
    .map(({ session, method, name, args, uri, id, headers }) => ({
      method: 'POST',
      path: '/mcp',
      who: session,
      mcpSession: session,
      headers: { ...MCP_HEADERS, ...headers },
      body:
        method === 'tools/call'
          ? rpc(method, { name, arguments: args }, id)
          : method === 'resources/read'
            ? rpc(method, { uri }, id)
            : method === 'prompts/get'
              ? rpc(method, { name, arguments: args }, id)
              : rpc(method, args, id),
    })),
  // Outside a session: broken JSON-RPC, batches, bad initialize, unknown sessions, other methods.
  fc
    .record({
      who,
      kind: fc.nat(5),
      body: fc.oneof(
        brokenJson,
        deep,
        nastyValue.map((v) => JSON.stringify(v) ?? '1'),
      ),
      version: nastyString,
      headers: fc.oneof(fc.constant(MCP_HEADERS), fc.record({ 'Content-Type': headerValue, Accept: headerValue })),
      verb: fc.constantFrom('GET', 'DELETE', 'PUT'),
    })
    .map(({ who, kind, body, version, headers, verb }) => {
      const init = rpc('initialize', { protocolVersion: version, capabilities: 'none', clientInfo: version })
      const bodies = [body, init, `[${init},${init}]`, rpc('tools/list', {}), body, body]
      const spec: Spec = { method: kind === 5 ? verb : 'POST', path: '/mcp', who, headers, body: bodies[kind] ?? body }
      if (kind === 3) spec.mcpSession = 'bogus'
      if (spec.method === 'GET') spec.body = undefined
      return spec
    }),
)

const FAMILIES: [string, fc.Arbitrary<Spec>][] = [
  ['chat', chatRequests],
  ['writes', writeRequests],
  ['reads', readRequests],
  ['import', importRequests],
  ['mcp', mcpRequests],
]

// ---- the run --------------------------------------------------------------------------------------
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await t.runtime.db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  )
  const out: Record<string, number> = {}
  // Rate-limit counters are meant to count these requests too; they are not data.
  for (const { name } of tables.rows.filter((t) => t.name !== 'rate_limit_counters')) {
    const r = await t.runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)
    out[name] = r.rows[0]?.n ?? 0
  }
  return out
}

async function openMcpSession(key: string): Promise<string> {
  const res = await app.request('/mcp', {
    method: 'POST',
    headers: { ...MCP_HEADERS, Authorization: `Bearer ${key}` },
    body: rpc('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'fuzz', version: '1' },
    }),
  })
  await res.text()
  const id = res.headers.get('mcp-session-id')
  if (!id) throw new Error(`initialize answered ${res.status}`)
  await app.request('/mcp', {
    method: 'POST',
    headers: {
      ...MCP_HEADERS,
      Authorization: `Bearer ${key}`,
      'mcp-session-id': id,
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  })
  return id
}

function toRequest(spec: Spec): RequestInit {
  const keyOf: Record<Who, string | undefined> = {
    lead: t.keys.lead,
    specialist: t.keys.specialist,
    wrong: 'ddk_0123456789abcdef0123456789abcdef0123456789abcdef',
    none: undefined,
  }
  const key = keyOf[spec.who]
  const headers: Record<string, string> = {
    ...(spec.body !== undefined && spec.path !== '/mcp' ? { 'Content-Type': 'application/json' } : {}),
    ...(key ? { Authorization: `Bearer ${key}` } : {}),
    ...(spec.mcpSession
      ? {
          'mcp-session-id': spec.mcpSession === 'bogus' ? 'ZZ-no-such-session' : sessions[spec.mcpSession],
          'mcp-protocol-version': '2025-06-18',
        }
      : {}),
    ...spec.headers,
  }
  return {
    method: spec.method,
    headers,
    ...(spec.body !== undefined && spec.method !== 'GET' ? { body: spec.body } : {}),
  }
}

beforeAll(async () => {
  t = await createTestApp({
    // Limits high enough that requests reach the validation they are meant to probe (limits.test.ts covers 429).
    env: {
      DISPUTE_DESK_CHAT_PER_MINUTE: '1000000',
      DISPUTE_DESK_MCP_PER_MINUTE: '1000000',
      DISPUTE_DESK_AUTH_FAILURES_PER_MINUTE: '1000000',
      DISPUTE_DESK_IMPORT_MAX_MB: '1',
    },
  })
  app = t.app
  sessions.lead = await openMcpSession(t.keys.lead)
  sessions.specialist = await openMcpSession(t.keys.specialist)
}, 60_000)
afterAll(() => t?.close())

describe('malformed requests', () => {
  it('never answer 5xx and never write a row', async () => {
    const before = await rowCounts()
    let sent = 0
    const statuses = new Map<number, number>()
    const failures: string[] = []
    const timings: Record<string, number> = {}
    for (const [i, [family, arb]] of FAMILIES.entries()) {
      const started = performance.now()
      for (const spec of fc.sample(arb, { seed: SEED + i, numRuns: PER_FAMILY })) {
        const res = await app.request(spec.path, toRequest(spec))
        await res.text()
        sent++
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status >= 500 && failures.length < 10) {
          failures.push(
            `${family} ${spec.method} ${spec.path.slice(0, 120)} ${(spec.body ?? '').slice(0, 200)} → ${res.status}`,
          )
        }
      }
      timings[family] = Math.round(performance.now() - started)
    }
    console.log(`ms per family: ${JSON.stringify(timings)}`)
    // Whole-body floods, a few of each: over the chat, MCP and import limits.
    const floods: [string, string, Who][] = [
      ['/api/chat', JSON.stringify({ message: 'z'.repeat(70 * 1024) }), 'specialist'],
      ['/api/disputes/ZZ/notes', JSON.stringify({ note: 'z'.repeat(70 * 1024) }), 'lead'],
      [
        '/mcp',
        rpc('tools/call', { name: 'add_dispute_note', arguments: { disputeId: 'ZZ', note: 'z'.repeat(1100 * 1024) } }),
        'lead',
      ],
      ['/api/import', JSON.stringify({ customers: [{ id: 'z'.repeat(1100 * 1024) }] }), 'lead'],
    ]
    for (const [path, body, w] of floods) {
      for (let k = 0; k < 5; k++) {
        const res = await app.request(
          path,
          toRequest({ method: 'POST', path, who: w, headers: path === '/mcp' ? MCP_HEADERS : {}, body }),
        )
        await res.text()
        sent++
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        expect(res.status).toBe(413)
      }
    }
    const after = await rowCounts()
    const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0)
    const written = Object.keys(after).reduce((n, k) => n + Math.abs((after[k] ?? 0) - (before[k] ?? 0)), 0)
    console.log(`statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`)
    console.log(`malformed requests: ${sent} sent, ${fivexx} 5xx, ${written} rows written`)
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThanOrEqual(5000)
    expect(after).toEqual(before)
  }, 120_000)
})
