/**
 * What goes into an investigation (the claim and the evidence) and what comes out (the resolution).
 * Declared once with zod: the tools, the chat API, MCP and the evals all speak these shapes.
 * Amounts are decimal strings in the invoice currency ("150.00"); dates are "YYYY-MM-DD".
 */
import { z } from 'zod'
import {
  Action,
  Amount,
  Classification,
  type Contract,
  type CreditMemo,
  type Customer,
  type Delivery,
  type FxRate,
  type Invoice,
  IsoDate,
  type PastDispute,
  type Payment,
  type PolicyInput,
  type PurchaseOrder,
  ReasonCode,
  type ServiceLog,
} from './ledger.ts'

export const TEAMS = [
  'sales',
  'billing',
  'logistics',
  'service_delivery',
  'customer_success',
  'cash_application',
  'collections',
  'tax',
  'legal',
] as const
export const Team = z.enum(TEAMS)
export type Team = z.infer<typeof Team>

export const ROLES = ['specialist', 'lead', 'finance_controller', 'admin', 'customer'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

/**
 * The facts the conversation gathered. Only `invoiceNumber` and `reasonCode` are required; the core
 * derives the rest from the evidence. Free text is never read by the core except `description`,
 * which is kept for similarity search and the audit trail.
 */
export const Claim = z.strictObject({
  invoiceNumber: z.string().min(1),
  reasonCode: ReasonCode,
  /** What the specialist said is in dispute, when said. Otherwise derived from the claim and evidence. */
  disputedAmount: Amount.optional(),
  /** Invoice lines the claim is about (line numbers), when the specialist named them. */
  lines: z.array(z.number().int().min(1)).optional(),
  /** SKU or product words the claim is about ("widget B", "WIDGET-B"), matched to a line by the core. */
  sku: z.string().optional(),
  /** Units the customer says they received ("they got 42 of the 50"). */
  quantityReceived: z.number().min(0).optional(),
  /** Units the customer says are affected ("4 arrived cracked", "billed 8 too many"). */
  quantityAffected: z.number().min(0).optional(),
  /** Unit price the customer says is right ("should be 12.50"). */
  expectedUnitPrice: Amount.optional(),
  /** Another invoice the customer says this one duplicates. */
  relatedInvoiceNumber: z.string().optional(),
  /** The fee type the claim is about (late_fee when they dispute "the late fee"). */
  feeType: z.enum(['late_fee', 'freight', 'service_fee', 'other']).optional(),
  /**
   * The dates a service claim is about ("nobody came on the 3rd and 4th" → two dates), decided by
   * service logs that cover those dates one by one.
   */
  serviceDates: z.array(IsoDate).optional(),
  /** Payment reference or date the customer quotes for `already_paid`. */
  paymentReference: z.string().optional(),
  paymentDate: IsoDate.optional(),
  /** A deadline the specialist gave; otherwise the SLA decides the target date. */
  deadline: IsoDate.optional(),
  /** The date the dispute was opened (defaults to today). */
  openedOn: IsoDate.optional(),
  /** The specialist explicitly asked for a goodwill credit of this amount. */
  goodwillAmount: Amount.optional(),
  description: z.string().optional(),
})
export type Claim = z.infer<typeof Claim>

/** Everything the ledger holds that bears on one invoice. The service fetches it; the core reads it. */
export interface Evidence {
  invoice: Invoice
  customer: Customer
  contract: Contract | null
  purchaseOrders: PurchaseOrder[]
  deliveries: Delivery[]
  serviceLogs: ServiceLog[]
  /** All the customer's payments (applied and unapplied), so a misapplied one can be found. */
  payments: Payment[]
  creditMemos: CreditMemo[]
  /** The customer's other invoices, for duplicates and contract-period checks. */
  otherInvoices: Invoice[]
  /** The customer's earlier disputes (past and open), for the repeat-dispute trigger. */
  customerDisputes: { id: string; openedDate: string }[]
}

export interface InvestigationInput {
  claim: Claim
  evidence: Evidence
  policy?: PolicyInput
  /** The assistant's today, "YYYY-MM-DD": the core has no clock. */
  today: string
  /** The currency policy amounts are in (`company.currency`); the invoice's when absent. */
  companyCurrency?: string
  /** The ledger's rates into the company currency. */
  fxRates?: readonly FxRate[]
  /**
   * Public holidays of `policy.holidayCalendar` around the dispute, as plain dates: the service looks
   * the calendar up (a library with data files), the core only skips them. `policy.holidays` is read here.
   */
  publicHolidays?: readonly string[]
}

export const FindingTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('line'), line: z.number().int(), sku: z.string() }),
  z.object({ kind: z.literal('fee'), feeType: z.string(), index: z.number().int() }),
  z.object({ kind: z.literal('tax'), line: z.number().int().optional() }),
  z.object({ kind: z.literal('invoice') }),
  z.object({ kind: z.literal('payment'), paymentId: z.string() }),
])
export type FindingTarget = z.infer<typeof FindingTarget>

