/**
 * Consultant insights (DOMAIN.md, "Think like a consultant"), derived from the decision, the
 * dispute history and the similar disputes. Every insight names the ids and figures it rests on in
 * `basis`; when the data does not show a pattern, no insight is made up.
 */
import { addDays } from './dates.ts'
import { creditVsRebill, misconfigurations, sameRootCause } from './insights-decision.ts'
import { opportunityInsights } from './insights-opportunity.ts'
import type { ReasonCode } from './ledger.ts'
import type { Decision, Evidence, Insight, SimilarDispute } from './resolution.ts'
import { countBy, rootCauseKey, type TrendDispute } from './trends.ts'

export interface InsightInput {
  decision: Decision
  history: readonly TrendDispute[]
  similar: readonly SimilarDispute[]
  today: string
  /** When given, contract dates, service periods and the exemption flag sharpen the misconfiguration checks. */
  evidence?: Partial<Pick<Evidence, 'invoice' | 'contract' | 'customer' | 'otherInvoices' | 'purchaseOrders'>>
  /** How far back trends look (default 365 days). */
  windowDays?: number
}

export const reasonWords = (code: ReasonCode) => code.replace(/_/g, ' ')
const list = (ids: readonly string[]) => ids.join(', ')

export function consultantInsights(input: InsightInput): Insight[] {
  const { decision: d, today } = input
  const since = addDays(today, -(input.windowDays ?? 365))
  // The current dispute may already be in the history (opened before the investigation): count it once.
  const history = input.history.filter(
    (h) =>
      h.openedDate > since &&
      h.openedDate <= today &&
      !(h.invoiceNumber === d.invoiceNumber && h.reasonCode === d.reasonCode && h.openedDate === d.openedOn),
  )
  return [
    ...trends(d, history, since),
    creditVsRebill(d, input.evidence),
    ...templateImprovements(d, history),
    ...trainingNeeds(d, history),
    ...misconfigurations(d, history, input.evidence),
    ...opportunityInsights(d, input.evidence, since, today),
    ...precedents(d, input.similar),
  ]
}

function trends(d: Decision, history: readonly TrendDispute[], since: string): Insight[] {
  const out: Insight[] = []
  const customer = history.filter((h) => h.customerId === d.customerId)
  if (customer.length) {
    const same = customer.filter((h) => h.reasonCode === d.reasonCode)
    out.push({
      kind: 'trend',
      text:
        `${d.customerName} has ${customer.length + 1} disputes since ${since} counting this one` +
        (same.length ? `; ${same.length} earlier one(s) were also ${reasonWords(d.reasonCode)}.` : '.'),
      basis: [`customer ${d.customerId}`, ...customer.map((h) => `${h.id} ${h.openedDate} ${h.reasonCode}`)],
    })
  }
  const reason = history.filter((h) => h.reasonCode === d.reasonCode)
  const customers = new Set(reason.map((h) => h.customerId))
  if (reason.length >= 2 && customers.size >= 2) {
    out.push({
      kind: 'trend',
      text: `${reasonWords(d.reasonCode)} is recurring: ${reason.length + 1} disputes across ${customers.size + (customers.has(d.customerId) ? 0 : 1)} customers since ${since}, counting this one.`,
      basis: reason.map((h) => `${h.id} ${h.customerId} ${h.openedDate}`),
    })
  }
  for (const row of countBy(reason, (h) => (h.department ? [h.department] : [])).filter((r) => r.count >= 2)) {
    out.push({
      kind: 'trend',
      text: `The ${row.key} department handled ${row.count} earlier ${reasonWords(d.reasonCode)} disputes (${list(row.ids)}).`,
      basis: row.ids,
    })
  }
  const skus = new Set(d.findings.flatMap((f) => (f.target.kind === 'line' ? [f.target.sku] : [])))
  for (const sku of skus) {
    const withSku = history.filter((h) => h.skus?.includes(sku))
    if (!withSku.length) continue
    out.push({
      kind: 'trend',
      text: `SKU ${sku} was disputed ${withSku.length} time(s) before since ${since} (${list(withSku.map((h) => h.id))}).`,
      basis: withSku.map((h) => `${h.id} ${h.reasonCode} ${h.customerId}`),
    })
  }
  return out
}

