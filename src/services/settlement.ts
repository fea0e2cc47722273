/**
 * After the decision: the settlement options a specialist weighs, the one they choose (recorded on
 * the dispute's trail with the customer email that follows it) and the hand-off to collections.
 * Every figure is the core's (settlement-options.ts, collections-handoff.ts); this reads the dispute,
 * the invoice, the policy and the rates, and writes through the collections port.
 */
import { collectionsHandoff, type Handoff, type SlaFlag, slaFlag } from '../core/collections-handoff.ts'
import type { GoodwillBasis, Percent } from '../core/goodwill.ts'
import { isZeroAmount, max, moneyOf, toDecimal, zero } from '../core/money.ts'
import type { Prompts } from '../core/prompts.ts'
import type { Email } from '../core/resolution.ts'
import {
  type SettlementFigures,
  type SettlementKind,
  type SettlementOption,
  settlementOptions,
} from '../core/settlement-options.ts'
import type { FollowUpRecord } from './collections-ports.ts'
import type { Actor, DisputeEvent, DisputeRecord, Store } from './ports.ts'
import type { ServiceResult } from './services.ts'
import { holidaysOf, type Loaded, loadDecision, settlementEmail } from './settlement-decision.ts'
import {
  handoffSinceDecision,
  type RequestCredit,
  recordedHandoff,
  requestSettlementCredits,
  type SettlementCredits,
} from './settlement-credits.ts'

export interface SettlementAsk {
  splitPercent?: Percent
  goodwillPercent?: Percent
  goodwillOf?: GoodwillBasis
  instalments?: number
  /** The customer rejected the outcome (also read from the dispute's trail). */
  customerRejected?: boolean
}

export interface SettlementView extends SettlementFigures {
  disputeId: string
  number: string
  invoiceNumber: string
  customerName: string
  status: DisputeRecord['status']
  sla: SlaFlag
}

export interface SettlementChoice {
  dispute: DisputeRecord
  option: SettlementOption
  handoff: Handoff
  /** The customer email that follows the choice; null for an escalation (the customer hears after it). */
  email: Email | null
  sla: SlaFlag
  /** The option's credits, requested through the credit-memo path (pending their approvers). */
  credits: SettlementCredits
}

export interface ResolvedView {
  dispute: DisputeRecord
  /** The hand-off this resolve made; null when there was nothing owed, or it was handed off before. */
  handoff: Handoff | null
}

export interface HandoffView {
  dispute: DisputeRecord
  handoff: Handoff
  followUps: FollowUpRecord[]
  sla: SlaFlag
}

export interface SettlementService {
  options(disputeRef: string, today: string, ask?: SettlementAsk): Promise<ServiceResult<SettlementView>>
  choose(
    disputeRef: string,
    kind: SettlementKind,
    ask: SettlementAsk & { why?: string; tone?: Email['tone'] },
    actor: Actor,
    today: string,
  ): Promise<ServiceResult<SettlementChoice>>
  /** A decided dispute without a settlement: release what is owed, keep what is still to credit, follow up. */
  handOff(disputeRef: string, actor: Actor, today: string): Promise<ServiceResult<HandoffView>>
  /**
   * Resolves the dispute and, in the same transaction, hands it to collections: everything it still held
   * is owed now, with a follow-up dated for the owner. Once per decision: resolving again, or after a
   * settlement or a hand-off by hand, writes no second hand-off.
   */
  resolve(
    disputeRef: string,
    outcome: string,
    actor: Actor,
    today: string,
    idempotencyKey?: string,
  ): Promise<ServiceResult<ResolvedView>>
}

