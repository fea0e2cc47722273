/**
 * Numbers as people write them in a chat: spelled out ("forty-two", "twelve hundred", "two thousand
 * five hundred", "a dozen", "half a dozen"), with a scale ("1.2k", "$2.4m", "3 grand") and real
 * ISO 4217 currency codes. Values stay decimal strings: nothing here is a float.
 */
import currencies from './data/currencies.json' with { type: 'json' }

/** English numbers below twenty by name. */
export const ENGLISH_UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}
export const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
}
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 }

const WORD = `(?:${[...Object.keys(ENGLISH_UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), 'dozen'].join('|')})`
/** "forty-two", "one hundred and twenty", "twelve hundred", "a dozen", "half a dozen", "two dozen", "two and
 *  a half thousand". */
export const SPELLED_NUMBER = String.raw`(?:half\s+a\s+dozen|(?:an?\s+(?=(?:hundred|thousand|million|dozen)\b))?${WORD}(?:(?:\s+and\s+|\s+|-)${WORD})*(?:\s+and\s+a\s+half\s+(?:hundred|thousand|million)\b)?)`
const SPELLED_RE = new RegExp(String.raw`\b${SPELLED_NUMBER}\b`, 'gi')

/** The value of a spelled-out number, or undefined when the words do not make one. */
export function parseSpelledNumber(text: string): number | undefined {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== 'and')
  if (words.join(' ') === 'half a dozen') return 6
  let total = 0
  let current = 0
  let any = false
  // "two and a half thousand": the half is of the scale word that follows.
  let half = 0
  for (const [i, w] of words.entries()) {
    if ((w === 'a' || w === 'an') && i === 0) {
      current = 1
      continue
    }
    if (w === 'a' && words[i + 1] === 'half' && any) continue
    if (w === 'half' && words[i - 1] === 'a' && any) {
      half = 0.5
      continue
    }
    // "sixty-one forty", "nineteen ninety": a unit or ten after a unit, or a ten after a ten, makes no
    // one number (it is said money and cents, or a year).
    const last = current % 100
    if (w in ENGLISH_UNITS) {
      if (last % 10 !== 0 || (last >= 10 && last < 20) || (last && ENGLISH_UNITS[w]! >= 10)) return undefined
      current += ENGLISH_UNITS[w]!
    } else if (w in TENS) {
      if (last) return undefined
      current += TENS[w]!
    } else if (w === 'dozen') current = (current || 1) * 12
    else if (w === 'hundred') current = ((current || 1) + half) * 100
    else if (w === 'thousand' || w === 'million') {
      total += ((current || 1) + half) * SCALES[w]!
      current = 0
    } else return undefined
    if (w === 'hundred' || w in SCALES) half = 0
    any = true
  }
  return any && !half ? total + current : undefined
}

/** Words before "one" that make it a pronoun, not a count: "no one", "the one", "which one". */
const ONE_AS_PRONOUN = /\b(?:no|any|some|every|the|this|that|which|each|another|other|last|first|only)\s+$/i

/** English numbers spelled out, replaced by their digits where `take` says so (by value and position). */
function spelledAsDigits(text: string, take: (n: number, offset: number) => boolean): string {
  return text.replace(SPELLED_RE, (m, offset: number) => {
    const n = parseSpelledNumber(m)
    return n !== undefined && take(n, offset) ? String(n) : m
  })
}

/** A count of dozens before what they count ("2 dozen tubes", "3 dozen of the eggs") or at a clause's
 *  end ("received 45 dozen."); not "16 dozen were broken", which in a glossed Dutch message counts boxes. */
const DIGITS_DOZEN =
  /\b(\d{1,4})\s+dozens?\b(?=\s+(?:of\s+)?(?!(?:were|was|are|is|be|been|have|has|had|got|came|arrived|short|missing|broken|damaged|kapot|waren|zijn)\b)\p{L}|\s*(?:[.,;!?)]|$))/giu
