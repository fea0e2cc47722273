/** Smaller mentions: ERP systems, internal teams and PO numbers, from the vocabularies in data/. */
import type { Team } from '../../../core/resolution.ts'
import vocab from './data/vocab.json' with { type: 'json' }

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
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
// holding at least one digit.
const PO_RE =
  /\b(?:p\.?o\.?|purchase order)\s*(?:number|no\.?|num|#)?\s*[:#]?\s*((?=[A-Z0-9/_-]*\d)[A-Z0-9]+(?:[-_/][A-Z0-9]+)*)|\b(PO[-_][A-Z0-9-]*\d[A-Z0-9]*)\b/i

/** "PO-G-778", "PO 4500012345", "PO# 778", "purchase order 778". */
export function findPoNumber(text: string): string | undefined {
  const m = PO_RE.exec(text)
  const value = m?.[2] ?? m?.[1]
  return value ? value.toUpperCase() : undefined
}

const FEES: { fee: 'late_fee' | 'freight' | 'service_fee'; re: RegExp }[] = [
  { fee: 'late_fee', re: /\b(?:late[- ]?(?:payment )?(?:fee|charge|penalty)|finance charge|interest charge)/i },
  { fee: 'freight', re: /\b(?:freight|shipping|delivery) (?:fee|charge|cost)s?\b|\bfreight\b/i },
  { fee: 'service_fee', re: /\b(?:service|admin(?:istration)?|handling|processing) (?:fee|charge)s?\b/i },
]

/** The fee a claim is about, when it names one ("the late fee" → late_fee). */
export function findFeeType(text: string): 'late_fee' | 'freight' | 'service_fee' | undefined {
  return FEES.find((f) => f.re.test(text))?.fee
}

/** A payment reference the customer quotes: "wire ref 88231", "check #1042", "ACH trace 5512". */
export function findPaymentReference(text: string): string | undefined {
  const m =
    /\b(?:wire|ach|check|cheque|payment|transfer|remittance|trace)\s*(?:ref(?:erence)?|no\.?|number|#|id|trace)?\s*[:#]?\s*([A-Z0-9][A-Z0-9-]{3,})\b/i.exec(
      text,
    )
  return m?.[1] && /\d/.test(m[1]) ? m[1] : undefined
}
