/**
 * Which invoice a claim is about, read against the ledger rather than the text alone. Every clue the
 * specialist gave (a number as typed, the customer, a date or period, an amount, product words) is
 * scored against each candidate invoice; one reading is taken only when it clearly wins. A wrong
 * credit costs money, a question costs seconds: close or weak readings are returned as options.
 * Pure: the caller reads the candidates from the ledger.
 */
import { invoiceFigures, unitsComeTo } from './invoice-math.ts'
import type { Invoice, Payment, ReasonCode } from './ledger.ts'
import {
  add,
  cmp,
  decimal,
  formatMoney,
  type Money,
  moneyOf,
  parseMoney,
  percentOf as percentOfMoney,
  toDecimal,
} from './money.ts'

export interface GroundingClues {
  /** References as typed ("1002", "SI-2026-00417", "F/26/0093"). */
  numbers?: readonly string[]
  /** Customers the text names (ids). */
  customerIds?: readonly string[]
  /** An issue date the text gives ("the invoice we sent on 8 June"). */
  date?: string
  /** A period the text gives ("last month's invoice", "the one from March"). */
  period?: { from: string; to: string }
  /** A figure the text gives as a decimal string ("the 4,310.50 one"). */
  amount?: string
  /** Product words ("pallet racking", "widgets"). */
  productWords?: readonly string[]
}

export interface ScoredInvoice {
  number: string
  customerId: string
  issueDate: string
  currency: string
  total: string
  score: number
  /** Why it scored: "number ends in 1002", "customer named", "issued on 2026-06-08". */
  why: string[]
  /** The clues this invoice contradicts ("product words match no line"). */
  against: string[]
}

export type Grounding =
  | { kind: 'resolved'; best: ScoredInvoice; ranked: ScoredInvoice[] }
  | { kind: 'ambiguous'; ranked: ScoredInvoice[] }
  | { kind: 'none'; ranked: ScoredInvoice[] }

/** A reading is taken at this score, when no other comes within MARGIN of it. */
export const TAKE_AT = 0.75
export const MARGIN = 0.25

/** A serial of one or two digits: short of TAKE_AT alone, taken with the customer named. */
const SHORT_SERIAL = 0.5

const canonical = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')
const digitsOf = (s: string): string => s.replace(/\D/g, '')

/** The same sequence, with or without its zero padding: "0143" is 143; "A12" is only "A12". */
const sameSequence = (a: string, b: string): boolean => {
  const x = canonical(a)
  const y = canonical(b)
  return x === y || (/^\d+$/.test(x) && /^\d+$/.test(y) && x.replace(/^0+/, '') === y.replace(/^0+/, ''))
}

/** How well a typed reference names an invoice number: 1 exact, 0.95 the same digits, a suffix less. */
/**
 * "0457/2026", "0457/26" or "2026/0457" for QRT26/B/0457: the invoice's sequence (its last segment, of
 * three digits or more) and the year it was issued in, where the number carries that year in a part of
 * its own, in full or short ("QRT26", "26", "2026").
 */
function sequenceAndYear(typed: readonly string[], segments: readonly string[]): boolean {
  if (typed.length !== 2 || segments.length < 2 || !typed.every((x) => /^\d+$/.test(x))) return false
  const [a, b] = typed as [string, string]
  const [seq, year] = /^20\d\d$/.test(a) && !/^(?:20)?\d\d$/.test(b) ? [b, a] : [a, b]
  const yy = /^(?:20)?(\d\d)$/.exec(year)?.[1]
  const last = segments.at(-1)!
  if (!yy || seq.length < 3 || !/^\d+$/.test(last) || !sameSequence(seq, last)) return false
  return segments.slice(0, -1).some((x) => new RegExp(`(?:^|[A-Z])(?:20)?${yy}$`, 'i').test(x))
}

/** Words for an invoice typed before its sequence ("SI 0416": sales invoice; "folio", "FT", "NF"). */
const INVOICE_WORD = /^(?:si|inv|invoice|bill|folio|fact|fac|fa|ft|nf|rg|re|no|nr|num|doc)$/i

