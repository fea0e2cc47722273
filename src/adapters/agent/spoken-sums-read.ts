/**
 * Sums said in words the way people say prices on the phone ("four fifty two each", "thirty four twenty
 * six"), read against the invoices the message or the conversation names: their figures say whether a
 * caller means hundreds or cents (nlu/spoken-numbers.ts `spokenSums`). Reads the ledger; the message as
 * typed is what is recorded.
 */
import { invoiceFigures } from '../../core/invoice-math.ts'
import { toDecimal } from '../../core/money.ts'
import type { InvoiceRecord, LedgerRepository } from '../../services/ports.ts'
import { figure } from './conversation-state.ts'
import { findLedgerReferences } from './ledger-references.ts'
import { hasSpokenSum, spokenSums } from './nlu/spoken-numbers.ts'

/** The invoice's own figures: each line's price, net, tax and gross, each fee, the tax, the total and
 *  what is open. */
function figuresOf(invoice: InvoiceRecord): string[] {
  const f = invoiceFigures(invoice)
  return [
    ...invoice.lines.map((l) => l.unitPrice),
    ...f.lines.flatMap((l) => [l.net, l.tax, l.gross].map(toDecimal)),
    ...(invoice.fees ?? []).map((x) => x.amount),
    toDecimal(f.tax),
    toDecimal(f.total),
    invoice.total ?? invoice.computedTotal,
    invoice.openBalance,
  ].map((v) => figure(v)!)
}

/** The message with its sums said in words written as digits where the named invoices decide how. */
export async function spokenSumsRead(
  message: string,
  ledger: Pick<LedgerRepository, 'referencesByKey' | 'invoicesStartingWith' | 'getInvoice'>,
  invoiceInHand?: string,
): Promise<string> {
  if (!hasSpokenSum(message)) return message
  const references = await findLedgerReferences(message, ledger)
  const numbers = new Set([
    ...references.filter((r) => !r.unknown).flatMap((r) => r.invoices),
    ...(invoiceInHand ? [invoiceInHand] : []),
  ])
  // A message naming many invoices (a statement pasted) is no phone call about a price.
  if (!numbers.size || numbers.size > 3) return message
  const invoices = await Promise.all([...numbers].map((n) => ledger.getInvoice(n)))
  const figures = new Set(invoices.flatMap((i) => (i ? figuresOf(i) : [])))
  return figures.size ? spokenSums(message, (v) => figures.has(figure(v)!)) : message
}
