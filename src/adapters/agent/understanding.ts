/**
 * What the conversation layer reads from one message: the user's intent and the facts stated.
 * The embedded engine fills it with the NLU modules; the LLM engine fills facts through tool
 * arguments instead. Nothing here is a figure the product decides: amounts are what was SAID.
 */
import { z } from 'zod'
import { ReasonCode } from '../../core/ledger.ts'
import { DisputeFacts } from './dispute-facts.ts'

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

/**
 * The facts one message states. Those the conversation keeps under the same name are DisputeFacts'
 * own declarations, taken as they are; the ones below are how a message says a fact before the
 * ledger is read (an invoice as typed, a figure with the text it was typed as, a reason with how sure
 * the reading is) or only help find the invoice.
 */
export const StatedFacts = DisputeFacts.omit({
  invoiceNumber: true,
  reasonCode: true,
  disputedAmount: true,
  sku: true,
  relatedInvoiceNumber: true,
  reasonGuessed: true,
}).extend({
  invoiceRefs: z.array(z.string()),
  /** Lone numbers that may be invoice numbers ("the late charge on 40019"): kept only when the ledger
   *  resolves one to exactly one invoice. Disputed first. */
  invoiceCandidates: z.array(z.string()).optional(),
  /** The other invoice of a duplicate claim ("INV-2002 duplicates INV-2001": INV-2001). */
  relatedInvoiceRef: z.string().optional(),
  customerText: z.string().optional(),
  /** `source`: a phrase pattern, the model alone, or the stated facts (a price comparison, a related invoice). */
  reason: z
    .object({
      code: ReasonCode,
      confidence: z.number(),
      evidence: z.string(),
      source: z.enum(['pattern', 'model', 'facts']).optional(),
      /** What the words alone read, where the stated facts overruled it: the reading that stands when
       *  the ledger shows those facts were no claim (a "price" that is the one billed). */
      words: ReasonCode.optional(),
    })
    .optional(),
  /** `raw` as typed, so a figure that turns out to be an invoice number can be dropped; `paid` when it
   *  was said as what the customer paid ("they paid 18.2k on 04/10"). */
  amount: z
    .object({
      value: z.string(),
      currency: z.string().optional(),
      raw: z.string().optional(),
      paid: z.boolean().optional(),
    })
    .optional(),
  /** What was billed per unit, as said ("billed at 45"): only a hint that the claim is about price. */
  billedUnitPrice: z.string().optional(),
  /** The counts are hours worked against hours billed ("8 hours not 12"): a service not rendered. */
  hoursCounted: z.boolean().optional(),
  /** The product words the claim is about, kept as the claim's `sku`. */
  productWords: z.string().optional(),
  /** The date the invoice is named by ("the invoice we sent on 8 June"): to find the invoice, not a fact of the claim. */
  invoiceDate: z.string().optional(),
  /** The period the invoice is named by ("last month's invoice", "the April invoice", "last week's bill"), inclusive. */
  invoicePeriod: z.object({ from: z.string(), to: z.string() }).optional(),
  poNumber: z.string().optional(),
})
export type StatedFacts = z.infer<typeof StatedFacts>

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
  /** The reason the conversation holds so far: a bare count in a reply is read by it. */
  reasonCode?: string
  /** Spans of the message the ledger knows as identifiers (agent/ledger-references.ts): read as
   *  those documents, never as figures. An invoice (or a delivery, for its invoice) or a PO. */
  references?: readonly { index: number; length: number; invoiceNumber?: string; poNumber?: string }[]
}

export type Understand = (text: string, context: UnderstandContext) => Understanding
