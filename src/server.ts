/**
 * The whole HTTP surface of a runtime: the API, the MCP endpoint and the web pages, in one Hono app.
 * `npm start` serves it; tests call it in-process.
 */
import type { Hono } from 'hono'
import { createApp } from './adapters/http/app.ts'
import { createWebRoutes, type WebRoutesOptions } from './adapters/http/web-routes.ts'
import { createMcpHttp } from './adapters/mcp/http.ts'
import type { Runtime } from './runtime.ts'

export interface ServerOptions {
  /** Embed the local keys in the demo page and dashboard (only for a server bound to loopback). */
  embedLocalKeys: boolean
  /** Prebuilt web bundles (tests share one build). */
  bundles?: WebRoutesOptions['bundles']
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
  const mcp = createMcpHttp({
    services,
    today,
    persona: prompts.persona,
    allowedHosts: config.allowedHosts,
    allowedOrigins: config.corsOrigins,
  })
  return createApp({ services, engine, today, corsOrigins: config.corsOrigins, web, mcp }) as unknown as Hono
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])
export const isLoopback = (host: string): boolean => LOOPBACK.has(host)
