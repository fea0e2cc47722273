/**
 * Lines sold by the hundred or thousand ("Stoppers, per thousand", "Screws /1000", "per M"): a
 * customer counts pieces ("74 thousand arrived") where the line counts its own units (74). A count
 * is converted only when it cannot be read in the line's units (more than the line bills) and
 * divides evenly; otherwise it is kept as said, and the checks that follow catch what does not fit.
 */
import type { InvoiceLine } from './ledger.ts'

const PACKS: { re: RegExp; factor: number }[] = [
  {
    re: /\bper\s+(?:thousand|1[,.' ]?000|mille|m)\b|\/\s?(?:1[,.' ]?000|m)\b|\bmilheiro\b|\bmillar\b|\bmille\b/i,
    factor: 1000,
  },
  { re: /\bper\s+(?:hundred|100|c)\b|\/\s?100\b|\bcento\b|\bciento\b/i, factor: 100 },
]

export function countInLineUnits(count: number, line: Pick<InvoiceLine, 'quantity' | 'description' | 'sku'>): number {
  const billed = line.quantity
  if (count <= billed) return count
  const words = `${line.description ?? ''} ${line.sku}`
  for (const { re, factor } of PACKS) {
    if (re.test(words) && count % factor === 0 && count / factor <= billed) return count / factor
  }
  return count
}
