/**
 * The eval cases are a tuning set: the NLU may be measured on them, never fed their words. This
 * test fails when a turn of evals/cases or of the contract's examples (a whole turn of 3+ words,
 * or any run of 6 words of one) appears in the NLU's data, patterns and training phrases, or when a
 * run of 6 words of one appears in a comment or string of the NLU source; and when a run of 6 words
 * of a held-out turn appears in the training phrasings.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../../../../', import.meta.url)
const NLU = new URL('./', import.meta.url)
const RUN = 6

function caseTurns(dir: URL): { file: string; turn: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.case.json'))
    .sort()
    .flatMap((file) => {
      const c = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { turns?: unknown }
      return Array.isArray(c.turns)
        ? c.turns.filter((t): t is string => typeof t === 'string').map((turn) => ({ file, turn }))
        : []
    })
}

/** Lower-case words only: punctuation, quotes and regex escapes (`\b`, `\s`) never hide a phrase. */
const words = (s: string): string[] =>
  s
    .replace(/\\[bBsSdDwW]/g, ' ')
    .toLowerCase()
    .replace(/'/g, '')
    .match(/[a-z0-9]+/g) ?? []

// The contract's examples are copied into evals/cases (identical files), so a clone alone has them all.
const TURNS = caseTurns(new URL('evals/cases/', ROOT))

interface Needle {
  phrase: string
  from: string
}

const runs: Needle[] = []
const wholeTurns: Needle[] = []
for (const { file, turn } of TURNS) {
  const w = words(turn)
  if (w.length >= 3 && w.length < RUN) wholeTurns.push({ phrase: w.join(' '), from: file })
  for (let i = 0; i + RUN <= w.length; i++) runs.push({ phrase: w.slice(i, i + RUN).join(' '), from: file })
}

/** The needles by phrase, with the lengths (in words) they come in: a text is then read once, window by
 *  window, instead of once per needle (tens of thousands of them over thousands of comments took half a minute). */
interface NeedleIndex {
  byPhrase: Map<string, string[]>
  lengths: number[]
}
const indexes = new WeakMap<readonly Needle[], NeedleIndex>()
function indexOf(needles: readonly Needle[]): NeedleIndex {
  let index = indexes.get(needles)
  if (!index) {
    const byPhrase = new Map<string, string[]>()
    for (const n of needles) byPhrase.set(n.phrase, [...(byPhrase.get(n.phrase) ?? []), n.from])
    const lengths = [...new Set(needles.map((n) => n.phrase.split(' ').length))]
    index = { byPhrase, lengths }
    indexes.set(needles, index)
  }
  return index
}

function leaks(text: string, needles: readonly Needle[]): string[] {
  const { byPhrase, lengths } = indexOf(needles)
  const w = words(text)
  const found = new Set<string>()
  for (const length of lengths)
    for (let i = 0; i + length <= w.length; i++) {
      const phrase = w.slice(i, i + length).join(' ')
      for (const from of byPhrase.get(phrase) ?? []) found.add(`"${phrase}" (${from})`)
    }
  return [...found]
}

/** Comments and string literals of a TypeScript file: where example phrasings and patterns live. */
function commentsAndStrings(source: string): string[] {
  return source.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g) ?? []
}

// The held-out batches are never tuned on: the training phrasings may not carry their words either.
const HELDOUT = new URL('evals/heldout/', ROOT)
const heldoutRuns: Needle[] = readdirSync(HELDOUT)
  .filter((d) => d.startsWith('batch-'))
  .flatMap((d) => caseTurns(new URL(`${d}/`, HELDOUT)).map((t) => ({ ...t, file: `${d}/${t.file}` })))
  .flatMap(({ file, turn }) => {
    const w = words(turn)
    return Array.from({ length: Math.max(0, w.length - RUN + 1) }, (_, i) => ({
      phrase: w.slice(i, i + RUN).join(' '),
      from: file,
    }))
  })

const runsAndWholeTurns = [...runs, ...wholeTurns]
const dataFiles = readdirSync(new URL('data/', NLU)).filter((f) => f.endsWith('.json'))
const sourceFiles = readdirSync(NLU).filter((f) => f.endsWith('.ts'))

describe('no eval phrasing in the NLU', () => {
  it('finds the eval turns to check against', () => {
    expect(TURNS.length).toBeGreaterThan(100)
    expect(runs.length).toBeGreaterThan(500)
  })

  it.each(dataFiles)('data/%s holds no eval turn and no 6-word run of one', (file) => {
    const text = readFileSync(new URL(`data/${file}`, NLU), 'utf8')
    expect(leaks(text, runsAndWholeTurns)).toEqual([])
  })

  it('data/phrasings.json (the training phrasings) holds no 6-word run of a held-out turn', () => {
    expect(heldoutRuns.length).toBeGreaterThan(5000)
    const text = readFileSync(new URL('data/phrasings.json', NLU), 'utf8')
    expect(leaks(text, heldoutRuns)).toEqual([])
  })

  it.each(sourceFiles.filter((f) => !f.endsWith('.test.ts')))(
    '%s quotes no 6-word run of an eval turn in its comments or strings',
    (file) => {
      const parts = commentsAndStrings(readFileSync(new URL(file, NLU), 'utf8'))
      expect(parts.flatMap((p) => leaks(p, runs))).toEqual([])
    },
  )

  it.each(sourceFiles.filter((f) => f.endsWith('.test.ts')))(
    '%s quotes no 6-word run of an eval turn in its comments',
    (file) => {
      const comments = commentsAndStrings(readFileSync(new URL(file, NLU), 'utf8')).filter((p) => p.startsWith('/'))
      expect(comments.flatMap((p) => leaks(p, runs))).toEqual([])
    },
  )

  it('catches a leak through punctuation and regex escapes', () => {
    const needle = runs[0]
    expect(needle).toBeDefined()
    const disguised = `{"pattern": "\\\\b${needle?.phrase.split(' ').join(',  \\\\s')}"}`
    expect(leaks(disguised, runs).length).toBeGreaterThan(0)
  })
})
