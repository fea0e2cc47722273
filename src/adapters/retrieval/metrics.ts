/** Ranking quality measures for the labelled set and the benchmark. */

/** Share of the top k that is relevant, out of what could be (min of k and the relevant count). */
export function recallAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) return 0
  const hits = ranked.slice(0, k).filter((id) => relevant.has(id)).length
  return hits / Math.min(k, relevant.size)
}

/** 1 / rank of the first relevant hit, 0 when none is ranked. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const i = ranked.findIndex((id) => relevant.has(id))
  return i < 0 ? 0 : 1 / (i + 1)
}

export const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0
  const sorted = [...xs].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] as number
}
