/**
 * Whether a message says something of an invoice besides a number that only loosely names it
 * ("invoice 77 for the pallets", "the 77, 1.480,00 €"): a word of one of its lines, or a figure it
 * bills (total, balance, a line's amount, price or tax, its whole tax). A weak reading of a number is taken on that,
 * whatever language the rest of the message is in; a figure or word the invoice lacks proves nothing.
 */
import { invoiceFigures } from '../../core/invoice-math.ts'
import { cmp, decimal, isZero, type Money, multiply, parseMoney } from '../../core/money.ts'
import type { InvoiceRecord } from '../../services/ports.ts'
import { saidMoney } from './figures-against-lines.ts'

/** Words any line or message may hold, which say nothing of which invoice it is. */
const COMMON = new Set(
  'the and for per with from one our your their this that each unit units piece pieces month day days week invoice size item items service'.split(
    ' ',
  ),
)

const stem = (w: string): string => w.toLowerCase().replace(/(?<=\p{L}{3})(?:es|s)$/u, '')
const words = (text: string): Set<string> =>
  new Set(
    (text.match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => /\p{L}/u.test(w) && !COMMON.has(w.toLowerCase())).map(stem),
  )

export function corroborates(invoice: InvoiceRecord, message: string): boolean {
  const said = words(message)
  // Its lines and its fees: "the $40 pallet charge" speaks of a fee the invoice carries.
  const lineWords = words(
    [
      ...invoice.lines.map((l) => `${l.sku} ${l.description ?? ''}`),
      ...(invoice.fees ?? []).map((f) => f.description ?? ''),
    ].join(' '),
  )
  if ([...said].some((w) => lineWords.has(w))) return true
  const currency = invoice.currency
  const asMoney = (x: string | undefined): Money[] => {
    const m = x ? parseMoney(x, currency) : null
    return m?.ok ? [m.value] : []
  }
  const billed = [
    ...asMoney(invoice.total ?? invoice.computedTotal),
    ...asMoney(invoice.openBalance),
    ...invoice.lines.flatMap((l) => {
      const price = asMoney(l.unitPrice)
      return [...price, ...price.map((p) => multiply(p, decimal(l.quantity)))]
    }),
    ...(invoice.fees ?? []).flatMap((f) => asMoney(f.amount)),
    // Its tax, whole or by line ("all of the tax, 2,418.30"), and each line with its tax.
    ...(() => {
      const f = invoiceFigures(invoice)
      return [
        ...(isZero(f.tax) ? [] : [f.tax]),
        ...f.lines.flatMap((l) => [l.gross, ...(isZero(l.tax) ? [] : [l.tax])]),
      ]
    })(),
  ]
  for (const raw of message.match(/\d[\d.,'’\u00a0\u202f]*\d|\d/g) ?? []) {
    const said = saidMoney(raw, currency)
    if (said && billed.some((b) => cmp(b, said) === 0)) return true
  }
  return false
}
