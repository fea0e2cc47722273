/**
 * The customer's side. A customer key is bound to one customer, and every read and write here is
 * scoped to it in this layer (and by the store's filters under it), whatever the tool or route in
 * front asked for: another customer's invoice or dispute is "not found", never "forbidden", so its
 * existence is not confirmed. What a customer sees of an investigation is only what a specialist
 * released (`shareFindings`), as a snapshot; the live resolution stays internal.
 */
import type { ReasonCode } from '../core/ledger.ts'
import type { SimilarDispute } from '../core/resolution.ts'
import type {
  Actor,
  DisputeEvent,
  DisputeRecord,
  DisputeStatus,
  InvoiceFilter,
  InvoiceRecord,
  Page,
  PageRequest,
  SharedFindings,
} from './ports.ts'
import type { ServiceResult, Services } from './services.ts'

/** The dispute's status in the customer's words: internal steps (approval, escalation) are "under review". */
export type CustomerStatus = 'under_review' | 'waiting_for_you' | 'resolved'

const CUSTOMER_STATUS: Record<DisputeStatus, CustomerStatus> = {
  open: 'under_review',
  investigating: 'under_review',
  awaiting_customer: 'waiting_for_you',
  awaiting_approval: 'under_review',
  escalated: 'under_review',
  resolved: 'resolved',
  closed: 'resolved',
}

export interface PortalMessage {
  at: string
  from: 'customer' | 'team'
  name: string
  text: string
}

/** A dispute as its customer sees it. */
export interface CustomerDispute {
  id: string
  invoiceNumber: string
  reasonCode: ReasonCode
  status: CustomerStatus
  description: string
  currency: string
  disputedAmount: string
  /** Credits actually issued on the dispute (money already moved, so a fact the customer may see). */
  credited: string
  openedOn: string
  targetDate: string | null
  resolvedOn: string | null
  csat: number | null
  /** The findings a specialist released, newest last; empty until one does. */
  findings: (SharedFindings & { at: string; by: string })[]
  messages: PortalMessage[]
}

export interface SubmitInput {
  invoiceNumber: string
  reasonCode: ReasonCode
  disputedAmount?: string
  description: string
  attachments?: { name: string; text: string }[]
  idempotencyKey?: string
}

type Refusal = { ok: false; error: { code: 'dispute_not_found' | 'invoice_not_found'; message: string; field: string } }

export interface PortalService {
  /** The customer's invoices (a customer key) or any customer's (the team previewing). */
  invoices(actor: Actor, filter: InvoiceFilter): Promise<Page<InvoiceRecord>>
  invoice(actor: Actor, reference: string): Promise<ServiceResult<InvoiceRecord>>
  disputes(actor: Actor, page?: PageRequest): Promise<Page<CustomerDispute>>
  dispute(actor: Actor, id: string): Promise<ServiceResult<CustomerDispute>>
  /** The customer's own earlier disputes like this text: ids, invoices and reasons only. */
  similar(actor: Actor, q: { text: string; reasonCode?: ReasonCode; limit?: number }): Promise<SimilarDispute[]>
  /** Opens and investigates a dispute on one of the customer's invoices: it reaches the team investigated. */
  submit(actor: Actor, input: SubmitInput, today: string): Promise<ServiceResult<CustomerDispute>>
  /** A message on the thread: from the customer on their own dispute, or from the team. */
  message(actor: Actor, disputeId: string, text: string): Promise<ServiceResult<CustomerDispute>>
  rate(actor: Actor, disputeId: string, csat: number): Promise<ServiceResult<CustomerDispute>>
  /** The team releases findings: the given text, else the investigation's customer email. */
  shareFindings(actor: Actor, disputeId: string, text?: string): Promise<ServiceResult<CustomerDispute>>
}

/** The customer a customer key is bound to; null for the team. A customer without one is a bug. */
export function customerScope(actor: Actor): string | null {
  if (actor.role !== 'customer') return null
  if (!actor.customerId) throw new Error(`customer actor ${actor.id} has no customer: the key must be bound to one`)
  return actor.customerId
}

const disputeNotFound = (id: string): Refusal => ({
  ok: false,
  error: { code: 'dispute_not_found', message: `No dispute ${id}.`, field: 'disputeId' },
})

