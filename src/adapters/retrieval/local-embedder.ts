/**
 * The default embedder: no network, no download, no fitted state. Sparse text features are hashed
 * with a sign (a sparse random projection with a fixed seed) into a small dense vector, then
 * scaled sub-linearly and normalised. Vectors are the same on every machine for the same text.
 */
import { type Embedder, l2Normalise } from './embedder.ts'
import { features } from './text-features.ts'

/** FNV-1a with a seed: fast, stable across platforms. */
function hash(s: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 16777619) >>> 0
  }
  // Final avalanche so nearby strings spread over the buckets.
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  return h >>> 0
}

export function embedText(text: string, dimension: number): number[] {
  const v = new Array<number>(dimension).fill(0)
  for (const [key, weight] of features(text)) {
    // Two buckets per feature halve the damage of any one collision.
    for (const seed of [0x9e3779b1, 0x7f4a7c15]) {
      const h = hash(key, seed)
      const sign = h & 1 ? 1 : -1
      const i = (h >>> 1) % dimension
      v[i] = (v[i] as number) + sign * Math.sqrt(weight)
    }
  }
  return l2Normalise(v)
}

export const LOCAL_EMBEDDER_VERSION = 'local-hash-v1'

export function localEmbedder(options: { dimension?: number } = {}): Embedder {
  const dimension = options.dimension ?? 128
  return {
    id: `${LOCAL_EMBEDDER_VERSION}/${dimension}`,
    dimension,
    embed: async (texts) => texts.map((t) => embedText(t, dimension)),
  }
}
