/**
 * `npm run bench:turn`: the time of a full investigation turn (understand, fetch the evidence,
 * decide, search similar disputes, draft the email, record the dispute, render the reply) on the demo
 * data with the embedded engine, one fresh conversation per planted defect of the demo manifest.
 * Prints figures; it is not a test. Options: --runs N (passes over the manifest, default 2).
 */
import { randomUUID } from 'node:crypto'
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

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 2
const today = '2026-11-23'
const parsed = parseConfig({ DISPUTE_DESK_DATA: 'memory', DISPUTE_DESK_TODAY: today })
if (!parsed.ok) throw new Error(parsed.errors.join('; '))
const t0 = performance.now()
const { manifest } = generateDemo({ today })
const runtime = await createRuntime(parsed.config, { log: (line) => console.error(line) })
console.error(`runtime with demo data ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

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
