/**
 * Several invoices in one claim (DOMAIN.md): each invoice is investigated on its own, with its own
 * dispute and figures; the group only adds them up. Totals are per currency (amounts in different
 * currencies are never added), exact sums of the per-invoice figures. Pure.
 */
import { z } from 'zod'
import { addDays } from './dates.ts'
import type { Action, Classification, ReasonCode } from './ledger.ts'
import { add, type Money, moneyOf, toDecimal, zero } from './money.ts'
import { Claim } from './resolution.ts'

/** What a group claim says once for all its invoices; each invoice's amounts come from its evidence. */
export const GroupClaim = Claim.pick({
  reasonCode: true,
  sku: true,
  expectedUnitPrice: true,
  feeType: true,
  deadline: true,
  openedOn: true,
  description: true,
})
export type GroupClaim = z.infer<typeof GroupClaim>

export const MAX_GROUP_INVOICES = 50

/** One invoice of a group, as its investigation decided it. */
export interface GroupLine {
  invoiceNumber: string
  /** Absent until the group is opened. */
  disputeId?: string
  reasonCode: ReasonCode
  classification: Classification
  action: Action
  currency: string
  disputedAmount: string
  supportedAmount: string
  owedAmount: string
}

export interface GroupTotal {
  currency: string
  invoices: number
  disputed: string
  supported: string
  owed: string
}

export function groupTotals(lines: readonly GroupLine[]): GroupTotal[] {
  const by = new Map<string, { invoices: number; disputed: Money; supported: Money; owed: Money }>()
  for (const l of lines) {
    const cur = l.currency
    const t = by.get(cur) ?? { invoices: 0, disputed: zero(cur), supported: zero(cur), owed: zero(cur) }
    by.set(cur, {
      invoices: t.invoices + 1,
      disputed: add(t.disputed, moneyOf(l.disputedAmount, cur)),
      supported: add(t.supported, moneyOf(l.supportedAmount, cur)),
      owed: add(t.owed, moneyOf(l.owedAmount, cur)),
    })
  }
  return [...by].map(([currency, t]) => ({
    currency,
    invoices: t.invoices,
    disputed: toDecimal(t.disputed),
    supported: toDecimal(t.supported),
    owed: toDecimal(t.owed),
  }))
}

/** Amounts added per currency, in first-seen order: what a group's credit requests come to. */
export function sumByCurrency(
  items: readonly { currency: string; amount: string }[],
): { currency: string; amount: string; count: number }[] {
  const by = new Map<string, { amount: Money; count: number }>()
  for (const i of items) {
    const t = by.get(i.currency) ?? { amount: zero(i.currency), count: 0 }
    by.set(i.currency, { amount: add(t.amount, moneyOf(i.amount, i.currency)), count: t.count + 1 })
  }
  return [...by].map(([currency, t]) => ({ currency, amount: toDecimal(t.amount), count: t.count }))
}

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month "YYYY-MM"')

/** "2026-03" → 2026-03-01 … 2026-03-31: "every invoice in March". */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`
  const [y = 0, m = 0] = month.split('-').map(Number)
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { from, to: addDays(next, -1) }
}
