/**
 * Dates in what people type, resolved against a given today: "by Friday", "by 2026-03-20",
 * "March 20", "20 March", "3/20", "end of month", "tomorrow", "within 5 business days". A deadline
 * needs deadline words ("by", "before", "due", "deadline", "no later than", "within"); a payment
 * date needs payment words ("paid on", "sent the wire on").
 */
import { addBusinessDays, addDays, weekday } from '../../../core/dates.ts'

/** An English month, by name or abbreviation ("Oct", "October", "Sept"), as a pattern to build others with. */
export const MONTH_WORD = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b`

/** The languages ledgers and claims are written in, for month names ICU knows. */
const MONTH_LOCALES = [
  'en',
  'es',
  'fr',
  'pt',
  'it',
  'de',
  'nl',
  'sv',
  'da',
  'nb',
  'fi',
  'pl',
  'cs',
  'ro',
  'hu',
  'tr',
  'id',
  'sw',
]
const monthNamesBy = new Map<'long' | 'short', string[]>()
/** Month names in those languages, from ICU ("octubre", "Oktober", "outubro"; short: "okt", "déc", "set"),
 *  lower case and without a trailing dot. Built on first use, not at import. */
export function monthNames(style: 'long' | 'short'): string[] {
  const known = monthNamesBy.get(style)
  if (known) return known
  const names = new Set(
    MONTH_LOCALES.flatMap((locale) => {
      const format = new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' })
      return Array.from({ length: 12 }, (_, m) =>
        format
          .format(new Date(Date.UTC(2026, m, 15)))
          .toLowerCase()
          .replace(/\.$/, ''),
      )
    }),
  )
  const list = [...names].filter((n) => /^\p{L}+$/u.test(n))
  monthNamesBy.set(style, list)
  return list
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
/** A weekday's English name, whole or cut short ("Thursday", "thurs", "Thu"), as 0 = Sunday … 6 = Saturday
 *  (core/dates.ts `weekday`); -1 for another word. */
export const weekdayNumber = (name: string): number => DAYS.indexOf(name.slice(0, 3).toLowerCase())
// A point only after a short form ("Jul. 3", "Sept. 3"): after the whole word ("in July. 3 loads came")
// it ends the sentence, and the figure after it is no day of that month.
const MONTH_RE = String.raw`(jan(?:uary\b|\.)?|feb(?:ruary\b|\.)?|mar(?:ch\b|\.)?|apr(?:il\b|\.)?|may|jun(?:e\b|\.)?|jul(?:y\b|\.)?|aug(?:ust\b|\.)?|sep(?:t(?:ember\b|\.)?|\.)?|oct(?:ober\b|\.)?|nov(?:ember\b|\.)?|dec(?:ember\b|\.)?)`
// Whole words only: "money", "monthly", "satisfied", "friendly", "sundry" and "thus" hold no weekday.
const DAY_RE =
  '(sun(?:day)?|mon(?:day)?|tue(?:s|sday)?|wed(?:s|nesday)?|thu(?:rs?|rsday)?|fri(?:day)?|sat(?:urday)?)(?![\\w-])'
/** "the 3rd", "Tuesday the 12th": a day of the month, unless a noun follows ("the 2nd visit"). */
const ORDINAL_DAY = String.raw`\b(?:${DAY_RE}\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?[a-z])|\bthe\s+(\d{1,2})(?:st|nd|rd|th)(?=\s+(?:and|or|to|through|till|until|when|because|but|as|at|in|was|were|is|too|either|nor|of (?:this|last|the) month)\b)`

const pad = (n: number): string => String(n).padStart(2, '0')

function valid(y: number, m: number, d: number): string | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`
  const t = Date.parse(`${iso}T00:00:00Z`)
  return Number.isNaN(t) || new Date(t).getUTCDate() !== d ? null : iso
}

/** A month/day without a year: the next one on or after today (a deadline is not in the past). */
function nextMonthDay(today: string, m: number, d: number, direction: 'future' | 'past'): string | null {
  const y = Number(today.slice(0, 4))
  const same = valid(y, m, d)
  if (!same) return null
  if (direction === 'future') return same >= today ? same : valid(y + 1, m, d)
  return same <= today ? same : valid(y - 1, m, d)
}

/** The day of the month nearest `today` in the given direction ("the 25th" in May, looking back: April 25). */
function nearestDayOfMonth(today: string, d: number, direction: 'future' | 'past'): string | null {
  let y = Number(today.slice(0, 4))
  let m = Number(today.slice(5, 7))
  for (let i = 0; i < 12; i++) {
    const date = valid(y, m, d)
    if (date && (direction === 'past' ? date <= today : date >= today)) return date
    m += direction === 'past' ? -1 : 1
    if (m === 0) [y, m] = [y - 1, 12]
    if (m === 13) [y, m] = [y + 1, 1]
  }
  return null
}

