/**
 * Which of one customer's invoices a message describes when it names none: "the bill we mailed them
 * in early May for the gaskets", "last month's guarding", "their cleaning for the April service
 * period". The message's dates, months, figures and words are read against each invoice; a clue
 * counts only for the invoices it fits, never against the others, because a message also holds
 * dates and figures that are not the invoice's (a delivery day, a payment). Words count only when
 * they tell the invoices apart. One invoice is taken only when it clearly wins; otherwise the
 * ranking is the list to ask from. Pure: the caller reads the customer's invoices.
 */
import {
  billedWords,
  chargeEqualTo,
  decide,
  type Grounding,
  type ScoredInvoice,
  scored,
  wordForm,
} from './ground-claim.ts'
import type { Invoice } from './ledger.ts'
import { cmp, parseMoney } from './money.ts'

export interface Description {
  /** Every calendar date the message gives (ISO). */
  dates: readonly string[]
  /** Every month or relative period it names ("April", "last month"); `ofInvoice` when it names the
   *  invoice itself ("the March invoice"), which may be the month billed as well as the month served. */
  periods: readonly { from: string; to: string; ofInvoice?: boolean }[]
  /** Every figure it gives, as decimal strings. */
  amounts: readonly string[]
  /** Its counts of things ("14 trips", "two containers"). */
  counts: readonly number[]
  /** Its content words (lower case); words of the customer's name already left out. */
  words: readonly string[]
  /** The unit prices it says were billed ("charged 1,350 a night"). */
  billedPrices: readonly string[]
  /** Its codes: tokens of three digits or more, letters and separators kept ("14/09", "dn-7731"). */
  codes: readonly string[]
  /** Words typed as names inside a sentence (lower case, accents off): a place, an event, a site. */
  names?: readonly string[]
}

/** Weights: what one clue alone adds. With the customer's own 0.3, a date, a period or a
 *  telling word alone reaches TAKE_AT; a figure equal to the total does too. */
const CUSTOMER = 0.3
const ISSUED_ON = 0.5
const SERVED_ON = 0.3
const IN_PERIOD = 0.45
const ISSUED_IN = 0.2
const TOTAL = 0.6
const CHARGE = 0.4
const WORDS = 0.45
const COUNT = 0.3
const CODE = 0.6
const PRICE = 0.3
/** A name some of the invoices' lines carry ("Salon du cuir, Sfax"): what a place or an event is
 *  called tells invoices apart more surely than a product word, and counts on top of the words. */
const NAME = 0.3

/** A word names a line by itself, by a shared stem of five letters, or as the end of a compound
 *  ("container" in "Afvalcontainer"). */
const hits = (said: string, own: Set<string>): boolean =>
  own.has(said) ||
  (said.length >= 5 &&
    [...own].some(
      (n) => n.length >= 5 && (n.startsWith(said) || said.startsWith(n) || (said.length >= 6 && n.endsWith(said))),
    ))
const bills = (invoice: Invoice, count: number): boolean => invoice.lines.some((l) => l.quantity === count)

/** A token with three digits or more, in one spelling: lower case, "-" for any separator. A year
 *  alone names no document. */
const CODE_TOKEN = /[\p{L}\p{N}]+(?:[-/.,][\p{L}\p{N}]+)*/gu
/** Figures are not codes: "2,130", "64.00", "1.208.400,00". */
const FIGURE = /^\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?$|^\d+[.,]\d{1,2}$/
export function codesIn(text: string): string[] {
  return [...text.matchAll(CODE_TOKEN)]
    .map((m) => m[0].replace(/[.,]$/, ''))
    .filter((t) => !FIGURE.test(t) && (t.match(/\d/g) ?? []).length >= 3 && !/^(?:19|20)\d\d$/.test(t))
    .map((t) => t.toLowerCase().replace(/[/.,]/g, '-'))
}
/** The codes an invoice's lines carry in their words: a voyage, a ticket, a delivery note, a site. */
const lineCodes = (invoice: Invoice): Set<string> =>
  new Set(invoice.lines.flatMap((l) => codesIn(`${l.description ?? ''} ${l.sku ?? ''}`)))

