/**
 * The use-cases, as the tools see them. Each is core + ports: the store supplies evidence and
 * records decisions, the core decides every figure, retrieval finds precedents.
 */
import type { Claim, Email, Resolution, SimilarDispute } from '../core/resolution.ts'
import type { ReasonCode } from '../core/ledger.ts'
import type { AgingReport } from '../core/aging.ts'
import type { TrendsReport } from '../core/trends.ts'
import type { GoodwillBasis, Percent } from '../core/goodwill.ts'
import type { CustomerMessages } from './customer-messages.ts'
import type { DeductionService } from './deductions.ts'
import type { DisputeGroupService } from './dispute-groups.ts'
import type { GoodwillPercent } from './goodwill-amount.ts'
import type { PortalService } from './portal.ts'
import type { SettlementService } from './settlement.ts'
import type { Actor, CreditMemoRequest, DisputeRecord, Store, StoreError } from './ports.ts'

export type ServiceError =
  | StoreError
  | { code: 'invoice_not_found'; message: string; field: string }
  | { code: 'dispute_not_found'; message: string; field: string }
  | { code: 'amount_exceeds_invoice'; message: string; field: string }
  | { code: 'invalid_claim'; message: string; field?: string }

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; error: ServiceError }

export interface SimilarQuery {
  text: string
  customerId?: string
  /** Only that customer's disputes (a customer's own search), not a boost. */
  onlyCustomer?: boolean
  reasonCode?: ReasonCode
  excludeId?: string
  limit?: number
}

/** Similar past disputes (the retrieval adapter implements it over pgvector + full-text search). */
export interface SimilarSearch {
  search(query: SimilarQuery): Promise<SimilarDispute[]>
  /** Makes a dispute searchable at once (called when a dispute is opened or resolved). */
  upsertDispute(dispute: DisputeRecord): Promise<void>
  /** Makes past disputes that arrived with an import searchable (idempotent); returns how many it indexed. */
  indexPastDisputes?(progress?: (done: number, total: number) => void): Promise<number>
}

export interface InvestigateOptions {
  today: string
  tone?: Email['tone']
  /** Progress of the steps, for streaming UIs. */
  progress?: (text: string) => void
  /** The recorded dispute this investigation is about, kept out of its own similar disputes. */
  disputeId?: string
}

/** An invoice number as people type it, resolved against the ledger. */
export type InvoiceLookup =
  | { ok: true; number: string }
  | {
      ok: false
      error: { code: 'invoice_not_found' | 'ambiguous_invoice'; message: string; field: string; candidates: string[] }
    }

export interface Services {
  /** Every channel in one thread: inbound emails, calls and chat notes matched to disputes; threaded replies. */
  messages: CustomerMessages
  store: Store
  similar: SimilarSearch
  /** "1002", "inv 1002", "INV-1002" → the one invoice it names, or candidates when it is ambiguous. */
  resolveInvoice(reference: string, customerId?: string): Promise<InvoiceLookup>
  /** Aging buckets per customer and in total, disputed amounts shown separately. */
  aging(today: string, filter?: { customerId?: string }): Promise<AgingReport>
  /** Dispute trends over past and current disputes. */
  trends(today: string, range?: { from?: string; to?: string }): Promise<TrendsReport>
  /** The whole resolution: evidence, decision, similar disputes, email, prevention, insights. Pure reads. */
  investigate(claim: Claim, options: InvestigateOptions): Promise<ServiceResult<Resolution>>
  /** Opens a dispute from a claim and records its resolution (audit events included). */
  openDispute(
    claim: Claim,
    actor: Actor,
    options: InvestigateOptions & { idempotencyKey?: string; disputeId?: string },
  ): Promise<ServiceResult<{ dispute: DisputeRecord; resolution: Resolution }>>
  /** Short payments: each deduction on a remittance advice opens its own dispute, once. */
  deductions: DeductionService
  /** Several invoices in one claim: a linked group of disputes, its figures and its credits. */
  groups: DisputeGroupService
  /** The customer's side: reads and writes scoped to a customer key's customer. */
  portal: PortalService
  /** After the decision: settlement options, the chosen one, the hand-off to collections. */
  settlement: SettlementService
  /** A goodwill credit asked for as a share, as the amount it comes to (capped by policy): of a recorded
   *  dispute, or of the chat's investigation before anything is recorded. */
  goodwillAmount(
    dispute: Pick<DisputeRecord, 'invoiceNumber' | 'resolution'>,
    ask: GoodwillPercent,
  ): Promise<ServiceResult<{ amount: string; detail: string }>>
  /** Re-drafts a dispute's customer email in another tone; figures never change. */
  draftEmail(disputeId: string, tone: Email['tone']): Promise<ServiceResult<Email>>
  requestCreditMemo(
    input: {
      disputeId: string
      amount?: string
      /** A goodwill credit as a share instead of an amount: computed and capped by the core. */
      percent?: Percent
      of?: GoodwillBasis
      line?: number
      reason: string
      kind?: CreditMemoRequest['kind']
      idempotencyKey?: string
    },
    actor: Actor,
  ): Promise<ServiceResult<CreditMemoRequest>>
}
