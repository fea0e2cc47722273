/**
 * The money tables, as the audit chain says they must be. Every credit request, decision,
 * cancellation, issued memo and write-off is a chained event carrying its amounts, and every
 * change to a dispute carries a snapshot of its money; replaying those events gives the expected
 * rows, and any row that differs (an amount, a status, `disputes.credited`), is missing or has no
 * event behind it was changed outside the application.
 */
import type { DisputeEvent } from '../../services/ports.ts'
import { requestOf } from './credit-memo-repo.ts'
import type { Db } from './db.ts'
import { disputeOf, snapshot } from './dispute-rows.ts'
import { amount } from './rows.ts'

// biome-ignore lint/suspicious/noExplicitAny: SQL rows.
type Row = Record<string, any>

interface ExpectedRequest {
  disputeId: string
  kind: string
  amount: string
  status: string
  creditMemoNumber: string | null
  writeOffId: string | null
}

export interface MoneyState {
  requests: Map<string, ExpectedRequest>
  /** The last snapshot of each dispute's state and money, as a canonical string. */
  disputes: Map<string, string>
  /** The last request approved per dispute: old issued events name no request. */
  lastApproved: Map<string, string>
}

export const emptyMoneyState = (): MoneyState => ({ requests: new Map(), disputes: new Map(), lastApproved: new Map() })

const SNAPSHOT_KEYS = [
  'status',
  'originalDisputed',
  'remainingDisputed',
  'credited',
  'writtenOff',
  'classification',
  'action',
  'supportedAmount',
  'escalated',
] as const

/** Amounts compared by value: "103.5" and "103.50" are the same money. */
const norm = (v: unknown) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? amount(v, 'XXX') : v)
const snapshotKey = (o: Record<string, unknown>) => JSON.stringify(SNAPSHOT_KEYS.map((k) => norm(o[k] ?? null)))
const sameAmount = (a: string, b: string) => norm(a) === norm(b)

const REQUEST_EVENT = /^(credit_memo|write_off|goodwill_credit)_(requested|approved|rejected|cancelled)$/

export function applyEvent(state: MoneyState, e: Pick<DisputeEvent, 'disputeId' | 'type' | 'after'>): void {
  const a = (e.after && typeof e.after === 'object' ? e.after : null) as Record<string, unknown> | null
  if (!e.disputeId || !a) return
  if ('status' in a && 'credited' in a && 'writtenOff' in a) state.disputes.set(e.disputeId, snapshotKey(a))
  const m = REQUEST_EVENT.exec(e.type)
  const id = typeof a.requestId === 'string' ? a.requestId : null
  if (m && id) {
    const [, kind = '', step = ''] = m
    if (step === 'requested') {
      state.requests.set(id, {
        disputeId: e.disputeId,
        kind,
        amount: String(a.amount),
        status: 'pending',
        creditMemoNumber: null,
        writeOffId: null,
      })
    } else {
      const r = state.requests.get(id)
      if (r) r.status = step === 'approved' ? 'approved' : step
      if (step === 'approved') state.lastApproved.set(e.disputeId, id)
    }
    return
  }
  if (e.type === 'credit_memo_issued' || e.type === 'write_off_issued') {
    const reqId = id ?? state.lastApproved.get(e.disputeId)
    const r = reqId ? state.requests.get(reqId) : undefined
    if (!r) return
    r.status = 'issued'
    r.creditMemoNumber = typeof a.creditMemoNumber === 'string' ? a.creditMemoNumber : null
    r.writeOffId = typeof a.writeOffId === 'string' ? a.writeOffId : null
  }
}

export interface MoneyRows {
  requests: Row[]
  memos: Row[]
  writeOffs: Row[]
  disputes: Row[]
}

/**
 * The money rows as four JSON columns (requests, memos, "writeOffs", disputes), all of them or one
 * dispute's (`param`: its placeholder, e.g. "$1"), for a SELECT list: a dispute read pays for round
 * trips, not rows, so verifyDispute asks for them in its one statement. Amounts travel as text: a
 * JSON number would pass through a float.
 */
export function moneyRowsColumns(param?: string): string {
  const mine = (col: string) => (param ? `WHERE ${col} = ${param}` : '')
  return `(SELECT json_agg(x) FROM (SELECT id, dispute_id, invoice_number, amount::text AS amount, currency, reason, kind,
          status, requested_by, required_role, decided_by, decision_reason, credit_memo_number
          FROM credit_memo_requests ${mine('dispute_id')}) x) AS requests,
       (SELECT json_agg(x) FROM (SELECT m.number, m.amount::text AS amount, m.request_id FROM credit_memos m
          LEFT JOIN credit_memo_requests r ON r.id = m.request_id
          WHERE m.request_id IS NOT NULL ${param ? `AND (r.dispute_id = ${param} OR r.id IS NULL)` : ''}) x) AS memos,
       (SELECT json_agg(x) FROM (SELECT id, amount::text AS amount, request_id, dispute_id FROM write_offs
          ${mine('dispute_id')}) x) AS "writeOffs",
       (SELECT json_agg(x) FROM (SELECT id, invoice_number, customer_id, status, reason_code, description, currency,
          original_disputed::text AS original_disputed, remaining_disputed::text AS remaining_disputed,
          credited::text AS credited, written_off::text AS written_off, classification, action,
          supported_amount::text AS supported_amount, escalated FROM disputes ${mine('id')}) x) AS disputes`
}