/** The year written last in a number: a fiscal year ("/26-27", "/2026-27") or a year ("/2026", "/26"). */
function yearAfter(number: string): { index: number; year: string } | undefined {
  const fiscal = /[^A-Za-z0-9]+((?:20)?(\d{2}))[^A-Za-z0-9]+(\d{2})$/.exec(number)
  if (fiscal && Number(fiscal[3]) === (Number(fiscal[2]) + 1) % 100)
    return { index: fiscal.index, year: fiscal[0].replace(/^[^A-Za-z0-9]+/, '') }
  const year = /[^A-Za-z0-9]+((?:20)?\d{2})$/.exec(number)
  return year ? { index: year.index, year: year[1]! } : undefined
}

export function numberMatch(typed: string, number: string): { score: number; why: string } | null {
  const n = canonical(number)
  // "inv 26/0093" for F/26/0093: the invoice word is not part of the number.
  // "SI 20433" for 00002-20433: a ledger that numbers in digits alone writes no letters before them, so
  // letters typed there name the kind of document (sales invoice, invoice, number), not the number.
  const t = n.startsWith('INV')
    ? canonical(typed)
    : canonical(typed).replace(/[A-Z]/.test(n) ? /^(?:INVOICE|INV|NO|NR)(?=\d)/ : /^[A-Z]{1,7}(?=\d)/, '')
  if (!t) return null
  if (t === n) return { score: 1, why: `number ${number}` }
  // "#512" of "#000512": a number of digits alone, said without its zero padding.
  if (/^\d{3,}$/.test(t) && /^\d+$/.test(n) && sameSequence(t, n)) return { score: 0.95, why: `number ${number}` }
  const td = digitsOf(t)
  const nd = digitsOf(n)
  if (td && td === nd && (/^\d+$/.test(t) || n.endsWith(t))) return { score: 0.95, why: `number ${number}` }
  // "KX-25/0917" of KX-25/0917-3, "DEP4-0210" of DEP4-0210-NW: the number as written without its last part, a check
  // digit or a branch's letters that people leave off. A structured number only, never bare digits
  // against a longer run.
  const parts = number.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const withoutLast = canonical(number.slice(0, number.search(/[^A-Za-z0-9]+[A-Za-z0-9]{1,2}$/)))
  if (parts.length >= 2 && (parts.at(-1)?.length ?? 0) <= 2 && withoutLast === t && /\d/.test(t))
    return { score: 0.9, why: `number ${number} (without its last part ${parts.at(-1)})` }
  // "KV0419" of KV0419T: the number without a letter or two run onto its end (a variant's mark).
  if (/^[A-Z]{1,2}$/.test(n.slice(t.length)) && n.startsWith(t) && /\d{3}$/.test(t))
    return { score: 0.9, why: `number ${number} (without its last letters)` }
  // "TI-0371" of TI-0371/26-27, "RX-88" of RX-88/2026: the number without the year or fiscal year
  // written after it, which people leave off as they leave off the series.
  const yearTail = yearAfter(number)
  if (yearTail && canonical(number.slice(0, yearTail.index)) === t && /\d{2}/.test(t))
    return { score: 0.9, why: `number ${number} (without its year ${yearTail.year})` }
  // The sequence after the series ("0150" of NBE/EX/26/0150, "0403" of FT 2026/0403), or before a
  // year suffix ("418" of FT-418/26): how people name an invoice among colleagues. Taken when no
  // other invoice has the same sequence. A year is never a sequence.
  const segment = number.split(/[^A-Za-z0-9]+/).filter(Boolean)
  // "147/26" for VF-0147/26: the number's last segments, said without their zero padding.
  const typedSegments = typed.split(/[^A-Za-z0-9]+/).filter(Boolean)
  // "742/T" of 0742/T/26: without its year and its zero padding, part for part.
  const head = yearTail
    ? number
        .slice(0, yearTail.index)
        .split(/[^A-Za-z0-9]+/)
        .filter(Boolean)
    : []
  if (
    yearTail &&
    head.length >= 2 &&
    typedSegments.length === head.length &&
    typedSegments.every((x, i) => sameSequence(x, head[i]!)) &&
    /\d{3}/.test(t)
  )
    return { score: 0.9, why: `number ${number} (without its year ${yearTail.year})` }
  if (
    typedSegments.length >= 2 &&
    typedSegments.length < segment.length &&
    typedSegments.every((x, i) => sameSequence(x, segment[segment.length - typedSegments.length + i]!))
  )
    return { score: 0.9, why: `number ${number} (its sequence ${typed})` }
  if (sequenceAndYear(typedSegments, segment))
    return { score: 0.9, why: `number ${number} (its sequence and year ${typed})` }
  // "BD 878" of BD-0878-26, "SI 0416" of MAP-SY2627-0416: letters and a sequence. Letters of the number
  // are its series; a word for an invoice ("SI", "folio") before the sequence of a number of three parts
  // or more names the kind of document; other letters ("PO 0416", "SI20433" against CI-20433) name
  // another document or series. The digits must be a run of the number that is no year.
  const lettered = /^(\p{L}{1,5})[\s.#:-]*(\d{3,})$/u.exec(typed.trim())
  if (lettered) {
    const [, word = '', digits = ''] = lettered
    const runs = number.split(/[^A-Za-z0-9]+/).filter(Boolean)
    const isYear = (x: string, i: number) => /^20\d\d$/.test(x) || (i > 0 && i === runs.length - 1 && /^\d{2}$/.test(x))
    const digitRuns = runs.filter((x, i) => /^\d+$/.test(x) && !isYear(x, i))
    const series = runs.some((x) => x.toUpperCase() === word.toUpperCase())
    if ((series || (runs.length >= 3 && INVOICE_WORD.test(word))) && digitRuns.some((x) => sameSequence(x, digits)))
      return { score: series ? 0.9 : 0.8, why: `number ${number} (its sequence ${digits})` }
  }
  const sequence = segment.filter((x, i) => (i === segment.length - 1 || /^\d+$/.test(x)) && !/^20\d\d$/.test(x))
  // A number written in one piece ("EGH2026000000513"): its run of digits after the series and year.
  const run = segment.length === 1 ? /^[A-Z]*(?:20\d\d)?(\d{3,})$/i.exec(number) : null
  if (run?.[1]) sequence.push(run[1])
  // "031" of E450000000031: a series and its zero-padded count in one piece; the count is what follows
  // the padding.
  const padded = run ? /0{3,}(\d{1,6})$/.exec(number) : null
  if (padded?.[1]) sequence.push(padded[1])
  // "31421" of 000.031.421-1: a number grouped in thousands by dots, as Brazil's NF-e prints it, is one
  // sequence (its check digit after the dash left off).
  for (const grouped of number.matchAll(/(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])/g))
    sequence.push(grouped[0].replace(/\./g, ''))
  if ((segment.length >= 2 || run) && t.length >= 3 && sequence.some((x) => canonical(x) === t))
    return { score: 0.8, why: `number ${number} (its sequence ${typed})` }
  // Said without its zero padding ("143" of VF-0143/26, "513" of EGH2026000000513): a weaker reading,
  // since a bare 150 may as well be money; the customer or the amount has to agree.
  if ((segment.length >= 2 || run) && t.length >= 3 && sequence.some((x) => sameSequence(x, t)))
    return { score: 0.7, why: `number ${number} (its sequence ${typed})` }
  // "invoice 58" of QT7-0058: a serial of one or two digits, said after the word for the invoice.
  // Many invoices may end so; it takes the customer named, and no other of theirs so numbered, to be taken.
  const last = segment.at(-1) ?? ''
  if (/^\d{1,2}$/.test(t) && segment.length >= 2 && /^\d+$/.test(last) && sameSequence(last, t))
    return { score: SHORT_SERIAL, why: `number ${number} (its serial ${typed})` }
  // A unique suffix is a weak reading on its own: "1002" ends INV-551002 but may mean another ledger's
  // invoice. It takes corroboration (the customer, the product, the amount) to be taken.
  const letters = (x: string) => x.replace(/\d/g, '')
  const sameLetters = !letters(t) || letters(t) === letters(n)
  const suffix = n.endsWith(t) ? td : sameLetters && nd.endsWith(td) ? td : ''
  if (suffix.length >= 3) {
    const share = suffix.length / Math.max(nd.length, 1)
    return { score: Math.min(0.7, 0.4 + 0.4 * share), why: `number ${number} ends in ${typed}` }
  }
  return null
}

