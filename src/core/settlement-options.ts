/**
 * Settlement options: what a senior specialist weighs when a dispute is partial or the customer
 * rejected the outcome, each with its figures and who must approve it under the policy. Pure.
 *
 * Rounding, stated once: a share of an amount (the split, a goodwill percentage, an instalment) is
 * rounded half-up to the currency's minor unit, once (money.ts); the customer's part is what is left
 * after that share, so the parts always add up to the amount they split. In a payment plan every
 * instalment but the last is owed ÷ n rounded half-up; the last absorbs the difference.
 *
 * Approvals reuse the policy's limits (policy.ts `approvalRole`) on each credit, in the company
 * currency (fx.ts); goodwill is capped by the goodwill limit (goodwill.ts `goodwillShare`). A credit
 * of the supported amount is a credit memo; anything credited beyond it (the company's half of a
 * split, a goodwill gesture) is a goodwill credit, since the evidence supports the invoice there.
 */
import { addDays, isBusinessDay } from './dates.ts'
import { type PolicyCurrency, inPolicyCurrency } from './fx.ts'
import { type GoodwillBasis, goodwillShare, type Percent } from './goodwill.ts'
import type { Invoice } from './ledger.ts'
import {
  type Decimal,
  decimal,
  decimalCmp,
  decimalToString,
  isZero,
  type Money,
  moneyOf,
  percentOf,
  prorate,
  sub,
  sum,
  toDecimal,
  zero,
} from './money.ts'
import { approvalRole, type Policy } from './policy.ts'
import type { Resolution, Role } from './resolution.ts'

export const SETTLEMENT_KINDS = ['supported_credit', 'split', 'goodwill', 'payment_plan', 'escalate'] as const
export type SettlementKind = (typeof SETTLEMENT_KINDS)[number]

export const ROUNDING_RULE =
  'Shares are rounded half-up to the minor unit once; the customer’s part is the rest, and the last instalment absorbs the rounding.'

export interface SettlementCredit {
  kind: 'credit_memo' | 'goodwill_credit'
  amount: string
  /** The role whose limit covers it (policy approval limits, in the company currency). */
  approver: Role
}

export interface Instalment {
  n: number
  dueOn: string
  amount: string
}

export interface SettlementOption {
  kind: SettlementKind
  title: string
  /** One sentence with the figures, for the specialist and the audit trail. */
  summary: string
  credits: SettlementCredit[]
  /** Credited in all (the collections hold keeps this until it is issued). */
  creditTotal: string
  /** What the customer pays of the disputed amount (released to collections). */
  customerPays: string
  /** What stays on hold as still in dispute once this option is chosen. */
  keptOnHold: string
  /** The most senior role this option needs; null when nobody must approve it. */
  approver: Role | null
  instalments: Instalment[]
}

export interface SettlementInput {
  resolution: Pick<
    Resolution,
    'classification' | 'currency' | 'disputedAmount' | 'supportedAmount' | 'owedAmount' | 'escalation' | 'invoiceNumber'
  >
  invoice: Invoice
  openBalance: Money
  policy: Policy
  /** How invoice amounts meet the policy limits (same currency, converted, or no rate). */
  policyCurrency: PolicyCurrency
  /** The day the choice is made: instalment dates count from it. */
  decidedOn: string
  /** Company and public holidays, skipped as due dates. */
  holidays?: ReadonlySet<string>
  /** The customer rejected the outcome (any classification becomes negotiable). */
  customerRejected?: boolean
  /** The company's share of the remainder in a split, in percent (default 50). */
  splitPercent?: Percent
  /** The goodwill gesture: a percentage of a basis (default 10 % of the invoice total), capped by policy. */
  goodwill?: { percent: Percent; of?: GoodwillBasis }
  /** Instalments of a payment plan (2 to 12, default 3), due monthly on business days. */
  instalments?: number
}

export interface SettlementFigures {
  currency: string
  disputed: string
  supported: string
  owed: string
  rounding: string
  options: SettlementOption[]
}

export type SettlementResult =
  | ({ ok: true } & SettlementFigures)
  | { ok: false; error: { code: 'not_negotiable' | 'invalid_input'; message: string; field?: string } }

const ROLE_ORDER: readonly Role[] = ['specialist', 'lead', 'finance_controller']
const senior = (roles: readonly Role[]): Role | null =>
  roles.reduce<Role | null>((a, r) => (a === null || ROLE_ORDER.indexOf(r) > ROLE_ORDER.indexOf(a) ? r : a), null)
const fmt = (m: Money) => `${toDecimal(m)} ${m.currency}`
const HUNDRED: Decimal = { int: 100n, scale: 0 }

/** Who approves moving `amount` (invoice currency): the policy limit in the company currency; the most
 *  senior approver when no rate lets the amount be checked. */
export function approverFor(amount: Money, policy: Policy, pc: PolicyCurrency): Role {
  const converted = inPolicyCurrency(amount, pc)
  return converted ? approvalRole(converted, policy) : 'finance_controller'
}

/** The date `months` calendar months after `date` (clamped to the month's end), moved forward to a business day. */
export function monthlyDueDate(date: string, months: number, holidays: ReadonlySet<string> = new Set()): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number)
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  let due = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10)
  while (!isBusinessDay(due, holidays)) due = addDays(due, 1)
  return due
}

/** `owed` in `n` instalments: owed ÷ n rounded half-up, the last one the rest. */
export function instalmentPlan(
  owed: Money,
  n: number,
  decidedOn: string,
  holidays: ReadonlySet<string> = new Set(),
): Instalment[] {
  const each = prorate(owed, 1n, BigInt(n))
  const last = sub(owed, { minor: each.minor * BigInt(n - 1), currency: owed.currency })
  return Array.from({ length: n }, (_, i) => ({
    n: i + 1,
    dueOn: monthlyDueDate(decidedOn, i + 1, holidays),
    amount: toDecimal(i === n - 1 ? last : each),
  }))
}

