/**
 * Figures read against the invoice's lines, for messages whose words the count and price rules do
 * not know ("300 cajas nomás llegaron, 360 ang naka-bill", "単価 1,200円ではなく 1,150円"): a figure
 * that is exactly what one line bills, said beside one other figure of its size, is the billed
 * count or price against the one the speaker holds. The ledger says which figure is billed; no
 * word of the language is needed.
 */
import { billedPer, isMeasure, isMeasureWord } from '../../core/line-units.ts'
import { lineFigures } from '../../core/invoice-math.ts'
import { cmp, type Money, parseMoney } from '../../core/money.ts'
import { findAmounts, NOT_AMOUNT_AFTER, normalizeNumber, saidAsTax } from './nlu/amounts.ts'
import { monthNames } from './nlu/dates.ts'
import { countsAsDigits } from './nlu/numbers.ts'
import { SHORT_PAYMENT_WORDS } from './nlu/facts.ts'
import { glossToEnglish } from './nlu/gloss.ts'

interface LineLike {
  line: number
  quantity: number
  unitPrice: string
  taxRate?: string | undefined
}

/** Whole figures said on their own: not money, a percentage, a date, a time, or part of a reference;
 *  nor a group of a figure grouped by spaces ("8 900", "8 125"), nor a price multiplied ("× 12"). */
