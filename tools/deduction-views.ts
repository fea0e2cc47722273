/** The shapes the deduction tools return: a remittance deduction, how its reason was read, what opening it did. */
import { z } from 'zod'
import { Action, Amount, Classification, IsoDate, ReasonCode } from '../src/core/ledger.ts'

export const DeductionView = z.object({
  paymentId: z.string(),
  paymentReference: z.string().nullable(),
  paymentDate: IsoDate,
  customerId: z.string(),
  invoiceNumber: z.string().describe('as the remittance advice names it'),
  currency: z.string(),
  paid: Amount,
  deducted: Amount,
  reasonText: z.string().describe("the customer's words or code, as written"),
  disputeId: z.string().nullable().describe('the dispute it opened; null until it is opened'),
  readBy: z.enum(['code', 'text', 'none']).nullable(),
  customerCode: z.string().nullable(),
})

export const DeductionReasonView = z.discriminatedUnion('by', [
  z.object({ by: z.literal('code'), reasonCode: ReasonCode, customerCode: z.string() }),
  z.object({ by: z.literal('text'), reasonCode: ReasonCode, confidence: z.number() }),
  z.object({ by: z.literal('none'), reasonCode: z.literal('other') }),
])

export const DeductionOutcomeView = z.object({
  paymentId: z.string(),
  invoiceNumber: z.string(),
  currency: z.string(),
  deducted: Amount,
  reasonText: z.string(),
  reason: DeductionReasonView,
  status: z.enum(['opened', 'failed']),
  disputeId: z.string().optional(),
  classification: Classification.optional(),
  action: Action.optional(),
  supportedAmount: Amount.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
})

/** What opening deductions did: the disputes opened, those that could not be, and how many had one already. */
export const DeductionsReportView = z.object({
  opened: z.array(DeductionOutcomeView),
  failed: z
    .array(DeductionOutcomeView)
    .describe('not opened (an invoice the ledger does not have); tried again next time'),
  alreadyOpen: z.number().int(),
})
