/**
 * The product on Cloudflare Workers (wrangler.toml): the same Hono app as `npm start` — chat API with
 * SSE, REST, MCP over Streamable HTTP, the widget, dashboard and portal — on PostgreSQL through
 * Hyperdrive (binding HYPERDRIVE), configured from the Worker's variables and secrets (the same names
 * as the environment of `npm start`, src/config.ts). Nothing here reads files: the prompts and the web
 * bundles are built by src/worker-build.ts before wrangler bundles this module.
 *
 * A Worker may not use one request's socket in another, so each request gets its own small `pg` pool
 * (Hyperdrive pools the real connections), closed when the response body has been sent; the app, its
 * services and the MCP sessions are built once per isolate over a Db that forwards to the pool of the
 * request in progress. Migrations and indexing are not done here: `npm run migrate` does them. A cron
 * trigger runs the notification dispatcher (emails and signed webhooks) once a minute.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { Duplex } from 'node:stream'
import * as pgCloudflare from 'pg-cloudflare'
import { bundles, prompts } from '#worker-assets'
import type { ExecutionContext, Hono } from 'hono'
import { classifyReason } from './adapters/agent/nlu/index.ts'
import { createNotifier, type Notifier } from './adapters/notify/dispatcher.ts'
import { createSimilarSearch, embedderFromConfig } from './adapters/retrieval/index.ts'
import type { Db } from './adapters/store/db.ts'
import { pgDb } from './adapters/store/pg-db.ts'
import { createStore } from './adapters/store/store.ts'
import { parseConfig } from './config.ts'
import { createEngine } from './create-engine.ts'
import type { Runtime } from './runtime.ts'
import { createServer } from './server.ts'
import { createServices } from './services/create-services.ts'

export interface WorkerEnv {
  /** The Hyperdrive binding in front of the PostgreSQL server (wrangler.toml `[[hyperdrive]]`). */
  HYPERDRIVE: { connectionString: string }
  /** Variables and secrets: DISPUTE_DESK_*, OPENAI_API_KEY, OPENAI_BASE_URL… (src/config.ts). */
  [name: string]: unknown
}

/** Connections per request: a chat turn runs a few queries at once and a transaction holds one. */
const POOL_PER_REQUEST = 4

const current = new AsyncLocalStorage<Db>()

type WriteCallback = (error?: Error | null) => void

type WritableSocket = new (ssl: boolean) => { write(data: Buffer, callback: WriteCallback): boolean }
// The Workers socket pg uses under the "workerd" export condition (typed as an empty module elsewhere).
const CloudflareSocket = (pgCloudflare as unknown as { CloudflareSocket: WritableSocket }).CloudflareSocket

/**
 * pg writes each protocol message (Parse, Bind, Execute, Sync…) on its own; on a Workers socket each
 * write goes out as its own packet. Writes made in one tick go out as one: a query
 * costs one round trip instead of several (in local workerd a warm chat turn took 2 s, now 0.17 s).
 */
class CoalescingSocket extends CloudflareSocket {
  #chunks: Buffer[] = []
  #callbacks: WriteCallback[] = []

