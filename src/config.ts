/**
 * The environment, parsed once with zod. Nothing else in the product reads process.env: the
 * composition root passes a Config down.
 */
import { readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { z } from 'zod'
import { fieldErrors } from './core/ledger.ts'
import { DEFAULT_LIMITS, type HttpLimits, MB } from './adapters/http/limits.ts'
import { type NotifyConfig, notifyConfigOf } from './adapters/notify/notify-config.ts'

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** Data folder of the embedded database, or "memory". */
  DISPUTE_DESK_DATA: z.string().default('./.data'),
  /** A real PostgreSQL with pgvector instead of the embedded database. */
  DATABASE_URL: z.string().optional(),
  /** The embedded database in a worker thread of its own ("on") or on the main thread ("off"). */
  DISPUTE_DESK_DB_THREAD: z.enum(['on', 'off'], { error: 'expected on or off' }).optional(),
  /** Start with an empty database instead of loading the demo ledger on first run. */
  DISPUTE_DESK_EMPTY: bool.default(false),
  /** Fixes "today" (YYYY-MM-DD) for demos and evals; otherwise the real date. */
  DISPUTE_DESK_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
  /** Conversation engine: the embedded one needs no network. */
  DISPUTE_DESK_ENGINE: z.enum(['embedded', 'llm']).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.string().url().optional(),
  DISPUTE_DESK_MODEL: z.string().default('gpt-4o-mini'),
  /** The LLM engine per turn: sampling temperature, model calls, the whole turn's and one tool's deadline,
   *  the estimated tokens of earlier turns the model reads, and the tokens all its model calls may use. */
  DISPUTE_DESK_LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.2),
  DISPUTE_DESK_LLM_MAX_STEPS: z.coerce.number().int().min(1).max(50).default(8),
  DISPUTE_DESK_LLM_TURN_SECONDS: z.coerce.number().positive().max(3600).default(90),
  DISPUTE_DESK_LLM_TOOL_SECONDS: z.coerce.number().positive().max(600).default(20),
  DISPUTE_DESK_LLM_HISTORY_TOKENS: z.coerce.number().int().min(0).max(1_000_000).default(6000),
  DISPUTE_DESK_LLM_TURN_TOKENS: z.coerce.number().int().min(1000).max(10_000_000).default(120_000),
  DISPUTE_DESK_EMBEDDINGS: z.enum(['local', 'openai']).optional(),
  DISPUTE_DESK_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  /** Comma-separated origins allowed to call the API from a browser (the widget's host pages). */
  DISPUTE_DESK_CORS_ORIGINS: z.string().default(''),
  /** Comma-separated extra Host names the MCP endpoint accepts (DNS-rebinding protection). */
  DISPUTE_DESK_ALLOWED_HOSTS: z.string().default(''),
  /** The API key an MCP stdio client acts with (its role comes from the key). */
  DISPUTE_DESK_API_KEY: z.string().optional(),
  DISPUTE_DESK_PROMPTS: z.string().default('./prompts'),
  /** Abuse limits of the HTTP and MCP surface (see src/adapters/http/limits.ts). */
  DISPUTE_DESK_IMPORT_MAX_MB: z.coerce.number().positive().max(1024).optional(),
  DISPUTE_DESK_CHAT_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  DISPUTE_DESK_MCP_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  DISPUTE_DESK_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).optional(),
  DISPUTE_DESK_MCP_SESSIONS_PER_KEY: z.coerce.number().int().min(1).optional(),
  /** The server's request log (JSON lines on stdout): info logs every request, warn only 4xx and 5xx. */
  DISPUTE_DESK_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Notifications and customer emails (src/adapters/notify/notify-config.ts). */
  DISPUTE_DESK_SMTP_URL: z.string().optional(),
  DISPUTE_DESK_MAIL_FROM: z.string().optional(),
  DISPUTE_DESK_WEBHOOKS: z.string().optional(),
  DISPUTE_DESK_WEBHOOK_SECRETS: z.string().optional(),
  DISPUTE_DESK_NOTIFY_TEAMS: z.string().optional(),
  DISPUTE_DESK_NOTIFY_EVERY_SECONDS: z.coerce.number().int().min(0).max(86400).optional(),
  DISPUTE_DESK_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).optional(),
})

