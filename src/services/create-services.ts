/**
 * The use-cases wired over the ports. Every figure comes from the core; this layer fetches,
 * records and composes.
 */
import { agingReport } from '../core/aging.ts'
import { draftEmail } from '../core/email.ts'
import { consultantInsights } from '../core/insights.ts'
import { investigate as decide } from '../core/investigate.ts'
import type { Email, Resolution } from '../core/resolution.ts'
import type { Prompts } from '../core/prompts.ts'
import { preventionFor } from '../core/prevention.ts'
import { disputeTrends } from '../core/trends.ts'
import { createCustomerMessages } from './customer-messages.ts'
import { createDeductionService, type ReasonReader } from './deductions.ts'
import { createDisputeGroupService } from './dispute-groups.ts'
import { agingItems, pastAndCurrentDisputes } from './report-inputs.ts'
import { resolveInvoiceNumber } from './invoice-lookup.ts'
import { goodwillAmount } from './goodwill-amount.ts'
import type { CreditMemoRequest, DisputeRecord, DisputeStatus, Store } from './ports.ts'
import { createPortalService } from './portal.ts'
import { publicHolidays } from './public-holidays.ts'
import { createSettlementService } from './settlement.ts'
import { isZeroAmount } from '../core/money.ts'
import type { ServiceResult, Services, SimilarSearch } from './services.ts'

export interface ServiceDeps {
  store: Store
  similar: SimilarSearch
  prompts: Prompts
  locale?: string
  /** Loads the chat's reason classifier, which reads a deduction's reason when its code is not in the table. */
  readReason?: ReasonReader
}

