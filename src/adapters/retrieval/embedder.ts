import { toSql } from 'pgvector'

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

/** Six decimals are within a float4's precision for a unit vector's components. */
const sixDecimals = (x: number): number => Math.round(x * 1e6) / 1e6 || 0

/**
 * A vector as a query parameter, in pgvector's text form ("[0.1,0.2,...]"), by the `pgvector`
 * package's own `toSql`. Components are rounded to six decimals first: its form is JSON at full
 * double precision, which on a local 128-d vector is 1,031 characters against 565 rounded.
 */
export function toVectorLiteral(v: readonly number[]): string {
  return toSql(v.map(sixDecimals)) as string
}
