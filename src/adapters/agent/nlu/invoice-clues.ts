/**
 * What a message says about WHICH invoice beyond its numbers: a correction ("sorry, wrong number,
 * it's X", "not A, B"), a choice among several named ("the second", "the later one", "the one from
 * March"), and descriptions (an issue date, a period, an amount, product words). Only what was said:
 * the ledger decides what they name (src/core/ground-claim.ts).
 */
import { fold } from './fold.ts'
import { glossToEnglish } from './gloss.ts'
import { findAmounts, normalizeNumber } from './amounts.ts'
import { codesIn, type Description } from '../../../core/described-invoice.ts'
import { addDays, weekday } from '../../../core/dates.ts'
import { CJK_MONTH, findDates, numericDateReadings } from './dates.ts'
import { digitsForWords, ungrouped } from './numbers.ts'
import { BILLS } from './quantities.ts'
import type { InvoiceRef } from './invoice-refs.ts'
import vocab from './data/vocab.json' with { type: 'json' }

export type InvoicePick =
  | { kind: 'ordinal'; index: number }
  /** "they'll pay the first": the one NOT named is in dispute. */
  | { kind: 'except'; index: number }
  | { kind: 'latest' }
  | { kind: 'earliest' }
  | { kind: 'period'; from: string; to: string }

export interface InvoiceClues {
  /** References the message withdraws ("not 718233", "wrong number"), normalised. */
  withdrawn: string[]
  /** The reference that replaces them, normalised. */
  corrected?: string
  pick?: InvoicePick
  date?: string
  period?: { from: string; to: string }
  amount?: string
  /** Words that describe the invoice by what it bills ("the pallet racking invoice"). */
  productWords?: string[]
  /** Words that name the charge the claim is about ("wrong price for widgets"). */
  claimWords?: string[]
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
// A builder's "valuation", "payment certificate" and "progress claim" are its invoices.
const INVOICE_WORD = String.raw`(?:invoice|inv\.?|bill|one|valuation|payment cert(?:ificate)?|progress claim)`
const pad = (n: number): string => String(n).padStart(2, '0')

function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` }
}

/** A month named without a year is the latest one not after today. */
function monthBack(today: string, month: number): { from: string; to: string } {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return monthRange(month <= m ? y : y - 1, month)
}

function relativeMonth(today: string, back: number): { from: string; to: string } {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7)) - back
  return m >= 1 ? monthRange(y, m) : monthRange(y - 1, m + 12)
}

/** Monday to Sunday of this week (`back` 0) or an earlier one. */
function relativeWeek(today: string, back: number): { from: string; to: string } {
  const monday = addDays(today, -((weekday(today) + 6) % 7) - 7 * back)
  return { from: monday, to: addDays(monday, 6) }
}

const relative = (today: string, which: string, unit: string) =>
  (/week/i.test(unit) ? relativeWeek : relativeMonth)(today, /last|previous/i.test(which) ? 1 : 0)

const monthIndex = (word: string): number => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1

/** Up to two words that say what the invoice was for: "the June catering invoice", "March's rental bill". */
const DESCRIBING = String.raw`(?:[A-Za-z][\w-]*\s+){0,2}?`

/** "last month's invoice", "the February invoice", "the invoice from March", "March's bill". */
export function findInvoicePeriod(
  text: string,
  today: string,
): { from: string; to: string; index: number } | undefined {
  const rel = new RegExp(
    String.raw`\b(last|previous|this|current)\s+(month|week)(?:'s|s)?\s+${DESCRIBING}${INVOICE_WORD}`,
    'i',
  ).exec(text)
  if (rel) return { ...relative(today, rel[1]!, rel[2]!), index: rel.index }
  const relAfter = new RegExp(
    String.raw`\b${INVOICE_WORD}\s+(?:from|for|of)\s+(last|previous|this)\s+(month|week)\b`,
    'i',
  ).exec(text)
  if (relAfter) return { ...relative(today, relAfter[1]!, relAfter[2]!), index: relAfter.index }
  const before = new RegExp(String.raw`\b${MONTH}(?:'s)?\s+(\d{4}\s+)?${DESCRIBING}${INVOICE_WORD}\b`, 'i').exec(text)
  const after = new RegExp(
    String.raw`\b(?:${INVOICE_WORD}|invoiced|billed)(?:\s+(?:them|us|it))?\s+(?:from|for|of|in|dated)\s+(?:early\s+|late\s+|mid-?\s*)?${MONTH}\b(?!\s+\d)(?:\s+(\d{4}))?`,
    'i',
  ).exec(text)
  const m = before ?? after
  if (!m) return undefined
  const month = monthIndex(m[1]!)
  const year = m[2] ? Number(m[2].trim()) : undefined
  return { ...(year ? monthRange(year, month) : monthBack(today, month)), index: m.index }
}

