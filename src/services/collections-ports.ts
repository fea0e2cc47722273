/**
 * The collections port: a decision's hand-off written to the store (the dispute's hold lowered to
 * what is still in dispute, its audit event, the owner's follow-ups) and the follow-ups read back.
 * Implemented by src/adapters/store/collections-repo.ts.
 */
import type { FollowUp, FollowUpFacts } from '../core/collections-handoff.ts'
import type { Actor, DisputeRecord, StoreResult } from './ports.ts'

export interface HandoffWrite {
  disputeId: string
  /** The audit event: settlement_chosen, or collections_handoff for a decision without a settlement. */
  type: 'settlement_chosen' | 'collections_handoff'
  why: string
  /** What stays on hold as still in dispute (the dispute's remaining disputed amount after it). */
  kept: string
  /** What the trail records besides the dispute's money (the option, its figures, the email). */
  details: Record<string, unknown>
  followUps: FollowUp[]
}

export interface FollowUpRecord extends FollowUp {
  invoiceNumber: string
  currency: string
  /** Paid on the invoice since the hand-off. */
  paidSince: string
}

export interface CollectionsRepository {
  /** One transaction: the dispute locked, its hold lowered (never raised), the event, its follow-ups replaced. */
  handOff(input: HandoffWrite, actor: Actor): Promise<StoreResult<DisputeRecord>>
  /**
   * Resolves the dispute (DisputeRepository.resolve, its idempotency key honoured) and hands it off in the
   * same transaction, once per decision: nothing more is written when it was handed off (by hand, by a
   * settlement or by an earlier resolve) since its last recorded resolution, or when `plan` returns null.
   */
  resolve(
    input: { disputeId: string; outcome: string; idempotencyKey?: string },
    plan: (resolved: DisputeRecord) => Omit<HandoffWrite, 'disputeId' | 'type'> | null,
    actor: Actor,
  ): Promise<StoreResult<{ dispute: DisputeRecord; handedOff: boolean }>>
  followUps(disputeId: string): Promise<FollowUpRecord[]>
  /** Follow-ups whose date is before `today` and whose reminder was not planned yet, with the owner and what was paid since. */
  due(today: string): Promise<FollowUpFacts[]>
}
