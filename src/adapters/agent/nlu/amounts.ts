/**
 * Amounts as typed: "$150", "150.00", "1,700", "USD 2,000.50", "10.770,00 €", "€1.234,56",
 * "¥5000". Returned as decimal strings with a dot ("1700.00") and the currency when stated. This
 * reads what was said; it never computes. Bare integers count as amounts only where the words
 * around them say money ("disputing the full 1,700"), so quantities stay quantities.
 */
import { isCurrencyCode, minorDigits } from '../../../core/money.ts'
import vocab from './data/vocab.json' with { type: 'json' }

export interface AmountMention {
  raw: string
  /** "1700.00"; as many decimals as the currency has when it is known, else 2 when none were typed. */
  value: string
  currency?: string
  index: number
  /** `unit_price`: the price the customer says is right ("should be 12.50", "contract says 12.50 a unit");
   *  `billed_unit_price`: what was billed per unit ("invoiced 14.00 per widget"); else `amount`. */
  role: 'amount' | 'unit_price' | 'billed_unit_price'
}

const SYMBOLS = vocab.currencySymbols as Record<string, string>
const WORDS = vocab.currencyWords as Record<string, string>
const SYMBOL_RE = Object.keys(SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map((s) => s.replace(/[$]/g, '\\$'))
  .join('|')
const NUM = String.raw`\d{1,3}(?:[.,\s]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?`
const CODE = String.raw`[A-Z]{3}`
const WORD_RE = Object.keys(WORDS).join('|')

const MONEY_RE = new RegExp(
  String.raw`(?:(${SYMBOL_RE})\s?(${NUM})|\b(${CODE})\s?(${NUM})\b|\b(${NUM})\s?(${SYMBOL_RE}|${CODE}\b|(?:${WORD_RE})\b))|\b(${NUM})\b`,
  'g',
)

const MONEY_CONTEXT_BEFORE =
  /\b(?:disput\w*|full|total|amount|balance|refund|credit|charge[ds]?|owe[sd]?|pa(?:y|id)|worth|back|fee|price|billed|cost|costs|want|wants|\$)\s+(?:the\s+|a\s+|an\s+|of\s+)?(?:full\s+|total\s+|whole\s+)?$/i
const UNIT_AFTER =
  /^\s*(?:a|per|\/|each|an?)\s*(?:unit|piece|pc|item|each|case|box|hour|hr|kg|lb|month|seat|license)?\b|^\s*each\b/i
const EXPECTED_BEFORE =
  /\b(?:should (?:be|have been)|was supposed to be|agreed(?: price)?(?: of| at| was| is)?|contract(?:ed)? (?:price|rate)?(?: says| is| of)?|quoted(?: at)?|price (?:is|was|of|should be)|rate (?:is|was|of|should be))\s*$/i
const BILLED_BEFORE =
  /\b(?:billed|invoiced|charged|charging|billing|invoice says|invoice shows|we (?:billed|charged))\b[^.,;]{0,20}$/i
const NOT_AMOUNT_AFTER =
  /^\s*(?:units?|pcs|pieces|items|cases|boxes|pallets|cartons|hours|days|of\b|x\b|×|%|percent|st|nd|rd|th)/i

/** Normalises "10.770,00", "1,700", "2,000.50", "1.234,56" to "10770.00"-style decimals. */
export function normalizeNumber(raw: string, currency?: string): string | null {
  const s = raw.replace(/\s/g, '')
  const lastDot = s.lastIndexOf('.')
  const lastComma = s.lastIndexOf(',')
  let intPart = s
  let frac = ''
  const sep = Math.max(lastDot, lastComma)
  if (sep >= 0) {
    const tail = s.slice(sep + 1)
    const both = lastDot >= 0 && lastComma >= 0
    const groupedOnly = /^\d{1,3}([.,]\d{3})+$/.test(s) && new Set(s.replace(/\d/g, '')).size === 1
    const zeroDecimals = currency !== undefined && minorDigits(currency) === 0
    const decimal = both || (!groupedOnly && tail.length <= 3 && !(tail.length === 3 && zeroDecimals))
    if (decimal && !(tail.length === 3 && !both && s.split(/[.,]/).length === 2 && !currency && s[sep] === ',')) {
      intPart = s.slice(0, sep)
      frac = tail
    }
  }
  intPart = intPart.replace(/[.,]/g, '')
  if (!/^\d+$/.test(intPart) || (frac && !/^\d+$/.test(frac))) return null
  const digits = currency ? minorDigits(currency) : 2
  if (frac.length < digits) frac = frac.padEnd(digits, '0')
  return frac ? `${BigInt(intPart)}.${frac}` : `${BigInt(intPart)}`
}

export function findAmounts(text: string, skip: readonly { index: number; length: number }[] = []): AmountMention[] {
  const out: AmountMention[] = []
  for (const m of text.matchAll(MONEY_RE)) {
    const index = m.index!
    if (skip.some((s) => index < s.index + s.length && s.index < index + m[0].length)) continue
    const [, sym, n1, code1, n2, n3, after, bare] = m
    let num: string | undefined
    let currency: string | undefined
    if (sym && n1) [num, currency] = [n1, SYMBOLS[sym]]
    else if (code1 && n2 && isCurrencyCode(code1)) [num, currency] = [n2, code1]
    else if (n3 && after) {
      num = n3
      currency = SYMBOLS[after] ?? WORDS[after.toLowerCase()] ?? (isCurrencyCode(after) ? after : undefined)
      if (!currency) continue
    } else if (bare) {
      const before = text.slice(0, index)
      const rest = text.slice(index + bare.length)
      if (/[-/]$/.test(before) || /^[-/]\d/.test(rest) || NOT_AMOUNT_AFTER.test(rest)) continue
      const decimals = /[.,]\d{2}$/.test(bare)
      const unitish = EXPECTED_BEFORE.test(before) || /\bat\s*$/i.test(before) || UNIT_AFTER.test(rest)
      if (!decimals && !unitish && !MONEY_CONTEXT_BEFORE.test(before)) continue
      num = bare
    } else continue
    const value = normalizeNumber(num, currency)
    if (!value) continue
    const before = text.slice(0, index)
    const rest = text.slice(index + m[0].length)
    const perUnit = UNIT_AFTER.test(rest) || /\bat\s*$/i.test(before)
    const role = EXPECTED_BEFORE.test(before)
      ? 'unit_price'
      : perUnit
        ? BILLED_BEFORE.test(before)
          ? 'billed_unit_price'
          : 'unit_price'
        : 'amount'
    out.push({ raw: m[0].trim(), value, ...(currency ? { currency } : {}), index, role })
  }
  return out
}
