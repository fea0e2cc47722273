/**
 * The product as the evals run it: the integrator's createRuntime on an in-memory database with no
 * demo data, the case's ledger imported and indexed, and the case's date as today.
 *
 * Two ways to give each case a fresh database:
 * - `shared` (the default): one database for every ledger, one runtime per ledger and date; before
 *   each case the database is restored to that ledger's state right after import and indexing
 *   (db-snapshot.ts). Fast.
 * - `fresh`: a new runtime per case. Exact but slow (PGlite initialises in seconds); use it to
 *   check that `shared` gives the same results.
 */
import type OpenAI from 'openai'
import { type Config, parseConfig } from '../src/config.ts'
import type { Ledger } from '../src/core/ledger.ts'
import { openDb } from '../src/adapters/store/open-db.ts'
import type { Db } from '../src/adapters/store/db.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { type Snapshot, snapshotDb } from './db-snapshot.ts'
import type { EvalRuntime, RuntimeFactory } from './run-evals.ts'

/** Settings the evals pass through from the environment (the model endpoint and prompts folder). */
const PASSED_THROUGH = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'DISPUTE_DESK_MODEL',
  // The LLM engine's limits and temperature, so a lead evaluates the engine as it is deployed.
  'DISPUTE_DESK_LLM_TEMPERATURE',
  'DISPUTE_DESK_LLM_MAX_STEPS',
  'DISPUTE_DESK_LLM_TURN_SECONDS',
  'DISPUTE_DESK_LLM_TOOL_SECONDS',
  'DISPUTE_DESK_LLM_HISTORY_TOKENS',
  'DISPUTE_DESK_LLM_TURN_TOKENS',
  'DISPUTE_DESK_EMBEDDINGS',
  'DISPUTE_DESK_EMBEDDING_MODEL',
  'DISPUTE_DESK_PROMPTS',
] as const

export interface ProductRuntimeOptions {
  engine: 'embedded' | 'llm'
  /** The environment the CLI was given; only the model settings and prompts folder are read. */
  env?: Record<string, string | undefined>
  /** A client to use instead of one built from the environment (tests point it at a local server). */
  openai?: OpenAI
  log?: (line: string) => void
  isolation?: 'shared' | 'fresh'
  /** Shared runtimes kept open at once (KEEP_OPEN by default). */
  keepOpen?: number
}

export function caseConfig(today: string, options: ProductRuntimeOptions): Config {
  const env: Record<string, string | undefined> = {}
  for (const key of PASSED_THROUGH) if (options.env?.[key] !== undefined) env[key] = options.env[key]
  // The embedded engine must stay off the network, embeddings included.
  if (options.engine === 'embedded') env.DISPUTE_DESK_EMBEDDINGS = 'local'
  const parsed = parseConfig({
    ...env,
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_EMPTY: '1',
    DISPUTE_DESK_TODAY: today,
    // An injected client stands in for the key.
    ...(options.openai && !env.OPENAI_API_KEY ? { OPENAI_API_KEY: 'injected-client' } : {}),
  })
  if (!parsed.ok) throw new Error(`invalid configuration: ${parsed.errors.join('; ')}`)
  return parsed.config
}

function start(today: string, ledger: Ledger, options: ProductRuntimeOptions): Promise<Runtime> {
  return createRuntime(caseConfig(today, options), {
    ledger,
    engine: options.engine,
    ...(options.openai ? { openai: options.openai } : {}),
    ...(options.log ? { log: options.log } : {}),
  })
}

export interface ProductRuntimes {
  factory: RuntimeFactory
  /** Closes the runtimes kept for reuse. */
  dispose(): Promise<void>
  /** How many shared runtimes are open now. */
  openCount(): number
}

/**
 * How many shared runtimes stay open at once. Each keeps a copy of its ledger's tables in the one
 * database; a run over every held-out batch touches more than a hundred ledgers. Cases come grouped
 * by folder, so a few suffice; one closed too early is only started again.
 */
const KEEP_OPEN = 4