export function createSettlementService(deps: {
  store: Store
  prompts: Prompts
  /** The one way credits are requested (Services.requestCreditMemo). */
  requestCredit: RequestCredit
  locale?: string
}): SettlementService {
  const { store, prompts } = deps
  const locale = deps.locale ?? 'en-US'

  const compute = (l: Loaded, today: string, ask: SettlementAsk): ServiceResult<SettlementFigures> => {
    const r = settlementOptions({
      resolution: l.res,
      invoice: l.evidence.invoice,
      openBalance: moneyOf(l.invoice.openBalance, l.invoice.currency),
      policy: l.policy,
      policyCurrency: l.pc,
      decidedOn: today,
      holidays: l.holidays,
      customerRejected: Boolean(ask.customerRejected) || l.rejected,
      ...(ask.splitPercent !== undefined ? { splitPercent: ask.splitPercent } : {}),
      ...(ask.goodwillPercent !== undefined
        ? { goodwill: { percent: ask.goodwillPercent, ...(ask.goodwillOf ? { of: ask.goodwillOf } : {}) } }
        : {}),
      ...(ask.instalments !== undefined ? { instalments: ask.instalments } : {}),
    })
    if (!r.ok)
      return {
        ok: false,
        error: { code: 'invalid_claim', message: r.error.message, field: r.error.field ?? 'disputeId' },
      }
    const { ok: _ok, ...figures } = r
    return { ok: true, value: figures }
  }

  const sla = (l: Loaded, today: string) => slaFlag(l.dispute, today, l.policyInput, l.holidayList)

  return {
    async options(ref, today, ask = {}) {
      const l = await loadDecision(store, ref, today)
      if (!l.ok) return l
      const figures = compute(l, today, ask)
      if (!figures.ok) return figures
      return {
        ok: true,
        value: {
          disputeId: l.dispute.id,
          number: l.dispute.number,
          invoiceNumber: l.dispute.invoiceNumber,
          customerName: l.evidence.customer.name,
          status: l.dispute.status,
          ...figures.value,
          sla: sla(l, today),
        },
      }
    },

    async choose(ref, kind, ask, actor, today) {
      const l = await loadDecision(store, ref, today)
      if (!l.ok) return l
      // Settled is decided: a resolved dispute is reopened before its terms change (its credits could not be requested).
      if (l.dispute.status === 'resolved' || l.dispute.status === 'closed')
        return {
          ok: false,
          error: {
            code: 'conflict',
            message: `Dispute ${l.dispute.number} is ${l.dispute.status}; reopen it (status investigating) before choosing a settlement.`,
            field: 'disputeId',
          },
        }
      const figures = compute(l, today, ask)
      if (!figures.ok) return figures
      const r = figures.value
      const option = r.options.find((o) => o.kind === kind)
      if (!option)
        return {
          ok: false,
          error: {
            code: 'invalid_claim',
            message: `No ${kind.replace(/_/g, ' ')} option on ${l.dispute.number}: the customer owes nothing of the disputed amount. Options: ${r.options.map((o) => o.kind).join(', ')}.`,
            field: 'option',
          },
        }
      const cur = l.dispute.currency
      const creditedSoFar = moneyOf(l.dispute.credited, cur).minor + moneyOf(l.dispute.writtenOff, cur).minor
      const stillInDispute =
        kind === 'escalate'
          ? l.dispute.remainingDisputed
          : toDecimal(max(zero(cur), { minor: moneyOf(option.creditTotal, cur).minor - creditedSoFar, currency: cur }))
      let handoff = collectionsHandoff({
        currency: cur,
        remainingDisputed: l.dispute.remainingDisputed,
        stillInDispute,
        decidedOn: today,
        instalments: option.instalments,
        holidays: l.holidays,
      })
      const payBy = handoff.followUps.at(-1)?.dueOn ?? l.res.targetDate
      const email = settlementEmail(l, option, payBy, ask.tone ?? 'neutral', { prompts, locale })
      let dispute = l.dispute
      // The same option chosen again (a retry, a second click) is the choice already recorded: nothing is written twice.
      const before = handoffSinceDecision(l.events)
      if (before && sameChoice(before, option)) handoff = recordedHandoff(before, cur)
      else {
        const written = await store.collections.handOff(
          {
            disputeId: l.dispute.id,
            type: 'settlement_chosen',
            why: `${option.title}: ${option.summary}${ask.why ? ` ${ask.why}` : ''}`.slice(0, 4000),
            kept: handoff.kept,
            details: {
              settlement: option.kind,
              credits: option.credits,
              customerPays: option.customerPays,
              approver: option.approver,
              instalments: option.instalments,
              released: handoff.released,
              kept: handoff.kept,
              ...(email ? { emailSubject: email.subject } : {}),
            },
            followUps: handoff.followUps,
          },
          actor,
        )
        if (!written.ok) return written
        dispute = written.value
      }
      const credits = await requestSettlementCredits(
        { store, requestCredit: deps.requestCredit },
        dispute,
        option,
        actor,
      )
      if (kind === 'escalate' && dispute.status !== 'escalated') {
        const moved = await store.disputes.transition(dispute.id, 'escalated', actor, `settlement: ${option.summary}`)
        if (moved.ok) dispute = moved.value
      }
      // A credit request moves the dispute on (awaiting approval): answer with it as it is now.
      if (credits.requested.length) dispute = (await store.disputes.get(dispute.id)) ?? dispute
      return { ok: true, value: { dispute, option, handoff, email, sla: sla(l, today), credits } }
    },

    async handOff(ref, actor, today) {
      const l = await loadDecision(store, ref, today)
      if (!l.ok) return l
      const cur = l.dispute.currency
      const view = async (dispute: DisputeRecord, handoff: Handoff): Promise<ServiceResult<HandoffView>> => ({
        ok: true,
        value: { dispute, handoff, followUps: await store.collections.followUps(dispute.id), sla: sla(l, today) },
      })
      // Handed off once per decision: by hand before, on resolving, or by a settlement; asking again answers that one.
      const before = handoffSinceDecision(l.events)
      if (before) return view(l.dispute, recordedHandoff(before, cur))
      const handoff = collectionsHandoff({
        currency: cur,
        remainingDisputed: l.dispute.remainingDisputed,
        stillInDispute: stillToCredit(l.dispute),
        decidedOn: today,
        holidays: l.holidays,
      })
      // Nothing owed is nothing to hand off: no event, no follow-up.
      if (isZeroAmount(handoff.released)) return view(l.dispute, handoff)
      const written = await store.collections.handOff(
        {
          disputeId: l.dispute.id,
          type: 'collections_handoff',
          why: `${l.res.classification}: ${handoff.released} ${cur} back to collections, ${handoff.kept} ${cur} still in dispute.`,
          kept: handoff.kept,
          details: { released: handoff.released, kept: handoff.kept },
          followUps: handoff.followUps,
        },
        actor,
      )
      if (!written.ok) return written
      return view(written.value, handoff)
    },

    async resolve(ref, outcome, actor, today, idempotencyKey) {
      const found = await store.disputes.get(ref)
      if (!found) return { ok: false, error: { code: 'not_found', message: `No dispute ${ref}.`, field: 'disputeId' } }
      const holidays = new Set(await holidaysOf(await store.ledger.policy(), today))
      let handoff: Handoff | null = null
      const r = await store.collections.resolve(
        { disputeId: found.id, outcome, ...(idempotencyKey ? { idempotencyKey } : {}) },
        (d) => {
          // The same rule as a hand-off by hand: what the evidence does not support is owed and followed up;
          // what it supports and was not credited is not chased.
          const h = collectionsHandoff({
            currency: d.currency,
            remainingDisputed: d.remainingDisputed,
            stillInDispute: stillToCredit(d),
            decidedOn: today,
            holidays,
          })
          if (isZeroAmount(h.released)) return null
          handoff = h
          return {
            why: `resolved: ${h.released} ${d.currency} back to collections, ${h.kept} ${d.currency} supported and not credited (not chased).`,
            // The status releases the hold (the aging counts open disputes only); the amount stays as it was,
            // so a dispute reopened when the customer comes back holds it again.
            kept: d.remainingDisputed,
            details: { released: h.released, kept: h.kept, on: 'dispute_resolved' },
            followUps: h.followUps,
          }
        },
        actor,
      )
      if (!r.ok) return r
      return { ok: true, value: { dispute: r.value.dispute, handoff: r.value.handedOff ? handoff : null } }
    },
  }
}

/** Still in dispute once decided: what the evidence supports and was not credited or written off yet. */
function stillToCredit(d: DisputeRecord): string {
  const cur = d.currency
  const r = d.resolution
  const supported = moneyOf(r && r.classification !== 'needs_info' ? r.supportedAmount : '0', cur)
  const done = moneyOf(d.credited, cur).minor + moneyOf(d.writtenOff, cur).minor
  return toDecimal(max(zero(cur), { minor: supported.minor - done, currency: cur }))
}

/** Whether a recorded settlement is this option with these figures (the same choice made again). */
function sameChoice(e: DisputeEvent, o: SettlementOption): boolean {
  if (e.type !== 'settlement_chosen') return false
  const a = (e.after ?? {}) as { settlement?: string; credits?: unknown; instalments?: unknown }
  return (
    a.settlement === o.kind &&
    JSON.stringify(a.credits) === JSON.stringify(o.credits) &&
    JSON.stringify(a.instalments) === JSON.stringify(o.instalments)
  )
}