export function createServices(deps: ServiceDeps): Services {
  const { store, similar, prompts } = deps
  const locale = deps.locale ?? 'en-US'

  const investigate: Services['investigate'] = async (claim, options) => {
    const progress = options.progress ?? (() => {})
    const found = await resolveInvoiceNumber(store.ledger, claim.invoiceNumber)
    if (!found.ok)
      return {
        ok: false,
        error: {
          code: found.error.code === 'ambiguous_invoice' ? 'invalid_claim' : 'invoice_not_found',
          message: found.error.message,
          field: 'invoiceNumber',
        },
      }
    progress(`Fetching ${found.number}…`)
    const evidence = await store.ledger.evidenceFor(found.number)
    if (!evidence) {
      return {
        ok: false,
        error: { code: 'invoice_not_found', message: `No invoice ${found.number}.`, field: 'invoiceNumber' },
      }
    }
    if (evidence.contract) progress(`Checking contract ${evidence.contract.id} terms and prices…`)
    if (evidence.deliveries.length) progress(`Checking deliveries ${evidence.deliveries.map((d) => d.id).join(', ')}…`)
    if (evidence.serviceLogs.length) progress('Checking service logs…')
    const policy = await store.ledger.policy()
    const [fxRates, home] = await Promise.all([store.ledger.fxRates(), store.ledger.company()])
    const outcome = decide({
      claim: { ...claim, invoiceNumber: found.number },
      evidence,
      policy,
      today: options.today,
      companyCurrency: home.currency,
      fxRates,
      publicHolidays: await publicHolidays(policy.holidayCalendar, claim.openedOn ?? options.today),
    })
    if (!outcome.ok) return { ok: false, error: outcome.error as never }
    const decision = outcome.decision
    progress('Searching similar past disputes…')
    // The dispute this claim is (named, or still open on the invoice for the same reason) is no
    // precedent of itself: once recorded it is in the index too.
    const self = options.disputeId ?? (await openDisputeFor(found.number, decision.reasonCode))?.id
    const similarDisputes = await similar.search({
      text: claim.description ?? `${decision.reasonCode.replace(/_/g, ' ')} ${decision.rootCause}`,
      customerId: decision.customerId,
      reasonCode: decision.reasonCode,
      ...(self ? { excludeId: self } : {}),
      limit: 5,
    })
    const history = await store.ledger.pastDisputes({ customerId: decision.customerId, limit: 500 })
    const company = await store.ledger.company()
    const email = draftEmail({
      decision,
      customer: evidence.customer,
      invoice: evidence.invoice,
      companyName: company.name,
      templates: prompts.emails,
      lexicon: prompts.lexicon,
      tone: options.tone ?? 'neutral',
      locale,
    })
    const resolution: Resolution = {
      ...decision,
      similar: similarDisputes,
      email,
      prevention: preventionFor(decision, prompts.prevention),
      insights: consultantInsights({
        decision,
        history: history.items,
        similar: similarDisputes,
        today: options.today,
        evidence,
      }),
    }
    return { ok: true, value: resolution }
  }

  const openDisputeFor = async (invoiceNumber: string, reasonCode: string): Promise<DisputeRecord | null> => {
    const page = await store.disputes.list({ invoiceNumber, limit: 50 })
    return (
      page.items.find((d) => d.reasonCode === reasonCode && d.status !== 'resolved' && d.status !== 'closed') ?? null
    )
  }

  const openDispute: Services['openDispute'] = async (claim, actor, options) => {
    const investigated = await investigate(claim, options)
    if (!investigated.ok) return investigated
    const resolution = investigated.value
    // The same claim on the same invoice while a dispute on it is still open is that dispute again
    // (a second chat, a retry): update it instead of opening a duplicate.
    const named = options.disputeId ? await store.disputes.get(options.disputeId) : null
    if (options.disputeId && (!named || named.status === 'resolved' || named.status === 'closed'))
      return {
        ok: false,
        error: { code: 'not_found', message: `No open dispute ${options.disputeId} to update.`, field: 'disputeId' },
      }
    const existing =
      named ?? (options.idempotencyKey ? null : await openDisputeFor(resolution.invoiceNumber, resolution.reasonCode))
    if (existing) {
      const updated = await store.disputes.recordResolution(existing.id, resolution, actor)
      if (!updated.ok) return updated
      await similar.upsertDispute(updated.value)
      return { ok: true, value: { dispute: updated.value, resolution } }
    }
    const opened = await store.disputes.open(
      {
        invoiceNumber: resolution.invoiceNumber,
        reasonCode: resolution.reasonCode,
        description: claim.description ?? resolution.rootCause,
        disputedAmount: resolution.disputedAmount,
        disputedLines: resolution.findings.flatMap((f) => (f.target.kind === 'line' ? [f.target.line] : [])),
        openedOn: resolution.openedOn,
        targetDate: resolution.targetDate,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      },
      actor,
    )
    if (!opened.ok) return opened
    const recorded = await store.disputes.recordResolution(opened.value.id, resolution, actor)
    if (!recorded.ok) return recorded
    await similar.upsertDispute(recorded.value)
    return { ok: true, value: { dispute: recorded.value, resolution } }
  }

  const draftEmailFor = async (disputeId: string, tone: Email['tone']): Promise<ServiceResult<Email>> => {
    const dispute = await store.disputes.get(disputeId)
    if (!dispute?.resolution) {
      return {
        ok: false,
        error: { code: 'not_found', message: `No investigated dispute ${disputeId}.`, field: 'disputeId' },
      }
    }
    const evidence = await store.ledger.evidenceFor(dispute.invoiceNumber)
    if (!evidence)
      return { ok: false, error: { code: 'invoice_not_found', message: 'Invoice gone.', field: 'disputeId' } }
    const company = await store.ledger.company()
    return {
      ok: true,
      value: draftEmail({
        decision: dispute.resolution,
        customer: evidence.customer,
        invoice: evidence.invoice,
        companyName: company.name,
        templates: prompts.emails,
        lexicon: prompts.lexicon,
        tone,
        locale,
      }),
    }
  }

  /** A goodwill credit asked for as a percentage, as the amount it comes to (null: asked for by amount). */
  const shareAsAmount = async (
    dispute: DisputeRecord,
    kind: CreditMemoRequest['kind'],
    input: Parameters<Services['requestCreditMemo']>[0],
  ): Promise<ServiceResult<{ amount: string; detail: string } | null>> => {
    if (input.percent === undefined) return { ok: true, value: null }
    const refuse = (message: string, field: string) =>
      ({ ok: false, error: { code: 'invalid_claim', message, field } }) as const
    if (kind !== 'goodwill_credit')
      return refuse(
        'A percentage is for goodwill credits; a credit memo credits what the evidence supports.',
        'percent',
      )
    if (input.amount !== undefined) return refuse('Give an amount or a percentage, not both.', 'percent')
    const { percent, of, line } = input
    return goodwillAmount(store, dispute, { percent, ...(of ? { of } : {}), ...(line !== undefined ? { line } : {}) })
  }

  const services: Omit<Services, 'groups' | 'portal'> = {
    store,
    similar,
    resolveInvoice: (reference, customerId) => resolveInvoiceNumber(store.ledger, reference, customerId),
    messages: createCustomerMessages({
      store,
      resolveInvoice: (reference, customerId) => resolveInvoiceNumber(store.ledger, reference, customerId),
      readReason: deps.readReason,
    }),
    investigate,
    openDispute,
    deductions: createDeductionService({
      store,
      openDispute,
      ...(deps.readReason ? { readReason: deps.readReason } : {}),
      ...(prompts.deductionCodes ? { codes: prompts.deductionCodes } : {}),
    }),
    draftEmail: draftEmailFor,
    goodwillAmount: (dispute, ask) => goodwillAmount(store, dispute, ask),
    // A chosen settlement's credits go through the one credit-memo path below.
    settlement: createSettlementService({
      store,
      prompts,
      locale,
      requestCredit: (input, actor) => services.requestCreditMemo(input, actor),
    }),
    requestCreditMemo: async (input, actor) => {
      const dispute = await store.disputes.get(input.disputeId)
      if (!dispute)
        return {
          ok: false,
          error: { code: 'not_found', message: `No dispute ${input.disputeId}.`, field: 'disputeId' },
        }
      const kind = input.kind ?? 'credit_memo'
      const ready = creditReady(dispute, kind)
      if (!ready.ok) return ready
      if (input.amount !== undefined && (isZeroAmount(input.amount) || input.amount.startsWith('-'))) {
        return {
          ok: false,
          error: { code: 'invalid_claim', message: 'A credit must be more than zero.', field: 'amount' },
        }
      }
      const share = await shareAsAmount(dispute, kind, input)
      if (!share.ok) return share
      const amount = share.value?.amount ?? input.amount
      const reason = share.value ? `${input.reason} (${share.value.detail})` : input.reason
      // The store checks the amount against what is left (this dispute's earlier requests, the same
      // defect credited through another dispute, the open balance) in the transaction that writes it.
      const requested = await store.creditMemos.request(
        {
          disputeId: input.disputeId,
          ...(amount !== undefined ? { amount } : {}),
          reason,
          kind,
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
        },
        actor,
      )
      if (requested.ok && requested.value.status === 'pending' && canAwaitApproval(dispute.status)) {
        await store.disputes.transition(
          dispute.id,
          'awaiting_approval',
          actor,
          `credit memo ${requested.value.id} requested`,
        )
      }
      return requested
    },
    aging: async (today, filter) => agingReport(await agingItems(store, filter), today),
    trends: async (today, range) => disputeTrends(await pastAndCurrentDisputes(store, range), today),
  }
  // A group claim is its invoices' own disputes, opened and credited through the use-cases above.
  const withGroups = { ...services, groups: createDisputeGroupService({ store, services }) }
  return { ...withGroups, portal: createPortalService(withGroups) }
}

/**
 * Whether a credit of this kind can be asked for at all: the dispute must be investigated, and a
 * credit memo needs an amount the evidence supports. How much is left is the store's to say.
 */
function creditReady(
  dispute: DisputeRecord,
  kind: 'credit_memo' | 'write_off' | 'goodwill_credit',
): ServiceResult<true> {
  const r = dispute.resolution
  if (!r)
    return {
      ok: false,
      error: {
        code: 'invalid_claim',
        message: 'Investigate the dispute before requesting a credit.',
        field: 'disputeId',
      },
    }
  if (kind === 'credit_memo' && isZeroAmount(r.supportedAmount))
    return {
      ok: false,
      error: {
        code: 'invalid_claim',
        message:
          'The evidence supports no credit on this dispute; a write-off or goodwill credit needs its own request.',
        field: 'kind',
      },
    }
  return { ok: true, value: true }
}

/** Statuses from which the lifecycle lets a dispute wait for an approval (an open one is investigated first). */
const canAwaitApproval = (status: DisputeStatus): boolean =>
  status === 'investigating' || status === 'awaiting_customer' || status === 'escalated'
