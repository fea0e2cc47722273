/** An invoice's total and open balance as the ledger states them. */
import { invoiceFigures } from './invoice-math.ts'
import type { Invoice } from './ledger.ts'
import { type Money, moneyOf, sub, sum } from './money.ts'
import type { CreditMemo, Payment } from './resolution.ts'

/** The ledger's total when it states one (import checked it against the lines), else recomputed. */
export function invoiceTotal(invoice: Invoice): Money {
  return invoice.total ? moneyOf(invoice.total, invoice.currency) : invoiceFigures(invoice).total
}

/** Payments applied to this invoice, in its currency (a payment in another currency cannot be applied). */
export function appliedPayments(invoice: Invoice, payments: readonly Payment[]): Payment[] {
  return payments.filter((p) => p.invoiceNumber === invoice.number && p.currency === invoice.currency)
}

/** Total − applied payments − credit memos. */
export function openBalance(invoice: Invoice, payments: readonly Payment[], memos: readonly CreditMemo[]): Money {
  const cur = invoice.currency
  const paid = sum(
    appliedPayments(invoice, payments).map((p) => moneyOf(p.amount, cur)),
    cur,
  )
  const credited = sum(
    memos.filter((m) => m.invoiceNumber === invoice.number).map((m) => moneyOf(m.amount, cur)),
    cur,
  )
  return sub(sub(invoiceTotal(invoice), paid), credited)
}
