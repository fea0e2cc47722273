/**
 * `npm run bench:turn`: the time of a full investigation turn (understand, fetch the evidence,
 * decide, search similar disputes, draft the email, record the dispute, render the reply) on the demo
 * data with the embedded engine, one fresh conversation per planted defect of the demo manifest.
 * Prints figures; it is not a test. Options: --runs N (passes over the manifest, default 2);
 * --profile FILE writes a V8 CPU profile of the turns only (not the start-up), for
 * `npx tsx scripts/bench-profile.ts FILE`; --queries prints the statements a turn sends, by total time.
 * The floor, read after each turn on the same runtime, is the turn's invoice fetched alone
 * (`getInvoice`: header, lines, fees, balance), the handful of indexed lookups a turn cannot avoid.
 * `npm run bench` imports `benchTurn` from here, bench-load `demoRuntime`.
 */
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { parseConfig } from '../src/config.ts'
import { generateDemo } from '../src/demo/generate.ts'
import type { ReasonCode } from '../src/core/ledger.ts'
import { createRuntime, type Runtime } from '../src/runtime.ts'
import { isMain, option, pct } from './bench-lib.ts'

/** How a specialist might put each reason; the bench measures time, the evals measure understanding. */
const SAYS: Record<ReasonCode, string> = {
  pricing_error: 'the customer says the unit price is wrong',
  quantity_discrepancy: 'they say they were billed for more than they received',
  damaged_goods: 'goods arrived damaged',
  duplicate_billing: 'they say they were billed twice for this',
  service_not_rendered: 'they say the service never happened',
  missing_po: 'their AP rejected it, no PO on the invoice',
  already_paid: 'they say they already paid it',
  late_fee: 'they dispute the late fee',
  tax_error: 'they say they are tax exempt and were charged tax',
  contract_terms: 'they say it was billed outside the contract term',
  service_dissatisfaction: 'they are unhappy with the service',
  unrecognized_charge: "they don't recognise a charge on it",
  other: 'they have a question about it',
}

const BENCH_TODAY = '2026-11-23'

/**
 * An in-memory runtime holding the demo ledger (the embedded engine), and the demo's planted defects.
 * `DISPUTE_DESK_DB_THREAD=on|off` in the environment picks the embedded driver, as for the server.
 */