const FIGURE =
  /(?<![\d.,/:\-–#\p{L}\p{Sc}]|[\p{Sc}x×*@]\s|\d[ \u00a0\u202f](?=\d{3}(?!\d)))(\d{1,6})(?![\d/:\-–]|[.,]\d|\s\d{3}(?!\d)|\s?(?:%|\p{Sc}|[A-Z]{3}\b)|(?:st|nd|rd|th)\b)/gu

export interface CountsFromLines {
  received: number
  billed: number
  line: number
  /** The word after the count held is the billed count's, or one of them has none ("6 hrs … 5 hrs",
   *  "19 days not 28"): not "30 jars … 45 days". */
  sameUnit: boolean
}

let monthWords: RegExp | undefined
/** Short month names that are also words after a count ("12 out of 20", "2 set", "40 led lamps"). */
const NOT_A_MONTH = new Set('out set des led mac pro tem mag sie lis elo kas ara gen lip dub sty'.split(' '))
/** A month's name or abbreviation right after a figure, in the languages ICU knows (nlu/dates.ts). */
function monthAfter(): RegExp {
  if (monthWords) return monthWords
  const names = [...monthNames('long'), ...monthNames('short'), 'sept'].filter((n) => !NOT_A_MONTH.has(n))
  monthWords = new RegExp(String.raw`^\s+(?:${names.sort((a, b) => b.length - a.length).join('|')})(?![\p{L}])`, 'iu')
  return monthWords
}
/** The word a figure counts ("12 jours", "9일"): letters right after it. */
const UNIT_WORD = /^\s?(\p{L}+)/u
/** A negation in the message (or its gloss): the smaller figure may be the units missing, not those that came. */
const NEGATED = /\b(?:never|not|no|none|missing|without|short)\b|n't\b/i
/** "19 days not 28", "26, not 30", "only 6 repairs at the depot in early October, not 9": a figure set
 *  against another is a correction, not units said missing (further from it, after a comma). */
const FIGURE_NOT_FIGURE =
  // A word is taken whole (nothing of it may follow it): "[\p{L}.-]+\s*" alone let each run of letters be
  // split every way before a later "not" failed, and this one expression took 3 % of a held-out run.
  /\d+\s*(?:(?:[\p{L}.-]+(?![\p{L}.-])\s*){0,2}?[,;]?|(?:[\p{L}.-]+(?![\p{L}.-])\s*){3,6}?[,;])\s*(?:not|instead of|rather than)\s+(?:the\s+)?\d+/giu

/** A measure grouped in thousands by spaces, its unit after it ("2 350m2", "1 460 m", "1 125 lm"): one
 *  figure, as money grouped so is not (a currency's figures keep their groups). */
const MEASURE_GROUPED = /(?<![\d.,])\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?=\s?(?:m[²³23]?|lm|km|kg|t|ha|l)(?![\p{L}\d]))/gu

/** The serial of an invoice number ("305" of "TR-0305"): said alone ("en la 305"), it names the invoice, not a count. */
const serialOf = (invoiceNumber: string | undefined): number | undefined => {
  const digits = /(\d+)\D*$/.exec(invoiceNumber ?? '')?.[1]
  return digits ? Number(digits) : undefined
}

export function countsAgainstLines(
  message: string,
  lines: readonly LineLike[],
  invoiceNumber?: string,
): CountsFromLines | undefined {
  // "2 of the 6 never …": the words decide which count that is, or the person is asked.
  if (NEGATED.test(glossToEnglish(message).replace(FIGURE_NOT_FIGURE, ' '))) return undefined
  // "zwölf Paletten … nur zehn", "nine loads … seven": counts spelled out are counts too.
  const text = countsAsDigits(message.replace(MEASURE_GROUPED, (m) => m.replace(/\D/g, '')))
  // "on 9 Sept", "le 12 octobre": a day of a month is no count.
  const serial = serialOf(invoiceNumber)
  const whole: Figure[] = [...text.matchAll(FIGURE)]
    .filter((m) => !monthAfter().test(text.slice(m.index + m[0].length)) && Number(m[1]) !== serial)
    .map((m) => ({ value: Number(m[1]), end: m.index + m[0].length }))
  return countsOf(text, whole, lines) ?? measuresAgainstLines(text, whole, lines)
}

interface Figure {
  value: number
  /** Where the figure ends in the text: the word after it is what it counts. */
  end: number
}

/** The billed count among the figures (the one exactly one line bills) and the one other figure of its size. */
function countsOf(text: string, figures: readonly Figure[], lines: readonly LineLike[]): CountsFromLines | undefined {
  const said = figures.map((f) => f.value)
  const billed = [...new Set(said)].filter((n) => lines.filter((l) => l.quantity === n).length === 1)
  if (billed.length !== 1) return undefined
  const q = billed[0]!
  // The other figure is of the billed count's size ("350 … 400"), never a day of the month beside 400.
  let others = [...new Set(said.filter((n) => n !== q && n < q && n * 10 >= q))]
  // "14 billed, only 11 worked, 3 disputed": with the difference said too, the count is the first of
  // the two figures that add up to what was billed.
  if (others.length > 1) {
    // Decimal counts ("312.4 t … 305.9 … 6.5 t") subtract with a float's error: equal to a thousandth.
    const among = (x: number) => others.some((n) => Math.abs(n - x) < 1e-6)
    const pair = others.filter((n) => among(q - n) && Math.abs(q - 2 * n) >= 1e-6)
    others = pair.length === 2 ? [pair.sort((a, b) => said.indexOf(a) - said.indexOf(b))[0]!] : others
  }
  if (others.length !== 1) return undefined
  const line = lines.find((l) => l.quantity === q)!
  const received = others[0]!
  const unitAfter = (n: number) =>
    figures.filter((f) => f.value === n).map((f) => UNIT_WORD.exec(text.slice(f.end))?.[1]?.toLowerCase() ?? '')
  const billedUnits = unitAfter(q)
  // One word of the other's stem: "Container" and "Containerentleerungen", "day" and "days".
  const alike = (a: string, b: string) => a.startsWith(b.slice(0, 4)) || b.startsWith(a.slice(0, 4))
  const sameUnit =
    billedUnits.includes('') || unitAfter(received).every((w) => w === '' || billedUnits.some((b) => alike(w, b)))
  return { received, billed: q, line: line.line, sameUnit }
}

/** A figure with decimals or grouped in thousands ("312.4 t", "18,75 t", "2,340 hours", "12,5"), not
 *  money (no currency beside it), a percentage, a date, a time or part of a reference. */
const MEASURE_FIGURE =
  /(?<![\d.,/:\-–#\p{L}\p{Sc}]|[\p{Sc}x×*@]\s)(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+[.,]\d+)(?![\d/:\-–]|[.,]\d|\s?(?:%|\p{Sc}|[A-Z]{3}\b))/gu

/** How a figure's separators read: as thousands ("7,200") or as a decimal point ("18,75", "12.5"). */
type Reading = 'grouped' | 'decimal'
function readingsOf(raw: string): Partial<Record<Reading, number>> {
  const seps = raw.match(/[.,]/g) ?? []
  const kinds = new Set(seps)
  // "1,234.5" and "1.234,5": the last separator is the decimal point, the others group.
  if (kinds.size === 2) {
    const last = seps.at(-1)!
    const other = last === '.' ? ',' : '.'
    return { decimal: Number(raw.split(other).join('').replace(',', '.')) }
  }
  const grouped = /^\d{1,3}(?:[.,]\d{3})+$/.test(raw) ? Number(raw.replace(/[.,]/g, '')) : undefined
  const decimal = seps.length === 1 ? Number(raw.replace(',', '.')) : undefined
  return { ...(grouped !== undefined ? { grouped } : {}), ...(decimal !== undefined ? { decimal } : {}) }
}

/**
 * "facturaron 312.4 t … la báscula marcó 305.9", "18,75 t … 18,20 t", "7,200 dozen billed … 6,950": counts in a
 * measure, with decimals or grouped in thousands, read as the whole counts are. The figure one line
 * bills tells how the message writes its separators ("7,200" billed as 7200 groups; "18,75" billed
 * as 18.75 is a decimal comma), and the other figures are read the same way.
 */
function measuresAgainstLines(
  text: string,
  whole: readonly Figure[],
  lines: readonly LineLike[],
): CountsFromLines | undefined {
  const measures = [...text.matchAll(MEASURE_FIGURE)].map((m) => ({
    readings: readingsOf(m[1]!),
    end: m.index + m[0].length,
  }))
  const billsOne = (n: number | undefined) => n !== undefined && lines.filter((l) => l.quantity === n).length === 1
  const billed = measures.flatMap((m) =>
    (Object.entries(m.readings) as [Reading, number][]).filter(([, n]) => billsOne(n)).map(([how]) => how),
  )
  const how = billed[0]
  if (billed.some((b) => b !== how)) return undefined
  // "20 t billed, 19,2 t weighed": where the count billed is said whole, the measures that read one way
  // only (a decimal comma before one or two digits) are read so.
  const read: Figure[] = measures.flatMap((m) => {
    const readings = Object.values(m.readings)
    const n = how
      ? (m.readings[how] ?? m.readings.decimal ?? m.readings.grouped)
      : readings.length === 1
        ? readings[0]
        : undefined
    return n === undefined ? [] : [{ value: n, end: m.end }]
  })
  return countsOf(text, [...whole, ...read], lines)
}

/** A figure as the speaker wrote it ("66,500", "12,40", "9 200"), as money in the invoice's currency. */
export function saidMoney(raw: string, currency: string): Money | undefined {
  const v = normalizeNumber(raw.trim(), currency)
  const m = v ? parseMoney(v, currency) : null
  return m?.ok ? m.value : undefined
}

export interface PricesFromLines {
  expected: string
  billed: string
  line: number
}

/** Figures with decimals or grouping ("66,500", "12,40", "9 200", "16.200/L"): money as any locale writes it. */
// A lone digit is no figure where thousands grouped by spaces follow it ("1 017,450" is never a "1").
const MONEY_FIGURE =
  /(?<![\d.,/:\-–#A-Za-z])\d{1,3}(?: \d{3})+(?![\d]|[.,]\d)|(?<![\d.,/:\-–#A-Za-z])\d[\d.,'’\u00a0\u202f]*\d(?![\d:\-–]|\/\d|[.,]\d|\s?%)|(?<![\d.,/:\-–#A-Za-z])\d(?![\d/:\-–.,%]| \d{3}(?!\d))/g

/** A currency's one letter written onto a figure with its cents ("Q41.50", "P2,310.00", "S/18.00"). */
const LETTER_SIGN = /(?<![\p{L}\p{N}])(?:\p{Lu}|S\/)(?=\d{1,3}(?:[,.]\d{3})*[.,]\d{2}(?!\d))/gu
/** The message with such letters blanked (positions kept), so the figure after them reads as money. */
const withoutLetterSigns = (message: string): string => message.replace(LETTER_SIGN, (m) => ' '.repeat(m.length))

/** The word right after a figure, when it is a word of its own ("92 metre", "86m", not "16.200/L" or "l'uno"). */
const MEASURE_AFTER = /^\s?(\p{L}+[23²³]?)(?![\p{L}\d/'’])/u

/** A price billed on exactly one line, beside one other figure within half of it either way. */
export function pricesAgainstLines(
  message: string,
  lines: readonly LineLike[],
  currency: string,
  /** The sum claimed, when read: beside two figures near the billed price, it is the claim, not a price. */
  claimed?: string,
): PricesFromLines | undefined {
  const money = (raw: string) => saidMoney(raw, currency)
  // "4 × 3 × 90 = 1,080 + VAT 75.60": a tax amount is no price, however near the billed one.
  const said = [...withoutLetterSigns(message).matchAll(MONEY_FIGURE)].flatMap((m) => {
    // "92 metre of fencing": a figure with a measure after it is a quantity, never a price.
    const measured = MEASURE_AFTER.exec(message.slice(m.index + m[0].length))?.[1]
    if (measured && isMeasureWord(measured)) return []
    const v = saidAsTax(message, m.index, m[0].length) ? undefined : money(m[0])
    return v ? [{ raw: m[0], value: v }] : []
  })
  const priced = lines.flatMap((l) => {
    const p = money(l.unitPrice)
    return p ? [{ line: l.line, price: p, raw: l.unitPrice }] : []
  })
  const billed = said.filter((s) => priced.filter((p) => cmp(p.price, s.value) === 0).length === 1)
  const distinct = [...new Map(billed.map((b) => [String(b.value.minor), b])).values()]
  if (distinct.length !== 1) return undefined
  const b = distinct[0]!
  const line = priced.find((p) => cmp(p.price, b.value) === 0)!
  const near = (m: Money) => m.minor * 2n >= b.value.minor && m.minor <= (b.value.minor * 3n) / 2n
  // "480,00 € + VAT 24 % = 595,20 €": the billed price with the line's tax is the same price
  // worked out, not a second price the customer expects.
  const { taxRate } = lines.find((l) => l.line === line.line)!
  const withTax = taxRate
    ? lineFigures({ line: line.line, sku: '', quantity: 1, unitPrice: line.raw, taxRate }, currency).gross
    : undefined
  const others = [
    ...new Map(
      said
        .filter((s) => cmp(s.value, b.value) !== 0 && near(s.value) && !(withTax && cmp(s.value, withTax) === 0))
        .map((s) => [String(s.value.minor), s]),
    ).values(),
  ]
  const claimedSum = claimed ? money(claimed) : undefined
  const held = others.length === 2 && claimedSum ? others.filter((o) => cmp(o.value, claimedSum) !== 0) : others
  if (held.length !== 1) return undefined
  return { expected: normalizeNumber(held[0]!.raw.trim(), currency)!, billed: line.raw, line: line.line }
}

/** Where a message's clauses part: a line's or sentence's end, ";", a comma before a word, "and" in the languages claims come in. */
const CLAUSES = /[;\n]|[.!?:]\s+(?=\p{Lu})|,\s+(?=\p{L})|\s(?:and|en|und|et|y|e|og|och|ve|và|dan|и|та|oraz)\s/iu

/** The lines whose prices the message sets each against a figure of its own, one clause a line
 *  ("huur 80,00 i.p.v. 75,00 en thee 12,40 i.p.v. 11,90"): two or more, or none. */
export function linesPricedInPairs(message: string, lines: readonly LineLike[], currency: string): number[] {
  const found = new Set(
    message.split(CLAUSES).flatMap((clause) => pricesAgainstLines(clause, lines, currency)?.line ?? []),
  )
  return found.size > 1 ? [...found].sort((a, b) => a - b) : []
}

/** The one line billed at a price the message says ("fakturisano 2.310,00", "you charge 18.40 a
 *  bag"), when no other line is billed at any figure of it: the line a price claim is about. */
export function lineAtPriceSaid(message: string, lines: readonly LineLike[], currency: string): number | undefined {
  const said = [...withoutLetterSigns(message).matchAll(MONEY_FIGURE)].flatMap((m) => {
    // "transcript 340 pp": a whole number the units it counts follow is a count, never a price.
    if (NOT_AMOUNT_AFTER.test(message.slice(m.index + m[0].length)) && !/[.,]\d{2}$/.test(m[0])) return []
    const v = saidMoney(m[0], currency)
    return v ? [v] : []
  })
  const at = lines.filter((l) => {
    const p = saidMoney(l.unitPrice, currency)
    return p !== undefined && p.minor > 0n && said.some((s) => cmp(s, p) === 0)
  })
  return at.length === 1 ? at[0]!.line : undefined
}

interface FeeLike {
  type: string
  description?: string | undefined
  amount: string
}

/**
 * The one fee of the invoice a figure of the message is ("the 12.500 'night delivery' charge", "TSh
 * 420,000 for the pallet wrap"): a figure equal to exactly one fee's amount, and to no line's unit
 * price, names that fee, in whatever words or language the charge was called. The ledger says what
 * it is; no word for it is needed.
 */
export function feeAgainstFees<F extends FeeLike>(
  message: string,
  fees: readonly F[],
  lines: readonly LineLike[],
  currency: string,
): F | undefined {
  const said = [...withoutLetterSigns(message).matchAll(MONEY_FIGURE)].flatMap((m) => {
    const v = saidMoney(m[0], currency)
    return v ? [v] : []
  })
  const amountOf = (raw: string) => saidMoney(raw, currency)
  const named = fees.filter((f) => {
    const a = amountOf(f.amount)
    return a !== undefined && said.some((s) => cmp(s, a) === 0)
  })
  if (named.length !== 1) return undefined
  const fee = named[0]!
  const a = amountOf(fee.amount)!
  const isPrice = lines.some((l) => {
    const p = amountOf(l.unitPrice)
    return p !== undefined && cmp(p, a) === 0
  })
  return isPrice ? undefined : fee
}

/** Payment words before a figure: the money that came ("they paid P41,207.50", "virement de 318 640,00"). */
const PAID_FIGURE =
  /\b(?:paid|remitted|transferred|received|pagaron|pag[oó]|pay[ée]|r[ée]gl[ée]|virement\s+de|transfer\s+of|EFT\s+of|wire\s+of)\s*:?\s*(?:\p{Sc}|[A-Z]{1,3}\$|[A-Z]{1,3}(?=\s?\d))?\s?(\d[\d.,'’\u00a0\u202f ]*\d)/giu
/** Words of a payment short of the invoice. */
export const saysShortPaid = (message: string): boolean => SHORT_OF_IT.test(message)
const SHORT_OF_IT = new RegExp(String.raw`\b(?:${SHORT_PAYMENT_WORDS}|(?:paid|pagaron)\s+\S+\s+(?:of|de))\b`, 'i')

/**
 * "Invoice P43,530.00, they paid P41,207.50, remittance says 9 CASES SHORT": in a short payment the
 * claim is what was held back, the invoice's open amount less the payment said, whatever other
 * figure the words took. Undefined when the message says no short payment or no payment below it.
 */
export function heldBack(message: string, open: Money): Money | undefined {
  if (!SHORT_OF_IT.test(message)) return undefined
  // "short-paid 0317 by 180 euro", "deducted P2,322.50": the deduction said outright.
  const said = SHORT_BY.exec(message)
  // "the delivery was short by 20 boards": a count, which the amount reader does not take for money.
  const at = said ? said.index + said[0].length - said[1]!.length : -1
  if (said && findAmounts(message).some((a) => a.index <= at && at < a.index + a.raw.length)) {
    const held = saidMoney(said[1]!, open.currency)
    return held && held.minor > 0n && held.minor <= open.minor ? held : undefined
  }
  for (const m of message.matchAll(PAID_FIGURE)) {
    const raw = m[1]!.trim()
    // Money as written (grouped, with cents or a sign), never a number that names a document ("paid 0317").
    if (/^0/.test(raw) || !(/[.,'’\u00a0\u202f ]\d/.test(raw) || /\p{Sc}|[A-Z]\$/u.test(m[0]))) continue
    const paid = saidMoney(raw, open.currency)
    // What is left after a deduction is most of the invoice, not a part of it.
    if (paid && paid.minor * 2n >= open.minor && paid.minor < open.minor)
      return { ...open, minor: open.minor - paid.minor }
  }
  return undefined
}
/** The deduction said outright: "short by R2,150", "short-paid 0317 by 180", "deducted 2,322.50",
 *  "paid 0317 except €312.50". */
const SHORT_BY =
  /(?:\bshort(?:[- ]?paid)?\b[^.;\n]{0,25}?\bby|\b(?:deducted|deduction(?:\s+of)?|withheld|held back|except(?:\s+for)?)|\bshort(?=\s+(?:\p{Sc}|[A-Z]{1,3}\$)))\s+(?:\p{Sc}|[A-Z]{1,3}\$?)?\s?(\d[\d.,'’\u00a0\u202f]*\d|\d)/iu

/**
 * "5 cartons came short (6 × 5 L each), so 150 litres": on an invoice whose lines bill per one
 * measure, the count affected said again in that measure is the claim's count, in the line's own
 * unit; the packs counted first would leave the core to ask how many litres they are. Lines that bill
 * per no measure bill pieces ("3 packs crushed, 300 pcs unusable"). One figure in the measure, no more
 * than a line bills of it; undefined otherwise.
 */
/** Words for single pieces, in the languages claims come in. */
const PIECES =
  /^(?:pcs?|pieces?|units?|ea|unidades|unids?|uds?|piezas?|pzas?|peças|pçs|pi[eè]ces|st[üu]ck|stk|pezzi|szt)$/iu

export function affectedInBilledMeasure(
  message: string,
  lines: readonly (LineLike & { description?: string })[],
): { count: number; unit: string } | undefined {
  const measures = [...new Set(lines.map((l) => billedPer(l)).filter((p): p is string => p !== undefined))]
  const [per] = measures
  if (measures.some((m) => per && !isMeasure(m, per))) return undefined
  // A line billing no measure bills pieces: "300 pcs" of a line of 2,000 swabs.
  const inMeasure = (unit: string) => (per ? isMeasure(unit, per) : PIECES.test(unit))
  const said = [...countsAsDigits(message).matchAll(/(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(\p{L}+)/gu)]
    .filter((m) => inMeasure(m[2]!))
    .map((m) => ({ count: Number(m[1]!.replace(',', '.')), unit: m[2]! }))
  const counts = new Set(said.map((s) => s.count))
  const [one] = said
  return one && counts.size === 1 && lines.some((l) => one.count < l.quantity) ? one : undefined
}

/**
 * "coolant 46 got 6 pails": a figure said right after a word of a line's description, where
 * that line's code or description carries the same figure ("HC-46", "grade 46"), names the product
 * (a grade, a size, a model), not a count of it. The figures so said and the message without them,
 * or undefined where no line names a figure the message says so.
 */
export function productNumbersSaid(
  message: string,
  lines: readonly (LineLike & { sku: string; description?: string | undefined })[],
): { numbers: number[]; message: string } | undefined {
  const numbers: number[] = []
  let rest = message
  for (const l of lines) {
    const name = `${l.sku} ${l.description ?? ''}`
    const figures = new Set(
      [...name.matchAll(/(?<![\d.,])\d+(?![\d.,]\d)/g)].map((m) => Number(m[0])).filter((n) => n !== l.quantity),
    )
    const words = new Set((name.match(/\p{L}{4,}/gu) ?? []).map((w) => w.toLowerCase()))
    if (!figures.size || !words.size) continue
    rest = rest.replace(/(\p{L}{4,})[\s-]+(\d+)(?![\d.,]\d|\s*(?:%|\p{Sc}))/gu, (all, word: string, digits: string) => {
      if (!words.has(word.toLowerCase()) || !figures.has(Number(digits))) return all
      numbers.push(Number(digits))
      return word
    })
  }
  return numbers.length ? { numbers, message: rest } : undefined
}
