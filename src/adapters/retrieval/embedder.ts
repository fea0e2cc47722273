/**
 * One interface for every embedding provider. The id and dimension are stored with the vectors, so a
 * change of provider is detected and `npm run reembed` rebuilds the column and its index.
 */
export interface Embedder {
  /** Stable name of the provider and its settings ("local-hash-v1/128", "openai/text-embedding-3-small/128"). */
  readonly id: string
  readonly dimension: number
  /** One unit-length vector per text, in order. */
  embed(texts: string[]): Promise<number[][]>
}

export function l2Normalise(v: number[]): number[] {
  let sum = 0
  for (const x of v) sum += x * x
  if (sum === 0) return v
  const inv = 1 / Math.sqrt(sum)
  return v.map((x) => x * inv)
}

/**
 * pgvector's text form: "[0.1,0.2,...]". Fixed precision keeps parameters small and inserts fast: the
 * `pgvector` npm package's `toSql` is `JSON.stringify` at full double precision (1.7x longer on a local
 * vector, about 2x on a dense one) and needs `node:util`; its `fromSql` we never need (vectors are
 * only written), so the package is not a dependency. Six decimals are within a float4's precision
 * for a unit vector's components.
 */
export function toVectorLiteral(v: readonly number[]): string {
  return `[${v.map((x) => (x === 0 ? '0' : x.toFixed(6))).join(',')}]`
}
