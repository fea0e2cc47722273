/**
 * Verification of the audit trail, for a writer who went around the application (triggers off,
 * `session_replication_role = replica`). Three things must agree:
 * - the chain itself: seq 1..n without gaps, each event linked to the one before, each hash over
 *   its content (every break is reported, not only the first, so one broken event hides nothing);
 * - the external anchor (audit-anchor.ts): the last confirmed event is still there with its hash,
 *   and every event after it was announced by the application;
 * - the money tables: what the chain's money events say (audit-money.ts).
 * `verifyChain` rehashes everything; `incremental` starts from the last checkpoint this process
 * verified (the checkpoint event must still hash to what it did) and replays only newer events, so
 * an edit below the checkpoint that is not rehashed waits for the next full run or for a read of
 * its dispute (`verifyDispute` rehashes that dispute's events every time). `verifyDispute` verifies what reading one dispute needs: its events, their links to
 * their neighbours, the anchor's head, its money rows.
 */
import type { ChainReport, DisputeEvent } from '../../services/ports.ts'
import type { AnchorState, Head } from './audit-anchor.ts'
import {
  applyEvent,
  compareMoney,
  emptyMoneyState,
  type MoneyState,
  moneyRowsColumns,
  moneyRowsOf,
  readMoneyRows,
} from './audit-money.ts'
import { eventHash, eventOf } from './audit.ts'
import type { Db } from './db.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

const GENESIS = '0'.repeat(64)
const PAGE = 2000
const MAX_PROBLEMS = 50

interface Checkpoint {
  head: Head
  events: number
  money: MoneyState
}

/** Per database: what this process last verified. Kept in memory only, so the database cannot lie about it. */
const checkpoints = new WeakMap<object, Checkpoint>()

class Problems {
  readonly list: { seq: number; text: string }[] = []
  add(seq: number, text: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ seq, text })
  }
  report(events: number, anchored: boolean): ChainReport {
    const first = [...this.list].sort((a, b) => a.seq - b.seq)[0]
    if (!first) return { ok: true, events, anchored }
    return { ok: false, brokenAt: first.seq, reason: first.text, problems: this.list.map((p) => p.text) }
  }
}

const withName = (r: Row) => ({ ...eventOf(r), actorName: String(r.actor_name) })

async function checkHash(r: Row, problems: Problems): Promise<void> {
  const e = withName(r)
  if ((await eventHash(e.prevHash, e)) !== e.hash)
    problems.add(e.seq, `event ${e.seq} was altered: its content no longer matches its hash`)
}

/** The anchor's confirmed head and announcements against the events from its head on. */
function checkAnchor(anchor: AnchorState | null, tail: Row[], head: Head | null, problems: Problems): void {
  const last = tail.at(-1)
  if (head && last && (head.seq !== last.seq || head.hash !== last.hash))
    problems.add(head.seq, `the chain head records event ${head.seq}, but the last event is ${last.seq}`)
  if (head && !last && head.seq !== 0)
    problems.add(head.seq, `the chain head records event ${head.seq}, but there are no events`)
  if (!anchor?.confirmed) return
  const c = anchor.confirmed
  const at = tail.find((r) => r.seq === c.seq)
  if (c.seq > 0 && !at)
    problems.add(
      c.seq,
      `event ${c.seq}, confirmed in the external anchor, is missing: the chain was truncated or rolled back`,
    )
  else if (at && at.hash !== c.hash)
    problems.add(
      c.seq,
      `event ${c.seq} does not match the external anchor: the chain was rewritten (rehashed) after it`,
    )
  for (const r of tail) {
    if (r.seq <= c.seq) continue
    if (!anchor.announced.get(r.seq)?.has(r.hash))
      problems.add(
        r.seq,
        `event ${r.seq} was never written by the application (not in the external anchor): forged or rehashed`,
      )
  }
}

/** The head row and the events from the older of it and the anchor's confirmed event (`param`) on, as two JSON columns. */
const headAndTailColumns = (param: string) =>
  `(SELECT json_build_object('seq', seq, 'hash', hash) FROM audit_head) AS head,
   (SELECT json_agg(e ORDER BY e.seq) FROM (SELECT seq, hash FROM dispute_events
      WHERE seq >= LEAST(${param}::bigint, (SELECT seq FROM audit_head))) e) AS tail`

/** The head row and the anchor against the events from the older of the two on: one round trip. */
async function checkHeadAndAnchor(db: Db, anchor: AnchorState | null, problems: Problems): Promise<Head | null> {
  const r = await db.query<{ head: Head | null; tail: Row[] | null }>(`SELECT ${headAndTailColumns('$1')}`, [
    anchor?.confirmed?.seq ?? null,
  ])
  const head = r.rows[0]?.head ?? null
  checkAnchor(anchor, r.rows[0]?.tail ?? [], head, problems)
  return head
}

