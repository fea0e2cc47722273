/**
 * Which ledger customer a message names: "globex", "Globex Corp", "Wayne's", a typo like
 * "Intiech". Names are compared without legal suffixes (Inc, LLC, Corp…) by optimal-string-
 * alignment distance (Damerau-Levenshtein with adjacent transpositions), so one slip of the
 * fingers still matches while a different word does not.
 */

import anyAscii from 'any-ascii'
import { fold } from './fold.ts'
import { memoizedByText } from './memo.ts'
import vocab from './data/vocab.json' with { type: 'json' }
import { isCurrencyCode } from './numbers.ts'

export interface CustomerLike {
  id: string
  name: string
}

export interface CustomerMatch {
  id: string
  name: string
  /** 1 for an exact match of the name's core, lower for typos or a partial name. */
  score: number
  /** The words in the text that matched. */
  matched: string
}

const LEGAL = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'pty',
  'srl',
  'spa',
  'oy',
  'ab',
  'as',
  'kk',
  'group',
  'holdings',
  'the',
  // Legal forms written in Cyrillic (Russian, Kazakh, Mongolian, Ukrainian) and Georgian.
  'тоо',
  'ооо',
  'оао',
  'зао',
  'пао',
  'ао',
  'ип',
  'жшс',
  'ақ',
  'ххк',
  'тов',
  'прат',
  'შპს',
  'სს',
])
/** First words too common to name a customer on their own. */
const GENERIC = new Set([
  'united',
  'national',
  'american',
  'global',
  'general',
  'first',
  'international',
  'north',
  'south',
  'east',
  'west',
  'new',
  'great',
  'best',
  'city',
  'state',
  'city',
  'star',
  'blue',
  'green',
  'red',
  'summit',
  'premier',
  'pacific',
])

const COMMON = new Set(vocab.customerCommonWords as string[])

const words = (s: string, umlauts = false): string[] =>
  fold(s, umlauts)
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    // Letters of every script: a name in Cyrillic, Georgian or Arabic is words too, never nothing.
    .replace(/[^\p{L}\p{M}\p{N}&]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)

const core = (name: string, umlauts = false): string[] => {
  const w = words(name, umlauts)
  const kept = w.filter((x) => !LEGAL.has(x))
  return kept.length ? kept : w
}

/** Optimal string alignment distance: edits, with a swap of two adjacent letters counting as one. */
export function osaDistance(a: string, b: string): number {
  return osaWithin(a, b, a.length + b.length)
}

// The three rows of the distance table osaWithin keeps (rows i-2, i-1 and i), reused by every call:
// a turn compares the message with every customer's name, and a table per pair was most of the cost.
let before = new Int32Array(32)
let previous = new Int32Array(32)
let current = new Int32Array(32)

/**
 * The optimal string alignment distance when it is at most `max`, else a number above `max`. Once
 * two consecutive rows exceed `max` no later cell can come back under it (each cell adds to a cell
 * of one of the two rows before, or to the cell before it in its own row), so the rest is skipped.
 */
function osaWithin(a: string, b: string, max: number): number {
  const m = b.length
  if (current.length <= m) {
    before = new Int32Array(m + 1)
    previous = new Int32Array(m + 1)
    current = new Int32Array(m + 1)
  }
  for (let j = 0; j <= m; j++) current[j] = j
  let lastMin = 0
  for (let i = 1; i <= a.length; i++) {
    const spare = before
    before = previous
    previous = current
    current = spare
    current[0] = i
    let rowMin = i
    const ai = a.charCodeAt(i - 1)
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1)
      let v = previous[j - 1]! + (ai === bj ? 0 : 1)
      const up = previous[j]! + 1
      if (up < v) v = up
      const left = current[j - 1]! + 1
      if (left < v) v = left
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) {
        const swap = before[j - 2]! + 1
        if (swap < v) v = swap
      }
      current[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max && lastMin > max) return max + 1
    lastMin = rowMin
  }
  return current[m]!
}

/** Similarity in [0, 1]; a typo allowance that grows with length (none under 4 letters). */
function similarity(a: string, b: string): number {
  if (a === b) return 1
  const longest = Math.max(a.length, b.length)
  const allowed = longest < 4 ? 0 : longest < 8 ? 1 : 2
  // The distance is at least the difference in length (and 1 for different strings): most pairs
  // are out of reach before the table is built.
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return 0
  const dist = osaWithin(a, b, allowed)
  return dist <= allowed ? 1 - dist / longest : 0
}

