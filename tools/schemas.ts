/**
 * Input and output shapes the tools share: paging, date filters and the views of stored records.
 * Ledger documents reuse the ledger schema's own declarations.
 */
import { z } from 'zod'
import { Action, Amount, Classification, Invoice, IsoDate, Payment, ReasonCode } from '../src/core/ledger.ts'
import { Resolution, Role } from '../src/core/resolution.ts'
import { DISPUTE_STATUSES } from '../src/services/ports.ts'

/** Every list tool pages: no fixed 10 rows. */
export const Paging = {
  limit: z.number().int().min(1).max(500).default(50).describe('rows per page (1–500, default 50)'),
  offset: z.number().int().min(0).default(0).describe('rows to skip, for the next page'),
}

export const DateRange = {
  from: IsoDate.optional().describe('earliest date, YYYY-MM-DD (inclusive)'),
  to: IsoDate.optional().describe('latest date, YYYY-MM-DD (inclusive)'),
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
}

export const InvoiceView = Invoice.extend({
  computedTotal: Amount,
  paidAmount: Amount,
  creditedAmount: Amount,
  writtenOffAmount: Amount,
  openBalance: Amount,
  disputedAmount: Amount,
  collectionsHold: z.boolean(),
})

export const InvoiceDetail = InvoiceView.extend({
  customerName: z.string(),
  daysPastDue: z.number().int(),
})

export const PaymentView = Payment.extend({ applied: z.boolean() })

export const DisputeStatus = z.enum(DISPUTE_STATUSES)

export const DisputeView = z.object({
  id: z.string(),
  number: z.string().describe('the readable number (DSP-000123), accepted wherever the id is'),
  invoiceNumber: z.string(),
  customerId: z.string(),
  status: DisputeStatus,
  reasonCode: ReasonCode,
  description: z.string(),
  currency: z.string(),
  originalDisputed: Amount,
  remainingDisputed: Amount,
  credited: Amount,
  writtenOff: Amount,
  disputedLines: z.array(z.number().int()),
  classification: Classification.nullable(),
  action: Action.nullable(),
  supportedAmount: Amount.nullable(),
  resolution: Resolution.nullable(),
  rootCause: z.string().nullable(),
  department: z.string().nullable(),
  escalated: z.boolean(),
  ownerId: z.string().nullable(),
  openedAt: z.string(),
  openedOn: z.string(),
  targetDate: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  csat: z.number().int().nullable(),
})

export const DisputeEventView = z.object({
  seq: z.number().int(),
  disputeId: z.string().nullable(),
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: Role,
  type: z.string(),
  why: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
})

export const CreditMemoRequestView = z.object({
  id: z.string(),
  disputeId: z.string(),
  invoiceNumber: z.string(),
  amount: Amount,
  currency: z.string(),
  reason: z.string(),
  kind: z.enum(['credit_memo', 'write_off', 'goodwill_credit']),
  status: z.enum(['pending', 'approved', 'rejected', 'issued', 'cancelled']),
  requestedBy: z.string(),
  requestedAt: z.string(),
  requiredRole: Role,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  creditMemoNumber: z.string().nullable(),
})

export const InvoiceNumberInput = z
  .string()
  .trim()
  .min(1, 'give the invoice number as printed, e.g. INV-1001, or its last digits')
  .max(100, 'at most 100 characters')
  .describe('as printed, e.g. INV-1001, or its last digits ("1001")')
