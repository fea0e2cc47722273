/**
 * Lines sold by the hundred, the thousand or the pack ("Stoppers, per thousand", "Screws /1000",
 * "per M", "carton of 100 pairs", "æske à 50"): a customer counts pieces ("74 thousand arrived",
 * "150 capsules") where the line counts its own units (74 thousands, 3 boxes). A count
 * is converted only when it cannot be read in the line's units (more than the line bills) and
 * divides evenly; otherwise it is kept as said, and the checks that follow catch what does not fit.
 */
import type { InvoiceLine } from './ledger.ts'
import { decimal, decimalAdd, decimalCmp, decimalToString } from './money.ts'

const PACKS: { re: RegExp; factor: number }[] = [
  {
    // Not a measure ("500 g/m²", "kg/m3"): "/m" after a unit letter, or before a power, is per metre.
    // "pr. 1.000 stk.", "je 1000", "par 1 000": "per" in the ledger's own language, before the figure.
    re: /\bper\s+(?:thousand|1[,.' ]?000|mille|m)\b|(?<![\p{L}])(?:pr\.?|pro|je|par|por|à)\s*1[,.' ]?000\b|(?<![a-z²³])\/\s?(?:1[,.' ]?000|m)\b(?![²³23])|\bmilheiro\b|\bmillar\b|\bmille\b/iu,
    factor: 1000,
  },
  { re: /\bper\s+(?:hundred|100|c)\b|\/\s?100\b|\bcento\b|\bciento\b/i, factor: 100 },
]

/** Words for a pack of pieces in the languages ledgers are written in (not measures: a drum or a
 *  roll holds litres or metres, which nobody counts as pieces). */
const CONTAINER = String.raw`(?:box(?:es)?|cases?|cartons?|packs?|packets?|packages?|pkg|bags?|bundles?|trays?|crates?|karton|kartong|kasse|æske|eske|ask|pakke|pakning|förpackning|forpakning|confezione|conf\.|scatola|cartone|pacco|caja|paquete|caixa|pacote|embalagem|doos|pak|verpakking|packung|paket|kiste|schachtel|paczka|opakowanie|boîte|colis)`
const OF = '(?:à|á|a|of|de|di|da|zu|mit|with|x|×|med|con|com|van|je|z|par)'
const NOT_MEASURE = String.raw`(?!\s*(?:m|l|kg|g|ml|cl|cm|mm|m2|m3|ft|lbs?|oz|gal|ltr|lt|litres?|liters?|meters?|metres?|%)\b)`
/** "karton à 100 par", "box of 50", "confezione da 10"; "100 pairs per carton", "24/case". */
const PACK_OF = [
  new RegExp(String.raw`(?<![\p{L}\d])${CONTAINER}\s+${OF}\s*(\d{1,5})(?![\p{L}\d])${NOT_MEASURE}`, 'iu'),
  new RegExp(
    String.raw`(?<![\p{L}\d])(\d{1,5})${NOT_MEASURE}\s*(?:[^\s\d,;]+\s+){0,2}?(?:per|pr\.?|pro|je|par|por|each|in|a|an|/)\s*${CONTAINER}(?![\p{L}\d])`,
    'iu',
  ),
]

/** The pricing scale of a line billed per hundred or per thousand pieces, or undefined. */
function scaleOf(line: Pick<InvoiceLine, 'description' | 'sku'>): number | undefined {
  const words = `${line.description ?? ''} ${line.sku}`
  return PACKS.find((p) => p.re.test(words))?.factor
}

/** The pack size a line is sold by (1000 for "per thousand", 50 for "box of 50"), or 1. */
function packOf(line: Pick<InvoiceLine, 'description' | 'sku'>): number {
  const words = `${line.description ?? ''} ${line.sku}`
  const scaled = scaleOf(line)
  if (scaled) return scaled
  for (const re of PACK_OF) {
    const n = Number(re.exec(words)?.[1] ?? 0)
    if (n > 1) return n
  }
  return 1
}

/** A decimal string times a whole number, exactly (no float), without trailing zeros. */
function times(price: string, factor: number): string {
  const d = decimal(price)
  return decimalToString({ int: d.int * BigInt(factor), scale: d.scale })
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
  return times(price, factor)
}

/**
 * Whether a line is billed above a price said for it, by less than half again as much, in the line's
 * own units: the margin a price dispute has. A line billed at many times the price bills something
 * else (a pick-up beside the pallets). Exact decimals: 2 × billed ≤ 3 × said.
 */
export function billedJustAbove(line: Pick<InvoiceLine, 'unitPrice' | 'description' | 'sku'>, said: string): boolean {
  const expected = decimal(priceInLineUnits(said, line))
  const billed = decimal(line.unitPrice)
  const twiceBilled = decimalAdd(billed, billed)
  const thrice = decimalAdd(decimalAdd(expected, expected), expected)
  return decimalCmp(billed, expected) > 0 && decimalCmp(twiceBilled, thrice) <= 0
}

export function countInLineUnits(count: number, line: Pick<InvoiceLine, 'quantity' | 'description' | 'sku'>): number {
  const billed = line.quantity
  if (count <= billed) return count
  const factor = packOf(line)
  if (factor > 1 && count % factor === 0 && count / factor <= billed) return count / factor
  // "1,250 sleeves torn" on a line priced per thousand: 1.25 thousands. A price per hundred or per
  // thousand is a unit of pricing, not a pack, so a part of it is exact (at most three decimals of a
  // whole count); a box of 50 is a pack, and 75 pieces of it is read as said, then questioned.
  const scale = scaleOf(line)
  if (scale && Number.isInteger(count) && count / scale <= billed) return Number((count / scale).toFixed(3))
  return count
}