export function lastDayOfMonth(today: string): string {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`, -1)
}

/** A month and day written with the signs of Chinese, Japanese and Korean dates, the year optional. */
const CJK_DATE = /(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号號]/g
/** A month alone so written ("10月の", "9월", "2026年9月"), or as Mongolian numbers it ("9-р сарын"). */
export const CJK_MONTH = /(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*(?:[月월]|-?р\s+сар)(?!\s*\d{1,2}\s*[日일号號])/g

export interface FoundDate {
  raw: string
  date: string
  index: number
  /** Said relative to today ("Friday", "tomorrow", "within 5 days"): a date only from today's point of view. */
  relative?: boolean
}

/** Every date expression in the text, resolved; `direction` says which way a bare "March 20" goes. */
export function findDates(text: string, today: string, direction: 'future' | 'past' = 'future'): FoundDate[] {
  const out: FoundDate[] = []
  const push = (m: RegExpMatchArray, date: string | null, relative = false) => {
    if (date && !out.some((o) => o.index === m.index))
      out.push({ raw: m[0], date, index: m.index!, ...(relative ? { relative } : {}) })
  }
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) push(m, valid(+m[1]!, +m[2]!, +m[3]!))
  for (const m of text.matchAll(
    // A year is never a sum: "Oct 9, 2250.00" is a day, then money; nor is a day a figure grouped in
    // thousands ("in October 3.380 meals").
    new RegExp(
      String.raw`\b${MONTH_RE}\s+(\d{1,2})(?![.,]\d{3}(?!\d))(?:st|nd|rd|th)?(?:,?\s+(\d{4})(?![.,]\d))?\b`,
      'gi',
    ),
  )) {
    const mo = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1
    push(m, m[3] ? valid(+m[3], mo, +m[2]!) : nextMonthDay(today, mo, +m[2]!, direction))
  }
  for (const m of text.matchAll(
    // "5 de August de 2026": the gloss of a Spanish or Portuguese date keeps its "de".
    new RegExp(
      String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?${MONTH_RE}(?:,?\s+(?:de\s+)?(\d{4})(?![.,]\d))?\b`,
      'gi',
    ),
  )) {
    const mo = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1
    push(m, m[3] ? valid(+m[3], mo, +m[1]!) : nextMonthDay(today, mo, +m[1]!, direction))
  }
  // Dotted dates are day first wherever they are written ("02.03.2026", "12.05.26"); year first "2026.03.02".
  for (const m of text.matchAll(/\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/g)) {
    const y = m[3]!.length === 2 ? 2000 + +m[3]! : +m[3]!
    push(m, valid(y, +m[2]!, +m[1]!))
  }
  // "maksettiin 4.5.", "am 3.10. überwiesen": a day and month, each with its dot, and no year.
  for (const m of text.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(?![\d.])/g))
    push(m, nextMonthDay(today, +m[2]!, +m[1]!, direction))
  for (const m of text.matchAll(/\b(\d{4})[./](\d{1,2})[./](\d{1,2})\b/g)) push(m, valid(+m[1]!, +m[2]!, +m[3]!))
  // "2026年10月15日", "10月15日", "10월 15일", "10月15号": the month and day of Chinese, Japanese and
  // Korean, year first when there is one.
  for (const m of text.matchAll(CJK_DATE)) {
    const [, y, mo, d] = m
    push(m, y ? valid(+y, +mo!, +d!) : nextMonthDay(today, +mo!, +d!, direction))
  }
  for (const m of text.matchAll(new RegExp(ORDINAL_DAY, 'gi'))) {
    const day = m[2] ?? m[3]
    if (day) push(m, nearestDayOfMonth(today, +day, direction))
  }
  // US style 3/20 or 3/20/2026 (the product's users are US AR teams by default).
  // A fraction is not a date: "3/4 in. gravel", "the 1/2\" pipe", "1 1/2 hours".
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\b(?!\s*(?:["”″]|''|-?inch|in\.))/g)) {
    if (!m[3] && /\d[ -]$/.test(text.slice(0, m.index))) continue
    push(m, m[3] ? valid(+m[3], +m[1]!, +m[2]!) : nextMonthDay(today, +m[1]!, +m[2]!, direction))
  }
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:(next|this|last)\s+)?${DAY_RE}`, 'gi'))) {
    // "sun", "sat", "mon", "wed" alone are words (or "we'd") more often than days.
    if (/^(?:mon|sun|sat|wed|thu)$/i.test(m[0])) continue
    if (out.some((o) => m.index >= o.index && m.index < o.index + o.raw.length)) continue
    // "Tuesday 27 October", "Fri, the 3rd": the weekday names the date that follows it.
    const after = m.index + m[0].length
    if (out.some((o) => o.index >= after && /^[\s,]*(?:the\s+)?$/.test(text.slice(after, o.index)))) continue
    const target = weekdayNumber(m[2]!)
    const now = weekday(today)
    let delta: number
    if (direction === 'past' || m[1]?.toLowerCase() === 'last') delta = -((now - target + 7) % 7 || 7)
    else delta = ((target - now + 7) % 7 || 7) + (m[1]?.toLowerCase() === 'next' && target > now ? 7 : 0)
    push(m, addDays(today, delta), true)
  }
  for (const m of text.matchAll(/\b(?:end of (?:the )?month|month[- ]end|eom)\b/gi))
    push(m, lastDayOfMonth(today), true)
  for (const m of text.matchAll(/\b(?:end of (?:the )?week|eow)\b/gi))
    push(m, addDays(today, (5 - weekday(today) + 7) % 7), true)
  for (const m of text.matchAll(/\btomorrow\b/gi)) push(m, addDays(today, 1), true)
  for (const m of text.matchAll(/\byesterday\b/gi)) push(m, addDays(today, -1), true)
  for (const m of text.matchAll(/\btoday\b|\beod\b|\bend of (?:the )?day\b/gi)) push(m, today, true)
  for (const m of text.matchAll(/\b(?:in|within)\s+(\d{1,3})\s+(business|working)?\s*days?\b/gi)) {
    push(m, m[2] ? addBusinessDays(today, +m[1]!) : addDays(today, +m[1]!), true)
  }
  return out.sort((a, b) => a.index - b.index)
}

const DEADLINE_BEFORE =
  /\b(?:by|before|due|deadline(?: is)?|no later than|until|till|needs? (?:it|this) (?:by|for)|resolved by|close(?:d)? by|within|in)\s*(?:the\s+|this\s+|next\s+)?$/i

/** The deadline the specialist gave, if any: a date preceded by deadline words. */
export function findDeadline(text: string, today: string): string | undefined {
  for (const d of findDates(text, today, 'future')) {
    const before = text.slice(Math.max(0, d.index - 40), d.index)
    if (DEADLINE_BEFORE.test(before) || /^(?:within|in)\b/i.test(d.raw) || /^end of|^eo[mw]/i.test(d.raw)) {
      if (d.date >= today) return d.date
    }
  }
  return undefined
}

const PAID_BEFORE =
  /\b(?:paid|payment|wire[ds]?|sent|transferred|ach|check|cheque|remitted|settled|cleared)\b[^.!?]{0,40}?\b(?:on|dated|last)?\s*(?:the\s+)?$/i

/** "sent" and "cleared" say payment only when no invoice is what was sent ("the invoice we sent on 8 June"). */
const PAID_STRONG =
  /\b(?:paid|payment|wire[ds]?|ach|bacs|check|cheque|remitted|remittance|settled|transferred|transfer)\b[^.!?]{0,40}?$/i
const INVOICE_WORD = /\b(?:invoices?|inv|bills?|statements?|invoiced|billed)\b[^.!?]{0,40}?$/i

/** The date the customer says they paid ("paid on March 3", "sent the wire last Friday"). */
/** A payment still to come: a future or conditional verb before the payment words. */
const PROMISED = /\b(?:will|'ll|shall|going to|gonna|would|can|could|once|when|if|until)\b[^.;!?]{0,50}$/i

export function findPaymentDate(text: string, today: string): string | undefined {
  for (const d of findDates(text, today, 'past')) {
    const before = text.slice(Math.max(0, d.index - 60), d.index)
    if (!PAID_BEFORE.test(before) || d.date > today) continue
    // "we'll release the payment today", "they will pay on Friday": a payment promised, not made.
    if (PROMISED.test(before)) continue
    if (!PAID_STRONG.test(before) && INVOICE_WORD.test(before)) continue
    return d.date
  }
  return undefined
}

/**
 * Both readings of each numeric date ("12/03": 12 March and 3 December), in the past of today when
 * no year is written: day or month first is the writer's habit, not something the text says, so
 * the caller keeps the reading the ledger confirms.
 */
export function numericDateReadings(text: string, today: string): string[] {
  const out = new Set<string>()
  for (const m of text.matchAll(/\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?\b/g)) {
    const [a, b] = [Number(m[1]), Number(m[2])]
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : undefined
    for (const [month, day] of [
      [a, b],
      [b, a],
    ] as const) {
      if (month < 1 || month > 12) continue
      const date = year ? valid(year, month, day) : nextMonthDay(today, month, day, 'past')
      if (date) out.add(date)
    }
  }
  return [...out]
}
