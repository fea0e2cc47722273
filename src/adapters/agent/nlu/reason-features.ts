/**
 * Features for the reason classifier: lemma unigrams and bigrams and a 5-letter prefix of long words
 * (typo tolerance); numbers and invoice numbers become placeholders. Word-vector clusters and
 * nearest-word substitution were measured and did not help (docs/reasons.md).
 *
 * Negated and hypothetical words are marked, not dropped: inside the scope of "not", "no", "n't",
 * "never", "if"… (to the end of the clause) each feature is prefixed `~`. The model learns what a
 * negated word means: a negated event ("never arrived") is evidence, a negated reason ("it's not the
 * price", "no damage this time") points away. "X is fine / correct / not the issue" marks its own
 * clause the same way.
 */
import { CLAUSE, fixSpelling, readText } from './text.ts'

const STOP = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'to', 'of', 'and', 'on', 'for', 'in', 'at'])
const INVOICE_LIKE = /^(?:#?[a-z]{1,5}-?\d{2,}[\w-]*|\d{3,})$/
const NEGATORS = new Set([
  'not',
  "n't",
  'no',
  'never',
  'nothing',
  'none',
  'without',
  'neither',
  'nor',
  'if',
  'unless',
  'whether',
  'would',
])
/** Words that end a negation's scope besides punctuation: the claim turns here. */
const SCOPE_END = new Set([
  'but',
  'just',
  'rather',
  'instead',
  'however',
  'though',
  'although',
  'because',
  'so',
  'only',
])
const FINE =
  /\b(?:is|are|was|were|'s|looks?|seems?)\s+(?:fine|ok|okay|correct|right|accurate|good|not the (?:issue|problem))\b/i

export interface FeatureOptions {
  negation?: boolean
}

const DEFAULTS: Required<FeatureOptions> = { negation: true }

/** Verbs of claiming: "not disputing the tax", "not saying it's damaged" rule the reason out. */
const CLAIM_VERBS = new Set([
  'dispute',
  'say',
  'complain',
  'question',
  'argue',
  'claim',
  'query',
  'mean',
  'talk',
  'mention',
  'contest',
  'challenge',
  'raise',
  'think',
  'suggest',
])
const SKIP_POS = new Set(['DET', 'ADV', 'PART', 'AUX', 'PRON', 'ADP'])
/** Verbs whose negation moves to the verb after them: "not think / believe they owe it". */
const RAISING = new Set(['think', 'believe', 'feel', 'reckon', 'expect', 'see'])

/**
 * Whether an active verb follows the one at j in the same clause, past pronouns and auxiliaries
 * ("they owe", not "it was damaged": a state after "be" stays the thing ruled out).
 */
function nextVerb(j: number, lemmas: readonly string[], pos: readonly string[]): boolean {
  for (let k = j + 1; k < lemmas.length && k <= j + 4; k++) {
    const p = pos[k] ?? ''
    if (p === 'VERB') return (lemmas[k - 1] ?? '').toLowerCase() !== 'be'
    if (!SKIP_POS.has(p) && p !== 'SCONJ') return false
  }
  return false
}

/**
 * Whether a negator at i rules a reason out (its scope is marked) or negates an event that is
 * itself the claim ("never arrived", "didn't turn up": not marked). Hypotheticals always mark.
 */
function scopeOf(i: number, lemmas: readonly string[], pos: readonly string[], surface: string): number {
  const END = lemmas.length
  if (surface === 'if' || surface === 'unless' || surface === 'whether' || surface === 'would') return END
  for (let j = i + 1; j < lemmas.length; j++) {
    const p = pos[j] ?? ''
    if (SKIP_POS.has(p)) continue
    if (p === 'VERB') {
      const verb = (lemmas[j] ?? '').toLowerCase()
      // "don't think they owe the interest" negates the owing, not the thinking: the claim itself.
      if (RAISING.has(verb) && nextVerb(j, lemmas, pos)) return 0
      return CLAIM_VERBS.has(verb) ? END : 0
    }
    // "no damage this time", "not the late fee": the noun phrase only, so "no idea what this line is
    // for" keeps "line" as evidence. An adjective ("nothing wrong with the tax") reaches the clause end.
    if (p === 'NOUN' || p === 'PROPN') {
      let k = j
      while (pos[k + 1] === 'NOUN' || pos[k + 1] === 'PROPN') k++
      return k + 1
    }
    return p === 'PUNCT' ? 0 : END
  }
  return 0
}

function clauseWords(
  clause: string,
  options: Required<FeatureOptions>,
): { word: string; surface: string; neg: boolean }[] {
  const { tokens, lemmas, types, pos } = readText(clause)
  const out: { word: string; surface: string; neg: boolean }[] = []
  const wholeClause = options.negation && FINE.test(clause)
  let negatedUntil = 0
  for (let i = 0; i < lemmas.length; i++) {
    let negated = i < negatedUntil
    const surface = (tokens[i] ?? '').toLowerCase()
    const lemma = (lemmas[i] ?? '').toLowerCase()
    const type = types[i]
    if (type === 'punctuation' || type === 'symbol' || type === 'emoji') continue
    if (options.negation && SCOPE_END.has(surface)) {
      negated = false
      negatedUntil = 0
    }
    let word: string
    if (type === 'number' || /^\d[\d.,]*$/.test(lemma)) word = '<num>'
    else if (INVOICE_LIKE.test(lemma)) word = '<ref>'
    else if (type === 'currency') word = '<cur>'
    else word = lemma.replace(/[^a-z'<>]/g, '') || lemma
    out.push({ word, surface, neg: wholeClause || negated })
    const isNegator = NEGATORS.has(surface) || NEGATORS.has(lemma) || surface.endsWith("n't")
    if (options.negation && !negated && isNegator) negatedUntil = scopeOf(i, lemmas, pos, surface)
  }
  return out
}

export function reasonFeatures(text: string, options: FeatureOptions = {}): string[] {
  const o = { ...DEFAULTS, ...options }
  const fixed = fixSpelling(text)
  const out: string[] = []
  for (const m of fixed.matchAll(CLAUSE)) {
    const words = clauseWords(m[0], o)
    for (let i = 0; i < words.length; i++) {
      const { word, neg } = words[i]!
      const mark = neg ? '~' : ''
      if (!STOP.has(word)) out.push(mark + word)
      if (word.length > 5 && !word.startsWith('<')) out.push(`${mark}p:${word.slice(0, 5)}`)
      const next = words[i + 1]
      if (next) out.push(`${mark}${word} ${next.word}`)
    }
  }
  return out
}
