/**
 * The composition root on Node: database, store, retrieval, services, prompts and the engine,
 * wired once from a Config. `npm start`, `npm run chat`, `npm run mcp` and the evals all start
 * here, so they run the same product.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type OpenAI from 'openai'
import type { Config } from './config.ts'
import type { Ledger } from './core/ledger.ts'
import type { Prompts } from './core/prompts.ts'
import type { Engine } from './adapters/agent/chat-types.ts'
import { createNotifier, type Notifier } from './adapters/notify/dispatcher.ts'
import { loadPrompts } from './adapters/prompts/load-prompts.ts'
import { createSimilarSearch, embedderFromConfig } from './adapters/retrieval/index.ts'
import type { Db } from './adapters/store/db.ts'
import { importLedger } from './adapters/store/import-ledger.ts'
import { analyzeLedgerIfNever } from './adapters/store/planner-stats.ts'
import { openDb } from './adapters/store/open-db.ts'
import { withParkedRuns } from './adapters/store/parked-eval-runs.ts'
import { createStore } from './adapters/store/store.ts'
import { createEngine } from './create-engine.ts'
import { createServices } from './services/create-services.ts'
import type { Actor, Store } from './services/ports.ts'
import type { Services } from './services/services.ts'

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'DisputeDesk', role: 'admin' }

export interface RuntimeOptions {
  /** Import this ledger (idempotent) instead of the demo data. */
  ledger?: Ledger
  /** Overrides the configured engine. */
  engine?: 'embedded' | 'llm'
  /** An OpenAI client to use instead of one built from the config (tests point it at a local server). */
  openai?: OpenAI
  /** An opened, migrated database to use instead of the configured one (tests pass a fast in-memory copy). */
  db?: Db
  /** Start-up progress (importing, indexing); defaults to nothing. */
  log?: (line: string) => void
}

/** The local keys `npm start` creates on first run, so a person can open the widget and the dashboard. */
export interface LocalKeys {
  specialist: string
  lead: string
}

export interface Runtime {
  config: Config
  db: Db
  store: Store
  services: Services
  engine: Engine
  prompts: Prompts
  /** The assistant's today, "YYYY-MM-DD": the configured date, else the local calendar date. */
  today(): string
  /** Null when keys existed before and their plaintext is not on this machine. */
  keys: LocalKeys | null
  /** The notification dispatcher (runs every DISPUTE_DESK_NOTIFY_EVERY_SECONDS; runOnce for tests and CLIs). */
  notifier: Notifier
  close(): Promise<void>
}

/** The local calendar date, not UTC: a specialist in UTC−8 at 17:00 still lives in "today". */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.log ?? (() => {})
  const today = () => config.today ?? localDate()
  const prompts = await loadPrompts(config.promptsDir)
  const db =
    options.db ??
    (await openDb({
      dataDir: config.dataDir,
      thread: config.dbThread,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    }))
  try {
    const store = createStore(db)
    // The evals CLI parks its runs while this process holds the folder; the dashboard lists them.
    if (!config.databaseUrl && config.dataDir !== 'memory')
      store.evalRuns = withParkedRuns(store.evalRuns, config.dataDir)
    const similar = await createSimilarSearch(db, { embedder: embedderFromConfig(config) })
    const search = await similar.status()
    if (search.code === 'text_only') log(search.message)
    const services = createServices({ store, similar, prompts, readReason: loadReasonReader })

    if (options.ledger) {
      await importOrThrow(db, options.ledger, log)
    } else if (config.loadDemo && (await store.ledger.listCustomers({ limit: 1 })).total === 0) {
      log('First run: generating the demo ledger…')
      // Loaded only here: the generator is a few hundred milliseconds of modules every later start skips.
      const { generateDemo } = await import('./demo/generate.ts')
      await importOrThrow(db, generateDemo({ today: today() }).ledger, log)
    }
    // A folder imported before imports analyzed its tables gets its planner statistics once.
    if (await analyzeLedgerIfNever(db)) log('Analyzed the ledger tables for the query planner (once).')
    const indexed = await similar.indexPastDisputes((done, total) => {
      if (done === total || done % 500 === 0) log(`Indexing past disputes for similarity search: ${done}/${total}`)
    })
    if (indexed) log(`Indexed ${indexed} past disputes.`)
    // Short payments imported since the last start (by any route, the CLI too) open their disputes now.
    const deductions = await services.deductions.open(SYSTEM_ACTOR, { today: today() })
    if (deductions.opened.length) log(`Opened ${deductions.opened.length} dispute(s) from remittance deductions.`)
    for (const f of deductions.failed)
      log(`Deduction on ${f.invoiceNumber} (payment ${f.paymentId}) not opened: ${f.error?.message ?? 'unknown'}`)

    const keys = await localKeys(store, config)
    const engine = await createEngine(options.engine ?? config.engine, services, prompts, config, options.openai)
    const notifier = createNotifier({ db, config: config.notify, today, log })
    const n = config.notify
    if (n.everySeconds > 0)
      log(
        `Notifications: email ${n.smtpUrl ? 'on' : 'off (set DISPUTE_DESK_SMTP_URL)'}, ${n.webhooks.length} webhook(s); deliveries are recorded either way.`,
      )
    notifier.start()
    return {
      config,
      db,
      store,
      services,
      engine,
      prompts,
      today,
      keys,
      notifier,
      close: async () => {
        await notifier.stop()
        await store.close()
      },
    }
  } catch (error) {
    await db.close().catch(() => {})
    throw error
  }
}

async function importOrThrow(db: Db, ledger: Ledger, log: (line: string) => void): Promise<void> {
  const imported = await importLedger(db, ledger, SYSTEM_ACTOR, (text) => log(text))
  if (!imported.ok) {
    const detail =
      imported.error.code === 'invalid_ledger'
        ? imported.error.errors
            .slice(0, 10)
            .map((e) => `\n  ${e.path}: ${e.message}`)
            .join('')
        : ''
    throw new Error(`The ledger could not be imported: ${imported.error.message}${detail}`)
  }
  const inserted = Object.entries(imported.value.inserted)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
  if (inserted.length) log(`Imported ${inserted.join(', ')}.`)
}

/**
 * On an empty key table, creates a specialist and a lead key. Only hashes are stored, so the
 * plaintext is kept in the data folder (owner-only) for the local demo page and dashboard; a
 * database without a folder (memory) keeps them for this process only.
 */
async function localKeys(store: Store, config: Config): Promise<LocalKeys | null> {
  const file = config.dataDir === 'memory' ? null : join(config.dataDir, 'local-keys.json')
  if ((await store.apiKeys.count()) > 0) {
    if (!file) return null
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalKeys>
      if (saved.specialist && saved.lead && (await store.apiKeys.verify(saved.specialist))) {
        return { specialist: saved.specialist, lead: saved.lead }
      }
    } catch {
      // No saved keys (created elsewhere, or the file was removed): nothing to show.
    }
    return null
  }
  const specialist = await store.apiKeys.create({ name: 'Local specialist', role: 'specialist' })
  const lead = await store.apiKeys.create({ name: 'Local lead', role: 'lead' })
  const keys = { specialist: specialist.key, lead: lead.key }
  if (file) {
    await mkdir(config.dataDir, { recursive: true })
    await writeFile(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 })
  }
  return keys
}

/**
 * Deductions' reasons are read by the same classifier as the chat's. It is the understanding code
 * (about 1.3 s of modules through the tsx loader), loaded on the first reason to read, not at start.
 */
const loadReasonReader = () => import('./adapters/agent/nlu/index.ts').then((m) => m.classifyReason)
