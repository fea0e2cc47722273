/**
 * The whole HTTP surface of a runtime: the API, the MCP endpoint and the web pages, in one Hono app.
 * `npm start` serves it; tests call it in-process.
 */
import { Hono } from 'hono'
import type { Logger } from './adapters/http/request-log.ts'
import { createApp } from './adapters/http/app.ts'
import { allowedHostNames } from './adapters/http/host-guard.ts'
import { createRateLimiter } from './adapters/http/rate-limit.ts'
import { createWebRoutes, type WebRoutesOptions } from './adapters/http/web-routes.ts'
import { listDeliveries } from './adapters/notify/outbox.ts'
import type { McpHttpDeps } from './adapters/mcp/http.ts'
import type { Runtime } from './runtime.ts'

export interface ServerOptions {
  /**
   * Embed the local keys in the demo page and dashboard (only for a server bound to loopback); even
   * then only a request with a loopback Host from a loopback peer sees them.
   */
  embedLocalKeys: boolean
  /** Prebuilt web bundles (tests share one build). */
  bundles?: WebRoutesOptions['bundles']
  /** The clock of the rate limits (tests pass one they move by hand). */
  now?: () => number
  /** Request logs (`npm start` passes one at config.logLevel; tests pass none, or their own). */
  logger?: Logger
}

export async function createServer(runtime: Runtime, options: ServerOptions): Promise<Hono> {
  const { config, services, engine, prompts, today } = runtime
  const company = await services.store.ledger.company()
  const keys = options.embedLocalKeys ? runtime.keys : null
  const web = createWebRoutes({
    companyName: company.name,
    ...(keys ? { demoApiKey: keys.specialist, leadApiKey: keys.lead } : {}),
    ...(options.bundles ? { bundles: options.bundles } : {}),
  })
  const allowedHosts = allowedHostNames(config.host, config.allowedHosts)
  const { limits } = config
  // One budget of wrong keys per client address, whether they were tried on /api or on /mcp.
  const now = options.now ?? Date.now
  const authFailures = createRateLimiter(services.store.rateLimits, {
    name: 'auth',
    perMinute: limits.authFailuresPerMinute,
    now,
  })
  const prebuilt = options.bundles
  const mcp = lazyMcp({
    services,
    today,
    persona: prompts.persona,
    allowedHosts,
    allowedOrigins: config.corsOrigins,
    authFailures,
    perMinute: limits.mcpPerMinute,
    maxSessionsPerKey: limits.mcpSessionsPerKey,
    now,
    // The Worker's prebuilt card; on Node the MCP adapter builds it on the first read.
    ...(prebuilt ? { appPages: { disputeCardHtml: async () => (await prebuilt).disputeCardHtml } } : {}),
  })
  return createApp({
    services,
    engine,
    today,
    corsOrigins: config.corsOrigins,
    web,
    mcp,
    allowedHosts,
    limits,
    authFailures,
    now,
    notifications: {
      list: (filter) => listDeliveries(runtime.db, filter),
      retry: (id) => runtime.notifier.retry(id),
      digestPreview: () => runtime.notifier.digestPreview(),
    },
    ...(options.logger ? { logger: options.logger } : {}),
  }) as unknown as Hono
}

/**
 * /mcp with the MCP SDK loaded on its first request, so start-up does not pay for it. Its errors
 * reach the app's own error handler, as when it is mounted directly.
 */
function lazyMcp(deps: McpHttpDeps): Hono {
  let mounted: Promise<Hono> | undefined
  const mount = async () => {
    const { createMcpHttp } = await import('./adapters/mcp/http.ts')
    const outer = new Hono().route('/mcp', createMcpHttp(deps))
    outer.onError((error) => {
      throw error
    })
    return outer
  }
  return new Hono().all('/', async (c) => {
    mounted ??= mount()
    return (await mounted).fetch(c.req.raw, c.env)
  })
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])
export const isLoopback = (host: string): boolean => LOOPBACK.has(host)
