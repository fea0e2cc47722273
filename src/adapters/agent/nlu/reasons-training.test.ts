import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ownPhrasings } from './training-data.ts'

// The fresh test sets measure wording the model has never seen: none of their sentences (of 3
// words or more; "cheers" is everywhere) may appear in the training phrasings, and for the second
// set, written with this check, no run of 6 words of one either.
const RUN = 6
const words = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/'/g, '')
    .match(/[a-z0-9]+/g) ?? []

function testSet(file: string): string[] {
  const data = JSON.parse(readFileSync(new URL(`data/${file}`, import.meta.url), 'utf8')) as {
    cases: [string, string][]
  }
  return data.cases.map(([text]) => text)
}

const training = ownPhrasings().map((r) => ` ${words(r.text).join(' ')} `)

function leaks(sentences: readonly string[], runs: boolean): string[] {
  const found = new Set<string>()
  for (const s of sentences) {
    const w = words(s)
    if (w.length >= 3 && training.some((t) => t === ` ${w.join(' ')} `)) found.add(s)
    for (let i = 0; runs && i + RUN <= w.length; i++) {
      const run = w.slice(i, i + RUN).join(' ')
      if (training.some((t) => t.includes(` ${run} `))) found.add(`${s} → "${run}"`)
    }
  }
  return [...found]
}

describe('fresh reason test sets stay unseen by training', () => {
  it('no sentence of data/reason-testset.json is in phrasings.json', () => {
    const sentences = testSet('reason-testset.json')
    expect(sentences.length).toBeGreaterThan(150)
    expect(leaks(sentences, false)).toEqual([])
  })

  it('no sentence of data/reason-testset-2.json, nor a 6-word run of one, is in phrasings.json', () => {
    const sentences = testSet('reason-testset-2.json')
    expect(sentences.length).toBeGreaterThanOrEqual(120)
    expect(leaks(sentences, true)).toEqual([])
  })

  it('no sentence of data/reason-testset-3.json, nor a 6-word run of one, is in phrasings.json', () => {
    const sentences = testSet('reason-testset-3.json')
    expect(sentences.length).toBeGreaterThanOrEqual(200)
    expect(leaks(sentences, true)).toEqual([])
  })

  it('would catch a test sentence copied into training, whole or inside a longer one', () => {
    const copied = ownPhrasings().find((r) => words(r.text).length >= RUN)?.text ?? ''
    expect(leaks([copied], false)).toEqual([copied])
    expect(leaks([`Hi team, ${copied}`], true).length).toBeGreaterThan(0)
  })
})
