/**
 * `npm run bench:turn`: the time of a full investigation turn (understand, fetch the evidence,
 * decide, search similar disputes, draft the email, record the dispute, render the reply) on the demo
 * data with the embedded engine, one fresh conversation per planted defect of the demo manifest.
 * Prints figures; it is not a test. Options: --runs N (passes over the manifest, default 2);
 * --profile FILE writes a V8 CPU profile of the turns only (not the start-up), for
 * `npx tsx scripts/bench-profile.ts FILE`; --queries prints the statements a turn sends, by total time.
 */
import { randomUUID } from 'node:crypto'
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { parseConfig } from '../src/config.ts'
import { generateDemo } from '../src/demo/generate.ts'
import { createRuntime } from '../src/runtime.ts'
import type { ReasonCode } from '../src/core/ledger.ts'

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

const args = process.argv.slice(2)
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const runs = Number(option('--runs')) || 2
const profileFile = option('--profile')
const today = '2026-11-23'
const parsed = parseConfig({ DISPUTE_DESK_DATA: 'memory', DISPUTE_DESK_TODAY: today })
if (!parsed.ok) throw new Error(parsed.errors.join('; '))
const t0 = performance.now()
const { manifest } = generateDemo({ today })
const runtime = await createRuntime(parsed.config, { log: (line) => console.error(line) })
console.error(`runtime with demo data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

/** Per statement shape (literals aside): how often a turn sends it and the time spent waiting on it. */
const statements = new Map<string, { calls: number; ms: number }>()
if (args.includes('--queries')) {
  const db = runtime.db as { query: typeof runtime.db.query }
  const query = db.query.bind(runtime.db)
  db.query = async (sql, params) => {
    const t = performance.now()
    try {
      return await query(sql, params)
    } finally {
      const key = `${sql.replace(/\s+/g, ' ').trim().slice(0, 110)}  ← ${caller(new Error().stack ?? '')}`
      const s = statements.get(key) ?? { calls: 0, ms: 0 }
      s.calls++
      s.ms += performance.now() - t
      statements.set(key, s)
    }
  }
}
/** The first frame outside the store and the driver: who asked for the statement. */
function caller(stack: string): string {
  for (const m of stack.matchAll(/\/(src\/[\w/.-]+\.ts):(\d+)/g))
    if (!m[1]?.startsWith('src/adapters/store/')) return `${m[1]}:${m[2]}`
  return '?'
}
const profiler = profileFile ? new Session() : null
if (profiler) {
  profiler.connect()
  await profiler.post('Profiler.enable')
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 })
  await profiler.post('Profiler.start')
}

const actor = { id: 'bench', name: 'Bench', role: 'specialist' as const }
const times: number[] = []
let resolved = 0
let matched = 0
for (let pass = 0; pass < runs; pass++) {
  for (const entry of manifest) {
    const message = `${entry.invoiceNumber}: ${SAYS[entry.reasonCode]}, disputing ${entry.expected.disputedAmount}`
    const start = performance.now()
    const r = await runtime.engine.turn({ sessionId: randomUUID(), message, actor, today, readOnly: false })
    times.push(performance.now() - start)
    if (pass === 0 && r.resolution) {
      resolved++
      if (r.resolution.classification === entry.expected.classification) matched++
    }
  }
}
if (profiler && profileFile) {
  const { profile } = await profiler.post('Profiler.stop')
  await writeFile(profileFile, JSON.stringify(profile))
  profiler.disconnect()
  console.error(`CPU profile of the turns written to ${profileFile}`)
}
await runtime.close()

times.sort((a, b) => a - b)
const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0
console.log(
  JSON.stringify(
    {
      engine: 'embedded',
      turns: times.length,
      medianMs: Math.round(at(50)),
      p95Ms: Math.round(at(95)),
      maxMs: Math.round(at(100)),
      resolvedFirstTurn: `${resolved}/${manifest.length}`,
      classificationAsPlanted: `${matched}/${resolved}`,
    },
    null,
    2,
  ),
)
if (statements.size) {
  const turns = times.length
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