/**
 * What matching reads of a text, for every customer alike: its words, its proper nouns and its
 * windows of k words joined by spaces. Prepared once per text (a turn matches the same message
 * against every customer, one by one for `matchCustomersInText`), not once per customer.
 */
interface PreparedText {
  tokens: string[]
  proper: Set<string>
  /** windows[k][i]: tokens i … i + k - 1 joined by a space; built on first use. */
  windows: string[][]
  /** Whether the token before each token starts with a digit (a count: "1,150 crates"). */
  afterCount: boolean[]
}

/** The last two texts prepared: a message and its transliteration, which matchCustomer reads in
 *  turn for every customer (one slot would prepare both again each time). */
const recentTexts = new Map<string, PreparedText>()
function prepareText(text: string): PreparedText {
  const known = recentTexts.get(text)
  if (known) return known
  const tokens = words(text)
  const prepared: PreparedText = {
    tokens,
    proper: properWords(text),
    windows: [[], tokens],
    afterCount: tokens.map((_, i) => /^\d/.test(tokens[i - 1] ?? '')),
  }
  if (recentTexts.size >= 2) recentTexts.delete(recentTexts.keys().next().value!)
  recentTexts.set(text, prepared)
  return prepared
}

function windowsOf(p: PreparedText, k: number): string[] {
  let w = p.windows[k]
  if (!w) {
    w = []
    for (let i = 0; i + k <= p.tokens.length; i++) w.push(p.tokens.slice(i, i + k).join(' '))
    p.windows[k] = w
  }
  return w
}

/** Letters of a script other than Latin. */
const NON_LATIN = /[^\P{L}\p{Script=Latin}]/u

export function matchCustomer(
  text: string,
  customers: readonly CustomerLike[],
  among: readonly CustomerLike[] = customers,
): CustomerMatch | null {
  const spaced = matchIn(text, customers, sharedWords(among))
  const unspaced = unspacedMatch(text, customers, among)
  const typedBest = unspaced && (!spaced || unspaced.score > spaced.score) ? unspaced : spaced
  // A name the ledger keeps in its own script typed in Latin letters ("Zlatna Niva" for "Златна
  // Нива"): the names are read again transliterated, and the better reading stands.
  const best = latinNames(text, customers, among, typedBest)
  if (!NON_LATIN.test(text)) return best
  // A name the ledger keeps in Latin letters written in the customer's own script ("Монгол Рейл Фрейт"
  // for Mongol Rail Freight, "Таван Толгой"): the text is read again transliterated (any-ascii), and
  // the better reading stands.
  const latin = matchIn(transliterated(text), customers, sharedWords(among))
  const better = latin && (!best || latin.score > best.score) ? latin : best
  if (!ABUGIDA.test(text) || (better && better.score >= SURE)) return better
  // Scripts that write most vowels as marks the transliteration drops ("महालक्ष्मी" → "mhalksmi"): the
  // names are compared again by their consonants, and the better reading stands.
  const byId = new Map(customers.map((c) => [c.id, c]))
  const skeleton = matchIn(
    consonants(transliterated(text)),
    customers.map((c) => ({ ...c, name: consonants(c.name) })),
  )
  const own = skeleton && byId.get(skeleton.id)
  return own && skeleton && (!better || skeleton.score > better.score) ? { ...skeleton, name: own.name } : better
}

/** A customer list with its names in Latin letters, made once per list (the ledger's list is read every turn). */
const latinCache = new WeakMap<readonly CustomerLike[], readonly CustomerLike[]>()
function inLatin(list: readonly CustomerLike[]): readonly CustomerLike[] {
  let latin = latinCache.get(list)
  if (!latin) {
    latin = list.map((c) => ({ ...c, name: NON_LATIN.test(c.name) ? transliterated(c.name) : c.name }))
    latinCache.set(list, latin)
  }
  return latin
}

