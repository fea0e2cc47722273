/** The shapes the settlement and collections tools return, declared once for every channel. */
import { z } from 'zod'
import { Percent, GoodwillBasis } from '../src/core/goodwill.ts'
import { Amount } from '../src/core/ledger.ts'
import { Email, Role } from '../src/core/resolution.ts'
import { SETTLEMENT_KINDS } from '../src/core/settlement-options.ts'
import { CreditMemoRequestView, DisputeStatus, DisputeView } from './schemas.ts'

export const SettlementKind = z.enum(SETTLEMENT_KINDS)

/** What the specialist may vary in the options; every field has the policy's default. */
export const SettlementAskInput = {
  splitPercent: Percent.optional().describe('the company’s share of the remainder in a split, in percent (default 50)'),
  goodwillPercent: Percent.optional().describe(
    'the goodwill gesture in percent of `goodwillOf` (default 10), capped by policy',
  ),
  goodwillOf: GoodwillBasis.optional().describe(
    'what the goodwill percentage is of: invoice (default), line or disputed',
  ),
  instalments: z
    .number()
    .int()
    .min(2)
    .max(12)
    .optional()
    .describe('instalments of the payment plan (default 3), monthly'),
  customerRejected: z
    .boolean()
    .optional()
    .describe(
      'the customer rejected the outcome (read from the dispute’s notes too); makes any decided dispute negotiable',
    ),
}

export const SettlementOptionView = z.object({
  kind: SettlementKind,
  title: z.string(),
  summary: z.string(),
  credits: z.array(z.object({ kind: z.enum(['credit_memo', 'goodwill_credit']), amount: Amount, approver: Role })),
  creditTotal: Amount,
  customerPays: Amount,
  keptOnHold: Amount,
  approver: Role.nullable(),
  instalments: z.array(z.object({ n: z.number().int(), dueOn: z.string(), amount: Amount })),
})

export const SlaFlagView = z.object({
  dueOn: z.string(),
  breached: z.boolean(),
  daysOver: z.number().int(),
  flagTo: z.literal('lead').nullable(),
})

export const SettlementOptionsView = z.object({
  disputeId: z.string(),
  number: z.string(),
  invoiceNumber: z.string(),
  customerName: z.string(),
  status: DisputeStatus,
  currency: z.string(),
  disputed: Amount,
  supported: Amount,
  owed: Amount,
  rounding: z.string(),
  options: z.array(SettlementOptionView),
  sla: SlaFlagView,
})

export const HandoffFigures = z.object({
  currency: z.string(),
  released: Amount.describe('back to collections: reminders resume for it'),
  kept: Amount.describe('kept on hold: still in dispute'),
  followUps: z.array(z.object({ seq: z.number().int(), dueOn: z.string(), expectedPaid: Amount })),
})

const CreditKind = z.enum(['credit_memo', 'goodwill_credit'])

export const SettlementCreditsView = z.object({
  requested: z.array(CreditMemoRequestView).describe('requested now, each pending its approver'),
  alreadyRequested: z
    .array(z.object({ kind: CreditKind, amount: Amount }))
    .describe('already requested or issued on the dispute: not asked for again'),
  refused: z
    .array(z.object({ kind: CreditKind, amount: Amount, code: z.string(), message: z.string() }))
    .describe('what the credit-memo path refused (a cap, a limit); the choice itself stands'),
})

export const SettlementChoiceView = z.object({
  dispute: DisputeView,
  option: SettlementOptionView,
  handoff: HandoffFigures,
  email: Email.nullable(),
  sla: SlaFlagView,
  credits: SettlementCreditsView,
})

export const HandoffView = z.object({
  dispute: DisputeView,
  handoff: HandoffFigures,
  followUps: z.array(
    z.object({
      seq: z.number().int(),
      dueOn: z.string(),
      expectedPaid: Amount,
      invoiceNumber: z.string(),
      currency: z.string(),
      paidSince: Amount,
    }),
  ),
  sla: SlaFlagView,
})
