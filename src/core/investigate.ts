/**
 * The investigation engine: a claim and the ledger's evidence in, a Decision out. Pure: no clock
 * (today is an argument), no I/O. Money stays in minor units until the decision's decimal strings.
 *
 *   scope (which lines/fees) → rule of evidence for the reason → disputed amount (stated or derived)
 *   → classification and action → approval, escalation, stakeholders, documents, root cause, dates.
 */
import { invoiceTotal, openBalance } from './balance.ts'
import { claimAmount, disputedAmount } from './disputed-amount.ts'
import { claimError, type InvestigationError, resolveScope } from './claim-scope.ts'
import { classify } from './classify.ts'
import { addBusinessDays, daysPastDue } from './dates.ts'
import { documentationFor } from './documentation.ts'
import { escalationFor } from './escalation.ts'
import { inPolicyCurrency, policyCurrency } from './fx.ts'
import { CHECKS } from './evidence/index.ts'
import { finding } from './evidence/check.ts'
import { creditedOnLines } from './credited-already.ts'
import { formatPath } from './ledger.ts'
import { cmp, type Money, moneyOf, sub, sum, toDecimal, zero } from './money.ts'
import { resolvePolicy } from './policy.ts'
import type { ReasonCode } from './ledger.ts'
import { Claim, type Decision, type InvestigationInput } from './resolution.ts'
import { rootCauseFor } from './root-cause.ts'
import { stakeholdersFor } from './stakeholders.ts'

/** Claims on lines a credit memo may already have met, in part or in full. */
const CREDITED_AGAIN: ReadonlySet<ReasonCode> = new Set([
  'pricing_error',
  'quantity_discrepancy',
  'damaged_goods',
  'service_not_rendered',
])

export type { InvestigationError } from './claim-scope.ts'
export type InvestigationOutcome = { ok: true; decision: Decision } | { ok: false; error: InvestigationError }

export function investigate(input: InvestigationInput): InvestigationOutcome {
  const parsed = Claim.safeParse(input.claim)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return claimError(issue ? formatPath(issue.path) : 'claim', issue?.message ?? 'invalid claim')
  }
  const claim = parsed.data
  const { evidence, today } = input
  const inv = evidence.invoice
  const currency = inv.currency
  if (claim.invoiceNumber !== inv.number) {
    return claimError('invoiceNumber', `the evidence is for ${inv.number}, not ${claim.invoiceNumber}`)
  }
  if (claim.relatedInvoiceNumber === inv.number) {
    return claimError('relatedInvoiceNumber', `${inv.number} cannot duplicate itself`)
  }
  const scope = resolveScope(claim, inv)
  if (!scope.ok) return scope
  let goodwill: Money | null = null
  if (claim.goodwillAmount !== undefined) {
    const g = claimAmount(claim.goodwillAmount, currency, 'goodwillAmount')
    if (!g.ok) return g
    goodwill = g.value
  }
  const total = invoiceTotal(inv)
  const open = openBalance(inv, evidence.payments, evidence.creditMemos)
  // Policy amounts are in the company currency; this invoice's amounts are converted to meet them.
  const companyCurrency = input.companyCurrency ?? currency
  const policy = resolvePolicy(input.policy, companyCurrency)
  const pc = policyCurrency(currency, companyCurrency, input.fxRates ?? [], inv.issueDate)
  const toPolicy = (m: Money) => inPolicyCurrency(m, pc)
  const holidays = new Set([...(input.policy?.holidays ?? []), ...(input.publicHolidays ?? [])])

  const checked = CHECKS[claim.reasonCode]({ claim, evidence, currency, today, scope: scope.value, openBalance: open })
  // Credit memos already issued for the lines in question are not owed twice (credited-already.ts).
  const credited = CREDITED_AGAIN.has(claim.reasonCode)
    ? creditedOnLines(evidence.creditMemos, inv.number, scope.value.lines, currency, inv.lines)
    : { amount: zero(currency), memos: [] }
  const check = credited.memos.length
    ? {
        ...checked,
        findings: [
          ...checked.findings,
          ...credited.memos.map((m) =>
            finding(claim.reasonCode, {
              target: { kind: 'invoice' },
              billed: `${inv.number}`,
              evidence: `credit memo ${m.number} already credited ${m.amount}${m.reason ? ` (${m.reason})` : ''}`,
              documentId: m.number,
              amount: zero(currency),
            }),
          ),
        ],
      }
    : checked
  const found = sum(
    check.findings.filter((f) => f.supportsCustomer).map((f) => moneyOf(f.amountNotOwed, currency)),
    currency,
  )
  const notOwed = cmp(found, credited.amount) > 0 ? sub(found, credited.amount) : zero(currency)
  const disputed = disputedAmount({
    claim,
    scope: scope.value,
    currency,
    invoiceNumber: inv.number,
    invoiceTotal: total,
    openBalance: open,
    evidenceNotOwed: notOwed,
    alreadyCredited: credited.amount,
  })
  if (!disputed.ok) return disputed
  const amount = disputed.value.amount
  const outcome = classify({ check, disputed: amount, notOwed, openBalance: open, policy, goodwill, toPolicy })

  const openedOn = claim.openedOn ?? today
  // A settled invoice is not past due, whatever its due date.
  const pastDue = open.minor > 0n ? daysPastDue(inv.dueDate, today) : 0
  const escalation = escalationFor(
    {
      disputed: amount,
      reasonCode: claim.reasonCode,
      daysPastDue: pastDue,
      strategic: !!evidence.customer.strategic,
      customerDisputes: evidence.customerDisputes,
      openedOn,
      approvalRole: outcome.approval?.requiredRole ?? null,
      policyCurrency: pc,
    },
    policy,
  )
  const documentation = documentationFor(claim.reasonCode, evidence, check)
  const cause = rootCauseFor({
    reason: claim.reasonCode,
    classification: outcome.classification,
    check,
    invoiceNumber: inv.number,
    currency,
  })
  const decision: Decision = {
    invoiceNumber: inv.number,
    customerId: evidence.customer.id,
    customerName: evidence.customer.name,
    reasonCode: claim.reasonCode,
    classification: outcome.classification,
    currency,
    disputedAmount: toDecimal(amount),
    supportedAmount: toDecimal(outcome.supported),
    owedAmount: toDecimal(outcome.owed),
    ...(pc.kind === 'same'
      ? {}
      : {
          policyAmount: {
            currency: pc.currency,
            amount: pc.kind === 'converted' ? toDecimal(inPolicyCurrency(amount, pc) ?? amount) : null,
            rate: pc.kind === 'converted' ? pc.rate : null,
            rateDate: pc.kind === 'converted' ? pc.rateDate : null,
          },
        }),
    disputedAmountSource: disputed.value.source,
    action: outcome.action,
    approval: outcome.approval,
    escalation,
    stakeholders: stakeholdersFor(claim.reasonCode, escalation),
    documentation,
    missingDocuments: [...check.missing],
    openedOn,
    targetDate: claim.deadline ?? addBusinessDays(openedOn, policy.resolutionSlaBusinessDays, holidays),
    invoiceTotal: toDecimal(total),
    openBalance: toDecimal(open),
    daysPastDue: pastDue,
    findings: check.findings,
    rootCauseCode: cause.code,
    rootCause: cause.sentence,
    rationale: [
      {
        code: `disputed_amount_${disputed.value.source}`,
        detail: `${toDecimal(amount)} ${currency}: ${disputed.value.basis}`,
      },
      ...outcome.rationale,
    ],
  }
  return { ok: true, decision }
}