function latinNames(
  text: string,
  customers: readonly CustomerLike[],
  among: readonly CustomerLike[],
  best: CustomerMatch | null,
): CustomerMatch | null {
  if (NON_LATIN.test(text) || !customers.some((c) => NON_LATIN.test(c.name))) return best
  const byId = new Map(customers.map((c) => [c.id, c]))
  const latin = matchIn(text, inLatin(customers), sharedWords(inLatin(among)))
  const own = latin && byId.get(latin.id)
  return own && latin && (!best || latin.score > best.score) ? { ...latin, name: own.name } : best
}

/** The words of more than one customer's name, per customer list (a ledger's list is read every turn). */
const sharedCache = new WeakMap<readonly CustomerLike[], ReadonlySet<string>>()
function sharedWords(customers: readonly CustomerLike[]): ReadonlySet<string> {
  let shared = sharedCache.get(customers)
  if (!shared) {
    const seen = new Set<string>()
    const twice = new Set<string>()
    for (const c of customers)
      for (const w of new Set(core(c.name))) {
        if (seen.has(w)) twice.add(w)
        seen.add(w)
      }
    shared = twice
    sharedCache.set(customers, shared)
  }
  return shared
}

/** Scripts that write a name's words without spaces between them (Chinese, Japanese, Korean names). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const UNSPACED_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{N}]+/gu
/** Their legal forms, which name no one. */
const UNSPACED_LEGAL =
  /株式会社|有限会社|合同会社|[(（]株[)）]|㈱|주식회사|유한회사|[(（]주[)）]|㈜|股份有限公司|有限责任公司|有限責任公司|有限公司|公司|法人/gu
/** A part this short names no one ("食品", "상사"). */
const UNSPACED_MIN = 3

/**
 * "푸른들" for (주)푸른들농산유통, "宏远机电" for 青浦市宏远机电设备有限公司: a name run together
 * is written short by a part of it, not by its words. The longest part of three letters or more that
 * the text holds and no other customer's name shares (a city several names begin with is no one's),
 * scored by how much of the name it is.
 */
function unspacedMatch(
  text: string,
  customers: readonly CustomerLike[],
  among: readonly CustomerLike[],
): CustomerMatch | null {
  if (!UNSPACED.test(text)) return null
  let best: CustomerMatch | null = null
  for (const c of customers) {
    const runs = (c.name.replace(UNSPACED_LEGAL, ' ').match(UNSPACED_RUN) ?? []).filter((r) => UNSPACED.test(r))
    const whole = runs.join('').length
    const others = (part: string) => among.some((o) => o.id !== c.id && o.name.includes(part))
    for (const run of runs) {
      const part = longestShared(run, text, others)
      if (!part) continue
      const score = round(0.8 + (0.2 * part.length) / whole)
      if (!best || score > best.score) best = { id: c.id, name: c.name, score, matched: part }
    }
  }
  return best
}

/** The longest part of a run that the text holds and no other name does (asked only of parts the text
 *  holds: a ledger's customers are many), if one is long enough. */
function longestShared(run: string, text: string, others: (part: string) => boolean): string | undefined {
  for (let len = run.length; len >= UNSPACED_MIN; len--) {
    for (let i = 0; i + len <= run.length; i++) {
      const part = run.slice(i, i + len)
      const letters = [...part].filter((ch) => UNSPACED.test(ch)).length
      if (letters >= 2 && text.includes(part) && !others(part)) return part
    }
  }
  return undefined
}

/** A match this good needs no second reading. */
const SURE = 0.8
/** Indic scripts, whose vowels after a consonant are marks. */
const ABUGIDA =
  /[\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}]/u
/** A word's consonants, one of each run, with the spellings transliteration varies ("pickles", "pikls" → "pkls"). */
const consonants = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/[aeiouyhw]/g, '')
    .replace(/(\p{L})\1+/gu, '$1')

let lastLatin: { text: string; latin: string } | null = null
const transliterated = (text: string): string => {
  if (lastLatin?.text !== text) lastLatin = { text, latin: anyAscii(text) }
  return lastLatin.latin
}

function matchIn(
  text: string,
  customers: readonly CustomerLike[],
  shared: ReadonlySet<string> = new Set(),
): CustomerMatch | null {
  const prepared = prepareText(text)
  let best: CustomerMatch | null = null
  const consider = (c: CustomerLike, s: number, matched: string) => {
    if (s > 0 && (!best || s > best.score)) best = { id: c.id, name: c.name, score: round(s), matched }
  }
  for (const c of customers) {
    for (const name of nameForms(c.name)) matchName(c, name, prepared, consider, shared)
  }
  return best
}

