/** What the benchmark scripts share: percentiles, CPU by thread, and a long audit chain made quickly. */
import { readdirSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { eventHash } from '../src/adapters/store/audit.ts'
import type { Db } from '../src/adapters/store/db.ts'
import { investigatedDispute } from '../src/adapters/store/testing-disputes.ts'
import type { Actor, DisputeRecord, Store } from '../src/services/ports.ts'

/** True when this module is the script node was started with, not imported by `npm run bench`. */
export const isMain = (url: string): boolean =>
  process.argv[1] !== undefined && url === pathToFileURL(process.argv[1]).href

/** `--name value` from the command line, else undefined. */
export function option(name: string, args = process.argv.slice(2)): string | undefined {
  return args.includes(name) ? args[args.indexOf(name) + 1] : undefined
}

/** The p-th quantile (0..1) of the figures, nearest rank. */
export const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0

/** CPU time so far of each thread of this process (ms), and the machine's counters; Linux only. */
export interface CpuReading {
  threads: Map<string, number>
  machine: number[]
}

/** Clock ticks are 10 ms on Linux (USER_HZ 100): enough over a run of tens of seconds. */
const TICK_MS = 10

export function cpuReading(): CpuReading | undefined {
  try {
    const threads = new Map<string, number>()
    for (const id of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      threads.set(id, (Number(fields[11]) + Number(fields[12])) * TICK_MS)
    }
    const machine = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
    return { threads, machine }
  } catch {
    return undefined
  }
}

/**
 * Between two readings: the two busiest threads' CPU per turn (the event loop's, and PGlite's when it
 * has its own thread) and the share of the machine's CPU that stayed idle. A second thread can only
 * raise turns per second while a core is idle; other processes (evals) often leave none.
 */
export function cpuPerTurn(
  before: CpuReading | undefined,
  after: CpuReading | undefined,
  turns: number,
): { busiestThreadsCpuMsPerTurn: number[]; machineIdlePct: number } | undefined {
  if (!before || !after) return undefined
  const busiest = [...after.threads]
    .map(([id, ms]) => ms - (before.threads.get(id) ?? 0))
    .sort((a, b) => b - a)
    .slice(0, 2)
  const machine = after.machine.map((v, i) => v - (before.machine[i] ?? 0))
  const total = machine.reduce((a, b) => a + b, 0)
  return {
    busiestThreadsCpuMsPerTurn: busiest.map((ms) => Number((ms / turns).toFixed(1))),
    // /proc/stat's fourth column is idle time.
    machineIdlePct: total ? Math.round((100 * (machine[3] ?? 0)) / total) : 0,
  }
}

const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

/**
 * On a store holding the example ledger: one real dispute on INV-1001 (investigated, a credit memo
 * requested and approved, a note) in the middle of a chain of `events` filler events on other disputes.
 */
export async function disputeInLongChain(store: Store, db: Db, events: number): Promise<DisputeRecord> {
  await filler(db, Math.floor(events / 2))
  const d = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, ana)
  const req = await store.creditMemos.request({ disputeId: d.id, reason: 'contract price', kind: 'credit_memo' }, ana)
  if (!req.ok) throw new Error(req.error.message)
  await store.creditMemos.decide(req.value.id, 'approve', 'matches the contract', fin)
  await store.disputes.note(d.id, 'sent the memo', ana)
  await filler(db, events - Math.floor(events / 2))
  return d
}

/** Appends `n` note events on 500 other disputes, hashed and announced like appendEvent, in bulk. */
export async function filler(db: Db, n: number): Promise<void> {
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
