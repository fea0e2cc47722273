/**
 * The hand-off to collections once a dispute is decided: the hold is released for what the customer
 * owes and kept for what is still in dispute (credits not yet issued, or everything while escalated),
 * a follow-up date is set for the owner, a reminder fires when the customer has not paid by it, and
 * a dispute past its SLA is flagged to the lead. Pure: the store applies the figures, the notifier
 * delivers the notices.
 */
import { slaDueDate, slaState } from './assignment.ts'
import { addBusinessDays, daysBetween } from './dates.ts'
import { disputeNumber } from './assignment.ts'
import type { PolicyInput } from './ledger.ts'
import { clamp, cmp, max, type Money, moneyOf, sub, toDecimal, zero } from './money.ts'
import type { Notice } from './notification-rules.ts'
import type { Instalment } from './settlement-options.ts'

/** Business days the customer is given to pay what was released, before the owner follows up. */
export const DEFAULT_FOLLOW_UP_BUSINESS_DAYS = 5

export interface HandoffInput {
  currency: string
  /** What the dispute holds today (its remaining disputed amount). */
  remainingDisputed: string
  /** Still in dispute once decided: credits not issued yet (or the whole amount while escalated). */
  stillInDispute: string
  decidedOn: string
  /** A payment plan's instalments: a follow-up for each instalment, not a single one for the full amount. */
  instalments?: readonly Instalment[]
  followUpBusinessDays?: number
  holidays?: ReadonlySet<string>
}

export interface FollowUp {
  /** 1 for a single follow-up, the instalment number in a plan. */
  seq: number
  dueOn: string
  /** What the customer should have paid, in all, by `dueOn` (cumulative over a plan). */
  expectedPaid: string
}

export interface Handoff {
  currency: string
  /** Back to collections: reminders resume for it. */
  released: string
  /** Kept on hold: still in dispute. */
  kept: string
  followUps: FollowUp[]
}

export function collectionsHandoff(input: HandoffInput): Handoff {
  const cur = input.currency
  const remaining = moneyOf(input.remainingDisputed, cur)
  const kept = clamp(moneyOf(input.stillInDispute, cur), max(remaining, zero(cur)))
  const released = sub(max(remaining, zero(cur)), kept)
  const followUps: FollowUp[] = []
  if (input.instalments?.length) {
    let cumulative = zero(cur)
    for (const i of input.instalments) {
      cumulative = { minor: cumulative.minor + moneyOf(i.amount, cur).minor, currency: cur }
      followUps.push({ seq: i.n, dueOn: i.dueOn, expectedPaid: toDecimal(cumulative) })
    }
  } else if (released.minor > 0n) {
    const days = input.followUpBusinessDays ?? DEFAULT_FOLLOW_UP_BUSINESS_DAYS
    followUps.push({
      seq: 1,
      dueOn: addBusinessDays(input.decidedOn, days, input.holidays),
      expectedPaid: toDecimal(released),
    })
  }
  return { currency: cur, released: toDecimal(released), kept: toDecimal(kept), followUps }
}

export interface FollowUpFacts extends FollowUp {
  disputeId: string
  /** The readable number's sequence, when there is one. */
  number?: number | null
  invoiceNumber: string
  customerName: string
  currency: string
  ownerId: string | null
  /** Paid on the invoice since the hand-off. */
  paidSince: string
}

/** Whether the customer is behind on a follow-up: its date has passed and less than expected was paid. */
export function followUpMissed(
  f: Pick<FollowUpFacts, 'dueOn' | 'expectedPaid' | 'paidSince' | 'currency'>,
  today: string,
): boolean {
  if (daysBetween(f.dueOn, today) <= 0) return false
  return cmp(moneyOf(f.paidSince, f.currency), moneyOf(f.expectedPaid, f.currency)) < 0
}

/** The owner's reminder for a missed follow-up, or null when the customer paid (or it is not due). */
export function followUpReminder(f: FollowUpFacts, today: string): Notice | null {
  if (!followUpMissed(f, today) || !f.ownerId) return null
  const name = f.number ? disputeNumber(f.number) : f.disputeId
  const short: Money = sub(moneyOf(f.expectedPaid, f.currency), moneyOf(f.paidSince, f.currency))
  return {
    kind: 'reminder',
    disputeId: f.disputeId,
    to: [{ person: f.ownerId }],
    subject: `[DisputeDesk] Payment follow-up: ${name} · ${f.invoiceNumber} · ${f.customerName}`,
    text: `${f.customerName} was to pay ${f.expectedPaid} ${f.currency} on ${f.invoiceNumber} by ${f.dueOn}; ${f.paidSince} ${f.currency} has been paid since dispute ${name} was decided, ${toDecimal(short)} ${f.currency} short. Follow up with the customer.\n`,
  }
}

export interface SlaFlag {
  dueOn: string
  breached: boolean
  /** Calendar days past the due date (0 when not breached). */
  daysOver: number
  /** Who is told: the lead (the notifier's SLA notice goes to the owner and the leads). */
  flagTo: 'lead' | null
}

/** Whether a dispute sits past its SLA: its target date, else the policy's resolution SLA from opening. */
export function slaFlag(
  d: { status: string; openedOn: string; targetDate: string | null },
  today: string,
  policy: PolicyInput | undefined,
  publicHolidays: readonly string[] = [],
): SlaFlag {
  const dueOn = d.targetDate ?? slaDueDate(d.openedOn, policy, publicHolidays)
  const breached = slaState(d.status, dueOn, today) === 'overdue'
  return { dueOn, breached, daysOver: breached ? daysBetween(dueOn, today) : 0, flagTo: breached ? 'lead' : null }
}
