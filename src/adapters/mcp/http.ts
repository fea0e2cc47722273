/**
 * Streamable HTTP for MCP, as a Hono sub-app the composition root mounts at /mcp beside the REST
 * API. Order of checks: Host and Origin (DNS rebinding), then the bearer API key (same keys and
 * roles as REST), then the session: a row in the database (store.mcpSessions) bound to the key that
 * opened it, removed on DELETE or after sitting idle, so any instance on the same PostgreSQL serves
 * it. The instance that opened a session keeps its transport and server (a client's answer to an
 * elicitation comes back to them); another instance serves each request with a one-request server
 * on a stateless transport (no elicitation there: a change then needs `confirm: true`, as for a
 * client without elicitation). Abuse limits: a 1 MB body, a budget of failed keys per client address
 * and of requests per key (both counted in the database), and a few sessions per key (the key's
 * longest-idle session makes way for a new one).
 */
import { StreamableHTTPTransport } from '@hono/mcp'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { hostAllowed, originAllowed, peerAddress, requestHost } from '../http/host-guard.ts'
import { DEFAULT_LIMITS, limitBody, MCP_BODY_LIMIT } from '../http/limits.ts'
import { createRateLimiter, type RateLimiter } from '../http/rate-limit.ts'
import type { ApiKeyRecord } from '../../services/ports.ts'
import { callerOfKey } from './caller.ts'
import { createMcpServer, type McpDeps } from './server.ts'

export interface McpHttpDeps extends McpDeps {
  /** Extra Host names accepted besides localhost, 127.0.0.1 and ::1 (config.allowedHosts). */
  allowedHosts?: readonly string[]
  /** Browser origins accepted besides local ones (config.corsOrigins). */
  allowedOrigins?: readonly string[]
  /** Sessions idle longer than this are closed. Default 30 minutes. */
  idleMs?: number
  /** Sessions this instance holds transports for. Default 1000. */
  maxSessions?: number
  /** Sessions one key may hold; opening one more closes that key's longest-idle session. Default 8. */
  maxSessionsPerKey?: number
  /** Requests per minute per key. Default 600. */
  perMinute?: number
  /** Failed key checks per client address, shared with the REST API. Default 10 a minute. */
  authFailures?: RateLimiter
  now?: () => number
  newSessionId?: () => string
}

interface Session {
  transport: StreamableHTTPTransport
  server: McpServer
  lastSeen: number
}

const rpcError = (
  c: Context,
  status: 400 | 401 | 403 | 404 | 405 | 413 | 429,
  code: number,
  message: string,
  headers?: Record<string, string>,
) => c.json({ jsonrpc: '2.0', error: { code, message }, id: null }, status, headers)