function chargeFit(invoice: Invoice, amounts: readonly string[]): { score: number; why: string } | null {
  let best: { score: number; why: string } | null = null
  for (const a of amounts) {
    const p = parseMoney(a, invoice.currency)
    if (!p.ok) continue
    const charge = chargeEqualTo(invoice, p.value)
    if (charge?.kind === 'total') return { score: TOTAL, why: `total ${a}` }
    if (!best && charge?.kind === 'line' && charge.part !== 'tax') best = { score: CHARGE, why: `a line of ${a}` }
    // "the late-payment penalty of 281.458": a fee of exactly that amount.
    if (!best && charge?.kind === 'fee') best = { score: CHARGE, why: `a ${charge.type.replace(/_/g, ' ')} of ${a}` }
  }
  return best
}

/** A figure said that is the unit price one of its lines is billed at ("charged 1,350 a night"). */
function priceFit(invoice: Invoice, amounts: readonly string[]): string | undefined {
  return amounts.find((a) => {
    const p = parseMoney(a, invoice.currency)
    return (
      p.ok &&
      invoice.lines.some((l) => {
        const price = parseMoney(l.unitPrice, invoice.currency)
        return price.ok && price.value.minor > 0n && cmp(price.value, p.value) === 0
      })
    )
  })
}

type Period = { from: string; to: string }
const issuedIn = (invoice: Invoice, p: Period): boolean => invoice.issueDate >= p.from && invoice.issueDate <= p.to

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const MONTH_IN_LINE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?\b/gi
const iso = (y: number, m: number, d: number): string =>
  `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`
/** The month a line's own words name ("Hull cleaning dives, September", "Rent Oct 2026"), nearest its
 *  invoice's issue date: billed after the month or in advance of it. */
function monthsInLines(invoice: Invoice): Period[] {
  const issued = new Date(`${invoice.issueDate}T00:00:00Z`)
  const out: Period[] = []
  for (const line of invoice.lines) {
    for (const m of (line.description ?? '').matchAll(MONTH_IN_LINE)) {
      const month = MONTHS.indexOf(m[1]!.toLowerCase())
      const year = m[2]
        ? Number(m[2])
        : [-1, 0, 1]
            .map((k) => issued.getUTCFullYear() + k)
            .sort(
              (a, b) =>
                Math.abs(Date.UTC(a, month, 15) - issued.getTime()) -
                Math.abs(Date.UTC(b, month, 15) - issued.getTime()),
            )[0]!
      out.push({ from: iso(year, month, 1), to: iso(year, month, new Date(Date.UTC(year, month + 1, 0)).getUTCDate()) })
    }
  }
  return out
}
/** The invoice's service period, or the months its lines name when it records none. */
const servedPeriods = (invoice: Invoice): Period[] =>
  invoice.servicePeriodStart && invoice.servicePeriodEnd
    ? [{ from: invoice.servicePeriodStart, to: invoice.servicePeriodEnd }]
    : monthsInLines(invoice)
const serves = (invoice: Invoice, p: Period): boolean =>
  servedPeriods(invoice).some((s) => s.from <= p.to && s.to >= p.from)

