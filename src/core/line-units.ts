/**
 * Lines sold by the hundred, the thousand or the pack ("Stoppers, per thousand", "Screws /1000",
 * "per M", "carton of 100 pairs", "æske à 50"): a customer counts pieces ("74 thousand arrived",
 * "150 capsules") where the line counts its own units (74 thousands, 3 boxes). A count
 * is converted only when it cannot be read in the line's units (more than the line bills) and
 * divides evenly; otherwise it is kept as said, and the checks that follow catch what does not fit.
 */
import type { InvoiceLine } from './ledger.ts'
import { decimal, decimalAdd, decimalCmp, decimalToString } from './money.ts'
import { escapeRegExp } from './escape-regexp.ts'

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
const CONTAINER_WORD = new RegExp(`^${CONTAINER}$`, 'iu')
/** Words for containers goods come in, beside the packs of CONTAINER: what a measure is delivered in. */
const VESSEL = /^(?:drums?|pails?|barrels?|cans?|jerrycans?|tins?|sacks?|bottles?|totes?|kegs?|cylinders?|ctns?)$/i
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

/** Spellings of one unit, so "per litre" and "20 L" are the same unit. */
const UNIT_SPELLINGS: string[][] = [
  ['l', 'lt', 'ltr', 'ltrs', 'litre', 'litres', 'liter', 'liters', 'litro', 'litros'],
  ['kg', 'kgs', 'kilo', 'kilos', 'quilo', 'quilos', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes'],
  ['lb', 'lbs'],
  ['g', 'gram', 'grams', 'gramme', 'grammes'],
  ['m', 'metre', 'metres', 'meter', 'meters', 'metro', 'metros'],
  ['t', 'mt', 'tonne', 'tonnes', 'ton', 'tons'],
]
/** One spelling for each unit ("litros" and "L" are "l"; "lbs" is "lb", never litres). */
export const unitKey = (u: string): string => {
  const w = u.toLowerCase()
  return UNIT_SPELLINGS.find((s) => s.includes(w))?.[0] ?? w.replace(/(?:es|s)$/, '')
}
/** Whether a word is a measure ("m", "metres", "m2", "kg", "t"): a figure before it is a quantity, never money. */
export const isMeasureWord = (word: string): boolean =>
  UNIT_SPELLINGS.some((s) => s.includes(word.toLowerCase())) || /^(?:m[23²³]|km|lm|ha|hectares?|cm|mm)$/i.test(word)
/** Whether a word is a spelling of the measure a line bills per ("L" of "per litre"). */
export const isMeasure = (word: string, per: string): boolean =>
  UNIT_SPELLINGS.some((s) => s[0] === unitKey(per)) && unitKey(word) === unitKey(per)

/** The unit a line's description says it bills per ("per litre", "/kg"), if it says; or the measure of
 *  packs it says that make the quantity billed ("(6 x 208 L drums)" on a line of 1,248 bills litres). */
export function billedPer(line: DescribedLine): string | undefined {
  const desc = line.description ?? ''
  // "36 cases per pallet" sizes a pallet; it does not say what the line bills per.
  const per = [...desc.matchAll(/(?:\bper\s+|\/\s*)(\p{L}+)/giu)].find(
    (m) => !/\d+(?:[.,]\d+)?\s*\p{L}+\s+$/u.test(desc.slice(0, m.index)),
  )?.[1]
  return per ?? packsOf(line)?.unit
}

/** A line as the unit readers need it: its description, and its quantity where the caller has it. */
type DescribedLine = Pick<InvoiceLine, 'description'> & { quantity?: number }

/** The packs a line's description says make its quantity: "Gear oil (6 x 208 L drums)" of 1,248 is
 *  6 packs of 208 L; undefined where the product is not the quantity billed or no quantity is given. */
export function packsOf(line: DescribedLine): { count: number; size: number; unit: string } | undefined {
  const m = /(\d+)\s*[x×]\s*(\d+(?:[.,]\d+)?)\s*(\p{L}+)/iu.exec(line.description ?? '')
  if (line.quantity === undefined || !m || !UNIT_SPELLINGS.some((s) => s.includes(m[3]!.toLowerCase())))
    return undefined
  const count = Number(m[1])
  const size = Number(m[2]!.replace(',', '.'))
  return Math.abs(count * size - line.quantity) < 1e-9 ? { count, size, unit: m[3]! } : undefined
}

/** The containers that make a line's quantity, where its description sizes one kind in the unit it
 *  bills per and the quantity is a whole number of them: "per litre (drum 208 L)" of 2,080 is 10 drums
 *  of 208 L. The packs it lists ("6 x 208 L drums") first. */
export function containersOf(line: DescribedLine): { count: number; size: number } | undefined {
  const packs = packsOf(line)
  if (packs) return packs
  const size = soleContainerSize(line)
  if (line.quantity === undefined || size === undefined || size <= 1) return undefined
  const count = line.quantity / size
  return Number.isInteger(count) && count > 0 ? { count, size } : undefined
}

/** Short forms of containers on delivery notes. */
const SHORT_FORMS: Record<string, string> = { ctn: 'carton', ctns: 'carton', bx: 'box', pkt: 'packet', drm: 'drum' }
/** The last word of what a customer counted in, as typed ("pails" of "coolant pails"). */
const lastWord = (counted: string): string => counted.trim().split(/\s+/).at(-1) ?? ''
/** That word singular ("pails" → "pail", "ctns" → "carton"). */
const countedWord = (counted: string): string | undefined => {
  const last = lastWord(counted).toLowerCase()
  return last ? (SHORT_FORMS[last] ?? last.replace(/(?:es|s)$/, '')) : undefined
}
/** Whether the customer counted in the unit the line bills per ("litres" of "per litre"). */
const saysUnit = (counted: string, per: string): boolean =>
  [lastWord(counted), countedWord(counted) ?? ''].some((w) => unitKey(w) === unitKey(per))

const SIZE = String.raw`(\d+(?:[.,]\d+)?)\s*(\p{L}+)`

/**
 * The size, in the unit a line is billed per, of the container a customer counted in: "2 pails" of
 * a line "Coolant, per litre (pail 20 L)" are 40 litres, "3 bags" of "Rice, per kg, 25 kg bag" 75 kg.
 * Only when the description says both what it bills per and the container's size in that unit;
 * undefined otherwise.
 */
function containerSize(counted: string, line: DescribedLine): number | undefined {
  const desc = line.description ?? ''
  const per = billedPer(line)
  const word = countedWord(counted)
  // "36 cases per pallet" on a line that names no unit of its own: a pallet is 36 of what it counts.
  if (!per && word && word.length >= 3) {
    const m = new RegExp(String.raw`(\d+)\s*\p{L}+\s+per\s+${escapeRegExp(word)}(?:e?s)?(?!\p{L})`, 'iu').exec(desc)
    return m && Number(m[1]) > 1 ? Number(m[1]) : undefined
  }
  if (!per || !word || word.length < 3 || saysUnit(counted, per)) return undefined
  const w = `${escapeRegExp(word)}(?:e?s)?`
  // "carton 4 x 4 L = 16 L": the packs times their size, or the total the description works out.
  const packed = new RegExp(
    String.raw`(?<!\p{L})${w}\s*(?:of|de|:)?\s*(\d+)\s*[x×]\s*${SIZE}(?:\s*=\s*${SIZE})?`,
    'iu',
  ).exec(desc)
  if (packed) {
    const [, packs, each, unit, total, totalUnit] = packed
    if (total && unitKey(totalUnit!) === unitKey(per)) return Number(total.replace(',', '.'))
    if (unitKey(unit!) === unitKey(per)) return Number(packs) * Number(each!.replace(',', '.'))
  }
  for (const re of [
    new RegExp(String.raw`(?<!\p{L})${w}\s*(?:of|de|x|×|:|=)?\s*${SIZE}`, 'iu'),
    new RegExp(String.raw`${SIZE}\s*(?:per\s+)?${w}(?!\p{L})`, 'iu'),
  ]) {
    const m = re.exec(desc)
    if (m && unitKey(m[2]!) === unitKey(per)) {
      const n = Number(m[1]!.replace(',', '.'))
      if (n > 1) return n
    }
  }
  // "11 drums" of "Hydraulic oil (12 x 208 L)", which names none of its packs: a vessel or pack counted
  // is one of the packs that make the quantity billed.
  const packs = packsOf(line)
  const vessel = VESSEL.test(word) || CONTAINER_WORD.test(word)
  return packs && vessel && unitKey(packs.unit) === unitKey(per) ? packs.size : undefined
}

/**
 * Whether a count on a line billed per a measure ("per litre") may be in other units than the line's:
 * said in packs or vessels ("4 cartons", "2 drums") the description gives no size for, or said with
 * no unit and fewer than one of its containers holds ("4 short" of a line in 16 L cartons). Read as
 * litres or kilos it could move the wrong money; the caller asks.
 */
export function unitsUnclear(
  count: number,
  countedIn: string | undefined,
  line: Pick<InvoiceLine, 'description'>,
): boolean {
  const per = billedPer(line)
  if (!per || !UNIT_SPELLINGS.some((s) => s[0] === unitKey(per))) return false
  const typed = lastWord(countedIn ?? '')
  if (typed && saysUnit(typed, per)) return false
  if (typed && containerSize(typed, line) !== undefined) return false
  const sole = soleContainerSize(line)
  // "4 cartons" with no size for cartons; "4 missing" where 4 is fewer than one container holds.
  if (typed && (VESSEL.test(typed) || CONTAINER_WORD.test(typed) || SHORT_FORMS[typed.toLowerCase()]))
    return sole === undefined
  return !typed && sole !== undefined && count < sole
}

/**
 * The one container size a description gives in the unit it bills per ("per litre (drum 208 L)":
 * 208; "carton 4 x 4 L = 16 L": 16), or undefined where it gives none or several.
 */
function soleContainerSize(line: DescribedLine): number | undefined {
  const words = (line.description ?? '').match(/\p{L}{3,}/gu) ?? []
  const sizes = new Set(
    words
      .filter((w) => VESSEL.test(w) || CONTAINER_WORD.test(w))
      .map((w) => containerSize(w, line))
      .filter((n): n is number => n !== undefined),
  )
  if (sizes.size === 1) return [...sizes][0]
  // "(12 x 208 L)" with no container named: the one size of the packs that make the quantity.
  return sizes.size === 0 ? packsOf(line)?.size : undefined
}

/**
 * A count in the line's own units. `countedIn` is the word the customer counted in ("pails"): a
 * container the description sizes in the unit billed is that many units each. A count in another
 * word than the unit billed ("6 barrels" of "per litre (drum 208 L)") is read as the description's one
 * container when it is smaller than one container holds and that many containers fit what was
 * billed. Otherwise pieces of a line sold by the pack or the thousand are read as packs when they
 * cannot be read as said.
 */
export function countInLineUnits(
  count: number,
  line: Pick<InvoiceLine, 'quantity' | 'description' | 'sku'>,
  countedIn?: string,
): number {
  const billed = line.quantity
  const per = billedPer(line)
  const word = countedIn === undefined ? undefined : countedWord(countedIn)
  const inBilledUnit = per !== undefined && countedIn !== undefined && saysUnit(countedIn, per)
  const sole = word && word.length >= 3 && !inBilledUnit ? soleContainerSize(line) : undefined
  const size = (countedIn ? containerSize(countedIn, line) : undefined) ?? (sole && count < sole ? sole : undefined)
  if (size && count * size <= billed) return Number((count * size).toFixed(3))
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
