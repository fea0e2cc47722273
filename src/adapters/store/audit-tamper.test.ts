/**
 * The audit trail against someone who writes the database around the application: every scenario
 * runs with triggers off (`session_replication_role = replica`) inside a transaction that is
 * rolled back afterwards, and verification (chain + external anchor + money tables) must find it.
 *
 * Scenarios:
 *  1 edit an event's payload            11 reorder two events
 *  2 edit an event's reason text        12 duplicate an event (a re-chained copy at the end)
 *  3 change an event's actor            13 edit a credit request's amount
 *  4 relabel an event's type            14 edit a credit request's status
 *  5 delete a middle event              15 edit an issued credit memo's amount
 *  6 truncate the tail, roll head back  16 edit disputes.credited
 *  7 roll back the head only            17 raise disputes.supported_amount
 *  8 empty the chain, reset the head    18 insert a credit request without an event
 *  9 rehash everything after an edit    19 delete a write-off
 * 10 append a forged approval (chained, hashed, money rows to match)
 * 20 insert a credit memo for a rejected request
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor, ChainReport, Store } from '../../services/ports.ts'
import { exampleLedger } from '../../testing/example-ledger.ts'
import { eventHash, eventOf } from './audit.ts'
import { fileAnchor, withAnchor } from './audit-anchor.ts'
import { verifyChain, verifyDispute } from './audit-verify.ts'
import type { Db } from './db.ts'
import { createStore } from './store.ts'
import { STORE_DRIVERS } from './testing-drivers.ts'
import { investigatedDispute } from './testing-disputes.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const system: Actor = { id: 'system', name: 'Import', role: 'admin' }
const ana: Actor = { id: 'u-ana', name: 'Ana', role: 'specialist' }
const fin: Actor = { id: 'u-fin', name: 'Fin', role: 'finance_controller' }

class Rollback extends Error {}

let dir: string
let db: Db
let store: Store
const ids = { a: '', b: '', issued: '', rejected: '', pending: '', writeOff: '', memo: '' }

async function lastSeq(tx: Db): Promise<number> {
  return (await tx.query<{ seq: number }>('SELECT max(seq)::int AS seq FROM dispute_events')).rows[0]?.seq ?? 0
}

/** Recomputes every hash from `from` on and moves the head: what a careful forger does. */
async function rehashFrom(tx: Db, from: number): Promise<void> {
  const rows = (await tx.query<Row>('SELECT * FROM dispute_events WHERE seq >= $1 ORDER BY seq', [from])).rows
  const before = await tx.query<{ hash: string }>('SELECT hash FROM dispute_events WHERE seq = $1', [from - 1])
  let prev = before.rows[0]?.hash ?? '0'.repeat(64)
  for (const r of rows) {
    const hash = await eventHash(prev, { ...eventOf(r), actorName: String(r.actor_name) })
    await tx.query('UPDATE dispute_events SET prev_hash = $2, hash = $3 WHERE seq = $1', [r.seq, prev, hash])
    prev = hash
  }
  const last = rows.at(-1)
  if (last) await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [last.seq, prev])
}

/** Appends an event the way appendEvent would, but outside the application. */
async function forgeEvent(tx: Db, e: { disputeId: string; type: string; actor: Actor; after: unknown }): Promise<void> {
  const seq = (await lastSeq(tx)) + 1
  await tx.query(
    `INSERT INTO dispute_events (seq, dispute_id, at, actor_id, actor_name, actor_role, type, why, before, after, prev_hash, hash)
     VALUES ($1, $2, now(), $3, $4, $5, $6, 'approved', 'null'::jsonb, $7::jsonb, '', md5(random()::text))`,
    [seq, e.disputeId, e.actor.id, e.actor.name, e.actor.role, e.type, JSON.stringify(e.after)],
  )
  await rehashFrom(tx, seq)
}

