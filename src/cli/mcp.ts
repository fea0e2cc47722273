/**
 * `npm run mcp`: DisputeDesk as an MCP server on stdio, for desktop clients. stdout is the protocol
 * channel, so logs go to stderr from the first line. The caller's role comes from
 * DISPUTE_DESK_API_KEY (read through the config); without it only read-only tools are offered.
 *
 * The runtime (database, services, clock) is the integrator's bootstrap, `createRuntime(config)`
 * in src/runtime.ts; it is loaded by path so this entry compiles while that file is being written.
 */
import { parseConfig, type Config } from '../config.ts'
import type { Services } from '../services/services.ts'
import { loadPrompts } from '../adapters/prompts/load-prompts.ts'
import { stdioCaller } from '../adapters/mcp/caller.ts'
import { keepStdoutForProtocol, serveStdio } from '../adapters/mcp/stdio.ts'
import { answerArgs, checkNoArguments, exitCodes, readDotEnv } from './entry.ts'

keepStdoutForProtocol()

const USAGE = `usage: npm run mcp
DisputeDesk's tools as an MCP server on stdio, for desktop clients (Claude Desktop, VS Code, Cursor):
the client starts this command and speaks JSON-RPC on its stdin/stdout; logs go to stderr. It takes no
arguments: settings come from the environment, or from a .env file in the working directory:
  DISPUTE_DESK_API_KEY   the key the client acts with (its role decides the tools); without it, read-only tools
  DISPUTE_DESK_DATA      the embedded database's folder (default ./.data; not one a running npm start holds)
  DATABASE_URL           a PostgreSQL server instead
Over HTTP, a running server offers the same tools at /mcp (docs/mcp.md).
${exitCodes('the client closed stdin, or Ctrl-C / SIGTERM', 'could not start (database in use or unreachable, API key refused)')}`

interface RuntimeLike {
  services: Services
  today: (() => string) | string
  prompts?: { persona: string }
  close?: () => Promise<void>
}

const RUNTIME_MODULE = '../runtime.ts'

async function loadRuntime(config: Config): Promise<RuntimeLike> {
  const mod = (await import(RUNTIME_MODULE)) as { createRuntime?: (c: Config) => Promise<RuntimeLike> }
  if (typeof mod.createRuntime !== 'function') throw new Error(`${RUNTIME_MODULE} does not export createRuntime`)
  return mod.createRuntime(config)
}

const todayOf = (runtime: RuntimeLike): (() => string) => {
  const t = runtime.today
  return typeof t === 'function' ? t : () => t
}

/** An exit code, or 'serving' while the client is connected (shutdown exits). */
async function main(): Promise<number | 'serving'> {
  const answered = answerArgs(checkNoArguments(process.argv.slice(2)), 'dispute-desk mcp', USAGE)
  if (answered !== null) return answered
  if (!readDotEnv('dispute-desk mcp')) return 2
  const parsed = parseConfig(process.env)
  if (!parsed.ok) {
    console.error(`dispute-desk mcp: invalid environment:\n  ${parsed.errors.join('\n  ')}`)
    return 2
  }
  const config = parsed.config
  const runtime = await loadRuntime(config)
  const caller = await stdioCaller(runtime.services.store.apiKeys, config.apiKey)
  if (!caller.ok) {
    console.error(`dispute-desk mcp: ${caller.message}`)
    await runtime.close?.()
    return 1
  }
  const persona = runtime.prompts?.persona ?? (await loadPrompts(config.promptsDir)).persona
  const server = await serveStdio({ services: runtime.services, today: todayOf(runtime), persona }, caller.caller)
  const who = caller.caller.readOnly
    ? 'read-only (no API key)'
    : `${caller.caller.actor.name} (${caller.caller.actor.role})`
  console.error(`dispute-desk mcp: serving on stdio as ${who}`)
  const shutdown = async () => {
    await server.close().catch(() => {})
    await runtime.close?.()
    process.exit(0)
  }
  process.stdin.on('close', () => void shutdown())
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  return 'serving'
}

main().then(
  (code) => {
    if (code !== 'serving') process.exit(code)
  },
  (error) => {
    console.error('dispute-desk mcp: could not start:', error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
