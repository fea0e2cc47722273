/**
 * Deductions end to end (DOMAIN.md, "Deductions"): every short-paid invoice of a payment opens its
 * own dispute for the deducted amount, with the reason read from the customer's code (the lead's
 * table) or words (the chat's classifier), investigated by the core and recorded through the same
 * open-dispute path as a chat, audit trail included. Idempotent per payment and invoice: importing
 * or opening again never opens the same deduction twice.
 */
import {
  type DeductionCodes,
  type DeductionReason,
  deductionClaim,
  deductionReason,
  EMPTY_DEDUCTION_CODES,
  type ReadReason,
} from '../core/deductions.ts'
import { type Action, type Classification, LEDGER_FORMAT, type Payment } from '../core/ledger.ts'
import type { Actor, DeductionRecord, Page, PageRequest, Store } from './ports.ts'
import type { InvestigateOptions, ServiceError, ServiceResult, Services } from './services.ts'

export interface DeductionOutcome {
  paymentId: string
  invoiceNumber: string
  currency: string
  deducted: string
  reasonText: string
  reason: DeductionReason
  status: 'opened' | 'failed'
  disputeId?: string
  classification?: Classification
  action?: Action
  supportedAmount?: string
  error?: { code: string; message: string }
}

export interface DeductionsReport {
  opened: DeductionOutcome[]
  /** Deductions that could not be opened (an invoice the ledger does not have): tried again next time. */
  failed: DeductionOutcome[]
  /** Deductions that already had their dispute. */
  alreadyOpen: number
}

export interface DeductionService {
  list(
    filter: { customerId?: string; paymentId?: string; opened?: boolean } & PageRequest,
  ): Promise<Page<DeductionRecord>>
  /** Opens a dispute for every deduction (of one payment, or one customer) that has none yet. */
  open(
    actor: Actor,
    options: InvestigateOptions & { paymentId?: string; customerId?: string },
  ): Promise<DeductionsReport>
  /**
   * Records one payment with its remittance advice (as an import of that payment would, audit event
   * included), then opens a dispute for each invoice it short-paid. A payment id already recorded
   * keeps its remittance (only a changed amount is updated, as a re-import does); its deductions are
   * opened if they are not yet.
   */
  record(actor: Actor, payment: Payment, options: InvestigateOptions): Promise<ServiceResult<RecordedPayment>>
}

export interface RecordedPayment {
  payment: 'recorded' | 'already_recorded'
  deductions: DeductionsReport
}

export interface DeductionDeps {
  store: Store
  openDispute: Services['openDispute']
  /** Loads the chat's reason classifier (on first use); absent, only the code table reads reasons. */
  readReason?: ReasonReader
  codes?: DeductionCodes
}

const unread: ReadReason = () => ({ code: null, confidence: 0 })

/**
 * The reason classifier, loaded when first needed: it is the understanding code (about 1.3 s of
 * modules), which a start should not wait for when no deduction or customer message needs reading.
 */
export type ReasonReader = () => Promise<ReadReason>

/** The key that makes a deduction one dispute, whatever opens it and however often. */
export const deductionKey = (d: Pick<DeductionRecord, 'paymentId' | 'invoiceNumber'>): string =>
  `deduction:${d.paymentId}:${d.invoiceNumber}`

export function createDeductionService(deps: DeductionDeps): DeductionService {
  const { store } = deps
  const reader = deps.readReason
  const codes = deps.codes ?? EMPTY_DEDUCTION_CODES

  const pending = async (filter: { paymentId?: string; customerId?: string }): Promise<DeductionRecord[]> => {
    const out: DeductionRecord[] = []
    for (let offset = 0; ; offset += 500) {
      const page = await store.deductions.list({ ...filter, opened: false, limit: 500, offset })
      out.push(...page.items)
      if (offset + page.items.length >= page.total || page.items.length === 0) return out
    }
  }

  const openOne = async (d: DeductionRecord, actor: Actor, options: InvestigateOptions): Promise<DeductionOutcome> => {
    const reason = deductionReason(d, codes, reader ? await reader() : unread)
    const base = {
      paymentId: d.paymentId,
      invoiceNumber: d.invoiceNumber,
      currency: d.currency,
      deducted: d.deducted,
      reasonText: d.reasonText,
      reason,
    }
    const opened = await deps.openDispute(deductionClaim(d, reason), actor, {
      ...options,
      idempotencyKey: deductionKey(d),
    })
    if (!opened.ok)
      return { ...base, status: 'failed', error: { code: opened.error.code, message: opened.error.message } }
    const { dispute, resolution } = opened.value
    const linked = await store.deductions.link(
      {
        paymentId: d.paymentId,
        invoiceNumber: d.invoiceNumber,
        disputeId: dispute.id,
        deducted: d.deducted,
        reasonText: d.reasonText,
        readBy: reason.by,
        ...(reason.by === 'code' ? { customerCode: reason.customerCode } : {}),
      },
      actor,
    )
    if (!linked.ok)
      return { ...base, status: 'failed', error: { code: linked.error.code, message: linked.error.message } }
    return {
      ...base,
      status: 'opened',
      disputeId: linked.value.disputeId,
      classification: resolution.classification,
      action: resolution.action,
      supportedAmount: resolution.supportedAmount,
    }
  }

  /** Every invoice the payment names exists, is the payer's, and is in the payment's currency. */
  const invoicesError = async (p: Payment): Promise<ServiceError | null> => {
    const named = [
      ...(p.invoiceNumber ? [{ number: p.invoiceNumber, field: 'invoiceNumber' }] : []),
      ...(p.remittance ?? []).map((r, i) => ({ number: r.invoiceNumber, field: `remittance[${i}].invoiceNumber` })),
    ]
    for (const { number, field } of named) {
      const inv = await store.ledger.getInvoice(number)
      if (!inv) return { code: 'invoice_not_found', message: `No invoice ${number}.`, field }
      if (inv.customerId !== p.customerId)
        return { code: 'invalid_input', message: `Invoice ${number} is not customer ${p.customerId}'s.`, field }
      if (inv.currency !== p.currency)
        return {
          code: 'invalid_input',
          message: `Invoice ${number} is in ${inv.currency}, the payment in ${p.currency}.`,
          field: 'currency',
        }
    }
    return null
  }

  const service: DeductionService = {
    list: (filter) => store.deductions.list(filter),
    async record(actor, payment, options) {
      const bad = await invoicesError(payment)
      if (bad) return { ok: false, error: bad }
      // The import's rules: a new id is added with its remittance; a known one keeps its remittance and
      // only an amount the customer's bank since changed is updated (and said in the audit event).
      const imported = await store.imports.importLedger(
        { format: LEDGER_FORMAT, customers: [], invoices: [], payments: [payment] },
        actor,
      )
      if (!imported.ok) return imported
      const state = imported.value.inserted.payments ? 'recorded' : 'already_recorded'
      const deductions = await service.open(actor, { ...options, paymentId: payment.id })
      return { ok: true, value: { payment: state, deductions } }
    },
    async open(actor, options) {
      const { paymentId, customerId, ...investigate } = options
      const scope = { ...(paymentId ? { paymentId } : {}), ...(customerId ? { customerId } : {}) }
      const todo = await pending(scope)
      const all = await store.deductions.list({ ...scope, limit: 1 })
      const report: DeductionsReport = { opened: [], failed: [], alreadyOpen: all.total - todo.length }
      for (const d of todo) {
        const outcome = await openOne(d, actor, investigate)
        report[outcome.status === 'opened' ? 'opened' : 'failed'].push(outcome)
      }
      return report
    },
  }
  return service
}
