/**
 * Turns a dispute description into weighted sparse features: word stems, domain concepts from the
 * synonym map (so "charged twice" and "duplicate invoice" share a feature) and character trigrams
 * (so "duplcate" still lands near "duplicate"). Pure and deterministic.
 */
import synonymsData from './data/synonyms.json' with { type: 'json' }

const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at for from by with as is are was were be been being it its this that these ' +
    'those they them their we our us you your he she his her i me my he him has have had do does did so if then ' +
    'than there here not no yes all any some per via into onto about after before over under up out off again ' +
    'can could would should will just also still now very too please pls asap re fw fwd ' +
    // Words every dispute has: they say nothing about which dispute this is.
    'invoice invoices inv customer customers client clients account say says said told asked ask asks wants want ' +
    'dispute disputed disputes disputing issue'
  ).split(' '),
)

/** A light suffix stripper: enough to join "charged/charges/charging", cheap and predictable. */
export function stem(word: string): string {
  if (word.length <= 4) return word
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3)
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2)
  if (word.endsWith('es') && word.length > 5) return word.slice(0, -2)
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0)
}

interface Phrase {
  stems: string[]
  concept: string
}

function buildPhrases(groups: Record<string, string[]>): Map<string, Phrase[]> {
  const byFirst = new Map<string, Phrase[]>()
  for (const [concept, words] of Object.entries(groups)) {
    for (const w of words) {
      const stems = tokens(w).map(stem)
      const first = stems[0]
      if (!first) continue
      byFirst.set(first, [...(byFirst.get(first) ?? []), { stems, concept }])
    }
  }
  // Longest phrase first, so "late fee" wins over "late".
  for (const list of byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length)
  return byFirst
}

const PHRASES = buildPhrases(synonymsData.groups as Record<string, string[]>)

export type Features = Map<string, number>

const WORD_WEIGHT = 1
const CONCEPT_WEIGHT = 1.3
const GRAM_WEIGHT = 0.5

function add(f: Features, key: string, w: number): void {
  f.set(key, (f.get(key) ?? 0) + w)
}

export function features(text: string): Features {
  const raw = tokens(text)
  const stems = raw.map(stem)
  const f: Features = new Map()
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i] as string
    for (const p of PHRASES.get(s) ?? []) {
      if (p.stems.every((x, k) => stems[i + k] === x)) {
        add(f, `c:${p.concept}`, CONCEPT_WEIGHT)
        break
      }
    }
    if (STOPWORDS.has(raw[i] as string) || /^\d+$/.test(s)) continue
    add(f, `w:${s}`, WORD_WEIGHT)
    const padded = `#${s}#`
    const n = padded.length - 2
    for (let k = 0; k < n; k++) add(f, `g:${padded.slice(k, k + 3)}`, GRAM_WEIGHT / Math.sqrt(n))
  }
  return f
}