/**
 * English plurals to their singular (Harman's S-stemmer, with the sibilant rule): "valves" → "valve",
 * "batteries" → "battery", "boxes" → "box", "gloves" → "glove"; "glass", "status" unchanged.
 */
export const singular = (w: string): string => {
  if (w.length <= 3) return w
  if (/[^ae]ies$/.test(w)) return `${w.slice(0, -3)}y`
  if (/(?:x|ch|sh|ss|z)es$/.test(w)) return w.slice(0, -2)
  if (/[^aeo]es$/.test(w)) return w.slice(0, -1)
  if (/[^us]s$/.test(w)) return w.slice(0, -1)
  return w
}
/** A word as compared: singular, and "-ie" as "-y", so a French plural the English rule reads as
 *  "-y" ("sorties" → sorty) meets its singular ("sortie"). */
export const wordForm = (w: string): string => singular(w).replace(/ie$/, 'y')
/** Letters without accents: "Interprétation" and "interpretes" share their letters as typed anywhere. */
export const unaccented = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
/** Words of three letters or digits and more, in any script ("кришки", "ไม้ไผ่" as typed). */
const wordsOf = (s: string): string[] =>
  (
    unaccented(s)
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]{3,}/gu) ?? []
  ).map(wordForm)

/** The words an invoice bills by: its lines' descriptions and SKUs and its fees' descriptions, singular. */
export function billedWords(invoice: Pick<Invoice, 'lines' | 'fees'>): string[] {
  return [
    ...invoice.lines.flatMap((l) => [...wordsOf(l.description ?? ''), ...wordsOf(l.sku.replace(/[-_]/g, ' '))]),
    ...(invoice.fees ?? []).flatMap((f) => wordsOf(f.description ?? '')),
  ]
}