export async function demoRuntime(
  log: (line: string) => void = (line) => console.error(line),
  env: Record<string, string> = {},
) {
  const thread = process.env.DISPUTE_DESK_DB_THREAD
  const parsed = parseConfig({
    DISPUTE_DESK_DATA: 'memory',
    DISPUTE_DESK_TODAY: BENCH_TODAY,
    ...(thread === undefined ? {} : { DISPUTE_DESK_DB_THREAD: thread }),
    ...env,
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('; '))
  const t0 = performance.now()
  const { manifest } = generateDemo({ today: BENCH_TODAY })
  const runtime = await createRuntime(parsed.config, { log })
  // As the server does once it listens: the engine's code is loaded before the first turn is timed.
  await runtime.engine.warm?.()
  const driver = parsed.config.dbThread ? 'PGlite in a worker thread' : 'PGlite on the main thread'
  log(`runtime with demo data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (${driver})`)
  return { runtime, manifest }
}

type Manifest = Awaited<ReturnType<typeof demoRuntime>>['manifest']

/** The message a specialist types for one planted defect. */
export const turnMessage = (entry: Manifest[number]) =>
  `${entry.invoiceNumber}: ${SAYS[entry.reasonCode]}, disputing ${entry.expected.disputedAmount}`

interface TurnFigures {
  engine: 'embedded'
  turns: number
  medianMs: number
  p95Ms: number
  maxMs: number
  /** The floor: the turn's invoice read alone, median over the same turns. */
  floorMedianMs: number
  resolvedFirstTurn: string
  classificationAsPlanted: string
}

/** Statement shape (literals aside) and caller → how often the turns sent it and the time waited on it. */
type Statements = Map<string, { calls: number; ms: number }>

/** Wraps the runtime's db.query to count statements by shape and caller. */
function countStatements(runtime: Runtime): Statements {
  const statements: Statements = new Map()
  const db = runtime.db as { query: typeof runtime.db.query }
  const query = db.query.bind(runtime.db)
  db.query = async (sql, params, options) => {
    // Taken before the statement waits: after it, the turn memo's shared promise hides the caller.
    const stack = new Error().stack ?? ''
    const t = performance.now()
    try {
      return await query(sql, params, options)
    } finally {
      const key = `${sql.replace(/\s+/g, ' ').trim().slice(0, 110)}  ← ${caller(stack)}`
      const s = statements.get(key) ?? { calls: 0, ms: 0 }
      s.calls++
      s.ms += performance.now() - t
      statements.set(key, s)
    }
  }
  return statements
}

/** The first frame outside the store and the driver: who asked for the statement. */
function caller(stack: string): string {
  for (const m of stack.matchAll(/\/(src\/[\w/.-]+\.ts):(\d+)/g))
    if (!m[1]?.startsWith('src/adapters/store/')) return `${m[1]}:${m[2]}`
  return '?'
}

/** `runs` passes over the manifest, one fresh conversation per planted defect. */
export async function benchTurn(
  options: { runs?: number; profileFile?: string; queries?: boolean } = {},
): Promise<TurnFigures & { statements?: Statements }> {
  const runs = options.runs ?? 2
  const { runtime, manifest } = await demoRuntime()
  const statements = options.queries ? countStatements(runtime) : undefined
  const profiler = options.profileFile ? new Session() : null
  if (profiler) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.setSamplingInterval', { interval: 200 })
    await profiler.post('Profiler.start')
  }
  const actor = { id: 'bench', name: 'Bench', role: 'specialist' as const }
  const times: number[] = []
  const floor: number[] = []
  let resolved = 0
  let matched = 0
  try {
    for (let pass = 0; pass < runs; pass++) {
      for (const entry of manifest) {
        const start = performance.now()
        const r = await runtime.engine.turn({
          sessionId: randomUUID(),
          message: turnMessage(entry),
          actor,
          today: BENCH_TODAY,
          readOnly: false,
        })
        times.push(performance.now() - start)
        if (!statements) {
          const f0 = performance.now()
          await runtime.store.ledger.getInvoice(entry.invoiceNumber)
          floor.push(performance.now() - f0)
        }
        if (pass === 0 && r.resolution) {
          resolved++
          if (r.resolution.classification === entry.expected.classification) matched++
        }
      }
    }
    if (profiler && options.profileFile) {
      const { profile } = await profiler.post('Profiler.stop')
      await writeFile(options.profileFile, JSON.stringify(profile))
      profiler.disconnect()
      console.error(`CPU profile of the turns written to ${options.profileFile}`)
    }
  } finally {
    await runtime.close()
  }
  return {
    engine: 'embedded',
    turns: times.length,
    medianMs: Math.round(pct(times, 0.5)),
    p95Ms: Math.round(pct(times, 0.95)),
    maxMs: Math.round(pct(times, 1)),
    floorMedianMs: Number(pct(floor, 0.5).toFixed(2)),
    resolvedFirstTurn: `${resolved}/${manifest.length}`,
    classificationAsPlanted: `${matched}/${resolved}`,
    ...(statements ? { statements } : {}),
  }
}

if (isMain(import.meta.url)) {
  const { statements, ...figures } = await benchTurn({
    runs: Number(option('--runs')) || 2,
    ...(option('--profile') ? { profileFile: option('--profile') } : {}),
    queries: process.argv.includes('--queries'),
  })
  console.log(JSON.stringify(figures, null, 2))
  if (statements?.size) {
    const turns = figures.turns
    const all = [...statements.values()].reduce((a, s) => ({ calls: a.calls + s.calls, ms: a.ms + s.ms }), {
      calls: 0,
      ms: 0,
    })
    console.log(
      `statements outside transactions: ${(all.calls / turns).toFixed(1)} a turn, ${(all.ms / turns).toFixed(1)} ms a turn`,
    )
    for (const [sql, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
      console.log(`${(s.ms / turns).toFixed(2).padStart(7)} ms ${(s.calls / turns).toFixed(1).padStart(5)}× ${sql}`)
  }
}
