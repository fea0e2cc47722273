/**
 * The product as the evals run it: the integrator's createRuntime on an in-memory database with no
 * demo data, the case's ledger imported and indexed, and the case's date as today.
 *
 * Two ways to give each case a fresh database:
 * - `shared` (the default): one runtime per ledger and date; before each case the database is
 *   restored to its state right after import and indexing (db-snapshot.ts). Fast.
 * - `fresh`: a new runtime per case. Exact but slow (PGlite initialises in seconds); use it to
 *   check that `shared` gives the same results.
 */
import type OpenAI from 'openai'
import { type Config, parseConfig } from '../src/config.ts'
import type { Ledger } from '../src/core/ledger.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { snapshotDb } from './db-snapshot.ts'
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
 * How many shared runtimes stay open at once. Each is a PostgreSQL in memory (a few hundred MB); a
 * run over every held-out batch touches more than a hundred ledgers and, keeping them all, ran this
 * 24 GiB machine out of memory. Cases come grouped by folder, so a few suffice; one closed too early
 * is only started again.
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
  type Shared = { runtime: Runtime; restore: () => Promise<void> }
  type Entry = { ledger: Ledger; today: string; shared: Promise<Shared>; inUse: number }
  const byLedger = new WeakMap<Ledger, Map<string, Entry>>()
  /** Open runtimes, least recently used first. */
  const open: Entry[] = []
  const close = (entry: Entry): void => {
    byLedger.get(entry.ledger)?.delete(entry.today)
    void entry.shared.then((s) => s.runtime.close()).catch(() => {})
  }
  const shared = (today: string, ledger: Ledger): Entry => {
    const byDay = byLedger.get(ledger) ?? new Map<string, Entry>()
    byLedger.set(ledger, byDay)
    let entry = byDay.get(today)
    if (entry) open.splice(open.indexOf(entry), 1)
    else {
      const started = start(today, ledger, options).then(async (runtime) => {
        const snapshot = await snapshotDb(runtime.db)
        return { runtime, restore: () => snapshot.restore() }
      })
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
      const entry = shared(evalCase.today, ledger)
      entry.inUse += 1
      try {
        const { runtime, restore } = await entry.shared
        await restore()
        return {
          engine: runtime.engine,
          store: runtime.store,
          prompts: runtime.prompts,
          close: async () => {
            entry.inUse -= 1
          },
        }
      } catch (err) {
        entry.inUse -= 1
        throw err
      }
    },
    openCount: () => open.length,
    async dispose() {
      for (const entry of open.splice(0)) {
        const s = await entry.shared.catch(() => null)
        await s?.runtime.close().catch(() => {})
      }
    },
  }
}