/** The share of the product words that name a line of the invoice (by SKU or description words). */
export function productShare(invoice: Pick<Invoice, 'lines' | 'fees'>, words: readonly string[]): number {
  const said = [...new Set(words.flatMap(wordsOf))]
  if (!said.length) return 0
  const names = billedWords(invoice)
  const skus = invoice.lines.map((l) => canonical(l.sku))
  const hit = said.filter(
    (w) => names.some((n) => n === w || (w.length >= 5 && n.startsWith(w))) || skus.includes(canonical(w)),
  )
  return hit.length / said.length
}

/** The charge of the invoice a figure equals: its total, a line's net, gross or tax, or a fee. */
type ChargeMatch =
  | { kind: 'total' }
  | { kind: 'line'; line: number; sku: string; part: 'net' | 'gross' | 'tax' }
  | { kind: 'fee'; type: string }

export function chargeEqualTo(invoice: Invoice, m: Money): ChargeMatch | null {
  const f = invoiceFigures(invoice)
  const eq = (x: Money) => cmp(x, m) === 0
  if (eq(f.total)) return { kind: 'total' }
  const line = f.lines.find((l) => eq(l.gross) || eq(l.net))
  if (line) return { kind: 'line', line: line.line, sku: line.sku, part: eq(line.gross) ? 'gross' : 'net' }
  const fee = (invoice.fees ?? []).find((x) => {
    const p = parseMoney(x.amount, invoice.currency)
    return p.ok && eq(p.value)
  })
  if (fee) return { kind: 'fee', type: fee.type }
  const taxed = f.lines.find((l) => eq(l.tax))
  return taxed ? { kind: 'line', line: taxed.line, sku: taxed.sku, part: 'tax' } : null
}

/** Whether an amount equals the invoice total, a line (gross or net) or a fee. */
function amountMatch(invoice: Invoice, amount: string): { score: number; why: string } | null {
  const parsed = parseMoney(amount, invoice.currency)
  if (!parsed.ok) return null
  const charge = chargeEqualTo(invoice, parsed.value)
  const shown = formatMoney(parsed.value)
  if (charge?.kind === 'total') return { score: 0.6, why: `total ${shown}` }
  if (charge?.kind === 'line' && charge.part !== 'tax')
    return { score: 0.4, why: `line ${charge.line} (${charge.sku}) comes to ${shown}` }
  if (charge?.kind === 'fee') return { score: 0.4, why: `a ${charge.type.replace(/_/g, ' ')} of ${shown}` }
  return null
}

const within = (date: string, from: string, to: string): boolean => date >= from && date <= to