const SCENARIOS: { name: string; dispute?: 'a' | 'b'; run: (tx: Db) => Promise<void> }[] = [
  {
    name: "edit an event's payload",
    dispute: 'a',
    run: async (tx) => {
      await tx.query(
        `UPDATE dispute_events SET after = jsonb_set(after, '{amount}', '"1.00"') WHERE type = 'credit_memo_requested' AND after->>'requestId' = $1`,
        [ids.issued],
      )
    },
  },
  {
    name: "edit an event's reason text",
    dispute: 'a',
    run: async (tx) => {
      await tx.query(
        "UPDATE dispute_events SET why = 'nothing happened' WHERE dispute_id = $1 AND type = 'note_added'",
        [ids.a],
      )
    },
  },
  {
    name: "change an event's actor",
    dispute: 'a',
    run: async (tx) => {
      await tx.query(
        "UPDATE dispute_events SET actor_id = 'u-ana', actor_name = 'Ana' WHERE type = 'credit_memo_approved' AND dispute_id = $1",
        [ids.a],
      )
    },
  },
  {
    name: "relabel an event's type",
    dispute: 'a',
    run: async (tx) => {
      await tx.query(
        "UPDATE dispute_events SET type = 'credit_memo_rejected' WHERE type = 'credit_memo_approved' AND dispute_id = $1",
        [ids.a],
      )
    },
  },
  {
    name: 'delete a middle event',
    run: async (tx) => {
      await tx.query('DELETE FROM dispute_events WHERE seq = (SELECT min(seq) + 3 FROM dispute_events)')
    },
  },
  {
    name: 'truncate the tail and roll the head back',
    run: async (tx) => {
      const n = await lastSeq(tx)
      await tx.query('DELETE FROM dispute_events WHERE seq > $1', [n - 3])
      const h = await tx.query<{ hash: string }>('SELECT hash FROM dispute_events WHERE seq = $1', [n - 3])
      await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [n - 3, h.rows[0]?.hash])
    },
  },
  {
    name: 'roll back the head only',
    run: async (tx) => {
      const n = await lastSeq(tx)
      const h = await tx.query<{ hash: string }>('SELECT hash FROM dispute_events WHERE seq = $1', [n - 2])
      await tx.query('UPDATE audit_head SET seq = $1, hash = $2', [n - 2, h.rows[0]?.hash])
    },
  },
  {
    name: 'empty the chain and reset the head',
    run: async (tx) => {
      await tx.query('DELETE FROM dispute_events')
      await tx.query("UPDATE audit_head SET seq = 0, hash = repeat('0', 64)")
    },
  },
  {
    name: 'rehash everything after an edit',
    dispute: 'a',
    run: async (tx) => {
      const r = await tx.query<{ seq: number }>(
        "UPDATE dispute_events SET after = jsonb_set(after, '{amount}', '\"1.00\"') WHERE type = 'credit_memo_requested' AND after->>'requestId' = $1 RETURNING seq",
        [ids.issued],
      )
      await rehashFrom(tx, r.rows[0]?.seq ?? 1)
    },
  },
  {
    name: 'append a forged approval (chained, hashed, money rows to match)',
    run: async (tx) => {
      const after = { requestId: ids.pending, status: 'approved', approverRole: 'finance_controller', amount: '50.00' }
      await forgeEvent(tx, { disputeId: ids.b, type: 'credit_memo_approved', actor: fin, after })
      await tx.query(
        "UPDATE credit_memo_requests SET status = 'issued', credit_memo_number = 'CM-FORGED' WHERE id = $1",
        [ids.pending],
      )
      await tx.query(
        "INSERT INTO credit_memos (number, invoice_number, amount, date, reason, request_id) VALUES ('CM-FORGED', 'INV-1002', 50, '2026-03-15', 'x', $1)",
        [ids.pending],
      )
      const d = (await tx.query<Row>('SELECT * FROM disputes WHERE id = $1', [ids.b])).rows[0] as Row
      await tx.query('UPDATE disputes SET credited = credited + 50 WHERE id = $1', [ids.b])
      await forgeEvent(tx, {
        disputeId: ids.b,
        type: 'credit_memo_issued',
        actor: fin,
        after: {
          status: d.status,
          credited: '50.00',
          writtenOff: '80.00',
          requestId: ids.pending,
          creditMemoNumber: 'CM-FORGED',
          amount: '50.00',
        },
      })
    },
  },
  {
    name: 'reorder two events',
    run: async (tx) => {
      const n = await lastSeq(tx)
      await tx.query('UPDATE dispute_events SET seq = -1 WHERE seq = $1', [n - 4])
      await tx.query('UPDATE dispute_events SET seq = $1 WHERE seq = $2', [n - 4, n - 3])
      await tx.query('UPDATE dispute_events SET seq = $1 WHERE seq = -1', [n - 3])
    },
  },
  {
    name: 'duplicate an event (a re-chained copy at the end)',
    run: async (tx) => {
      const r = (await tx.query<Row>("SELECT * FROM dispute_events WHERE type = 'credit_memo_issued' LIMIT 1"))
        .rows[0] as Row
      await forgeEvent(tx, { disputeId: r.dispute_id, type: r.type, actor: fin, after: r.after })
    },
  },
  {
    name: "edit a credit request's amount",
    dispute: 'a',
    run: async (tx) => {
      await tx.query('UPDATE credit_memo_requests SET amount = 1 WHERE id = $1', [ids.issued])
    },
  },
  {
    name: "edit a credit request's status",
    dispute: 'a',
    run: async (tx) => {
      await tx.query("UPDATE credit_memo_requests SET status = 'pending' WHERE id = $1", [ids.rejected])
    },
  },
  {
    name: "edit an issued credit memo's amount",
    dispute: 'a',
    run: async (tx) => {
      await tx.query('UPDATE credit_memos SET amount = 1000 WHERE number = $1', [ids.memo])
    },
  },
  {
    name: 'edit disputes.credited',
    dispute: 'a',
    run: async (tx) => {
      await tx.query('UPDATE disputes SET credited = 0 WHERE id = $1', [ids.a])
    },
  },
  {
    name: 'raise disputes.supported_amount',
    dispute: 'a',
    run: async (tx) => {
      await tx.query('UPDATE disputes SET supported_amount = 1400 WHERE id = $1', [ids.a])
    },
  },
  {
    name: 'insert a credit request without an event',
    dispute: 'b',
    run: async (tx) => {
      await tx.query(
        `INSERT INTO credit_memo_requests (id, dispute_id, invoice_number, amount, currency, reason, kind, status, requested_by, requested_at, required_role)
         VALUES ('CMR-forged', $1, 'INV-1002', 200, 'USD', 'x', 'credit_memo', 'pending', 'u-ana', now(), 'specialist')`,
        [ids.b],
      )
    },
  },
  {
    name: 'delete a write-off',
    dispute: 'b',
    run: async (tx) => {
      await tx.query('DELETE FROM write_offs WHERE request_id = $1', [ids.writeOff])
    },
  },
  {
    name: 'insert a credit memo for a rejected request',
    dispute: 'a',
    run: async (tx) => {
      await tx.query(
        "INSERT INTO credit_memos (number, invoice_number, amount, date, reason, request_id) VALUES ('CM-X', 'INV-1001', 30, '2026-03-15', 'x', $1)",
        [ids.rejected],
      )
    },
  },
]