export function createPortalService(services: Omit<Services, 'portal'>): PortalService {
  const { store } = services

  /** The dispute when the actor may see it: a customer only their own. */
  const visible = async (actor: Actor, id: string): Promise<DisputeRecord | null> => {
    const d = await store.disputes.get(id)
    const scope = customerScope(actor)
    return d && (scope === null || d.customerId === scope) ? d : null
  }

  const view = async (d: DisputeRecord): Promise<CustomerDispute> => {
    const thread = await store.portal.thread(d.id)
    return {
      id: d.id,
      invoiceNumber: d.invoiceNumber,
      reasonCode: d.reasonCode,
      status: CUSTOMER_STATUS[d.status],
      description: d.description,
      currency: d.currency,
      disputedAmount: d.originalDisputed,
      credited: d.credited,
      openedOn: d.openedOn,
      targetDate: d.targetDate,
      resolvedOn: d.resolvedAt ? d.resolvedAt.slice(0, 10) : null,
      csat: d.csat,
      findings: thread.flatMap((e) =>
        e.type === 'findings_shared' ? [{ ...(e.after as SharedFindings), at: e.at, by: e.actorName }] : [],
      ),
      messages: thread.flatMap((e) => (e.why && e.type.endsWith('_message') ? [messageOf(e)] : [])),
    }
  }

  const viewOf = async (actor: Actor, id: string): Promise<ServiceResult<CustomerDispute>> => {
    const d = await visible(actor, id)
    return d ? { ok: true, value: await view(d) } : disputeNotFound(id)
  }

  const invoice: PortalService['invoice'] = async (actor, reference) => {
    const scope = customerScope(actor)
    const found = await services.resolveInvoice(reference, scope ?? undefined)
    const record = found.ok ? await store.ledger.getInvoice(found.number) : null
    if (!record || (scope !== null && record.customerId !== scope)) {
      return {
        ok: false,
        error: { code: 'invoice_not_found', message: `No invoice ${reference} of yours.`, field: 'invoiceNumber' },
      }
    }
    return { ok: true, value: record }
  }

  return {
    async invoices(actor, filter) {
      const scope = customerScope(actor)
      const page = await store.ledger.findInvoices({ ...filter, ...(scope ? { customerId: scope } : {}) })
      return scope ? { ...page, items: page.items.filter((i) => i.customerId === scope) } : page
    },
    invoice,
    async disputes(actor, page = {}) {
      const scope = customerScope(actor)
      const r = await store.disputes.list({ ...page, ...(scope ? { customerId: scope } : {}) })
      const mine = scope ? r.items.filter((d) => d.customerId === scope) : r.items
      return { ...r, items: await Promise.all(mine.map(view)) }
    },
    dispute: viewOf,
    async similar(actor, q) {
      const scope = customerScope(actor)
      const limit = q.limit ?? 5
      if (scope === null) return services.similar.search({ ...q, limit })
      const found = await services.similar.search({ ...q, customerId: scope, onlyCustomer: true, limit })
      // Past outcomes and root causes may be an unreleased investigation's: a customer sees which of
      // their disputes were alike, and reads the findings on each one's own page.
      return found
        .filter((s) => s.customerId === scope)
        .map((s) => ({
          ...s,
          outcome: null,
          action: null,
          rootCause: null,
          summary: `${s.reasonCode.replace(/_/g, ' ')} on ${s.invoiceNumber ?? 'an invoice'} (${s.openedDate})`,
        }))
    },
    async submit(actor, input, today) {
      const own = await invoice(actor, input.invoiceNumber)
      if (!own.ok) return own
      const number = own.value.number
      const open = await store.disputes.list({ invoiceNumber: number, limit: 50 })
      const same = open.items.find(
        (d) => d.reasonCode === input.reasonCode && d.status !== 'resolved' && d.status !== 'closed',
      )
      if (same) {
        return {
          ok: false,
          error: {
            code: 'conflict',
            message: `Dispute ${same.id} on ${number} for this reason is still open; add a message to it instead.`,
          },
        }
      }
      const attachments = (input.attachments ?? []).map((a) => `--- ${a.name} ---\n${a.text}`)
      const opened = await services.openDispute(
        {
          invoiceNumber: number,
          reasonCode: input.reasonCode,
          ...(input.disputedAmount ? { disputedAmount: input.disputedAmount } : {}),
          description: [input.description, ...(attachments.length ? ['Attachments:', ...attachments] : [])].join('\n'),
        },
        actor,
        { today, idempotencyKey: input.idempotencyKey ?? `portal-${crypto.randomUUID()}` },
      )
      if (!opened.ok) return opened
      return { ok: true, value: await view(opened.value.dispute) }
    },
    async message(actor, disputeId, text) {
      if (!(await visible(actor, disputeId))) return disputeNotFound(disputeId)
      const type = customerScope(actor) === null ? 'team_message' : 'customer_message'
      const posted = await store.portal.post(disputeId, { type, text }, actor)
      return posted.ok ? viewOf(actor, disputeId) : posted
    },
    async rate(actor, disputeId, csat) {
      if (!(await visible(actor, disputeId))) return disputeNotFound(disputeId)
      const rated = await store.portal.rate(disputeId, csat, actor)
      return rated.ok ? { ok: true, value: await view(rated.value) } : rated
    },
    async shareFindings(actor, disputeId, text) {
      if (customerScope(actor) !== null) {
        return { ok: false, error: { code: 'forbidden', message: 'Findings are released by the team.' } }
      }
      const d = await visible(actor, disputeId)
      if (!d) return disputeNotFound(disputeId)
      if (!d.resolution && !text) {
        return {
          ok: false,
          error: {
            code: 'invalid_claim',
            message: 'The dispute has no investigation to share yet; investigate it or write the findings.',
            field: 'text',
          },
        }
      }
      const findings: SharedFindings = {
        text: text ?? d.resolution?.email.body ?? '',
        classification: d.classification,
        supportedAmount: d.supportedAmount,
        currency: d.currency,
      }
      const posted = await store.portal.post(disputeId, { type: 'findings_shared', findings }, actor)
      return posted.ok ? viewOf(actor, disputeId) : posted
    },
  }
}

const messageOf = (e: DisputeEvent): PortalMessage => ({
  at: e.at,
  from: e.type === 'customer_message' ? 'customer' : 'team',
  name: e.actorName,
  text: e.why ?? '',
})
