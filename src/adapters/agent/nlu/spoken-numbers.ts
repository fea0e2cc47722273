/**
 * Numbers as a phone's transcription of a voice message writes them: said digit by digit ("zero zero
 * four two"), and an invoice's number said in French words ("facture k2 zéro zéro soixante-douze"). The
 * engine reads a message with them written as digits; the message as typed is what is recorded.
 */
import { ENGLISH_UNITS } from './numbers.ts'

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

/** Digits said one by one, in English and French ("zero zero one one", "zéro zéro six"): the words of
 *  both for 0-9, and "oh" ("une" is said of a count, never a digit). */
const DIGIT_WORDS: Record<string, string> = Object.fromEntries(
  [...Object.entries(ENGLISH_UNITS), ['oh', 0] as const, ...Object.entries(FR_UNITS).filter(([w]) => w !== 'une')]
    .filter(([, n]) => n < 10)
    .map(([w, n]) => [w, String(n)]),
)
const DIGIT_WORD = `(?:${Object.keys(DIGIT_WORDS).join('|')})`
const DIGIT_RUN = new RegExp(String.raw`(?<![\p{L}\d])${DIGIT_WORD}(?:[\s-]+${DIGIT_WORD}){2,}(?![\p{L}\d])`, 'giu')

/**
 * A number said digit by digit, as a phone's transcription of a voice message writes it ("the one of
 * 3rd march zero zero four two" is invoice 0042), written as its digits: three digit words or more in
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
 * it ("la facture k2 zéro zéro soixante-douze" is K2-0072, "mars 26 zéro quatre-vingt-quinze" ends
 * 095): after a word for the invoice, a run of number words led by a zero is written as their digits,
 * one number each ("zéro zéro quarante" → "0040"). Other words are left as typed ("sept" may be
 * September, "mars" March, in the number).
 */
export function spokenInvoiceNumbers(text: string): string {
  const afterInvoiceWord = [...text.matchAll(INVOICE_WORD)].map((m) => m.index + m[0].length)
  return text.replace(ZERO_LED_RUN, (said, at: number) => {
    if (!afterInvoiceWord.some((end) => at >= end && at - end <= 80)) return said
    const words = said.split(/[\s-]+/)
    const run: number[] = []
    let used = 0
    for (let n = frenchNumber(words); n; n = frenchNumber(words.slice(used))) {
      run.push(n.value)
      used += n.used
    }
    if (run.length < 2) return said
    // The words the numbers took become their digits; a word after them ("et" alone) stays.
    const rest = said.split(/[\s-]+/).slice(used)
    return [run.join(''), ...rest].join(' ')
  })
}
/** Number words led by a zero, joined by spaces or hyphens (a comma ends a number said). */
const ZERO_LED_RUN = new RegExp(
  String.raw`(?<![\p{L}\d])z[ée]ro(?:[\s-]+(?:et|${[...Object.keys(FR_UNITS), ...Object.keys(FR_TENS)].join('|')}))+(?![\p{L}\d])`,
  'giu',
)
