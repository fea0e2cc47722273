/**
 * A statement of account or a reconciliation pasted one invoice a line ("RX-5094 – 4.912,30 – bezahlt
 * 03.10", "88/2025 – 61,040.00 – cleared"). Read whole, such a message mixes every line's
 * figures and words into one claim: the payment of one line, the complaint of another. Each line says
 * something of its own invoice only, so the claim about one invoice is read from its own lines and the
 * lines that name no invoice (the heading, "do the 733 one first").
 */
import { decimal, decimalCmp, isZeroAmount } from '../../core/money.ts'
import type { InvoiceRecord } from '../../services/ports.ts'
import type { LedgerReference } from './ledger-references.ts'
import { numbersSaidAlone } from './locate-claim.ts'
import { findAmounts } from './nlu/amounts.ts'
import type { Understanding } from './understanding.ts'

export interface Statement {
  /** The lines each invoice opens, in the order said, by invoice number. */
  owned: Map<string, string[]>
  lines: { text: string; owner?: string }[]
  /** Invoices the lines of no invoice name by their number ("Coral Bay short-paid K0212. Their remittance:"). */
  named: Set<string>
}

/** What may come before the number that opens a line: quotes, bullets, a list number, one word
 *  ("Factura", "Inv. no."). */
const OPENS_LINE = /^[\s"'“”„‘’«»>*•·\-–—(]*(?:\d{1,2}[.)]\s+)?(?:\p{L}{1,12}\.?\s*(?:no\.?|nr\.?|n[º°o]\.?|#)?\s*)?$/iu

/**
 * The message as a statement: at least two invoices of the ledger each open lines of their own. A line
 * belongs to the invoice it opens with; a line that opens with no invoice belongs to none (it is
 * context, kept with every invoice). Undefined when the message is not laid out that way.
 */
export function readStatement(message: string, refs: readonly LedgerReference[]): Statement | undefined {
  const lines: Statement['lines'] = []
  const owned = new Map<string, string[]>()
  const named = new Set<string>()
  let at = 0
  for (const text of message.split('\n')) {
    const end = at + text.length
    const inLine = refs
      .filter((r) => r.kind === 'invoice' && !r.unknown && r.index >= at && r.index < end && r.invoices.length === 1)
      .sort((a, b) => a.index - b.index)
    const first = inLine[0]
    const owner = first && OPENS_LINE.test(message.slice(at, first.index)) ? first.invoices[0] : undefined
    lines.push(owner ? { text, owner } : { text })
    if (owner) owned.set(owner, [...(owned.get(owner) ?? []), text])
    else for (const r of inLine) named.add(r.invoices[0]!)
    at = end + 1
  }
  return owned.size >= 2 ? { owned, lines, named } : undefined
}

/** The statement without the lines of the other invoices: what the claim about `invoice` says. */
export function linesOf(statement: Statement, invoice: string): string {
  return statement.lines
    .filter((l) => l.owner === undefined || l.owner === invoice)
    .map((l) => l.text)
    .join('\n')
}

export interface LineChoiceDeps {
  /** The message's own reading of a text (the reason it gives). */
  reread: (text: string) => Promise<Understanding>
  getInvoice: (number: string) => Promise<InvoiceRecord | null>
  /** Whether the text says the invoice stands or is handled elsewhere ("733 is being handled elsewhere"). */
  stands: (invoice: InvoiceRecord, text: string) => boolean
}

/**
 * The invoice of the statement the claim is about, in this order:
 * - the one the lines of no invoice name, by its number or by a run of digits no other invoice of the statement has
 *   ("do the 733 one next" of RX00733 beside RX00731; "88" of 88/2025/KP, not the year all share), unless
 *   they set it aside ("733 is being handled");
 * - among those (or all), the one whose own lines claim something: a reason is read from them, and it
 *   is not a payment the ledger already shows (a line saying an invoice the ledger has as settled, or
 *   paid in the amount the ledger has, is the customer agreeing);
 * - else the invoice the turn chose reading the whole message, when the statement has three or more.
 * Undefined when none stands out: the specialist is asked.
 */
export async function claimOfStatement(
  statement: Statement,
  chosenWhole: string | undefined,
  deps: LineChoiceDeps,
): Promise<string | undefined> {
  const numbers = [...statement.owned.keys()]
  const context = statement.lines
    .filter((l) => l.owner === undefined)
    .map((l) => l.text)
    .join('\n')
  const alone = numbersSaidAlone(context)
  const named = numbers.filter(
    (n) => statement.named.has(n) || [...runsOf(n)].some((run) => alone.has(run) && onlyIn(n, run, numbers)),
  )
  // "733 is being dealt with, do the others": an invoice the words around the statement set
  // aside is not the one they ask about.
  const invoices = await Promise.all(named.map((n) => deps.getInvoice(n)))
  const aside = named.filter((_, i) => invoices[i] && deps.stands(invoices[i]!, context))
  const said = named.filter((n) => !aside.includes(n))
  if (said.length === 1) return said[0]
  const claims: string[] = []
  for (const number of said.length ? said : numbers.filter((n) => !aside.includes(n))) {
    const text = linesOf(statement, number)
    const reason = (await deps.reread(text)).facts.reason
    if (!reason) continue
    if (reason.code === 'already_paid') {
      const invoice = await deps.getInvoice(number)
      const agreed =
        invoice &&
        (isZeroAmount(invoice.openBalance) ||
          (!isZeroAmount(invoice.paidAmount) &&
            findAmounts(text).some((a) => decimalCmp(decimal(a.value), decimal(invoice.paidAmount)) === 0)))
      if (agreed) continue
    }
    claims.push(number)
  }
  if (claims.length === 1) return claims[0]
  return chosenWhole && numbers.length >= 3 && statement.owned.has(chosenWhole) && !aside.includes(chosenWhole)
    ? chosenWhole
    : undefined
}

/** The runs of digits of an invoice number, without leading zeros ("RX00733" → 733, "88/2025/KP" → 88, 2025). */
function runsOf(number: string): Set<string> {
  return new Set((number.match(/\d+/g) ?? []).map((r) => String(Number(r))))
}

const onlyIn = (number: string, run: string, numbers: readonly string[]): boolean =>
  numbers.every((other) => other === number || !runsOf(other).has(run))