/** "the invoice we sent on 8 June", "the bill dated 2026-06-08", "the 8 June invoice". */
export function findInvoiceDate(text: string, today: string): string | undefined {
  for (const d of findDates(text, today, 'past')) {
    if (/^(?:today|tomorrow|yesterday|eod|end|within|in)\b/i.test(d.raw)) continue
    const before = text.slice(Math.max(0, d.index - 60), d.index)
    const after = text.slice(d.index + d.raw.length, d.index + d.raw.length + 20)
    const introduced =
      /\b(?:invoice|inv\.?|bill|one)\b[^.!?]{0,35}\b(?:sent|issued|dated|raised|billed|mailed|emailed|from|of)\s+(?:out\s+)?(?:on\s+)?(?:the\s+)?$/i.test(
        before,
      ) ||
      /\b(?:invoice|bill|one)\s+(?:dated|of|from)\s+(?:the\s+)?$/i.test(before) ||
      // "the load we invoiced on 12 March", "what you billed us on the 4th": the day it was billed.
      /\b(?:we|you|they)\s+(?:invoiced|billed)\b(?:\s+(?:us|them|it))?\s+on\s+(?:the\s+)?$/i.test(before) ||
      // "the invoice we sent Mossgiel on 13 March": whom it went to stands between the verb and the day.
      /\b(?:invoice|inv\.?|bill)\b[^.!?]{0,20}\b(?:sent|issued|raised|mailed|emailed)\b[^.!?\d]{1,40}\bon\s+(?:the\s+)?$/i.test(
        before,
      )
    if (introduced || /^\s*(?:invoice|bill)\b/i.test(after)) return d.date
  }
  return undefined
}

/** "the 4,310.50 one", "the $2,700 invoice", "the $980 June bill", "the invoice for 4,310.50", "the one totalling $720". */
export function findInvoiceAmount(text: string): string | undefined {
  const num = String.raw`[$€£]?\s?(\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?(?:usd|eur|gbp|dollars)?`
  const m =
    new RegExp(String.raw`\bthe\s+${num}\s+${DESCRIBING}(?:one|invoice|bill)\b`, 'i').exec(text) ??
    new RegExp(
      String.raw`\b(?:invoice|bill|one)\s+(?:for|of|totall?ing|worth|amounting to)\s+${num}(?![\d%])`,
      'i',
    ).exec(text)
  return m?.[1] ? (normalizeNumber(m[1]) ?? undefined) : undefined
}

/** Words that describe an invoice without naming what was billed ("a clean invoice", "the last one"). */
const NOT_PRODUCT = new Set(
  (
    'a an the their our your its his her this that these those last first second third latest later earlier older ' +
    'newer other same wrong right correct corrected clean new revised proper fresh separate original duplicate ' +
    'second whole entire full open old previous next monthly weekly annual final recent most more disputed ' +
    'current big small large only one which what whose any each every another month months year'
  ).split(' '),
)

