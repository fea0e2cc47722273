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

/** The pack size a line is sold by (1000 for "per thousand"), or 1. */
function packOf(line: Pick<InvoiceLine, 'description' | 'sku'>): number {
  const words = `${line.description ?? ''} ${line.sku}`
  return PACKS.find((p) => p.re.test(words))?.factor ?? 1
}

/**
 * A price said per piece ("4.2 cents a card") for a line priced per thousand (46.00 per M): the
 * price of a pack, when that reading is the one near the line's own price (within a factor of 2)
 * and the piece price is not. Decimal strings in, a decimal string out; no rounding.
 */
export function priceInLineUnits(price: string, line: Pick<InvoiceLine, 'unitPrice' | 'description' | 'sku'>): string {
  const factor = packOf(line)
  if (factor === 1 || !/^\d+(?:\.\d+)?$/.test(price)) return price
  const billed = Number(line.unitPrice)
  const near = (p: number) => p >= billed / 2 && p <= billed * 2
  if (near(Number(price)) || !near(Number(price) * factor)) return price
  const zeros = String(factor).length - 1
  const [int = '0', frac = ''] = price.split('.')
  const shifted = `${int}${frac.padEnd(zeros, '0').slice(0, zeros)}`.replace(/^0+(?=\d)/, '')
  const rest = frac.slice(zeros)
  return rest ? `${shifted}.${rest}` : shifted
}

export function countInLineUnits(count: number, line: Pick<InvoiceLine, 'quantity' | 'description' | 'sku'>): number {
  const billed = line.quantity
  if (count <= billed) return count
  const factor = packOf(line)
  return factor > 1 && count % factor === 0 && count / factor <= billed ? count / factor : count
}