/** Scores one invoice against the clues. */
export function scoreInvoice(invoice: Invoice, clues: GroundingClues): ScoredInvoice {
  const why: string[] = []
  const against: string[] = []
  let score = 0
  let best: { score: number; why: string } | null = null
  for (const typed of clues.numbers ?? []) {
    const m = numberMatch(typed, invoice.number)
    if (m && (!best || m.score > best.score)) best = m
  }
  if (best) {
    score += best.score
    why.push(best.why)
  }
  if (clues.customerIds?.length) {
    if (clues.customerIds.includes(invoice.customerId)) {
      score += 0.3
      why.push('customer named')
    } else {
      score -= 0.3
      against.push('another customer is named')
    }
  }
  if (clues.date) {
    if (invoice.issueDate === clues.date) {
      score += 0.5
      why.push(`issued on ${invoice.issueDate}`)
    } else if (
      invoice.servicePeriodEnd &&
      within(clues.date, invoice.servicePeriodStart ?? clues.date, invoice.servicePeriodEnd)
    ) {
      score += 0.3
      why.push(`covers ${clues.date}`)
    } else against.push(`not issued on ${clues.date}`)
  }
  if (clues.period) {
    const { from, to } = clues.period
    const service =
      invoice.servicePeriodStart && invoice.servicePeriodEnd
        ? invoice.servicePeriodStart <= to && invoice.servicePeriodEnd >= from
        : false
    if (within(invoice.issueDate, from, to) || service) {
      score += 0.45
      why.push(service ? `service period in ${from}…${to}` : `issued ${invoice.issueDate}`)
    } else {
      score -= 0.2
      against.push(`not from ${from}…${to}`)
    }
  }
  if (clues.amount) {
    const m = amountMatch(invoice, clues.amount)
    if (m) {
      score += m.score
      why.push(m.why)
    }
  }
  if (clues.productWords?.length) {
    const share = productShare(invoice, clues.productWords)
    if (share > 0) {
      score += 0.45 * share
      why.push(`a line matches "${clues.productWords.join(' ')}"`)
    } else {
      score -= 0.25
      against.push(`no line matches "${clues.productWords.join(' ')}"`)
    }
  }
  return scored(invoice, score, why, against)
}

/** An invoice with its score (rounded to thousandths) and the reasons for and against it. */
export function scored(invoice: Invoice, score: number, why: string[], against: string[]): ScoredInvoice {
  return {
    number: invoice.number,
    customerId: invoice.customerId,
    issueDate: invoice.issueDate,
    currency: invoice.currency,
    total: invoice.total ?? toDecimal(invoiceFigures(invoice).total),
    score: Math.round(score * 1000) / 1000,
    why,
    against,
  }
}

/** Ranks the candidates and decides: one clear reading, options to ask about, or nothing. */
export function groundInvoice(invoices: readonly Invoice[], clues: GroundingClues): Grounding {
  return decide(invoices.map((i) => scoreInvoice(i, clues)).filter((s) => s.score > 0 && s.why.length > 0))
}

/** Best first; one reading is taken at TAKE_AT when no other comes within MARGIN of it. */
export function decide(scores: readonly ScoredInvoice[]): Grounding {
  const ranked = [...scores].sort(
    (a, b) => b.score - a.score || b.issueDate.localeCompare(a.issueDate) || a.number.localeCompare(b.number),
  )
  const [first, second] = ranked
  if (!first) return { kind: 'none', ranked }
  const clear = first.score >= TAKE_AT && (!second || first.score - second.score >= MARGIN)
  return clear ? { kind: 'resolved', best: first, ranked } : { kind: 'ambiguous', ranked }
}

/** A price the documents agree for a SKU (a contract's price list or the PO's line). */
export interface AgreedPrice {
  sku: string
  unitPrice: string
}

export type FigureReading =
  | {
      kind: 'billed_unit_price'
      line: number
      sku: string /** An agreed price for the SKU that differs. */
      agreed?: string
    }
  | { kind: 'agreed_unit_price'; sku: string }

/**
 * What a figure the speaker gave is, read against the invoice rather than the words around it:
 * "we billed 9.80 a case against 9.20" names two prices, whatever the connecting word. A figure
 * that equals a line's unit price (on a line of more than one unit) or the agreed price of one of
 * the invoice's SKUs, and no charge, total or balance of the invoice, is a price, never the amount
 * in dispute. Any figure that is also a charge stays an amount: that reading costs nothing.
 */