export function createMcpHttp(deps: McpHttpDeps): Hono {
  const app = new Hono()
  /** The sessions this instance opened: their transports and servers. The database says which are live. */
  const sessions = new Map<string, Session>()
  const rows = deps.services.store.mcpSessions
  const hosts = deps.allowedHosts ?? []
  const origins = deps.allowedOrigins ?? []
  const idleMs = deps.idleMs ?? 30 * 60_000
  const maxSessions = deps.maxSessions ?? 1000
  const maxPerKey = deps.maxSessionsPerKey ?? DEFAULT_LIMITS.mcpSessionsPerKey
  const now = deps.now ?? Date.now
  const newSessionId = deps.newSessionId ?? (() => crypto.randomUUID())
  const counters = deps.services.store.rateLimits
  const authFailures =
    deps.authFailures ??
    createRateLimiter(counters, { name: 'auth', perMinute: DEFAULT_LIMITS.authFailuresPerMinute, now })
  const requests = createRateLimiter(counters, {
    name: 'mcp',
    perMinute: deps.perMinute ?? DEFAULT_LIMITS.mcpPerMinute,
    now,
  })
  const tooMany = (c: Context, seconds: number, why: string) =>
    rpcError(c, 429, -32000, `${why} Retry in ${seconds} s.`, { 'Retry-After': String(seconds) })

  /** Lets go of this instance's transport and server for a session (its row is the caller's business). */
  const release = async (id: string) => {
    const s = sessions.get(id)
    if (!s) return
    sessions.delete(id)
    await s.server.close().catch((error) => console.error('[mcp] closing session', error))
  }

  const closeSession = async (id: string) => {
    await rows.close(id)
    await release(id)
  }

  /** Idle here, or closed by another instance and never used here again: memory is not held for it. */
  const sweep = async () => {
    const cutoff = now() - idleMs
    for (const [id, s] of sessions) if (s.lastSeen < cutoff) await release(id)
  }

  /** The transport's own protocol checks throw 4xx HTTPExceptions: they stay 4xx, with its JSON-RPC body. */
  const handle = async (transport: StreamableHTTPTransport, c: Context, body?: unknown) => {
    try {
      return (await transport.handleRequest(c, body)) ?? c.body(null, 202)
    } catch (error) {
      if (error instanceof HTTPException && error.status < 500) return error.getResponse()
      throw error
    }
  }

  /** A session another instance opened: this request gets its own server on a stateless transport. */
  const serveElsewhereOpened = async (c: Context, key: ApiKeyRecord, sessionId: string) => {
    if (c.req.method === 'DELETE') {
      await closeSession(sessionId)
      return c.body(null, 200)
    }
    // A standing stream of server messages belongs to the instance that opened the session.
    if (c.req.method === 'GET') return rpcError(c, 405, -32000, 'No server-message stream on this instance.')
    const server = createMcpServer(deps, callerOfKey(key))
    const transport = new StreamableHTTPTransport({ sessionIdGenerator: undefined })
    await server.connect(transport)
    c.header('mcp-session-id', sessionId)
    // Nothing outlives the request: server and transport are collected with it.
    return handle(transport, c)
  }

  app.use(
    '/',
    limitBody(MCP_BODY_LIMIT, (c, max) =>
      rpcError(c, 413, -32000, `The body is larger than ${max.toLocaleString('en-US')} bytes.`),
    ),
  )

  app.all('/', async (c) => {
    if (!hostAllowed(requestHost(c), hosts)) {
      return rpcError(c, 403, -32000, 'Host not allowed; add it to DISPUTE_DESK_ALLOWED_HOSTS.')
    }
    if (!originAllowed(c.req.header('Origin'), hosts, origins)) {
      return rpcError(c, 403, -32000, 'Origin not allowed; add it to DISPUTE_DESK_CORS_ORIGINS.')
    }
    const token = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]?.trim()
    const client = peerAddress(c) ?? 'unknown'
    if (token) {
      const blocked = await authFailures.peek(client)
      if (!blocked.ok) return tooMany(c, blocked.retryAfterSeconds, 'Too many invalid API keys from this address.')
    }
    const key =
      token && token.length <= 200 && !token.includes('\u0000') ? await deps.services.store.apiKeys.verify(token) : null
    if (!key) {
      // Over the budget (counted across instances), a wrong key gets no verdict either.
      const spent = token ? await authFailures.take(client) : ({ ok: true } as const)
      if (!spent.ok) return tooMany(c, spent.retryAfterSeconds, 'Too many invalid API keys from this address.')
      return rpcError(
        c,
        401,
        -32001,
        token ? 'That API key is not valid.' : 'Send an API key: "Authorization: Bearer <key>".',
        { 'WWW-Authenticate': 'Bearer realm="dispute-desk"' },
      )
    }

    const budget = await requests.take(key.id)
    if (!budget.ok) return tooMany(c, budget.retryAfterSeconds, 'Too many MCP requests for this API key.')
    // MCP's resources read the whole ledger: a customer key uses the portal instead.
    if (key.role === 'customer') return rpcError(c, 403, -32001, 'A customer key uses the portal (/portal), not MCP.')

    const sessionId = c.req.header('mcp-session-id')
    if (sessionId) {
      const t = now()
      const owner = sessionId.length <= 200 ? await rows.touch(sessionId, key.id, t, t - idleMs) : null
      if (!owner) {
        await release(sessionId)
        return rpcError(c, 404, -32001, 'Session not found or expired; initialize a new one.')
      }
      // A session id is not a credential: only the key that opened the session may use it.
      if (owner !== key.id) return rpcError(c, 403, -32001, 'This session belongs to another API key.')
      const session = sessions.get(sessionId)
      if (!session) return serveElsewhereOpened(c, key, sessionId)
      session.lastSeen = t
      return handle(session.transport, c)
    }

    if (c.req.method !== 'POST') return rpcError(c, 400, -32000, 'Send mcp-session-id, or POST initialize first.')
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return rpcError(c, 400, -32700, 'Parse error: the body is not valid JSON.')
    }
    if (!isInitializeRequest(body)) {
      return rpcError(c, 400, -32000, 'No session: the first request must be initialize.')
    }
    await sweep()
    if (sessions.size >= maxSessions) return tooMany(c, 60, 'Too many open MCP sessions on this server.')

    const server = createMcpServer(deps, callerOfKey(key))
    const transport: StreamableHTTPTransport = new StreamableHTTPTransport({
      sessionIdGenerator: newSessionId,
      onsessioninitialized: async (id) => {
        const t = now()
        // The key's longest-idle sessions make way, whichever instance opened them.
        const dropped = await rows.open({ id, keyId: key.id, now: t }, { perKey: maxPerKey, idleBefore: t - idleMs })
        for (const old of dropped) await release(old)
        sessions.set(id, { transport, server, lastSeen: t })
      },
      onsessionclosed: (id) => closeSession(id),
    })
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId)
    }
    await server.connect(transport)
    const response = await handle(transport, c, body)
    // Refused before it began (a protocol check): no session to keep.
    if (!transport.sessionId || !sessions.has(transport.sessionId)) {
      if (response.status >= 400) await server.close().catch(() => undefined)
    }
    return response
  })

  return app
}
