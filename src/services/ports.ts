/**
 * The ports the use-cases need. The store adapter (src/adapters/store) implements them over one SQL
 * layer that runs on PGlite and on PostgreSQL through `pg`. Services and tools depend on these
 * interfaces only, never on a driver.
 *
 * Amounts are decimal strings in the document's currency; dates "YYYY-MM-DD"; instants ISO-8601.
 */
import type {
  Action,
  Classification,
  Contract,
  CreditMemo,
  Customer,
  Delivery,
  FxRate,
  Invoice,
  Ledger,
  PastDispute,
  Payment,
  PolicyInput,
  PurchaseOrder,
  ReasonCode,
  ServiceLog,
} from '../core/ledger.ts'
import type { Deduction } from '../core/deductions.ts'
import type { MessageRepository } from './customer-messages.ts'
import type { Evidence, Resolution, Role } from '../core/resolution.ts'
import type { AssignmentRepository } from './assignment-ports.ts'
import type { CollectionsRepository } from './collections-ports.ts'

export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface PageRequest {
  limit?: number // default 50, max 500
  offset?: number
}

/** Who is acting: every write records it in the audit trail. */
export interface Actor {
  id: string // api key id, or 'system'
  name: string
  role: Role
  /** A customer's contact: the one customer every read and write of theirs is bound to. */
  customerId?: string
}

/** The invoice as stored, with what the ledger knows about its money today. */
export interface InvoiceRecord extends Invoice {
  /** Total recomputed from lines and fees. */
  computedTotal: string
  paidAmount: string
  creditedAmount: string
  writtenOffAmount: string
  /** total − applied payments − issued credit memos − write-offs. */
  openBalance: string
  /** Sum of remaining disputed amounts of its open disputes. */
  disputedAmount: string
  /** A collections hold while a dispute is open: reminders paused for the disputed amount. */
  collectionsHold: boolean
}

export interface InvoiceFilter extends PageRequest {
  customerId?: string
  status?: 'open' | 'paid' | 'partially_paid' | 'void'
  /** A fragment of the number as people type it: "0451", "inv 1002", "1002". */
  numberFragment?: string
  /** Those billed against this purchase order. */
  poNumber?: string
  issuedFrom?: string
  issuedTo?: string
}

/** One ledger identifier a typed key names (see LedgerRepository.referencesByKey). */
export interface KeyedReference {
  key: string
  kind: 'invoice' | 'po' | 'delivery'
  /** The identifier as the ledger writes it: the invoice number, PO number or delivery id. */
  id: string
  /** The invoice it names or belongs to. */
  invoiceNumber: string
}