/** Ranks one customer's invoices by what the message says of them and decides as groundInvoice does. */
export function groundDescription(invoices: readonly Invoice[], d: Description): Grounding {
  const own = new Map(invoices.map((i) => [i.number, new Set(billedWords(i))]))
  // A word tells invoices apart when some, not all, of them bill it.
  const said = [...new Set(d.words.map(wordForm))].filter((w) => w.length >= 4)
  const telling = said.filter((w) => {
    const n = invoices.filter((i) => hits(w, own.get(i.number)!)).length
    return n > 0 && n < invoices.length
  })
  // A period tells invoices apart the same way.
  // Served or issued: September may be the month every invoice touches one way or the other, yet
  // served by only some of them.
  const apart = (fits: (i: Invoice) => boolean): boolean => {
    const n = invoices.filter(fits).length
    return n > 0 && n < invoices.length
  }
  const periods = d.periods.filter((p) => apart((i) => serves(i, p)) || apart((i) => issuedIn(i, p)))
  // A code said that some of the invoices carry on their lines ("voyage 14/09", "ticket 30571").
  const codes = new Map(invoices.map((i) => [i.number, lineCodes(i)]))
  const tellingCodes = [...new Set(d.codes)].filter((c) => {
    const n = invoices.filter((i) => codes.get(i.number)!.has(c)).length
    return n > 0 && n < invoices.length
  })
  const pricesApart = [...new Set(d.billedPrices)].filter((a) => {
    const n = invoices.filter((i) => priceFit(i, [a])).length
    return n > 0 && n < invoices.length
  })
  const names = [...new Set((d.names ?? []).map(wordForm))].filter((w) => {
    const n = invoices.filter((i) => own.get(i.number)!.has(w)).length
    return n > 0 && n < invoices.length
  })
  const counts = [...new Set(d.counts)].filter((c) => {
    const n = invoices.filter((i) => bills(i, c)).length
    return n > 0 && n < invoices.length
  })
  const covered = (invoice: Invoice): string | undefined =>
    d.dates.find(
      (x) => invoice.servicePeriodStart && x >= invoice.servicePeriodStart && x <= (invoice.servicePeriodEnd ?? x),
    )
  const anyServes = invoices.some((i) => covered(i) !== undefined)
  const ranked: ScoredInvoice[] = invoices.map((invoice) => {
    const why: string[] = []
    const against: string[] = []
    let score = CUSTOMER
    const issued = d.dates.find((x) => x === invoice.issueDate)
    const served = covered(invoice)
    if (issued) {
      score += ISSUED_ON
      why.push(`issued on ${issued}`)
    } else if (served) {
      score += SERVED_ON
      why.push(`covers ${served}`)
    } else if (!d.periods.length && invoice.servicePeriodStart && anyServes) {
      // "nobody came on 12 May": a day another of the invoices served, outside this one's period, speaks
      // against this one, whatever else fits it. Not beside a month named ("October's maintenance, though
      // the contract ended on 30 September"), where the day may be another matter's.
      score -= SERVED_ON
      against.push('serves none of the dates named')
    }
    // A period names what was served when the invoice says ("last month's patrols" are May's,
    // billed in June); the issue date counts for less, unless the month names the invoice itself
    // ("the March invoice": billed or served in March, both readings stand) or it bills goods.
    // "the hire invoice for 10 May to 6 June": both ends of its service period said.
    const spanned =
      invoice.servicePeriodStart &&
      invoice.servicePeriodEnd &&
      invoice.servicePeriodStart !== invoice.servicePeriodEnd &&
      d.dates.includes(invoice.servicePeriodStart) &&
      d.dates.includes(invoice.servicePeriodEnd)
    if (spanned) {
      score += IN_PERIOD
      why.push('serves the dates named')
    } else if (periods.some((p) => serves(invoice, p))) {
      score += IN_PERIOD
      why.push('serves the period named')
    } else if (periods.some((p) => issuedIn(invoice, p))) {
      score +=
        !servedPeriods(invoice).length || periods.some((p) => p.ofInvoice && issuedIn(invoice, p))
          ? IN_PERIOD
          : ISSUED_IN
      why.push('issued in the period named')
    }
    const charge = chargeFit(invoice, d.amounts)
    if (charge) {
      score += charge.score
      why.push(charge.why)
    }
    // A price billed that some of the invoices bill a line at tells them apart.
    const price = pricesApart.length ? priceFit(invoice, pricesApart) : undefined
    if (price && !charge) {
      score += PRICE
      why.push(`bills a line at ${price}`)
    }
    const count = counts.find((c) => bills(invoice, c))
    if (count !== undefined) {
      score += COUNT
      why.push(`bills ${count} of a line`)
    }
    const code = tellingCodes.find((c) => codes.get(invoice.number)!.has(c))
    if (code) {
      score += CODE
      why.push(`carries ${code}`)
    }
    const name = names.find((w) => own.get(invoice.number)!.has(w))
    if (name) {
      score += NAME
      why.push(`names ${name}`)
    }
    const mine = telling.filter((w) => hits(w, own.get(invoice.number)!))
    if (mine.length) {
      score += (WORDS * mine.length) / telling.length
      why.push(`bills ${mine.join(', ')}`)
    }
    return scored(invoice, score, why, against)
  })
  return decide(ranked.filter((r) => r.why.length))
}