/** Every variable the configuration reads (.env.example lists each; src/env-example.test.ts checks). */
export const CONFIG_VARIABLES = Object.keys(ConfigSchema.shape)

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  /** Embedded PGlite in a worker thread (src/adapters/store/pglite-thread.ts). */
  dbThread: boolean
  loadDemo: boolean
  today: string | undefined
  engine: 'embedded' | 'llm'
  openai:
    | {
        apiKey: string
        baseURL: string | undefined
        model: string
        embeddingModel: string
        llm: {
          temperature: number
          maxSteps: number
          turnMs: number
          toolMs: number
          historyTokens: number
          turnTokens: number
        }
      }
    | undefined
  embeddings: 'local' | 'openai'
  corsOrigins: string[]
  allowedHosts: string[]
  apiKey: string | undefined
  promptsDir: string
  limits: HttpLimits
  logLevel: LogLevel
  notify: NotifyConfig
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] }

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  const r = ConfigSchema.safeParse(env)
  if (!r.success) return { ok: false, errors: fieldErrors(r.error).map((e) => `${e.path}: ${e.message}`) }
  const e = r.data
  const openai = e.OPENAI_API_KEY
    ? {
        apiKey: e.OPENAI_API_KEY,
        baseURL: e.OPENAI_BASE_URL,
        model: e.DISPUTE_DESK_MODEL,
        embeddingModel: e.DISPUTE_DESK_EMBEDDING_MODEL,
        llm: {
          temperature: e.DISPUTE_DESK_LLM_TEMPERATURE,
          maxSteps: e.DISPUTE_DESK_LLM_MAX_STEPS,
          turnMs: Math.round(e.DISPUTE_DESK_LLM_TURN_SECONDS * 1000),
          toolMs: Math.round(e.DISPUTE_DESK_LLM_TOOL_SECONDS * 1000),
          historyTokens: e.DISPUTE_DESK_LLM_HISTORY_TOKENS,
          turnTokens: e.DISPUTE_DESK_LLM_TURN_TOKENS,
        },
      }
    : undefined
  const notify = notifyConfigOf(e)
  if (!notify.ok) return { ok: false, errors: notify.errors }
  if (e.DISPUTE_DESK_ENGINE === 'llm' && !openai) {
    return {
      ok: false,
      errors: ['DISPUTE_DESK_ENGINE=llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server)'],
    }
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: e.DISPUTE_DESK_DATA,
      databaseUrl: e.DATABASE_URL,
      dbThread: e.DISPUTE_DESK_DB_THREAD === 'on',
      loadDemo: !e.DISPUTE_DESK_EMPTY,
      today: e.DISPUTE_DESK_TODAY,
      engine: e.DISPUTE_DESK_ENGINE ?? (openai ? 'llm' : 'embedded'),
      openai,
      // Local by default even with a model configured: many OpenAI-compatible servers have no embeddings.
      embeddings: e.DISPUTE_DESK_EMBEDDINGS ?? 'local',
      corsOrigins: list(e.DISPUTE_DESK_CORS_ORIGINS),
      allowedHosts: list(e.DISPUTE_DESK_ALLOWED_HOSTS),
      apiKey: e.DISPUTE_DESK_API_KEY,
      promptsDir: e.DISPUTE_DESK_PROMPTS,
      limits: {
        importBodyBytes: Math.round((e.DISPUTE_DESK_IMPORT_MAX_MB ?? DEFAULT_LIMITS.importBodyBytes / MB) * MB),
        chatPerMinute: e.DISPUTE_DESK_CHAT_PER_MINUTE ?? DEFAULT_LIMITS.chatPerMinute,
        mcpPerMinute: e.DISPUTE_DESK_MCP_PER_MINUTE ?? DEFAULT_LIMITS.mcpPerMinute,
        authFailuresPerMinute: e.DISPUTE_DESK_AUTH_FAILURES_PER_MINUTE ?? DEFAULT_LIMITS.authFailuresPerMinute,
        mcpSessionsPerKey: e.DISPUTE_DESK_MCP_SESSIONS_PER_KEY ?? DEFAULT_LIMITS.mcpSessionsPerKey,
      },
      logLevel: e.DISPUTE_DESK_LOG_LEVEL,
      notify: notify.value,
    },
  }
}

export type DotEnvResult = { ok: true; file: string | null; names: string[] } | { ok: false; error: string }

/**
 * Reads a `.env` file (KEY=value lines, Node's own parser, as `node --env-file` uses) into `env`, the
 * process environment unless a test passes its own. A variable already set wins; a missing file is
 * fine. Entry points call it once, after their arguments and before parseConfig, so the file also
 * reaches what reads the environment itself (pg's PG* variables).
 */
export function loadDotEnv(path = '.env', env: Record<string, string | undefined> = process.env): DotEnvResult {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, file: null, names: [] }
    return { ok: false, error: `cannot read ${path}: ${(err as Error).message}` }
  }
  const names: string[] = []
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || env[name] !== undefined) continue
    env[name] = value
    names.push(name)
  }
  return { ok: true, file: path, names: names.sort() }
}
