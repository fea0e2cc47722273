/**
 * The dispute policy: DOMAIN.md's defaults, overridden field by field by the ledger's `policy`.
 * Amounts are in the company currency (DOMAIN.md, Currencies: invoices in another currency are
 * converted to meet them, see fx.ts); a policy
 * figure with more decimals than the currency has (50.50 for JPY) is rounded half-up, since a
 * threshold is a boundary, not an amount anyone is billed.
 */
import type { PolicyInput } from './ledger.ts'
import { cmp, type Money, moneyRounded } from './money.ts'
import type { Role } from './resolution.ts'

export const DEFAULT_POLICY = {
  escalationAmount: '10000.00',
  escalationDaysPastDue: 90,
  repeatDisputeCount: 3,
  repeatDisputeWindowDays: 90,
  legalEscalationAmount: '10000.00',
  writeOffBelow: '50.00',
  resolutionSlaBusinessDays: 10,
  approvalLimits: { specialist: '1000.00', lead: '10000.00' },
} as const

export interface Policy {
  escalationAmount: Money
  escalationDaysPastDue: number
  repeatDisputeCount: number
  repeatDisputeWindowDays: number
  legalEscalationAmount: Money
  writeOffBelow: Money
  resolutionSlaBusinessDays: number
  approvalLimits: { specialist: Money; lead: Money }
}

export function resolvePolicy(override: PolicyInput | undefined, currency: string): Policy {
  const p = { ...DEFAULT_POLICY, ...override }
  const limits = { ...DEFAULT_POLICY.approvalLimits, ...override?.approvalLimits }
  const amount = (text: string) => moneyRounded(text, currency)
  return {
    escalationAmount: amount(p.escalationAmount),
    escalationDaysPastDue: p.escalationDaysPastDue,
    repeatDisputeCount: p.repeatDisputeCount,
    repeatDisputeWindowDays: p.repeatDisputeWindowDays,
    legalEscalationAmount: amount(p.legalEscalationAmount),
    writeOffBelow: amount(p.writeOffBelow),
    resolutionSlaBusinessDays: p.resolutionSlaBusinessDays,
    approvalLimits: { specialist: amount(limits.specialist), lead: amount(limits.lead) },
  }
}

/** Who may approve moving `amount`: limits are inclusive ("specialist up to 1,000.00"). */
export function approvalRole(amount: Money, policy: Policy): Role {
  if (cmp(amount, policy.approvalLimits.specialist) <= 0) return 'specialist'
  if (cmp(amount, policy.approvalLimits.lead) <= 0) return 'lead'
  return 'finance_controller'
}