const DUTCH_WORDS = /\b(?:van|het|zijn|niet|wij|geen|een|waren|werden|geleverd|stuks|doos)\b/i

/** Spelled-out numbers replaced by digits ("twenty-four of the forty" → "24 of the 40"); "no one" stays. */
export function digitsForWords(text: string): string {
  // "2 dozen tubes" is 24; in Dutch "16 dozen" are sixteen boxes, so not in a text with Dutch words.
  const dozens = DUTCH_WORDS.test(text) ? text : text.replace(DIGITS_DOZEN, (_, n: string) => String(Number(n) * 12))
  return spelledAsDigits(dozens, (n, offset) => n !== 1 || !ONE_AS_PRONOUN.test(dozens.slice(0, offset)))
    .replace(/\btwice\b/gi, '2 times')
    .replace(/\bthrice\b/gi, '3 times')
}

/**
 * Small counts spelled in the languages claims come in (French, Spanish, Portuguese, Italian, German,
 * Dutch, Scandinavian, Finnish, Icelandic, West and South Slavic, Turkish), by value, for reading counts against an invoice's lines ("zwölf Paletten … nur
 * zehn"). Words that are also common words of another language or of English are left out ("due",
 * "dos", "sei", "elf", "een", "un", "ein"), and so are those that abbreviate a month ("sept", "dez") or
 * mean something else too ("neuf").
 */
const SMALL_COUNT_WORDS: Record<number, string> = {
  2: 'deux duas zwei twee två kaksi tveir tvær tvö dwa dva iki',
  3: 'trois tres três tre drei drie kolme þrír þrjár þrjú trzy tři tri üç',
  4: 'quatre cuatro quatro quattro vier fyra neljä fjórir cztery čtyři četiri dört',
  5: 'cinq cinco cinque fünf vijf fem viisi fimm pięć pět beş',
  6: 'seis sechs zes sex seks kuusi sześć šest altı',
  7: 'siete sete sette sieben zeven sju syv seitsemän siedem sedm sedam yedi',
  8: 'huit ocho oito otto acht åtta otte åtte kahdeksan osiem osm osam sekiz',
  9: 'nueve nove neun negen nio yhdeksän dziewięć devět devet dokuz',
  10: 'dix diez dieci zehn tien tio kymmenen dziesięć deset',
  11: 'onze',
  12: 'douze doce dodici zwölf twaalf tolv',
}
const SMALL_COUNTS: Record<string, number> = Object.fromEntries(
  Object.entries(SMALL_COUNT_WORDS).flatMap(([n, words]) => words.split(' ').map((w) => [w, Number(n)])),
)
const SMALL_COUNT_RE = new RegExp(String.raw`(?<![\p{L}])(?:${Object.keys(SMALL_COUNTS).join('|')})(?![\p{L}])`, 'giu')

/** Counts spelled in English or another language written as digits ("zwölf … nur zehn" → "12 … nur 10"); "one"
 *  stays a word ("an old one", "the one from July"). */
export function countsAsDigits(text: string): string {
  return foreignCountsAsDigits(spelledAsDigits(text, (n) => n >= 2))
}
/** Only the small counts spelled in another language ("trois … sur cinq" → "3 … sur 5"). */
export const foreignCountsAsDigits = (text: string): string =>
  text.replace(SMALL_COUNT_RE, (m) => String(SMALL_COUNTS[m.toLowerCase()] ?? m))

/** Whole numbers grouped in thousands ("2,250", "3.600", "12 000") written as their digits, for
 *  reading counts; a decimal part after the groups ("2,250.00") leaves the figure as it is. */
const GROUPED = /\b\d{1,3}([,.\u00a0\u202f ])\d{3}(?:\1\d{3})*\b(?![.,]\d)/g
export const ungrouped = (text: string): string => text.replace(GROUPED, (m) => m.replace(/\D/g, ''))