  override write(data: Buffer | string, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean {
    const done = typeof encoding === 'function' ? encoding : callback
    this.#chunks.push(
      typeof data === 'string' ? Buffer.from(data, typeof encoding === 'string' ? encoding : 'utf8') : data,
    )
    if (done) this.#callbacks.push(done)
    if (this.#chunks.length === 1)
      queueMicrotask(() => {
        const chunk = Buffer.concat(this.#chunks)
        const callbacks = this.#callbacks
        this.#chunks = []
        this.#callbacks = []
        super.write(chunk, (error?: Error | null) => {
          for (const cb of callbacks) cb(error)
        })
      })
    return true
  }
}

function requestDb(): Db {
  const db = current.getStore()
  if (!db) throw new Error('no database outside a request')
  return db
}

/** A Db for objects that live as long as the isolate: every call goes to the request's own pool. */
const isolateDb: Db = {
  driver: 'pg',
  query: (sql, params, options) => requestDb().query(sql, params, options),
  exec: (sql) => requestDb().exec(sql),
  transaction: (fn) => requestDb().transaction(fn),
  close: async () => {},
}

/** The Worker's configuration: its string variables and secrets, read as `npm start` reads its environment. */
export function workerConfig(env: WorkerEnv) {
  const vars: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') vars[name] = value
  const parsed = parseConfig({
    ...vars,
    DATABASE_URL: env.HYPERDRIVE.connectionString,
    // No data folder on Workers; nothing is written to one.
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_NOTIFY_EVERY_SECONDS: '0',
  })
  if (!parsed.ok)
    throw new Error(`DisputeDesk cannot start; fix the Worker's variables:\n  ${parsed.errors.join('\n  ')}`)
  return parsed.config
}

interface Isolate {
  app: Hono
  notifier: Notifier
}

async function assemble(env: WorkerEnv): Promise<Isolate> {
  const config = workerConfig(env)
  // A Worker's clock is UTC, so its calendar date is the UTC one (DISPUTE_DESK_TODAY fixes it for demos).
  const today = () => config.today ?? new Date().toISOString().slice(0, 10)
  const store = createStore(isolateDb)
  const similar = await createSimilarSearch(isolateDb, { embedder: embedderFromConfig(config) })
  const services = createServices({ store, similar, prompts, readReason: async () => classifyReason })
  const engine = await createEngine(config.engine, services, prompts, config, undefined)
  // Not started: the Worker has no timers between requests; the cron trigger runs it (scheduled below).
  const notifier = createNotifier({ db: isolateDb, config: config.notify, today })
  const runtime: Runtime = {
    config,
    db: isolateDb,
    store,
    services,
    engine,
    prompts,
    today,
    keys: null,
    notifier,
    close: async () => {},
  }
  return { app: await createServer(runtime, { embedLocalKeys: false, bundles: Promise.resolve(bundles) }), notifier }
}

let isolate: Promise<Isolate> | undefined

/** Runs `fn` with a pool of its own that every isolate-wide object's queries go to; `fn` closes it. */
function withPool<T>(env: WorkerEnv, fn: (isolate: Isolate, db: Db) => Promise<T>): Promise<T> {
  const db = pgDb({
    connectionString: env.HYPERDRIVE.connectionString,
    max: POOL_PER_REQUEST,
    stream: ((config: { ssl?: unknown }) => new CoalescingSocket(Boolean(config.ssl))) as unknown as () => Duplex,
  })
  return current.run(db, async () => {
    try {
      if (!isolate) {
        isolate = assemble(env)
        isolate.catch(() => {
          isolate = undefined // the next request tries again (the database may have been down)
        })
      }
      return await fn(await isolate, db)
    } catch (error) {
      await db.close().catch(() => {})
      throw error
    }
  })
}

/** The response, with the request's pool closed once its body (an SSE stream too) has gone out or been dropped. */
function closingAfter(response: Response, db: Db, ctx: ExecutionContext): Response {
  if (!response.body) {
    ctx.waitUntil(db.close())
    return response
  }
  const { readable, writable } = new TransformStream()
  ctx.waitUntil(
    response.body
      .pipeTo(writable)
      .catch(() => {})
      .finally(() => db.close()),
  )
  return new Response(readable, response)
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    return withPool(env, async ({ app }, db) => closingAfter(await app.fetch(request, env, ctx), db, ctx))
  },

  /** The cron trigger (wrangler.toml): one run of the notification dispatcher, as `npm start` runs every 30 s. */
  scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): void {
    ctx.waitUntil(
      withPool(env, async ({ notifier }, db) => {
        try {
          const report = await notifier.runOnce()
          if (report.planned || report.failed) console.log(`notifications: ${JSON.stringify(report)}`) // the Worker's log (wrangler tail)
        } finally {
          await db.close()
        }
      }),
    )
  },
}
