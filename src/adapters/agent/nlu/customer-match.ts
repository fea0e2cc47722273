/**
 * Which ledger customer a message names: "globex", "Globex Corp", "Wayne's", a typo like
 * "Intiech". Names are compared without legal suffixes (Inc, LLC, Corp…) by optimal-string-
 * alignment distance (Damerau-Levenshtein with adjacent transpositions), so one slip of the
 * fingers still matches while a different word does not.
 */

import { fold } from './fold.ts'
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
    .replace(/[^a-z0-9&]+/g, ' ')
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
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 0; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  }
  return d[a.length]![b.length]!
}

/** Similarity in [0, 1]; a typo allowance that grows with length (none under 4 letters). */
function similarity(a: string, b: string): number {
  if (a === b) return 1
  const longest = Math.max(a.length, b.length)
  const allowed = longest < 4 ? 0 : longest < 8 ? 1 : 2
  // The distance is at least the difference in length (and 1 for different strings): most pairs
  // are out of reach before the table is built.
  if (allowed === 0 || Math.abs(a.length - b.length) > allowed) return 0
  const dist = osaDistance(a, b)
  return dist <= allowed ? 1 - dist / longest : 0
}

export function matchCustomer(text: string, customers: readonly CustomerLike[]): CustomerMatch | null {
  const tokens = words(text)
  const proper = properWords(text)
  let best: CustomerMatch | null = null
  const consider = (c: CustomerLike, s: number, matched: string) => {
    if (s > 0 && (!best || s > best.score)) best = { id: c.id, name: c.name, score: round(s), matched }
  }
  for (const c of customers) {
    for (const name of nameForms(c.name)) matchName(c, name, tokens, consider, proper)
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

/** A name's core words, plain and with umlauts spelled out, computed once per name (a turn reads every customer). */
const forms = new Map<string, string[][]>()
function nameForms(name: string): string[][] {
  let f = forms.get(name)
  if (!f) {
    f = [...new Set([core(name).join(' '), core(name, true).join(' ')])].map((n) => n.split(' ').filter(Boolean))
    if (forms.size >= 50_000) forms.clear()
    forms.set(name, f)
  }
  return f
}

function matchName(
  c: CustomerLike,
  name: string[],
  tokens: readonly string[],
  consider: (c: CustomerLike, s: number, matched: string) => void,
  proper: ReadonlySet<string> = new Set(),
): void {
  if (!name.length) return
  const target = name.join(' ')
  // Try the whole core name against each window of as many words, then its first words alone.
  for (let i = 0; i + name.length <= tokens.length; i++) {
    const window = tokens.slice(i, i + name.length).join(' ')
    consider(c, similarity(window, target), window)
  }
  // A domain or handle writes the name as one word ("waynefoods.com").
  if (name.length > 1) {
    const joined = name.join('')
    for (const t of tokens) consider(c, similarity(t, joined), t)
  }
  // The first words of a longer name ("Tri-County" for Tri-County Builders), spaced or joined.
  for (let k = 2; k < name.length; k++) {
    const head = name.slice(0, k)
    if (head.join('').length < 6) continue
    for (let i = 0; i + k <= tokens.length; i++) {
      const window = tokens.slice(i, i + k).join(' ')
      consider(c, similarity(window, head.join(' ')) * 0.9, window)
    }
    for (const t of tokens) consider(c, similarity(t, head.join('')) * 0.9, t)
  }
  const first = name[0]!
  if (name.length > 1 && first.length >= 4 && !GENERIC.has(first)) {
    for (const t of tokens) consider(c, similarity(t, first) * 0.9, t)
    for (const t of proper) if (isStemOf(t, first)) consider(c, 0.82, t)
  }
  // The name without its first words, two or more of the later ones ("Alto Mar" for Cerealera Alto
  // Mar S.A.): the trading name inside a longer legal one.
  for (let s = 1; s + 2 <= name.length; s++) {
    for (let k = 2; s + k <= name.length; k++) {
      const run = name.slice(s, s + k)
      if (run.join('').length < 6) continue
      for (let i = 0; i + k <= tokens.length; i++) {
        const window = tokens.slice(i, i + k).join(' ')
        consider(c, similarity(window, run.join(' ')) * 0.92, window)
      }
    }
  }
  // A distinctive later word, typically a family name ("Köhler" for Fahrzeugbau Köhler GmbH).
  // Not the word right after a count ("1,150 crates" names what was counted, not Harbour Crates Ltd).
  for (const w of name.slice(1)) {
    if (w.length < 5 || COMMON.has(w) || GENERIC.has(w)) continue
    tokens.forEach((t, i) => {
      if (t === w && !/^\d/.test(tokens[i - 1] ?? '')) consider(c, 0.85, t)
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
    const m = [matchCustomer(text, [c]), matchInitials(text, c)]
      .filter((x): x is CustomerMatch => x !== null)
      .sort((a, b) => b.score - a.score)[0]
    if (m && m.score >= min) out.push(m)
  }
  return out.sort((a, b) => b.score - a.score)
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
const initialsCache = new Map<string, [RegExp, number][]>()
function initialsOf(name: string): [RegExp, number][] {
  let found = initialsCache.get(name)
  if (found) return found
  found = []
  const parts = fold(name)
    .replace(DOTTED_FORM, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !LEGAL.has(w.toLowerCase()) && !PARTICLES.has(w.toLowerCase()) && w !== '&')
  if (parts.length >= 3 || (parts.length === 2 && parts.every((p) => p.length >= 3))) {
    const letters = parts.map((p) => p[0]!.toUpperCase())
    const tries: [string, number][] = [[letters.join(''), 0.85]]
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
  if (initialsCache.size >= 50_000) initialsCache.clear()
  initialsCache.set(name, found)
  return found
}