/** The thousand and the million in other languages after a figure ("US$ 8 mil", "8 mila", "50 ribu", "40rb",
 *  "12 тыс."; "2 millones", "3 Mio.", "1,5 млн", "4 juta", "7,5 jt", "2 triệu", "60tr"). "mil" is Spanish and Portuguese for a thousand: an
 *  English "$2 mil" for millions read as thousands is a figure far below the invoice's, which the claim's
 *  lines then question, where 2 alone would have been taken. */
const FOREIGN_THOUSAND = String.raw`mil|mila|tausend|duizend|tusen|tusind|ribu|rb\.?|nghìn|ngàn|tys\.|тыс\.?`
const FOREIGN_MILLION = String.raw`millones|mill[oó]n|milh[õo]es|milh[ãa]o|millions|milioni|milione|miljoen|miljon(?:er)?|milyon|[Mm]io\.?|млн\.?|juta|jt\.?|triệu|trieu|tr`
/** The thousand million: Indonesian and Malay "miliar", Vietnamese "tỷ", German "Mrd.", French "milliard". */
const FOREIGN_BILLION = String.raw`miliar|milyar|tỷ|tỉ|[Mm]rd\.?|milliards?|miliardi?`

/**
 * Scale words after a figure: "1.5k", "2 million", the Indian "4.5 lakh" (10^5) and "1.2 crore" (10^7),
 * the thousand and million of other languages, and East Asia's thousand ("5千", "5천"), ten thousand
 * ("1.3万", "8만") and hundred million ("2億", "2억").
 */
/** East Asia's scale signs after a figure, with the power of ten each multiplies by. */
export const CJK_SCALES: Readonly<Record<string, number>> = { 千: 3, 천: 3, 万: 4, 만: 4, 億: 8, 亿: 8, 억: 8 }
export const SCALE_SUFFIX = String.raw`(?:\s?(?:thousand|million|billion|grand|lakhs?|lacs?|crores?|${FOREIGN_THOUSAND}|${FOREIGN_MILLION}|${FOREIGN_BILLION})|[kKmM]|bn|BN|mn|${Object.keys(CJK_SCALES).join('|')})(?![\w])`
/** A scale word of another language: money only beside a currency ("6 mil poly" is a thickness). */
export const FOREIGN_SCALE = new RegExp(
  String.raw`^\s?(?:${FOREIGN_THOUSAND}|${FOREIGN_MILLION}|${FOREIGN_BILLION})$`,
  'i',
)

const A_THOUSAND = new RegExp(`^(?:${FOREIGN_THOUSAND})$`, 'i')
const A_MILLION = new RegExp(`^(?:${FOREIGN_MILLION})$`, 'i')

/** The power of ten a scale word multiplies by ("k" 3, "lakh" 5, "bn" 9). */
export function suffixZeros(suffix: string | undefined): number {
  const s = (suffix ?? '').trim().toLowerCase()
  if (!s) return 0
  if (s === 'k' || s === 'thousand' || s === 'grand' || A_THOUSAND.test(s)) return 3
  if (s === 'm' || s === 'mn' || s === 'million' || A_MILLION.test(s)) return 6
  if (/^la(?:kh|c)s?$/.test(s)) return 5
  if (/^crores?$/.test(s)) return 7
  const cjk = CJK_SCALES[s]
  if (cjk !== undefined) return cjk
  return 9
}

/** "1.20" × 10^3 → "1200.00" (the decimals the currency has, at least those that remain). */
export function scaleDecimal(value: string, zeros: number, digits: number): string {
  if (!zeros) return value
  const [int = '0', frac = ''] = value.split('.')
  const padded = frac.padEnd(zeros, '0')
  const whole = BigInt(int + padded.slice(0, zeros)).toString()
  const rest = padded.slice(zeros).replace(/0+$/, '')
  const decimals = rest.padEnd(digits, '0')
  return decimals ? `${whole}.${decimals}` : whole
}

const CODES = new Set(currencies.codes)
const AMBIGUOUS = new Set(currencies.ambiguous)

