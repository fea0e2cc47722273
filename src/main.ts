/**
 * `npm start`: the product on this machine. Opens (or creates) the embedded database, loads the
 * demo ledger on first run, and serves the API, the widget, the leads' dashboard and MCP.
 */
import { serve } from '@hono/node-server'
import { answerArgs, checkNoArguments, exitCodes, readDotEnv } from './cli/entry.ts'
import { parseConfig } from './config.ts'
import { closeSharedPdfPrinter } from './adapters/pdf/chromium-pdf.ts'

const USAGE = `usage: npm start
Serves DisputeDesk (API, chat widget, leads' dashboard, MCP over HTTP) on the embedded database,
created with a demo ledger on first start, or on DATABASE_URL. It takes no arguments: settings come
from the environment, or from a .env file in the working directory (variables already set win):
  PORT, HOST                  where to listen (default 127.0.0.1:8787)
  DISPUTE_DESK_DATA           the embedded database's folder, or "memory" (default ./.data)
  DATABASE_URL                a PostgreSQL server with pgvector instead
  DISPUTE_DESK_EMPTY=1        no demo ledger on first start
  DISPUTE_DESK_TODAY          a fixed "today" (YYYY-MM-DD) for demos
  DISPUTE_DESK_ENGINE         embedded (default) or llm: OPENAI_API_KEY, OPENAI_BASE_URL, DISPUTE_DESK_MODEL
  DISPUTE_DESK_CORS_ORIGINS   comma-separated origins of the pages that embed the widget
  DISPUTE_DESK_LOG_LEVEL      request log on stdout, JSON lines: info (default), warn, error, silent…
  (every variable and its limits: src/config.ts, docs/limits.md)
${exitCodes('stopped by Ctrl-C or SIGTERM', 'could not start or serve (port or data folder in use, database unreachable)')}`

async function main(): Promise<void> {
  const answered = answerArgs(checkNoArguments(process.argv.slice(2)), 'npm start', USAGE)
  if (answered !== null) process.exit(answered)
  if (!readDotEnv('npm start')) process.exit(2)
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`DisputeDesk cannot start; fix the environment:\n  ${parsed.errors.join('\n  ')}`)
    process.exit(2)
  }
  const config = parsed.config
  const started = performance.now()
  // Loaded only now, so --help and usage errors answer at once. The database opens (WebAssembly
  // compiled, files read, migrations checked) while the rest of the program loads.
  const opening = import('./adapters/store/open-db.ts').then(({ openDb }) =>
    openDb({
      dataDir: config.dataDir,
      thread: config.dbThread,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    }),
  )
  opening.catch(() => {}) // awaited below; this only keeps an early failure from being unhandled meanwhile
  const [{ createRuntime }, { createServer, isLoopback }, { createLogger }] = await Promise.all([
    import('./runtime.ts'),
    import('./server.ts'),
    import('./adapters/http/request-log.ts'),
  ])
  const runtime = await createRuntime(config, { log: (line) => console.log(line), db: await opening })
  const logger = createLogger(config.logLevel)
  const app = await createServer(runtime, { embedLocalKeys: isLoopback(config.host), logger })
  const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) => {
    // Listening first; the engine's understanding code loads now, before anyone has typed a turn.
    runtime.engine.warm?.().catch((error: unknown) => console.error(`The chat engine failed to load: ${String(error)}`))
    const url = `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`
    console.log(
      [
        '',
        `DisputeDesk is running on ${where}, ${runtime.engine.name} engine, today ${runtime.today()}` +
          ` (ready in ${((performance.now() - started) / 1000).toFixed(1)} s).`,
        `  Chat widget demo:  ${url}/`,
        `  Leads' dashboard:  ${url}/leads`,
        `  Customer portal:   ${url}/portal  (a customer's key: npm run keys -- create --name NAME --role customer --customer <id>)`,
        `  API:               ${url}/api  (health: ${url}/health)`,
        `  MCP (HTTP):        ${url}/mcp   (stdio: npm run mcp)`,
        ...(runtime.keys
          ? [
              `  Specialist key:    ${runtime.keys.specialist}`,
              `  Lead key:          ${runtime.keys.lead}`,
              `  (saved in ${config.dataDir === 'memory' ? 'memory only' : `${config.dataDir}/local-keys.json`}; send as "Authorization: Bearer <key>")`,
            ]
          : ['  API keys: the ones created on first run (see local-keys.json in the data folder).']),
        '',
      ].join('\n'),
    )
  })
  server.on('error', async (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${config.port} is in use: stop the other process or start with PORT=<another port>.`
        : `The server failed: ${error.message}`,
    )
    await runtime.close()
    process.exit(1)
  })
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    console.log('Shutting down…')
    server.close()
    // The report's browser, if a PDF started one, goes with the server.
    Promise.all([runtime.close(), closeSharedPdfPrinter()]).then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(`DisputeDesk could not start: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
