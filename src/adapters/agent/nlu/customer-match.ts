/**
 * Which ledger customer a message names: "globex", "Globex Corp", "Wayne's", a typo like
 * "Intiech". Names are compared without legal suffixes (Inc, LLC, Corp…) by optimal-string-
 * alignment distance (Damerau-Levenshtein with adjacent transpositions), so one slip of the
 * fingers still matches while a different word does not.
 */

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

const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)

const core = (name: string): string[] => {
  const w = words(name)
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
  const dist = osaDistance(a, b)
  return dist <= allowed ? 1 - dist / longest : 0
}

export function matchCustomer(text: string, customers: readonly CustomerLike[]): CustomerMatch | null {
  const tokens = words(text)
  let best: CustomerMatch | null = null
  for (const c of customers) {
    const name = core(c.name)
    if (!name.length) continue
    const target = name.join(' ')
    // Try the whole core name against each window of as many words, then its first word alone.
    for (let i = 0; i + name.length <= tokens.length; i++) {
      const window = tokens.slice(i, i + name.length).join(' ')
      const s = similarity(window, target)
      if (s > 0 && (!best || s > best.score)) best = { id: c.id, name: c.name, score: round(s), matched: window }
    }
    // A domain or handle writes the name as one word ("waynefoods.com").
    if (name.length > 1) {
      const joined = name.join('')
      for (const t of tokens) {
        const s = similarity(t, joined)
        if (s > 0 && (!best || s > best.score)) best = { id: c.id, name: c.name, score: round(s), matched: t }
      }
    }
    const first = name[0]!
    if (name.length > 1 && first.length >= 4 && !GENERIC.has(first)) {
      for (const t of tokens) {
        const s = similarity(t, first) * 0.9
        if (s > 0 && (!best || s > best.score)) best = { id: c.id, name: c.name, score: round(s), matched: t }
      }
    }
  }
  return best
}

const round = (x: number): number => Math.round(x * 1000) / 1000