/** A real ISO 4217 code ("HFS" is not); a code that is also an English word needs a formatted figure. */
/** Whether the letters are an ISO 4217 code at all ("EUR", and "ALL" too): for telling codes from initials. */
export const isCurrencyCode = (code: string): boolean => CODES.has(code)

export function isIsoCurrency(code: string, figure?: string): boolean {
  if (!CODES.has(code)) return false
  return !AMBIGUOUS.has(code) || (figure !== undefined && /[.,]\d/.test(figure))
}

const HAN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }
/** A count written in Chinese numerals before the word that counts it ("九十六本", "二十四箱", "三台"). */
const HAN_COUNT =
  /[〇零一二两兩三四五六七八九十百千]+(?=(?:本|個|个|箱|台|枚|件|袋|桶|条|條|次|回|趟|人|名|匹|頭|头|缶|罐|瓶|包|組|组|套|冊|册|張|张|巻|卷|盒|把|支|只|隻|片|吨|噸|天|日間|日|晩|晚|泊|週|周|ケース|セット|パレット|カートン))/gu

/** The value of Chinese numerals below ten thousand ("九十六" 96, "二百四十" 240, "十二" 12). */
function hanValue(run: string): number | undefined {
  let total = 0
  let digit: number | undefined
  for (const ch of run) {
    if (ch in HAN_DIGITS) {
      if (digit !== undefined) return undefined
      digit = HAN_DIGITS[ch]!
    } else {
      total += (digit ?? 1) * HAN_UNITS[ch]!
      digit = undefined
    }
  }
  return total + (digit ?? 0)
}

/** "九十六本" → " 96本": counts of two and more in Chinese numerals before their counter read as digits,
 *  padded in front so that no position in the text moves (a count longer in digits is left). */
export function hanCountsAsDigits(text: string): string {
  return text.replace(HAN_COUNT, (run) => {
    const n = hanValue(run)
    const digits = n === undefined || n < 2 ? '' : String(n)
    return digits && digits.length <= run.length ? digits.padStart(run.length, ' ') : run
  })
}

/**
 * "8万8千円" → " 88千円", "3万5000円" → " 35000円", "12만3천원" → " 123천원": an amount of ten thousands and
 * the rest written after it, as one figure the scale reader knows, padded in front so that no position
 * moves. Left as written where the digits would be longer.
 */
export function cjkCompoundAmounts(text: string): string {
  const padded = (run: string, out: string) => (out.length <= run.length ? out.padStart(run.length, ' ') : run)
  return text
    .replace(/(\d{1,4})([万만])(\d)([千천])/g, (run, a: string, _m, b: string, k: string) =>
      padded(run, `${Number(a) * 10 + Number(b)}${k}`),
    )
    .replace(/(\d{1,4})([万만])(\d{1,4})(?![\d.,千천万만])/g, (run, a: string, _m, b: string) =>
      padded(run, String(Number(a) * 10000 + Number(b))),
    )
}

/** The zero of each run of decimal digits the world's scripts write with, in the BMP (one UTF-16 unit
 *  each, so a digit swapped for its ASCII form keeps every position in the text). */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
  0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10,
]

/** "استلمنا ١٥٠" → "استلمنا 150", "１２個" → "12個": digits of any script read as the ASCII ones, the
 *  separators written between them ("５６，１００", "١٢٬٥٠٠٫٧٥") as "," and ".", and the other full-width
 *  forms ("＋", "％", "＝") as theirs. One character for one: no position moves. */
export function asciiDigits(text: string): string {
  return (
    text
      .replace(/(?![0-9])\p{Nd}/gu, (c) => {
        const cp = c.charCodeAt(0)
        const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9)
        return zero === undefined ? c : String(cp - zero)
      })
      .replace(/(?<=\d)[，٬](?=\d)/g, ',')
      .replace(/(?<=\d)[．٫](?=\d)/g, '.')
      // The full-width forms East Asian keyboards type ("＋", "％", "＝", "Ｘ"): their ASCII letters, one for one.
      .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  )
}
