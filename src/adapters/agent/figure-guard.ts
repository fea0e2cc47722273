/**
 * Model prose may not carry a figure the core did not decide. Every money-looking number in the
 * model's text is checked against the amounts of the investigation; any other is replaced, so an
 * invented credit never reaches a specialist or a customer.
 */
import type { Resolution } from '../../core/resolution.ts'

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

export interface GuardedText {
  text: string
  removed: string[]
}

export function guardFigures(text: string, allowed: Set<string>): GuardedText {
  const removed: string[] = []
  const out = text.replace(MONEY_RE, (match) => {
    const c = canonicalAmount(match)
    if (c && allowed.has(c)) return match
    removed.push(match.trim())
    return '[amount withheld: not from the investigation]'
  })
  return { text: out, removed }
}