export interface LedgerRepository {
  company(): Promise<{ name: string; currency: string; erp: string | null }>
  policy(): Promise<PolicyInput>
  /** Every imported rate into the company currency, by currency then date. */
  fxRates(): Promise<FxRate[]>
  listCustomers(page?: PageRequest & { query?: string }): Promise<Page<Customer>>
  /** How many customers there are, counting no further than `upTo`: a bounded read at any size. */
  countCustomers(upTo: number): Promise<number>
  /** Every customer, by name, when there are at most `upTo`; null when there are more (one bounded read). */
  allCustomers(upTo: number): Promise<Customer[] | null>
  /**
   * Customers whose name or id contains `word` (any case), by name: all of them when they are fewer
   * than `upTo`, else `upTo` of them, which ones unsaid (the read stops there).
   */
  customersNamed(word: string, upTo: number): Promise<Customer[]>
  getCustomer(id: string): Promise<Customer | null>
  getInvoice(number: string): Promise<InvoiceRecord | null>
  findInvoices(filter: InvoiceFilter): Promise<Page<InvoiceRecord>>
  /** How many invoices (issued in the range, if given) there are, counting no further than `upTo`. */
  countInvoices(upTo: number, range?: Pick<InvoiceFilter, 'issuedFrom' | 'issuedTo'>): Promise<number>
  /**
   * Ledger identifiers by key (letters and digits only, lower case): invoices whose number ends
   * with a key (a few per key), invoices whose PO number is a key, and deliveries whose id is one.
   */
  referencesByKey(keys: readonly string[]): Promise<KeyedReference[]>
  /** A few invoice numbers whose key (letters and digits only, lower case) starts with each prefix. */
  invoicesStartingWith(prefixes: readonly string[]): Promise<{ prefix: string; number: string }[]>
  getContract(id: string): Promise<Contract | null>
  contractsForCustomer(customerId: string): Promise<Contract[]>
  purchaseOrders(filter: { customerId?: string; number?: string } & PageRequest): Promise<Page<PurchaseOrder>>
  deliveries(
    filter: { invoiceNumber?: string; poNumber?: string; from?: string; to?: string } & PageRequest,
  ): Promise<Page<Delivery>>
  serviceLogs(
    filter: { customerId?: string; invoiceNumber?: string; from?: string; to?: string } & PageRequest,
  ): Promise<Page<ServiceLog>>
  payments(
    filter: {
      customerId?: string
      invoiceNumber?: string
      unappliedOnly?: boolean
      from?: string
      to?: string
    } & PageRequest,
  ): Promise<Page<Payment & { applied: boolean }>>
  creditMemos(filter: { invoiceNumber?: string; from?: string; to?: string } & PageRequest): Promise<Page<CreditMemo>>
  /** Everything that bears on one invoice, in one read. Null when the invoice does not exist. */
  evidenceFor(invoiceNumber: string): Promise<Evidence | null>
  pastDisputes(
    filter: { customerId?: string; reasonCode?: ReasonCode; from?: string; to?: string } & PageRequest,
  ): Promise<Page<PastDispute>>
}

export const DISPUTE_STATUSES = [
  'open',
  'investigating',
  'awaiting_customer',
  'awaiting_approval',
  'escalated',
  'resolved',
  'closed',
] as const
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number]

export interface DisputeRecord {
  id: string
  /** The readable number people quote (DSP-000123); accepted wherever the id is. */
  number: string
  invoiceNumber: string
  customerId: string
  status: DisputeStatus
  reasonCode: ReasonCode
  description: string
  currency: string
  originalDisputed: string
  remainingDisputed: string
  credited: string
  writtenOff: string
  disputedLines: number[]
  classification: Classification | null
  action: Action | null
  supportedAmount: string | null
  resolution: Resolution | null
  rootCause: string | null
  department: string | null
  escalated: boolean
  ownerId: string | null
  openedAt: string
  openedOn: string
  targetDate: string | null
  resolvedAt: string | null
  outcomeNote: string | null
  csat: number | null
}

export interface DisputeEvent {
  seq: number
  disputeId: string | null
  at: string
  actorId: string
  /** The person who acted, as the audit trail names them ("Ana Ruiz"; with the role: "Ana Ruiz (lead)"). */
  actorName: string
  actorRole: Role
  type: string // e.g. dispute_opened, status_changed, note_added, credit_memo_requested, credit_memo_approved
  why: string | null
  before: unknown
  after: unknown
  prevHash: string
  hash: string
}

export interface CreditMemoRequest {
  id: string
  disputeId: string
  invoiceNumber: string
  amount: string
  currency: string
  reason: string
  kind: 'credit_memo' | 'write_off' | 'goodwill_credit'
  /** cancelled: its dispute was resolved or closed while it waited. */
  status: 'pending' | 'approved' | 'rejected' | 'issued' | 'cancelled'
  requestedBy: string
  requestedAt: string
  requiredRole: Role
  decidedBy: string | null
  decidedAt: string | null
  decisionReason: string | null
  creditMemoNumber: string | null
}

export type StoreError =
  | { code: 'not_found'; message: string; field?: string }
  | { code: 'illegal_transition'; message: string; from: DisputeStatus; to: DisputeStatus }
  | { code: 'amount_exceeds_balance'; message: string; field: string }
  | { code: 'approval_limit_exceeded'; message: string }
  | { code: 'self_approval'; message: string }
  | { code: 'forbidden'; message: string }
  | { code: 'conflict'; message: string }
  /** Requested + issued credits (or write-offs) on the dispute would pass what it may receive. */
  | { code: 'credit_exceeds_supported'; message: string; field: string; remaining: string; earlierDisputes: string[] }
  /** An idempotency key used again with a different input. */
  | { code: 'idempotency_key_reused'; message: string; field: string }
  /** Revoking the acting person's last active key would lock them out. */
  | { code: 'last_key'; message: string; field: string }
  | { code: 'invalid_input'; message: string; field: string }
  /** A ledger that cannot be imported: every problem, each with its path (`invoices[2].total`). */
  | { code: 'invalid_ledger'; message: string; errors: { path: string; message: string }[] }

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError }

