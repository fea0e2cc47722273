/**
 * Several invoices in one claim (DOMAIN.md): the invoices are chosen by number or by customer and
 * period ("every invoice in March"), each is investigated and recorded as its own dispute through
 * the ordinary open-dispute path, and the disputes are linked as a group whose view carries the
 * per-invoice figures and the totals. Credits for the group are requested dispute by dispute, so
 * each stays within its own dispute's cap (the store checks it under row locks).
 */
import {
  type GroupClaim,
  type GroupLine,
  type GroupTotal,
  groupTotals,
  MAX_GROUP_INVOICES,
  sumByCurrency,
} from '../core/dispute-group.ts'
import { isZeroAmount } from '../core/money.ts'
import type { Resolution } from '../core/resolution.ts'
import type { Actor, CreditMemoRequest, DisputeGroupRecord, DisputeRecord, Store } from './ports.ts'
import type { InvestigateOptions, ServiceResult, Services } from './services.ts'

/** Which invoices a group claim covers: numbers as people type them, or a customer's invoices in a period. */
export interface GroupSelection {
  invoiceNumbers?: string[]
  customerId?: string
  /** Issue dates, inclusive. */
  from?: string
  to?: string
}

export interface GroupPreview {
  customerId: string
  lines: GroupLine[]
  totals: GroupTotal[]
}

export interface GroupView extends GroupPreview {
  group: DisputeGroupRecord
}

export interface GroupCredits {
  groupId: string
  requested: { disputeId: string; invoiceNumber: string; request: CreditMemoRequest }[]
  /** Nothing to credit: the evidence supports nothing on that invoice. */
  skipped: { disputeId: string; invoiceNumber: string; why: string }[]
  /** Refused by the dispute's own rules (its cap already used, resolved, …), with the reason. */
  refused: { disputeId: string; invoiceNumber: string; error: { code: string; message: string } }[]
  totals: { currency: string; amount: string; count: number }[]
}

export interface DisputeGroupService {
  /** Investigates every invoice of the claim; records nothing. */
  investigate(
    selection: GroupSelection,
    claim: GroupClaim,
    options: InvestigateOptions,
  ): Promise<ServiceResult<GroupPreview>>
  /** Investigates, records one dispute per invoice and links them as a group. */
  open(
    selection: GroupSelection,
    claim: GroupClaim,
    actor: Actor,
    options: InvestigateOptions & { idempotencyKey?: string },
  ): Promise<ServiceResult<GroupView>>
  get(groupId: string): Promise<ServiceResult<GroupView>>
  /** One request per dispute with a supported amount, each for what is left of it. */
  requestCredits(
    input: { groupId: string; reason: string; idempotencyKey?: string },
    actor: Actor,
  ): Promise<ServiceResult<GroupCredits>>
}

type Invoices = { customerId: string; numbers: string[] }

const invalid = (message: string, field: string) =>
  ({ ok: false, error: { code: 'invalid_claim', message, field } }) as const

const lineOf = (
  r: Pick<
    Resolution,
    | 'invoiceNumber'
    | 'reasonCode'
    | 'classification'
    | 'action'
    | 'currency'
    | 'disputedAmount'
    | 'supportedAmount'
    | 'owedAmount'
  >,
  disputeId?: string,
): GroupLine => ({
  invoiceNumber: r.invoiceNumber,
  ...(disputeId ? { disputeId } : {}),
  reasonCode: r.reasonCode,
  classification: r.classification,
  action: r.action,
  currency: r.currency,
  disputedAmount: r.disputedAmount,
  supportedAmount: r.supportedAmount,
  owedAmount: r.owedAmount,
})