/** The money rows out of a row holding `moneyRowsColumns`. */
export function moneyRowsOf(row: Partial<Record<keyof MoneyRows, Row[] | null>> | undefined): MoneyRows {
  return {
    requests: row?.requests ?? [],
    memos: row?.memos ?? [],
    writeOffs: row?.writeOffs ?? [],
    disputes: row?.disputes ?? [],
  }
}

/** Reads the money rows, all of them or one dispute's, in one round trip. */
export async function readMoneyRows(db: Db, disputeId?: string): Promise<MoneyRows> {
  const r = await db.query<Record<keyof MoneyRows, Row[] | null>>(
    `SELECT ${moneyRowsColumns(disputeId ? '$1' : undefined)}`,
    disputeId ? [disputeId] : [],
  )
  return moneyRowsOf(r.rows[0])
}

/** Every difference between the rows and the replayed events, in words. */
export function compareMoney(state: MoneyState, rows: MoneyRows, disputeId?: string): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const row of rows.requests) {
    const r = requestOf(row)
    seen.add(r.id)
    const want = state.requests.get(r.id)
    if (!want) {
      problems.push(`credit request ${r.id} has no audit event: it was written outside the application`)
      continue
    }
    for (const [field, have, expected] of [
      ['amount', r.amount, want.amount],
      ['status', r.status, want.status],
      ['kind', r.kind, want.kind],
      ['dispute', r.disputeId, want.disputeId],
      ['credit memo number', r.creditMemoNumber ?? null, want.creditMemoNumber],
    ] as const) {
      const same = field === 'amount' ? sameAmount(String(have), String(expected)) : have === expected
      if (!same)
        problems.push(`credit request ${r.id}: ${field} is ${have} in the table but ${expected} in the audit trail`)
    }
  }
  for (const [id, want] of state.requests) {
    if (disputeId && want.disputeId !== disputeId) continue
    if (!seen.has(id)) problems.push(`credit request ${id} is in the audit trail but was deleted from the table`)
  }
  const byMemo = new Map(
    [...state.requests].filter(([, r]) => r.creditMemoNumber).map(([id, r]) => [r.creditMemoNumber, { id, r }]),
  )
  const memosSeen = new Set<string>()
  for (const m of rows.memos) {
    memosSeen.add(m.number)
    const want = byMemo.get(m.number)
    if (!want || want.id !== m.request_id)
      problems.push(`credit memo ${m.number} has no issued request in the audit trail`)
    else if (!sameAmount(String(m.amount), want.r.amount))
      problems.push(
        `credit memo ${m.number}: amount is ${norm(m.amount)} in the table but ${want.r.amount} in the audit trail`,
      )
  }
  for (const [number, { r }] of byMemo) {
    if (disputeId && r.disputeId !== disputeId) continue
    if (number && !memosSeen.has(number)) problems.push(`credit memo ${number} was issued but deleted from the table`)
  }
  const woByRequest = new Map(rows.writeOffs.map((w) => [w.request_id as string, w]))
  for (const w of rows.writeOffs) {
    const want = w.request_id ? state.requests.get(w.request_id) : undefined
    if (want?.kind !== 'write_off' || want.status !== 'issued')
      problems.push(`write-off ${w.id} has no issued request in the audit trail`)
    else if (!sameAmount(String(w.amount), want.amount))
      problems.push(`write-off ${w.id}: amount is ${norm(w.amount)} in the table but ${want.amount} in the audit trail`)
  }
  for (const [id, r] of state.requests) {
    if (disputeId && r.disputeId !== disputeId) continue
    if (r.kind === 'write_off' && r.status === 'issued' && !woByRequest.has(id))
      problems.push(`the write-off of request ${id} was deleted from the table`)
  }
  for (const row of rows.disputes) {
    const d = disputeOf(row)
    const want = state.disputes.get(d.id)
    const have = snapshotKey(snapshot(d) as unknown as Record<string, unknown>)
    if (want === undefined) problems.push(`dispute ${d.id} has no audit event: it was written outside the application`)
    else if (want !== have)
      problems.push(`dispute ${d.id}: its state or money (${have}) differs from the audit trail (${want})`)
  }
  return problems
}
