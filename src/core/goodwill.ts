/**
 * A goodwill credit asked for as a share ("give them 10 %"): the percentage of the invoice total, of
 * one line (with its tax), or of the amount in dispute, rounded once, half-up, as every product of an
 * amount and a rate is (money.ts), and capped by the policy's goodwill limit (DOMAIN.md, Outcome:
 * goodwill only within policy): what the customer still owes of the disputed amount, never more than
 * the open balance. Pure.
 */
import { z } from 'zod'
import { invoiceTotal } from './balance.ts'
import { lineFigures } from './invoice-math.ts'
import type { Invoice } from './ledger.ts'
import {
  cmp,
  type Decimal,
  decimal,
  decimalCmp,
  decimalToString,
  type Money,
  max,
  min,
  percentOf,
  toDecimal,
  zero,
} from './money.ts'

export const GOODWILL_BASES = ['invoice', 'line', 'disputed'] as const
export const GoodwillBasis = z.enum(GOODWILL_BASES)
export type GoodwillBasis = z.infer<typeof GoodwillBasis>

/** "10", "12.5" or 12.5: a percentage above 0 and at most 100, with at most 4 decimals. */
export const Percent = z.union([
  z.number().gt(0, 'must be above 0').max(100, 'must be at most 100'),
  z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'expected a percentage like "10" or "12.5"'),
])
export type Percent = z.infer<typeof Percent>

export interface GoodwillShareInput {
  percent: Percent
  of: GoodwillBasis
  /** The line the percentage is of, when `of` is "line". */
  line?: number
  invoice: Invoice
  disputed: Money
  /** What the customer still owes of the disputed amount (disputed − supported). */
  owed: Money
  openBalance: Money
}

export type GoodwillShare =
  | {
      ok: true
      /** What may be granted: the share, or the cap when the share is above it. */
      amount: Money
      /** The share before the cap. */
      share: Money
      base: Money
      capped: boolean
      cap: Money
      /** For the request's reason and the audit trail: "10 % of the invoice total 1400.00 USD = 140.00 USD". */
      detail: string
    }
  | {
      ok: false
      error: { code: 'invalid_percent' | 'no_such_line' | 'outside_policy'; message: string; field: string }
    }

const ONE_HUNDRED: Decimal = { int: 100n, scale: 0 }
const fmt = (m: Money) => `${toDecimal(m)} ${m.currency}`
const fail = (code: 'invalid_percent' | 'no_such_line' | 'outside_policy', message: string, field: string) =>
  ({ ok: false, error: { code, message, field } }) as const

export function goodwillShare(input: GoodwillShareInput): GoodwillShare {
  const cur = input.invoice.currency
  let pct: Decimal
  try {
    pct = decimal(input.percent)
  } catch {
    return fail('invalid_percent', `"${input.percent}" is not a percentage`, 'percent')
  }
  if (pct.int <= 0n || decimalCmp(pct, ONE_HUNDRED) > 0 || pct.scale > 4)
    return fail('invalid_percent', 'a percentage above 0 and at most 100, with at most 4 decimals', 'percent')

  let base: Money
  let of: string
  if (input.of === 'line') {
    const line = input.invoice.lines.find((l) => l.line === input.line)
    if (!line)
      return fail(
        'no_such_line',
        `invoice ${input.invoice.number} has no line ${input.line ?? '(none given)'}; its lines are ${input.invoice.lines.map((l) => l.line).join(', ')}`,
        'line',
      )
    base = lineFigures(line, cur).gross
    of = `line ${line.line} (${line.sku}, tax included)`
  } else if (input.of === 'disputed') {
    base = input.disputed
    of = 'the amount in dispute'
  } else {
    base = invoiceTotal(input.invoice)
    of = 'the invoice total'
  }

  const cap = min(max(input.owed, zero(cur)), max(input.openBalance, zero(cur)))
  if (cap.minor === 0n)
    return fail(
      'outside_policy',
      `no goodwill credit fits the policy on ${input.invoice.number}: the customer owes nothing more of the disputed amount (${fmt(input.owed)}) or the open balance is ${fmt(input.openBalance)}`,
      'percent',
    )
  const share = percentOf(base, pct)
  if (share.minor === 0n)
    return fail('invalid_percent', `${decimalToString(pct)} % of ${fmt(base)} rounds to zero`, 'percent')
  const capped = cmp(share, cap) > 0
  const amount = capped ? cap : share
  const said = `${decimalToString(pct)} % of ${of} ${fmt(base)} = ${fmt(share)}`
  const detail = capped
    ? `${said}, capped at ${fmt(cap)}: the most the policy allows (what is still owed of the disputed amount, within the open balance)`
    : said
  return { ok: true, amount, share, base, capped, cap, detail }
}
