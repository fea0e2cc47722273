/**
 * Numbers as people write them in a chat: spelled out ("forty-two", "twelve hundred", "two thousand
 * five hundred", "a dozen", "half a dozen"), with a scale ("1.2k", "$2.4m", "3 grand") and real
 * ISO 4217 currency codes. Values stay decimal strings: nothing here is a float.
 */
import currencies from './data/currencies.json' with { type: 'json' }

const UNITS: Record<string, number> = {
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
const TENS: Record<string, number> = {
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

const WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TENS), ...Object.keys(SCALES), 'dozen'].join('|')})`
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
    if (w in UNITS) {
      if (last % 10 !== 0 || (last >= 10 && last < 20) || (last && UNITS[w]! >= 10)) return undefined
      current += UNITS[w]!
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

/** Spelled-out numbers replaced by digits ("twenty-four of the forty" → "24 of the 40"); "no one" stays. */
export function digitsForWords(text: string): string {
  return spelledAsDigits(text, (n, offset) => n !== 1 || !ONE_AS_PRONOUN.test(text.slice(0, offset)))
    .replace(/\btwice\b/gi, '2 times')
    .replace(/\bthrice\b/gi, '3 times')
}

/**
 * Small counts spelled in the languages claims come in (French, Spanish, Portuguese, Italian, German,
 * Dutch, Scandinavian), by value, for reading counts against an invoice's lines ("zwölf Paletten … nur
 * zehn"). Words that are also common words of another language or of English are left out ("due",
 * "dos", "sei", "elf", "een", "un", "ein"), and so are those that abbreviate a month ("sept", "dez") or
 * mean something else too ("neuf").
 */
const SMALL_COUNT_WORDS: Record<number, string> = {
  2: 'deux duas zwei twee två',
  3: 'trois tres três tre drei drie',
  4: 'quatre cuatro quatro quattro vier fyra',
  5: 'cinq cinco cinque fünf vijf fem',
  6: 'seis sechs zes sex',
  7: 'siete sete sette sieben zeven sju',
  8: 'huit ocho oito otto acht åtta',
  9: 'nueve nove neun negen nio',
  10: 'dix diez dieci zehn tien tio',
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
  return spelledAsDigits(text, (n) => n >= 2).replace(SMALL_COUNT_RE, (m) => String(SMALL_COUNTS[m.toLowerCase()] ?? m))
}

/** Whole numbers grouped in thousands ("2,250", "3.600", "12 000") written as their digits, for
 *  reading counts; a decimal part after the groups ("2,250.00") leaves the figure as it is. */
const GROUPED = /\b\d{1,3}([,.\u00a0\u202f ])\d{3}(?:\1\d{3})*\b(?![.,]\d)/g
export const ungrouped = (text: string): string => text.replace(GROUPED, (m) => m.replace(/\D/g, ''))

/**
 * Scale words after a figure: "1.5k", "2 million", and the Indian "4.5 lakh" (10^5) and "1.2 crore"
 * (10^7); in other languages the thousand ("US$ 8 mil", "8 mila", "50 ribu", "12 тыс.") and the
 * million ("2 millones", "3 Mio.", "1,5 млн", "4 juta", "2 triệu"), and East Asia's ten thousand
 * ("1.3万", "8만") and hundred million ("2억"). "mil" is Spanish and Portuguese for a thousand; an
 * English "$2 mil" for millions read as thousands is a figure far below the invoice's, which the
 * claim's lines then question, where 2 alone would have been taken.
 */
/** The scale words of other languages: money only beside a currency ("6 mil poly" is a thickness). */
export const FOREIGN_SCALE = /^\s?(?!thousand|million|billion|grand|lakh|lac|crore|[kKmM]$|bn$|BN$|mn$)\S/
export const SCALE_SUFFIX = String.raw`(?:\s?(?:thousand|million|billion|grand|lakhs?|lacs?|crores?|mil|mila|tausend|duizend|tusen|tusind|ribu|nghìn|ngàn|tys\.|тыс\.?|millones|mill[oó]n|milh[õo]es|milh[ãa]o|millions|milioni|milione|miljoen|miljon(?:er)?|milyon|[Mm]io\.?|млн\.?|juta|triệu)|[kKmM]|bn|BN|mn|万|만|억)(?![\w])`

/** The power of ten a scale word multiplies by ("k" 3, "lakh" 5, "bn" 9). */
export function suffixZeros(suffix: string | undefined): number {
  const s = (suffix ?? '').trim().toLowerCase()
  if (!s) return 0
  if (/^(?:k|thousand|grand|mil|mila|tausend|duizend|tusen|tusind|ribu|nghìn|ngàn|tys\.|тыс\.?)$/.test(s)) return 3
  if (
    /^(?:m|mn|million|millones|mill[oó]n|milh[õo]es|milh[ãa]o|millions|milioni|milione|miljoen|miljon(?:er)?|milyon|mio\.?|млн\.?|juta|triệu)$/.test(
      s,
    )
  )
    return 6
  if (/^la(?:kh|c)s?$/.test(s)) return 5
  if (/^crores?$/.test(s)) return 7
  if (s === '万' || s === '만') return 4
  if (s === '억') return 8
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

/** The zero of each run of decimal digits the world's scripts write with, in the BMP (one UTF-16 unit
 *  each, so a digit swapped for its ASCII form keeps every position in the text). */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
  0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10,
]

/** "استلمنا ١٥٠" → "استلمنا 150", "１２個" → "12個": digits of any script read as the ASCII ones. */
export function asciiDigits(text: string): string {
  return text.replace(/(?![0-9])\p{Nd}/gu, (c) => {
    const cp = c.charCodeAt(0)
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9)
    return zero === undefined ? c : String(cp - zero)
  })
}

/** Digits said one by one, in English and French ("zero zero one one", "zéro zéro six"). */
const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  zéro: '0',
  un: '1',
  deux: '2',
  trois: '3',
  quatre: '4',
  cinq: '5',
  sept: '7',
  huit: '8',
  neuf: '9',
}
const DIGIT_WORD = `(?:${Object.keys(DIGIT_WORDS).join('|')})`
const DIGIT_RUN = new RegExp(String.raw`(?<![\p{L}\d])${DIGIT_WORD}(?:[\s-]+${DIGIT_WORD}){2,}(?![\p{L}\d])`, 'giu')

/**
 * A number said digit by digit, as a phone's transcription of a voice message writes it ("the one of
 * 9th october zero zero one one" is invoice 0011), written as its digits: three digit words or more in
 * a row, which a count or an amount never is.
 */
export function spokenDigits(text: string): string {
  return text.replace(DIGIT_RUN, (run, at: number) => {
    const words = run.split(/[\s-]+/)
    // "the later one zero zero five nine": a "one" after a determiner or a comparative is a pronoun.
    const pronoun = words[0]!.toLowerCase() === 'one' && ONE_BEFORE_DIGITS.test(text.slice(0, at))
    const said = pronoun ? words.slice(1) : words
    if (said.length < 3) return run
    return `${pronoun ? `${words[0]} ` : ''}${said.map((w) => DIGIT_WORDS[w.toLowerCase()] ?? '').join('')}`
  })
}
const ONE_BEFORE_DIGITS =
  /\b(?:the|this|that|which|each|another|other|last|first|only|new|old|second|\p{L}+(?:er|est))\s+$/iu

/** French numbers up to 99 as a phone transcribes them, Belgian and Swiss tens included. */
const FR_UNITS: Record<string, number> = {
  zéro: 0,
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
}
const FR_TENS: Record<string, number> = {
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
}

/** One French number at the start of `words` (0-99): its value and how many words it took. */
function frenchNumber(words: readonly string[]): { value: number; used: number } | undefined {
  const w = (i: number) => words[i]?.toLowerCase()
  let i = 0
  let value: number
  if (w(0) === 'quatre' && (w(1) === 'vingt' || w(1) === 'vingts')) {
    value = 80
    i = 2
  } else if (w(0)! in FR_TENS) {
    value = FR_TENS[w(0)!]!
    i = 1
  } else if (w(0)! in FR_UNITS) {
    const unit = FR_UNITS[w(0)!]!
    // "dix-sept", "dix huit": the teens past sixteen.
    if (unit === 10 && ['sept', 'huit', 'neuf'].includes(w(1) ?? '')) return { value: 10 + FR_UNITS[w(1)!]!, used: 2 }
    return { value: unit, used: 1 }
  } else return undefined
  if (w(i) === 'et') i += 1
  const next = w(i)
  // "soixante-douze", "quatre-vingt-quinze", "vingt et un", "trente-deux".
  if (next !== undefined && next in FR_UNITS) {
    const unit = FR_UNITS[next]!
    const teen = unit === 10 && ['sept', 'huit', 'neuf'].includes(w(i + 1) ?? '')
    const add = teen ? 10 + FR_UNITS[w(i + 1)!]! : unit
    if (add >= 1 && (add <= 9 || ((value === 60 || value === 80) && add <= 19)))
      return { value: value + add, used: i + (teen ? 2 : 1) }
  }
  return { value, used: i > 1 && w(i - 1) === 'et' ? i - 1 : i }
}

const INVOICE_WORD = /\b(?:factures?|invoices?|bills?|facturas?|faturas?)\b/giu

/**
 * The number of an invoice said in French words, as a phone's transcription of a voice message writes
 * it ("la facture t4 zéro zéro trente" is T4-0030, "pnr sept 26 zéro douze" ends 012): after a word for
 * the invoice, a run of number words led by a zero is written as their digits, one number each ("zéro
 * zéro trente" → "0030"). Other words are left as typed ("sept" may be September in the number).
 */
export function spokenInvoiceNumbers(text: string): string {
  let out = ''
  let at = 0
  for (const m of text.matchAll(INVOICE_WORD)) {
    const start = m.index + m[0].length
    if (start < at) continue
    const window = text.slice(start, start + 80)
    const tokens = [...window.matchAll(/[\p{L}\d]+/gu)]
    let i = 0
    let edited = window
    let shift = 0
    while (i < tokens.length && i < 10) {
      // The words up to the next mark that is no space or hyphen: a number said ends at a comma.
      const words: string[] = []
      for (let k = i; k < tokens.length; k++) {
        const prev = tokens[k - 1]
        if (k > i && prev && !/^[\s-]*$/.test(window.slice(prev.index + prev[0].length, tokens[k]!.index))) break
        words.push(tokens[k]![0])
      }
      const run: number[] = []
      let used = 0
      for (let n = frenchNumber(words); n; n = frenchNumber(words.slice(used))) {
        run.push(n.value)
        used += n.used
      }
      // Led by a zero, as a padded serial is said ("onze quatre paquets" is a number and a count).
      if (run.length >= 2 && run[0] === 0) {
        const from = tokens[i]!.index
        const last = tokens[i + used - 1]!
        const to = last.index + last[0].length
        const digits = run.join('')
        edited = edited.slice(0, from + shift) + digits + edited.slice(to + shift)
        shift += digits.length - (to - from)
        i += used
      } else i += Math.max(1, used)
    }
    out += text.slice(at, start) + edited
    at = start + window.length
  }
  return out + text.slice(at)
}
