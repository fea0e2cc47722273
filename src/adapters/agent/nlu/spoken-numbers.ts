/**
 * Numbers as a phone's transcription of a voice message writes them: said digit by digit ("zero zero
 * four two"), and an invoice's number said in French words ("facture k2 zéro zéro soixante-douze"). The
 * engine reads a message with them written as digits; the message as typed is what is recorded.
 */
import { ENGLISH_UNITS, parseSpelledNumber, SPELLED_NUMBER, TENS } from './numbers.ts'

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

/** English number words an invoice's number is said in ("forty one", "six two", "oh six"). */
const NUMBER_WORD =
  /^(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)$/i
/** After a serial, a word that makes the number go on as a sum ("two hundred and ten thousand"). */
const SUM_GOES_ON = /^(?:and|hundred|thousand|million|billion|grand)$/i
/** A separator said between the parts of a number ("k l m four one dash zero two seven seven dash b"). */
const SAID_SEPARATOR: Record<string, string> = { dash: '-', hyphen: '-', slash: '/', stroke: '/' }
/** A word for the invoice as said, "in voice" as a phone hears it, and what may follow ("number"). */
const SAID_INVOICE = /(?<![\p{L}\d])(?:in[\s-]voice|invoice|inv|bill)(?:\s+(?:number|no\.?|#))?\s+/giu
/** The series said before the serial: letters spelled one by one ("h k l"), or letters and a digit ("q9"). */
const SAID_SERIES = /^(?:[a-zA-Z](?:\s[a-zA-Z]){1,3}|[a-zA-Z]{1,3}\d{1,2}|[A-Z]{2,4})(?=\s)/u

/** The serial said in English words at the start of `words`: digits one by one ("six two" → 62),
 *  or one number ("forty one" → 41); how many words it took. Never a scale ("nine hundred
 *  thousand" is money). */
function saidSerial(words: readonly string[]): { digits: string; used: number } | undefined {
  let run = 0
  while (run < words.length && NUMBER_WORD.test(words[run]!)) run++
  const byDigit = words.slice(0, run).findIndex((w) => !(w.toLowerCase() in DIGIT_WORDS))
  const digitRun = byDigit < 0 ? run : byDigit
  if (digitRun >= 2)
    return {
      digits: words
        .slice(0, digitRun)
        .map((w) => DIGIT_WORDS[w.toLowerCase()])
        .join(''),
      used: digitRun,
    }
  for (let used = Math.min(run, 4); used >= 1; used--) {
    const n = parseSpelledNumber(words.slice(0, used).join(' '))
    if (n !== undefined && n > 0) return SUM_GOES_ON.test(words[used] ?? '') ? undefined : { digits: String(n), used }
  }
  return undefined
}

/** The parts said after a number's first ("dash 0277 dash b", "slash four two"), written with their
 *  separators; how many characters of `rest` they took. */
function saidParts(rest: string): { written: string; took: number } {
  let written = ''
  let took = 0
  for (;;) {
    // Digits, a letter alone ("dash a"), or number words ("dash four two").
    const m = /^\s+(dash|hyphen|slash|stroke)\s+(\d+\b|[a-z]\b|[a-z]+(?:\s+[a-z]+){0,5})/i.exec(rest.slice(took))
    if (!m) break
    const part = m[2]!
    let value: string | undefined
    let used = part
    if (/^\d+$/.test(part) || /^[a-z]$/i.test(part)) value = part
    else {
      const words = part.split(/\s+/)
      const serial = saidSerial(words)
      if (serial) {
        value = serial.digits
        used = words.slice(0, serial.used).join(' ')
      }
    }
    if (value === undefined) break
    written += `${SAID_SEPARATOR[m[1]!.toLowerCase()]}${value}`
    took += m[0].length - part.length + used.length
  }
  return { written, took }
}

/**
 * An invoice's number as a phone's transcription of a voice message writes it in English: "in voice r2
 * forty one" is invoice R2 41, "invoice h k l nineteen" invoice HKL 19, "invoice q9 six two"
 * invoice Q9 62. After a word for the invoice, the series said (letters one by one, or letters and a
 * digit) and the serial in words become the letters and digits the ledger is searched by. A lone number
 * word with no series or "number" before it ("the invoice two weeks ago") stays as said.
 */
export function spokenInvoiceReferences(text: string): string {
  let out = ''
  let from = 0
  for (const m of text.matchAll(SAID_INVOICE)) {
    if (m.index < from) continue
    const said = m[0]
    const start = m.index + said.length
    const after = text.slice(start)
    const series = SAID_SERIES.exec(after)?.[0]
    const gap = series ? (/^\s+/.exec(after.slice(series.length))?.[0] ?? '') : ''
    const rest = after.slice((series?.length ?? 0) + gap.length)
    const words = (rest.match(/^[\p{L}-]+(?:\s+[\p{L}-]+){0,5}/u)?.[0] ?? '').split(/[\s-]+/)
    const serial = saidSerial(words)
    const heard = /in[\s-]voice/i.test(said)
    const word = heard ? said.replace(/in[\s-]voice/i, 'invoice') : said
    // One number word is the number when a series or "number" says so ("invoice number nine").
    const numbered = /(?:number|no\.?|#)\s*$/i.test(said)
    if (serial && (series || numbered || serial.used >= 2)) {
      // The words the serial took, as typed (spaces or hyphens between), are replaced by its digits.
      const took = new RegExp(String.raw`^(?:[\p{L}]+[\s-]+){${serial.used - 1}}[\p{L}]+`, 'u').exec(rest)![0]
      const letters = series ? `${series.replace(/\s/g, '').toUpperCase()} ` : ''
      const parts = saidParts(rest.slice(took.length))
      out += `${text.slice(from, m.index)}${word}${letters}${serial.digits}${parts.written}`
      from = start + (series?.length ?? 0) + gap.length + took.length + parts.took
    } else if (heard && /^(?:[a-z]{1,3}\d{1,2}\s+)?\d/i.test(after)) {
      out += `${text.slice(from, m.index)}${word}`
      from = start
    }
  }
  return out + text.slice(from)
}

/** French words that are a number in no other language a message here is written in: alone, they are a
 *  count or a figure ("quatre sacs", "soixante et onze cartons"). "un", "six", "sept", "neuf", "dix", "cent",
 *  "mille" and "million" are words of English or French prose too: they count only in a phrase. */
const FRENCH_ONLY = new Set([
  'deux',
  'trois',
  'quatre',
  'cinq',
  'huit',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
  ...Object.keys(FR_TENS),
])
const FR_SCALES: Record<string, number> = {
  cent: 100,
  cents: 100,
  mille: 1000,
  million: 1_000_000,
  millions: 1_000_000,
}
const FR_WORD = `(?:${[...Object.keys(FR_UNITS), ...Object.keys(FR_TENS), ...Object.keys(FR_SCALES)].join('|')})`
/** Number words in a row, joined by spaces, hyphens or "et". */
const FR_RUN = String.raw`(?<![\p{L}\d])${FR_WORD}(?:(?:[\s-]+et)?[\s-]+${FR_WORD})*`
const FR_PHRASE = new RegExp(String.raw`${FR_RUN}(?![\p{L}\d])`, 'giu')

/** A sum said with its cents after the currency: "… dollars nonante", "… euros et cinquante". */
const FR_WITH_CENTS = new RegExp(
  String.raw`(${FR_RUN})\s+(dollars?|euros?|francs?)\s+(?:et\s+)?(${FR_RUN})(?![\p{L}\d])(?!\s+(?:mille|cents?|millions?)\b)(?:\s+centimes?\b)?`,
  'giu',
)

/** A French number said in words, from its start ("deux mille trois cents" → 2300): its value and
 *  how many words it took. Two numbers below a hundred in a row end it ("cinq six" is two numbers). */
function frenchAmount(words: readonly string[]): { value: number; used: number } | undefined {
  let total = 0
  let current = 0
  let used = 0
  let small = false
  let lastScale = Number.POSITIVE_INFINITY
  while (used < words.length) {
    const w = words[used]!.toLowerCase()
    const scale = FR_SCALES[w]
    if (scale === 100) {
      // "cent" multiplies what is below a hundred ("trois cent"); "cent cent" is no number.
      if (current >= 100) break
      current = (current || 1) * 100
      small = false
      used += 1
    } else if (scale) {
      if (scale >= lastScale) break
      total += (current || 1) * scale
      lastScale = scale
      current = 0
      small = false
      used += 1
    } else {
      if (small) break
      const n = frenchNumber(words.slice(used))
      if (!n) break
      current += n.value
      small = true
      used += n.used
    }
  }
  return used ? { value: total + current, used } : undefined
}

const FR_MONTH_BEFORE =
  /(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+$/i
/** A sum said in words is money or a count, never a document's number: written with its thousands
 *  grouped ("1,240,500"), as nobody writes an identifier. Below ten thousand as said (a year). */
const grouped = (n: number): string => (n >= 10_000 ? n.toLocaleString('en-US') : String(n))

/**
 * Numbers said in French words, written as digits: "neuf mille deux cents" → 9200,
 * "quatre sacs" → "4 sacs". A phrase of two words or more, or one word only French has; "un",
 * "neuf" or "cent" alone stay as said (an article, a word, an English cent).
 */
export function frenchNumberWords(text: string): string {
  // "neuf cent douze euros quarante": the cents said after the currency.
  const withCents = text.replace(FR_WITH_CENTS, (said, whole: string, currency: string, cents: string) => {
    const units = frenchAmount(whole.split(/[\s-]+/))
    const hundredths = frenchAmount(cents.split(/[\s-]+/))
    const all = (n: { used: number } | undefined, s: string) => n?.used === s.split(/[\s-]+/).length
    if (!units || !hundredths || !all(units, whole) || !all(hundredths, cents) || hundredths.value >= 100) return said
    return `${grouped(units.value)}.${String(hundredths.value).padStart(2, '0')} ${currency}`
  })
  return withCents.replace(FR_PHRASE, (phrase, at: number) => {
    const words = phrase.split(/[\s-]+/)
    // "la facture mai douze": a number below a hundred said after a month is part of a name, not
    // a date; a sum after a month ("pour mai un million …") is read.
    const small = frenchAmount(words)
    if (small?.used === words.length && small.value < 100 && FR_MONTH_BEFORE.test(withCents.slice(0, at))) return phrase
    const out: string[] = []
    let i = 0
    while (i < words.length) {
      const n = frenchAmount(words.slice(i))
      if (!n) {
        out.push(words[i]!)
        i += 1
        continue
      }
      const said = words.slice(i, i + n.used)
      const lone = said.length === 1 && !FRENCH_ONLY.has(said[0]!.toLowerCase())
      out.push(lone ? said[0]! : grouped(n.value))
      i += n.used
    }
    return out.join(' ')
  })
}

/** A sum in English words with its cents said after the currency ("… ten dollars thirty five"). */
const EN_WITH_CENTS = new RegExp(
  String.raw`\b(${SPELLED_NUMBER})\s+(dollars?|euros?|pounds?|francs?|rand|shillings?|cedis?|naira|pesos?)\s+(?:and\s+)?(${SPELLED_NUMBER})(?:\s+(?:cents?|pence))?\b`,
  'gi',
)

/** "four thousand two hundred and ten dollars thirty five" → "4210.35 dollars": a sum of a
 *  hundred or more, cents from one to 99, each a number of its own. */
export function englishSumsWithCents(text: string): string {
  return text.replace(EN_WITH_CENTS, (said, whole: string, currency: string, cents: string) => {
    const units = parseSpelledNumber(whole)
    const hundredths = parseSpelledNumber(cents)
    if (units === undefined || hundredths === undefined || units < 100 || hundredths < 1 || hundredths > 99) return said
    return `${units}.${String(hundredths).padStart(2, '0')} ${currency}`
  })
}

/** A message read with its numbers said in words written as digits, each reader in turn: digit by
 *  digit, an invoice's number in French then in English words, French numbers, English sums with cents. */
export const withSpokenNumbers = (text: string): string =>
  englishSumsWithCents(
    frenchNumberWords(spokenInvoiceReferences(spokenInvoiceNumbers(partsJoined(lettersSpelled(spokenDigits(text)))))),
  )

/** A letter spelled as callers do ("s as in sierra", "b as in bravo"): the letter, when the word begins with it. */
const SPELLED_LETTER = /(?<![\p{L}\d])(\p{L})\s+as\s+in\s+(\p{L}+)(?![\p{L}\d])/giu
export const lettersSpelled = (text: string): string =>
  text.replace(SPELLED_LETTER, (said, letter: string, word: string) =>
    word[0]!.toLowerCase() === letter.toLowerCase() ? letter : said,
  )

/** The parts of a number said with the word for their separator ("104410 dot 002", "4471 dash 12"), once
 *  the digits are written: one identifier. Not "point", which is a decimal point in a sum said. */
const SAID_JOIN = /(?<![\p{L}\d.,])(\d{2,})\s+(dot|dash|hyphen|slash|stroke)\s+(\d+)(?![\d.,]?\d)/giu
const JOINED_BY: Record<string, string> = { dot: '.', ...SAID_SEPARATOR }
export const partsJoined = (text: string): string =>
  text.replace(SAID_JOIN, (_said, a: string, word: string, b: string) => `${a}${JOINED_BY[word.toLowerCase()]}${b}`)

/** English number words of 1-99 in a row ("four fifty two", "thirty four twenty six"), to be read as a sum. */
const SUM_WORD = `(?:${[...Object.keys(ENGLISH_UNITS).filter((w) => w !== 'zero'), ...Object.keys(TENS)].join('|')})`
const SUM_RUN = new RegExp(String.raw`(?<![\p{L}\d])${SUM_WORD}(?:[\s-]+${SUM_WORD})+(?![\p{L}\d])`, 'giu')
/** Whether a message says two numbers of 1-99 in a row, which may be a sum said as on the phone. */
const SUM_IN_TEXT = new RegExp(SUM_RUN.source, 'iu')
export const hasSpokenSum = (text: string): boolean => SUM_IN_TEXT.test(text)
/** Before or after such a run, a word that makes it part of a larger number said in full. */
const SCALE_BESIDE = /^(?:hundred|thousand|million|billion|grand|point|oh|zero)$/i
/** "… thousand and fifty five": "and" joins a number said in full only after a scale word. */
const SCALE_AND_BEFORE = /(?:hundred|thousand|million|billion|grand)\s+and\s*$/i
/** After a sum not confirmed itself, words that make it a count or a name ("the twelve forty x filters"
 *  are 12 of the 40X): it stays as said. */
const COUNTED_AFTER = /^\s*(?:[x×](?![\p{L}])|\p{L}{3,}s(?![\p{L}]))/u

/** The run's words as numbers of one or two words each ("fifty two" is 52), with the words each took. */
function twoDigitChunks(words: readonly string[]): { value: number; words: string[] }[] {
  const out: { value: number; words: string[] }[] = []
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase()
    const tens = TENS[w]
    const unit = ENGLISH_UNITS[words[i + 1]?.toLowerCase() ?? '']
    if (tens !== undefined && unit !== undefined && unit >= 1 && unit <= 9) {
      out.push({ value: tens + unit, words: words.slice(i, i + 2) })
      i++
    } else out.push({ value: tens ?? ENGLISH_UNITS[w]!, words: [words[i]!] })
  }
  return out
}

type Mode = 'hundreds' | 'cents'
/** A sum's reading in a mode, as a decimal string: "four fifty two" 452 or 4.52; "three sixty two ninety
 *  two" 362.92 in both (hundreds, then cents). None for a single number or a second part below ten. */
function readingOf(parts: readonly number[], mode: Mode): string | undefined {
  const [a, b, c] = parts
  if (a === undefined || b === undefined || b < 10) return undefined
  // Written with cents, as money is: a sum said so is never a count.
  if (c === undefined) return mode === 'hundreds' ? `${a * 100 + b}.00` : `${a}.${b}`
  return c >= 10 ? `${a * 100 + b}.${c}` : undefined
}

/**
 * Sums said the way people say prices on the phone, written as digits where the invoice says which they
 * are: "four fifty two" is 452 or 4.52, "thirty four twenty six" 3426 or 34.26, "three sixty two ninety
 * two" 362.92. A reading that is one of the invoice's own figures (`onInvoice`: a price, a line, its tax,
 * a fee, the total) decides that sum, and how this message says sums: the others are read the same way.
 * Where no sum of the message is one of the invoice's, every one stays as said (a question beats a guess).
 * Runs beside "hundred", "thousand" or "point", or after "thousand and", are numbers said in full and left to
 * their readers.
 */
export function spokenSums(text: string, onInvoice: (value: string) => boolean): string {
  const found = [...text.matchAll(SUM_RUN)].flatMap((m) => {
    const before = /(\p{L}+)\s*$/u.exec(text.slice(0, m.index))?.[1] ?? ''
    const after = /^\s*(\p{L}+)/u.exec(text.slice(m.index + m[0].length))?.[1] ?? ''
    if (SCALE_BESIDE.test(before) || SCALE_BESIDE.test(after) || SCALE_AND_BEFORE.test(text.slice(0, m.index)))
      return []
    // The run split into sums of two or three numbers, the later ones of two digits ("twelve two
    // eighty eight" is twelve, then "two eighty eight").
    const sums: { value: number; words: string[] }[][] = []
    for (const chunk of twoDigitChunks(m[0].split(/[\s-]+/))) {
      const last = sums.at(-1)
      if (last && chunk.value >= 10 && last.length < 3) last.push(chunk)
      else sums.push([chunk])
    }
    return [
      {
        at: m.index,
        said: m[0],
        sums: sums.map((sum) => ({ parts: sum.map((c) => c.value), words: sum.flatMap((c) => c.words) })),
      },
    ]
  })
  const sums = found.flatMap((f) => f.sums)
  const confirms = (mode: Mode) =>
    sums.some((s) => {
      const value = readingOf(s.parts, mode)
      return value !== undefined && onInvoice(value)
    })
  const mode: Mode | undefined = confirms('hundreds') ? 'hundreds' : confirms('cents') ? 'cents' : undefined
  if (!mode) return text
  let out = ''
  let from = 0
  for (const { at, said, sums } of found) {
    const next = text.slice(at + said.length)
    const written = sums.map((s, i) => {
      const value = readingOf(s.parts, mode)
      // The last sum of the run is followed by the message's next words; a sum inside it by a number.
      const counted = i === sums.length - 1 && COUNTED_AFTER.test(next)
      return value !== undefined && (onInvoice(value) || !counted) ? value : s.words.join(' ')
    })
    out += `${text.slice(from, at)}${written.join(' ')}`
    from = at + said.length
  }
  return out + text.slice(from)
}