export function readFigureAgainstInvoice(
  invoice: Invoice,
  agreed: readonly AgreedPrice[],
  value: string,
  options: { withTax?: boolean } = {},
): FigureReading | null {
  const parsed = parseMoney(value, invoice.currency)
  if (!parsed.ok) return null
  const said = parsed.value
  const eq = (x: Money) => cmp(x, said) === 0
  if (chargeEqualTo(invoice, said)) return null
  const price = (s: string) => parseMoney(s, invoice.currency)
  for (const l of invoice.lines) {
    const p = price(l.unitPrice)
    // `withTax`: a price said as the line's unit price with its tax ("@ 34.50 incl GST" for 30.00 at 15 %) is
    // the billed price too. Not for a sum claimed, which may well be one unit's worth with its tax.
    if (!p.ok || !(eq(p.value) || (options.withTax && unitsComeTo(l, 1, said, invoice.currency)))) continue
    const other = agreed.find((a) => {
      const q = price(a.unitPrice)
      return canonical(a.sku) === canonical(l.sku) && q.ok && cmp(q.value, p.value) !== 0
    })
    return { kind: 'billed_unit_price', line: l.line, sku: l.sku, ...(other ? { agreed: other.unitPrice } : {}) }
  }
  const skus = new Set(invoice.lines.map((l) => canonical(l.sku)))
  for (const a of agreed) {
    const p = price(a.unitPrice)
    if (skus.has(canonical(a.sku)) && p.ok && eq(p.value)) return { kind: 'agreed_unit_price', sku: a.sku }
  }
  return null
}

/** What the speaker said about a payment, as typed: runs of digits and numeric dates ("12/03"). */
export interface PaymentClues {
  /** Digit runs of five or more ("bank ref 5520719", "transfer 40930175"). */
  digitRuns: readonly string[]
  /** Numeric dates as day and month in both orders, when the text does not say which comes first. */
  dates: readonly string[]
}

/**
 * The customer's payment a claim quotes, read against their payments: a reference that contains a
 * number the speaker typed, or a date that is one reading of an ambiguous "12/03". Returns the
 * reference and date as the ledger has them, so the core matches the payment itself; nothing when
 * no payment or more than one fits (the core then asks for the remittance advice).
 */
export function groundPayment(
  payments: readonly Pick<Payment, 'id' | 'date' | 'reference'>[],
  clues: PaymentClues,
): { reference?: string; date?: string } {
  const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, ' ')
  const byRef = payments.filter((p) =>
    clues.digitRuns.some((run) =>
      digits(`${p.reference ?? ''} ${p.id}`)
        .split(/\s+/)
        .includes(run),
    ),
  )
  if (byRef.length === 1) {
    const p = byRef[0]!
    return { reference: p.reference ?? p.id, ...(clues.dates.includes(p.date) ? { date: p.date } : {}) }
  }
  const byDate = payments.filter((p) => clues.dates.includes(p.date))
  if (byDate.length === 1) return { date: byDate[0]!.date }
  return {}
}

/**
 * Whether two invoices bill the same thing (DOMAIN.md's duplicate test: same customer, PO, SKUs and
 * quantities, and period): a message naming both with no other reason is about a double billing.
 */
export function billsTheSame(a: Invoice, b: Invoice): boolean {
  if (a.number === b.number || a.customerId !== b.customerId) return false
  if ((a.poNumber ?? null) !== (b.poNumber ?? null)) return false
  if ((a.servicePeriodStart ?? null) !== (b.servicePeriodStart ?? null)) return false
  if ((a.servicePeriodEnd ?? null) !== (b.servicePeriodEnd ?? null)) return false
  const key = (i: Invoice) =>
    i.lines
      .map((l) => `${canonical(l.sku)}×${l.quantity}`)
      .sort()
      .join('|')
  return a.lines.length > 0 && key(a) === key(b)
}

/** Every line of `a` billed again on `b`, for the same customer, PO and period ("that was already on
 *  4417"): `a` bills part of `b` a second time (DOMAIN.md: another invoice or line). */
export function billedWithin(a: Invoice, b: Invoice): boolean {
  if (a.number === b.number || a.customerId !== b.customerId || !a.lines.length) return false
  if ((a.poNumber ?? null) !== (b.poNumber ?? null)) return false
  if ((a.servicePeriodStart ?? null) !== (b.servicePeriodStart ?? null)) return false
  if ((a.servicePeriodEnd ?? null) !== (b.servicePeriodEnd ?? null)) return false
  const on = (l: Invoice['lines'][number], i: Invoice) =>
    i.lines.some(
      (x) => canonical(x.sku) === canonical(l.sku) && x.quantity === l.quantity && x.unitPrice === l.unitPrice,
    )
  return a.lines.every((l) => on(l, b))
}

