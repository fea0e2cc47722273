/**
 * Classification and action (DOMAIN.md, "Outcome of the investigation"), from the amounts and what
 * the rule of evidence found. Order of the action rules, first match wins:
 *   needs_info → request_information;
 *   invalid or partial with (disputed − supported) under the write-off threshold → write_off;
 *   a real administrative defect → cancel_and_rebill;
 *   an unapplied payment covers the claim → apply_payment;
 *   valid or partial → credit_memo;
 *   invalid → goodwill_credit when the specialist asked for one within policy, else no_adjustment.
 */
import { clamp, cmp, type Money, max, sub, toDecimal, zero } from './money.ts'
import { approvalRole, type Policy } from './policy.ts'
import type { Action, Classification } from './ledger.ts'
import type { Decision, Reason } from './resolution.ts'
import type { CheckResult } from './evidence/check.ts'

export interface ClassifyInput {
  check: CheckResult
  disputed: Money
  /** What the findings show is not owed (before it is bounded by the disputed amount). */
  notOwed: Money
  openBalance: Money
  policy: Policy
  /** The goodwill credit the specialist asked for, if any. */
  goodwill: Money | null
  /**
   * An invoice amount in the policy's (company) currency, converted once; null when no rate was
   * available. Identity when absent (invoice and company share a currency).
   */
  toPolicy?: (m: Money) => Money | null
}

export interface Classified {
  classification: Classification
  action: Action
  supported: Money
  owed: Money
  approval: Decision['approval']
  rationale: Reason[]
}

const fmt = (m: Money) => `${toDecimal(m)} ${m.currency}`

export function classificationFor(disputed: Money, supported: Money, defect: boolean): Classification {
  if (supported.minor === 0n) return defect ? 'valid' : 'invalid'
  return cmp(supported, disputed) >= 0 ? 'valid' : 'partial'
}

function chooseAction(input: ClassifyInput, classification: Classification, owed: Money, why: Reason[]): Action {
  const { check, policy, goodwill } = input
  if (classification === 'needs_info') return 'request_information'
  // Without an exchange rate the threshold cannot be checked: no write-off, the lead decides.
  const owedInPolicy = inPolicy(input, owed)
  if (classification !== 'valid' && owedInPolicy && cmp(owedInPolicy, policy.writeOffBelow) < 0) {
    const shown = owedInPolicy === owed ? fmt(owed) : `${fmt(owed)} = ${fmt(owedInPolicy)}`
    why.push({ code: 'write_off_below_threshold', detail: `still owed ${shown} < ${fmt(policy.writeOffBelow)}` })
    return 'write_off'
  }
  if (check.defect) {
    why.push(check.defect)
    return 'cancel_and_rebill'
  }
  if (check.paymentToApply) {
    why.push({ code: 'payment_to_apply', detail: 'a payment of the customer covers the claim: apply it, no credit' })
    return 'apply_payment'
  }
  if (classification !== 'invalid') {
    if (goodwill) why.push({ code: 'goodwill_not_applied', detail: 'billing was wrong: a credit memo, not goodwill' })
    return 'credit_memo'
  }
  if (!goodwill) return 'no_adjustment'
  const cap = max(zero(owed.currency), input.openBalance)
  if (goodwill.minor > 0n && cmp(goodwill, owed) <= 0 && cmp(goodwill, cap) <= 0) {
    why.push({ code: 'goodwill_requested', detail: `goodwill credit of ${fmt(goodwill)} asked for by the specialist` })
    return 'goodwill_credit'
  }
  why.push({
    code: 'goodwill_outside_policy',
    detail: `goodwill ${fmt(goodwill)} must be above zero and at most the amount still owed ${fmt(owed)} and the open balance ${fmt(input.openBalance)}`,
  })
  return 'no_adjustment'
}

const inPolicy = (input: ClassifyInput, m: Money): Money | null => (input.toPolicy ? input.toPolicy(m) : m)

/** The money an action moves: the credit, the write-off (credit plus what is written off), the goodwill. */
function moved(action: Action, input: ClassifyInput, supported: Money): Money | null {
  switch (action) {
    case 'credit_memo':
      return supported
    case 'write_off':
      return input.disputed
    case 'goodwill_credit':
      return input.goodwill
    default:
      return null
  }
}

export function classify(input: ClassifyInput): Classified {
  const { check, disputed, policy } = input
  const why: Reason[] = []
  const supported = clamp(input.notOwed, disputed)
  const owed = sub(disputed, supported)
  const undecided = check.missing.length > 0 || !!check.undecided
  if (check.missing.length)
    why.push({ code: 'missing_documents', detail: `not in the ledger: ${check.missing.join(', ')}` })
  if (check.undecided) why.push(check.undecided)
  const classification = undecided ? 'needs_info' : classificationFor(disputed, supported, !!check.defect)
  why.push({
    code: `classified_${classification}`,
    detail: `supported ${fmt(supported)} of disputed ${fmt(disputed)}`,
  })
  const action = chooseAction(input, classification, owed, why)
  const amount = moved(action, input, supported)
  if (!amount) return { classification, action, supported, owed, approval: null, rationale: why }
  // Credits and write-offs never exceed the open balance; the rest would be a refund, not a credit.
  const cap = max(input.openBalance, zero(amount.currency))
  const capped = clamp(amount, cap)
  if (cmp(capped, amount) < 0) {
    why.push({
      code: 'capped_at_open_balance',
      detail: `${fmt(amount)} exceeds the open balance ${fmt(cap)}: ${fmt(capped)} on the invoice, the rest is a refund`,
    })
  }
  // No exchange rate: no limit can be checked, so only the role without a limit may approve.
  const cappedInPolicy = inPolicy(input, capped)
  const role = cappedInPolicy ? approvalRole(cappedInPolicy, policy) : 'finance_controller'
  const shown = cappedInPolicy && cappedInPolicy !== capped ? `${fmt(capped)} = ${fmt(cappedInPolicy)}` : fmt(capped)
  why.push({
    code: `approval_${role}`,
    detail: `${action} of ${shown} needs the ${role.replace('_', ' ')}${cappedInPolicy ? '' : ' (no exchange rate to check the limits)'}`,
  })
  return {
    classification,
    action,
    supported,
    owed,
    approval: { requiredRole: role, amount: toDecimal(capped) },
    rationale: why,
  }
}
