/**
 * The money a chosen settlement moves: its credits requested through the one credit-memo path
 * (`Services.requestCreditMemo`: the same checks, approval limits by role and per-dispute caps as a
 * request made by hand, pending until someone else approves), never written any other way. Choosing
 * again tops up to the option's figures and never requests what is already requested or issued.
 */
import type { Handoff } from '../core/collections-handoff.ts'
import { moneyOf, sub, sum, toDecimal } from '../core/money.ts'
import type { SettlementCredit, SettlementOption } from '../core/settlement-options.ts'
import type { Actor, CreditMemoRequest, DisputeEvent, DisputeRecord, Store } from './ports.ts'
import { readAll } from './read-all.ts'
import type { Services } from './services.ts'

export type RequestCredit = Services['requestCreditMemo']

export interface SettlementCredits {
  /** Requested now, each pending its approver (or refused below). */
  requested: CreditMemoRequest[]
  /** Already requested or issued on the dispute for this kind: nothing more was asked for. */
  alreadyRequested: { kind: SettlementCredit['kind']; amount: string }[]
  /** What the credit-memo path refused (a cap, a limit), with its reason; the choice itself stands. */
  refused: { kind: SettlementCredit['kind']; amount: string; code: string; message: string }[]
}

const LIVE: readonly CreditMemoRequest['status'][] = ['pending', 'approved', 'issued']
const KIND_WORDS: Record<SettlementCredit['kind'], string> = {
  credit_memo: 'the amount the evidence supports',
  goodwill_credit: 'a goodwill credit',
}

/** Requests the option's credits, kind by kind, less what the dispute already has requested or issued of that kind. */
export async function requestSettlementCredits(
  deps: { store: Store; requestCredit: RequestCredit },
  d: DisputeRecord,
  option: SettlementOption,
  actor: Actor,
): Promise<SettlementCredits> {
  const out: SettlementCredits = { requested: [], alreadyRequested: [], refused: [] }
  if (option.credits.length === 0) return out
  const live = (await Promise.all(LIVE.map((status) => readAll((p) => deps.store.creditMemos.list({ ...p, status })))))
    .flat()
    .filter((m) => m.disputeId === d.id)
  const kinds = [...new Set(option.credits.map((c) => c.kind))]
  for (const kind of kinds) {
    const cur = d.currency
    const want = sum(
      option.credits.filter((c) => c.kind === kind).map((c) => moneyOf(c.amount, cur)),
      cur,
    )
    const have = sum(
      live.filter((m) => m.kind === kind).map((m) => moneyOf(m.amount, cur)),
      cur,
    )
    const gap = sub(want, have)
    if (have.minor > 0n) out.alreadyRequested.push({ kind, amount: toDecimal(have) })
    if (gap.minor <= 0n) continue
    const amount = toDecimal(gap)
    const r = await deps.requestCredit(
      {
        disputeId: d.id,
        kind,
        amount,
        reason: `Settlement "${option.title}" chosen on ${d.number}: ${KIND_WORDS[kind]}.`,
      },
      actor,
    )
    if (r.ok) out.requested.push(r.value)
    else out.refused.push({ kind, amount, code: r.error.code, message: r.error.message })
  }
  return out
}

const HANDOFF_TYPES = new Set(['collections_handoff', 'settlement_chosen'])

/** The dispute's hand-off since its last recorded resolution (by hand, on resolving, or a settlement), if any. */
export function handoffSinceDecision(events: readonly DisputeEvent[]): DisputeEvent | null {
  let found: DisputeEvent | null = null
  for (const e of events) {
    if (e.type === 'resolution_recorded') found = null
    else if (HANDOFF_TYPES.has(e.type)) found = e
  }
  return found
}

/** The figures a recorded hand-off event carries (the same the hand-off wrote). */
export function recordedHandoff(e: DisputeEvent, currency: string): Handoff {
  const a = (e.after ?? {}) as { released?: string; kept?: string; followUps?: Handoff['followUps'] }
  return {
    currency,
    released: a.released ?? '0.00',
    kept: a.kept ?? '0.00',
    followUps: a.followUps ?? [],
  }
}
