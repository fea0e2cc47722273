/**
 * The serving half of `npm run bench:scale` (run by scripts/bench-scale.ts, not by hand): starts the
 * product on the scale database as `npm start` would, then runs one investigation turn per planted
 * defect of the demo (naming the invoice by its number, then by the day it was issued and its total)
 * and similarity searches for the demo's past disputes. Meanwhile the server's
 * table statistics tell whether a turn read a big table whole (sequential tuples read against the
 * table's rows), and pg_stat_statements which statements returned the most rows. Prints JSON.
 * Arguments: DATABASE_URL ANCHOR_DIR TODAY RUNS.
 */
import { randomUUID } from 'node:crypto'
import { pgDb } from '../src/adapters/store/pg-db.ts'
import { parseConfig } from '../src/config.ts'
import type { ReasonCode } from '../src/core/ledger.ts'
import { generateDemo } from '../src/demo/generate.ts'
import { createRuntime } from '../src/runtime.ts'
import { pct } from './bench-lib.ts'

const [url = '', anchorDir = '', today = '', runsArg = '1'] = process.argv.slice(2)
const log = (line: string) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`)

/** One plain way to put each reason; the evals measure understanding, this measures time. */
const CLAIM: Record<ReasonCode, string> = {
  pricing_error: 'customer disputes the unit price',
  quantity_discrepancy: 'customer received fewer units than billed',
  damaged_goods: 'part of the shipment was damaged on arrival',
  duplicate_billing: 'customer was charged twice for the same thing',
  service_not_rendered: 'customer says nobody came to do the work',
  missing_po: 'rejected by their AP for a missing PO number',
  already_paid: 'customer says this was paid last month',
  late_fee: 'customer contests the late payment charge',
  tax_error: 'customer is tax exempt but was charged sales tax',
  contract_terms: 'customer says the contract had ended',
  service_dissatisfaction: 'customer unhappy with the quality of the work',
  unrecognized_charge: 'customer does not know what a charge is for',
  other: 'customer has a question',
}

const parsed = parseConfig({
  DATABASE_URL: url,
  DISPUTE_DESK_DATA: anchorDir,
  DISPUTE_DESK_TODAY: today,
  DISPUTE_DESK_ENGINE: 'embedded',
})
if (!parsed.ok) throw new Error(parsed.errors.join('; '))
const { ledger, manifest } = generateDemo({ today })
const stats = pgDb({ connectionString: url, max: 1 })

const round = (x: number) => Math.round(x * 10) / 10
type TableRow = { table: string; rows: number; seq_scan: number; seq_read: number; idx_fetch: number }
const tables = async () =>
  new Map(
    (
      await stats.query<TableRow>(
        `SELECT relname AS table, n_live_tup::float8 AS rows, seq_scan::float8 AS seq_scan,
                seq_tup_read::float8 AS seq_read, COALESCE(idx_tup_fetch, 0)::float8 AS idx_fetch
         FROM pg_stat_user_tables`,
      )
    ).rows.map((r) => [r.table, r]),
  )
/** Server statistics reach the views when a backend is idle a moment: wait, then drop the cached snapshot. */
const settle = async () => {
  await new Promise((r) => setTimeout(r, 1500))
  await stats.query('SELECT pg_stat_clear_snapshot()')
}

let t = performance.now()
const runtime = await createRuntime(parsed.config, { log })
const startSeconds = ((performance.now() - t) / 1000).toFixed(1)
log(`product started on the scale database in ${startSeconds} s`)

const actor = { id: 'bench', name: 'Bench', role: 'specialist' as const }
const byNumber = new Map(ledger.invoices.map((i) => [i.number, i]))
const money = (s: string) => Number(s).toLocaleString('en-US', { minimumFractionDigits: 2 })
const spelled = (d: string) =>
  new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })
/** The claim by its invoice number; and without it, by the day it was issued and its total. */
const numbered = manifest.map(
  (m) => `${m.invoiceNumber}: ${CLAIM[m.reasonCode]}, ${m.expected.disputedAmount} disputed`,
)
const described = manifest.map((m) => {
  const inv = byNumber.get(m.invoiceNumber)
  return `the invoice of ${spelled(inv?.issueDate ?? today)} for ${money(inv?.total ?? '0')}: ${CLAIM[m.reasonCode]}`
})

/** Runs the messages as first turns of fresh conversations; times them and diffs the big tables' reads. */
async function measure(messages: string[]) {
  await settle()
  const before = await tables()
  const times: number[] = []
  let resolved = 0
  for (let pass = 0; pass < Number(runsArg); pass++) {
    for (const message of messages) {
      const t = performance.now()
      const r = await runtime.engine.turn({ sessionId: randomUUID(), message, actor, today, readOnly: false })
      times.push(performance.now() - t)
      if (pass === 0 && r.resolution) resolved++
    }
  }
  await settle()
  const after = await tables()
  return {
    turns: times.length,
    medianMs: round(pct(times, 0.5)),
    p95Ms: round(pct(times, 0.95)),
    maxMs: round(pct(times, 1)),
    resolvedFirstTurn: `${resolved}/${messages.length}`,
    bigTables: bigTableReads(before, after, times.length),
  }
}

/** Per turn: how many times over each big table's rows were read sequentially. */
function bigTableReads(before: Map<string, TableRow>, after: Map<string, TableRow>, turns: number) {
  return [...after.values()]
    .filter((a) => a.rows >= 10_000)
    .map((a) => {
      const b = before.get(a.table)
      return {
        table: a.table,
        rows: a.rows,
        seqScansPerTurn: +((a.seq_scan - (b?.seq_scan ?? 0)) / turns).toFixed(2),
        tableReadsPerTurn: +((a.seq_read - (b?.seq_read ?? 0)) / a.rows / turns).toFixed(3),
        indexRowsPerTurn: Math.round((a.idx_fetch - (b?.idx_fetch ?? 0)) / turns),
      }
    })
    .filter((r) => r.seqScansPerTurn > 0 || r.indexRowsPerTurn > 0)
    .sort((a, b) => b.tableReadsPerTurn - a.tableReadsPerTurn)
}

await stats.query('SELECT pg_stat_statements_reset()')
const byNumberTurns = await measure(numbered)
log(`${byNumberTurns.turns} turns by invoice number done; by day and total…`)
const byDescriptionTurns = await measure(described)
const statements = await stats.query<{ query: string; calls: number; rows: number; ms: number }>(
  `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::float8 AS calls, rows::float8 AS rows,
          total_exec_time AS ms
   FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND query NOT LIKE '%pg_stat%' ORDER BY total_exec_time DESC LIMIT 8`,
)
log('turns done; searching similar disputes…')

// The demo's own past disputes as queries, as a specialist's search from a dispute would send them.
const queries = (ledger.pastDisputes ?? []).filter((_, i) => i % 3 === 0)
const searches: number[] = []
for (const q of queries) {
  t = performance.now()
  await runtime.services.similar.search({
    text: q.description,
    customerId: q.customerId,
    reasonCode: q.reasonCode,
    limit: 5,
  })
  searches.push(performance.now() - t)
}
await runtime.close()
await stats.close()

console.log(
  JSON.stringify({
    startSeconds: Number(startSeconds),
    turnByNumber: byNumberTurns,
    turnByDayAndTotal: byDescriptionTurns,
    search: { queries: searches.length, medianMs: round(pct(searches, 0.5)), p95Ms: round(pct(searches, 0.95)) },
    serverPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    slowestStatementsDuringTurns: statements.rows.map((s) => ({
      rowsPerCall: round(s.rows / s.calls),
      calls: s.calls,
      ms: round(s.ms),
      query: s.query.slice(0, 160),
    })),
  }),
)