export async function verifyChain(db: Db, options: { incremental?: boolean } = {}): Promise<ChainReport> {
  const problems = new Problems()
  const anchor = db.anchor ? db.anchor.log.reload() : null
  let cp = options.incremental ? checkpoints.get(db) : undefined
  if (cp) {
    const r = await db.query<Row>('SELECT * FROM dispute_events WHERE seq = $1', [cp.head.seq])
    const at = r.rows[0]
    const probe = new Problems()
    if (at) await checkHash(at, probe)
    // The checkpoint event changed: fall back to a full verification, which says where.
    if (!at || at.hash !== cp.head.hash || probe.list.length) cp = undefined
  }
  const money = cp ? structuredClone(cp.money) : emptyMoneyState()
  let prevHash = cp?.head.hash ?? GENESIS
  let expected = (cp?.head.seq ?? 0) + 1
  let count = cp?.events ?? 0
  let last: Row | null = null
  for (;;) {
    const page = await db.query<Row>('SELECT * FROM dispute_events WHERE seq >= $1 ORDER BY seq LIMIT $2', [
      expected,
      PAGE,
    ])
    for (const r of page.rows) {
      if (r.seq !== expected) problems.add(expected, `events ${expected} to ${r.seq - 1} are missing`)
      else if (r.prev_hash !== prevHash)
        problems.add(r.seq, `event ${r.seq} does not link to event ${r.seq - 1} (reordered, replaced or rehashed)`)
      await checkHash(r, problems)
      applyEvent(money, eventOf(r) as DisputeEvent)
      prevHash = r.hash
      expected = r.seq + 1
      last = r
      count++
    }
    if (page.rows.length < PAGE) break
  }
  const head = await checkHeadAndAnchor(db, anchor, problems)
  for (const text of compareMoney(money, await readMoneyRows(db))) problems.add(head?.seq ?? 0, text)
  const report = problems.report(count, Boolean(anchor))
  if (report.ok && last) checkpoints.set(db, { head: { seq: last.seq, hash: last.hash }, events: count, money })
  return report
}

/**
 * One statement: the dispute's events with their neighbours' links, the head and the anchor's tail,
 * and the dispute's money rows (the single-row part is joined to every event row, or stands alone
 * when the dispute has no events). Its cost does not grow with the chain.
 */
export async function verifyDispute(db: Db, disputeId: string): Promise<ChainReport> {
  return (await readDisputeChain(db, disputeId)).chain
}

/**
 * A dispute's events and the verification of its part of the chain, from one statement: a dispute
 * read needs both, and the verification reads the events anyway.
 */
export async function readDisputeChain(
  db: Db,
  disputeId: string,
): Promise<{ events: DisputeEvent[]; chain: ChainReport }> {
  const problems = new Problems()
  const anchor = db.anchor?.log.state() ?? null
  const r = await db.query<Row>(
    `SELECT ev.*, once.* FROM (SELECT ${headAndTailColumns('$2')}, ${moneyRowsColumns('$1')}) once
     LEFT JOIN (SELECT e.*, p.hash AS prior_hash, n.prev_hash AS next_prev, n.seq AS next_seq
       FROM dispute_events e
       LEFT JOIN dispute_events p ON p.seq = e.seq - 1
       LEFT JOIN dispute_events n ON n.seq = e.seq + 1
       WHERE e.dispute_id = $1) ev ON TRUE
     ORDER BY ev.seq`,
    [disputeId, anchor?.confirmed?.seq ?? null],
  )
  const first = r.rows[0]
  const head: Head | null = first?.head ?? null
  checkAnchor(anchor, first?.tail ?? [], head, problems)
  const events = r.rows.filter((row) => row.seq != null)
  const money = emptyMoneyState()
  for (const r of events) {
    const prior = r.seq === 1 ? GENESIS : r.prior_hash
    if (prior == null) problems.add(r.seq, `event ${r.seq - 1}, before this dispute's event ${r.seq}, is missing`)
    else if (r.prev_hash !== prior) problems.add(r.seq, `event ${r.seq} does not link to event ${r.seq - 1}`)
    if (r.next_seq == null && head && r.seq !== head.seq)
      problems.add(r.seq + 1, `event ${r.seq + 1}, after this dispute's event ${r.seq}, is missing`)
    else if (r.next_seq != null && r.next_prev !== r.hash)
      problems.add(r.seq + 1, `event ${r.seq + 1} does not link to this dispute's event ${r.seq}`)
    await checkHash(r, problems)
    applyEvent(money, eventOf(r) as DisputeEvent)
  }
  for (const text of compareMoney(money, moneyRowsOf(first), disputeId)) problems.add(head?.seq ?? 0, text)
  return { events: events.map(eventOf), chain: problems.report(events.length, Boolean(anchor)) }
}
