/**
 * Starts the REAL server for the browser tests: the integrator's test app (createApp over an
 * in-memory database loaded with the example ledger, with a specialist and a lead key) behind a
 * local HTTP port, plus a host page on a second port, i.e. another origin, that embeds the widget.
 *
 * The app comes from src/testing/test-app.ts (`createTestApp`), loaded by path at run time so
 * this file compiles while that helper is being written; if it is absent the tests fail saying so.
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { Runtime } from '../../src/runtime.ts'
import { createWebRoutes } from '../../src/adapters/http/web-routes.ts'
import { buildWebBundles } from '../build.ts'

export interface RunningApp {
  apiOrigin: string
  hostOrigin: string
  keys: { specialist: string; lead: string }
  /** The app's runtime (its database and notification dispatcher), for tests that drive them. */
  runtime: Runtime
  close(): Promise<void>
}

interface TestAppLike {
  app: { fetch(request: Request): Response | Promise<Response> }
  runtime: Runtime
  keys: { specialist: string; lead: string }
  close?: () => Promise<void>
}

/** Environment for the app (e.g. the SMTP server and webhooks a notification test starts). */
export interface RealAppOptions {
  env?: Record<string, string>
}

const HELPER = '../../src/testing/test-app.ts'

async function loadTestApp(corsOrigins: string[], env: Record<string, string>): Promise<TestAppLike> {
  let mod: Record<string, unknown>
  try {
    mod = (await import(HELPER)) as Record<string, unknown>
  } catch (error) {
    throw new Error(
      `The browser tests run against the real app built by createTestApp() in src/testing/test-app.ts, ` +
        `which could not be loaded: ${(error as Error).message}`,
    )
  }
  const create = mod.createTestApp as
    | ((o: { corsOrigins: string[]; env: Record<string, string> }) => Promise<TestAppLike>)
    | undefined
  if (typeof create !== 'function') throw new Error('src/testing/test-app.ts does not export createTestApp')
  const made = await create({ corsOrigins, env })
  if (!made?.app || !made.keys?.specialist || !made.keys?.lead) {
    throw new Error('createTestApp() must return { app, keys: { specialist, lead } }')
  }
  return made
}

export function listen(
  fetch: (r: Request) => Response | Promise<Response>,
): Promise<{ origin: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        origin: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
  })
}

export function hostPage(apiOrigin: string, key: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme AR portal</title></head>
<body><main><h1>Acme accounts receivable portal</h1><p>A page on another origin that embeds the assistant.</p></main>
<script src="${apiOrigin}/widget.js" data-api-key="${key}"></script></body></html>`
}

export async function startRealApp(options: RealAppOptions = {}): Promise<RunningApp> {
  let apiOrigin = ''
  let specialistKey = ''
  const host = new Hono()
  host.get('/', (c) => c.html(hostPage(apiOrigin, specialistKey)))
  const hostServer = await listen(host.fetch)

  const real = await loadTestApp([hostServer.origin], options.env ?? {})
  specialistKey = real.keys.specialist
  const outer = new Hono()
  outer.route('/', createWebRoutes({ demoApiKey: real.keys.specialist, bundles: buildWebBundles() }))
  outer.all('*', (c) => real.app.fetch(c.req.raw))
  const apiServer = await listen(outer.fetch)
  apiOrigin = apiServer.origin
  return {
    apiOrigin,
    hostOrigin: hostServer.origin,
    keys: real.keys,
    runtime: real.runtime,
    close: async () => {
      await Promise.all([apiServer.close(), hostServer.close()])
      await real.close?.()
    },
  }
}

/** A JSON call to the running app with a key: GET without a body, POST with one; a non-2xx answer throws. */
export async function apiCall<T>(server: RunningApp, path: string, key: string, body?: unknown): Promise<T> {
  const r = await fetch(`${server.apiOrigin}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}