export function settlementOptions(input: SettlementInput): SettlementResult {
  const r = input.resolution
  const cur = r.currency
  if (!(r.classification === 'partial' || input.customerRejected))
    return {
      ok: false,
      error: {
        code: 'not_negotiable',
        message: `The dispute on ${r.invoiceNumber} is ${r.classification.replace(/_/g, ' ')}: settlement options are for a partial dispute or one whose customer rejected the outcome.`,
      },
    }
  const disputed = moneyOf(r.disputedAmount, cur)
  const supported = moneyOf(r.supportedAmount, cur)
  const owed = moneyOf(r.owedAmount, cur)
  const n = input.instalments ?? 3
  if (!Number.isInteger(n) || n < 2 || n > 12)
    return { ok: false, error: { code: 'invalid_input', message: 'instalments: 2 to 12', field: 'instalments' } }
  let splitPct: Decimal
  try {
    splitPct = decimal(input.splitPercent ?? '50')
  } catch {
    return { ok: false, error: { code: 'invalid_input', message: 'splitPercent: a percentage', field: 'splitPercent' } }
  }
  if (splitPct.int <= 0n || decimalCmp(splitPct, HUNDRED) >= 0)
    return {
      ok: false,
      error: { code: 'invalid_input', message: 'splitPercent: above 0 and below 100', field: 'splitPercent' },
    }

  const approve = (m: Money) => approverFor(m, input.policy, input.policyCurrency)
  const credit = (kind: SettlementCredit['kind'], m: Money): SettlementCredit[] =>
    isZero(m) ? [] : [{ kind, amount: toDecimal(m), approver: approve(m) }]
  const option = (
    kind: SettlementKind,
    title: string,
    summary: string,
    credits: SettlementCredit[],
    extra: { instalments?: Instalment[]; approver?: Role | null; keep?: Money } = {},
  ): SettlementOption => {
    const creditTotal = sum(
      credits.map((c) => moneyOf(c.amount, cur)),
      cur,
    )
    const customerPays = extra.keep ? zero(cur) : sub(disputed, creditTotal)
    return {
      kind,
      title,
      summary,
      credits,
      creditTotal: toDecimal(creditTotal),
      customerPays: toDecimal(customerPays),
      keptOnHold: toDecimal(extra.keep ?? creditTotal),
      approver: extra.approver !== undefined ? extra.approver : senior(credits.map((c) => c.approver)),
      instalments: extra.instalments ?? [],
    }
  }
  const options: SettlementOption[] = []
  const creditSupported = credit('credit_memo', supported)

  options.push(
    option(
      'supported_credit',
      'Supported credit only',
      `Credit the ${fmt(supported)} the evidence supports; the customer pays the remaining ${fmt(owed)}.`,
      creditSupported,
    ),
  )

  if (!isZero(owed)) {
    const share = percentOf(owed, splitPct)
    const pct = decimalToString(splitPct)
    const theirs = decimalToString({ int: 100n * 10n ** BigInt(splitPct.scale) - splitPct.int, scale: splitPct.scale })
    options.push(
      option(
        'split',
        `Split the remainder ${pct}/${theirs}`,
        `Credit the supported ${fmt(supported)} and ${pct} % of the remaining ${fmt(owed)} (${fmt(share)}, as goodwill); the customer pays ${fmt(sub(owed, share))} (${theirs} %).`,
        [...creditSupported, ...credit('goodwill_credit', share)],
      ),
    )

    const gw = goodwillShare({
      percent: input.goodwill?.percent ?? '10',
      of: input.goodwill?.of ?? 'invoice',
      invoice: input.invoice,
      disputed,
      owed,
      openBalance: input.openBalance,
    })
    if (gw.ok)
      options.push(
        option(
          'goodwill',
          'Goodwill credit within the limit',
          `Credit the supported ${fmt(supported)} and a goodwill credit of ${fmt(gw.amount)} (${gw.detail}); the customer pays ${fmt(sub(owed, gw.amount))}.`,
          [...creditSupported, ...credit('goodwill_credit', gw.amount)],
        ),
      )

    const plan = instalmentPlan(owed, n, input.decidedOn, input.holidays)
    const deferred = approve(owed)
    options.push(
      option(
        'payment_plan',
        `Payment plan in ${n} instalments`,
        `Credit the supported ${fmt(supported)}; the customer pays the remaining ${fmt(owed)} in ${n} monthly instalments (${plan.map((p) => `${p.amount} on ${p.dueOn}`).join(', ')}).`,
        creditSupported,
        // Deferring what is owed is credit given: the same limits decide who agrees to it.
        { instalments: plan, approver: senior([...creditSupported.map((c) => c.approver), deferred]) },
      ),
    )
  }

  const to: Role = r.escalation.to.includes('finance_controller') ? 'finance_controller' : 'lead'
  options.push(
    option(
      'escalate',
      'Escalate',
      `Hand the dispute to a ${to.replace('_', ' ')}${r.escalation.to.includes('legal') ? ' (and legal)' : ''}; the whole ${fmt(disputed)} stays on hold until they decide.`,
      [],
      { approver: to, keep: disputed },
    ),
  )
  return {
    ok: true,
    currency: cur,
    disputed: toDecimal(disputed),
    supported: toDecimal(supported),
    owed: toDecimal(owed),
    rounding: ROUNDING_RULE,
    options,
  }
}