/** The words written with a capital, as `words` spells them: the proper nouns of the text. */
function properWords(text: string): Set<string> {
  return new Set(
    (text.match(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}]{4,}/gu) ?? [])
      .flatMap((w) => words(w))
      .filter((w) => !COMMON.has(w)),
  )
}

/**
 * A name's word inflected where the text has its stem: "Porvoo" for Porvoon Leipomo Oy, "Brno"
 * for Brněnská…, as English writers drop a Finnish, Hungarian or Slavic case ending. Only a proper
 * noun of five letters or more, and an ending of at most three letters.
 */
const isStemOf = (typed: string, word: string): boolean =>
  typed.length >= 5 && word.length > typed.length && word.length - typed.length <= 3 && word.startsWith(typed)

/** The parts of one form of a name that matchName compares with the text, in the order it tries them. */
interface NameForm {
  /** The core words joined by a space. */
  target: string
  words: number
  /** The core words as one ("waynefoods"), for a name of more than one word. */
  joined: string | null
  /** The first k words of a longer name, spaced and joined (six letters or more). */
  heads: { k: number; spaced: string; joined: string }[]
  /** The first word alone, when it is long and distinctive enough. */
  first: string | null
  /** Runs of two or more later words (six letters or more). */
  runs: { k: number; spaced: string }[]
  /** Distinctive later words. */
  later: string[]
}

function nameForm(name: string[]): NameForm {
  const heads: NameForm['heads'] = []
  for (let k = 2; k < name.length; k++) {
    const head = name.slice(0, k)
    // "El-Bab" of El-Bab Marine Supplies: a particle and a short word name the customer together.
    const minimum = PARTICLES.has(name[0]!) ? 5 : 6
    if (head.join('').length >= minimum) heads.push({ k, spaced: head.join(' '), joined: head.join('') })
  }
  const runs: NameForm['runs'] = []
  for (let s = 1; s + 2 <= name.length; s++) {
    for (let k = 2; s + k <= name.length; k++) {
      const run = name.slice(s, s + k)
      if (run.join('').length >= 6) runs.push({ k, spaced: run.join(' ') })
    }
  }
  const first = name[0]!
  return {
    target: name.join(' '),
    words: name.length,
    joined: name.length > 1 ? name.join('') : null,
    heads,
    first: name.length > 1 && first.length >= 4 && !GENERIC.has(first) ? first : null,
    runs,
    later: name.slice(1).filter((w) => !(w.length < 5 || COMMON.has(w) || GENERIC.has(w))),
  }
}

/**
 * A name's core words, plain and with umlauts spelled out, prepared once per name: a turn reads every
 * customer, and the customer list changes only with the ledger.
 */
const nameForms = memoizedByText(
  (name): NameForm[] =>
    [...new Set([core(name).join(' '), core(name, true).join(' ')])]
      .map((n) => n.split(' ').filter(Boolean))
      .filter((n) => n.length > 0)
      .map(nameForm),
  50_000,
)