/** Reason families whose recurrence points at something the invoice document could show. */
const TEMPLATE_FIXES: { reasons: readonly ReasonCode[]; text: string }[] = [
  {
    reasons: ['missing_po'],
    text: 'Make the PO number a mandatory, printed field on the invoice template (and validate it for PO-required customers)',
  },
  {
    reasons: ['duplicate_billing', 'service_not_rendered', 'contract_terms'],
    text: 'Show the service period (start and end dates) on each recurring or service line of the invoice',
  },
  {
    reasons: ['pricing_error'],
    text: 'Print the contract or price-agreement reference next to each unit price',
  },
  {
    reasons: ['unrecognized_charge'],
    text: "Describe each line in the customer's terms (their PO line wording) rather than internal SKU codes",
  },
  { reasons: ['tax_error'], text: 'Print the tax basis (rate, or the exemption certificate number) on the invoice' },
]

function templateImprovements(d: Decision, history: readonly TrendDispute[]): Insight[] {
  const out: Insight[] = []
  for (const fix of TEMPLATE_FIXES) {
    const earlier = history.filter((h) => fix.reasons.includes(h.reasonCode))
    const current = fix.reasons.includes(d.reasonCode)
    const count = earlier.length + (current ? 1 : 0)
    if (count < 2 || (!current && count < 3)) continue
    const reasons = fix.reasons.map(reasonWords).join(' / ')
    out.push({
      kind: 'template',
      text: `${fix.text}: ${count} ${reasons} disputes recently${current ? ', counting this one' : ''}.`,
      basis: [
        ...(current ? [`${d.invoiceNumber} (this dispute)`] : []),
        ...earlier.map((h) => `${h.id} ${h.reasonCode}`),
      ],
    })
  }
  return out
}

function trainingNeeds(d: Decision, history: readonly TrendDispute[]): Insight[] {
  const withCause = history.filter((h) => h.rootCause && h.department)
  const groups = countBy(withCause, (h) => [`${h.department}\u0000${rootCauseKey(h.rootCause ?? '')}`])
  const byId = new Map(withCause.map((h) => [h.id, h]))
  const out: Insight[] = []
  for (const g of groups) {
    const members = g.ids.flatMap((id) => byId.get(id) ?? [])
    const first = members[0]
    if (!first) continue
    const matchesThis = members.some((h) => h.reasonCode === d.reasonCode || sameRootCause(d, h))
    if (!matchesThis) continue
    if (g.count < 2) continue
    // The current dispute has no department yet, so it never completes a group on its own.
    const current = sameRootCause(d, first)
    out.push({
      kind: 'training',
      text:
        `Training need in ${first.department}: the same root cause ("${first.rootCause?.trim()}") recurs in ` +
        `${g.count} disputes (${g.ids.join(', ')})${current ? ', and this dispute has the same cause' : ''}; ` +
        'review that step of the billing checklist with the team.',
      basis: [...members.map((h) => `${h.id} ${h.department} ${h.reasonCode}`), ...(current ? [d.invoiceNumber] : [])],
    })
  }
  return out
}

function precedents(d: Decision, similar: readonly SimilarDispute[]): Insight[] {
  return similar
    .filter((s) => s.invoiceNumber !== d.invoiceNumber && s.outcome)
    .slice(0, 3)
    .map((s) => ({
      kind: 'precedent' as const,
      text:
        `Precedent ${s.id} (${s.openedDate}, ${reasonWords(s.reasonCode)}) ended ${s.outcome}` +
        (s.action ? ` with ${s.action.replace(/_/g, ' ')}` : '') +
        (s.rootCause ? `; root cause: ${s.rootCause}.` : '.'),
      basis: [s.id, `similarity ${s.score.toFixed(2)}`, ...(s.invoiceNumber ? [s.invoiceNumber] : [])],
    }))
}