export const Finding = z.object({
  /** Which check produced it (a reason code). */
  check: ReasonCode,
  target: FindingTarget,
  /** What was billed, in words with figures from the ledger ("100 × 14.00"). */
  billed: z.string(),
  /** What the evidence says ("contract price 12.50"). */
  evidence: z.string(),
  /** The document that proves it (contract, delivery, service log, payment, invoice id). */
  documentId: z.string(),
  /** The amount the customer does not owe because of this finding (0.00 when the invoice stands). */
  amountNotOwed: Amount,
  /** True when the evidence supports the customer on this point. */
  supportsCustomer: z.boolean(),
})
export type Finding = z.infer<typeof Finding>

export const DOCUMENT_KINDS = [
  'invoice',
  'purchase_order',
  'contract',
  'delivery',
  'service_log',
  'payment',
  'duplicate_invoice',
] as const
export const DocumentKind = z.enum(DOCUMENT_KINDS)
export type DocumentKind = z.infer<typeof DocumentKind>

export const DocumentStatus = z.object({
  kind: DocumentKind,
  status: z.enum(['found', 'missing', 'not_applicable']),
  ids: z.array(z.string()),
  /** Whether this reason's decision needs it. */
  required: z.boolean(),
})
export type DocumentStatus = z.infer<typeof DocumentStatus>

export const Reason = z.object({ code: z.string(), detail: z.string() })
export type Reason = z.infer<typeof Reason>

export const EscalationTarget = z.enum(['lead', 'legal', 'finance_controller'])
export const Escalation = z.object({
  required: z.boolean(),
  to: z.array(EscalationTarget),
  reasons: z.array(Reason),
})
export type Escalation = z.infer<typeof Escalation>

export const SimilarDispute = z.object({
  id: z.string(),
  customerId: z.string(),
  invoiceNumber: z.string().nullable(),
  reasonCode: ReasonCode,
  openedDate: z.string(),
  outcome: Classification.nullable(),
  action: Action.nullable(),
  rootCause: z.string().nullable(),
  summary: z.string(),
  score: z.number(),
})
export type SimilarDispute = z.infer<typeof SimilarDispute>

export const Insight = z.object({
  kind: z.enum([
    'trend',
    'credit_vs_rebill',
    'template',
    'training',
    'misconfiguration',
    'precedent',
    // An unmet need for the account manager (insights-opportunity.ts); never in the customer email.
    'opportunity',
  ]),
  text: z.string(),
  /** The figures and ids the text rests on, so a lead can check it. */
  basis: z.array(z.string()),
})
export type Insight = z.infer<typeof Insight>

export const Email = z.object({ subject: z.string(), body: z.string(), tone: z.enum(['neutral', 'warm', 'firm']) })
export type Email = z.infer<typeof Email>

/**
 * Root causes as codes, so prevention playbooks, insights and trends key on the same vocabulary.
 * The core picks one from its findings; people read `rootCause` (the sentence).
 */
export const ROOT_CAUSES = [
  'price_list_not_updated',
  'billed_ordered_not_delivered',
  'damaged_in_transit',
  'duplicate_invoice_generated',
  'service_billed_not_rendered',
  'po_missing_on_invoice',
  'payment_not_applied',
  'late_fee_applied_in_error',
  'tax_exemption_not_applied',
  'billed_outside_contract_term',
  'service_quality_issue',
  'charge_not_supported',
  'invoice_correct',
  'missing_documentation',
  'unknown',
] as const
export const RootCause = z.enum(ROOT_CAUSES)
export type RootCause = z.infer<typeof RootCause>

/** The machine-readable result every channel shows. Prose around it comes from the engines. */
export const Resolution = z.object({
  invoiceNumber: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  reasonCode: ReasonCode,
  classification: Classification,
  currency: z.string(),
  disputedAmount: Amount,
  supportedAmount: Amount,
  /** disputed − supported: what the customer still owes of what they dispute. */
  owedAmount: Amount,
  /**
   * The disputed amount in the company currency, when the invoice is in another one and the policy
   * thresholds were applied to it; `amount` null when the ledger had no rate.
   */
  policyAmount: z
    .object({
      currency: z.string(),
      amount: Amount.nullable(),
      rate: z.string().nullable(),
      rateDate: IsoDate.nullable(),
    })
    .optional(),
  /** Where the disputed amount came from: the specialist's words or the evidence. */
  disputedAmountSource: z.enum(['stated', 'derived']),
  action: Action,
  /** Who must approve the action's money (null when nothing moves). */
  approval: z.object({ requiredRole: Role, amount: Amount }).nullable(),
  escalation: Escalation,
  stakeholders: z.array(Team),
  documentation: z.array(DocumentStatus),
  missingDocuments: z.array(DocumentKind),
  openedOn: IsoDate,
  targetDate: IsoDate,
  invoiceTotal: Amount,
  openBalance: Amount,
  daysPastDue: z.number().int(),
  findings: z.array(Finding),
  rootCauseCode: RootCause,
  rootCause: z.string(),
  rationale: z.array(Reason),
  similar: z.array(SimilarDispute),
  email: Email,
  prevention: z.array(z.string()),
  insights: z.array(Insight),
})
export type Resolution = z.infer<typeof Resolution>

/** What the core's investigation decides; the services add similar disputes, email, prevention, insights. */
export type Decision = Omit<Resolution, 'similar' | 'email' | 'prevention' | 'insights'>

export type { Contract, CreditMemo, Customer, Delivery, Invoice, PastDispute, Payment, PurchaseOrder, ServiceLog }
