/**
 * The real app for tests: in-memory Postgres loaded with the example ledger, a specialist and a
 * lead key, the embedded engine. Nothing is mocked; only the database lives in memory.
 */
import type { Hono } from 'hono'
import { afterAll, beforeAll } from 'vitest'
import type { Logger } from '../adapters/http/request-log.ts'
import type { ChatResponse, Correction } from '../adapters/agent/chat-types.ts'
import { parseConfig } from '../config.ts'
import type { Ledger } from '../core/ledger.ts'
import { memoryDb } from '../adapters/store/testing.ts'
import { createRuntime, type Runtime } from '../runtime.ts'
import { createServer } from '../server.ts'
import { EXAMPLE_TODAY, exampleLedger } from './example-ledger.ts'

export interface TestApp {
  app: Hono
  runtime: Runtime
  keys: { specialist: string; lead: string }
  close(): Promise<void>
}

export async function createTestApp(
  options: {
    corsOrigins?: string[]
    today?: string
    env?: Record<string, string>
    ledger?: Ledger
    /** Request logs (none by default: tests are quiet). */
    logger?: Logger
  } = {},
): Promise<TestApp> {
  const parsed = parseConfig({
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_EMPTY: '1',
    DISPUTE_DESK_TODAY: options.today ?? EXAMPLE_TODAY,
    DISPUTE_DESK_CORS_ORIGINS: (options.corsOrigins ?? []).join(','),
    // Tests run the notification dispatcher themselves (runtime.notifier.runOnce), never on a timer.
    DISPUTE_DESK_NOTIFY_EVERY_SECONDS: '0',
    ...options.env,
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const runtime = await createRuntime(parsed.config, {
    ledger: options.ledger ?? exampleLedger(),
    db: await memoryDb(),
  })
  if (!runtime.keys) throw new Error('an in-memory runtime always creates its local keys')
  const app = await createServer(runtime, {
    embedLocalKeys: false,
    ...(options.logger ? { logger: options.logger } : {}),
  })
  return { app, runtime, keys: runtime.keys, close: () => runtime.close() }
}

/** One chat turn through POST /api/chat as the given key (the specialist's by default): a typed
 *  message, or a confirm / cancel button's token. */
export async function chatTurn(
  t: TestApp,
  message: string | { confirm: string } | { cancel: string } | { correct: Correction },
  sessionId?: string,
  key = t.keys.specialist,
): Promise<ChatResponse> {
  const turn = typeof message === 'string' ? { message } : message
  const res = await t.app.request('/api/chat', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...turn, ...(sessionId ? { sessionId } : {}) }),
  })
  if (res.status !== 200) throw new Error(`POST /api/chat answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as ChatResponse
}

/** One conversation's turns in order, in one session; the last response. */
export async function converse(t: TestApp, ...turns: string[]): Promise<ChatResponse> {
  let sessionId: string | undefined
  let last: ChatResponse | undefined
  for (const m of turns) {
    last = await chatTurn(t, m, sessionId)
    sessionId = last.sessionId
  }
  if (!last) throw new Error('converse needs at least one turn')
  return last
}

/** The token of the response's confirm button (the test fails when there is none). */
export function confirmToken(r: ChatResponse): string {
  const action = r.actions.find((a) => a.kind === 'confirm')
  if (action?.kind !== 'confirm') throw new Error(`no proposal to confirm in: ${r.reply.slice(-300)}`)
  return action.token
}

/**
 * The app on an invented ledger for the tests of one file, opened before them and closed after them:
 * `resolve(...turns)` is the investigation the turns end in (or the start of the reply where there is
 * none), `app()` the app for anything else.
 */
export function chatOnLedger(options: Parameters<typeof createTestApp>[0]) {
  let t: TestApp | undefined
  beforeAll(async () => {
    t = await createTestApp(options)
  })
  afterAll(async () => {
    await t?.close()
  })
  const app = (): TestApp => {
    if (!t) throw new Error('the app opens before the tests')
    return t
  }
  return {
    app,
    resolve: async (...turns: string[]) => {
      const r = await converse(app(), ...turns)
      return r.resolution ?? { reply: r.reply.slice(0, 300) }
    },
  }
}