export interface OpenDisputeInput {
  invoiceNumber: string
  reasonCode: ReasonCode
  description: string
  disputedAmount: string
  disputedLines?: number[]
  openedOn: string
  targetDate?: string
  idempotencyKey?: string
}

export interface DisputeRepository {
  open(input: OpenDisputeInput, actor: Actor): Promise<StoreResult<DisputeRecord>>
  get(id: string): Promise<DisputeRecord | null>
  list(
    filter: {
      status?: DisputeStatus
      reasonCode?: ReasonCode
      customerId?: string
      invoiceNumber?: string
      from?: string
      to?: string
      sort?: 'opened_at' | 'amount' | 'status'
      order?: 'asc' | 'desc'
    } & PageRequest,
  ): Promise<Page<DisputeRecord>>
  transition(id: string, to: DisputeStatus, actor: Actor, why: string): Promise<StoreResult<DisputeRecord>>
  note(id: string, text: string, actor: Actor): Promise<StoreResult<DisputeEvent>>
  /** Stores the investigation's resolution on the dispute (classification, amounts, target date). */
  recordResolution(id: string, resolution: Resolution, actor: Actor): Promise<StoreResult<DisputeRecord>>
  /**
   * Documents the outcome ("customer accepted") and moves the dispute to resolved; its pending credit
   * requests are cancelled in the same transaction.
   */
  resolve(id: string, outcome: string, actor: Actor, idempotencyKey?: string): Promise<StoreResult<DisputeRecord>>
  events(disputeId: string): Promise<DisputeEvent[]>
  /**
   * Checks the SHA-256 chain against the external anchor and the money tables against the chain.
   * `incremental`: only what was appended since the last checkpoint this process verified.
   */
  verifyChain(options?: { incremental?: boolean }): Promise<ChainReport>
  /** What reading one dispute needs: its events, their neighbours' links, the anchor, its money rows. */
  verifyDispute(disputeId: string): Promise<ChainReport>
  /** Its events (as `events`) with `verifyDispute`'s report, read in one statement. */
  eventsVerified(disputeId: string): Promise<{ events: DisputeEvent[]; chain: ChainReport }>
}

export type ChainReport =
  | { ok: true; events: number; anchored: boolean }
  | { ok: false; brokenAt: number; reason: string; problems: string[] }

