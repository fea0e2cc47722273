/**
 * A charge the customer does not recognise is owed when a document supports it: a PO line, a
 * delivery or a service log for the SKU, or the contract's price for it; a late fee when the contract
 * has a late-fee clause, another fee when the contract's notes name it. A charge nothing supports is
 * not owed. A fee the customer's own PO lists (a line with the same SKU or a matching description,
 * such as expedited freight, at that price) is owed: they ordered it. Without a PO line or a
 * contract, a fee cannot be judged: ask for the contract.
 */
import type { Fee } from '../ledger.ts'
import { cmp, decimal, moneyOf, multiply, zero } from '../money.ts'
import type { Evidence, Finding } from '../resolution.ts'
import { type Check, deliveriesFor, finding, lineFinding, lineGross, result, serviceLogsFor } from './check.ts'

function supportFor(evidence: Evidence, sku: string): { id: string; words: string } | null {
  const po = evidence.purchaseOrders.find((p) => p.status !== 'cancelled' && p.lines.some((l) => l.sku === sku))
  if (po) return { id: po.number, words: `PO ${po.number} orders ${sku}` }
  const delivery = deliveriesFor(evidence, sku)[0]
  if (delivery) return { id: delivery.id, words: `delivery ${delivery.id} of ${delivery.quantity} ${sku}` }
  const log = serviceLogsFor(evidence, sku)[0]
  if (log) return { id: log.id, words: `service log ${log.id} ${log.status}` }
  const c = evidence.contract
  if (c?.prices.some((p) => p.sku === sku)) return { id: c.id, words: `contract ${c.id} prices ${sku}` }
  return null
}

const words = (text: string | undefined): string[] =>
  (text ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2)

/** Same SKU as the fee type (FREIGHT for freight), or every word of one description in the other. */
function feeMatchesLine(fee: Fee, sku: string, description: string | undefined): boolean {
  const typeWords = fee.type === 'other' ? [] : fee.type.split('_')
  if (sku.toLowerCase().replace(/[^a-z0-9]+/g, '_') === fee.type) return true
  const a = words(fee.description)
  const b = words(description ?? sku)
  if (a.length && b.length && (a.every((w) => b.includes(w)) || b.every((w) => a.includes(w)))) return true
  return typeWords.length > 0 && typeWords.every((w) => b.includes(w)) && !a.length
}

/** The customer's PO line that lists this fee at its amount (unit price, or quantity × unit price). */
function poLineFor(evidence: Evidence, fee: Fee, currency: string): { id: string; words: string } | null {
  const amount = moneyOf(fee.amount, currency)
  for (const po of evidence.purchaseOrders) {
    if (po.status === 'cancelled' || po.customerId !== evidence.invoice.customerId) continue
    for (const l of po.lines) {
      if (!feeMatchesLine(fee, l.sku, l.description)) continue
      const price = moneyOf(l.unitPrice, currency)
      if (cmp(price, amount) === 0 || cmp(multiply(price, decimal(l.quantity)), amount) === 0)
        return { id: po.number, words: `PO ${po.number} lists ${l.description ?? l.sku} at ${l.unitPrice}` }
    }
  }
  return null
}

/** A word without its plural ending, so "deposits" in the notes names a "deposit" fee. */
const stem = (w: string): string => w.replace(/(?<=[a-z]{3})s$/, '')

/** A sentence of the notes that rules a fee out ("No fuel surcharge applies", "… is waived"). */
const RULED_OUT =
  /\b(?:no|never|waived|free of charge|without charge|not (?:be )?(?:charged|billed|applied|applicable|payable))\b|\b(?:won't|isn't|aren't) (?:be )?(?:charged|billed|applied|payable)\b/

/**
 * Whether the contract's notes name the fee: every word of its name is a word of one sentence of the
 * notes, in any order, and that sentence does not rule it out. Its name is its type ("freight") or
 * its description ("Pallet deposit (барьцаа)" is pallet, deposit; "Weekend delivery (3 x EUR
 * 40.00)" is weekend, delivery: the arithmetic in brackets is how it was billed, not what it is
 * called). Words of another script in the name (the gloss a ledger adds in its own language) are
 * not required.
 */
function feeProvided(evidence: Evidence, fee: Fee): boolean {
  const c = evidence.contract
  if (fee.type === 'late_fee') return !!c?.lateFee
  const names = [
    fee.type === 'other' ? [] : words(fee.type.replace(/_/g, ' ')),
    words(fee.description?.replace(/\([^)]*\d[^)]*\)/g, ' ')),
  ].map((n) => n.map(stem))
  const sentences = (c?.notes ?? '')
    .split(/(?<=[.;!?])\s+|\n+/)
    .filter((x) => !RULED_OUT.test(x.toLowerCase()))
    .map((x) => new Set(words(x).map(stem)))
  return names.some((named) => named.length > 0 && sentences.some((n) => named.every((w) => n.has(w))))
}

export const unrecognizedCharge: Check = (ctx) => {
  const { evidence, currency, scope } = ctx
  const lines: Finding[] = scope.lines.map((line) => {
    const support = supportFor(evidence, line.sku)
    return lineFinding('unrecognized_charge', line, {
      evidence: support?.words ?? `no PO, delivery, service log or contract price for ${line.sku}`,
      documentId: support?.id ?? evidence.invoice.number,
      amount: support ? zero(currency) : lineGross(line, currency),
    })
  })
  const contract = evidence.contract
  const ordered = scope.fees.map(({ fee }) => poLineFor(evidence, fee, currency))
  if (!contract && ordered.some((o) => !o)) return result(lines, ['contract'], ['contract'])
  const fees = scope.fees.map(({ fee, index }, i) => {
    const po = ordered[i]
    const provided = !!po || feeProvided(evidence, fee)
    return finding('unrecognized_charge', {
      target: { kind: 'fee', feeType: fee.type, index },
      billed: `${fee.description ?? fee.type.replace(/_/g, ' ')} ${fee.amount}`,
      evidence: po
        ? `${po.words}: the customer ordered it`
        : `contract ${contract?.id} ${provided ? 'provides for' : 'does not provide for'} this fee`,
      documentId: po?.id ?? contract?.id ?? evidence.invoice.number,
      amount: provided ? zero(currency) : moneyOf(fee.amount, currency),
    })
  })
  return result([...lines, ...fees], [])
}