/** Runs a tampering with triggers off, verifies, and rolls everything back. */
async function tamper(run: (tx: Db) => Promise<void>, disputeId?: string) {
  let out: { chain: ChainReport; dispute: ChainReport | null } | null = null
  try {
    await db.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica')
      await run(tx)
      out = { chain: await verifyChain(tx), dispute: disputeId ? await verifyDispute(tx, disputeId) : null }
      throw new Rollback()
    })
  } catch (err) {
    if (!(err instanceof Rollback)) throw err
  }
  if (!out) throw new Error('no report')
  return out as { chain: ChainReport; dispute: ChainReport | null }
}

describe.each(STORE_DRIVERS)('audit trail against a writer with the triggers off, on %s', (_name, open) => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dd-tamper-'))
    db = withAnchor((await open()).db, fileAnchor(join(dir, 'audit-anchor.log')))
    store = createStore(db)
    expect((await store.imports.importLedger(exampleLedger(), system)).ok).toBe(true)
    const a = await investigatedDispute(store, { invoiceNumber: 'INV-1001', reasonCode: 'pricing_error' }, ana)
    await store.disputes.note(a.id, 'called Globex AP', ana)
    const issued = await store.creditMemos.request(
      { disputeId: a.id, amount: '100.00', reason: 'price', kind: 'credit_memo' },
      ana,
    )
    const rejected = await store.creditMemos.request(
      { disputeId: a.id, amount: '30.00', reason: 'price', kind: 'credit_memo' },
      ana,
    )
    if (!issued.ok || !rejected.ok) throw new Error('requests failed')
    const decided = await store.creditMemos.decide(issued.value.id, 'approve', 'contract price', fin)
    await store.creditMemos.decide(rejected.value.id, 'reject', 'already covered', fin)
    const b = await investigatedDispute(
      store,
      { invoiceNumber: 'INV-1002', reasonCode: 'quantity_discrepancy', quantityReceived: 42, disputedAmount: '400.00' },
      ana,
    )
    const wo = await store.creditMemos.request(
      { disputeId: b.id, amount: '80.00', reason: 'small rest', kind: 'write_off' },
      ana,
    )
    const pending = await store.creditMemos.request(
      { disputeId: b.id, amount: '50.00', reason: 'qty', kind: 'credit_memo' },
      ana,
    )
    if (!wo.ok || !pending.ok || !decided.ok) throw new Error('setup failed')
    expect((await store.creditMemos.decide(wo.value.id, 'approve', 'under threshold', fin)).ok).toBe(true)
    for (let i = 0; i < 5; i++) await store.disputes.note(b.id, `follow-up ${i}`, ana)
    Object.assign(ids, {
      a: a.id,
      b: b.id,
      issued: issued.value.id,
      rejected: rejected.value.id,
      pending: pending.value.id,
      writeOff: wo.value.id,
      memo: decided.value.creditMemoNumber,
    })
  }, 120_000)
  afterAll(async () => {
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('verifies the untouched trail, in full, incrementally and per dispute', async () => {
    expect(await verifyChain(db)).toMatchObject({ ok: true, anchored: true })
    expect(await verifyChain(db, { incremental: true })).toMatchObject({ ok: true })
    expect(await verifyDispute(db, ids.a)).toMatchObject({ ok: true })
    expect(await verifyDispute(db, ids.b)).toMatchObject({ ok: true })
    const untouched = await tamper(async () => {})
    expect(untouched.chain.ok).toBe(true)
  })

  it("reads a dispute's events with its verification in one statement, the same as each alone", async () => {
    for (const id of [ids.a, ids.b]) {
      const both = await store.disputes.eventsVerified(id)
      expect(both.events).toEqual(await store.disputes.events(id))
      expect(both.events.length).toBeGreaterThan(1)
      expect(both.chain).toEqual(await store.disputes.verifyDispute(id))
    }
  })

  it(`detects every one of the ${SCENARIOS.length} tamper scenarios`, async () => {
    const missed: string[] = []
    for (const s of SCENARIOS) {
      const r = await tamper(s.run, s.dispute ? ids[s.dispute] : undefined)
      if (r.chain.ok) missed.push(s.name)
      if (r.dispute?.ok) missed.push(`${s.name} (reading dispute ${s.dispute})`)
    }
    const detected = SCENARIOS.length - new Set(missed.map((m) => m.replace(/ \(reading.*$/, ''))).size
    console.log(`tamper scenarios: ${detected}/${SCENARIOS.length} detected`)
    expect(missed).toEqual([])
    // Rolled back: the real trail is intact.
    expect(await verifyChain(db)).toMatchObject({ ok: true })
  }, 120_000)

  it('reports a later edit even when an earlier event is already broken', async () => {
    const r = await tamper(async (tx) => {
      await tx.query("UPDATE dispute_events SET why = 'first edit' WHERE seq = 3")
      await tx.query("UPDATE dispute_events SET why = 'second edit' WHERE dispute_id = $1 AND type = 'note_added'", [
        ids.b,
      ])
    })
    expect(r.chain.ok).toBe(false)
    expect(!r.chain.ok && r.chain.problems.length).toBeGreaterThanOrEqual(2)
  })
})