function matchName(
  c: CustomerLike,
  name: NameForm,
  text: PreparedText,
  consider: (c: CustomerLike, s: number, matched: string) => void,
  shared: ReadonlySet<string>,
): void {
  const { tokens, proper } = text
  // Try the whole core name against each window of as many words, then its first words alone.
  for (const window of windowsOf(text, name.words)) consider(c, similarity(window, name.target), window)
  // A domain or handle writes the name as one word ("waynefoods.com").
  if (name.joined !== null) {
    for (const t of tokens) consider(c, similarity(t, name.joined), t)
  }
  // The first words of a longer name ("Tri-County" for Tri-County Builders), spaced or joined.
  for (const head of name.heads) {
    for (const window of windowsOf(text, head.k)) consider(c, similarity(window, head.spaced) * 0.9, window)
    for (const t of tokens) consider(c, similarity(t, head.joined) * 0.9, t)
  }
  if (name.first !== null && !shared.has(name.first)) {
    for (const t of tokens) consider(c, similarity(t, name.first) * 0.9, t)
    for (const t of proper) if (isStemOf(t, name.first)) consider(c, 0.82, t)
  }
  // The name without its first words, two or more of the later ones ("Alto Mar" for Cerealera Alto
  // Mar S.A.): the trading name inside a longer legal one.
  for (const run of name.runs) {
    for (const window of windowsOf(text, run.k)) consider(c, similarity(window, run.spaced) * 0.92, window)
  }
  // A distinctive later word, typically a family name ("Köhler" for Fahrzeugbau Köhler GmbH).
  // Not the word right after a count ("1,150 crates" names what was counted, not Harbour Crates Ltd).
  // Not a word several customers' names share ("Dental" of three dental clinics, as the first word
  // above): it names none of them.
  for (const w of name.later) {
    if (shared.has(w)) continue
    tokens.forEach((t, i) => {
      if (t === w && !text.afterCount[i]) consider(c, 0.85, t)
    })
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000

/** Every customer the text names at `min` or better, best first ("Globex … not Initech": both). */
export function matchCustomersInText(text: string, customers: readonly CustomerLike[], min = 0.8): CustomerMatch[] {
  const out: CustomerMatch[] = []
  for (const c of customers) {
    // The better of the name's words and its initials: a weak match of one word ("cape" somewhere in
    // the text) must not hide "CFL" typed for Cave Fine Linen.
    const m = [
      matchCustomer(text, [c], customers),
      matchInitials(text, c),
      matchCjkName(text, c),
      matchAccountCode(text, c),
    ]
      .filter((x): x is CustomerMatch => x !== null)
      .sort((a, b) => b.score - a.score)[0]
    if (m && m.score >= min) out.push(m)
  }
  // "Cedar Hollow school district" beside a customer called "Larkspur Valley School District": words that
  // another customer's name holds too name neither of them where a customer is named by words of its own.
  if (out.length < 2) return out
  const wordsOf = (s: string): string[] =>
    fold(s)
      .toLowerCase()
      .match(/\p{L}{3,}/gu) ?? []
  const nameWords = new Map(customers.map((c) => [c.id, new Set(wordsOf(c.name))]))
  const inOthers = (id: string, w: string): boolean => customers.some((o) => o.id !== id && nameWords.get(o.id)?.has(w))
  const said = new Set(wordsOf(text))
  // A customer named by its own words: the words matched, or a word of its name no other name holds.
  const byOwnWords = (m: CustomerMatch): boolean =>
    wordsOf(m.matched).some((w) => !inOthers(m.id, w)) ||
    [...(nameWords.get(m.id) ?? [])].some((w) => said.has(w) && !inOthers(m.id, w))
  const own = out.filter(byOwnWords)
  return (own.length && own.length < out.length ? own : out).sort((a, b) => b.score - a.score)
}

/**
 * The customer's account code as the ledger keeps it, typed in capitals ("TWX" or "C-TWX" for the
 * customer C-TWX): specialists name customers by the code their system shows. Three letters or more,
 * never a currency's code.
 */
function matchAccountCode(text: string, c: CustomerLike): CustomerMatch | null {
  const pattern = accountCodeOf(c.id)
  const m = pattern?.exec(text)
  return m ? { id: c.id, name: c.name, score: 0.85, matched: m[0] } : null
}
const accountCodeOf = memoizedByText((id): RegExp | null => {
  const code = /^(?:[A-Z]{1,4}[-_])?([A-Z]{3,})$/.exec(id)?.[1]
  return code && !isCurrencyCode(code)
    ? new RegExp(
        `(?<![A-Za-z0-9-])(?:${id.slice(0, id.length - code.length).replace(/[-_]/g, '[-_]')})?${code}(?![A-Za-z0-9])`,
      )
    : null
}, 50_000)

/** Legal forms of Japanese, Korean and Chinese company names, before or after the name itself. */
const CJK_LEGAL_FORM =
  /株式会社|有限会社|合同会社|\(株\)|（株）|\(주\)|（주）|주식회사|유한회사|有限公司|股份有限公司|公司/g
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/u

/**
 * A name written in Han, kana or hangul, named by its first two characters and more ("北上AE" for
 * 北上オートエレクトロニクス株式会社, "구미" for (주)구미센서텍): people shorten such names from the front,
 * leaving the legal form out. Two characters of a run the message writes.
 */
function matchCjkName(text: string, c: CustomerLike): CustomerMatch | null {
  const run = CJK_RUN.exec(c.name.replace(CJK_LEGAL_FORM, ' '))?.[0]
  if (!run) return null
  const head = run.slice(0, 2)
  const at = text.indexOf(head)
  return at >= 0 ? { id: c.id, name: c.name, score: 0.85, matched: head } : null
}

/** Words a name's initials leave out ("Talleres Metálicos del Norte" is TMN). */
const PARTICLES = new Set(vocab.nameParticles as string[])
/** Legal forms written with dots ("S.A. de C.V.", "B.V.", "S.p.A."): not part of the initials. */
const DOTTED_FORM = /(?:\b[A-Za-z]{1,2}\.)+(?:\s*(?:de|&)\s*(?:[A-Za-z]{1,2}\.)+)*/g

/**
 * Initials typed in capitals: "TVB" for Tri-Valley Builders Corp, "TMN" for Talleres Metálicos
 * del Norte S.A. de C.V. (particles and legal forms left out); three letters or more. The initials of
 * the first words alone ("CSL" for Clínica Santa Lucía de Valencia) count a little less, never when
 * the letters are a currency code.
 */
function matchInitials(text: string, c: CustomerLike): CustomerMatch | null {
  for (const [pattern, score] of initialsOf(c.name)) {
    const m = pattern.exec(text)
    if (m) return { id: c.id, name: c.name, score, matched: m[0] }
  }
  return null
}

/** The initials a name may be typed as, best first, as compiled patterns: once per name, not per turn. */
const initialsOf = memoizedByText((name): [RegExp, number][] => {
  const found: [RegExp, number][] = []
  const split = fold(name)
    .replace(DOTTED_FORM, ' ')
    .split(/[^A-Za-z0-9]+/)
  const parts = split.filter((w) => w && !LEGAL.has(w.toLowerCase()) && !PARTICLES.has(w.toLowerCase()) && w !== '&')
  if (parts.length >= 3 || (parts.length === 2 && parts.every((p) => p.length >= 3))) {
    const letters = parts.map((p) => p[0]!.toUpperCase())
    const tries: [string, number][] = [[letters.join(''), 0.85]]
    // With the legal form's letter after them ("ABPC" for Alpine Bay Packing Corp.), as initials are often typed.
    const legal = split.filter((w) => LEGAL.has(w.toLowerCase()))
    const withForm = letters.join('') + (legal[0]?.[0]?.toUpperCase() ?? '')
    if (legal.length === 1 && !isCurrencyCode(withForm)) tries.push([withForm, 0.85])
    for (let k = letters.length - 1; k >= 3; k--) tries.push([letters.slice(0, k).join(''), 0.8])
    for (const [initials, score] of tries) {
      if (initials.length < 3 || (score < 0.85 && isCurrencyCode(initials))) continue
      found.push([new RegExp(`(?<![A-Za-z0-9])${initials}(?![A-Za-z0-9])`), score])
    }
  }
  // A particle between two words kept as a small letter: "HyP" for Hornos y Parrillas del Sur, "P&W".
  const words = fold(name)
    .replace(DOTTED_FORM, ' ')
    .split(/[^A-Za-z0-9&]+/)
    .filter((w) => w && !LEGAL.has(w.toLowerCase()))
  const significant = words.filter((w) => !PARTICLES.has(w.toLowerCase()) && w !== '&').length
  const mixed: string[] = []
  let capitals = 0
  for (const w of words) {
    const particle = PARTICLES.has(w.toLowerCase()) || w === '&'
    if (particle && !capitals) continue
    mixed.push(particle ? (w === '&' ? '&' : w[0]!.toLowerCase()) : w[0]!.toUpperCase())
    if (!particle) capitals++
    // The first words alone, when a particle is inside them: "HyP" as well as "HyPS".
    if (!particle && capitals >= 2 && mixed.some((l) => l === '&' || /[a-z]/.test(l)))
      found.push([
        new RegExp(`(?<![A-Za-z0-9&])${mixed.join('')}(?![A-Za-z0-9&])`),
        capitals === significant ? 0.85 : 0.8,
      ])
  }
  return found
}, 50_000)
