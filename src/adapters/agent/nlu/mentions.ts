/** Smaller mentions: ERP systems, internal teams and PO numbers, from the vocabularies in data/. */
import type { GoodwillPercent } from '../../../services/goodwill-amount.ts'
import type { Team } from '../../../core/resolution.ts'
import vocab from './data/vocab.json' with { type: 'json' }
import { glossToEnglish } from './gloss.ts'
import { escapeRegExp } from '../../../core/escape-regexp.ts'

const anyOf = (list: readonly string[]): RegExp =>
  new RegExp(
    `(?<![\\w])(?:${list
      .map(escapeRegExp)
      .sort((a, b) => b.length - a.length)
      .join('|')})(?![\\w])`,
    'i',
  )

const ERPS = Object.entries(vocab.erps).map(([name, aliases]) => ({ name, re: anyOf(aliases) }))
const TEAMS = Object.entries(vocab.teams).map(([team, aliases]) => ({ team: team as Team, re: anyOf(aliases) }))

/** The ERP named in the text ("we're on NetSuite" → "NetSuite"); the earliest mention wins. */
export function findErp(text: string): string | undefined {
  let best: { name: string; at: number } | undefined
  for (const e of ERPS) {
    const m = e.re.exec(text)
    if (m && (!best || m.index < best.at)) best = { name: e.name, at: m.index }
  }
  return best?.name
}

export function findTeams(text: string): Team[] {
  return TEAMS.filter((t) => t.re.test(text)).map((t) => t.team)
}