/** "the pallet racking invoice", "their stretch wrap one", "the invoice for the forklift service". */
export function findInvoiceProduct(text: string): string[] | undefined {
  const cleaned = text.replace(/[’]/g, "'")
  const pre = /\b(?:the|their|our|that|this)\s+((?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\s+(?:invoice|bill|one)\b/gi
  const post =
    /\b(?:invoice|bill)\s+for\s+(?:the\s+|their\s+)?((?:[a-z][a-z-]*\s*){1,3}?)(?=[,.;:!?)]|$|\s+(?:which|that|they|we|on|in|from|is|was|where|and|but|to))/gi
  for (const re of [pre, post]) {
    for (const m of cleaned.matchAll(re)) {
      const words = m[1]!
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w && !NOT_PRODUCT.has(w) && monthIndex(w) === 0 && !/'s$/.test(w))
      if (words.length && words.join('').length >= 4) return words
    }
  }
  return undefined
}

/** "wrong price for widgets", "the valve price": the product words a claim about a line names. */
export function findClaimProduct(text: string): string[] | undefined {
  const m =
    /\b(?:price|pricing|cost|rate|quantity|count)\s+(?:for|of|on)\s+(?:the\s+)?([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\b/i.exec(
      text,
    ) ?? /\bthe\s+([a-z][a-z-]+(?:\s+[a-z][a-z-]+)?)\s+(?:price|pricing)\b/i.exec(text)
  const words = m?.[1]
    ?.toLowerCase()
    .split(/\s+/)
    .filter((w) => !NOT_PRODUCT.has(w) && !/^(?:on|in|at|is|was|were|should|from|billed|invoice)$/.test(w))
  return words?.length ? words : undefined
}

const ORDINALS: Record<string, number> = { first: 0, '1st': 0, former: 0, second: 1, '2nd': 1, third: 2, '3rd': 2 }

/** Which of several named invoices the claim is about. */
/** "la segunda", "die erste", "вторую": an ordinal of another language with the article before it,
 *  written the English way for the pick alone. */
const ORDINAL_WORDS = Object.entries(vocab.ordinalWords as Record<string, string[]>).flatMap(([english, words]) =>
  words.map((w) => [w, english] as const),
)
const FOREIGN_ORDINAL = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:la|el|le|les|lo|il|die|der|das|den|het|de|o|a)\s+)?(?<![\p{L}])(${ORDINAL_WORDS.map(([w]) => w).join('|')})(?![\p{L}])`,
  'giu',
)
const ORDINAL_ENGLISH = new Map(ORDINAL_WORDS)

/** "void the 2nd", "que anulen la segunda": which of the invoices offered or named. */
export function findInvoicePick(text: string, today: string): InvoicePick | undefined {
  const own = pickIn(text, today)
  if (own) return own
  const english = glossToEnglish(
    text.replace(FOREIGN_ORDINAL, (whole, w: string) => `the ${ORDINAL_ENGLISH.get(w.toLowerCase()) ?? whole}`),
  )
  return english === text ? undefined : pickIn(english, today)
}

/** After an ordinal: a copula and a document number ("… was SW-48255", "… is #4410"). */
const LABELS_A_NUMBER =
  /^\s*(?:one\s+)?(?:is|was|=|:)\s+(?:(?:invoice|inv|bill|no\.?|number)\s*)?#?\s*[A-Z]*[-/]?\d[\w/-]*/i

function pickIn(text: string, today: string): InvoicePick | undefined {
  // Each ordinal with the verb before it: "cancel the second" names the disputed one, "they'll pay the
  // first" names the one that stands. A verb whose object came first ("paying 0409, the second …")
  // says nothing of the ordinal. A disputing verb wins over a keeping one.
  const ordinals = [
    ...text.matchAll(
      /\bthe\s+(first|1st|second|2nd|third|3rd|former|latter|last)(?:\s+(?:one|invoice|bill|copy))?\b(?!\s+(?:time|visit|line|delivery|week|day|night|hour|shift|half|fortnight|quarter|period|trip|load|run|round|month|of\s+the\s+month|page|item)s?\b)/gi,
    ),
  ]
    // "a week after the first invoice": an ordinal that sets a point in time picks nothing; nor does one
    // that labels a number ("the first was 4410"): it says which is which, the claim says which is disputed.
    .filter((m) => !pointInTime(text, m.index) && !LABELS_A_NUMBER.test(text.slice(m.index + m[0].length)))
    .map((m) => {
      const w = m[1]!.toLowerCase()
      const index = w === 'latter' || w === 'last' ? -1 : ORDINALS[w]!
      // "want the second cancelled": the verb after the ordinal disputes it too.
      const after = text.slice(m.index + m[0].length)
      // "cancel the second": the verb before it disputes it, whatever is said of the other (a keeping
      // verb of another language the gloss does not know leaves the first unkept).
      const disputedAround =
        DISPUTED_AFTER.test(after) || DISPUTE_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))
      // "the first was paid on 5 May": said after it, it stands too.
      return { index, keep: keptBefore(text, m.index) || KEPT_AFTER.test(after), disputedAround }
    })
  const disputed = ordinals.find((o) => o.disputedAround) ?? ordinals.find((o) => !o.keep)
  if (disputed) return { kind: 'ordinal', index: disputed.index }
  if (ordinals[0]) return { kind: 'except', index: ordinals[0].index }
  const said = (re: RegExp) =>
    [...text.matchAll(re)].some(
      (m) => !pointInTime(text, m.index) && !LABELS_A_NUMBER.test(text.slice(m.index + m[0].length)),
    )
  if (said(/\bthe\s+(?:later|latest|newer|newest|more recent|most recent|second)\s+(?:one|invoice|bill|copy)\b/gi))
    return { kind: 'latest' }
  if (said(/\bthe\s+(?:earlier|older|oldest|first)\s+(?:one|invoice|bill|copy)\b/gi)) return { kind: 'earliest' }
  // "they settled the March one; the April one is the copy": of the months
  // named, the first not said to stand.
  const months = [
    ...text.matchAll(new RegExp(String.raw`\bthe\s+one\s+(?:from|of|dated|for)\s+${MONTH}\b`, 'gi')),
    ...text.matchAll(new RegExp(String.raw`\bthe\s+${MONTH}\s+one\b`, 'gi')),
  ].sort((a, b) => a.index - b.index)
  const named = months.find((m) => !keptBefore(text, m.index!)) ?? months[0]
  if (named) return { kind: 'period', ...monthBack(today, monthIndex(named[1]!)) }
  return undefined
}

const canonical = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '')
/** Before an ordinal, a word that makes it a point in time ("after the first", "nach der ersten"). */
const REFERENCE_POINT_BEFORE =
  /(?<![\p{L}])(?:after|before|since|following|than|nach|vor|seit|après|avant|depuis|después|antes|desde|dopo|prima|na|voor|sinds|efter|etter)\s+$/iu
const pointInTime = (text: string, at: number): boolean =>
  REFERENCE_POINT_BEFORE.test(text.slice(Math.max(0, at - 20), at))
/** Whether the words before a mention keep that invoice ("they'll pay the first", "settled the March one"). */
const keptBefore = (text: string, at: number): boolean => {
  const before = text.slice(Math.max(0, at - 40), at)
  return KEEP_BEFORE.test(before) && !DISPUTE_BEFORE.test(before)
}

/** After an ordinal, a past participle that disputes it ("the second cancelled", "the latter voided"),
 *  or a copy said to be it ("the second is a duplicate", glossed "the second est un duplicate"). */
const DISPUTED_AFTER =
  /^\s*(?:(?:one|invoice|bill)\s+)?(?:(?:to\s+be\s+|be\s+)?(?:cancell?ed|voided|credited|reversed|withdrawn|removed|annulled|deleted)|(?:[\p{L}']{1,4}\s+){1,2}(?:duplicate|copy|double)d?)(?![\p{L}])/iu
/** After an ordinal, a verb that says it stands ("the first was paid", "the first one is correct", "the first
 *  paid on 10 May"); in the word order of Dutch and German, with the day before the verb ("de eerste is op
 *  3 maart betaald", glossed "the first is op 3 March paid"), never across a negation. */
const KEPT_AFTER =
  /^\s*(?:(?:one|invoice|bill)\s+)?(?:(?:is|was|has\s+been|had\s+been|got|were)\s+(?:already\s+)?(?:paid|settled|correct|fine|ok|okay|right|valid|in\s+order)|(?:is|was|were|has\s+been|wurde|werd)\s+(?:(?!(?:not|never|no|nog|niet|nicht|noch)\b)[\p{L}\d.]+\s+){1,4}?(?:paid|settled)|(?:we\s+|they\s+)?(?:already\s+)?(?:paid|settled)\s+(?:on\s+)?\d)(?![\p{L}])/iu
const KEEP_BEFORE =
  /\b(?:pay(?:ing)?|paid|keep(?:ing)?|process(?:ing)?|book(?:ing)?|approv(?:e|ing)|accept(?:ing|s)?|honou?r(?:ing)?|settle|settled|settling|fine with|happy with|okay with|ok with|agree with)\b[^.;!?,\d]{0,15}$/i
const DISPUTE_BEFORE =
  /(?:\bnot|\bnever|n't)\s+(?:be\s+)?paying\b[^.;!?,\d]{0,15}$|\b(?:(?:won'?t|will not|don'?t|do not|doesn'?t|does not|refuse to|refusing to|not going to|can'?t|cannot)\s+pay|cancel(?:led|ling)?|void(?:ed)?|credit(?:ed)?|revers(?:e|ed)|disput(?:e|ing)|remov(?:e|ed)|withdraw|reissu(?:e|ed)|delet(?:e|ed)|drop(?:ped)?|refund(?:ed)?|query|querying|reject(?:ed|ing)?)\b[^.;!?,\d]{0,15}$/i

const CORRECTING_BEFORE =
  /\b(?:it'?s|it is|should (?:be|have been)|meant|mean|correct (?:one|number) is|right (?:one|number) is|(?:the )?(?:duplicate|double|repeat)(?: one)? is|actually|make (?:it|that)|instead|rather|(?:is|are) (?:on|from))\s*(?:the\s+)?(?:invoice\s*|inv\.?\s*|no\.?\s*|number\s*|#\s*)?$/i
/** Words that take back what was just said ("4410 – oops, it's 4418"). */
const WRONG =
  /\b(?:wrong|incorrect|typo|mis-?typed|misread|mixed up|my bad|scratch that|hang on|hold on|no,? wait|oops|whoops|sorry|correction|correcting)\b/i
const NOT_BEFORE = /\bnot\s+(?:invoice\s*|inv\.?\s*|#\s*)?$/i
/** "they are not querying the freight invoice 1109 any more": an invoice set aside as a whole (not
 *  "not disputing the freight on 1109", where a charge of it is set aside). */
const SET_ASIDE_BEFORE =
  /\b(?:not|no longer|never)\s+(?:\w+\s+){0,2}?(?:disputing|questioning|querying|contesting|challenging)\s+(?:the\s+|their\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:invoice|bill)\s*(?:no\.?\s*|#\s*)?$/i

/** After one of several invoices, in its own clause: it is in order ("0313 (the May one) is paid and
 *  fine") or left for later ("0319 they take up separately"). Not "is paid" alone: that may be
 *  the claim. */
const SET_ASIDE_AFTER =
  /^\)?\s*(?:\([^)]*\)\s*)?(?:(?:is|was|are|were)\s+(?:(?:paid|settled)\s+and\s+)?(?:fine|correct|ok|okay|all right|in order)\b|(?:[\w']+\s+){0,3}?separately\b)/i
/** Set aside by its own clause, beside other invoices named. */
const setAsideAfter = (clause: string, refs: number): boolean => refs > 1 && SET_ASIDE_AFTER.test(clause)
/** The text after a reference up to the end of its clause. */
const ownClause = (text: string, r: InvoiceRef): string =>
  text.slice(r.index + r.raw.length).split(/[.;,!?\n](?![^(]*\))/)[0] ?? ''

/** "sorry, wrong number, it's 718240", "not 718233, 718240", "718240, not 718233", "I meant F/26/0093". */
export function findInvoiceCorrection(
  text: string,
  refs: readonly InvoiceRef[],
): { withdrawn: string[]; corrected?: string } {
  const sorted = [...refs].sort((a, b) => a.index - b.index)
  const withdrawn = sorted.filter(
    (r) =>
      NOT_BEFORE.test(text.slice(Math.max(0, r.index - 16), r.index)) ||
      SET_ASIDE_BEFORE.test(text.slice(Math.max(0, r.index - 70), r.index)) ||
      setAsideAfter(ownClause(text, r), refs.length),
  )
  const kept = sorted.filter((r) => !withdrawn.includes(r))
  // The words before a number and the message, as typed or in the English of the customer's language
  // ("Corrigiendo: la duplicada es la 7731").
  const before = (r: InvoiceRef) => text.slice(Math.max(0, r.index - 30), r.index)
  const correcting = kept.find(
    (r) => CORRECTING_BEFORE.test(before(r)) || CORRECTING_BEFORE.test(glossToEnglish(before(r))),
  )
  if (
    correcting &&
    (WRONG.test(text) || WRONG.test(glossToEnglish(text)) || withdrawn.length || /\bmeant\b/i.test(text))
  ) {
    const others = kept.filter((r) => r !== correcting && r.index < correcting.index)
    return {
      withdrawn: [...withdrawn, ...others].map((r) => canonical(r.normalized)),
      corrected: correcting.normalized,
    }
  }
  if (withdrawn.length && kept.length === 1)
    return { withdrawn: withdrawn.map((r) => canonical(r.normalized)), corrected: kept[0]!.normalized }
  return { withdrawn: withdrawn.map((r) => canonical(r.normalized)) }
}

export function readInvoiceClues(text: string, today: string, refs: readonly InvoiceRef[]): InvoiceClues {
  const correction = findInvoiceCorrection(text, refs)
  const clues: InvoiceClues = { withdrawn: correction.withdrawn }
  if (correction.corrected) clues.corrected = correction.corrected
  const pick = refs.length >= 2 ? findInvoicePick(text, today) : undefined
  if (pick) clues.pick = pick
  const date = findInvoiceDate(text, today)
  if (date) clues.date = date
  const period = findInvoicePeriod(text, today)
  if (period && !pick) clues.period = { from: period.from, to: period.to }
  const amount = findInvoiceAmount(text)
  if (amount) clues.amount = amount
  const product = findInvoiceProduct(text)
  if (product) clues.productWords = product
  const claimWords = findClaimProduct(text)
  if (claimWords) clues.claimWords = claimWords
  return clues
}

/** Words that say the date after them is an invoice's own ("dated", "invoice of", "the bill from"). */
const INVOICE_DATE_BEFORE = /\b(?:dated|issued(?:\s+on)?|(?:invoice|bill)\s+(?:of|from|on))\s*$/i

/** Payment words just before a date: the day the money moved. */
const PAID_BEFORE =
  /\b(?:paid|payment|settled|remitted|transferred|transfer|cheque|check|wired|deposited)\b[^.;\n]{0,25}$/i

/** Words of billing in general: they name no product, so they never tell one invoice from another. */
const GENERIC = new Set(
  (
    'invoice invoices invoiced bill billed billing charge charges charged fee fees total amount price prices ' +
    'rate rates cost costs tax vat gst hst delivery deliveries delivered shipping freight service services ' +
    'month months monthly week weekly period order ordered unit units item items piece pieces hour hours ' +
    'they them their there this that these those with from have were been what when which would could ' +
    'should customer customers credit credited want wants said says email emailed call called about still ' +
    'only just also again back paid payment pay paying other never nothing anything arrived came ' +
    // The same words in the languages ledgers describe their lines in: "Cargo por manejo" is a
    // charge, and says no more of the invoice than "charge" does.
    'factura facturas cargo cargos cobro cobros importe monto precio precios servicio servicios pedido ' +
    'facture factures frais montant prix rechnung rechnungen betrag gebuhr gebuhren preis fatura faturas ' +
    'cobranca valor preco servico servicos fattura fatture importo prezzo spese ' +
    // Words of grammar in those languages, which lines' descriptions carry as well ("Cama para pollitos"):
    // they tell no invoice from another.
    'para pero como esta este esto estos estas estan estamos dice dicen poder puede pueden porque sobre entre ' +
    'desde hasta cuando donde tiene tienen todo todos toda todas nuestro nuestra nuestros otra otro otros ' +
    'pela pelo mais muito muita isso essa esse estao temos voce dans avec pour nous vous leur leurs cette plus ' +
    'sont sans chez mais elle elles sind nicht eine einen einem einer oder aber auch noch wird werden haben ' +
    'sein diese dieser dieses voor niet maar deze zijn hebben worden naar della delle degli dello sono questo ' +
    'questa anche molto loro'
  ).split(' '),
)

const MONTH_WORD = new RegExp(`^${MONTH}$`, 'i')
const BILLED_COUNT = new RegExp(
  String.raw`\bthe\s+(\d{1,6})\s+[a-z-]+\s+(?:one|1)\b(?![.,]?\d)|\b(?:(?:out\s+)?of|not)\s+(?:the\s+|their\s+|our\s+|(?:last|this)\s+(?:month|week)'?s\s+)?(\d{1,6})\b(?![.,]\d|\/\d|\s*[$€£%])|\b(\d{1,6})\s+(?:[a-z-]+\s+)?(?:billed|invoiced|charged)\b|\b${BILLS}\s+(?:for\s+|them\s+|us\s+|me\s+)?(\d{1,6})\b(?![.,]\d|\/\d|\s*[$€£%])`,
  'gi',
)

/** The counts a message says were billed ("of the 31", "not 14", "bills 45 cartons", "bills 2,250 t"). */
export function billedCounts(text: string): number[] {
  return [
    ...new Set(
      [...ungrouped(digitsForWords(text)).matchAll(BILLED_COUNT)].map((m) => Number(m[1] ?? m[2] ?? m[3] ?? m[4])),
    ),
  ]
}

/** What is billed for a month, said after its name: "May rent", "May's invoice". */
const MONTH_BILLED_AFTER =
  /^(?:'s)?\s+(?:rent|rental|hire|lease|invoice|bill|billing|statement|fees?|charges?|services?|usage|visits?|deliver(?:y|ies)|shipments?|storage|subscription|licen[cs]es?|maintenance|cleaning|collections?)\b/i

/** Month names not inside a calendar date ("the April service period", "March 2026") and relative
 *  months ("last month", "this month"). */
function periodsIn(text: string, today: string, dateSpans: readonly { index: number; raw: string; date: string }[]) {
  const out: Description['periods'][number][] = []
  const inDate = (i: number) => dateSpans.some((d) => i >= d.index && i < d.index + d.raw.length)
  // "the March invoice", "the bill from March": the month may be the one billed or the one served.
  const ofInvoice = (index: number, length: number) =>
    /^(?:'s)?\s+(?:invoice|bill)\b/i.test(text.slice(index + length)) ||
    /\b(?:invoice|bill)\s+(?:from|of|for|dated|in)\s+$/i.test(text.slice(0, index))
  const push = (p: { from: string; to: string }, index: number, length: number) =>
    out.push(ofInvoice(index, length) ? { ...p, ofInvoice: true } : p)
  for (const m of text.matchAll(new RegExp(String.raw`\b${MONTH}\b(?:\s+(\d{4}))?`, 'gi'))) {
    if (inDate(m.index)) continue
    // "may" is a verb more often than a month unless a period word is near it, or it is written as a
    // name inside a sentence before what was billed for the month ("billed May hire", "their May invoice").
    if (
      /^may$/i.test(m[1]!) &&
      !/\b(?:in|of|for|during|since|from|until|the|last|this)\s+$/i.test(text.slice(0, m.index)) &&
      !(
        m[1] === 'May' &&
        !/(?:^|[.!?:\n]\s*)$/.test(text.slice(0, m.index)) &&
        MONTH_BILLED_AFTER.test(text.slice(m.index + m[0].length))
      )
    )
      continue
    const month = monthIndex(m[1]!)
    push(m[2] ? monthRange(Number(m[2]), month) : monthBack(today, month), m.index, m[0].length)
  }
  for (const m of text.matchAll(CJK_MONTH)) {
    const month = Number(m[2])
    if (month < 1 || month > 12 || inDate(m.index)) continue
    push(m[1] ? monthRange(Number(m[1]), month) : monthBack(today, month), m.index, m[0].length)
  }
  for (const m of text.matchAll(/\b(last|previous|this|current)\s+(month|week)('s)?/gi))
    push(relative(today, m[1]!, m[2]!), m.index, m[0].length - (m[3]?.length ?? 0))
  // "… on Saturday 2 May; the invoice for that week", "the week of 4/6": the week (Monday to Sunday) the
  // day said falls in, the one said before "that week", after "the week of".
  for (const m of text.matchAll(/\b(?:that|the same)\s+week\b|\bthe\s+week\s+(?:of|starting|beginning)\b/gi)) {
    const day = /^that|^the same/i.test(m[0])
      ? dateSpans.filter((d) => d.index < m.index).at(-1)
      : dateSpans.find((d) => d.index >= m.index + m[0].length && d.index <= m.index + m[0].length + 3)
    if (day) push(relativeWeek(day.date, 0), m.index, m[0].length)
  }
  return out
}

/**
 * Everything a message says that could describe an invoice, for reading against one customer's
 * invoices (core/described-invoice.ts): its past dates, months, figures and content words.
 * `nameWords` are the customer's own name's words, which describe no invoice.
 */
export function describeMessage(text: string, today: string, nameWords: ReadonlySet<string>): Description {
  const own = describeText(text, today, nameWords)
  // In another language the dates and months are read from the gloss ("la facture d'octobre");
  // content words stay as typed too, since the ledger may describe its lines in that language.
  // "el 3 de March", "le 3 du March": the day joined to its month the English way.
  const glossed = glossToEnglish(text).replace(/\b(\d{1,2})\.?\s+(?:de|del|di|du|do|da)\s+(?=[A-Z][a-z]+)/g, '$1 ')
  if (glossed === text) return own
  const other = describeText(glossed, today, nameWords)
  const merged = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])]
  const seen = new Set(own.periods.map((p) => `${p.from}/${p.to}`))
  return {
    dates: merged(own.dates, other.dates),
    periods: [...own.periods, ...other.periods.filter((p) => !seen.has(`${p.from}/${p.to}`))],
    amounts: own.amounts,
    counts: merged(own.counts, other.counts),
    words: merged(own.words, other.words),
    codes: own.codes,
    billedPrices: own.billedPrices,
    names: own.names,
  }
}

function describeText(text: string, today: string, nameWords: ReadonlySet<string>): Description {
  // A day said of a payment ("paid by cheque on 16 November") is not the invoice's, nor its month.
  const allDates = findDates(text, today, 'past')
  const dates = allDates.filter(
    (d) =>
      !/^(?:today|tomorrow|yesterday|eod|end|within|in)\b/i.test(d.raw) &&
      !PAID_BEFORE.test(glossToEnglish(text.slice(Math.max(0, d.index - 40), d.index))),
  )
  const found = findAmounts(text)
  const amounts = found.map((a) => a.value)
  const words = (
    fold(text)
      .toLowerCase()
      .replace(/[’]/g, "'")
      .match(/\p{L}[\p{L}\p{M}-]{3,}/gu) ?? []
  ).filter((w) => !GENERIC.has(w) && !nameWords.has(w) && !MONTH_WORD.test(w))
  // A count the invoice bills: "of the 31", "not 14", "20 billed", "billed 60", "invoiced for 12".
  // Other counts ("4 tubes short") say what went wrong, not which invoice.
  const counts = billedCounts(text)
  // "invoice dated 4/6": the date of an invoice, a day and a month in figures with no year, reads either
  // way round (4 June in Perth, April 6 in Ohio); each reading is a date the invoice may carry.
  const bothWays = dates.flatMap((d) =>
    /^\d{1,2}[/.-]\d{1,2}$/.test(d.raw) && INVOICE_DATE_BEFORE.test(text.slice(Math.max(0, d.index - 24), d.index))
      ? numericDateReadings(d.raw, today)
      : [],
  )
  return {
    dates: [...new Set([...dates.map((d) => d.date), ...bothWays])],
    periods: periodsIn(text, today, allDates),
    amounts: [...new Set(amounts)],
    counts: [...new Set(counts)],
    words: [...new Set(words)],
    codes: [...new Set(codesIn(text))],
    billedPrices: [...new Set(found.filter((a) => a.role === 'billed_unit_price').map((a) => a.value))],
    names: namesIn(text, nameWords),
  }
}

/** A word typed with a capital inside a sentence: the name of a place, an event, a site or a vessel
 *  ("the Salon of Sfax invoice", "la obra de Belgrano"). Not the customer's own name, a month or
 *  a day, and not the first word of a sentence, a quote or a line. */
const NAMED = /(?<![.!?:;\n"“«'‘(]\s*|^\s*)(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}\p{Lu}]{3,})(?![\p{L}\p{N}])/gu
function namesIn(text: string, nameWords: ReadonlySet<string>): string[] {
  const out = [...text.matchAll(NAMED)]
    .map((m) => fold(m[1]!).toLowerCase())
    .filter((w) => !nameWords.has(w) && !GENERIC.has(w) && !MONTH_WORD.test(w) && !WEEKDAY_WORD.test(w))
  return [...new Set(out)]
}
const WEEKDAY_WORD = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i
