/**
 * When a dispute leaves the specialist's hands (DOMAIN.md, "Escalation and stakeholders"). Each
 * trigger is a coded reason, so a lead can see why and the evals can assert it.
 */
import { daysBetween } from './dates.ts'
import { describeInPolicy, inPolicyCurrency, noRateDetail, type PolicyCurrency } from './fx.ts'
import type { ReasonCode } from './ledger.ts'
import { cmp, type Money, toDecimal } from './money.ts'
import type { Policy } from './policy.ts'
import type { Escalation, Reason, Role } from './resolution.ts'

export interface EscalationInput {
  disputed: Money
  reasonCode: ReasonCode
  daysPastDue: number
  strategic: boolean
  /** Earlier disputes of the customer (the current one is counted on top). */
  customerDisputes: readonly { id: string; openedDate: string }[]
  openedOn: string
  /** The role the action's money needs, when money moves. */
  approvalRole: Role | null
  /** How invoice amounts are read against the policy (company currency); same currency when absent. */
  policyCurrency?: PolicyCurrency
}

/**
 * Disputes opened in the window ending on `openedOn`, this one included. The window is
 * (openedOn − N days, openedOn], the convention trends and insights use for "the last N days".
 */
export function recentDisputeCount(input: EscalationInput, windowDays: number): number {
  const ids = new Set(
    input.customerDisputes
      .filter((d) => {
        const age = daysBetween(d.openedDate, input.openedOn)
        return age >= 0 && age < windowDays
      })
      .map((d) => d.id),
  )
  return ids.size + 1
}

export function escalationFor(input: EscalationInput, policy: Policy): Escalation {
  const lead: Reason[] = []
  const cur = input.disputed.currency
  const pc: PolicyCurrency = input.policyCurrency ?? { kind: 'same', currency: cur }
  const disputedInPolicy = inPolicyCurrency(input.disputed, pc)
  const shown = describeInPolicy(input.disputed, pc)
  const threshold = (m: Money) => (pc.kind === 'same' ? toDecimal(m) : `${toDecimal(m)} ${m.currency}`)
  if (pc.kind === 'no_rate') lead.push({ code: 'no_fx_rate', detail: noRateDetail(pc) })
  if (disputedInPolicy && cmp(disputedInPolicy, policy.escalationAmount) >= 0) {
    lead.push({
      code: 'amount_threshold',
      detail: `disputed ${shown} ≥ ${threshold(policy.escalationAmount)}`,
    })
  }
  if (input.daysPastDue > policy.escalationDaysPastDue) {
    lead.push({
      code: 'days_past_due',
      detail: `${input.daysPastDue} days past due > ${policy.escalationDaysPastDue}`,
    })
  }
  if (input.strategic) lead.push({ code: 'strategic_customer', detail: 'the customer is strategic' })
  const recent = recentDisputeCount(input, policy.repeatDisputeWindowDays)
  if (recent >= policy.repeatDisputeCount) {
    lead.push({
      code: 'repeat_disputes',
      detail: `${recent} disputes in ${policy.repeatDisputeWindowDays} days, this one included (≥ ${policy.repeatDisputeCount})`,
    })
  }
  const legal: Reason[] = []
  if (
    input.reasonCode === 'contract_terms' &&
    disputedInPolicy &&
    cmp(disputedInPolicy, policy.legalEscalationAmount) >= 0
  ) {
    legal.push({
      code: 'legal_contract_terms',
      detail: `contract terms dispute of ${shown} ≥ ${threshold(policy.legalEscalationAmount)}`,
    })
  }
  const controller: Reason[] =
    input.approvalRole === 'finance_controller'
      ? [
          {
            code: 'above_lead_limit',
            detail:
              pc.kind === 'no_rate'
                ? `no exchange rate: the amount cannot be checked against the lead's limit ${threshold(policy.approvalLimits.lead)}`
                : `amount above the lead's limit ${threshold(policy.approvalLimits.lead)}`,
          },
        ]
      : []
  const to: Escalation['to'] = [
    ...(lead.length ? (['lead'] as const) : []),
    ...(legal.length ? (['legal'] as const) : []),
    ...(controller.length ? (['finance_controller'] as const) : []),
  ]
  return { required: to.length > 0, to, reasons: [...lead, ...legal, ...controller] }
}