export function createDisputeGroupService(deps: {
  store: Store
  services: Pick<Services, 'resolveInvoice' | 'investigate' | 'openDispute' | 'requestCreditMemo'>
}): DisputeGroupService {
  const { store, services } = deps

  /** The invoices the selection names, all of one customer, at most MAX_GROUP_INVOICES. */
  const chooseInvoices = async (s: GroupSelection): Promise<ServiceResult<Invoices>> => {
    let numbers: string[]
    if (s.invoiceNumbers?.length) {
      numbers = []
      for (const ref of s.invoiceNumbers) {
        const found = await services.resolveInvoice(ref, s.customerId)
        if (!found.ok)
          return {
            ok: false,
            error: { code: 'invoice_not_found', message: found.error.message, field: 'invoiceNumbers' },
          }
        numbers.push(found.number)
      }
    } else if (s.customerId && (s.from || s.to)) {
      const page = await store.ledger.findInvoices({
        customerId: s.customerId,
        ...(s.from ? { issuedFrom: s.from } : {}),
        ...(s.to ? { issuedTo: s.to } : {}),
        limit: MAX_GROUP_INVOICES + 1,
      })
      numbers = page.items
        .filter((i) => i.status !== 'void')
        .sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number))
        .map((i) => i.number)
      if (!numbers.length)
        return invalid(`Customer ${s.customerId} has no invoice issued ${s.from ?? '…'} to ${s.to ?? '…'}.`, 'from')
    } else {
      return invalid('Name the invoices, or a customer and a period (from/to or a month).', 'invoiceNumbers')
    }
    numbers = [...new Set(numbers)]
    if (numbers.length > MAX_GROUP_INVOICES)
      return invalid(`At most ${MAX_GROUP_INVOICES} invoices in one claim; narrow the period.`, 'invoiceNumbers')
    const customers = new Set<string>()
    for (const n of numbers) customers.add((await store.ledger.getInvoice(n))?.customerId ?? '')
    const [customerId] = customers
    if (customers.size !== 1 || !customerId)
      return invalid(`The invoices belong to ${customers.size} customers; a claim is one customer's.`, 'invoiceNumbers')
    if (s.customerId && customerId !== s.customerId)
      return invalid(`The invoices are ${customerId}'s, not ${s.customerId}'s.`, 'customerId')
    return { ok: true, value: { customerId, numbers } }
  }

  const investigateAll = async (
    s: GroupSelection,
    claim: GroupClaim,
    options: InvestigateOptions,
  ): Promise<ServiceResult<Invoices & { resolutions: Resolution[] }>> => {
    const chosen = await chooseInvoices(s)
    if (!chosen.ok) return chosen
    const resolutions: Resolution[] = []
    for (const invoiceNumber of chosen.value.numbers) {
      const r = await services.investigate({ ...claim, invoiceNumber }, options)
      // Nothing is recorded unless every invoice of the claim can be investigated.
      if (!r.ok) return { ok: false, error: { ...r.error, message: `${invoiceNumber}: ${r.error.message}` } }
      resolutions.push(r.value)
    }
    return { ok: true, value: { ...chosen.value, resolutions } }
  }

  const view = async (group: DisputeGroupRecord): Promise<GroupView> => {
    const disputes = (await Promise.all(group.disputeIds.map((id) => store.disputes.get(id)))).filter(
      (d): d is DisputeRecord => d !== null,
    )
    const lines = disputes.flatMap((d) => (d.resolution ? [lineOf(d.resolution, d.id)] : []))
    return { group, customerId: group.customerId, lines, totals: groupTotals(lines) }
  }

  return {
    async investigate(selection, claim, options) {
      const all = await investigateAll(selection, claim, options)
      if (!all.ok) return all
      const lines = all.value.resolutions.map((r) => lineOf(r))
      return { ok: true, value: { customerId: all.value.customerId, lines, totals: groupTotals(lines) } }
    },

    async open(selection, claim, actor, options) {
      const { idempotencyKey, ...investigateOptions } = options
      const all = await investigateAll(selection, claim, investigateOptions)
      if (!all.ok) return all
      const disputeIds: string[] = []
      for (const invoiceNumber of all.value.numbers) {
        const opened = await services.openDispute({ ...claim, invoiceNumber }, actor, {
          ...investigateOptions,
          ...(idempotencyKey ? { idempotencyKey: `${idempotencyKey}:${invoiceNumber}` } : {}),
        })
        if (!opened.ok)
          return { ok: false, error: { ...opened.error, message: `${invoiceNumber}: ${opened.error.message}` } }
        disputeIds.push(opened.value.dispute.id)
      }
      const n = disputeIds.length
      const group = await store.groups.create(
        {
          customerId: all.value.customerId,
          description:
            claim.description ??
            `${claim.reasonCode.replace(/_/g, ' ')} on ${n} invoice${n === 1 ? '' : 's'}: ${all.value.numbers.join(', ')}`,
          disputeIds,
          ...(idempotencyKey ? { idempotencyKey } : {}),
        },
        actor,
      )
      if (!group.ok) return group
      return { ok: true, value: await view(group.value) }
    },

    async get(groupId) {
      const group = await store.groups.get(groupId)
      if (!group)
        return { ok: false, error: { code: 'not_found', message: `No dispute group ${groupId}.`, field: 'groupId' } }
      return { ok: true, value: await view(group) }
    },

    async requestCredits(input, actor) {
      const group = await store.groups.get(input.groupId)
      if (!group)
        return {
          ok: false,
          error: { code: 'not_found', message: `No dispute group ${input.groupId}.`, field: 'groupId' },
        }
      const out: GroupCredits = { groupId: group.id, requested: [], skipped: [], refused: [], totals: [] }
      for (const disputeId of group.disputeIds) {
        const d = await store.disputes.get(disputeId)
        if (!d) continue
        if (!d.supportedAmount || isZeroAmount(d.supportedAmount)) {
          out.skipped.push({
            disputeId,
            invoiceNumber: d.invoiceNumber,
            why: 'the evidence supports no credit on this invoice',
          })
          continue
        }
        const r = await services.requestCreditMemo(
          {
            disputeId,
            reason: input.reason,
            kind: 'credit_memo',
            ...(input.idempotencyKey ? { idempotencyKey: `${input.idempotencyKey}:${disputeId}` } : {}),
          },
          actor,
        )
        if (r.ok) out.requested.push({ disputeId, invoiceNumber: d.invoiceNumber, request: r.value })
        else
          out.refused.push({
            disputeId,
            invoiceNumber: d.invoiceNumber,
            error: { code: r.error.code, message: r.error.message },
          })
      }
      out.totals = sumByCurrency(out.requested.map(({ request }) => request))
      return { ok: true, value: out }
    },
  }
}
