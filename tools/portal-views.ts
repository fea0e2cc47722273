/** The shapes the customer's side speaks: a dispute as its customer sees it, and the portal tools' inputs. */
import { z } from 'zod'
import { Amount, Classification, ReasonCode } from '../src/core/ledger.ts'

export const SharedFindingsView = z.object({
  text: z.string(),
  classification: Classification.nullable(),
  supportedAmount: Amount.nullable(),
  currency: z.string(),
  at: z.string(),
  by: z.string(),
})

export const CustomerDisputeView = z.object({
  id: z.string(),
  invoiceNumber: z.string(),
  reasonCode: ReasonCode,
  status: z.enum(['under_review', 'waiting_for_you', 'resolved']),
  description: z.string(),
  currency: z.string(),
  disputedAmount: Amount,
  credited: Amount,
  openedOn: z.string(),
  targetDate: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  csat: z.number().int().nullable(),
  findings: z.array(SharedFindingsView),
  messages: z.array(
    z.object({ at: z.string(), from: z.enum(['customer', 'team']), name: z.string(), text: z.string() }),
  ),
})

export const DisputeIdInput = z.string().min(1).max(100)
/** A message or released findings: readable text, not a document dump. */
export const ThreadText = z.string().trim().min(1, 'write the message').max(8000)