export interface CreditMemoRepository {
  request(
    input: {
      disputeId: string
      /** Absent: what is left to credit of this kind on the dispute. */
      amount?: string
      reason: string
      kind: CreditMemoRequest['kind']
      idempotencyKey?: string
    },
    actor: Actor,
  ): Promise<StoreResult<CreditMemoRequest>>
  /** Approve or reject. Refuses the requester, and an approver whose role's limit does not cover it. */
  decide(
    id: string,
    decision: 'approve' | 'reject',
    reason: string,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<StoreResult<CreditMemoRequest>>
  get(id: string): Promise<CreditMemoRequest | null>
  list(filter: { status?: CreditMemoRequest['status'] } & PageRequest): Promise<Page<CreditMemoRequest>>
}

/** A verified key: whose it is (a person, with a role) and what it may do. */
export interface ApiKeyRecord {
  id: string // the key's id
  personId: string // the actor id every write records
  name: string // the person's name
  role: Role
  readOnly: boolean
  /** Set for a customer key: the customer it is bound to. */
  customerId?: string | null
}

/** The actor a verified key acts as (a customer key carries its customer). */
export const actorOfKey = (key: ApiKeyRecord): Actor => ({
  id: key.personId,
  name: key.name,
  role: key.role,
  ...(key.customerId ? { customerId: key.customerId } : {}),
})

/** A key as lists show it: never the key, only its prefix ("ddk_ab12cd"). */
export interface ApiKeyListing extends ApiKeyRecord {
  email: string | null
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export interface Person {
  id: string
  name: string
  email: string | null
  role: Role
  customerId?: string | null
}

/**
 * Fixed-window counters shared by every instance on the database (rate limits). `now` and the
 * window are the caller's clock in milliseconds.
 */
export interface RateLimitRepository {
  /** Counts one hit in `bucket`'s window (a new window once the last is over): the hits so far and when it began. */
  hit(bucket: string, now: number, windowMs: number): Promise<{ hits: number; windowStart: number }>
  /** Drops counters whose window began at or before `before`. */
  prune(before: number): Promise<void>
}

/** MCP sessions over Streamable HTTP, bound to the key that opened them, so any instance can serve one. */
export interface McpSessionRepository {
  /**
   * Records a new session; first drops sessions idle since before `idleBefore` and the key's
   * longest-idle ones beyond `perKey - 1`. Returns the ids dropped.
   */
  open(
    session: { id: string; keyId: string; now: number },
    limits: { perKey: number; idleBefore: number },
  ): Promise<string[]>
  /**
   * The key that opened a live session (seen since `idleBefore`), or null; the session's last use
   * becomes `now` when `keyId` is that key.
   */
  touch(id: string, keyId: string, now: number, idleBefore: number): Promise<string | null>
  close(id: string): Promise<void>
}

export interface ApiKeyRepository {
  /**
   * Returns the plaintext once; only a hash is stored. The key joins `personId` (and takes its role),
   * or the person with that email, or else a new person.
   */
  create(input: {
    name: string
    role: Role
    email?: string | undefined
    readOnly?: boolean | undefined
    personId?: string | undefined
    /** Required for the customer role, refused for every other. */
    customerId?: string | undefined
  }): Promise<{ key: string; record: ApiKeyRecord }>
  /** A key that is not revoked; notes when it was used. */
  verify(key: string): Promise<ApiKeyRecord | null>
  count(): Promise<number>
  /** The person with this email (case-insensitive), else the one person with this name. */
  findPerson(q: { email?: string | undefined; name: string }): Promise<Person | null>
  list(filter?: { includeRevoked?: boolean }): Promise<ApiKeyListing[]>
  /** By id, or by the prefix a list shows when one key has it. */
  get(idOrPrefix: string): Promise<ApiKeyListing | null>
  /** Idempotent. `keepLastOf`: refuse (`last_key`) when it is that person's last active key. */
  revoke(id: string, options?: { keepLastOf?: string }): Promise<StoreResult<ApiKeyListing>>
}

export interface ConversationMessage {
  role: 'user' | 'assistant' | 'tool'
  content: string
  at: string
}

export interface ConversationRepository {
  /** State is the engine's own JSON (facts gathered so far, the current dispute id). */
  load(sessionId: string): Promise<{ sessionId: string; state: unknown; messages: ConversationMessage[] } | null>
  save(sessionId: string, state: unknown, newMessages: ConversationMessage[], actor: Actor): Promise<void>
  /** Registers a session id the server issued, owned by the API key that opened it. */
  open(sessionId: string, ownerKeyId: string, actor: Actor): Promise<void>
  /** The key that opened the session ("" for a session from before owners); null when there is none. */
  ownerOf(sessionId: string): Promise<string | null>
}

export interface EvalRunRecord {
  id: string
  startedAt: string
  engine: string
  commit: string | null
  report: unknown // the EVALS.md report
  passRate: number
}

export interface EvalRunRepository {
  save(run: Omit<EvalRunRecord, 'id'>): Promise<EvalRunRecord>
  list(page?: PageRequest): Promise<Page<EvalRunRecord>>
  get(id: string): Promise<EvalRunRecord | null>
}

export interface ImportReport {
  inserted: Record<string, number>
  unchanged: Record<string, number>
}

export interface ImportRepository {
  /** All or nothing, idempotent by natural keys. */
  importLedger(ledger: Ledger, actor: Actor): Promise<StoreResult<ImportReport>>
}

/** A short-paid invoice of a payment (DOMAIN.md, Deductions) and the dispute it opened, if it did. */
export interface DeductionRecord extends Deduction {
  disputeId: string | null
  /** How its reason was read when the dispute was opened (null: not opened yet). */
  readBy: 'code' | 'text' | 'none' | null
  customerCode: string | null
}

export interface DeductionRepository {
  /** Every remittance line with a deduction, oldest payment first; `opened` filters on having a dispute. */
  list(
    filter: { customerId?: string; paymentId?: string; opened?: boolean } & PageRequest,
  ): Promise<Page<DeductionRecord>>
  /**
   * Records the dispute a deduction opened, with an audit event on that dispute. The first link of a
   * payment and invoice wins: linking again returns it with `linked: false`.
   */
  link(
    input: {
      paymentId: string
      invoiceNumber: string
      disputeId: string
      deducted: string
      reasonText: string
      readBy: 'code' | 'text' | 'none'
      customerCode?: string
    },
    actor: Actor,
  ): Promise<StoreResult<{ disputeId: string; linked: boolean }>>
}

/** Disputes on several invoices raised as one claim (DOMAIN.md), linked in order. */
export interface DisputeGroupRecord {
  id: string
  customerId: string
  description: string
  createdBy: string
  createdAt: string
  disputeIds: string[]
}

export interface DisputeGroupRepository {
  /**
   * Links disputes of one customer as a group, with an audit event on each dispute. The same
   * idempotency key returns the first group.
   */
  create(
    input: { customerId: string; description: string; disputeIds: string[]; idempotencyKey?: string },
    actor: Actor,
  ): Promise<StoreResult<DisputeGroupRecord>>
  get(id: string): Promise<DisputeGroupRecord | null>
  list(filter: { customerId?: string; disputeId?: string } & PageRequest): Promise<Page<DisputeGroupRecord>>
}

/** The whole store, as the composition root hands it to services. */
export interface Store {
  /** Customer messages on every channel (email, call, chat), in and out. */
  messages: MessageRepository
  ledger: LedgerRepository
  disputes: DisputeRepository
  creditMemos: CreditMemoRepository
  apiKeys: ApiKeyRepository
  conversations: ConversationRepository
  evalRuns: EvalRunRepository
  imports: ImportRepository
  deductions: DeductionRepository
  groups: DisputeGroupRepository
  portal: PortalRepository
  assignment: AssignmentRepository
  /** Decided disputes handed to collections: the hold released for what is owed, follow-ups. */
  collections: CollectionsRepository
  /** Shared by every instance on the database: rate-limit counters and MCP sessions. */
  rateLimits: RateLimitRepository
  mcpSessions: McpSessionRepository
  /**
   * Runs one chat turn: a read the turn sends again (the invoice its claim names, the customer list,
   * the company's settings) is answered from the first until the turn writes anything. Optional: a
   * store without it reads every time.
   */
  withinTurn?<T>(fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** What the portal's thread holds: messages both ways, findings a specialist released, a rating. */
export const PORTAL_EVENT_TYPES = ['customer_message', 'team_message', 'findings_shared', 'csat_recorded'] as const
export type PortalEventType = (typeof PORTAL_EVENT_TYPES)[number]

/** Findings as a specialist released them to the customer: a snapshot, never the live investigation. */
export interface SharedFindings {
  text: string
  classification: Classification | null
  supportedAmount: string | null
  currency: string
}

/**
 * The dispute's conversation with its customer, written as audit events (so it is in the timeline
 * and the hash chain) in the transaction that locks the dispute.
 */
export interface PortalRepository {
  post(
    disputeId: string,
    entry:
      | { type: 'customer_message' | 'team_message'; text: string }
      | { type: 'findings_shared'; findings: SharedFindings },
    actor: Actor,
  ): Promise<StoreResult<DisputeEvent>>
  /** Records the customer's rating (1-5) on a resolved or closed dispute; a second rating replaces it. */
  rate(disputeId: string, csat: number, actor: Actor): Promise<StoreResult<DisputeRecord>>
  /** The portal events of one dispute, oldest first. */
  thread(disputeId: string): Promise<DisputeEvent[]>
}
