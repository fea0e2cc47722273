/**
 * Model prose may not carry a figure no tool produced. Every money-looking figure in the model's
 * text ("$1,234.56", "900 dollars", "1.2k", "nine hundred pounds", "USD 2,000") is checked against
 * the figures of the tool results the model was given and the investigation's amounts; any other is
 * replaced, so an invented credit never reaches a specialist or a customer.
 */
import type { Resolution } from '../../core/resolution.ts'
import { findAmounts } from './nlu/amounts.ts'

// $1,234.56 · 1,234.56 USD · €10.770,00 · 150.00 · USD 2,000 : a currency mark or two decimals.
const MONEY_RE =
  /(?:[$€£¥]\s?\d[\d,.\s]*\d|\d[\d,.]*\d\s?(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|KWD|[$€£¥])|(?:USD|EUR|GBP|JPY|CAD|AUD|CHF|KWD)\s?\d[\d,.]*|\b\d{1,3}(?:,\d{3})*\.\d{2}\b|\b\d+\.\d{2}\b)/g

/** "1,234.56" / "1.234,56" / "$150" → "1234.56" / "150" (canonical, trailing zeros trimmed). */
export function canonicalAmount(text: string): string | null {
  const digits = text.replace(/[^\d.,]/g, '')
  if (!digits) return null
  let normal = digits
  const lastComma = digits.lastIndexOf(',')
  const lastDot = digits.lastIndexOf('.')
  if (lastComma > lastDot && digits.length - lastComma === 3) normal = digits.replace(/\./g, '').replace(',', '.')
  else normal = digits.replace(/,/g, '')
  const [int = '0', frac = ''] = normal.split('.')
  const trimmed = frac.replace(/0+$/, '')
  return `${String(Number(int))}${trimmed ? `.${trimmed}` : ''}`
}

export function allowedAmounts(resolutions: readonly Resolution[]): Set<string> {
  const out = new Set<string>()
  for (const r of resolutions) {
    for (const a of [r.disputedAmount, r.supportedAmount, r.owedAmount, r.invoiceTotal, r.openBalance]) {
      const c = canonicalAmount(a)
      if (c) out.add(c)
    }
    if (r.approval) out.add(canonicalAmount(r.approval.amount) ?? '')
    for (const f of r.findings) {
      const c = canonicalAmount(f.amountNotOwed)
      if (c) out.add(c)
      for (const m of `${f.billed} ${f.evidence}`.match(MONEY_RE) ?? []) out.add(canonicalAmount(m) ?? '')
    }
  }
  return out
}

/** Every figure in tool results (JSON values and figures written inside their strings). */
export function figuresIn(values: readonly unknown[], into = new Set<string>()): Set<string> {
  const stack: unknown[] = [...values]
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    if (typeof v === 'number' && Number.isFinite(v)) into.add(canonicalAmount(String(v)) ?? '')
    else if (typeof v === 'string') {
      if (/^-?\d+(?:\.\d+)?$/.test(v)) into.add(canonicalAmount(v) ?? '')
      else for (const span of moneySpans(v)) into.add(span.value)
    } else if (Array.isArray(v)) stack.push(...v)
    else if (v && typeof v === 'object') stack.push(...Object.values(v))
  }
  into.delete('')
  return into
}

interface Span {
  index: number
  length: number
  /** Canonical value. */
  value: string
}

/** Money-looking figures in prose, as non-overlapping spans: symbols and codes, two decimals, and
 *  what the amount reader takes for money ("900 dollars", "1.2k", "nine hundred pounds"). */
function moneySpans(text: string): Span[] {
  const spans: Span[] = []
  for (const m of text.matchAll(MONEY_RE)) {
    const value = canonicalAmount(m[0])
    if (value) spans.push({ index: m.index, length: m[0].length, value })
  }
  for (const a of findAmounts(text)) {
    const value = canonicalAmount(a.value)
    if (value) spans.push({ index: a.index, length: a.raw.length, value })
  }
  // The longer reading of overlapping ones wins ("$1.2k" over "$1.2").
  spans.sort((a, b) => a.index - b.index || b.length - a.length)
  const out: Span[] = []
  for (const s of spans) {
    const last = out.at(-1)
    if (last && s.index < last.index + last.length) {
      if (s.index + s.length > last.index + last.length && s.index === last.index) out[out.length - 1] = s
      continue
    }
    out.push(s)
  }
  return out
}

export interface GuardedText {
  text: string
  removed: string[]
}

export const WITHHELD = '[amount withheld: not from the investigation]'

export function guardFigures(text: string, allowed: Set<string>): GuardedText {
  const removed: string[] = []
  let out = ''
  let at = 0
  for (const s of moneySpans(text)) {
    if (allowed.has(s.value)) continue
    out += text.slice(at, s.index) + WITHHELD
    removed.push(text.slice(s.index, s.index + s.length).trim())
    at = s.index + s.length
  }
  return { text: out + text.slice(at), removed }
}
