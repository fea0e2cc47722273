/**
 * Who may approve how much. src/core/policy.ts did not exist when this was written, so the rule
 * lives here in one small function: specialist 1,000.00, lead 10,000.00 (or the ledger's policy),
 * finance controller unlimited. An admin manages keys, not money, and approves nothing.
 */
import type { PolicyInput } from '../../core/ledger.ts'
import { cmp, type Money, moneyOf } from '../../core/money.ts'
import type { Role } from '../../core/resolution.ts'

export const DEFAULT_LIMITS = { specialist: '1000.00', lead: '10000.00' } as const

/** The approver's limit in the amount's currency; null = unlimited, 'none' = may not approve. */
export function approvalLimit(role: Role, policy: PolicyInput, currency: string): Money | null | 'none' {
  if (role === 'finance_controller') return null
  if (role === 'admin' || role === 'customer') return 'none'
  const text = policy.approvalLimits?.[role] ?? DEFAULT_LIMITS[role]
  return moneyOf(text, currency)
}

export function covers(role: Role, amount: Money, policy: PolicyInput): boolean {
  const limit = approvalLimit(role, policy, amount.currency)
  if (limit === 'none') return false
  return limit === null || cmp(amount, limit) <= 0
}

/** The lowest role whose limit covers the amount. */
export function requiredRole(amount: Money, policy: PolicyInput): Role {
  for (const role of ['specialist', 'lead'] as const) if (covers(role, amount, policy)) return role
  return 'finance_controller'
}
