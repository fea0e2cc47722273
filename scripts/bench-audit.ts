/**
 * `npx tsx scripts/bench-audit.ts [--events 10000]`: what verifying the audit trail costs with a
 * long chain. A chain of N filler events (chained and announced as appendEvent would) around one
 * real dispute with a credit memo; then a dispute read's verification (`verifyDispute`), a full
 * `verifyChain` and an incremental one after one more event. Prints numbers; asserts nothing.
 */
import { memoryAnchor, withAnchor } from '../src/adapters/store/audit-anchor.ts'
import { createStore } from '../src/adapters/store/store.ts'
import { memoryPglite } from '../src/adapters/store/testing.ts'
import type { Actor } from '../src/services/ports.ts'
import { exampleLedger } from '../src/testing/example-ledger.ts'
import { disputeInLongChain, pct } from './bench-lib.ts'

const args = process.argv.slice(2)
const EVENTS = args.includes('--events') ? Number(args[args.indexOf('--events') + 1]) : 10_000
const READS = 50
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }

const ms = (t0: number) => performance.now() - t0
const f = (x: number) => x.toFixed(2)

const db = withAnchor((await memoryPglite()).db, memoryAnchor())
const store = createStore(db)
await store.imports.importLedger(exampleLedger(), { id: 'system', name: 'Import', role: 'admin' })
const d = await disputeInLongChain(store, db, EVENTS)
const total = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dispute_events')).rows[0]?.n ?? 0

const reads: number[] = []
for (let i = 0; i < READS + 5; i++) {
  const t0 = performance.now()
  const r = await store.disputes.verifyDispute(d.id)
  if (!r.ok) throw new Error(r.reason)
  if (i >= 5) reads.push(ms(t0))
}
let t0 = performance.now()
const full = await store.disputes.verifyChain()
const fullMs = ms(t0)
await store.disputes.note(d.id, 'one more', ana)
t0 = performance.now()
const inc = await store.disputes.verifyChain({ incremental: true })
const incMs = ms(t0)
const mine = (await store.disputes.events(d.id)).length
await db.close()

console.log(`audit chain: ${total} events; the dispute read has ${mine} of them`)
console.log(
  `dispute read verification (verifyDispute), ${READS} reads: median ${f(pct(reads, 0.5))} ms, p95 ${f(pct(reads, 0.95))} ms`,
)
console.log(`full verifyChain: ${f(fullMs)} ms (${full.ok ? 'ok' : full.reason})`)
console.log(`incremental verifyChain after one more event: ${f(incMs)} ms (${inc.ok ? 'ok' : inc.reason})`)
