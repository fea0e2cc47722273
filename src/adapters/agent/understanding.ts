/**
 * What the conversation layer reads from one message: the user's intent and the facts stated.
 * The embedded engine fills it with the NLU modules; the LLM engine fills facts through tool
 * arguments instead. Nothing here is a figure the product decides: amounts are what was SAID.
 */
import type { ReasonCode } from '../../core/ledger.ts'

export const INTENTS = [
  'new_dispute',
  'provide_info',
  'correction',
  'email_tone',
  'request_credit_memo',
  'request_write_off',
  'mark_resolved',
  'customer_accepted',
  'customer_rejected',
  'question',
  'greeting',
  'unknown',
] as const
export type Intent = (typeof INTENTS)[number]

export interface StatedFacts {
  invoiceRefs: string[]
  /** Lone numbers that may be invoice numbers ("the late charge on 40019"): kept only when the ledger
   *  resolves one to exactly one invoice. Disputed first. */
  invoiceCandidates?: string[]
  /** The other invoice of a duplicate claim ("INV-2002 duplicates INV-2001": INV-2001). */
  relatedInvoiceRef?: string
  customerText?: string
  customerId?: string
  /** `source`: a phrase pattern, the model alone, or the stated facts (a price comparison, a related invoice). */
  reason?: { code: ReasonCode; confidence: number; evidence: string; source?: 'pattern' | 'model' | 'facts' }
  /** `raw` as typed, so a figure that turns out to be an invoice number can be dropped. */
  amount?: { value: string; currency?: string; raw?: string }
  quantityReceived?: number
  quantityAffected?: number
  expectedUnitPrice?: string
  /** What was billed per unit, as said ("billed at 45"): only a hint that the claim is about price. */
  billedUnitPrice?: string
  /** Units billed, as said ("billed 120", "of the 50"): only a hint that the claim is about quantity. */
  quantityBilled?: number
  /** The counts are hours worked against hours billed ("8 hours not 12"): a service not rendered. */
  hoursCounted?: boolean
  /** A goodwill credit the specialist asks for in their own words ("a goodwill credit of 100 for them"). */
  goodwillAmount?: string
  productWords?: string
  feeType?: 'late_fee' | 'freight' | 'service_fee' | 'other'
  paymentReference?: string
  paymentDate?: string
  /** The date the invoice is named by ("the invoice we sent on 8 June"): to find the invoice, not a fact of the claim. */
  invoiceDate?: string
  /** The period the invoice is named by ("last month's invoice", "the April invoice", "last week's bill"), inclusive. */
  invoicePeriod?: { from: string; to: string }
  deadline?: string
  erp?: string
  teams?: string[]
  poNumber?: string
}

export interface Understanding {
  intent: Intent
  facts: StatedFacts
  tone?: 'neutral' | 'warm' | 'firm'
  /** Set when the message is a pasted customer email: its content is the customer's claim (data). */
  email?: { summary: string; embeddedInstructions: string[] }
  /** The context's ledger identifiers, where the message typed them. */
  references?: UnderstandContext['references']
}

export interface UnderstandContext {
  today: string
  customers: readonly { id: string; name: string }[]
  /** Whether a dispute is already under discussion in this conversation. */
  hasDispute: boolean
  /** Spans of the message the ledger knows as identifiers (agent/ledger-references.ts): read as
   *  those documents, never as figures. An invoice (or a delivery, for its invoice) or a PO. */
  references?: readonly { index: number; length: number; invoiceNumber?: string; poNumber?: string }[]
}

export type Understand = (text: string, context: UnderstandContext) => Understanding
