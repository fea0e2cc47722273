/**
 * The Hono app: chat, REST reads and writes over the tool registry, health. Web-standard only, so
 * the same app runs on Node and on Workers; the composition root injects everything it needs.
 */
import { type Context, Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import { parseLedger } from '../../core/ledger.ts'
import { type Actor, type ApiKeyRecord, actorOfKey } from '../../services/ports.ts'
import type { Services } from '../../services/services.ts'
import { callTool, type ToolContext, type ToolSpec, toolByName } from '../../../tools/index.ts'
import { type ChatEvent, ChatRequest, type Engine } from '../agent/chat-types.ts'
import { inboundRoutes } from './inbound-routes.ts'
import { keysRoutes } from './keys-routes.ts'
import { type NotificationDeps, notificationRoutes } from './notification-routes.ts'
import { customerMayCall, portalRoutes } from './portal-routes.ts'
import { reportRoutes } from './report-routes.ts'
import type { RenderPdf } from '../pdf/chromium-pdf.ts'
import { errorResponse, queryInput, readJson, tooManyRequests, zodError } from './errors.ts'
import { hostGuard, peerAddress } from './host-guard.ts'
import { LEAD_ROLES } from './lead-roles.ts'
import {
  API_BODY_LIMIT,
  DEFAULT_LIMITS,
  type HttpLimits,
  idParam,
  limitBody,
  PageQuery,
  tooLarge,
  unstorableInput,
} from './limits.ts'
import { createRateLimiter, type RateLimiter } from './rate-limit.ts'
import { type Logger, requestLog } from './request-log.ts'
import { apiSecureHeaders, pageHeaders } from './security-headers.ts'

export interface AppDeps {
  services: Services
  engine: Engine
  /** The assistant's today, "YYYY-MM-DD". */
  today: () => string
  corsOrigins: readonly string[]
  /** Sub-apps mounted at the root (web pages) and at /mcp, built by the composition root. */
  web?: Hono
  mcp?: Hono
  newSessionId?: () => string
  /** Host names accepted besides loopback (the bound host and DISPUTE_DESK_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[]
  limits?: HttpLimits
  /** Failed key checks per client address; shared with the MCP endpoint by the composition root. */
  authFailures?: RateLimiter
  /** The clock of the rate limits (tests pass a fixed one). */
  now?: () => number
  /** Request logs and server errors; absent (tests), errors go to stderr and requests are not logged. */
  logger?: Logger
  /** The notification outbox: its delivery log, a failed delivery's retry, today's digest (/api/notifications). */
  notifications?: NotificationDeps
  /** Prints the management report to PDF; absent, headless Chromium is loaded when a PDF is asked for. */
  renderPdf?: RenderPdf
}

type Env = { Variables: { actor: Actor; key: ApiKeyRecord } }

export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>()
  const { services } = deps
  const newSessionId = deps.newSessionId ?? (() => crypto.randomUUID())
  const limits = deps.limits ?? DEFAULT_LIMITS
  const now = deps.now ?? Date.now
  const authFailures =
    deps.authFailures ??
    createRateLimiter(services.store.rateLimits, { name: 'auth', perMinute: limits.authFailuresPerMinute, now })
  const chatTurns = createRateLimiter(services.store.rateLimits, { name: 'chat', perMinute: limits.chatPerMinute, now })

  const logError = (c: Context, error: unknown, where: string) => {
    if (deps.logger)
      deps.logger.error({ err: error, requestId: (c.var as { requestId?: string }).requestId, where }, 'failed')
    else console.error(`[${where}]`, error)
  }

  if (deps.logger) app.use('*', ...requestLog(deps.logger))

  app.onError((error, c) => {
    // A library's 4xx (a body it cannot read, a transport's protocol check) stays a 4xx.
    if (error instanceof HTTPException && error.status < 500) return error.getResponse()
    logError(c, error, 'http')
    return errorResponse(c, { code: 'internal_error', message: 'Something went wrong on the server; it was logged.' })
  })
  app.notFound((c) =>
    errorResponse(c, { code: 'not_found', message: `No route ${c.req.method} ${c.req.path.slice(0, 200)}` }),
  )

  // Before anything else: a name we do not serve is a DNS-rebinding attempt or a misconfiguration.
  app.use(
    '*',
    hostGuard(deps.allowedHosts ?? [], (c) =>
      errorResponse(c, {
        code: 'host_not_allowed',
        message: 'This Host is not served here; add it to DISPUTE_DESK_ALLOWED_HOSTS.',
        field: 'Host',
      }),
    ),
  )
  app.use('*', apiSecureHeaders)

  app.use(
    '/api/*',
    cors({
      origin: (origin) => (deps.corsOrigins.includes('*') || deps.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  )

  app.get('/health', async (c) => {
    const company = await services.store.ledger.company()
    return c.json({ status: 'ok', engine: deps.engine.name, company: company.name, today: deps.today() })
  })

  // The API's description is public (before the key check): it holds no data. It is loaded on the
  // first request for it, not at start: with the MCP SDK's message schemas it describes, ~50 ms.
  const docs = () => import('./openapi.ts')
  app.get('/api/openapi.json', async (c) => c.json((await docs()).openApiDocument()))
  app.get('/api/docs', async (c) => {
    const { referencePage, REFERENCE_PAGE_CSP } = await docs()
    return c.html(referencePage(), 200, pageHeaders(REFERENCE_PAGE_CSP))
  })

  app.use('/api/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? ''
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
    if (!token) {
      return errorResponse(c, { code: 'unauthorized', message: 'Send an API key: "Authorization: Bearer <key>".' })
    }
    // Too many wrong keys from one address: refuse before even checking this one.
    const client = peerAddress(c) ?? 'unknown'
    const blocked = await authFailures.peek(client)
    if (!blocked.ok)
      return tooManyRequests(c, blocked.retryAfterSeconds, 'Too many invalid API keys from this address.')
    const key = token.length <= 200 && !token.includes('\u0000') ? await services.store.apiKeys.verify(token) : null
    if (!key) {
      // Over the budget (counted across instances), a wrong key gets no verdict either.
      const spent = await authFailures.take(client)
      if (!spent.ok) return tooManyRequests(c, spent.retryAfterSeconds, 'Too many invalid API keys from this address.')
      return errorResponse(c, { code: 'unauthorized', message: 'That API key is not valid.' })
    }
    c.set('key', key)
    c.set('actor', actorOfKey(key))
    return next()
  })

  // A customer key reaches its portal and the ledger reads scoped to its customer, nothing else.
  app.use('/api/*', async (c, next) => {
    if (c.get('actor').role !== 'customer' || customerMayCall(c.req.method, c.req.path)) return next()
    return errorResponse(c, {
      code: 'forbidden',
      message: `${c.req.method} ${c.req.path.slice(0, 200)} is for the AR team; a customer key uses /api/portal.`,
      field: 'role',
    })
  })

  // After the key check, so nobody unknown makes us read a body; the import takes a ledger, the rest are small.
  const apiBody = limitBody(API_BODY_LIMIT, (c, max) => errorResponse(c, tooLarge(max)))
  const importBody = limitBody(limits.importBodyBytes, (c, max) => errorResponse(c, tooLarge(max)))
  // A customer's email (with its attachments) may be as large as an import.
  const large = new Set(['/api/import', '/api/inbound/email'])
  app.use('/api/*', (c, next) => (large.has(c.req.path) ? importBody(c, next) : apiBody(c, next)))

  // Chat turns run the engine: a budget per key ("/api/chat/*" matches /api/chat itself too).
  app.use('/api/chat/*', async (c, next) => {
    const turn = await chatTurns.take(c.get('key').id)
    if (!turn.ok) return tooManyRequests(c, turn.retryAfterSeconds, 'Too many chat turns for this API key.')
    return next()
  })

  /**
   * The server issues session ids and binds each to the key that opened it: an id it never issued,
   * or another key's, is "not found" (not "forbidden", which would confirm that it exists).
   */
  const chatSession = async (
    c: Context<Env>,
    requested: string | undefined,
  ): Promise<{ ok: true; id: string } | { ok: false; response: Response }> => {
    const key = c.get('key')
    if (requested === undefined) {
      const id = newSessionId()
      await services.store.conversations.open(id, key.id, c.get('actor'))
      return { ok: true, id }
    }
    if ((await services.store.conversations.ownerOf(requested)) === key.id) return { ok: true, id: requested }
    return {
      ok: false,
      response: errorResponse(c, {
        code: 'session_not_found',
        message: 'No conversation with this sessionId for this API key; leave sessionId out to start a new one.',
        field: 'sessionId',
      }),
    }
  }

  const ctxOf = (actor: Actor, key: ApiKeyRecord): ToolContext => ({
    services,
    actor,
    today: deps.today(),
    readOnly: key.readOnly,
  })

  /** REST routes are thin: each one calls a tool, so HTTP, MCP and the agent share one code path. */
  const runTool = async (c: import('hono').Context<Env>, name: string, input: unknown) => {
    const spec = toolByName(name) as ToolSpec
    // Path and query values reach the tool unparsed: refuse what the database cannot store.
    const unstorable = unstorableInput(input)
    if (unstorable) return errorResponse(c, unstorable)
    const r = await callTool(spec, input, ctxOf(c.get('actor'), c.get('key')))
    return r.ok ? c.json(r.value as object) : errorResponse(c, r.error)
  }

  app.get('/api/me', (c) => c.json(c.get('actor')))

  /** The typed message or the button pressed, and whether the key may change anything. */
  const turnOf = (body: ChatRequest, key: ApiKeyRecord) => ({
    message: body.message ?? '',
    readOnly: key.readOnly,
    ...(body.confirm ? { confirm: body.confirm } : {}),
    ...(body.cancel ? { cancel: body.cancel } : {}),
    ...(body.correct ? { correct: body.correct } : {}),
  })

  app.post('/api/chat', async (c) => {
    const body = await readJson(c, ChatRequest)
    if (!body.ok) return body.response
    const session = await chatSession(c, body.value.sessionId)
    if (!session.ok) return session.response
    const response = await deps.engine.turn({
      ...turnOf(body.value, c.get('key')),
      sessionId: session.id,
      actor: c.get('actor'),
      today: deps.today(),
    })
    return c.json(response)
  })

  app.post('/api/chat/stream', async (c) => {
    const body = await readJson(c, ChatRequest)
    if (!body.ok) return body.response
    const session = await chatSession(c, body.value.sessionId)
    if (!session.ok) return session.response
    const actor = c.get('actor')
    return streamSSE(c, async (stream) => {
      const send = (event: ChatEvent) => {
        const { type, ...data } = event
        void stream.writeSSE({ event: type, data: JSON.stringify(data) })
      }
      try {
        const response = await deps.engine.turn(
          { ...turnOf(body.value, c.get('key')), sessionId: session.id, actor, today: deps.today() },
          send,
        )
        await stream.writeSSE({ event: 'done', data: JSON.stringify(response) })
      } catch (error) {
        logError(c, error, 'chat/stream')
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({
            code: 'internal_error',
            message: 'The assistant failed on this turn; it was logged.',
          }),
        })
      }
    })
  })

  app.get('/api/invoices', (c) => runTool(c, 'find_invoices', queryInput(c)))
  app.get('/api/invoices/:number', (c) => runTool(c, 'get_invoice', { invoiceNumber: c.req.param('number') }))
  app.get('/api/customers', (c) => runTool(c, 'find_customer', queryInput(c)))
  app.get('/api/disputes', (c) => runTool(c, 'list_disputes', queryInput(c)))
  app.get('/api/disputes/:id', async (c) => {
    const param = idParam(c, 'id')
    if (!param.ok) return errorResponse(c, param.error)
    const id = param.value
    const dispute = await services.store.disputes.get(id)
    if (!dispute) return errorResponse(c, { code: 'dispute_not_found', message: `No dispute ${id}.`, field: 'id' })
    const [{ events, chain }, similar] = await Promise.all([
      services.store.disputes.eventsVerified(dispute.id),
      services.similar.search({
        text: dispute.description,
        customerId: dispute.customerId,
        reasonCode: dispute.reasonCode,
        excludeId: dispute.id,
        limit: 5,
      }),
    ])
    return c.json({ dispute, events, chain, similar })
  })
  app.post('/api/disputes/:id/notes', async (c) => {
    const body = await readJson(c, z.object({ note: z.string() }))
    if (!body.ok) return body.response
    return runTool(c, 'add_dispute_note', { disputeId: c.req.param('id'), note: body.value.note })
  })
  app.post('/api/disputes/:id/status', async (c) => {
    const body = await readJson(c, z.object({ status: z.string(), why: z.string() }))
    if (!body.ok) return body.response
    return runTool(c, 'update_dispute', { disputeId: c.req.param('id'), ...body.value })
  })
  app.post('/api/disputes/:id/resolve', async (c) => {
    const body = await readJson(c, z.object({ outcome: z.string() }))
    if (!body.ok) return body.response
    return runTool(c, 'resolve_dispute', { disputeId: c.req.param('id'), outcome: body.value.outcome })
  })
  app.post('/api/disputes/:id/credit-memos', async (c) => {
    const body = await readJson(c, z.record(z.string(), z.unknown()))
    if (!body.ok) return body.response
    const idempotencyKey = c.req.header('Idempotency-Key')
    return runTool(c, 'request_credit_memo', {
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...body.value,
      disputeId: c.req.param('id'),
    })
  })
  app.get('/api/credit-memos', async (c) => {
    const q = c.req.query()
    const status = z.enum(['pending', 'approved', 'rejected', 'issued']).optional().safeParse(q.status)
    if (!status.success) {
      return errorResponse(c, {
        code: 'invalid_input',
        message: 'status: one of pending, approved, rejected, issued',
        field: 'status',
      })
    }
    const page = PageQuery.safeParse(q)
    if (!page.success) return errorResponse(c, zodError(page.error))
    return c.json(
      await services.store.creditMemos.list({ ...(status.data ? { status: status.data } : {}), ...page.data }),
    )
  })
  app.post('/api/credit-memos/:id/decision', async (c) => {
    const body = await readJson(c, z.record(z.string(), z.unknown()))
    if (!body.ok) return body.response
    return runTool(c, 'decide_credit_memo', { ...body.value, requestId: c.req.param('id') })
  })
  // The registry over HTTP: the dashboard's worklist and dispute page act through the same tools as chat.
  app.post('/api/tools/:name', async (c) => {
    const name = c.req.param('name')
    if (!toolByName(name))
      return errorResponse(c, {
        code: 'unknown_tool',
        message: `There is no tool ${name.slice(0, 100)}.`,
        field: 'name',
      })
    const body = await readJson(c, z.record(z.string(), z.unknown()))
    if (!body.ok) return body.response
    return runTool(c, name, body.value)
  })

  app.get('/api/aging', (c) => runTool(c, 'aging_report', queryInput(c)))
  app.get('/api/aging.csv', async (c) => {
    const spec = toolByName('aging_report') as ToolSpec
    const r = await callTool(spec, { ...queryInput(c), includeCsv: true }, ctxOf(c.get('actor'), c.get('key')))
    if (!r.ok) return errorResponse(c, r.error)
    const csv = (r.value as { csv: string }).csv
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="aging-${deps.today()}.csv"`,
    })
  })
  app.get('/api/trends', (c) => runTool(c, 'dispute_trends', queryInput(c)))
  app.get('/api/insights', (c) => runTool(c, 'dispute_insights', queryInput(c)))

  // Eval runs are the leads' instrument (the dashboard's Evals view).
  app.use('/api/evals/*', async (c, next) => {
    if (!LEAD_ROLES.includes(c.get('actor').role)) {
      return errorResponse(c, { code: 'forbidden', message: 'Eval runs are for the lead role.' })
    }
    return next()
  })
  app.get('/api/evals/runs', async (c) => {
    const page = PageQuery.safeParse(c.req.query())
    if (!page.success) return errorResponse(c, zodError(page.error))
    return c.json(await services.store.evalRuns.list(page.data))
  })
  app.get('/api/evals/runs/:id', async (c) => {
    const param = idParam(c, 'id')
    if (!param.ok) return errorResponse(c, param.error)
    const run = await services.store.evalRuns.get(param.value)
    return run ? c.json(run) : errorResponse(c, { code: 'not_found', message: 'No such eval run.', field: 'id' })
  })

  app.post('/api/import', async (c) => {
    const actor = c.get('actor')
    if (!LEAD_ROLES.includes(actor.role)) {
      return errorResponse(c, { code: 'forbidden', message: 'Importing a ledger needs the lead role.' })
    }
    if (c.get('key').readOnly) return errorResponse(c, { code: 'read_only', message: 'This key is read-only.' })
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return errorResponse(c, { code: 'invalid_json', message: 'the body is not valid JSON' })
    }
    const unstorable = unstorableInput(body)
    if (unstorable) return errorResponse(c, unstorable)
    const parsed = parseLedger(body)
    if (!parsed.ok) {
      return c.json(
        {
          error: {
            code: 'invalid_ledger',
            message: `${parsed.errors.length} problem(s) in the ledger`,
            errors: parsed.errors,
          },
        },
        422,
      )
    }
    const r = await services.store.imports.importLedger(parsed.ledger, actor)
    if (!r.ok) return errorResponse(c, r.error)
    // Past disputes that came with the ledger are precedents from now on, not after a restart.
    const indexed = (await services.similar.indexPastDisputes?.()) ?? 0
    // A payment that short-paid an invoice opens its dispute now (DOMAIN.md, Deductions).
    const deductions = await services.deductions.open(actor, { today: deps.today() })
    return c.json({
      ...r.value,
      indexedForSearch: indexed,
      deductions: { opened: deductions.opened, failed: deductions.failed, alreadyOpen: deductions.alreadyOpen },
    })
  })

  app.route('/api/keys', keysRoutes(services.store.apiKeys, services.store.ledger))
  app.route('/api/inbound', inboundRoutes(services, deps.today))
  if (deps.notifications) app.route('/api/notifications', notificationRoutes(deps.notifications))
  app.route('/api/portal', portalRoutes(runTool))
  app.route(
    '/api/reports',
    reportRoutes({
      context: ctxOf,
      companyName: async () => (await services.store.ledger.company()).name,
      ...(deps.renderPdf ? { renderPdf: deps.renderPdf } : {}),
    }),
  )
  if (deps.mcp) app.route('/mcp', deps.mcp)
  if (deps.web) app.route('/', deps.web)
  return app
}