// The number is one token of letters and digits joined by - _ or / ("HB-PO-2630", "KBC/SG/0415"),
// holding at least one digit, and not the whole part of a figure: "po 4.500" is a price in the
// languages where "po" means "at" (Serbian, Croatian, Polish, Slovak). "PO" inside a word or another
// reference ("LOC-POG-1189") is not the word for an order.
const PO_RE =
  /\b(?:p\.?o\.?(?![a-z])|purchase order)\s*(?:number|no\.?|num|#)?\s*[:#]?\s*((?=[A-Z0-9/_-]*\d)[A-Z0-9]+(?:[-_/][A-Z0-9]+)*)(?![.,]?\d)|(?<![\w-])((?:[A-Z0-9]+[-_])?PO[-_][A-Z0-9-]*\d[A-Z0-9]*)\b/i

/** "PO-G-778", "PO 4500012345", "PO# 778", "purchase order 778". */
export function findPoNumber(text: string): string | undefined {
  const m = PO_RE.exec(text)
  const value = m?.[2] ?? m?.[1]
  return value ? value.toUpperCase() : undefined
}

// Global: each match is read in its clause (matchAll), never with a stateful .test.
const FEES: { fee: 'late_fee' | 'freight' | 'service_fee'; re: RegExp }[] = [
  { fee: 'late_fee', re: /\b(?:late[- ]?(?:payment )?(?:fee|charge|penalty)|finance charge|interest charge)/gi },
  {
    fee: 'freight',
    re: /\b(?:freight|shipping|delivery) (?:fee|charge|cost)s?\b|\bfreight\b|\bfrais (?:de )?(?:transport|port|livraison)\b|\b(?:fracht|versand|liefer|transport)(?:kosten|gebühr)\b|\bgastos de (?:envío|transporte)\b|\bportes\b|\btransportkosten\b|\bkoszty? (?:transportu|dostawy)\b|\bspese di (?:trasporto|spedizione)\b/gi,
  },
  { fee: 'service_fee', re: /\b(?:service|admin(?:istration)?|handling|processing) (?:fee|charge)s?\b/gi },
]

// Words that take a matter out of the claim: a negation, then a verb of disputing.
const NEGATED = String.raw`\b(?:not|no longer|never|isn't|aren't|don't|doesn't|won't)\s+(?:\w+\s+){0,2}?`
const DISPUTING = String.raw`(?:disput\w*|contest\w*|question\w*|querying|challeng\w*)`

/** Words before a fee in its clause that take it out of the claim ("no longer disputing the freight"). */
const DROPPED_BEFORE = new RegExp(String.raw`${NEGATED}(?:${DISPUTING}|about)\s+(?:\w+\s+){0,3}$`, 'i')
const SETTLED_AFTER =
  /^[^.;!?]{0,40}?\b(?:is|was|are|were|'s)\s+(?:fine|ok|okay|sorted|settled|resolved|correct|right)\b/i

/** Sentences that set a matter aside ("they're no longer disputing the freight, that's sorted"): what
 *  remains is the claim, and the reason is read from it alone. */
export function withoutSetAside(text: string): string {
  const sentences = text.match(/[^.!?\n]+[.!?\n]*/g) ?? [text]
  const kept = sentences.filter((s) => !(DROPPED_FOR_GOOD.test(s) || SETTLED_ALONE.test(s)))
  return kept.length && kept.length < sentences.length ? kept.join(' ').trim() : text
}
/** A sentence that drops a matter for good: "not disputing … any more", "no longer questioning …". */
const DROPPED_FOR_GOOD = new RegExp(
  String.raw`${NEGATED}${DISPUTING}\b[^.!?]*\b(?:any ?more|any longer|now)\b|\bno longer\s+(?:\w+\s+){0,2}?${DISPUTING}\b`,
  'i',
)
const SETTLED_ALONE = /\b(?:that'?s|that is|it'?s|it is)\s+(?:all\s+)?(?:sorted|settled|resolved)\b/i

/** The fee a claim is about, when it names one ("the late fee" → late_fee), and not one set aside. */
export function findFeeType(text: string): 'late_fee' | 'freight' | 'service_fee' | undefined {
  for (const f of FEES) {
    for (const m of text.matchAll(f.re)) {
      const clause =
        text
          .slice(0, m.index)
          .split(/[.;!?\n]/)
          .at(-1) ?? ''
      const after = text.slice(m.index + m[0].length)
      if (DROPPED_BEFORE.test(clause) || SETTLED_AFTER.test(after)) continue
      return f.fee
    }
  }
  return undefined
}

/** Words that introduce a payment's own reference: the rail or the document that moved the money. */
const PAYMENT_REF =
  /\b(?:wire|ach|eft|bacs|chaps|e-?transfer|check|cheque|payment|transfer|remittance|trace|swift|rtgs|neft|utr|virement|transferencia|transfer\u00eancia|overboeking|\u00fcberweisung)\s*(?:ref(?:erence)?\.?|no\.?|number|#|id|trace)?\s*[:#]?\s*([A-Z0-9][A-Z0-9/-]{3,})\b/i
/** "réf. KBL/TRF/3317", "ref no. 88231": a reference by its word alone, a payment's only where the
 *  message speaks of paying (else it may be the invoice's own). */
const REF_WORD =
  /\b(?:r[e\u00e9]f(?:[e\u00e9]rence|erencia)?|reference)\.?\s*(?:no\.?|n[\u00ba\u00b0o]\.?|#)?\s*[:#]?\s*([A-Z0-9][A-Z0-9/-]{3,})\b/i
const SPEAKS_OF_PAYING = /\b(?:paid|settled|wired|remitted|transferred|payment|eft|bacs|chaps|e-?transfer)\b/i

/** A payment reference the customer quotes: "wire ref 88231", "check #1042", "ACH trace 5512",
 *  "paid by SWIFT …, réf. KBL/TRF/3317". */
export function findPaymentReference(text: string, glossed = glossToEnglish(text)): string | undefined {
  const paying = SPEAKS_OF_PAYING.test(glossed)
  const m = PAYMENT_REF.exec(text) ?? (paying ? REF_WORD.exec(text) : null)
  if (m?.[1] && /\d/.test(m[1])) return m[1]
  // "ref TT KWD 550917": a reference typed in capitals and digits set apart by spaces, as a bank
  // statement prints it; none of it is money ("KWD 550917" is no sum in dinars).
  const spaced = SPACED_REF.exec(text)
  return spaced && paying ? spaced[1] : undefined
}
const SPACED_REF =
  /\b(?:[Rr][EeÉé][Ff](?:[EeÉé]rence|erencia)?|[Rr]eference)\.?\s*[:#]?\s*((?:[A-Z][A-Z0-9/-]*\s+){1,3}[A-Z0-9/-]*\d[A-Z0-9/-]*)\b/

const PERCENT =
  /(\d{1,3}(?:[.,]\d{1,4})?)\s*(?:%|percent\b|per\s?cent\b|pct\b|procent\b|prozent\b|por\s?ciento\b|pour\s?cent\b|por\s?cento\b)/i
const OF_DISPUTED = /\bof\s+(?:the\s+|what\s+is\s+)?(?:disputed|dispute|amount\s+in\s+dispute|claim|claimed)\b/i
const OF_LINE = /\bof\s+(?:the\s+)?line\s+(\d{1,3})\b/i

/**
 * A goodwill credit asked for as a share ("give them 10 % goodwill", "7.5 percent of the disputed
 * amount"): the share and its base, the invoice total unless the message names the disputed amount or a line.
 */
export function findGoodwillShare(text: string): GoodwillPercent | undefined {
  const m = PERCENT.exec(text)
  if (!m) return undefined
  const percent = m[1]!.replace(',', '.')
  const line = OF_LINE.exec(text)
  if (line) return { percent, of: 'line', line: Number(line[1]) }
  return { percent, of: OF_DISPUTED.test(text) ? 'disputed' : 'invoice' }
}
