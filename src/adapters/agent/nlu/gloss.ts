/**
 * A message in another language glossed word by word into the English our readers understand
 * ("recibimos 95 sacos, no 100" → "received 95 sacos, not 100"), from data/gloss.json. It is a
 * second reading, never the message of record: names, numbers and references stay as typed, and
 * only words the glossary lists change. Word order stays the customer's; the count rules and the
 * reason classifier read words and short phrases, which is what survives a gloss.
 */
import glossData from './data/gloss.json' with { type: 'json' }
import { fold } from './fold.ts'
import { escapeRegExp } from '../../../core/escape-regexp.ts'
import { memoizedByText } from './memo.ts'
import { type Factors, factorsOf, mayMatch } from './regex-factors.ts'

/** Accents off, and the letters Unicode does not decompose spelled in ASCII ("såpe" → "sape"). The
 *  joiners that shape Indic conjuncts ("ප්‍රමාද") and the Armenian stress and question marks written on
 *  a vowel ("ինչո՞ւ") are dropped, so they do not split a word; an apostrophe between letters is typed
 *  one way ("to‘landi", "пом’яті", "maʻu" → "'"). */
const ascii = (s: string): string =>
  fold(s)
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/\u200c|\u200d|[\u055b-\u055e]/g, '')
    .replace(/(?<=[\p{L}\p{M}])[‘’ʻʼ`](?=\p{L})/gu, "'")
const key = (s: string): string => ascii(s.toLowerCase())

const WORDS = new Map<string, string>()
for (const [english, words] of Object.entries(glossData.words)) for (const w of words) WORDS.set(key(w), english)
/** The glossary's words as it spells them, accents kept: an abbreviation is glossed only when one is it. */
const SPELLED = new Set(Object.values(glossData.words).flatMap((words) => words.map((w) => w.toLowerCase())))

/**
 * Words that two spellings share once accents are folded, each spelling meaning something else:
 * "facturés" (billed) and "factures" (invoices), "già" (already) and "giá" (price). The accented
 * spelling is glossed before the message is folded; the folded key keeps the glossary's last.
 */
const ACCENTED = new Map<string, string>()
{
  const spellings = new Map<string, Map<string, string>>()
  for (const [english, words] of Object.entries(glossData.words))
    for (const w of words) {
      const typed = w.toLowerCase().normalize('NFC')
      const byKey = spellings.get(key(w)) ?? new Map<string, string>()
      byKey.set(typed, english)
      spellings.set(key(w), byKey)
    }
  for (const [k, byKey] of spellings)
    if (new Set(byKey.values()).size > 1)
      for (const [typed, english] of byKey) if (typed !== k) ACCENTED.set(typed, english)
}
const ACCENTED_WORD = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:${[...ACCENTED.keys()].map(escapeRegExp).join('|') || '(?!)'})(?![\p{L}\p{M}])`,
  'giu',
)
const accentedFirst = (text: string): string =>
  text.normalize('NFC').replace(ACCENTED_WORD, (w) => ACCENTED.get(w.toLowerCase()) ?? w)

/**
 * Month names in the glossary's languages, from the runtime's own locale data (ICU), never typed by
 * hand: "outubro", "octobre", "października", "lokakuun" → "October". The standalone and the
 * in-a-date forms (Polish and Czech decline them), Finnish's "-n" (of) and "-ssa" (in) endings and
 * Hungarian's "-i" (of) and "-ben"/"-ban" (in).
 * Always the Gregorian months (Persian and Thai default to their own calendars). Left out: languages
 * whose month is a numeral with a word for "month" (Chinese, Japanese, Korean, Vietnamese,
 * Mongolian), Azerbaijani and Uzbek, whose "may" is an English word, Tongan ("Mē"), Yoruba ("Ṣẹ́rẹ́",
 * and "Ògún", a state), Malagasy ("Jona", a name), and Fijian and Samoan, which ICU gives English
 * months. Sinhala's are its own month names, which people give the Gregorian months. A name two
 * languages give to different months keeps the first language's: "listopad" is November (Polish,
 * Czech), not October (Croatian).
 */
const MONTH_LOCALES = [
  ...['es', 'pt', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'nb', 'pl', 'fi', 'cs', 'tr', 'ca', 'ro', 'hu'],
  ...['el', 'is', 'ru', 'uk', 'ar', 'id', 'ms', 'sw', 'th', 'he', 'bg', 'sr', 'sr-Latn', 'hr', 'bs', 'sk', 'sl'],
  ...['lt', 'lv', 'et', 'af', 'hi', 'ur', 'bn', 'fa', 'am', 'ka', 'kk', 'sq', 'mk', 'zu', 'ha'],
  ...['hy', 'ky', 'tg', 'ne', 'si', 'ta', 'te', 'mr', 'pa', 'km', 'lo', 'my', 'fil', 'so', 'xh', 'mi'],
]
/** Month names that are also a common word of a listed language: Hindi's "मे" (in, typed without its
 *  dot), and Estonian's "mail" and "mais" (in May: English's mail, French and Portuguese's "but"). */
const NOT_MONTHS = new Set(['मे', 'mail', 'mais'])
// One formatter per locale and form (making one costs ten times what using it does).
const ENGLISH_MONTH = new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' })
for (const locale of MONTH_LOCALES) {
  const gregorian = `${locale}-u-ca-gregory`
  const standalone = new Intl.DateTimeFormat(gregorian, { month: 'long', timeZone: 'UTC' })
  const withDay = new Intl.DateTimeFormat(gregorian, { day: 'numeric', month: 'long', timeZone: 'UTC' })
  for (let m = 0; m < 12; m++) {
    const day = new Date(Date.UTC(2026, m, 15))
    const english = ENGLISH_MONTH.format(day)
    const alone = standalone.format(day)
    const inDate = withDay.formatToParts(day).find((p) => p.type === 'month')?.value
    const forms = [alone, inDate ?? alone].map((f) => f.split(/[\s'’]/).at(-1) ?? f)
    if (locale === 'fi') forms.push(`${alone}n`, `${alone}ssa`)
    // Hungarian suffixes its months: "szeptemberi" (September's), "szeptemberben" (in September).
    if (locale === 'hu') forms.push(`${alone}i`, `${alone}ben`, `${alone}ban`)
    // Estonian too: "oktoobril" (on, in October), "oktoobris" (in), "oktoobrist" (from), "oktoobrini"
    // (until), "mail"; "oktoober" drops its "e" before them.
    if (locale === 'et') {
      const stem = alone.replace(/er$/, 'r')
      const endings = /[aeiou]$/.test(stem) ? ['l', 's', 'st', 'ni'] : ['il', 'is', 'ist', 'ini']
      forms.push(...endings.map((e) => stem + e))
    }
    for (const f of forms) if (!WORDS.has(key(f)) && !NOT_MONTHS.has(f)) WORDS.set(key(f), english)
  }
}

/**
 * Weekday names from ICU too ("dinsdag", "tisdag", "wtorek" → "Tuesday"), in the languages of Europe
 * that write them as one word of their own: Portuguese's "terça-feira" is two, and the weekdays of
 * Turkish, Indonesian, Malay and Swahili are also common words ("cuma" is the Indonesian "only").
 * A word the glossary already has keeps its English.
 */
const WEEKDAY_LOCALES = ['es', 'fr', 'de', 'it', 'nl', 'sv', 'da', 'nb', 'pl', 'fi', 'cs', 'ca', 'ro', 'hu']
const ENGLISH_WEEKDAY = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' })
for (const locale of WEEKDAY_LOCALES) {
  const format = new Intl.DateTimeFormat(`${locale}-u-ca-gregory`, { weekday: 'long', timeZone: 'UTC' })
  for (let d = 0; d < 7; d++) {
    const day = new Date(Date.UTC(2026, 0, 4 + d))
    const name = format.format(day)
    if (/^\p{L}+$/u.test(name) && !WORDS.has(key(name))) WORDS.set(key(name), ENGLISH_WEEKDAY.format(day))
  }
}

/** "Wartungsvertrag", "servicefaktura": a compound read as its head ("contract", "invoice"). */
const HEADS = glossData.compoundHeads.map(key).sort((a, b) => b.length - a.length)
const headOf = (word: string): string | undefined => {
  const head = HEADS.find((h) => word.length >= h.length + 3 && word.endsWith(h))
  return head ? (WORDS.get(head) ?? head) : undefined
}

/** Scripts written without spaces between words: a listed word or phrase in them ("发票", "ไม่มา")
 *  is found anywhere in a run of letters, and its English is set off by spaces. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

/** Longest phrase first, so "n'est jamais venu" wins over "venu". A letter's marks (Devanagari,
 *  Bengali and Thai vowel signs) belong to its word. */
const once = <T>(make: () => T): (() => T) => {
  let made: T | undefined
  return () => (made ??= make())
}

interface Phrase {
  /** The expression, made on first use: a message tries a few hundred of the thousands, and making
   *  them all took half a second at start. */
  re: () => RegExp
  literal: string | undefined
  /** For an expression: strings one of which any match contains (regex-factors.ts), worked out once. */
  factors: () => Factors | undefined
  english: string
  unspaced: boolean
}
const PHRASES: Phrase[] = [
  ...Object.entries(glossData.phrases),
  ...Object.entries(glossData.words).map(([english, list]): [string, string[]] => [
    english,
    list.filter((w) => UNSPACED.test(w)),
  ]),
]
  .flatMap(([english, list]) => list.map((p) => ({ p: key(p), english, unspaced: UNSPACED.test(p) })))
  .sort((a, b) => b.p.length - a.p.length)
  .map(({ p, english, unspaced }) => {
    const re = once(() => new RegExp(unspaced ? p : `(?<![\\p{L}\\p{M}])${p}(?![\\p{L}\\p{M}])`, 'giu'))
    return {
      re,
      // A phrase written without regular-expression syntax is found only where its text is: a plain
      // search first spares thousands of expressions a message of another language never needs.
      literal: /[\\()[\]{}|?*+.^$]/.test(p) ? undefined : p,
      factors: once(() => factorsOf(re())),
      english,
      unspaced,
    }
  })

/** A run of letters and their marks: what the phrases' edges (`(?<![\p{L}\p{M}])`) call a word. */
const WORD = /[\p{L}\p{M}]+/gu

/**
 * Where to look a message's phrases up. A spaced literal that begins with a letter can only be where
 * its first word is a whole word of the message, so it is filed under that word; an unspaced literal
 * (found inside a run of letters, often one or two characters long) under its first character; an
 * expression by the first three characters of each string one of which its every match holds
 * (regex-factors.ts), as is a literal beginning with a sign; the rest are always tried. Made at the
 * first gloss: reading the expressions costs milliseconds no start-up should pay.
 */
const INDEX = once(() => {
  const byWord = new Map<string, number[]>()
  const byStart = new Map<string, number[]>()
  const byChar = new Map<string, number[]>()
  const always: number[] = []
  const file = (map: Map<string, number[]>, k: string, at: number): void => {
    const list = map.get(k)
    if (list) list.push(at)
    else map.set(k, [at])
  }
  PHRASES.forEach(({ literal, factors, unspaced }, at) => {
    if (literal !== undefined && unspaced) return file(byChar, String.fromCodePoint(literal.codePointAt(0)!), at)
    const firstWord = literal !== undefined ? /^[\p{L}\p{M}]+/u.exec(literal)?.[0] : undefined
    if (firstWord) return file(byWord, firstWord, at)
    const needs = literal !== undefined ? [literal] : factors()?.anyOf
    if (!needs || needs.some((n) => n.length < 3)) always.push(at)
    else for (const start of new Set(needs.map((n) => n.slice(0, 3)))) file(byStart, start, at)
  })
  return { byWord, byStart, byChar, always }
})

/** An English gloss written into unspaced text, with a space wherever it would touch a letter or a
 *  figure ("只收到8箱" → "only received 8箱"). */
const touches = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{M}\p{N}]/u.test(c)
const spacedOff = (english: string, at: number, text: string, length: number): string =>
  (touches(text[at - 1]) ? ' ' : '') + english + (touches(text[at + length]) ? ' ' : '')

/** "d'octobre", "dell'ordine", "l'avoir": an elided article or preposition, then a listed word. */
const elided = (w: string): string | undefined => {
  const m = /^(\p{L}{1,4})['’](\p{L}{2,})$/u.exec(w)
  const english = m ? (WORDS.get(key(m[2]!)) ?? headOf(key(m[2]!))) : undefined
  return m && english ? `${m[1]}' ${english}` : undefined
}

/** Romance gender and number endings: the glossary lists "aplastados" and the message says
 *  "aplastadas", "schiacciato" or "danificada". */
const ENDINGS = ['os', 'as', 'es', 'o', 'a', 'e', 'i']
const inflected = (w: string): string | undefined => {
  if (w.length < 6) return undefined
  const end = ENDINGS.find((e) => w.endsWith(e))
  if (end) {
    const stem = w.slice(0, -end.length)
    for (const other of ENDINGS) {
      const english = other !== end ? WORDS.get(stem + other) : undefined
      if (english) return english
    }
  }
  return conjugated(w)
}

/** Spanish, Portuguese and Italian verb endings (accents folded), longest first: the person and tense
 *  a verb the glossary lists in another form is written in ("facturamos", "cobraron", "pagou"). */
const VERB_ENDINGS = [
  'abamos',
  'aremos',
  'ieron',
  'eron',
  'aron',
  'aram',
  'avano',
  'arono',
  'irono',
  'iamo',
  'amos',
  'emos',
  'imos',
  'aban',
  'aste',
  'iste',
  'aba',
  'ian',
  'ava',
  'ara',
  'ano',
  'ou',
  'eu',
  'iu',
  'io',
  'an',
  'en',
  'ia',
  'o',
]
/** The forms a glossary most often lists a verb in: past participles and the third person past. */
const LISTED_FORMS = [
  'ado',
  'ada',
  'ados',
  'adas',
  'ido',
  'ida',
  'idos',
  'idas',
  'ato',
  'ata',
  'ati',
  'ate',
  'aron',
  'ieron',
  'ou',
]

/** "facturamos" → the glossary's "facturado": a verb's stem (four letters at least) with a listed ending. */
function conjugated(w: string): string | undefined {
  for (const end of VERB_ENDINGS) {
    if (!w.endsWith(end) || w.length - end.length < 4) continue
    const stem = w.slice(0, -end.length)
    for (const form of LISTED_FORMS) {
      const english = WORDS.get(stem + form)
      if (english) return english
    }
  }
  return undefined
}

/** "har nu fået": in a message written with the Nordic letters (and none of Romanian's), "nu" is "now",
 *  not the Romanian "not" the glossary reads it as. */
const NORDIC_LETTERS = /[æøåÆØÅ]/
const ROMANIAN_LETTERS = /[ăâîșțşţĂÂÎȘȚŞŢ]/
const nordicNow = (text: string): string =>
  NORDIC_LETTERS.test(text) && !ROMANIAN_LETTERS.test(text) ? text.replace(/(?<![\p{L}])nu(?![\p{L}])/giu, 'now') : text

/** The Romanian "și" (and), typed with its comma: folded to "si" it would be the "not" between two
 *  figures the glossary reads ("14 si 15"), and "14 și 15 septembrie" is two days. */
const romanianAnd = (text: string): string => text.replace(/(?<![\p{L}])[șş]i(?![\p{L}])/giu, 'and')

/** Croatian words and letters, in a message with none of Polish's or Czech's: "listopad" is then October. */
const CROATIAN =
  /[đĐ]|(?<![\p{L}])(?:nisu|nije|račun[a-z]*|racun[a-z]*|smo|ste|jer|što|hvala|molim|poštovani|postovani)(?![\p{L}])/iu
const POLISH_OR_CZECH = /[łąęśźżńŁĄĘŚŹŻŃřěůŘĚŮ]|(?<![\p{L}])(?:nie|jest|faktur[a-z]*|není|prosím)(?![\p{L}])/iu
/** "u listopadu", "15. listopada": October in Croatian, where Polish and Czech (listed first) say November. */
const croatianOctober = (text: string): string =>
  CROATIAN.test(text) && !POLISH_OR_CZECH.test(text) ? text.replace(/(?<![\p{L}])listopad[a-z]*/giu, 'October') : text

/** The message with every listed word or phrase in English; the rest (names, figures) as typed, accents
 *  folded. A turn's readers gloss the same message and its parts about twice each (6,672 calls for
 *  3,426 texts over four held-out batches): each text is glossed once. */
export const glossToEnglish: (text: string) => string = memoizedByText((text) => glossed(text))

function glossed(text: string): string {
  let t = ascii(accentedFirst(nordicNow(croatianOctober(romanianAnd(text)))))
  let lower = t.toLowerCase()
  const hasUnspaced = UNSPACED.test(t)
  let queue = candidates(lower, 0, hasUnspaced)
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q]!
    const { re, literal, factors, english, unspaced } = PHRASES[at]!
    if (
      (unspaced && !hasUnspaced) ||
      (literal !== undefined ? !lower.includes(literal) : !mayMatch(factors(), t, lower))
    )
      continue
    const next = unspaced
      ? t.replace(re(), (found: string, at: number, text: string) => spacedOff(english, at, text, found.length))
      : t.replace(re(), english)
    if (next !== t) {
      t = next
      lower = t.toLowerCase()
      // The English written in may begin a later phrase: the rest are chosen again from the new text.
      queue = candidates(lower, at + 1, hasUnspaced)
      q = -1
    }
  }
  // "VO 07", "the QS": two or three capitals in a message not written in capitals are an abbreviation,
  // glossed only as the glossary spells it ("IVA", "ДДС"), never as a word folded from its accents
  // ("VO" is no Vietnamese "vỡ").
  const capitals = (t.match(/\p{Lu}/gu) ?? []).length
  const shouted = capitals * 2 > (t.match(/\p{L}/gu) ?? []).length
  return t.replace(/[\p{L}][\p{L}\p{M}'’]*/gu, (w) =>
    !shouted && ABBREVIATION.test(w) && !SPELLED.has(w.toLowerCase()) ? w : glossWord(w),
  )
}
const ABBREVIATION = /^\p{Lu}{2,3}$/u

/** A word's gloss depends on the word alone, and messages repeat their words: each is worked out once. */
const glossWord = memoizedByText((w) => {
  const k = key(w)
  // A word written as a name ("Marcia", "Franco") is never another word's inflection.
  const asName = /^\p{Lu}\p{Ll}+$/u.test(w)
  return WORDS.get(k) ?? headOf(k) ?? elided(w) ?? withoutParticle(w) ?? (asName ? undefined : inflected(k)) ?? w
}, 20_000)

/**
 * The phrases a text can hold, from the `from`-th on, in the glossary's order: those filed (INDEX) under
 * one of its words, its runs of three characters and, in unspaced text, its characters. Of the
 * thousands, a few dozen are tried (held-out turns and their clauses: 37 a text, from 289 when every
 * expression and every short unspaced word was tried on every text).
 */
function candidates(lower: string, from: number, hasUnspaced: boolean): number[] {
  const { byWord, byStart, byChar, always } = INDEX()
  const out = always.filter((i) => i >= from)
  const take = (list: number[] | undefined): void => {
    for (const at of list ?? []) if (at >= from) out.push(at)
  }
  for (const word of new Set(lower.match(WORD))) take(byWord.get(word))
  if (hasUnspaced) for (const char of new Set(lower)) take(byChar.get(char))
  const seen = new Set<string>()
  for (let i = 0; i + 3 <= lower.length; i++) {
    const start = lower.slice(i, i + 3)
    if (seen.has(start)) continue
    seen.add(start)
    take(byStart.get(start))
  }
  // An expression filed under several starts is tried once.
  return [...new Set(out)].sort((a, b) => a - b)
}

/** Korean particles and the verb endings made from a noun ("파손되어": damaged), longest first:
 *  written onto the word they follow ("단가가", "계약서에"). */
const PARTICLES = [
  '되었습니다',
  '하였습니다',
  '했습니다',
  '되었고',
  '되었다',
  '되었',
  '되어',
  '하여',
  '해서',
  '된',
  '됨',
  '으로는',
  '에서는',
  '에서',
  '에게',
  '까지',
  '부터',
  '으로',
  '이라',
  '이',
  '가',
  '을',
  '를',
  '은',
  '는',
  '에',
  '의',
  '로',
  '와',
  '과',
  '도',
  '만',
  '라',
]

/** "단가가" → the glossary's "단가": a Hangul word read without the particle written onto it. */
function withoutParticle(typed: string): string | undefined {
  // The gloss reads folded (decomposed) text; particles are matched on the composed word.
  const word = typed.normalize('NFC')
  if (!/^\p{Script=Hangul}+$/u.test(word)) return undefined
  for (const p of PARTICLES) {
    if (word.length > p.length && word.endsWith(p)) {
      const english = WORDS.get(key(word.slice(0, -p.length)))
      if (english) return english
    }
  }
  return undefined
}
