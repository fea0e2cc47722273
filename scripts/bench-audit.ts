/**
 * `npx tsx scripts/bench-audit.ts [--events 10000]`: what verifying the audit trail costs with a
 * long chain. A chain of N filler events (chained and announced as appendEvent would) around one
 * real dispute with a credit memo; then a dispute read's verification (`verifyDispute`), a full
 * `verifyChain` and an incremental one after one more event. Prints numbers; asserts nothing.
 */
import { eventHash } from '../src/adapters/store/audit.ts'
import { memoryAnchor, withAnchor } from '../src/adapters/store/audit-anchor.ts'
import type { Db } from '../src/adapters/store/db.ts'
import { createStore } from '../src/adapters/store/store.ts'
import { memoryPglite } from '../src/adapters/store/testing.ts'
import { investigatedDispute } from '../src/adapters/store/testing-disputes.ts'
import type { Actor } from '../src/services/ports.ts'
import { exampleLedger } from '../src/testing/example-ledger.ts'

const args = process.argv.slice(2)
const EVENTS = args.includes('--events') ? Number(args[args.indexOf('--events') + 1]) : 10_000
const READS = 50
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

/** Appends `n` note events on 500 other disputes, hashed and announced like appendEvent, in bulk. */
async function filler(db: Db, n: number): Promise<void> {
  const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head')).rows[0]
  if (!head) throw new Error('no audit head')
  let { seq, hash } = head
  const at = new Date().toISOString()
  for (let done = 0; done < n; ) {
    const rows: unknown[][] = []
    for (; rows.length < 500 && done < n; done++) {
      const e = {
        seq: seq + 1,
        disputeId: `DSP-filler-${done % 500}`,
        at,
        actorId: ana.id,
        actorName: ana.name,
        actorRole: ana.role,
        type: 'note_added',
        why: `follow-up ${done}`,
        before: null,
        after: null,
      }
      const h = await eventHash(hash, e)
      rows.push([e.seq, e.disputeId, at, e.actorId, e.actorName, e.actorRole, e.type, e.why, hash, h])
      db.anchor?.announce(e.seq, h)
      seq = e.seq
      hash = h
    }
    const values = rows.map((_, i) => `(${Array.from({ length: 10 }, (_, j) => `$${i * 10 + j + 1}`).join(', ')})`)
    await db.query(
      `INSERT INTO dispute_events (seq, dispute_id, at, actor_id, actor_name, actor_role, type, why, prev_hash, hash) VALUES ${values.join(', ')}`,
      rows.flat(),
    )
  }
  await db.query('UPDATE audit_head SET seq = $1, hash = $2', [seq, hash])
  db.anchor?.log.confirm(seq, hash)
}

const ms = (t0: number) => performance.now() - t0
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0
const f = (x: number) => x.toFixed(2)

const db = withAnchor((await memoryPglite()).db, memoryAnchor())
const store = createStore(db)
await store.imports.importLedger(exampleLedger(), { id: 'system', name: 'Import', role: 'admin' })
await filler(db, Math.floor(EVENTS / 2))
const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, ana)
const req = await store.creditMemos.request({ disputeId: d.id, reason: 'contract price', kind: 'credit_memo' }, ana)
if (!req.ok) throw new Error(req.error.message)
await store.creditMemos.decide(req.value.id, 'approve', 'matches the contract', fin)
await store.disputes.note(d.id, 'sent the memo', ana)
await filler(db, EVENTS - Math.floor(EVENTS / 2))
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