export function productRuntime(options: ProductRuntimeOptions): ProductRuntimes {
  if (options.isolation === 'fresh') {
    return {
      factory: (evalCase, ledger) => start(evalCase.today, ledger, options),
      dispose: async () => {},
      openCount: () => 0,
    }
  }
  // Every ledger and date shares one in-memory database: a new PGlite cost about a second to load
  // (two thirds of the held-out run went on it), emptying this one and importing a ledger costs
  // tens of milliseconds. Each runtime keeps its ledger's state in a snapshot of its own
  // and restores it before each case, so the cases run one at a time (`turn` below).
  type Shared = { runtime: Runtime; snapshot: Snapshot }
  type Entry = { ledger: Ledger; today: string; shared: Promise<Shared>; inUse: number }
  let database: Promise<{ db: Db; empty: Snapshot }> | undefined
  const opened = (): Promise<{ db: Db; empty: Snapshot }> => {
    // PostgreSQL's default cache: this one database holds every ledger's snapshot of a run (a held-out
    // shard's 1,400 cases ran 115 → 172 s with the 16 MB an ordinary in-memory database starts with).
    database ??= openDb({ dataDir: 'memory', sharedBuffers: '128MB' }).then(async (db) => ({
      db,
      empty: await snapshotDb(db),
    }))
    return database
  }
  const byLedger = new WeakMap<Ledger, Map<string, Entry>>()
  /** Open runtimes, least recently used first. */
  const open: Entry[] = []
  /** The case running now: the next waits for it, since all share the one database. */
  let turn: Promise<void> = Promise.resolve()
  const close = (entry: Entry): void => {
    byLedger.get(entry.ledger)?.delete(entry.today)
    void entry.shared.then((s) => Promise.all([s.runtime.close(), s.snapshot.drop()])).catch(() => {})
  }
  const startShared = async (today: string, ledger: Ledger): Promise<Shared> => {
    const { db, empty } = await opened()
    await empty.restore()
    // The runtime's close must not close the database the others share.
    const runtime = await createRuntime(caseConfig(today, options), {
      db: { ...db, close: async () => {} },
      ledger,
      engine: options.engine,
      ...(options.openai ? { openai: options.openai } : {}),
      ...(options.log ? { log: options.log } : {}),
    })
    return { runtime, snapshot: await snapshotDb(db) }
  }
  const shared = (today: string, ledger: Ledger): Entry => {
    const byDay = byLedger.get(ledger) ?? new Map<string, Entry>()
    byLedger.set(ledger, byDay)
    let entry = byDay.get(today)
    if (entry) open.splice(open.indexOf(entry), 1)
    else {
      const started = startShared(today, ledger)
      entry = { ledger, today, shared: started, inUse: 0 }
      const made = entry
      // A runtime that failed to start is not kept: the next case tries again and reports its own error.
      started.catch(() => {
        byDay.delete(today)
        const at = open.indexOf(made)
        if (at >= 0) open.splice(at, 1)
      })
      byDay.set(today, entry)
    }
    open.push(entry)
    // The least recently used beyond the limit close, unless a case is still running on them.
    for (const old of open
      .filter((e) => e.inUse === 0 && e !== entry)
      .slice(0, Math.max(0, open.length - (options.keepOpen ?? KEEP_OPEN)))) {
      open.splice(open.indexOf(old), 1)
      close(old)
    }
    return entry
  }
  return {
    factory: async (evalCase, ledger): Promise<EvalRuntime> => {
      const before = turn
      let done = (): void => {}
      turn = new Promise((resolve) => {
        done = resolve
      })
      await before
      const entry = shared(evalCase.today, ledger)
      entry.inUse += 1
      const release = (): void => {
        entry.inUse -= 1
        done()
      }
      try {
        const { runtime, snapshot } = await entry.shared
        await snapshot.restore()
        return {
          engine: runtime.engine,
          store: runtime.store,
          prompts: runtime.prompts,
          close: async () => release(),
        }
      } catch (err) {
        release()
        throw err
      }
    },
    openCount: () => open.length,
    async dispose() {
      for (const entry of open.splice(0)) {
        const s = await entry.shared.catch(() => null)
        await s?.runtime.close().catch(() => {})
      }
      const db = await database?.catch(() => null)
      await db?.db.close()
      database = undefined
    },
  }
}
