/**
 * What the customer has already been credited for the charges in question: credit memos on the
 * invoice whose reason names one of those lines ("20 pallets broken" on a pallet line, "1
 * installation day not used" on the installation line). A claim on the same charges again ("35
 * broke in all, credit the other 15") is owed only what the evidence supports beyond them. A memo
 * whose words name no line in question (a goodwill hour, another line) changes nothing here. Pure.
 */
import type { CreditMemo, InvoiceLine } from './ledger.ts'
import { type Money, moneyOf, sum } from './money.ts'

/** Words of every memo and line that name no charge: function words and the words of billing itself. */
const NAMES_NOTHING = new Set(
  (
    'with from that this these those have been were they their your ours only also over under into onto ' +
    'credit credited note memo refund return returned dispute disputed invoice invoiced line lines charge ' +
    'charges billed bill amount total goodwill reason per each unit units'
  ).split(' '),
)
/** Words of four letters or more that could name a charge. */
const words = (text: string): string[] =>
  (text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !NAMES_NOTHING.has(w))
/** One word in two forms: one begins the other ("vase", "vases"), or both share six letters
 *  ("industrijska", "industrijske"). */
const alike = (a: string, b: string): boolean =>
  a.startsWith(b) || b.startsWith(a) || (a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6))

export function creditedOnLines(
  memos: readonly CreditMemo[],
  invoiceNumber: string,
  lines: readonly InvoiceLine[],
  currency: string,
): { amount: Money; memos: CreditMemo[] } {
  const named = memos.filter((m) => {
    if (m.invoiceNumber !== invoiceNumber || !m.reason) return false
    const said = words(m.reason)
    return lines.some((l) => words(`${l.sku} ${l.description ?? ''}`).some((w) => said.some((x) => alike(w, x))))
  })
  return {
    amount: sum(
      named.map((m) => moneyOf(m.amount, currency)),
      currency,
    ),
    memos: named,
  }
}
