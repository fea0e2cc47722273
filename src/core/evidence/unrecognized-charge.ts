/**
 * A charge the customer does not recognise is owed when a document supports it: a PO line, a
 * delivery or a service log for the SKU, or the contract's price for it; a late fee when the contract
 * has a late-fee clause, another fee when the contract's notes name it. A charge nothing supports is
 * not owed. A fee the customer's own PO lists (a line with the same SKU or a matching description,
 * such as expedited freight, at that price) is owed: they ordered it. Without a PO line or a
 * contract, a fee cannot be judged: ask for the contract.
 */
import type { Fee } from '../ledger.ts'
import { cmp, decimal, isCurrencyCode, moneyOf, multiply, zero } from '../money.ts'
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

/** What lies between words: in the Latin letters the contract's notes are matched in (a gloss in another
 *  script beside a fee's name is not required there), or in any script (a fee and a PO line of one
 *  ledger are written in its language: "Μεταφορά"). */
const NOT_LATIN = /[^a-z0-9]+/
const NOT_A_LETTER = /[^\p{L}\p{N}]+/u

/** Accents folded first: "dépôt" is one word, "depot", not the pieces around its letters. */
const words = (text: string | undefined, between: RegExp = NOT_LATIN): string[] =>
  (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(between)
    .filter((w) => w.length > 2)

/** Same SKU as the fee type (FREIGHT for freight), or every word of one description in the other. */
function feeMatchesLine(fee: Fee, sku: string, description: string | undefined): boolean {
  const typeWords = fee.type === 'other' ? [] : fee.type.split('_')
  if (sku.toLowerCase().replace(/[^a-z0-9]+/g, '_') === fee.type) return true
  const a = words(fee.description, NOT_A_LETTER)
  const b = words(description ?? sku, NOT_A_LETTER)
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

/** A negation before a name of the fee ("No weekend delivery charge applies") or a waiver after it
 *  ("the deposit is waived", "freight is not charged") rules the fee out. */
const NEGATION_BEFORE = /\b(?:no|never|without)\s+(?:[a-z]+\s+)?$/
const WAIVED_AFTER =
  /^(?:(?:charges?|fees?|surcharges?)\s+)?(?:(?:is|are|will|be|shall|always)\s+)*(?:waived|free of charge|without charge|included|inclusive|not (?:be )?(?:charged|billed|applied|applicable|payable)|never (?:charged|billed))\b|^(?:won't|isn't|aren't) (?:be )?(?:charged|billed|applied|payable)\b/
/** Abbreviations whose points end no sentence ("… the hourly rate, i.e. crane 1,250 per hour"). */
const ABBREVIATION = /\b(i\.e|e\.g|etc|approx|incl|excl|vs|no)\./gi

/** Whether a sentence of the notes rules the fee out: "no access" among the conditions of a
 *  standby charge rules nothing out; "No standby is billed" does. */
function rulesOut(sentence: string, named: readonly string[]): boolean {
  const text = sentence.toLowerCase()
  return [...text.matchAll(/[a-z0-9']+/g)].some((m) => {
    if (!named.includes(stem(m[0]))) return false
    // Only spaces between: "no access), standby" is a condition, then the fee.
    const before = text.slice(Math.max(0, m.index - 30), m.index)
    const after = text.slice(m.index + m[0].length).trim()
    return NEGATION_BEFORE.test(before) || WAIVED_AFTER.test(after)
  })
}

/** The words a fee is called by, without how it was billed or a remark in brackets: "Standby crane
 *  3 h @ 1,250 (2 May, site shut)" is standby, crane. */
/** A place the fee went to or came from, named last ("Messenger to Port Vila", "Haulage from
 *  Lae"): where it went, not what it is called. */
const ROUTE_AFTER = /\s+(?:to|from|via)\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*\s*$/u

const nameWords = (text: string | undefined): string[] =>
  words(
    (text ?? '')
      .replace(/\([^)]*\)/g, ' ')
      .replace(/@.*$|\d[\d.,]*\s*[x×].*$/, ' ')
      .replace(ROUTE_AFTER, ' '),
  ).filter((w) => !/\d/.test(w) && !isCurrencyCode(w.toUpperCase()))

/** The name before the particulars of this charge ("Damage repair - cab door, report 12" is damage,
 *  repair): a name of two words or more before a dash, a colon or a comma. */
function headWords(description: string | undefined): string[] {
  const head = (description ?? '').split(/\s[-–—]\s|[:,]\s/)[0]
  if (head === undefined || head === description) return []
  const named = nameWords(head)
  return named.length >= 2 ? named : []
}

/**
 * Whether the contract's notes name the fee: every word of its name is a word of one sentence of the
 * notes, in any order, and that sentence does not rule it out. Its name is its type ("freight") or
 * its description ("Pallet deposit (барьцаа)" is pallet, deposit; "Weekend delivery (3 x EUR
 * 40.00)" is weekend, delivery: a remark in brackets or the arithmetic is how it was billed, not what
 * it is called). Words of another script in the name (the gloss a ledger adds in its own language) are
 * not required.
 */
function feeProvided(evidence: Evidence, fee: Fee): boolean {
  const c = evidence.contract
  if (fee.type === 'late_fee') return !!c?.lateFee
  const names = [
    fee.type === 'other' ? [] : words(fee.type.replace(/_/g, ' ')),
    nameWords(fee.description),
    headWords(fee.description),
  ].map((n) => n.map(stem))
  const sentences = (c?.notes ?? '')
    .replace(ABBREVIATION, '$1')
    .split(/(?<=[.;!?])\s+|\n+/)
    .map((text) => ({ text, own: new Set(words(text).map(stem)) }))
  const figures = amountForms(fee.amount)
  // A code the fee is named by ("T2L", "CMR"): the same in any language the notes are written in.
  const codes = words(fee.description).filter((w) => /\d/.test(w) && /[a-z]/.test(w))
  return names.some(
    (named) =>
      named.length > 0 &&
      sentences.some(
        (x) =>
          (namedBy(named, x.own) ||
            // "orders under $ 250.000 carry a haulage charge of $ 15.500": a sentence that states the
            // fee's own amount and one word of its name provides for it, whatever else its name says
            // (the route, the site).
            ([...named, ...codes].some((w) => x.own.has(w)) &&
              (statesAmount(x.text, figures) || statesRateOf(x.text, fee.amount, billedCount(fee))))) &&
          !rulesOut(x.text, named),
      ),
  )
}

/** Every word of the fee's name is a word of the sentence; of a name of four words or more, all but
 *  one ("Third-party survey at Walvis Bay, consignee half" is named by a sentence on the third-party
 *  survey at Walvis Bay charged half to the consignee, which says no "half"). */
function namedBy(named: readonly string[], own: ReadonlySet<string>): boolean {
  const missing = named.filter((w) => !own.has(w)).length
  return missing === 0 || (named.length >= 4 && missing === 1)
}

/** A fee's amount as its digits, with and without its cents: "72000.00" is 7200000 and 72000. */
const amountForms = (amount: string): string[] => {
  const [whole = '', cents = ''] = amount.split('.')
  return /^0*$/.test(cents) ? [whole, `${whole}${cents}`] : [`${whole}${cents}`]
}
/** The figures a sentence writes, in any grouping ("15.500", "15,500.00", "15 500"); never the digit of
 *  a code ("T2L", "CMR"). */
// A currency's one letter written onto the figure ("Q75.00", "R450") is no part of a code.
const figuresIn = (sentence: string): RegExpMatchArray[] => [
  ...sentence
    .replace(/(?<![\p{L}\p{N}])\p{Lu}(?=\d)/gu, ' ')
    .matchAll(/(?<![\p{L}\d])\d(?:[\d.,\u00a0\u202f ]*\d)?(?!\p{L})/gu),
]

/** Words that make a figure a rate: "25.000,00 Kz por cada período de 30 minutos", "40.00 per hour". */
const RATE_WORD = /(?<!\p{L})(?:per|each|every|por|cada|par|pro|je|pour chaque|a cada|for each)(?!\p{L})|\//iu

/**
 * Whether a sentence states a rate the fee is a whole number of (2 to 100 times): "Taxa de espera:
 * 25.000,00 Kz por cada período de 30 minutos" provides for a waiting fee of 50.000,00. The figure is
 * read with its cents when it ends in a separator and two digits, else as whole units.
 */
function statesRateOf(sentence: string, amount: string, count?: bigint): boolean {
  if (!RATE_WORD.test(sentence)) return false
  const [whole = '0', cents = ''] = amount.split('.')
  const fee = BigInt(whole) * 100n + BigInt((cents + '00').slice(0, 2))
  return figuresIn(sentence).some((m) => {
    const digits = m[0].replace(/\D/g, '')
    if (!digits) return false
    const rate = /[.,]\d{2}$/.test(m[0]) ? BigInt(digits) : BigInt(digits) * 100n
    if (rate <= 0n || fee % rate !== 0n) return false
    const times = fee / rate
    return times === count || (times >= 2n && times <= 100n)
  })
}

/** The count a fee's description says it bills: "(400 sacs x 120 F)" is 400, whatever the rate. */
function billedCount(fee: Fee): bigint | undefined {
  const m = /(?<![\d.,])(\d{1,6})\s*(?:\p{L}+\.?\s*)?[x×]\s*\d/u.exec(fee.description ?? '')
  return m ? BigInt(m[1]!) : undefined
}

/** Whether a sentence writes one of those figures, in any grouping ("15.500", "15,500.00", "15 500"). */
const statesAmount = (sentence: string, forms: readonly string[]): boolean =>
  figuresIn(sentence).some((m) => forms.includes(m[0].replace(/\D/g, '')))

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
