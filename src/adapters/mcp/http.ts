/**
 * Streamable HTTP for MCP, as a Hono sub-app the composition root mounts at /mcp beside the REST
 * API. Order of checks: Host and Origin (DNS rebinding), then the bearer API key (same keys and
 * roles as REST), then the session: one transport and one server per session, bound to the key
 * that opened it, removed on DELETE, on close, or after sitting idle.
 */
import { StreamableHTTPTransport } from '@hono/mcp'
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js'
import { type Context, Hono } from 'hono'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { callerOfKey } from './caller.ts'
import { createMcpServer, type McpDeps } from './server.ts'

export interface McpHttpDeps extends McpDeps {
  /** Extra Host names accepted besides localhost, 127.0.0.1 and ::1 (config.allowedHosts). */
  allowedHosts?: readonly string[]
  /** Browser origins accepted besides local ones (config.corsOrigins). */
  allowedOrigins?: readonly string[]
  /** Sessions idle longer than this are closed when the next session opens. Default 30 minutes. */
  idleMs?: number
  maxSessions?: number
  now?: () => number
  newSessionId?: () => string
}

interface Session {
  transport: StreamableHTTPTransport
  server: McpServer
  keyId: string
  lastSeen: number
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1']

/** "example.com:8787" → "example.com"; "[::1]:8787" → "[::1]". */
const hostnameOf = (host: string): string =>
  (host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '')).toLowerCase()

function hostAllowed(host: string | undefined, extra: readonly string[]): boolean {
  if (!host) return false
  const name = hostnameOf(host)
  return (
    LOCAL_HOSTS.includes(name) || extra.some((h) => h.toLowerCase() === host.toLowerCase() || h.toLowerCase() === name)
  )
}

function originAllowed(origin: string | undefined, hosts: readonly string[], origins: readonly string[]): boolean {
  // Desktop clients and SDKs send no Origin; browsers always do, and that is where rebinding comes from.
  if (!origin) return true
  if (origins.includes(origin)) return true
  try {
    return hostAllowed(new URL(origin).host, hosts)
  } catch {
    return false
  }
}

const rpcError = (
  c: Context,
  status: 400 | 401 | 403 | 404,
  code: number,
  message: string,
  headers?: Record<string, string>,
) => c.json({ jsonrpc: '2.0', error: { code, message }, id: null }, status, headers)

export function createMcpHttp(deps: McpHttpDeps): Hono {
  const app = new Hono()
  const sessions = new Map<string, Session>()
  const hosts = deps.allowedHosts ?? []
  const origins = deps.allowedOrigins ?? []
  const idleMs = deps.idleMs ?? 30 * 60_000
  const maxSessions = deps.maxSessions ?? 1000
  const now = deps.now ?? Date.now
  const newSessionId = deps.newSessionId ?? (() => crypto.randomUUID())

  const closeSession = async (id: string) => {
    const s = sessions.get(id)
    if (!s) return
    sessions.delete(id)
    await s.server.close().catch((error) => console.error('[mcp] closing session', error))
  }

  const sweep = async () => {
    const cutoff = now() - idleMs
    for (const [id, s] of sessions) if (s.lastSeen < cutoff) await closeSession(id)
  }

  app.all('/', async (c) => {
    if (!hostAllowed(c.req.header('Host'), hosts)) {
      return rpcError(c, 403, -32000, 'Host not allowed; add it to DISPUTE_DESK_ALLOWED_HOSTS.')
    }
    if (!originAllowed(c.req.header('Origin'), hosts, origins)) {
      return rpcError(c, 403, -32000, 'Origin not allowed; add it to DISPUTE_DESK_CORS_ORIGINS.')
    }
    const token = /^Bearer\s+(.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]?.trim()
    const key = token ? await deps.services.store.apiKeys.verify(token) : null
    if (!key) {
      return rpcError(
        c,
        401,
        -32001,
        token ? 'That API key is not valid.' : 'Send an API key: "Authorization: Bearer <key>".',
        { 'WWW-Authenticate': 'Bearer realm="dispute-desk"' },
      )
    }

    const sessionId = c.req.header('mcp-session-id')
    if (sessionId) {
      const session = sessions.get(sessionId)
      if (!session) return rpcError(c, 404, -32001, 'Session not found or expired; initialize a new one.')
      // A session id is not a credential: only the key that opened the session may use it.
      if (session.keyId !== key.id) return rpcError(c, 403, -32001, 'This session belongs to another API key.')
      session.lastSeen = now()
      return session.transport.handleRequest(c)
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
    if (sessions.size >= maxSessions) return rpcError(c, 403, -32000, 'Too many open MCP sessions; try again later.')

    const server = createMcpServer(deps, callerOfKey(key))
    const transport: StreamableHTTPTransport = new StreamableHTTPTransport({
      sessionIdGenerator: newSessionId,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, keyId: key.id, lastSeen: now() })
      },
      onsessionclosed: (id) => {
        void closeSession(id)
      },
    })
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId)
    }
    await server.connect(transport)
    return transport.handleRequest(c, body)
  })

  return app
}