/** What the speaker said that the invoice can confirm, for reading the reason against it. */
export interface SaidAboutInvoice {
  /** The figure given as disputed, as a decimal string. */
  amount?: string
  /** Percentages given ("20 % VAT" → "20"). */
  percents: readonly string[]
  /** Whether payment words were used ("remitted", "paid by TT"). */
  paymentWords: boolean
  /** Whether a figure read as a unit price of the invoice (billed or agreed). */
  unitPriceNamed: boolean
  /** Whether counts of units were given (received, affected, billed). */
  countsGiven: boolean
}

/** Reasons a word-based reading gives with little to go on, which the invoice may overrule. */
const WEAK: Record<string, readonly (ReasonCode | null)[]> = {
  late_fee: [null, 'other', 'unrecognized_charge', 'contract_terms', 'already_paid', 'pricing_error'],
  tax_error: [null, 'other', 'unrecognized_charge', 'pricing_error', 'service_not_rendered', 'contract_terms'],
  already_paid: [null, 'other', 'quantity_discrepancy', 'unrecognized_charge'],
  pricing_error: [null, 'other', 'contract_terms', 'unrecognized_charge', 'quantity_discrepancy'],
}

/**
 * The reason the invoice itself confirms, when the words alone gave a weak one: a figure that is
 * exactly the invoice's late fee is about that fee ("the interest, 18.40"); a percentage that is a tax
 * rate the invoice charges is about tax ("charged 20 % VAT"); exactly what is due, said with payment
 * words, is a payment claim ("we wired the 1,304.00"); a unit price of the invoice named without
 * counts is about price. Null when the invoice confirms nothing, or the reading was not weak.
 */
export function reasonFromTheInvoice(
  invoice: Invoice,
  said: SaidAboutInvoice,
  current: ReasonCode | null,
  due?: string,
): ReasonCode | null {
  const weak = (r: ReasonCode) => (WEAK[r] ?? []).includes(current) && current !== r
  const money = (s: string) => parseMoney(s, invoice.currency)
  const stated = said.amount ? money(said.amount) : null
  const equals = (x: string) => {
    const m = money(x)
    return Boolean(stated?.ok && m.ok && cmp(stated.value, m.value) === 0)
  }
  const lateFees = (invoice.fees ?? []).filter((f) => f.type === 'late_fee').map((f) => f.amount)
  if (weak('late_fee') && lateFees.some(equals)) return 'late_fee'
  const rates = new Set(invoice.lines.flatMap((l) => (l.taxRate ? [percentOf(l.taxRate)] : [])))
  if (weak('tax_error') && said.percents.some((p) => rates.has(normalisePercent(p)))) return 'tax_error'
  const f = invoiceFigures(invoice)
  // "the 2 % charge": a percentage that is the rate the invoice's late fee was charged at (of its
  // net or its gross) names that fee, whatever word the speaker has for it.
  const bases = [f.net, add(f.net, f.tax)]
  const feeAtRate = (p: string) =>
    lateFees.some((fee) =>
      bases.some((b) => cmp(percentOfMoney(b, decimal(normalisePercent(p))), moneyOf(fee, invoice.currency)) === 0),
    )
  if (weak('late_fee') && said.percents.some(feeAtRate)) return 'late_fee'
  if (weak('already_paid') && said.paymentWords && (equals(toDecimal(f.total)) || (due !== undefined && equals(due))))
    return 'already_paid'
  if (weak('pricing_error') && said.unitPriceNamed && !said.countsGiven) return 'pricing_error'
  return null
}

/** "0.15" → "15", "0.081" → "8.1". */
const percentOf = (rate: string): string => normalisePercent(String(Number(rate) * 100))
/** "15", "15.0", "8,1" → "15", "15", "8.1" (one spelling per percentage, to compare). */
const normalisePercent = (p: string): string => String(Math.round(Number(p.replace(',', '.')) * 1000) / 1000)
/** Whether a percentage as said ("18", "8,1") is a rate as the ledger keeps it ("0.18", "0.081"). */
export const isRate = (said: string, rate: string): boolean => normalisePercent(said) === percentOf(rate)
