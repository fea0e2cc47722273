/**
 * What the dispute-group tools share: how a claim names its invoices (numbers, or a customer and a
 * period) with the facts said once for all of them, and how a group is shown.
 */
import { z } from 'zod'
import { GroupClaim, MAX_GROUP_INVOICES, Month, monthRange } from '../src/core/dispute-group.ts'
import { Action, Amount, Classification, IsoDate, ReasonCode } from '../src/core/ledger.ts'
import type { GroupSelection } from '../src/services/dispute-groups.ts'
import type { ServiceResult } from '../src/services/services.ts'
import { fail, ok, type ToolResult } from './define-tool.ts'
import { CreditMemoRequestView } from './schemas.ts'

export const GroupClaimInput = GroupClaim.extend({
  invoiceNumbers: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(MAX_GROUP_INVOICES)
    .optional()
    .describe('the invoices of the claim, as printed or their last digits'),
  customerId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("with a period: every one of this customer's invoices issued in it"),
  month: Month.optional().describe('"2026-03" for every invoice issued in March 2026'),
  from: IsoDate.optional().describe('issued on or after, YYYY-MM-DD'),
  to: IsoDate.optional().describe('issued on or before, YYYY-MM-DD'),
})
export type GroupClaimInput = z.infer<typeof GroupClaimInput>

/** The selection and the shared claim of a tool's input: a month is its first to last day. */
export function groupClaimOf(input: GroupClaimInput): { selection: GroupSelection; claim: GroupClaim } {
  const { invoiceNumbers, customerId, month, from, to, ...claim } = input
  const period = month ? monthRange(month) : { from, to }
  return {
    selection: {
      ...(invoiceNumbers ? { invoiceNumbers } : {}),
      ...(customerId ? { customerId } : {}),
      ...(period.from ? { from: period.from } : {}),
      ...(period.to ? { to: period.to } : {}),
    },
    claim,
  }
}

export const GroupLineView = z.object({
  invoiceNumber: z.string(),
  disputeId: z.string().optional(),
  reasonCode: ReasonCode,
  classification: Classification,
  action: Action,
  currency: z.string(),
  disputedAmount: Amount,
  supportedAmount: Amount,
  owedAmount: Amount,
})

export const GroupTotalView = z.object({
  currency: z.string(),
  invoices: z.number().int(),
  disputed: Amount,
  supported: Amount,
  owed: Amount,
})

export const GroupPreviewView = z.object({
  customerId: z.string(),
  lines: z.array(GroupLineView).describe('one per invoice, each with its own figures'),
  totals: z.array(GroupTotalView).describe('per currency: amounts in different currencies are never added'),
})

export const DisputeGroupView = GroupPreviewView.extend({
  group: z.object({
    id: z.string(),
    customerId: z.string(),
    description: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    disputeIds: z.array(z.string()),
  }),
})

export const GroupCreditsView = z.object({
  groupId: z.string(),
  requested: z.array(z.object({ disputeId: z.string(), invoiceNumber: z.string(), request: CreditMemoRequestView })),
  skipped: z.array(z.object({ disputeId: z.string(), invoiceNumber: z.string(), why: z.string() })),
  refused: z.array(
    z.object({
      disputeId: z.string(),
      invoiceNumber: z.string(),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), amount: Amount, count: z.number().int() })),
})

/** A service result as a tool result, the error's field kept. */
export const toolResult = <T>(r: ServiceResult<T>): ToolResult<T> =>
  r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
