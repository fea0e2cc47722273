/**
 * What the customer has already been credited for the charges in question: credit memos on the
 * invoice whose reason names one of those lines ("20 pallets broken" on a pallet line, "1
 * installation day not used" on the installation line), or whose amount is a whole number of one
 * such line's units with its tax while its reason names no other line (a memo worded in a language
 * the line's description is not). A claim on the same charges again ("35 broke in all, credit the
 * other 15") is owed only what the evidence supports beyond them. A memo that names no line in
 * question (a goodwill hour, another line) changes nothing here. Pure.
 */
import { unitsCredit } from './evidence/check.ts'
import type { CreditMemo, InvoiceLine } from './ledger.ts'
import { cmp, decimal, type Money, moneyOf, sum } from './money.ts'

/** Words of every memo and line that name no charge: function words and the words of billing itself. */
const NAMES_NOTHING = new Set(
  (
    'with from that this these those have been were they their your ours only also over under into onto ' +
    'credit credited note memo refund return returned dispute disputed invoice invoiced line lines charge ' +
    'charges billed bill amount total goodwill reason per each unit units ' +
    // Three letters: function words, and the abbreviations of units and counts.
    'the and for was are but not off our out via its all any has had new old one two six ten ' +
    'ctn pcs kgs hrs nos pkt qty'
  ).split(' '),
)
/** Words of three letters or more that could name a charge ("cup", "bin", "van" are charges). */
const words = (text: string): string[] =>
  (text.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !NAMES_NOTHING.has(w))
/** One word in two forms: one begins the other ("vase", "vases"), or both share six letters
 *  ("industrijska", "industrijske"). A word of three letters only with a plural ending ("cup",
 *  "cups"), so "car" names no "carton". */
const alike = (a: string, b: string): boolean => {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (short.length < 4) return long === short || long === `${short}s` || long === `${short}es`
  return long.startsWith(short) || (short.length >= 6 && short.slice(0, 6) === long.slice(0, 6))
}
const names = (memo: CreditMemo, line: InvoiceLine): boolean => {
  const said = words(memo.reason ?? '')
  return words(`${line.sku} ${line.description ?? ''}`).some((w) => said.some((x) => alike(w, x)))
}
/** Whether the memo is exactly n of the line's units with their tax, for a whole n it bills. */
function wholeUnitsOf(memo: CreditMemo, line: InvoiceLine, currency: string): boolean {
  const amount = moneyOf(memo.amount, currency)
  const one = unitsCredit(line, decimal(1), currency)
  if (one.minor <= 0n || amount.minor <= 0n) return false
  const n = (amount.minor + one.minor / 2n) / one.minor
  return (
    n >= 1n &&
    n <= BigInt(Math.floor(line.quantity)) &&
    cmp(unitsCredit(line, decimal(String(n)), currency), amount) === 0
  )
}

export function creditedOnLines(
  memos: readonly CreditMemo[],
  invoiceNumber: string,
  lines: readonly InvoiceLine[],
  currency: string,
  invoiceLines: readonly InvoiceLine[] = lines,
): { amount: Money; memos: CreditMemo[] } {
  const named = memos.filter((m) => {
    if (m.invoiceNumber !== invoiceNumber) return false
    if (m.reason && lines.some((l) => names(m, l))) return true
    const others = invoiceLines.filter((l) => !lines.includes(l))
    return !others.some((l) => names(m, l)) && lines.some((l) => wholeUnitsOf(m, l, currency))
  })
  return {
    amount: sum(
      named.map((m) => moneyOf(m.amount, currency)),
      currency,
    ),
    memos: named,
  }
}
